"""A Dropout layer after a regression head (practice batch 11's `dropout_after_output`):
named before training and repaired by `output_pair`, which makes it the identity."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.problems import SetupProblem

pytestmark = pytest.mark.medium


def _data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(600, 5)).astype("float32")
    return x, (x[:, 0] - 0.5 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3]).astype("float32")


def _regressor() -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1), keras.layers.Dropout(0.5)])  # fmt: skip
    model.compile(keras.optimizers.Adam(0.01), "mse")
    return model


def test_the_job_names_the_dropout_after_the_output_and_removes_it(tmp_path: Path) -> None:
    x, y = _data()
    result = autotrainer_keras.fit(_regressor(), x, y, epochs=8, batch_size=32,
                                   validation_split=0.25, tracking=False, verbose=False,
                                   output_dir=tmp_path / "out")  # fmt: skip
    first = result.findings[0]
    assert first.problem is SetupProblem.OUTPUT_LOSS_MISMATCH and "dropout" in first.reason
    assert result.report["repairs"][0]["solution"] == "output_pair"
    assert result.status == "repaired"
    assert not any(isinstance(layer, keras.layers.Dropout) for layer in result.model.layers)
    before, after = result.report["original"]["val_loss"], result.report["final"]["val_loss"]
    assert after < before / 2, (before, after)


def test_a_batchnorm_after_the_softmax_is_named_and_left_out(tmp_path: Path) -> None:
    """Practice batch 15's `batchnorm_after_softmax`: a BatchNormalization appended after the
    softmax gives standardised values, no probabilities, to the categorical cross-entropy
    (digits: 0.19 against 0.95). Named before training; `output_pair` makes it the identity
    (0.95 in the batch run). Digits, 6 epochs, seed 0: a margin of more than 0.4 here."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(0).permutation(len(digits.target))
    x = (digits.data[order] / 16).astype("float32")
    y = keras.utils.to_categorical(digits.target[order], 10)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10), keras.layers.Activation("softmax"),
                              keras.layers.BatchNormalization()])  # fmt: skip
    model.compile("rmsprop", "categorical_crossentropy", metrics=["accuracy"])
    result = autotrainer_keras.fit(model, x, y, epochs=6, batch_size=32, validation_split=0.25,
                                   tracking=False, verbose=False,
                                   output_dir=tmp_path / "out")  # fmt: skip
    first = result.findings[0]
    assert first.problem is SetupProblem.OUTPUT_LOSS_MISMATCH and first.layer is not None
    assert "batch_normalization" in first.layer
    assert result.status == "repaired" and result.report["final"]["solutions"] == ["output_pair"]
    assert not any(isinstance(layer, keras.layers.BatchNormalization)
                   for layer in result.model.layers)  # fmt: skip
    report = result.report
    assert report["final"]["val_accuracy"] > report["original"]["val_accuracy"] + 0.4
