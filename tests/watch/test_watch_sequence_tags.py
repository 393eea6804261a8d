"""`Watch` on a sequence tagger trained on one-hot tags per step (softmax, categorical
cross-entropy): a classifier's labels, not multi-label ones (it named `output_loss_mismatch`
before the first step)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.keras import Watch

pytestmark = pytest.mark.medium


def test_one_hot_tags_per_step_raise_nothing() -> None:
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.integers(1, 50, (512, 12))
    y = np.eye(4, dtype="float32")[x % 4]  # the tag is a function of the token
    model = keras.Sequential([keras.Input((12,)), keras.layers.Embedding(50, 16),
                              keras.layers.LSTM(16, return_sequences=True),
                              keras.layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile("adam", "categorical_crossentropy", metrics=["accuracy"])
    watch = Watch(probe_data=(x, y), verbose=0)
    model.fit(x, y, epochs=3, batch_size=32, verbose=0, callbacks=[watch])
    assert watch.findings == []
