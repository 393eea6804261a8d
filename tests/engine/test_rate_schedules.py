"""The user's LearningRateScheduler on candidates that change the learning rate: scaled to
the candidate's own rate, so it cannot set the original's rate back."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.engine.rate_schedules import (
    RateScaled,
    for_candidate,
    rate_factor,
    rate_setters,
    scaling_sentence,
    witnessed,
)
from autotrainer_keras.repair.spec import TrainingSpec


def _spec(rate: float | None) -> TrainingSpec:
    return TrainingSpec(model={}, optimizer={"name": "sgd", "learning_rate": rate}, loss="mse")


def test_a_scheduler_is_scaled_by_the_candidates_rate_and_other_callbacks_pass() -> None:
    absolute = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 5.0 * 0.5 ** (epoch // 5))
    relative = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.9)
    old_api = keras.callbacks.LearningRateScheduler(lambda epoch: 5.0)
    stop = keras.callbacks.TerminateOnNaN()
    factor = rate_factor(_spec(5.0), _spec(0.5))
    assert factor == pytest.approx(0.1)
    scaled = for_candidate([absolute, relative, old_api, stop], factor)
    originals = [absolute, relative, old_api]
    assert scaled[3] is stop and all(s is not c for s, c in zip(scaled, originals, strict=False))
    assert scaled[0].schedule(5, 0.5) == pytest.approx(0.25)  # its shape, from 0.5
    assert scaled[1].schedule(3, 0.5) == pytest.approx(0.45)  # relative: unchanged
    assert scaled[2].schedule(0, 0.5) == pytest.approx(0.5)
    assert for_candidate([absolute], 1.0)[0] is absolute
    assert rate_factor(_spec(None), _spec(0.5)) == 1.0
    assert "scaled by x0.1" in scaling_sentence([absolute], factor)
    assert scaling_sentence([stop], factor) == ""


class _Absolute(keras.callbacks.Callback):
    """A warm-up written by hand: sets the rate before every batch."""

    def on_train_batch_begin(self, batch, logs=None) -> None:
        self.model.optimizer.learning_rate = 2.0


class _Relative(keras.callbacks.Callback):
    """A decay written by hand: 0.9 x the rate it reads, every epoch."""

    def on_epoch_begin(self, epoch, logs=None) -> None:
        self.model.optimizer.learning_rate = 0.9 * float(
            keras.ops.convert_to_numpy(self.model.optimizer.learning_rate))


def _rate(model: keras.Model) -> float:
    return float(keras.ops.convert_to_numpy(model.optimizer.learning_rate))


def test_the_original_notes_which_of_the_users_callbacks_set_the_rate() -> None:
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.5), "mse")
    absolute, reader, stop = _Absolute(), _Rates(), keras.callbacks.TerminateOnNaN()
    watched = witnessed([absolute, reader, stop])
    assert watched[2] is stop and all(isinstance(w, RateScaled) for w in watched[:2])
    for callback in watched:
        callback.set_model(model)
    watched[1].on_train_begin()
    watched[1].on_epoch_begin(0)
    watched[0].on_train_batch_begin(0)
    assert _rate(model) == pytest.approx(2.0)  # factor 1: nothing changed but noted
    assert reader.trainings == [[0.5]]
    assert rate_setters(watched) == [absolute]
    model.optimizer.learning_rate = 0.3
    watched[0].on_train_batch_begin(1)  # noted already: forwarded without reading the rate
    assert _rate(model) == pytest.approx(2.0)


def test_a_callback_of_the_users_that_sets_the_rate_lands_at_the_candidates_scale() -> None:
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.05), "mse")  # the candidate: 0.1 x the original's 0.5
    absolute, relative, stop = _Absolute(), _Relative(), keras.callbacks.TerminateOnNaN()
    wrapped = for_candidate([absolute, relative, stop], 0.1, setters=[absolute, relative])
    assert wrapped[2] is stop and all(isinstance(w, RateScaled) for w in wrapped[:2])
    assert for_candidate([absolute], 0.1)[0] is absolute  # it set no rate in the original
    for callback in wrapped:
        callback.set_model(model)
    wrapped[1].on_epoch_begin(0)
    assert _rate(model) == pytest.approx(0.045)  # 0.9 x 0.05: relative, as in the original
    wrapped[0].on_train_batch_begin(0)
    assert _rate(model) == pytest.approx(0.2)  # 2.0 x 0.1: its absolute rate, scaled
    wrapped[0].on_epoch_end(0)  # a hook it does not define: Keras' no-op
    assert _rate(model) == pytest.approx(0.2)
    assert "Your _Absolute, _Relative ran scaled by x0.1" in scaling_sentence(
        [absolute, relative, stop], 0.1, setters=[absolute, relative])  # fmt: skip


class _Rates(keras.callbacks.Callback):
    """The learning rate each epoch of each training started at (after the schedulers)."""

    def __init__(self) -> None:
        super().__init__()
        self.trainings: list[list[float]] = []

    def on_train_begin(self, logs=None) -> None:
        self.trainings.append([])

    def on_epoch_begin(self, epoch, logs=None) -> None:
        rate = keras.ops.convert_to_numpy(self.model.optimizer.learning_rate)
        self.trainings[-1].append(float(rate))


def _sgd_task(rate: float) -> tuple[np.ndarray, np.ndarray, keras.Model]:
    """A linear boundary in 8 columns and a ReLU MLP under SGD(`rate`, momentum 0.9)."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 8)).astype("float32")
    y = (x[:, 0] + x[:, 1] > 0).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return x, y, model


