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
    written as TF1's `keep_prob` (0.8, 0.9) keeps only 20 or 10 % of the units."""
    m = facts.model
    if m.max_dropout <= t.dropout_rate:
        return None
    return setup_finding(
        SetupProblem.HIGH_DROPOUT,
        f"layer '{m.dropout_layer}' drops {num(m.max_dropout)} of its units at every step "
        f"(Keras' rate is the share dropped, not kept): so little signal gets through that "
        "the model learns slowly and underfits",
        {"dropout_rate": m.max_dropout},
        {"dropout_rate": t.dropout_rate},
        layer=m.dropout_layer,
    )
