"""A Hashing layer whose collisions merge categories the targets tell apart (practice batch
49's 50 cities in 64 or 2 bins): the reading (`measure/merged_levels.py`), the rule
(`collapsed_input`'s `merged`), the repair (`more_bins`) and the readings of named inputs
that mix string and number columns. The hashing trick with bins to spare, and categories that
tell nothing about the targets, stay quiet, over seeds."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig, TrainingConfig
from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.engine.setup_check import SetupCheck
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.collapsed_inputs import as_tensors, collapses
from autotrainer_keras.measure.merged_levels import merged_reading, merged_tables
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators.more_bins import new_bins
from autotrainer_keras.repair.operators.registry import get_operator
from autotrainer_keras.repair.plans import plan_for

L = keras.layers
T = PreflightThresholds()
CITIES = 50


def _churn(seed: int, effect: float = 3.0, rows: int = 2000) -> tuple[dict, np.ndarray]:
    """Customers of 50 cities whose churn follows the city (each city's own log-odds) and
    their age."""
    rng = np.random.default_rng(seed)
    city = rng.integers(0, CITIES, rows)
    logit = effect * rng.standard_normal(CITIES)[city] + 0.02 * rng.standard_normal(rows)
    names = np.array([[f"city_{c:02d}"] for c in city], dtype=object)
    age = rng.uniform(18, 80, (rows, 1)).astype("float32")
    y = (rng.uniform(size=rows) < 1 / (1 + np.exp(-logit))).astype("float32")
    return {"city": names, "age": (age - 49) / 18}, y


def _churn_model(bins: int, mode: str = "one_hot") -> keras.Model:
    city = keras.Input((1,), name="city", dtype="string")
    age = keras.Input((1,), name="age")
    hashed = L.Hashing(num_bins=bins, output_mode=mode, name="city_hash")(city)
    if mode == "int":
        hashed = L.Flatten()(L.Embedding(bins, 4, name="city_table")(hashed))
    h = L.Dense(8, activation="relu")(L.Concatenate()([hashed, age]))
    return keras.Model([city, age], L.Dense(1, activation="sigmoid")(h))


def _indicators(y: np.ndarray) -> np.ndarray:
    return np.stack([y == 0, y == 1], axis=1).astype(np.float64)


def test_the_pure_reading_keeps_the_signal_of_distinct_buckets_and_loses_that_of_merged_ones():
    rng = np.random.default_rng(0)
    values = rng.integers(0, 40, 4000)
    targets = (rng.standard_normal(40)[values] + 0.5 * rng.standard_normal(4000))[:, None]
    kept = merged_reading("h", values, values + 100, targets)
    halved = merged_reading("h", values, values % 20, targets)
    merged = merged_reading("h", values, values % 2, targets)
    assert kept is not None and halved is not None and merged is not None
    assert kept.share == pytest.approx(1.0) and kept.signal > 0.5 and kept.values == 40
    assert merged.share < 0.1 < halved.share < 0.75
    noise = rng.standard_normal((4000, 1))  # values that tell nothing: no reading
    assert merged_reading("h", values, values % 2, noise) is None
    few = merged_reading("h", values % 5, values % 2, targets)  # 5 values: too few to read
    assert few is None


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_collisions_are_read_far_past_the_threshold_and_bins_to_spare_far_below(seed: int):
    x, y = _churn(seed)
    targets = _indicators(y)
    (spare,) = merged_tables(_churn_model(4096), x, targets)
    (two,) = merged_tables(_churn_model(2), x, targets)
    (int_mode,) = merged_tables(_churn_model(2, "int"), x, targets)
    assert spare.share > 0.9 > T.collapse_merged and spare.signal > 4 * T.code_signal
    assert two.share < 0.2 and int_mode.share == pytest.approx(two.share)
    assert spare.layer == "city_hash" and spare.values == CITIES


def test_the_check_names_the_hashing_layer_and_more_bins_gives_it_room():
    x, y = _churn(3)
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), (None, 1))
    model = _churn_model(2, "int")
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="binary_crossentropy",
                                      metrics=[], seed=0)  # fmt: skip
    (finding,) = [f for f in check.check(model, spec)
                  if f.problem is SetupProblem.COLLAPSED_INPUT]  # fmt: skip
    assert finding.layer == "city_hash" and "Hashing" in finding.reason
    assert finding.evidence["signal"] >= T.code_signal
    assert "more_bins" in [s for s, _ in plan_for(SetupProblem.COLLAPSED_INPUT, "default")]
    operator = get_operator("more_bins", "default", check.facts, check.input_facts)
    repaired, params = operator.apply(spec, 0, np.random.default_rng(0))
    built = keras_spec.build_model(repaired)
    bins = new_bins(2, CITIES)
    assert built.get_layer("city_hash").num_bins == bins >= 16 * CITIES
    assert built.get_layer("city_table").input_dim == bins
    assert params["layers"] == [{"layer": "city_hash", "from": 2, "to": bins}]
    (after,) = merged_tables(built, x, _indicators(y))
    assert after.share > T.collapse_merged


def test_a_one_hot_hashing_grows_and_the_layers_behind_it_build_on_the_wider_input():
    x, y = _churn(4)
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), (None, 1))
    model = _churn_model(16)
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="binary_crossentropy",
                                      metrics=[], seed=0)  # fmt: skip
    check.check(model, spec)
    operator = get_operator("more_bins", "default", check.facts, check.input_facts)
    built = keras_spec.build_model(operator.apply(spec, 0, np.random.default_rng(0))[0])
    assert built.get_layer("city_hash").num_bins == new_bins(16, CITIES)
    assert tuple(built(as_tensors(x)).shape) == (len(y), 1)


def test_healthy_hashing_leaves_the_operator_nothing_to_do():
    x, y = _churn(5)
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), (None, 1))
    model = _churn_model(4096)
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="binary_crossentropy",
                                      metrics=[], seed=0)  # fmt: skip
    findings = check.check(model, spec)
    assert SetupProblem.COLLAPSED_INPUT not in [f.problem for f in findings]
    with pytest.raises(ModelSpecError, match="no Hashing layer"):
        get_operator("more_bins", "default", check.facts, check.input_facts).apply(
            spec, 0, np.random.default_rng(0)
        )


def test_named_inputs_mixing_strings_and_numbers_are_read():
    """A model called on a dict of a string column and a number column raised "cannot mix
    tensors and non-tensors", so its preprocessing layers went unread."""
    x, _ = _churn(6)
    age = keras.Input((1,), name="age")
    city = keras.Input((1,), name="city", dtype="string")
    bands = L.Discretization(bin_boundaries=[30.0, 45.0, 60.0], name="age_bands")(age)
    h = L.Concatenate()([L.CategoryEncoding(4, output_mode="one_hot")(bands),
                         L.Hashing(num_bins=8, output_mode="one_hot")(city)])  # fmt: skip
    model = keras.Model([city, age], L.Dense(1)(h))
    (reading,) = collapses(model, x)
    assert reading.layer == "age_bands" and reading.share == 1.0  # boundaries in years
