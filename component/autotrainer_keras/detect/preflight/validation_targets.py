"""Validation targets on another scale than the training targets (a log target trained on
while the validation targets stay raw, practice batch 47's house prices: training 11.6 +-
0.5, validation 1e5): the validation loss then measures other data, whatever the model
learned."""

from __future__ import annotations

import math

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def validation_targets(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires for continuous targets when all but the outlying 1 % on each side of the
    validation targets lie beyond the training targets' whole range, by at least
    `val_target_gap` of the training targets' largest standard deviation (rows drawn like
    the training rows overlap them)."""
    d = facts.data
    if d.label_kind != "continuous" or not d.y_std or math.isnan(d.y_val_low):
        return None
    spread = max(d.y_std)
    if not spread > 0:
        return None
    gap = max(d.y_val_low - d.y_max, d.y_min - d.y_val_high) / spread
    if gap < t.val_target_gap:
        return None
    return setup_finding(
        SetupProblem.VALIDATION_SHIFT,
        f"the validation targets lie between {num(d.y_val_low)} and {num(d.y_val_high)} (1st "
        f"to 99th percentile), outside the training targets' whole range {num(d.y_min)} to "
        f"{num(d.y_max)} by {num(gap)} of their standard deviations: the validation targets "
        "were not prepared as the training targets were (a log or a scaler applied to the "
        "training targets only?), so the validation loss measures other data",
        {"val_target_gap": gap, "y_val_low": d.y_val_low, "y_val_high": d.y_val_high},
        {"val_target_gap": t.val_target_gap},
    )
