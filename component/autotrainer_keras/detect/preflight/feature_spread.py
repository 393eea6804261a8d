"""Tabular columns of very different scales: the large ones dominate the first layer."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def feature_spread(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires for tabular rows whose largest feature scale is at least `feature_spread` x the
    median one (and above `feature_spread_min_scale`), unless the model normalises each of
    them (a `Normalization(axis=None)` divides every column by one scale: their ratio stays)
    or maps them before its first weights (`ModelFacts.transforms_input`)."""
    d, m = facts.data, facts.model
    scaled = m.normalizes_input and not m.scalar_normalization  # axis=None: one scale for all
    if m.token_input or scaled or m.transforms_input:
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
