"""The user's LearningRateScheduler on candidates that change the learning rate: scaled to
the candidate's own rate, so it cannot set the original's rate back."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.engine.rate_schedules import for_candidate, rate_factor, scaling_sentence
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


@pytest.mark.medium
def test_a_user_schedule_does_not_set_a_candidates_rate_back(tmp_path) -> None:
    """Practice batch 4's `sgd_nesterov_lr_5`: a step decay from 5.0 reset `lr_down` and
    `adam` to 5.0 every epoch, and both blew up."""
    import autotrainer_keras

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 8)).astype("float32")
    y = (x[:, 0] + x[:, 1] > 0).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.SGD(5.0, momentum=0.9), "binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    rates = _Rates()
    schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 5.0)
    result = autotrainer_keras.fit(model, x, y, epochs=6, validation_split=0.25,
                                   callbacks=[schedule, rates], output_dir=tmp_path,
                                   tracking=False)  # fmt: skip
    assert set(rates.trainings[0]) == {5.0}
    changed = [r for r in result.repairs if "scaled by" in r["description"]]
    assert changed, [r["description"] for r in result.repairs]
    assert any(max(t) < 5.0 for t in rates.trainings[1:])
