"""The monitor's numbers against slow, obviously right versions (Cockpit style)."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from autotrainer_keras.measure.history import Task, TrainingHistory
from autotrainer_keras.measure.keras_monitor import TrainingWatch, WatchedModel

pytestmark = pytest.mark.medium


def _mlp(seed: int = 0) -> keras.Model:
    keras.utils.set_random_seed(seed)
    return keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(6, activation="tanh", use_bias=False),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )


def _data(n: int = 64) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.normal(size=(n, 4)).astype("float32"), rng.integers(0, 3, size=n)


def _watch(model: WatchedModel, x, y, history, source="steps", checks=None):
    checks = [] if checks is None else checks
    return TrainingWatch(
        model,
        history,
        lambda epoch, end: True,
        lambda c: checks.append(c) or False,
        source,
        x[:32],
        y[:32],
    )


def test_step_gradient_norms_equal_a_hand_written_gradient_tape():
    x, y = _data()
    user = _mlp()
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    with tf.GradientTape() as tape:
        loss = loss_fn(y, user(x, training=True))
    expected = [float(tf.norm(g)) for g in tape.gradient(loss, user.trainable_variables)]

    watched = WatchedModel(user, ring_size=4)
    watched.compile(optimizer=keras.optimizers.SGD(0.01), loss=loss_fn)
    history = TrainingHistory(Task.MULTICLASS, epochs_budget=1, steps_per_epoch=1)
    watched.fit(
        x,
        y,
        batch_size=len(x),
        epochs=1,
        shuffle=False,
        verbose=0,
        callbacks=[_watch(watched, x, y, history)],
    )

    window_norms = np.sqrt(watched.step_stats.last_window.grad_sq[0])  # one step recorded
    np.testing.assert_allclose(window_norms, expected, rtol=1e-4)
    check = history.checks[0]
    # layer norm = sqrt(sum of its variables' squared norms); kernel norm = the kernel's own
    for stats, (k, b) in zip(check.layers, [(0, 1), (2, None), (3, 4)], strict=True):
        layer_expected = np.sqrt(sum(expected[i] ** 2 for i in (k, b) if i is not None))
        assert stats.grad_norm == pytest.approx(layer_expected, rel=1e-4)
        assert stats.kernel_grad_norm == pytest.approx(expected[k], rel=1e-4)
    assert history.step_losses[0] == pytest.approx(float(loss), rel=1e-5)


def test_probe_gradients_use_the_fixed_batch_in_inference_mode():
    x, y = _data()
    user = _mlp(seed=1)
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    watched = WatchedModel(user, ring_size=8)
    watched.compile(optimizer=keras.optimizers.SGD(0.0), loss=loss_fn)  # lr 0: weights fixed
    history = TrainingHistory(Task.MULTICLASS, epochs_budget=1, steps_per_epoch=2)
    watched.fit(
        x,
        y,
        batch_size=32,
        epochs=1,
        verbose=0,
        callbacks=[_watch(watched, x, y, history, source="probe")],
    )
    with tf.GradientTape() as tape:
        loss = loss_fn(y[:32], user(x[:32], training=False))
    grads = tape.gradient(loss, user.trainable_variables)
    zeros = sum(int(np.sum(np.asarray(g) == 0)) for g in grads)
    sizes = sum(int(np.size(g)) for g in grads)
    check = history.checks[0]
    assert check.source == "probe"
    assert check.layers[0].kernel_grad_norm == pytest.approx(float(tf.norm(grads[0])), rel=1e-4)
    assert check.zero_grad_fraction == pytest.approx(zeros / sizes, abs=1e-6)


def test_dead_units_are_units_silent_for_every_probe_sample():
    x, y = _data()
    user = _mlp(seed=2)
    dense = user.layers[0]
    kernel, bias = dense.get_weights()
    bias[:5] = -100.0  # five of eight units can never fire on this data
    dense.set_weights([kernel, bias])
    watched = WatchedModel(user, ring_size=8)
    watched.compile(optimizer=keras.optimizers.SGD(0.0), loss="sparse_categorical_crossentropy")
    history = TrainingHistory(Task.MULTICLASS, epochs_budget=1, steps_per_epoch=2)
    watched.fit(
        x, y, batch_size=32, epochs=1, verbose=0, callbacks=[_watch(watched, x, y, history)]
    )
    stats = history.checks[0].layer(dense.name)
    assert stats.dead_fraction == pytest.approx(5 / 8)
    assert history.checks[0].layer(user.layers[1].name).dead_fraction is None  # tanh


def test_nan_is_flagged_and_update_ratio_is_measured():
    x, y = _data()
    keras.utils.set_random_seed(3)
    user = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8), keras.layers.Dense(1)])
    watched = WatchedModel(user, ring_size=8)
    watched.compile(optimizer=keras.optimizers.SGD(1e6), loss="mse")  # diverges to inf/NaN
    history = TrainingHistory(Task.MULTICLASS, epochs_budget=3, steps_per_epoch=2)
    watched.fit(
        x, y, batch_size=32, epochs=3, verbose=0, callbacks=[_watch(watched, x, y, history)]
    )
    assert any(check.nonfinite for check in history.checks)
    healthy = _mlp(seed=4)
    watched = WatchedModel(healthy, ring_size=8)
    watched.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy")
    history = TrainingHistory(Task.MULTICLASS, epochs_budget=2, steps_per_epoch=2)
    watched.fit(
        x, y, batch_size=32, epochs=2, verbose=0, callbacks=[_watch(watched, x, y, history)]
    )
    ratios = [s.update_ratio for s in history.checks[-1].layers]
    assert all(r is not None and 0 < r < 1 for r in ratios)
    assert not any(check.nonfinite for check in history.checks)
    assert len(history.step_losses) == 4


def test_sampled_statistics_keep_every_loss_and_every_nth_gradient():
    x, y = _data(64)
    user = _mlp(seed=5)
    watched = WatchedModel(user, ring_size=16, stats_every=3)
    watched.compile(optimizer=keras.optimizers.SGD(0.01), loss="sparse_categorical_crossentropy")
    history = TrainingHistory(Task.MULTICLASS, epochs_budget=1, steps_per_epoch=8)
    watched.fit(x, y, batch_size=8, epochs=1, verbose=0, callbacks=[_watch(watched, x, y, history)])
    assert len(history.step_losses) == 8  # every step's loss
    window_rows = watched.step_stats.samples_recorded  # steps 0, 3, 6
    assert window_rows == 3
    assert history.checks[0].layers[0].grad_norm > 0
