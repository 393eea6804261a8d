"""Every operator: ids, the shared validate -> transform -> validate contract, reproducibility."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from autotrainer_keras.errors import InputError, ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators import OPERATORS, attempt_rng, get_operator, validate_spec

from .helpers import apply, spec_for

PAPER_IDS = {"selu", "relu", "tanh", "leaky", "bn", "gradient", "initial", "batch", "ReduceLR",
             "adam", "momentum", "optimizer", "GN", "regular", "dropout", "estop"}
ALL_TRIES = [(op.id, j) for op in OPERATORS.values() for j in range(op.max_tries)]


def test_ids_are_the_papers_with_lr_split_by_direction() -> None:
    assert set(OPERATORS) == PAPER_IDS | {"lr_up", "lr_down"}
    assert {op.family for op in OPERATORS.values()} == {
        "activation", "batch_norm", "clipping", "initializer", "batch_size", "learning_rate",
        "optimizer", "regulariser", "overfitting"}
    assert get_operator("leaky").max_tries == 3 and get_operator("batch").max_tries == 4
    with pytest.raises(InputError, match="lr_up"):
        get_operator("lr")
    with pytest.raises(InputError, match="known: selu"):
        get_operator("nope")


@pytest.mark.parametrize("model", ["seq_mlp", "fun_mlp"])
@pytest.mark.parametrize(("solution", "try_index"), ALL_TRIES)
def test_every_try_of_every_operator_applies_cleanly(model: str, solution: str,
                                                     try_index: int) -> None:
    spec = spec_for(model, batch_size=16, applied=("earlier",))
    before = copy.deepcopy(spec.to_dict())
    op = get_operator(solution)
    new, params = op.apply(spec, try_index, attempt_rng(0, solution, try_index))
    assert spec.to_dict() == before, "the input spec must not change"
    assert new.applied == ("earlier", solution)
    validate_spec(new)
    for name in mc.output_block(spec.model):
        assert mc.find_layer(new.model, name)["config"] == mc.find_layer(spec.model, name)["config"]
    again = op.apply(spec, try_index, attempt_rng(0, solution, try_index))
    assert again == (new, params), "same rng seed, same result"
    sentence = op.describe(params)
    assert sentence.endswith(".") and len(sentence) > 20


def test_attempt_rng_differs_per_try_round_and_solution() -> None:
    draws = {attempt_rng(0, s, j, r).uniform() for s in ("gradient", "initial") for j in range(3)
             for r in range(2)}
    assert len(draws) == 12
    assert attempt_rng(4, "gradient", 1).uniform() == attempt_rng(4, "gradient", 1).uniform()


def test_describe_names_the_params() -> None:
    _, params = apply("gradient", spec_for("seq_mlp"), seed=3)
    assert str(params["clipvalue"]) in get_operator("gradient").describe(params)
    _, params = apply("selu", spec_for("seq_rnn"))
    sentence = get_operator("selu").describe(params)
    assert "selu" in sentence and "lstm" in sentence and "tanh" in sentence


def test_bad_try_index_and_bad_specs_are_refused() -> None:
    with pytest.raises(ValueError, match="try_index"):
        apply("selu", spec_for("seq_mlp"), try_index=1)
    bad = [
        spec_for("seq_mlp", batch_size=0),
        spec_for("seq_mlp", optimizer={"learning_rate": 0.1}),
        spec_for("seq_mlp", optimizer={"name": "sgd", "learning_rate": -1.0}),
        spec_for("seq_mlp", optimizer={"name": "sgd", "clipvalue": 1.0, "clipnorm": 1.0}),
        spec_for("seq_mlp", loss=""),
        spec_for("seq_mlp", callbacks=({"monitor": "val_loss"},)),
        spec_for("seq_mlp", model={"class_name": "Sequential"}),
    ]
    for spec in bad:
        with pytest.raises(ModelSpecError):
            apply("lr_down", spec)


def test_optimizer_operators_work_on_models_that_cannot_be_edited() -> None:
    spec = spec_for("seq_mlp", model={"class_name": "MyModel", "config": {"units": 3}})
    assert apply("lr_down", spec)[1]["learning_rate"] == 0.001
    with pytest.raises(ModelSpecError, match="Sequential and Functional"):
        apply("bn", spec)


def test_a_changed_output_layer_is_caught() -> None:
    spec = spec_for("seq_mlp")
    op = get_operator("selu")
    broken = type(op)("broken", "activation", 1,
                      lambda s, j, r: (s.evolve(model=_retitled(s.model)), {}), lambda p: "x.")
    with pytest.raises(ModelSpecError, match="output layer 'out'"):
        broken.apply(spec, 0, np.random.default_rng(0))


def _retitled(model: dict) -> dict:
    model = copy.deepcopy(model)
    mc.find_layer(model, "out")["config"]["activation"] = "sigmoid"
    return model
