"""A dropout rate so high that most of a layer's signal is dropped at every step, or input
noise as large as the inputs themselves."""

from __future__ import annotations

import math

import numpy as np

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
    0.62 against 0.95). Else `_input_noise`."""
    m = facts.model
    if m.input_dropout < t.input_dropout_rate:
        return _input_noise(facts, t)
    return setup_finding(
        SetupProblem.HIGH_DROPOUT,
        f"layer '{m.input_dropout_layer}' drops {num(m.input_dropout)} of the input features "
        "at every step, before any layer has seen them (dropout on the inputs is usually "
        "0.1-0.2): each row keeps too little of itself for the model to learn from",
        {"dropout_rate": m.input_dropout, "on_input": 1.0},
        {"input_dropout_rate": t.input_dropout_rate},
        layer=m.input_dropout_layer,
    )


def data_spread(facts: SetupFacts) -> float:
    """The inputs' own standard deviation: the median over the features (one value for
    images and sequences), NaN when not measured (text)."""
    variance = facts.data.norm_variance
    if facts.data.text_input or not variance:
        return math.nan
    return float(np.sqrt(np.median(variance)))


def _input_noise(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a GaussianNoise layer the inputs reach before any weights has a standard
    deviation of at least `input_noise_share` x the inputs' own (`data_spread`, in the data's
    units): each row is more noise than signal at every step (practice batch 36's
    GaussianNoise(1.0) on pixels of sd 0.38, written for standardised data)."""
    m = facts.model
    spread = data_spread(facts)
    if not m.input_noise or not spread > 0 or m.input_noise < t.input_noise_share * spread:
        return None
    return setup_finding(
        SetupProblem.HIGH_DROPOUT,
        f"layer '{m.input_noise_layer}' adds noise of standard deviation {num(m.input_noise)} "
        f"to inputs whose own is {num(spread)} (input noise is usually a tenth of the data's "
        "spread or less, 1.0 only for standardised data): each row is more noise than signal "
        "and the model learns slowly and underfits",
        {"input_noise": m.input_noise, "input_spread": spread},
        {"input_noise_share": t.input_noise_share},
        layer=m.input_noise_layer,
    )
