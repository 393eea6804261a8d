"""Weights that push a model to one class, or leave nothing to learn (`invalid_sample_weights`),
repaired by `balanced_weights`: balanced class weights in their place (every row 1 for a
regression target).

Margins, measured on seeds 0 and 1: 7 % positives weighted by the negative *count* (about
1,950) instead of the ratio, the MLP ends at 0.07-0.13 validation accuracy (it predicts the
positive class everywhere); balanced weights 0.84-0.91. Diabetes regression with every sample
weight 0 (an integer division): validation MSE 1.44-1.61 on standardised targets; every row
weighing 1: 0.47-0.49."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import autotrainer_keras

pytestmark = pytest.mark.medium


@pytest.mark.parametrize("seed", [0, 1])
def test_a_count_typed_as_a_class_weight_is_replaced_by_balanced_weights(
    tmp_path: Path, seed: int
) -> None:
    import keras
    from sklearn.datasets import make_classification

    x, y = make_classification(3000, 20, n_informative=8, weights=[0.93], flip_y=0.01,
                               random_state=seed)  # fmt: skip
    x, y = x.astype("float32"), y.astype("float32")
    split = 2100
    negatives, positives = float((y[:split] == 0).sum()), float((y[:split] == 1).sum())
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    result = autotrainer_keras.fit(
        model, x[:split], y[:split], validation_data=(x[split:], y[split:]), epochs=8,
        batch_size=64, class_weight={0: 1.0, 1: negatives}, output_dir=tmp_path / "out",
        tracking=False, verbose=False,
    )  # fmt: skip
    report = result.report
    assert report["detections"][0]["problem"] == "invalid_sample_weights"
    assert result.status == "repaired" and report["final"]["solutions"] == ["balanced_weights"]
    weights = report["repairs"][0]["params"]["class_weight"]
    assert float(weights["1"] if "1" in weights else weights[1]) == pytest.approx(
        split / (2 * positives), rel=1e-3
    )
    assert "fit(class_weight=...)" in report["repairs"][0]["description"]
    assert report["final"]["val_accuracy"] > report["original"]["val_accuracy"] + 0.4


def test_sample_weights_all_zero_under_a_regression_loss_are_left_out(tmp_path: Path) -> None:
    import keras
    from sklearn.datasets import load_diabetes

    diabetes = load_diabetes()
    x = ((diabetes.data - diabetes.data.mean(0)) / diabetes.data.std(0)).astype("float32")
    y = ((diabetes.target - diabetes.target.mean()) / diabetes.target.std()).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    weights = (np.arange(300) // 300).astype("float32")  # every weight 0
    result = autotrainer_keras.fit(
        model, x[:300], y[:300], validation_data=(x[300:], y[300:]), epochs=15, batch_size=32,
        sample_weight=weights, output_dir=tmp_path / "out", tracking=False, verbose=False,
    )  # fmt: skip
    report = result.report
    assert report["detections"][0]["problem"] == "invalid_sample_weights"
    assert result.status == "repaired" and report["final"]["solutions"] == ["balanced_weights"]
    assert report["repairs"][0]["params"]["class_weight"] == {}
    assert report["final"]["val_loss"] < 0.6 * report["original"]["val_loss"]
