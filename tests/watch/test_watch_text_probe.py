"""`Watch` takes raw text as probe inputs when the model starts with its own text layer
(`TextVectorization`): the probe rows are the strings the model trains on, not numbers (a
boundary check once refused them: practice batch 4's `text_attention`)."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from autotrainer_keras.keras import Watch

pytestmark = pytest.mark.medium

WORDS = ["good", "great", "fine", "bad", "awful", "poor", "the", "a", "movie", "plot"]


def _reviews(rows: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, rows)
    texts = []
    for label in labels:
        mood = WORDS[:3] if label else WORDS[3:6]
        words = list(rng.choice(WORDS[6:], 4)) + list(rng.choice(mood, 2))
        texts.append(" ".join(rng.permutation(words)))
    return np.array(texts, dtype=object), labels.astype("float32")


def test_text_probe_rows_are_watched_without_error_or_finding() -> None:
    x, y = _reviews(400, 0)
    keras.utils.set_random_seed(0)
    vectorize = keras.layers.TextVectorization(max_tokens=20, output_sequence_length=6)
    vectorize.adapt(x)
    model = keras.Sequential([keras.Input((1,), dtype="string"), vectorize,
                              keras.layers.Embedding(20, 8),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    # string inputs: Keras 3 takes them through tf.data; the probe rows as arrays of text
    train = tf.data.Dataset.from_tensor_slices((x[:, None], y)).batch(32)
    watch = Watch(probe_data=(x[:128, None], y[:128]), verbose=0)
    history = model.fit(train, epochs=4, verbose=0, callbacks=[watch])
    assert history.history["accuracy"][-1] > 0.8  # it trained on the text
    assert watch.findings == []
    assert watch.report is not None and watch.report["status"] == "healthy"
    assert watch.report["gradients_measured"] and watch.report["epochs_run"] == 4
