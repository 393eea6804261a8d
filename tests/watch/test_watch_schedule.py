"""`Watch` reads the user's learning-rate schedule against the `fit` it drives: one spent
early in the budget (decay_steps given in epochs) is named before the first step."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.keras import Watch

pytestmark = pytest.mark.medium
EPOCHS, ROWS, BATCH = 6, 512, 64  # 8 steps per epoch, 48 in all


def _fit(decay_steps: int, inverse_time: bool = False, batch: int = BATCH) -> Watch:
    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).standard_normal((ROWS, 4)).astype("float32")
    y = (x[:, 0] > 0).astype("float32")
    schedules = keras.optimizers.schedules
    schedule = (schedules.InverseTimeDecay(1e-2, decay_steps=decay_steps, decay_rate=1.0)
                if inverse_time else schedules.CosineDecay(1e-2, decay_steps=decay_steps))
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(schedule), "binary_crossentropy", metrics=["accuracy"])
    watch = Watch(probe_data=(x, y), verbose=0, on_problem="warn")
    model.fit(x, y, epochs=EPOCHS, batch_size=batch, verbose=0, callbacks=[watch])
    return watch


def test_a_schedule_spent_in_the_first_epoch_is_named_before_the_first_step() -> None:
    with pytest.warns(UserWarning):
        watch = _fit(decay_steps=EPOCHS)
    spent = [f for f in watch.findings if f.problem.value == "learning_rate_out_of_range"]
    assert len(spent) == 1 and spent[0].step == 0
    assert spent[0].evidence["spent_share"] < 0.2


def test_a_schedule_over_the_whole_fit_is_not_named() -> None:
    watch = _fit(decay_steps=EPOCHS * ROWS // BATCH)
    assert all(f.problem.value != "learning_rate_out_of_range" for f in watch.findings)


def test_an_inverse_time_decay_per_step_is_named_too_steep_before_the_first_step() -> None:
    """1 / (1 + step) never falls to 1e-3 of its peak in 384 steps (not spent) but averages
    1.6 % of it (the gate: 5 %); over 48 steps it averages 9 %: not named."""
    with pytest.warns(UserWarning):
        watch = _fit(decay_steps=1, inverse_time=True, batch=8)
    steep = [f for f in watch.findings if f.problem.value == "learning_rate_out_of_range"]
    assert len(steep) == 1 and steep[0].step == 0
    assert steep[0].evidence["mean_rate_share"] < 0.025
    short = _fit(decay_steps=1, inverse_time=True)
    assert all(f.problem.value != "learning_rate_out_of_range" for f in short.findings)


class _NoConfig(keras.optimizers.schedules.LearningRateSchedule):
    """A user's schedule without `get_config` (Keras raises NotImplementedError for it)."""

    def __call__(self, step):  # type: ignore[no-untyped-def]
        return 1e-2 / (1.0 + keras.ops.cast(step, "float32"))


def test_a_schedule_without_config_is_not_read_and_breaks_nothing() -> None:
    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).standard_normal((ROWS, 4)).astype("float32")
    y = (x[:, 0] > 0).astype("float32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(_NoConfig()), "binary_crossentropy")
    watch = Watch(probe_data=(x, y), verbose=0, on_problem="warn")
    model.fit(x, y, epochs=2, batch_size=BATCH, verbose=0, callbacks=[watch])
    assert all(f.problem.value != "learning_rate_out_of_range" for f in watch.findings)
