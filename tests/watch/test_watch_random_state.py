"""`Watch` only looks: a model whose recurrent layer draws dropout masks trains the same with
and without it (Keras 3 draws an RNN's masks at inference calls too, which advanced the seed
state at every check: `measure.seed_state`)."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.medium


def _fit(watched: bool) -> list[float]:
    import keras

    from autotrainer_keras.keras import Watch

    rng = np.random.default_rng(0)
    x = rng.integers(1, 50, (192, 12))
    y = (x[:, :3].sum(axis=1) > 75).astype("float32")
    keras.utils.set_random_seed(3)
    model = keras.Sequential([
        keras.Input((12,), dtype="int64"),
        keras.layers.Embedding(50, 8),
        keras.layers.GRU(8, recurrent_dropout=0.3, dropout=0.2),
        keras.layers.Dense(1, activation="sigmoid"),
    ])  # fmt: skip
    model.compile("adam", "binary_crossentropy")
    callbacks = [Watch(probe_data=(x, y), verbose=0)] if watched else []
    history = model.fit(x, y, batch_size=32, epochs=3, validation_data=(x[:64], y[:64]),
                        verbose=0, callbacks=callbacks)  # fmt: skip
    return [*history.history["loss"], *history.history["val_loss"]]


def test_watch_leaves_the_models_dropout_masks_as_a_plain_fit_draws_them():
    np.testing.assert_allclose(_fit(True), _fit(False), rtol=1e-6)
