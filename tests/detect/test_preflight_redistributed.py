"""Validation inputs transformed within their training spread (practice batch 90's inverted
bitmaps: 1 - x in the validation split only) lie a few training standard deviations from the
training mean, under `val_distance`; their distributions show it (`measure.validation_distance`
Kolmogorov-Smirnov readings, pre-flight `validation_inputs`). Random splits, a drifting series
split in time and rows sorted by class do not fire."""

from __future__ import annotations

import numpy as np
import pytest

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.validation_inputs import validation_inputs
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts
from autotrainer_keras.problems import SetupProblem

T = PreflightThresholds()
SEEDS = (0, 1, 2)


def _strokes(rng: np.random.Generator, rows: int) -> np.ndarray:
    """16 x 16 bitmaps in [0, 1]: one horizontal and one vertical stroke on a blank canvas."""
    x = np.zeros((rows, 16, 16, 1), "float32")
    for i in range(rows):
        x[i, rng.integers(2, 14), 2:14, 0] = 1.0
        x[i, 3:13, rng.integers(2, 14), 0] = rng.uniform(0.5, 1.0)
    return x


def _facts(x: np.ndarray, x_val: np.ndarray, y: np.ndarray, y_val: np.ndarray) -> SetupFacts:
    import keras

    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.Flatten(),
                              keras.layers.Dense(2, activation="softmax")])  # fmt: skip
    facts = model_facts(model, loss="sparse_categorical_crossentropy", optimizer="adam",
                        learning_rate=1e-3, default_learning_rate=1e-3, epochs=10,
                        batch_size=32)  # fmt: skip
    return SetupFacts(facts, data_facts(Dataset(x, y, x_val, y_val)))


@pytest.mark.parametrize("seed", SEEDS)
def test_inverted_validation_bitmaps_fire_and_a_random_split_does_not(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x, y = _strokes(rng, 600), rng.integers(0, 2, 600)
    inverted = _facts(x[:450], 1.0 - x[450:], y[:450], y[450:])
    finding = validation_inputs(inverted, T)
    assert inverted.data.val_distance < T.val_distance / 2  # the spread reading misses it
    assert finding is not None and finding.problem is SetupProblem.VALIDATION_SHIFT
    assert inverted.data.val_ks > 0.7 and "distributed unlike" in finding.reason
    same = _facts(x[:450], x[450:], y[:450], y[450:])
    assert same.data.val_ks < 0.1 and validation_inputs(same, T) is None


@pytest.mark.parametrize("seed", SEEDS)
def test_a_drifting_series_split_in_time_does_not_fire(seed: int) -> None:
    """Windows of a random walk, standardised on the training period: the later validation
    period lies elsewhere, as the second half of the training period does from the first."""
    rng = np.random.default_rng(seed)
    walk = np.cumsum(rng.standard_normal(3000))
    windows = np.stack([walk[i:i + 32] for i in range(2960)])[..., None].astype("float32")
    windows = (windows - windows[:2300].mean()) / windows[:2300].std()
    y = rng.integers(0, 2, 2960)
    facts = _facts(windows[:2300], windows[2300:], y[:2300], y[2300:])
    assert facts.data.val_ks < T.val_ks_factor / 2 * facts.data.val_ks_halves
    assert validation_inputs(facts, T) is None


@pytest.mark.parametrize("seed", SEEDS)
def test_training_rows_sorted_by_class_do_not_fire(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((600, 6)).astype("float32")
    y = (x[:, 0] > 0).astype("int32")
    order = np.argsort(y[:450], kind="stable")
    facts = _facts(x[:450][order], x[450:], y[:450][order], y[450:])
    assert facts.data.val_ks < T.val_ks / 2 and validation_inputs(facts, T) is None


@pytest.mark.parametrize("seed", SEEDS)
def test_validation_rows_drawn_from_a_wider_range_on_purpose_do_not_fire(seed: int) -> None:
    """Practice batch 79's arithmetic units: trained on inputs in [0, 1], validated on wider
    ones (an extrapolation test; up to 4 here, 10 there). Their distributions differ as
    inverted bitmaps do, but the validation values lie outside the training spread."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, (600, 10)).astype("float32")
    wide = rng.uniform(0, 4, (150, 10)).astype("float32")  # 6.5 standard deviations out
    y = rng.integers(0, 2, 750)
    facts = _facts(x, wide, y[:600], y[600:])
    assert facts.data.val_ks > 0.6 and T.val_ks_spread < facts.data.val_distance < T.val_distance
    assert validation_inputs(facts, T) is None
