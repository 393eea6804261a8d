"""The user's `LearningRateScheduler` callbacks on a candidate that changes the learning rate.

A scheduler sets the rate at every epoch start, so passed as it is to a candidate it undoes
the candidate's repair (practice batch 4's `sgd_nesterov_lr_5`: a step decay from 5.0 put
`lr_down` and `adam` back at 5.0, and both blew up). The candidate gets the user's schedule
scaled by its own rate over the original's: `schedule(epoch, lr / f) * f`, which keeps an
absolute schedule's shape (5.0 halved every 5 epochs becomes 0.5 halved every 5 epochs for
`lr_down` x0.1) and leaves a relative one (`lr * 0.9`) as it is. Other callbacks, Keras'
`ReduceLROnPlateau` included (it multiplies the current rate), join unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import keras

from autotrainer_keras.detect.text import num
from autotrainer_keras.engine.callback_modes import steers_training, watches_wrong_way
from autotrainer_keras.repair.spec import TrainingSpec


def rate_factor(original: TrainingSpec, candidate: TrainingSpec) -> float:
    """The candidate's fixed learning rate over the original's (1.0 when either is unset or
    a schedule)."""
    before, after = original.learning_rate, candidate.learning_rate
    if before is None or after is None or not before > 0 or not math.isfinite(after / before):
        return 1.0
    return after / before


def _scaled(schedule: Callable[..., float], factor: float) -> Callable[[int, float], float]:
    def scaled(epoch: int, lr: float) -> float:
        try:  # Keras' two call forms: schedule(epoch, lr), and schedule(epoch) of old
            value = schedule(epoch, lr / factor)
        except TypeError:
            value = schedule(epoch)
        return float(value) * factor

    return scaled


def for_candidate(
    callbacks: list[keras.callbacks.Callback], factor: float
) -> list[keras.callbacks.Callback]:
    """`callbacks` with each `LearningRateScheduler` scaled by `factor` (a new one; the
    others the same objects)."""
    if factor == 1.0:
        return list(callbacks)
    return [
        keras.callbacks.LearningRateScheduler(_scaled(c.schedule, factor), verbose=c.verbose)
        if isinstance(c, keras.callbacks.LearningRateScheduler)
        else c
        for c in callbacks
    ]


def scaling_sentence(callbacks: list[keras.callbacks.Callback], factor: float) -> str:
    """What the report says of the scaling ("" when nothing was scaled)."""
    count = sum(isinstance(c, keras.callbacks.LearningRateScheduler) for c in callbacks)
    if factor == 1.0 or not count:
        return ""
    return (
        f" Your LearningRateScheduler ran scaled by x{num(factor)} (this candidate's "
        "learning rate over the original's), so it does not set the original's rate back."
    )


RATE_CALLBACKS = (keras.callbacks.LearningRateScheduler, keras.callbacks.ReduceLROnPlateau)
"""The caller's callbacks that set the learning rate during a training."""


def steering_callback_names(callbacks: list[keras.callbacks.Callback] | tuple[object, ...]
                            ) -> tuple[str, ...]:  # fmt: skip
    """Class names, each once, in order, of the callbacks among `callbacks` that a candidate
    may train without (`schedule_off`): the learning-rate ones, and any that watches its
    metric the wrong way round (`callback_modes`: an EarlyStopping(mode="max") on val_loss
    stops a training that improves and restores its worst weights)."""
    names = (type(c).__name__ for c in callbacks if _steers(c))
    return tuple(dict.fromkeys(names))


def stopping_callback_names(callbacks: list[keras.callbacks.Callback] | tuple[object, ...]
                            ) -> tuple[str, ...]:  # fmt: skip
    """Class names, each once, in order, of the callbacks among `callbacks` that end a
    training early (`EarlyStopping`, not one that steers: it is `schedule_off`'s), which a
    candidate may train without (`early_stop_off`)."""
    names = (type(c).__name__ for c in callbacks if _stops(c))
    return tuple(dict.fromkeys(names))


def kept_for(callbacks: list[keras.callbacks.Callback], names: tuple[str, ...],
             stops: tuple[str, ...] | None = None) -> list[keras.callbacks.Callback]:  # fmt: skip
    """`callbacks` without the steering callbacks whose class is not in `names` (a spec's
    `user_schedules`: `schedule_off` left them out) and, when `stops` is given (a spec's
    `user_stops`), without the stopping callbacks whose class is not in it (`early_stop_off`
    left them out)."""
    return [c for c in callbacks
            if (type(c).__name__ in names if _steers(c)
                else stops is None or not _stops(c) or type(c).__name__ in stops)]  # fmt: skip


def _steers(callback: object) -> bool:
    return isinstance(callback, RATE_CALLBACKS) or (
        watches_wrong_way(callback) and steers_training(callback)
    )


def _stops(callback: object) -> bool:
    return isinstance(callback, keras.callbacks.EarlyStopping) and not _steers(callback)
