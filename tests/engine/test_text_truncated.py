"""Texts cut short by a TextVectorization layer (practice batch 10's
`text_cut_after_3_tokens`): named before training, in the job and in `Watch`, and repaired
by `text_length`."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.problems import SetupProblem

pytestmark = pytest.mark.medium

OPENINGS = ["i watched this film", "we saw the movie", "my friends and i saw it"]
FILLER = ["the", "plot", "was", "and", "acting", "very", "quite", "scenes", "story"]


def _reviews(n: int = 600, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """An opening of 4-6 words, then 6 words, two of them the opinion (good or bad)."""
    rng = np.random.default_rng(seed)
    texts, labels = [], []
    for _ in range(n):
        label = int(rng.integers(0, 2))
        words = list(rng.choice(FILLER, 6))
        for place in rng.choice(6, 2, replace=False):
            words[place] = str(rng.choice(["great", "superb"] if label else ["awful", "dull"]))
        texts.append(f"{OPENINGS[rng.integers(0, 3)]} {' '.join(words)}")
        labels.append(label)
    return np.array(texts, dtype=object)[:, None], np.array(labels, "float32")


def _classifier(texts: np.ndarray, length: int) -> keras.Model:
    keras.utils.set_random_seed(0)
    vectorize = keras.layers.TextVectorization(max_tokens=40, output_sequence_length=length)
    vectorize.adapt(texts[:, 0])
    model = keras.Sequential([keras.Input((1,), dtype="string"), vectorize,
                              keras.layers.Embedding(40, 8),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(0.01), "binary_crossentropy", metrics=["accuracy"])
    return model


def test_the_job_names_the_cut_and_reads_whole_texts(tmp_path: Path) -> None:
    texts, labels = _reviews()
    result = autotrainer_keras.fit(_classifier(texts, 3), texts, labels, epochs=6,
                                   batch_size=32, validation_split=0.25, tracking=False,
                                   verbose=False, output_dir=tmp_path / "out")  # fmt: skip
    first = result.findings[0]
    assert first.problem is SetupProblem.TEXT_TRUNCATED and first.evidence["text_length"] == 3
    assert first.evidence["median_words"] >= 10
    candidate = result.report["repairs"][0]
    assert candidate["solution"] == "text_length" and candidate["params"]["to"] >= 11
    assert result.status == "repaired"  # the opening alone says nothing: chance before
    assert result.report["final"]["val_accuracy"] > 0.9


def test_watch_names_the_cut_and_spares_a_length_that_covers_the_texts() -> None:
    import tensorflow as tf

    import autotrainer_keras.keras

    texts, labels = _reviews(128)
    strings = tf.constant(texts.astype(str))  # Keras' fit takes no object arrays
    quiet = autotrainer_keras.keras.Watch(probe_data=(texts, labels), verbose=0)
    _classifier(texts, 16).fit(strings, labels, epochs=1, callbacks=[quiet], verbose=0)
    # four steps in all: `small_budget` by its own rule, nothing on the texts
    assert all(f.problem is not SetupProblem.TEXT_TRUNCATED for f in quiet.findings)
    watch = autotrainer_keras.keras.Watch(probe_data=(texts, labels), verbose=0)
    with pytest.warns(autotrainer_keras.keras.TrainingProblemWarning, match="TextVectorization"):
        _classifier(texts, 3).fit(strings, labels, epochs=1, callbacks=[watch], verbose=0)
    assert watch.findings[0].problem is SetupProblem.TEXT_TRUNCATED
