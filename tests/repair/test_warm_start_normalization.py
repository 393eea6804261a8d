"""A candidate warm-started from the user's weights keeps an adapted Normalization's
statistics: Keras normalises by a mean and variance kept apart from the adapted variables
that `set_weights` writes (before: the candidate's layer passed the raw values)."""

from __future__ import annotations

import keras
import numpy as np

from autotrainer_keras.repair.warm_start import _finalize


def test_an_adapted_normalization_set_from_weights_normalises_again() -> None:
    x = np.random.default_rng(0).uniform(600, 3000, (200, 1)).astype("float32")
    adapted = keras.layers.Normalization()
    adapted.adapt(x)
    copy = keras.layers.Normalization()
    copy.build((None, 1))
    copy.set_weights(adapted.get_weights())
    _finalize(copy)
    assert abs(float(np.std(copy(x))) - 1.0) < 1e-3
    given = keras.layers.Normalization(mean=3.0, variance=4.0)  # statistics in its config
    given.build((None, 1))
    _finalize(given)
    assert float(np.std(given(x))) > 100  # (x - 3) / 2: left as the user set it
