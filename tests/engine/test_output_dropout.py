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
