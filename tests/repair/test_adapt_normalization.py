"""`adapt_normalization`: a Normalization of the model's own that leaves its input far off the
unit scale (never adapted, or adapted on another column: practice batch 47) is restated with
its input's statistics on the training rows, wherever it sits; `normalize` no longer puts a
Normalization in front of a Discretization."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig, TrainingConfig
from autotrainer_keras.engine.setup_check import SetupCheck
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.setup_facts import data_facts
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators.registry import get_operator
from autotrainer_keras.repair.plans import plan_for

L = keras.layers


def _houses(seed: int) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    sqft = rng.uniform(600, 3000, (800, 1)).astype("float32")
    x = {"sqft": sqft, "age": rng.uniform(0, 100, (800, 1)).astype("float32")}
    price = (60 * sqft + rng.normal(0, 2e4, sqft.shape)).astype("float32")
    return x, price, (price / 1e5).astype("float32")


def _house_model(adapt_on: np.ndarray | None) -> keras.Model:
    """`sqft` through a Normalization (adapted on `adapt_on`; None: never adapted), `age`
    through decade bins, as batch 47's wide-and-deep model reads them."""
    sqft, age = keras.Input((1,), name="sqft"), keras.Input((1,), name="age")
    norm = L.Normalization(name="sqft_norm")
    if adapt_on is None:
        norm.build((None, 1))
    else:
        norm.adapt(adapt_on)
    bins = L.Discretization(bin_boundaries=[10.0 * i for i in range(1, 10)],
                            output_mode="one_hot", name="age_bins")(age)  # fmt: skip
    h = L.Concatenate()([norm(sqft), bins])
    return keras.Model([sqft, age], L.Dense(1)(L.Dense(8, activation="relu")(h)))


def _spread(model: keras.Model, x: dict[str, np.ndarray]) -> float:
    layer = model.get_layer("sqft_norm")
    probe = keras.Model(model.inputs, layer.output)
    return float(np.std(keras.ops.convert_to_numpy(probe(x))))


def _repaired(model: keras.Model, x: dict, y: np.ndarray, solution: str) -> keras.Model:
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), (None, 1))
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="mse", metrics=[], seed=0)
    check.check(model, spec)
    operator = get_operator(solution, "default", check.facts, check.input_facts)
    new, _ = operator.apply(spec, 0, np.random.default_rng(0))
    return keras_spec.build_model(new)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("fault", ["never_adapted", "adapted_on_price"])
def test_a_misscaled_normalization_is_restated_on_its_inputs_training_values(
    seed: int, fault: str
) -> None:
    """Before: spread ~700 (raw values pass) or ~0.01 (squashed); after: about 1, in the
    candidate's config (no weights to warm-start over it)."""
    x, price, y = _houses(seed)
    model = _house_model(None if fault == "never_adapted" else price)
    before = _spread(model, x)
    assert before > 100 or before < 0.05
    candidate = _repaired(model, x, y, "adapt_normalization")
    assert 0.8 < _spread(candidate, x) < 1.25
    assert candidate.get_layer("sqft_norm").get_config()["mean"] is not None
    assert not candidate.get_layer("sqft_norm").weights


def test_a_well_adapted_normalization_is_left_alone_and_the_operator_does_not_apply() -> None:
    x, _, y = _houses(0)
    with pytest.raises(ModelSpecError, match="every Normalization scales its input"):
        _repaired(_house_model(x["sqft"]), x, y, "adapt_normalization")


def test_the_plans_try_it_for_both_findings() -> None:
    assert plan_for(SetupProblem.COLLAPSED_INPUT, "default")[0] == ("adapt_normalization", 1)
    assert plan_for(SetupProblem.UNSCALED_INPUT, "default")[0] == ("adapt_normalization", 1)


def test_normalize_puts_no_normalization_in_front_of_bins() -> None:
    """The raw ages (0-100, off the unit scale) reach decade bins: a Normalization in front
    of them would move every age into two bins (the job's `normalize` did so)."""
    x, _, y = _houses(0)
    model = _house_model(x["sqft"])
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="mse", metrics=[], seed=0)
    facts = data_facts(Dataset(x, y, x, y), 512, (None, 1))
    with pytest.raises(ModelSpecError, match="no named input"):
        get_operator("normalize", "default", facts).apply(spec, 0, np.random.default_rng(0))
