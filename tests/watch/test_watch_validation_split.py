"""`Watch` names validation rows unlike the training rows from the accuracies Keras logs:
`validation_split` of class-sorted rows (the last 20 %, unshuffled, are classes the training
never saw) is a label mismatch within a few epochs on every seed; the same rows shuffled raise
nothing. Real training on sklearn's digits."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from sklearn.datasets import load_digits

from autotrainer_keras.keras import Watch
from autotrainer_keras.problems import SetupProblem

pytestmark = pytest.mark.medium


def _fit(seed: int, sort: bool) -> Watch:
    keras.utils.set_random_seed(seed)
    x, y = load_digits(return_X_y=True)
    x = (x / 16.0).astype("float32")
    shuffled = np.random.default_rng(seed).permutation(len(y))
    order = np.argsort(y, kind="stable") if sort else shuffled
    x, y = x[order], y[order]
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    training = slice(0, int(0.8 * len(y)))
    watch = Watch(probe_data=(x[training], y[training]), on_problem="stop", verbose=0)
    model.fit(x, y, epochs=8, batch_size=32, validation_split=0.2, callbacks=[watch], verbose=0)
    return watch


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_validation_split_of_sorted_rows_is_a_label_mismatch(seed: int) -> None:
    watch = _fit(seed, sort=True)
    assert [f.problem for f in watch.findings] == [SetupProblem.LABEL_MISMATCH]
    finding = watch.findings[0]
    assert finding.epoch <= 5 and finding.step > 0  # seen in training, within a few epochs
    assert finding.evidence["val_accuracy"] < 0.05 and finding.evidence["classes"] == 10


def test_the_same_rows_shuffled_raise_nothing() -> None:
    assert _fit(0, sort=False).findings == []
