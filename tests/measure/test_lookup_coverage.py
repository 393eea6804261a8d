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
    # an encoding lookup (no ids) is read against its vocabulary: 5 of 20 letters kept (6
    # minus "[UNK]"), the 15 rarer ones about half of the first column's tokens
    assert 0.45 < unknown_share(one_hot, words[:, :1]) < 0.75
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


GRADES = np.array(list("ABCDEFG"), dtype=object)
PURPOSES = np.array(["car", "home", "debt", "card", "medical", "travel", "other", "house"],
                    dtype=object)  # fmt: skip


def _loans(rows: int = 600) -> tuple[dict[str, np.ndarray], np.ndarray]:
    rng = np.random.default_rng(0)
    grade = rng.integers(0, 7, rows)
    amounts = rng.standard_normal((rows, 3)).astype("float32")
    y = (grade + amounts[:, 0] + rng.standard_normal(rows) > 3.5).astype("float32")
    x = {"grade": GRADES[grade][:, None], "purpose": rng.choice(PURPOSES, (rows, 1)),
         "amounts": amounts}  # fmt: skip
    return x, y


def _loan_model(x: dict[str, np.ndarray], grade_adapted_on: str) -> keras.Model:
    keras.utils.set_random_seed(0)
    inputs = {"grade": keras.Input((1,), dtype="string", name="grade"),
              "purpose": keras.Input((1,), dtype="string", name="purpose"),
              "amounts": keras.Input((3,), name="amounts")}  # fmt: skip
    encoded = []
    for name in ("grade", "purpose"):
        lookup = keras.layers.StringLookup(output_mode="one_hot", name=f"{name}_lookup")
        adapted_on = grade_adapted_on if name == "grade" else name  # a copy-pasted adapt line
        lookup.adapt(tf.constant(x[adapted_on].astype(str)))
        encoded.append(lookup(inputs[name]))
    joined = keras.layers.Concatenate()([*encoded, inputs["amounts"]])
    hidden = keras.layers.Dense(16, activation="relu")(joined)
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    model.compile("adam", "binary_crossentropy")
    return model


@pytest.mark.medium
@pytest.mark.parametrize("adapted_on", ["purpose", "grade"])
def test_a_lookup_adapted_on_another_column_behind_one_named_input(adapted_on: str) -> None:
    """A one-hot `StringLookup` of the grades adapted on the purposes (practice batch 22):
    every grade maps to "[UNK]"; named on that input alone, before training. Adapted on the
    grades themselves: quiet."""
    x, y = _loans()
    # Keras' NumPy adapter refuses string arrays ("Invalid dtype"): a tf.data pipeline
    tensors = {
        name: tf.constant(v.astype(str) if v.dtype == object else v) for name, v in x.items()
    }
    dataset = tf.data.Dataset.from_tensor_slices((tensors, y)).batch(64)
    watch = Watch(probe_data=dataset, verbose=0)
    _loan_model(x, adapted_on).fit(dataset, epochs=1, verbose=0, callbacks=[watch])
    named = [f for f in watch.findings if f.problem.value == "unknown_tokens"]
    if adapted_on == "grade":
        assert named == []
        return
    (finding,) = named
    assert finding.step == 0 and finding.reason.startswith("input 'grade'")
    assert finding.evidence["unknown_tokens"] == 1.0


@pytest.mark.parametrize("mode", ["multi_hot", "count", "tf_idf"])
def test_an_encoding_text_vectorization_is_read_through_its_twin_giving_ids(mode: str) -> None:
    """Practice batch 49's tags under `max_tokens=8`: 32 of 40 tags unknown, encoded
    multi-hot (no out-of-vocabulary id to count); a vocabulary that holds them all: none."""
    rng = np.random.default_rng(0)
    texts = np.array([" ".join(f"tag{t}" for t in rng.integers(0, 40, 5)) for _ in range(600)])
    for max_tokens, low, high in ((8, 0.7, 0.9), (100, 0.0, 0.0)):
        layer = keras.layers.TextVectorization(max_tokens=max_tokens, output_mode=mode)
        layer.adapt(texts)
        assert low <= unknown_share(layer, texts) <= high
