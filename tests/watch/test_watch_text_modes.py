"""`Watch` on a model that vectorises one string per row into a bag of words
(TextVectorization in tf_idf / multi_hot / count mode): Keras declares its output
(None, 1, vocabulary) and computes (None, vocabulary), so the probe targets are checked
against the shape the model computes (practice batch 18's `tfidf_bigram_topics` was refused
before its first step); targets that fit neither are still refused."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from autotrainer_keras.keras import Watch

pytestmark = pytest.mark.medium
WORDS = ["alpha", "beta", "gamma", "delta", "sun", "moon", "star", "rain"]


def _texts(rows: int) -> tuple[tf.Tensor, np.ndarray]:
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 2, rows)
    texts = [" ".join(rng.choice(WORDS[4 * c: 4 * c + 4], 5)) for c in labels]
    return tf.constant(np.array(texts)[:, None]), labels.astype("int64")


def _model(mode: str, x: tf.Tensor) -> keras.Model:
    keras.utils.set_random_seed(0)
    vectorize = keras.layers.TextVectorization(max_tokens=20, output_mode=mode)
    vectorize.adapt(x)
    model = keras.Sequential([keras.Input((1,), dtype="string"), vectorize,
                              keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(0.01), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model


@pytest.mark.parametrize("mode", ["tf_idf", "multi_hot", "count"])
def test_a_bag_of_words_model_is_watched_not_refused(mode: str) -> None:
    x, y = _texts(512)
    model = _model(mode, x)
    assert tuple(model.outputs[0].shape) == (None, 1, 2)  # Keras' declared shape
    watch = Watch(probe_data=(x, y), verbose=0)
    history = model.fit(x, y, epochs=4, batch_size=32, validation_split=0.25, verbose=0,
                        callbacks=[watch])  # fmt: skip
    assert history.history["val_accuracy"][-1] > 0.9  # the words tell the classes apart
    assert watch.findings == []


def test_targets_that_fit_no_output_shape_are_still_refused() -> None:
    x, y = _texts(64)
    wrong = np.stack([y, y, y], axis=1)  # three columns of classes per row
    with pytest.raises(ValueError, match="Watch probe_data"):
        _model("tf_idf", x).fit(x, wrong, epochs=1, verbose=0,
                                callbacks=[Watch(probe_data=(x, wrong), verbose=0)])  # fmt: skip
