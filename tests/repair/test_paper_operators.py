"""The `paper` profile's operators against the original AutoTrainer code (fast, config-level).

Each test names the function of the original (`utils/repair.py` of the ICSE 2021 version,
as described in issue 12 and docs/paper spec section 4) whose behaviour it pins.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from autotrainer_keras.config import RepairConfig
from autotrainer_keras.config.repair import PAPER_MAX_ROUNDS
from autotrainer_keras.errors import InputError, ModelSpecError
from autotrainer_keras.problems import Problem
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators import OPERATORS, PAPER_OPERATORS, get_operator
from autotrainer_keras.repair.operators.base import FRESH_LAYERS
from autotrainer_keras.repair.plans import plan_for
from autotrainer_keras.repair.spec import TrainingSpec

from .helpers import classes, config, init, spec_for


def paper(solution: str, spec: TrainingSpec, try_index: int = 0, seed: int = 0
          ) -> tuple[TrainingSpec, dict[str, Any]]:  # fmt: skip
    return get_operator(solution, "paper").apply(spec, try_index, np.random.default_rng(seed))


def rates(solution: str, optimizer: dict[str, Any]) -> list[float | str]:
    """The learning rate of each try, or 'stop' where the operator does not apply."""
    spec = spec_for("seq_mlp", optimizer=optimizer)
    out: list[float | str] = []
    for j in range(get_operator(solution, "paper").max_tries):
        try:
            out.append(paper(solution, spec, j)[0].optimizer["learning_rate"])
        except ModelSpecError:
            out.append("stop")
    return out


# --- registry: one place picks the operator of a profile ------------------------------------

def test_paper_profile_has_every_id_and_its_own_versions_where_the_code_differs() -> None:
    assert set(PAPER_OPERATORS) == set(OPERATORS)
    own = {k for k in OPERATORS if PAPER_OPERATORS[k] is not OPERATORS[k]}
    assert own == {"selu", "relu", "tanh", "lr_up", "lr_down", "batch", "momentum", "adam", "GN"}
    assert get_operator("lr_down") is OPERATORS["lr_down"]
    assert get_operator("lr_down", "paper") is PAPER_OPERATORS["lr_down"]
    with pytest.raises(InputError, match="unknown profile 'fast'; allowed: default, paper"):
        get_operator("adam", "fast")


# --- C. op_lr: absolute rates, stop at the current rate -------------------------------------

def test_lr_tries_are_absolute_down_from_the_optimizers_base_rate() -> None:
    # op_lr: outside slow convergence, try j = 0.01 / 10^j (SGD) or 0.001 / 10^j (others),
    # whatever the current rate is (here far above it).
    assert rates("lr_down", {"name": "sgd", "learning_rate": 1.0}) == [0.01, 0.001, 0.0001]
    assert rates("lr_down", {"name": "adam", "learning_rate": 0.5}) == [0.001, 0.0001, 1e-05]
    # The shared (default-profile) lr_down scales the current rate instead.
    assert get_operator("lr_down").apply(
        spec_for("seq_mlp", optimizer={"name": "sgd", "learning_rate": 1.0}), 0,
        np.random.default_rng(0))[0].optimizer["learning_rate"] == 0.1


def test_lr_tries_go_up_for_slow_convergence() -> None:
    # op_lr for slow convergence: try j = 0.01 x 10^j (SGD), 0.001 x 10^j (others).
    assert rates("lr_up", {"name": "sgd", "learning_rate": 1e-5}) == [0.01, 0.1, 1.0]
    assert rates("lr_up", {"name": "rmsprop", "learning_rate": 1e-6}) == [0.001, 0.01, 0.1]


def test_lr_stops_at_the_first_try_equal_to_the_current_rate() -> None:
    # op_lr: the tries end when one equals the current rate (no later try runs).
    assert rates("lr_down", {"name": "sgd", "learning_rate": 0.001}) == [0.01, "stop", "stop"]
    assert rates("lr_down", {"name": "adam", "learning_rate": 0.001}) == ["stop"] * 3
    assert rates("lr_up", {"name": "sgd", "learning_rate": 0.1}) == [0.01, "stop", "stop"]
    with pytest.raises(ModelSpecError, match="stopped at try 2, which equals the current rate"):
        paper("lr_down", spec_for("seq_mlp", optimizer={"name": "sgd", "learning_rate": 0.001}),
              2)


# --- F. op_batch: 32 x 2^j, stop at the current size ----------------------------------------

def test_batch_tries_double_from_32_and_stop_at_the_current_size() -> None:
    def sizes(current: int) -> list[int | str]:
        out: list[int | str] = []
        for j in range(4):
            try:
                out.append(paper("batch", spec_for("seq_mlp", batch_size=current), j)[0]
                           .batch_size)
            except ModelSpecError:
                out.append("stop")
        return out

    assert sizes(1000) == [32, 64, 128, 256]
    assert sizes(128) == [32, 64, "stop", "stop"]
    assert sizes(32) == ["stop"] * 4


# --- E. op_momentum: SGD(momentum=m) at lr 0.01 ---------------------------------------------

@pytest.mark.parametrize("optimizer", [{"name": "sgd", "learning_rate": 0.5},
                                       {"name": "adam", "learning_rate": 0.05}])
def test_momentum_is_sgd_at_lr_001_whatever_the_current_rate(optimizer: dict[str, Any]) -> None:
    for j in range(3):
        new, params = paper("momentum", spec_for("seq_mlp", optimizer=optimizer), j, seed=j)
        assert new.optimizer["name"] == "sgd" and new.optimizer["learning_rate"] == 0.01
        assert 0.01 <= new.optimizer["momentum"] <= 0.9
        assert params["momentum"] == new.optimizer["momentum"]


# --- smaller points -------------------------------------------------------------------------

def test_adam_does_not_apply_to_any_adam() -> None:
    # op_adam: skipped when the optimizer is Adam, whatever its parameters.
    tuned = spec_for("seq_mlp", optimizer={"name": "adam", "learning_rate": 0.05})
    with pytest.raises(ModelSpecError, match="Adam already"):
        paper("adam", tuned)
    assert get_operator("adam").apply(tuned, 0, np.random.default_rng(0))[0].optimizer == {
        "name": "adam", "learning_rate": 0.001}  # default profile: resets the rate
    assert paper("adam", spec_for("seq_mlp"))[0].optimizer["name"] == "adam"  # from SGD


def test_selu_sets_lecun_uniform_kernels_and_biases() -> None:
    # modify_activations('selu'): kernel and bias initializers lecun_uniform.
    new, params = paper("selu", spec_for("seq_mlp"))
    assert config(new, "h1")["activation"] == config(new, "h2")["activation"] == "selu"
    assert init(new, "h1") == init(new, "h1", "bias_initializer") == "lecun_uniform"
    assert params["bias_initializer"] == "lecun_uniform"
    assert init(get_operator("selu").apply(spec_for("seq_mlp"), 0, np.random.default_rng(0))[0],
                "h1", "bias_initializer") == "zeros"  # default profile


@pytest.mark.parametrize("target", ["selu", "relu", "tanh"])
def test_separate_activation_layers_are_left_alone(target: str) -> None:
    # modify_activations changes the `activation` field of layers; an Activation/ReLU/ELU
    # layer is not replaced.
    spec = spec_for("seq_layers")
    try:
        new, _ = paper(target, spec)
    except ModelSpecError as error:  # seq_layers has no activation field to change
        assert "no hidden activation" in str(error)
        new = spec
    assert classes(new) == classes(spec)
    for name in ("r1", "e2"):
        assert mc.find_layer(new.model, name) == mc.find_layer(spec.model, name)
    fun = spec_for("fun_mlp")
    new, _ = paper(target, fun)
    assert mc.find_layer(new.model, "a2") == mc.find_layer(fun.model, "a2")


def test_recurrent_layers_switched_to_tanh_restart_fresh() -> None:
    # modify_activations: an RNN layer whose activation changes is rebuilt (fresh weights).
    spec = spec_for("fun_rnn")
    config(spec, "rnn")["activation"] = "relu"  # spec_for gives a fresh copy to edit
    new, params = paper("selu", spec)
    assert config(new, "rnn")["activation"] == "tanh"
    assert params[FRESH_LAYERS] == ["rnn"]  # "bi" was tanh already: it keeps its weights


def test_gn_inserts_nothing_into_a_sequential_model_starting_with_dense() -> None:
    # op_GN: no GaussianNoise for a Sequential model whose first layer is Dense.
    with pytest.raises(ModelSpecError, match="Sequential Dense"):
        paper("GN", spec_for("seq_mlp"))
    new, params = paper("GN", spec_for("seq_conv2d"))
    assert params["before"] == "c1" and classes(new)[0][1] == "GaussianNoise"
    assert paper("GN", spec_for("fun_mlp"))[1]["before"] == "h1"  # functional: as before
    assert get_operator("GN").apply(spec_for("seq_mlp"), 0, np.random.default_rng(0))[1][
        "before"] == "h1"  # default profile


# --- D. no attempt cap beyond the list and the rounds ---------------------------------------

def test_paper_attempts_are_uncapped_unless_set_and_rounds_are_the_codes() -> None:
    # repair.py: every entry of the problem's list is tried, in up to 10 rounds.
    oscillation = sum(tries for _, tries in plan_for(Problem.OSCILLATING_LOSS, "paper"))
    assert oscillation == 16
    assert RepairConfig().attempt_budget("paper") == math.inf
    assert RepairConfig().attempt_budget("default") == 8 < oscillation
    assert RepairConfig(max_attempts=3).attempt_budget("paper") == 3  # set explicitly
    assert RepairConfig().round_budget("paper") == PAPER_MAX_ROUNDS == 10
    assert RepairConfig().round_budget("default") == RepairConfig().max_rounds
