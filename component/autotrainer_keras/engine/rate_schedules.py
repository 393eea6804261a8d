"""The user's `LearningRateScheduler` callbacks on a candidate that changes the learning rate.

A scheduler sets the rate at every epoch start, so passed as it is to a candidate it undoes
the candidate's repair (practice batch 4's `sgd_nesterov_lr_5`: a step decay from 5.0 put
`lr_down` and `adam` back at 5.0, and both blew up). The candidate gets the user's schedule
scaled by its own rate over the original's: `schedule(epoch, lr / f) * f`, which keeps an
absolute schedule's shape (5.0 halved every 5 epochs becomes 0.5 halved every 5 epochs for
`lr_down` x0.1) and leaves a relative one (`lr * 0.9`) as it is. A callback of the user's
own class that set the rate itself while the original trained (a one-cycle or warm-up
written by hand; each such callback runs in the original through `RateScaled` at factor 1,
which only notes whether its hooks move the rate) runs the same way on a candidate: each of
its hooks sees the rate divided by the candidate's factor and what it leaves is multiplied
back (practice batch 46's one-cycle at 2.0 set `lr_down`'s and `adam`'s rates back to 2.0
before every batch). One that only reads the rate sees the candidate's own. Other
callbacks, Keras' `ReduceLROnPlateau` included (it multiplies the current rate), join
unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from types import SimpleNamespace

import keras

from autotrainer_keras.detect.text import num
from autotrainer_keras.engine.callback_modes import steers_training, watches_wrong_way
from autotrainer_keras.measure.current_rate import current_rate
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
    callbacks: list[keras.callbacks.Callback],
    factor: float,
    setters: Collection[keras.callbacks.Callback] = (),
) -> list[keras.callbacks.Callback]:
    """`callbacks` with each `LearningRateScheduler` scaled by `factor` (a new one) and each
    of `setters` (the user's own callbacks that set the rate in the original,
    `rate_setters`) run through `RateScaled`; the others the same objects."""
    if factor == 1.0:
        return list(callbacks)
    return [
        keras.callbacks.LearningRateScheduler(_scaled(c.schedule, factor), verbose=c.verbose)
        if isinstance(c, keras.callbacks.LearningRateScheduler)
        else RateScaled(c, factor) if any(c is s for s in setters) else c
        for c in callbacks
    ]


def witnessed(callbacks: list[keras.callbacks.Callback]) -> list[keras.callbacks.Callback]:
    """The original's `callbacks` with each of the user's own class run through a
    `RateScaled` at factor 1: it changes nothing and notes whether the callback sets the
    learning rate (`rate_setters`)."""
    return [RateScaled(c, 1.0) if own_class(c) else c for c in callbacks]


def rate_setters(callbacks: list[keras.callbacks.Callback]) -> list[keras.callbacks.Callback]:
    """The user's callbacks that set the learning rate in a training that ran `callbacks`
    (the `witnessed` ones whose hooks moved it)."""
    return [c.inner for c in callbacks if isinstance(c, RateScaled) and c.sets_rate]


def own_class(callback: object) -> bool:
    """The callback's class comes from outside Keras and this package (the user's own)."""
    module = str(getattr(type(callback), "__module__", "") or "")
    return not (module == "keras" or module.startswith(("keras.", "autotrainer_keras.")))


HOOKS = ("on_epoch_begin", "on_epoch_end", "on_train_begin", "on_train_end",
         "on_train_batch_begin", "on_train_batch_end", "on_test_begin", "on_test_end",
         "on_test_batch_begin", "on_test_batch_end", "on_predict_begin", "on_predict_end",
         "on_predict_batch_begin", "on_predict_batch_end")  # fmt: skip


class RateScaled(keras.callbacks.Callback):
    """A callback of the user's run on a candidate whose learning rate is `factor` x the
    original's: each hook its class defines sees the rate as the original's training would
    (divided by `factor`), and the rate it leaves is multiplied back, so a rate it sets
    (absolute, or relative to the one it read) lands at the candidate's scale. At factor 1
    (the original) it changes nothing; either way `sets_rate` notes a hook that moved the
    rate. At factor 1 the batch hooks are witnessed for `WITNESSED_BATCHES` calls at most
    (one epoch's, when known): a callback that sets the rate per batch (a warm-up, a cycle)
    shows it in its first epoch, and one that never does stops paying two rate reads per
    step."""

    def __init__(self, inner: keras.callbacks.Callback, factor: float) -> None:
        super().__init__()
        self.inner, self.factor, self.sets_rate = inner, factor, False
        self._batch_calls = 0
        for hook in HOOKS:  # only the hooks it has: Keras skips batch hooks nobody defines
            if getattr(type(inner), hook, None) is not getattr(keras.callbacks.Callback, hook):
                setattr(self, hook, self._scaled_hook(hook))

    def set_model(self, model: keras.Model) -> None:
        super().set_model(model)
        self.inner.set_model(model)

    def set_params(self, params: dict) -> None:
        super().set_params(params)
        self.inner.set_params(params)

    def _scaled_hook(self, hook: str) -> Callable[..., None]:
        per_batch = "_batch_" in hook

        def scaled(*args: object, **kwargs: object) -> None:
            if self.factor == 1.0 and (self.sets_rate or (per_batch and self._witnessed())):
                getattr(self.inner, hook)(*args, **kwargs)  # nothing (more) to read
                return
            optimizer = getattr(self.model, "optimizer", None)
            seen = _rate(optimizer) / self.factor  # NaN: no rate to read, nothing scaled
            scaling = self.factor != 1.0 and math.isfinite(seen)
            if scaling:
                optimizer.learning_rate = seen  # type: ignore[union-attr]
            try:
                getattr(self.inner, hook)(*args, **kwargs)
            finally:
                left = _rate(optimizer)
                if math.isfinite(left) and math.isfinite(seen):
                    self.sets_rate |= not math.isclose(left, seen, rel_tol=1e-6)
                if scaling and math.isfinite(left):
                    optimizer.learning_rate = left * self.factor  # type: ignore[union-attr]

        return scaled

    def _witnessed(self) -> bool:
        """The batch hooks have been read for one epoch (`WITNESSED_BATCHES` calls at most);
        counts this call."""
        self._batch_calls += 1
        steps = (self.params or {}).get("steps") or WITNESSED_BATCHES
        return self._batch_calls > min(int(steps), WITNESSED_BATCHES)


WITNESSED_BATCHES = 1000
"""Batch-hook calls a callback of the user's is read in the original at most (fewer: one
epoch's steps, when Keras knows them)."""


def _rate(optimizer: keras.optimizers.Optimizer | None) -> float:
    """The optimizer's learning rate now (`measure.current_rate`); NaN when unreadable."""
    rate = current_rate(SimpleNamespace(optimizer=optimizer))
    return math.nan if rate is None else rate


def scaling_sentence(
    callbacks: list[keras.callbacks.Callback],
    factor: float,
    setters: Collection[keras.callbacks.Callback] = (),
) -> str:
    """What the report says of the scaling ("" when nothing was scaled)."""
    names = [type(c).__name__ for c in callbacks
             if isinstance(c, keras.callbacks.LearningRateScheduler)
             or any(c is s for s in setters)]  # fmt: skip
    if factor == 1.0 or not names:
        return ""
    return (
        f" Your {', '.join(dict.fromkeys(names))} ran scaled by x{num(factor)} (this "
        "candidate's learning rate over the original's), so it does not set the original's "
        "rate back."
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
