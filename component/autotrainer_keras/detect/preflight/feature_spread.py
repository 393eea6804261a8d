"""Tabular columns of very different scales: the large ones dominate the first layer."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.preflight.input_scale import own_maps_scale
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.normalized_spread import NormalizedSpread
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def feature_spread(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires for tabular rows whose largest feature scale is at least `feature_spread` x the
    median one (and above `feature_spread_min_scale`), unless the model normalises each of
    them (a `Normalization(axis=None)` divides every column by one scale: their ratio stays)
    or maps them before its first weights (`ModelFacts.transforms_input`), or through a layer
    of its own onto unit scale (`own_maps_scale`). A per-column Normalization is read by what
    it leaves (`_normalized_off`)."""
    d, m = facts.data, facts.model
    scaled = m.normalizes_input and not m.scalar_normalization  # axis=None: one scale for all
    if scaled and m.normalized is not None:
        return _normalized_off(m.normalized, t)
    if m.token_input or scaled or m.transforms_input or own_maps_scale(facts, t):
        return None
    if d.row_rank != 1 or d.median_scale <= 0:
        return None
    ratio = d.max_scale / d.median_scale
    if ratio < t.feature_spread or d.max_scale <= t.feature_spread_min_scale:
        return None
    return setup_finding(
        SetupProblem.UNSCALED_INPUT,
        f"input column {d.widest_feature} has scale {num(d.max_scale)}, {num(ratio)} x the "
        f"median column ({num(d.median_scale)}): it dominates the first layer and the small "
        "columns are barely learned from; normalise the columns",
        {"max_scale": d.max_scale, "median_scale": d.median_scale, "ratio": ratio},
        {"feature_spread": t.feature_spread, "min_scale": t.feature_spread_min_scale},
    )


def _normalized_off(n: NormalizedSpread, t: PreflightThresholds) -> Finding | None:
    """Fires when the model's first per-column Normalization leaves some varying training
    column with a standard deviation of `normalized_off` or more, or of its inverse or less:
    its statistics are not these columns' (adapted on the targets or other data, or given a
    standard deviation as the variance)."""
    off = max(n.widest_std, 1.0 / max(n.narrowest_std, 1e-12))
    if off < t.normalized_off:
        return None
    return setup_finding(
        SetupProblem.UNSCALED_INPUT,
        f"after the model's Normalization layer '{n.layer}' the training columns still have "
        f"very different spreads: column {n.widest} a standard deviation of "
        f"{num(n.widest_std)}, column {n.narrowest} {num(n.narrowest_std)} (a layer adapted "
        "on these features leaves every column near 1): its mean and variance are not the "
        "features' (adapted on the targets or on other data, or a standard deviation given "
        "as the variance?); adapt it on the training features",
        {"widest_std": n.widest_std, "narrowest_std": n.narrowest_std, "off": off},
        {"normalized_off": t.normalized_off},
        layer=n.layer,
    )
