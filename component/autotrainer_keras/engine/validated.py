"""A training's final validation metrics when `fit` has measured them already.

`fit` validates the weights at the end of every epoch. When the weights a segment leaves are
exactly those of one validated epoch (the last one, or the best one an `EarlyStopping` with
`restore_best_weights` puts back), that epoch's `val_*` logs are what `evaluate` on the
validation data would return: the same test function over the same batches of the same
weights. `AttemptTraining.result` then takes them instead of another validation pass (one
pass, its data pipeline and iterator: ~0.1 s of CPU per training on the second zoo's small
models, 0.15-0.2 s per healthy job).

Anything that could have changed the weights after that epoch was validated makes the answer
None and the caller evaluates: a callback not known to keep the weights, several restoring
ones, an optimizer with an exponential moving average (Keras swaps it in after the last
epoch), a training step recorded after the epoch ended.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import keras

from autotrainer_keras.measure.history import EpochRecord

KERAS_KEEPING_WEIGHTS: tuple[type[keras.callbacks.Callback], ...] = (
    keras.callbacks.ReduceLROnPlateau,
    keras.callbacks.TerminateOnNaN,
)
"""Keras callbacks that never set weights (`EarlyStopping` is read on its own)."""


def keeps_weights(callback: keras.callbacks.Callback) -> bool:
    """Whether `callback` never sets the model's weights: one of `KERAS_KEEPING_WEIGHTS`, or
    a class that declares `keeps_weights = True` in its own body (a subclass must say so
    itself: it may override what its parent left alone)."""
    cls = type(callback)
    return cls in KERAS_KEEPING_WEIGHTS or vars(cls).get("keeps_weights") is True


def _uses_ema(optimizer: Any) -> bool:
    inner = getattr(optimizer, "inner_optimizer", None)  # a LossScaleOptimizer's own
    return bool(getattr(optimizer, "use_ema", False) or getattr(inner, "use_ema", False))


def validated_metrics(
    segment: Sequence[EpochRecord],
    callbacks: Sequence[keras.callbacks.Callback],
    optimizer: Any,
    steps_recorded: int,
) -> dict[str, float] | None:
    """The validation metrics of the weights a `fit` segment left, as `evaluate` names them
    (canonical names without `val_`), when one of its epochs validated exactly those weights;
    None when they must be evaluated.

    Args:
        segment: The epoch records the segment appended, in order.
        callbacks: Every callback the segment ran (Keras' own History aside).
        optimizer: The optimizer that trained it.
        steps_recorded: Training steps recorded so far (`StepStatsBuffer.steps_recorded`).
    """
    if not segment or segment[-1].step != steps_recorded or _uses_ema(optimizer):
        return None
    restoring = []
    for callback in callbacks:
        if type(callback) is keras.callbacks.EarlyStopping:
            if callback.restore_best_weights and callback.best_weights is not None:
                restoring.append(callback)
        elif not keeps_weights(callback):
            return None
    if len(restoring) > 1:
        return None
    wanted = restoring[0].best_epoch if restoring else segment[-1].epoch
    record = next((r for r in segment if r.epoch == wanted), None)
    if record is None or "val_loss" not in record.logs:
        return None
    if any(key.startswith("val_val_") for key in record.logs):  # a metric named val_*
        return None
    return {key[4:]: value for key, value in record.logs.items() if key.startswith("val_")}
