"""The user's learning-rate schedule against the `fit` it drives, for `Watch`.

A schedule spent early in the budget (`measure.rate_profile`: decay_steps given in epochs
instead of optimizer steps) is a fact read off the optimizer and the `fit` call, not a
guess that needs a retrained model to confirm, so the callback reports it before the first
step (a fixed learning rate far from the optimizer's default is not reported: harmless under
some architectures).
"""

from __future__ import annotations

from typing import Any

import keras

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.detect.preflight.learning_rate import spent_schedule
from autotrainer_keras.measure.rate_profile import collapse_share
from autotrainer_keras.problems import Finding


def schedule_findings(
    model: keras.Model, params: dict[str, Any], settings: AutotrainerConfig
) -> list[Finding]:
    """The finding of a schedule spent early in this `fit` (Keras' `params`: epochs and
    steps per epoch), or none (a fixed rate, no known budget, pre-flight switched off)."""
    thresholds = settings.detection.preflight
    epochs, steps = params.get("epochs"), params.get("steps")
    optimizer = getattr(model, "optimizer", None)
    if not thresholds.enabled or not epochs or not steps or optimizer is None:
        return []
    try:
        schedule = keras.optimizers.serialize(optimizer)["config"].get("learning_rate")
    except (ValueError, TypeError, KeyError, AttributeError, RuntimeError):
        return []  # a custom schedule without `get_config` (NotImplementedError): not read
    share = collapse_share(schedule, int(epochs) * int(steps), thresholds.schedule_floor)
    finding = spent_schedule(share, thresholds)
    return [] if finding is None else [finding]
