"""Preprocessing layers that throw a varying input away (practice batch 19): the reading
(`measure/collapsed_inputs.py`), the rule (`collapsed_input`) and the job's pre-flight check
on a model with named inputs. Healthy set-ups of the same layers stay quiet, over seeds."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig, TrainingConfig
from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.engine.setup_check import SetupCheck
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.collapsed_inputs import collapses
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.plans import plan_for

L = keras.layers
T = PreflightThresholds()


def clinic(seed: int, scaled_age: bool = False) -> tuple[dict[str, np.ndarray], np.ndarray]:
    rng = np.random.default_rng(seed)
    age = rng.uniform(20, 80, (600, 1))
    if scaled_age:  # a StandardScaler upstream; the bin boundaries stay in years
        age = (age - age.mean()) / age.std()
    x = {"age": age.astype("float32"), "code": rng.integers(0, 40, (600, 1)),
         "labs": rng.standard_normal((600, 4)).astype("float32")}  # fmt: skip
    return x, (x["labs"][:, 0] > 0).astype("float32")


def clinic_model(code_tokens: int = 40) -> keras.Model:
    age = keras.Input((1,), name="age")
    code = keras.Input((1,), name="code", dtype="int64")
    labs = keras.Input((4,), name="labs")
    bands = L.Discretization(bin_boundaries=[30.0, 45.0, 60.0], name="age_bands")(age)
    h = L.Concatenate()([L.CategoryEncoding(4, output_mode="one_hot")(bands),
                         L.CategoryEncoding(code_tokens, output_mode="one_hot",
                                            name="codes")(code), labs])  # fmt: skip
    out = L.Dense(1, activation="sigmoid")(L.Dense(8, activation="relu")(h))
    return keras.Model([age, code, labs], out)


def _worst(found: tuple, kind: str) -> float:
    return max((c.share for c in found if c.kind == kind), default=0.0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_each_fault_is_read_far_past_its_threshold_and_the_healthy_set_up_far_below(seed: int):
    x, _ = clinic(seed)
    healthy = collapses(clinic_model(), x)
    assert _worst(healthy, "one_bin") < 0.6 and _worst(healthy, "dropped") == 0.0
    assert _worst(collapses(clinic_model(), clinic(seed, scaled_age=True)[0]), "one_bin") == 1.0
    assert _worst(collapses(clinic_model(code_tokens=10), x), "dropped") > 2 * T.collapse_dropped


def test_models_without_such_layers_or_rows_to_read_measure_nothing():
    dense = keras.Sequential([keras.Input((4,)), L.Dense(2)])
    assert collapses(dense, np.zeros((8, 4), "float32")) == ()
    assert collapses(clinic_model(), None) == ()
    assert collapses(clinic_model(), {"age": np.zeros((8, 1))}) == ()  # inputs missing


def _spec(model: keras.Model):
    return keras_spec.spec_from_model(model, TrainingConfig(), loss="binary_crossentropy",
                                      metrics=["accuracy"], seed=0)  # fmt: skip


@pytest.mark.parametrize("fault", ["scaled_age", "code_tokens"])
def test_the_pre_flight_check_names_the_layer_and_the_healthy_model_is_quiet(fault: str):
    x, y = clinic(0, scaled_age=fault == "scaled_age")
    model = clinic_model(code_tokens=10 if fault == "code_tokens" else 40)
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), (None, 1))
    found = [f for f in check.check(model, _spec(model))
             if f.problem is SetupProblem.COLLAPSED_INPUT]  # fmt: skip
    assert len(found) == 1
    assert found[0].layer == ("age_bands" if fault == "scaled_age" else "codes")
    assert ("boundaries" if fault == "scaled_age" else "num_tokens") in found[0].reason
    assert plan_for(SetupProblem.COLLAPSED_INPUT, "default") == [("adapt_normalization", 1),
                                                                 ("more_bins", 1)]  # fmt: skip
    x, y = clinic(0)
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), (None, 1))
    healthy = clinic_model()
    assert all(f.problem is not SetupProblem.COLLAPSED_INPUT
               for f in check.check(healthy, _spec(healthy)))  # fmt: skip


def ratings_model() -> keras.Model:
    pair = keras.Input((2,), dtype="int32")
    users = L.Flatten()(L.Embedding(30, 4, name="users")(pair[:, 0]))
    items = L.Flatten()(L.Embedding(50, 4, name="items")(pair[:, 1]))
    return keras.Model(pair, L.Dot(axes=1)([users, items]))


def test_an_embedding_that_reads_one_id_in_every_row_is_named():
    """Practice batch 27: user ids spelled "user_12" against a vocabulary of "user_0012" all
    went to the out-of-vocabulary row 0; the check reads rows spread over the data, so
    ratings sorted by user (the first 600 rows all user 0) stay quiet."""
    rng = np.random.default_rng(0)
    items = rng.integers(0, 50, 3000)
    y = rng.normal(size=3000).astype("float32")
    model = ratings_model()
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="mse", metrics=[], seed=0)

    def collapsed(users: np.ndarray) -> list:
        x = np.stack([users, items], axis=1).astype("int32")
        check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x[:300], y[:300]), (None, 1))
        return [f for f in check.check(model, spec)
                if f.problem is SetupProblem.COLLAPSED_INPUT]  # fmt: skip

    found = collapsed(np.zeros(3000, int))
    assert [f.layer for f in found] == ["users"]
    assert "reads id 0 in every sampled training row" in found[0].reason
    assert collapsed(np.r_[np.zeros(600, int), rng.integers(1, 30, 2400)]) == []  # sorted


def house_model(adapt_on: np.ndarray) -> keras.Model:
    sqft = keras.Input((1,), name="sqft")
    rooms = keras.Input((1,), name="rooms")
    norm = L.Normalization(name="sqft_norm")
    norm.adapt(adapt_on)
    h = L.Concatenate()([norm(sqft), L.Normalization(mean=3.0, variance=1.0)(rooms)])
    return keras.Model([sqft, rooms], L.Dense(1)(L.Dense(8, activation="relu")(h)))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_normalization_adapted_on_another_column_is_squashed_and_named(seed: int) -> None:
    """Practice batch 47: the square-feet Normalization adapted on the price column (mean
    ~1e5): the feature reaches the model at -1.7 +- 0.01."""
    rng = np.random.default_rng(seed)
    sqft = np.sort(rng.uniform(600, 3000, (800, 1)), axis=0).astype("float32")  # time-sorted
    x = {"sqft": sqft, "rooms": rng.integers(1, 6, (800, 1)).astype("float32")}
    price = (60 * sqft + rng.normal(0, 2e4, sqft.shape)).astype("float32")
    wrong = collapses(house_model(price), x, (L.Normalization,))
    right = collapses(house_model(sqft), x, (L.Normalization,))
    assert max(c.share for c in wrong if c.layer == "sqft_norm") < T.collapse_spread / 3
    assert min(c.share for c in right) > 3 * T.collapse_spread
    y = (price / 1e5).astype("float32")
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), (None, 1))
    model = house_model(price)
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="mse", metrics=[], seed=0)
    found = [f for f in check.check(model, spec) if f.problem is SetupProblem.COLLAPSED_INPUT]
    assert len(found) == 1 and found[0].layer == "sqft_norm"
    assert "adapted on other data" in found[0].reason
    healthy = house_model(sqft)  # rows sorted by size: read on rows spread over them
    spec = keras_spec.spec_from_model(healthy, TrainingConfig(), loss="mse", metrics=[], seed=0)
    assert all(f.problem is not SetupProblem.COLLAPSED_INPUT for f in check.check(healthy, spec))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_normalization_never_adapted_passes_raw_values_and_is_named_unscaled(seed: int):
    """Practice batch 47: the square-feet Normalization never adapted (Keras keeps mean 0 and
    variance 1): the raw 600-3000 reach the first weights. A never-adapted layer on a
    feature of spread 8 (temperature in degrees) is left alone, as raw inputs of that scale
    are."""
    rng = np.random.default_rng(seed)
    sqft = rng.uniform(600, 3000, (800, 1)).astype("float32")
    x = {"sqft": sqft, "rooms": rng.integers(1, 6, (800, 1)).astype("float32")}
    y = (sqft / 1000).astype("float32")

    def model(unadapted: np.ndarray) -> keras.Model:
        sqft_in, rooms = keras.Input((1,), name="sqft"), keras.Input((1,), name="rooms")
        norm = L.Normalization(name="sqft_norm")  # never adapted
        norm.build((None, 1))
        h = L.Concatenate()([norm(sqft_in / unadapted), L.Normalization(mean=3.0,
                                                                      variance=1.0)(rooms)])
        return keras.Model([sqft_in, rooms], L.Dense(1)(L.Dense(8, activation="relu")(h)))

    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), (None, 1))
    for divisor, named in ((1.0, True), (100.0, False)):  # spread ~700, ~7
        built = model(np.float32(divisor))
        spec = keras_spec.spec_from_model(built, TrainingConfig(), loss="mse", metrics=[],
                                          seed=0)  # fmt: skip
        found = [f for f in check.check(built, spec) if f.problem is SetupProblem.UNSCALED_INPUT]
        assert bool(found) is named, found
        if named:
            assert found[0].layer == "sqft_norm" and "never adapted" in found[0].reason
