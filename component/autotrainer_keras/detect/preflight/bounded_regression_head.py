"""A regression head whose final activation cannot reach the targets (sigmoid, ReLU, tanh)."""

from __future__ import annotations

import math

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import REGRESSION_LOSSES, setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

TARGETS = frozenset({"continuous", "integer"})
LOSSES = REGRESSION_LOSSES | {"mean_absolute_percentage_error"}
"""Losses of amounts a bounded head must reach (MAPE too: practice batch 9's
`mape_standardised_target`, a softplus head on standardised targets, loss stuck at 100)."""
RANGES: dict[str, tuple[float, float]] = {
    "sigmoid": (0.0, 1.0),
    "hard_sigmoid": (0.0, 1.0),
    "softmax": (0.0, 1.0),
    "tanh": (-1.0, 1.0),
    "softsign": (-1.0, 1.0),
    "relu": (0.0, float("inf")),
    "softplus": (0.0, float("inf")),
    "relu6": (0.0, 6.0),
}


def bounded_regression_head(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a regression loss is trained on continuous or integer targets (counts,
    ordinal grades) that lie outside the range of the output activation; or when the
    training targets fit it but more than 1 % of the validation targets leave it by more
    than `head_val_excess` of the training targets' span (a trending series min-max scaled
    on its training part: the head cannot follow the trend past 1; a few outlying values of
    a min-max scaled table, 1 in 16 000 at 1.18 in practice batch 28's autoencoder, are no
    such trend)."""
    m, d = facts.model, facts.data
    bounds, activation = _bounds(facts)
    if m.loss not in LOSSES or d.label_kind not in TARGETS or bounds is None:
        return None
    if d.label_kind == "integer" and m.output_units != max(1, d.label_columns):
        return None  # integer labels on a unit per class: a classifier, not a regression
    low, high = bounds
    evidence = {"y_min": d.y_min, "y_max": d.y_max, "output_min": low, "output_max": high}
    if not (low <= d.y_min and d.y_max <= high):
        return setup_finding(
            SetupProblem.OUTPUT_LOSS_MISMATCH,
            f"the regression head '{m.output_layer}' ends in {activation}, which only "
            f"outputs values in [{num(low)}, {num(high)}], but the targets range from "
            f"{num(d.y_min)} to {num(d.y_max)}",
            evidence,
            layer=m.output_layer,
        )
    excess = t.head_val_excess * max(d.y_max - d.y_min, 0.0)
    if not (d.y_val_low < low - excess or d.y_val_high > high + excess):  # NaN: no targets
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the regression head '{m.output_layer}' ends in {activation}, which only "
        f"outputs values in [{num(low)}, {num(high)}]: the training targets fit, but the "
        f"validation targets range from {num(d.y_val_min)} to {num(d.y_val_max)} (scaled on "
        "the training part of a trending series?), which it can never predict",
        {**evidence, "y_val_min": d.y_val_min, "y_val_max": d.y_val_max},
        {"head_val_excess": t.head_val_excess},
        layer=m.output_layer,
    )


def _bounds(facts: SetupFacts) -> tuple[tuple[float, float] | None, str]:
    """The output's range and what makes it: the output activation's, or a bounded
    activation's mapped by a final Rescaling of one scale and offset (a sigmoid scaled to a
    rating range: `sigmoid x 3 + 1`)."""
    m = facts.model
    if m.output_activation != "linear" or m.rescaled_activation not in RANGES:
        return RANGES.get(m.output_activation), m.output_activation
    if len(m.output_factor) != 1 or len(m.output_offset) > 1:
        return None, m.output_activation
    scale, offset = m.output_factor[0], (m.output_offset or (0.0,))[0]
    if scale == 0 or not math.isfinite(scale) or not math.isfinite(offset):
        return None, m.output_activation
    low, high = RANGES[m.rescaled_activation]
    ends = sorted((low * scale + offset, high * scale + offset))
    name = f"{m.rescaled_activation} x {scale:g} + {offset:g}"
    return (ends[0], ends[1]), name


def bounded_skip_correction(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a residual output (`ModelFacts.skip_correction`: x + f, or x - f) adds a
    correction f that ends in a bounded activation (`RANGES`) which cannot reach the
    corrections the targets need: at least skip_excess of the span of targets minus inputs
    (`DataFacts.residual_low` to `residual_high`, the 5th to 95th percentile) lies outside
    what f can add, and that span is at least skip_min_share of the targets' standard
    deviation. Practice batch 84's denoisers, `Subtract([noisy, noise(noisy)])` with a
    sigmoid or ReLU on the noise head: noise of one sign only is removed (plain val loss
    0.0226 and 0.0127, the input's own 0.0226, against 0.0028)."""
    m, d = facts.model, facts.data
    if m.loss not in LOSSES or not m.skip_correction or not math.isfinite(d.residual_low):
        return None
    layer, activation, sign = m.skip_correction
    bounds = RANGES.get(activation)
    if bounds is None:
        return None
    reach_low, reach_high = sorted((sign * bounds[0], sign * bounds[1]))
    low, high = d.residual_low, d.residual_high
    span = high - low
    spread = max(d.y_std, default=0.0)
    if not (span > 0 and span >= t.skip_min_share * spread):
        return None
    outside = max(reach_low - low, 0.0) + max(high - reach_high, 0.0)
    if outside < t.skip_excess * span:
        return None
    added = "adds" if sign > 0 else "takes away"
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the residual output '{m.output_skip}' {added} a correction from '{layer}', which "
        f"ends in {activation}: it can only change the inputs by [{num(reach_low)}, "
        f"{num(reach_high)}], but the targets differ from the inputs by {num(low)} to "
        f"{num(high)} (5th to 95th percentile), {outside / span:.0%} of that span out of "
        "its reach: a linear correction reaches both signs",
        {"residual_low": low, "residual_high": high, "correction_min": reach_low,
         "correction_max": reach_high, "outside_share": outside / span},
        {"skip_excess": t.skip_excess, "skip_min_share": t.skip_min_share},
        layer=layer,
    )
