"""A dropout rate so high that most of a layer's signal is dropped at every step."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def high_dropout(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a Dropout-like layer's rate, or a recurrent layer's `dropout` or
    `recurrent_dropout`, is above `dropout_rate`. Keras' `rate` is the share dropped: a rate
    written as TF1's `keep_prob` (0.8, 0.9) keeps only 20 or 10 % of the units. Else
    `_input_dropout`."""
    m = facts.model
    if m.max_dropout <= t.dropout_rate:
        return _input_dropout(facts, t)
    return setup_finding(
        SetupProblem.HIGH_DROPOUT,
        f"layer '{m.dropout_layer}' drops {num(m.max_dropout)} of its units at every step "
        f"(Keras' rate is the share dropped, not kept): so little signal gets through that "
        "the model learns slowly and underfits",
        {"dropout_rate": m.max_dropout},
        {"dropout_rate": t.dropout_rate},
        layer=m.dropout_layer,
    )


def _input_dropout(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a Dropout-like layer the inputs pass through first drops at least
    `input_dropout_rate` of the input features: what a hidden layer's 0.5 regularises
    leaves too little of each row to learn from (practice batch 26's attention pooling:
    0.62 against 0.95)."""
    m = facts.model
    if m.input_dropout < t.input_dropout_rate:
        return None
    return setup_finding(
        SetupProblem.HIGH_DROPOUT,
        f"layer '{m.input_dropout_layer}' drops {num(m.input_dropout)} of the input features "
        "at every step, before any layer has seen them (dropout on the inputs is usually "
        "0.1-0.2): each row keeps too little of itself for the model to learn from",
        {"dropout_rate": m.input_dropout, "on_input": 1.0},
        {"input_dropout_rate": t.input_dropout_rate},
        layer=m.input_dropout_layer,
    )
