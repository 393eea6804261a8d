"""The mean squared logarithmic error on standardised targets (practice batch 15's
`msle_standardised_target`): Keras clips targets below 0, half of them read as 0. Named
before training (`output_loss_mismatch`), quiet on positive amounts; `output_pair` trains mse
instead, and the candidate is judged against the original's validation loss read again under
mse (the original's MSLE, in its own units, is no score to compare an MSE with).

Margins, measured (diabetes standardised, 20 epochs, seeds 0 and 1): the original's
validation MSE (read under mse) 0.79 and 0.54, the repair's 0.60 and 0.48, against the 0.02
gain acceptance asks for. (On a synthetic task whose function extrapolates linearly the MSLE
model predicts the negative half well enough, 0.035: no repair is accepted there.)"""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.log_loss_targets import log_loss_targets
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts


def _diabetes() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_diabetes

    data = load_diabetes()
    x = ((data.data - data.data.mean(0)) / data.data.std(0)).astype("float32")
    return x, data.target.astype("float32")


def test_negative_targets_under_a_log_loss_are_named_and_positive_ones_are_not() -> None:
    x, y = _diabetes()
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(1)])
    facts = model_facts(model, loss="mean_squared_logarithmic_error", optimizer="adam",
                        learning_rate=1e-3, default_learning_rate=1e-3, epochs=5,
                        batch_size=32)  # fmt: skip

    def found(targets: np.ndarray):
        data = Dataset(x[:300], targets[:300], x[300:], targets[300:])
        return log_loss_targets(SetupFacts(facts, data_facts(data)), PreflightThresholds())

    standardised = (y - y.mean()) / y.std()
    finding = found(standardised)
    assert finding is not None and finding.problem.value == "output_loss_mismatch"
    assert found(y) is None  # amounts 25..346: the loss fits them
    outlier = y.copy()
    outlier[0] = -5.0  # one negative row among positive amounts: not judged
    assert found(outlier) is None


@pytest.mark.medium
@pytest.mark.parametrize("seed", [0, 1])
def test_output_pair_trains_mse_and_is_judged_in_its_units(tmp_path: Path, seed: int) -> None:
    x, y = _diabetes()
    y = (y - y.mean()) / y.std()
    order = np.random.default_rng(seed).permutation(len(y))
    x, y = x[order], y[order]
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "mean_squared_logarithmic_error")
    result = autotrainer_keras.fit(model, x[:330], y[:330], validation_data=(x[330:], y[330:]),
                                   epochs=20, batch_size=32, tracking=False, verbose=False,
                                   output_dir=tmp_path / "out")  # fmt: skip
    report = result.report
    assert report["detections"][0]["problem"] == "output_loss_mismatch"
    assert result.status == "repaired" and report["final"]["solutions"] == ["output_pair"]
    assert report["repairs"][0]["params"]["loss"] == "mse"
    original = model.predict(x[330:], verbose=0)  # the user's model as its training left it
    original_mse = float(np.mean((original[:, 0] - y[330:]) ** 2))
    repaired = result.model.predict(x[330:], verbose=0)
    # the acceptance's own bar in mse units: 2 % of the constant predictor's loss (~1)
    assert float(np.mean((repaired[:, 0] - y[330:]) ** 2)) < original_mse - 0.02
