"""The user's learning-rate schedule and weight average against the `fit` they drive, for
`Watch`.

A schedule spent early in the budget, or too steep to leave it more than a few steps'
worth of movement (`measure.rate_profile`: decay_steps given in epochs instead of optimizer
steps) is a fact read off the optimizer and the `fit` call, not a
guess that needs a retrained model to confirm, so the callback reports it before the first
step (a fixed learning rate far from the optimizer's default is not reported: harmless under
some architectures). So is a moving average of the weights (`use_ema`) whose momentum keeps
most of the initial weights over this fit's steps (`stale_average`).
"""

from __future__ import annotations

from typing import Any

import keras

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.detect.preflight.learning_rate import spent_schedule
from autotrainer_keras.detect.preflight.stale_average import stale_average_of
from autotrainer_keras.measure.rate_profile import rate_profile
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
    profile = rate_profile(schedule, int(epochs) * int(steps), thresholds.schedule_floor)
    spent = None if profile is None else spent_schedule(profile.spent_share, thresholds,
                                                        profile.mean_share)  # fmt: skip
    found = [spent, _stale_average(optimizer, epochs * steps, thresholds)]
    return [finding for finding in found if finding is not None]


def _stale_average(optimizer: Any, steps: int, thresholds: Any) -> Finding | None:
    """The finding of a moving average of the weights (`use_ema`) that still holds most of
    the initial weights after this `fit`'s steps (`stale_average`), or None."""
    inner = getattr(optimizer, "inner_optimizer", optimizer)  # a LossScaleOptimizer's own
    if not getattr(inner, "use_ema", False):
        return None
    momentum = float(getattr(inner, "ema_momentum", 0.99))
    return stale_average_of(momentum ** steps, momentum, thresholds)
