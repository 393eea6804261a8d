"""The learning rate in use at each epoch (`measure.current_rate`), read whatever sets it, and
named in a slow-convergence finding's reason when it fell a hundredfold
(`detect.default_curves.rate_fall`)."""

from __future__ import annotations

import numpy as np
import pytest

from autotrainer_keras.detect.default_curves import rate_fall


@pytest.mark.parametrize(
    ("rates", "expected"),
    [
        ([1e-3, 1e-4, 1e-5], (1e-3, 1e-5)),
        ([1e-4, 1e-3, 1e-5], (1e-3, 1e-5)),  # against the highest (a warm-up first)
        ([1e-3, 5e-4, 2e-5], None),  # 2 % of the peak: not named
        ([1e-3], None),
        ([], None),
        ([0.0, 0.0], None),
    ],
)
def test_a_rate_is_named_when_it_fell_a_hundredfold(rates, expected):
    assert rate_fall(rates) == (None if expected is None else pytest.approx(expected))


@pytest.mark.medium
def test_watch_records_the_rate_a_scheduler_callback_sets():
    import keras

    from autotrainer_keras.keras import Watch

    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 4)).astype("float32")
    y = (x[:, 0] > 0).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-2), "binary_crossentropy")
    watch = Watch(probe_data=(x, y), verbose=0)
    scheduler = keras.callbacks.LearningRateScheduler(lambda epoch, rate: rate * 0.1)
    model.fit(x, y, epochs=3, verbose=0, callbacks=[watch, scheduler])  # Watch listed first
    assert watch._history.learning_rates == pytest.approx([1e-3, 1e-4, 1e-5], rel=1e-5)
