"""The monitor's cost bounds, run for real: budgeted stride, fixed rings, device weight norms."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.measure.history import Task, TrainingHistory
from autotrainer_keras.measure.keras_monitor import TrainingWatch, WatchedModel
from autotrainer_keras.measure.reductions import WeightSquares
from autotrainer_keras.measure.stats_cost import statistics_seconds
from autotrainer_keras.measure.weight_sums import DeviceWeightSquares

pytestmark = pytest.mark.medium


def _mlp(seed: int) -> keras.Model:
    keras.utils.set_random_seed(seed)
    return keras.Sequential(
        [
            keras.Input((6,)),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )


def _data(n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.normal(size=(n, 6)).astype("float32"), rng.integers(0, 3, size=n)


def test_no_batch_end_hook_so_keras_keeps_async_batch_end_callbacks() -> None:
    assert "on_train_batch_end" not in TrainingWatch.__dict__


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_device_weight_squares_equal_host_numpy(seed: int) -> None:
    model = _mlp(seed)
    device = DeviceWeightSquares(model.trainable_variables)
    before = [np.asarray(v) for v in model.trainable_variables]
    rng = np.random.default_rng(seed)
    for variable in model.trainable_variables:
        variable.assign(np.asarray(variable) + rng.normal(size=variable.shape).astype("float32"))
    after = [np.asarray(v) for v in model.trainable_variables]
    measured, expected = device.measure(), WeightSquares.of_arrays(after, before)
    for field in ("now", "previous", "change", "sizes"):
        np.testing.assert_allclose(getattr(measured, field), getattr(expected, field), rtol=1e-5)
    assert not measured.nonfinite
    again = device.measure()  # the snapshot moved on: no change since
    assert np.all(again.change == 0) and np.allclose(again.previous, again.now)


def test_the_budgeted_stride_samples_every_check_within_fixed_rings() -> None:
    x, y = _data(1024)
    steps, rows = 128, 16  # 128 steps per check in a ring of 16 rows: stride >= 8
    watched = WatchedModel(_mlp(3), ring_size=steps + 1, stats_every=8, gradient_rows=rows)
    watched.compile(optimizer=keras.optimizers.SGD(0.01), loss="sparse_categorical_crossentropy")
    history = TrainingHistory(Task.MULTICLASS, epochs_budget=3, steps_per_epoch=steps)
    watch = TrainingWatch(
        watched, history, lambda e, end: True, lambda c: False, "steps", x[:64], y[:64],
        stats_budget=0.02,
    )  # fmt: skip
    watched.fit(x, y, batch_size=8, epochs=3, verbose=0, callbacks=[watch])
    # measured (a difference of two timings: about 0 for this small MLP on a busy machine)
    assert watch.stride is not None and watch.stride.stats_seconds >= 0
    assert 8 <= watch.stride.stride <= steps
    assert watched.step_stats.gradient_rows == rows  # memory fixed whatever the steps
    assert len(history.step_losses) == 3 * steps  # every step's loss
    assert len(history.checks) == 3
    assert all(check.layers[0].grad_norm > 0 for check in history.checks)
    sampled = watched.step_stats.samples_recorded
    assert 3 <= sampled <= 3 * steps // 8 + 3


def test_probe_gradients_leave_the_step_statistics_off() -> None:
    x, y = _data(256)
    watched = WatchedModel(_mlp(4), ring_size=33)
    watched.compile(optimizer=keras.optimizers.SGD(0.01), loss="sparse_categorical_crossentropy")
    history = TrainingHistory(Task.MULTICLASS, epochs_budget=1, steps_per_epoch=32)
    watch = TrainingWatch(
        watched, history, lambda e, end: True, lambda c: False, "probe", x[:64], y[:64],
        stats_budget=0.02,
    )  # fmt: skip
    watched.fit(x, y, batch_size=8, epochs=1, verbose=0, callbacks=[watch])
    assert watched.step_stats.samples_recorded == 0
    assert len(history.step_losses) == 32
    assert history.checks[0].layers[0].grad_norm > 0  # from the probe batch


def test_statistics_cost_grows_with_the_model() -> None:
    small = statistics_seconds(_mlp(0).trainable_variables)
    keras.utils.set_random_seed(0)
    large = keras.Sequential(
        [keras.Input((512,)), keras.layers.Dense(2048), keras.layers.Dense(2048)]
    )
    assert statistics_seconds(large.trainable_variables, rounds=5) > small


def test_the_statistics_cost_is_measured_once_per_set_of_shapes() -> None:
    from autotrainer_keras.measure import stats_cost

    first = _mlp(0).trainable_variables
    same_shapes = _mlp(1).trainable_variables  # another model, the same shapes
    measured = stats_cost.measured_statistics_seconds(first)
    assert stats_cost.measured_statistics_seconds(same_shapes) == measured  # remembered
    key = tuple((tuple(int(d) for d in v.shape), str(v.dtype)) for v in first)
    assert key in stats_cost._measured
    keras.utils.set_random_seed(0)
    other = keras.Sequential([keras.Input((7,)), keras.layers.Dense(3)]).trainable_variables
    stats_cost.measured_statistics_seconds(other)  # other shapes: measured for themselves
    assert (((7, 3), "float32"), ((3,), "float32")) in stats_cost._measured


def test_the_first_epoch_has_its_own_check_points() -> None:
    x, y = _data(256)
    steps = 32  # batch 8
    watched = WatchedModel(_mlp(5), ring_size=steps + 1)
    watched.compile(optimizer=keras.optimizers.SGD(0.01), loss="sparse_categorical_crossentropy")
    history = TrainingHistory(Task.MULTICLASS, epochs_budget=3, steps_per_epoch=steps)
    watch = TrainingWatch(
        watched, history, lambda e, end: True, lambda c: False, "steps", x[:64], y[:64],
        first_epoch_checks=4,
    )  # fmt: skip
    watched.fit(x, y, batch_size=8, epochs=3, verbose=0, callbacks=[watch])
    # four in the first epoch (after steps 8, 16, 24 and at its end), then one per epoch end
    assert [check.step for check in history.checks] == [8, 16, 24, 32, 64, 96]
    assert [check.epoch for check in history.checks] == [0, 0, 0, 0, 1, 2]
