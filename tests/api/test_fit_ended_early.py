"""The job on a fit that the user's EarlyStopping ends long before its budget: a model that
learned nothing that carries to the validation rows is named when its training ends."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

import autotrainer_keras

pytestmark = pytest.mark.medium


def test_the_original_stopped_early_at_chance_is_named(tmp_path: Path) -> None:
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((1200, 12)).astype("float32")
    y = rng.permutation((x[:, 0] + x[:, 1] > 0).astype("float32"))  # labels apart from rows
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    stop = keras.callbacks.EarlyStopping(patience=5)
    result = autotrainer_keras.fit(
        model, x[:600], y[:600], validation_data=(x[600:], y[600:]), epochs=100, batch_size=64,
        callbacks=[stop], config={"repair": {"max_attempts": 1}}, output_dir=tmp_path,
        tracking=False, verbose=False,
    )  # fmt: skip
    first = result.findings[0]
    assert first.problem.value == "slow_convergence"
    assert "Judged when training stopped after" in first.reason
    assert result.report["original"]["epochs_run"] < 50
