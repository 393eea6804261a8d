"""`measure.lookup_coverage` and the `unknown_tokens` pre-flight finding: a lookup vocabulary
that leaves most training tokens unknown is named before training, a healthy one is not.

Generated letters with Zipf-like frequencies (numpy, deterministic): 20 letters, a
`StringLookup(max_tokens=6)` keeps 4 of them (6 minus the mask and "[UNK]"): 0.5-0.8 of the
tokens unknown, against 0 with the whole vocabulary (threshold 0.5)."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.keras import Watch
from autotrainer_keras.measure.lookup_coverage import unknown_share

LETTERS = np.array(list("abcdefghijklmnopqrst"))


def _words(rows: int = 600) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    weights = 1.0 / np.arange(1, 21) ** 0.6
    words = rng.choice(LETTERS, (rows, 12), p=weights / weights.sum()).astype(object)
    labels = np.isin(words[:, 0], LETTERS[10:]).astype("float32")
    return words, labels


def test_the_share_of_unknown_tokens_of_each_lookup_layer() -> None:
    words, _ = _words()
    small = keras.layers.StringLookup(max_tokens=6, mask_token="")
    small.adapt(tf.constant(words.astype(str)))
    whole = keras.layers.StringLookup()
    whole.adapt(tf.constant(words.astype(str)))
    assert 0.55 < unknown_share(small, words) < 0.85
    assert unknown_share(whole, words) == 0.0
    assert unknown_share(keras.layers.StringLookup(), words) == 0.0  # not adapted: not read
    texts = np.array([" ".join(row) for row in words], dtype=object)
    vectorizer = keras.layers.TextVectorization(max_tokens=6, output_sequence_length=20)
    vectorizer.adapt(texts)  # 4 words kept: the padding past 12 tokens is not counted
    assert unknown_share(vectorizer, texts) > 0.5
    ids = np.random.default_rng(0).integers(0, 50, (300, 5))
    integers = keras.layers.IntegerLookup(max_tokens=11)
    integers.adapt(ids)
    assert unknown_share(integers, ids) > 0.7
    one_hot = keras.layers.StringLookup(max_tokens=6, output_mode="one_hot")
    one_hot.adapt(tf.constant(words[:, 0].astype(str)))
    assert unknown_share(one_hot, words[:, :1]) == 0.0  # no ids: not read
    assert unknown_share(keras.layers.Dense(3), words) == 0.0


@pytest.mark.medium
@pytest.mark.parametrize("max_tokens", [6, None])
def test_watch_names_a_vocabulary_that_leaves_most_tokens_unknown(max_tokens: int | None) -> None:
    words, labels = _words()
    lookup = keras.layers.StringLookup(max_tokens=max_tokens, mask_token="")
    lookup.adapt(tf.constant(words.astype(str)))
    keras.utils.set_random_seed(0)
    inputs = keras.Input((12,), dtype="string")
    hidden = keras.layers.CategoryEncoding(lookup.vocabulary_size(), output_mode="one_hot")(
        lookup(inputs))  # fmt: skip
    hidden = keras.layers.GlobalMaxPooling1D()(keras.layers.Conv1D(8, 3)(hidden))
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    model.compile("adam", "binary_crossentropy")
    dataset = tf.data.Dataset.from_tensor_slices((words.astype(str), labels)).batch(64)
    watch = Watch(probe_data=dataset, verbose=0)
    model.fit(dataset, epochs=1, verbose=0, callbacks=[watch])
    named = [f for f in watch.findings if f.problem.value == "unknown_tokens"]
    assert bool(named) == (max_tokens is not None)
    if named:
        assert named[0].evidence["unknown_tokens"] >= PreflightThresholds().unknown_tokens
