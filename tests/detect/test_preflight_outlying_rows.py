"""Some validation rows of one column in other units (practice batch 97: one site's
creatinine in umol/L for the validation patients, converted to mg/dL for the training ones,
then standardised on training) move neither the median distance nor most features'
distributions; their share far outside the training range shows it
(`measure.validation_distance`, pre-flight `validation_inputs._outlying_rows`). Heavy tails,
a trend split in time, a permuted second task and a wider test range drawn on purpose do not
fire."""

from __future__ import annotations

import numpy as np
import pytest

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.validation_inputs import (
    _outlying_rows,
    validation_inputs,
)
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts
from autotrainer_keras.problems import SetupProblem

T = PreflightThresholds()
SEEDS = (0, 1, 2)
CREATININE_UMOL = 88.4


def _facts(x: np.ndarray, x_val: np.ndarray) -> SetupFacts:
    import keras

    y = (x[:, 0, 0] > 0).astype("int64")
    y_val = (x_val[:, 0, 0] > 0).astype("int64")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.Flatten(),
                              keras.layers.Dense(2, activation="softmax")])  # fmt: skip
    facts = model_facts(model, loss="sparse_categorical_crossentropy", optimizer="adam",
                        learning_rate=1e-3, default_learning_rate=1e-3, epochs=10,
                        batch_size=32)  # fmt: skip
    return SetupFacts(facts, data_facts(Dataset(x, y, x_val, y_val)))


def _stays(rng: np.random.Generator, rows: int, site_b_raw: bool) -> np.ndarray:
    """(rows, 24 hours, 6 labs) in mg/dL-like units, lab 5 creatinine around 1.0; a third
    of the patients from site B, whose creatinine is recorded in umol/L (`site_b_raw`:
    left so)."""
    labs = rng.lognormal(mean=np.log([90, 4, 140, 30, 12, 1.0]), sigma=0.25,
                         size=(rows, 24, 6))  # fmt: skip
    if site_b_raw:
        site_b = rng.random(rows) < 0.33
        labs[site_b, :, 5] *= CREATININE_UMOL
    return labs.astype("float32")


def _standardised(train: np.ndarray, val: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, std = train.mean(axis=(0, 1)), train.std(axis=(0, 1))
    return (train - mean) / std, (val - mean) / std


@pytest.mark.parametrize("seed", SEEDS)
def test_one_sites_column_in_other_units_in_validation_fires(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x, x_val = _standardised(_stays(rng, 500, False), _stays(rng, 200, True))
    facts = _facts(x, x_val)
    assert facts.data.val_distance < 2 and facts.data.val_ks < 0.2  # the medians miss it
    finding = validation_inputs(facts, T)
    assert finding is not None and finding.problem is SetupProblem.VALIDATION_SHIFT
    assert finding.evidence["val_outside_feature"] == 5.0
    assert finding.evidence["val_outside"] > 0.2  # a third of the patients, against 0.05
    assert finding.evidence["val_outside_columns"] == 1.0
    same = _facts(*_standardised(_stays(rng, 500, False), _stays(rng, 200, False)))
    assert same.data.val_outside == 0.0 and validation_inputs(same, T) is None


@pytest.mark.parametrize("seed", SEEDS)
def test_heavy_tails_a_trend_and_a_wider_test_range_do_not_fire(seed: int) -> None:
    rng = np.random.default_rng(seed)
    heavy = rng.standard_t(2, size=(700, 8, 4)).astype("float32")  # returns-like tails
    facts = _facts(heavy[:500], heavy[500:])
    assert facts.data.val_outside < T.val_outside / 2 and validation_inputs(facts, T) is None
    hours = np.arange(700 * 8, dtype="float32").reshape(700, 8, 1)  # a time index, in order
    trend = np.concatenate([hours, rng.standard_normal((700, 8, 3)).astype("float32")], -1)
    facts = _facts(trend[:500], trend[500:])
    assert facts.data.val_outside == 0.0 and validation_inputs(facts, T) is None
    pixels = np.concatenate([rng.uniform(0, 0.1, (700, 8, 6)),  # edge pixels, nearly blank
                             rng.normal(8, 2, (700, 8, 34))], -1).astype("float32")
    order = np.r_[6:12, 0:6, 12:40]  # a second task: the edge pixels swapped with six others
    facts = _facts(pixels[:500], pixels[500:][..., order])
    assert facts.data.val_outside_columns > T.val_outside_columns  # batch 71: 7 of 61
    assert facts.data.val_outside > T.val_outside and facts.data.val_ks < T.val_ks  # else fires
    assert _outlying_rows(facts, T) is None
    wide = rng.uniform(0, 10, (700, 8, 2)).astype("float32")  # tested on 4 x the range,
    facts = _facts(wide[:500], wide[500:] * 4)  # as batch 79's arithmetic units
    assert facts.data.val_outside > T.val_outside  # half of it outside, by design,
    assert facts.data.val_ks > T.val_ks and validation_inputs(facts, T) is None  # all moved