@pytest.mark.medium
def test_a_user_schedule_does_not_set_a_candidates_rate_back(tmp_path) -> None:
    """Practice batch 4's `sgd_nesterov_lr_5`: a step decay from 5.0 reset `lr_down` and
    `adam` to 5.0 every epoch, and both blew up."""
    import autotrainer_keras

    x, y, model = _sgd_task(5.0)
    rates = _Rates()
    schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 5.0)
    result = autotrainer_keras.fit(model, x, y, epochs=6, validation_split=0.25,
                                   callbacks=[schedule, rates], output_dir=tmp_path,
                                   tracking=False)  # fmt: skip
    assert set(rates.trainings[0]) == {5.0}
    changed = [r for r in result.repairs if "scaled by" in r["description"]]
    assert changed, [r["description"] for r in result.repairs]
    assert any(max(t) < 5.0 for t in rates.trainings[1:])


class _WarmUpTo(keras.callbacks.Callback):
    """A warm-up written by hand, from a tenth of `peak` to `peak` over 20 steps."""

    def __init__(self, peak: float) -> None:
        super().__init__()
        self.peak, self.steps = peak, 0

    def on_train_batch_begin(self, batch, logs=None) -> None:
        self.model.optimizer.learning_rate = self.peak * min(1.0, 0.1 + self.steps / 20)
        self.steps += 1


@pytest.mark.medium
def test_a_rate_callback_of_the_users_own_does_not_set_a_candidates_rate_back(tmp_path) -> None:
    """Practice batch 46's one-cycle to 2.0, written as a callback: before every batch it set
    `lr_down`'s and `adam`'s rate back to its own, and every candidate diverged."""
    import autotrainer_keras

    x, y, model = _sgd_task(0.5)
    rates = _Rates()
    result = autotrainer_keras.fit(model, x, y, epochs=6, validation_split=0.25,
                                   callbacks=[_WarmUpTo(5.0), rates], output_dir=tmp_path,
                                   tracking=False)  # fmt: skip
    assert max(rates.trainings[0]) == pytest.approx(5.0)
    changed = [r for r in result.repairs if "Your _WarmUpTo" in r["description"]]
    assert changed, [r["description"] for r in result.repairs]
    assert any(max(t) < 5.0 for t in rates.trainings[1:])


class _Late(keras.callbacks.Callback):
    """Sets the rate in a batch hook from the fourth step on only."""

    def on_train_batch_begin(self, batch, logs=None) -> None:
        if batch >= 3:
            self.model.optimizer.learning_rate = 2.0


def test_the_original_stops_reading_the_rate_in_batch_hooks_after_an_epoch() -> None:
    """A callback of the user's that never sets the rate costs two rate reads per step only
    in the first epoch; one that first sets it later in a batch hook is then not noted."""
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.5), "mse")
    watched = witnessed([_Late()])[0]
    watched.set_model(model)
    watched.set_params({"steps": 3})
    for step in range(3):
        watched.on_train_batch_begin(step)
    assert rate_setters([watched]) == []
    watched.on_train_batch_begin(3)  # past the first epoch's steps: forwarded, not read
    assert _rate(model) == pytest.approx(2.0) and rate_setters([watched]) == []
    model.optimizer.learning_rate = 0.5
    early = witnessed([_Late()])[0]
    early.set_model(model)
    early.set_params({"steps": 10})
    for step in range(5):
        early.on_train_batch_begin(step)
    assert len(rate_setters([early])) == 1
