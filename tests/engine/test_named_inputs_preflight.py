"""A model fed a dict of named inputs gets the input checks once per input.

Practice batch 8's `codes_raw_dense`: a region code (101..160) and a category code
(100..1200) concatenated as numbers straight into a Dense layer next to an adapted
Normalization of two other columns; the job ran no pre-flight for named inputs and named it
only as slow convergence at epoch 5. Now each named input is read on its own values and the
layers its values pass through, and `normalize` scales the inputs that reach weights raw.
"""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.engine.setup_check import SetupCheck
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.input_facts import UNREAD
from autotrainer_keras.measure.setup_facts import data_facts, input_side
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.spec import TrainingSpec

RNG = np.random.default_rng(0)
N = 600


def orders() -> tuple[dict[str, np.ndarray], np.ndarray]:
    region = RNG.integers(101, 161, N).astype("float32").reshape(-1, 1)
    category = (RNG.integers(1, 13, N) * 100).astype("float32").reshape(-1, 1)
    value = RNG.gamma(2.0, 30.0, N).astype("float32").reshape(-1, 1)
    items = RNG.integers(1, 10, N).astype("float32").reshape(-1, 1)
    noise = RNG.standard_normal((N, 1)).astype("float32")  # at unit scale already
    y = ((region[:, 0] % 7 > 3) ^ (value[:, 0] > 60)).astype("float32")
    return {"region": region, "category": category, "value": value, "items": items,
            "noise": noise}, y


def model(raw_codes: bool, x: dict[str, np.ndarray]) -> keras.Model:
    inputs = {k: keras.Input((1,), name=k) for k in x}
    norm = keras.layers.Normalization(name="numbers_norm")
    norm.adapt(np.column_stack([x["value"], x["items"]]))
    numbers = norm(keras.layers.Concatenate()([inputs["value"], inputs["items"]]))
    codes = [inputs["region"], inputs["category"]]
    if not raw_codes:
        codes = [keras.layers.Rescaling(1 / 160.0)(inputs["region"]),
                 keras.layers.Rescaling(1 / 1200.0)(inputs["category"])]  # fmt: skip
    hidden = keras.layers.Dense(16, activation="relu")(
        keras.layers.Concatenate()([numbers, *codes, inputs["noise"]]))  # fmt: skip
    out = keras.layers.Dense(1, activation="sigmoid")(hidden)
    built = keras.Model(inputs, out)
    built.compile("adam", "binary_crossentropy")
    return built


def spec_of(m: keras.Model) -> TrainingSpec:
    from autotrainer_keras.config import TrainingConfig

    return keras_spec.spec_from_model(m, TrainingConfig(), loss="binary_crossentropy",
                                      metrics=["accuracy"], seed=0)  # fmt: skip


def test_each_named_input_has_its_own_facts() -> None:
    x, y = orders()
    facts = data_facts(Dataset(x, y, x, y))
    assert [name for name, _ in facts.inputs] == ["region", "category", "value", "items",
                                                  "noise"]  # fmt: skip
    assert facts.max_scale == UNREAD["max_scale"]  # the joint sheet reads no input values
    own = dict(facts.inputs)
    assert own["category"].max_scale > 500 and own["region"].x_min >= 101
    assert own["value"].label_kind == facts.label_kind == "binary"


def test_an_input_reaches_the_layers_after_a_concatenate() -> None:
    x, _ = orders()
    raw = model(True, x)
    assert input_side(raw, "value")["normalizes_input"]  # through Concatenate -> Normalization
    assert not input_side(raw, "region")["normalizes_input"]  # Concatenate -> Dense
    assert input_side(model(False, x), "region")["normalizes_input"]  # its own Rescaling


def test_raw_codes_are_named_per_input_and_the_scaled_model_is_quiet() -> None:
    x, y = orders()
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), (None, 1))
    raw = model(True, x)
    found = check.check(raw, spec_of(raw))
    scaled = [f for f in found if f.problem is SetupProblem.UNSCALED_INPUT]
    assert scaled and scaled[0].reason.startswith("input 'region': ")
    assert scaled[0].evidence["inputs"] == 5.0
    fixed = model(False, x)
    assert not [f for f in check.check(fixed, spec_of(fixed))
                if f.problem is SetupProblem.UNSCALED_INPUT]  # fmt: skip


def test_normalize_scales_only_the_named_inputs_that_reach_weights_raw() -> None:
    """Not `value` and `items` (an adapted Normalization after their Concatenate), nor
    `noise` (raw, but at unit scale already)."""
    x, y = orders()
    raw = model(True, x)
    facts = data_facts(Dataset(x, y, x, y))
    operator = get_operator("normalize", facts=facts)
    new, params = operator.apply(spec_of(raw), 0, np.random.default_rng(0))
    assert params["inputs"] == ["region", "category"]
    rebuilt = keras_spec.build_model(new)
    layer = rebuilt.get_layer("category_normalization")
    scaled = keras.Model(rebuilt.inputs, layer.output).predict(x, verbose=0)
    assert abs(float(np.mean(scaled))) < 0.05 and abs(float(np.std(scaled)) - 1.0) < 0.05
    # the job's candidate starts from the given weights: the adapted layer keeps its statistics
    adapted = raw.get_layer("numbers_norm").get_weights()
    rebuilt.get_layer("numbers_norm").set_weights(adapted)
    rebuilt.get_layer("numbers_norm").finalize_state()  # Keras: mean, variance from them
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), (None, 1))
    assert not [f for f in check.check(rebuilt, new)
                if f.problem is SetupProblem.UNSCALED_INPUT]  # fmt: skip


@pytest.mark.medium
def test_the_job_names_raw_codes_before_training_and_normalizes_them(tmp_path: Path) -> None:
    import autotrainer_keras

    x, y = orders()
    keras.utils.set_random_seed(0)
    raw = model(True, x)
    result = autotrainer_keras.fit(raw, x, y, epochs=3, batch_size=32, validation_split=0.2,
                                   output_dir=tmp_path, tracking=False, verbose=False)  # fmt: skip
    assert result.findings[0].problem is SetupProblem.UNSCALED_INPUT
    assert result.findings[0].reason.startswith("input 'region': ")
    normalize = [r for r in result.repairs if r["solution"] == "normalize"]
    assert normalize and normalize[0]["params"]["inputs"] == ["region", "category"]


def test_an_input_name_the_model_does_not_have_makes_the_input_rules_abstain() -> None:
    x, _ = orders()
    side = input_side(model(True, x), "no_such_input")
    assert side["transforms_input"] and not side["normalizes_input"]
