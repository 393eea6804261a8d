"""Operators on the training settings (clipping, batch size, learning rate, optimizer,
callbacks): spec in, spec out."""

from __future__ import annotations

import pytest

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair.operators import get_operator

from .helpers import apply, spec_for

SCHEDULE = {"module": "keras.optimizers.schedules", "class_name": "ExponentialDecay",
            "config": {"initial_learning_rate": 0.1, "decay_steps": 100, "decay_rate": 0.9,
                       "staircase": False, "name": "ExponentialDecay"}, "registered_name": None}


def test_gradient_adds_a_clip_value_in_9_to_10_and_keeps_the_rest() -> None:
    spec = spec_for("seq_mlp", optimizer={"name": "sgd", "learning_rate": 0.05, "momentum": 0.9})
    new, params = apply("gradient", spec, seed=7)
    value = params["clipvalue"]
    assert 9.0 <= value <= 10.0 and round(value, 2) == value
    assert new.optimizer == {"name": "sgd", "learning_rate": 0.05, "momentum": 0.9, **params}
    assert new.model == spec.model
    assert apply("gradient", spec, seed=7)[1] == params
    assert apply("gradient", spec, try_index=1, seed=8)[1] != params


def test_gradient_does_not_replace_existing_clipping() -> None:
    spec = spec_for("seq_mlp", optimizer={"name": "adam", "learning_rate": 0.001, "clipnorm": 1.0})
    with pytest.raises(ModelSpecError, match="already clips"):
        apply("gradient", spec)


def test_batch_walks_32_64_128_256_skipping_the_current_size() -> None:
    spec = spec_for("fun_mlp", batch_size=32)
    assert [apply("batch", spec, try_index=j)[1] for j in range(3)] == [
        {"batch_size": 64}, {"batch_size": 128}, {"batch_size": 256}
    ]
    assert apply("batch", spec, try_index=1)[0].batch_size == 128
    with pytest.raises(ModelSpecError, match="no batch size left"):
        apply("batch", spec, try_index=3)
    assert apply("batch", spec.evolve(batch_size=100), try_index=3)[1] == {"batch_size": 256}


def test_lr_down_divides_by_ten_per_try_and_lr_up_multiplies() -> None:
    spec = spec_for("seq_mlp")  # sgd 0.01
    assert [apply("lr_down", spec, try_index=j)[1]["learning_rate"] for j in range(3)] == [
        0.001, 0.0001, 1e-05
    ]
    adam = spec.evolve(optimizer={"name": "adam", "learning_rate": 0.001})
    ups = [apply("lr_up", adam, try_index=j) for j in range(3)]
    assert [p for _, p in ups] == [{"learning_rate": 0.01, "factor": 10.0},
                                   {"learning_rate": 0.1, "factor": 100.0},
                                   {"learning_rate": 1.0, "factor": 1000.0}]
    assert ups[0][0].optimizer == {"name": "adam", "learning_rate": 0.01}


def test_lr_starts_from_the_keras_default_when_the_spec_has_no_rate() -> None:
    assert apply("lr_down", spec_for("seq_mlp", optimizer={"name": "SGD"}))[1][
        "learning_rate"] == 0.001
    assert apply("lr_up", spec_for("seq_mlp", optimizer={"name": "rmsprop"}))[1][
        "learning_rate"] == 0.01


def test_lr_scales_the_initial_rate_of_a_schedule() -> None:
    spec = spec_for("seq_mlp", optimizer={"name": "adam", "learning_rate": SCHEDULE})
    new, params = apply("lr_down", spec)
    assert params == {"learning_rate": 0.01, "factor": 0.1}
    assert new.optimizer["learning_rate"]["config"]["initial_learning_rate"] == 0.01
    assert new.optimizer["learning_rate"]["config"]["decay_steps"] == 100
    assert new.learning_rate is None and spec.optimizer["learning_rate"] == SCHEDULE


WARMUP = {"module": "keras.optimizers.schedules", "class_name": "CosineDecay",
          "config": {"initial_learning_rate": 0.0, "decay_steps": 100, "alpha": 0.0,
                     "warmup_target": 10.0, "warmup_steps": 20, "name": "CosineDecay"},
          "registered_name": None}  # fmt: skip
PIECEWISE = {"module": "keras.optimizers.schedules", "class_name": "PiecewiseConstantDecay",
             "config": {"boundaries": [10, 20], "values": [1.0, 0.1, 0.01],
                        "name": "PiecewiseConstantDecay"}, "registered_name": None}  # fmt: skip


def test_lr_scales_every_rate_a_schedule_names() -> None:
    """A warm-up from 0 to 10: its peak moves (scaling the initial rate alone moved nothing);
    a piecewise schedule's values all move; the ratios (alpha) stay."""
    warm, params = apply("lr_down", spec_for("seq_mlp", optimizer={"name": "adam",
                                                                   "learning_rate": WARMUP}))
    config = warm.optimizer["learning_rate"]["config"]
    assert config["warmup_target"] == 1.0 and config["initial_learning_rate"] == 0.0
    assert config["alpha"] == 0.0 and params["learning_rate"] == 1.0
    steps, _ = apply("lr_down", spec_for("seq_mlp", optimizer={"name": "sgd",
                                                                "learning_rate": PIECEWISE}))
    assert steps.optimizer["learning_rate"]["config"]["values"] == [0.1, 0.01, 0.001]
    assert steps.optimizer["learning_rate"]["config"]["boundaries"] == [10, 20]


def test_lr_default_puts_a_schedules_peak_at_the_default() -> None:
    new, params = apply("lr_default", spec_for("seq_mlp", optimizer={"name": "adam",
                                                                     "learning_rate": WARMUP}))
    config = new.optimizer["learning_rate"]["config"]
    assert config["warmup_target"] == pytest.approx(0.001) and params["from"] == 10.0
    assert "peak" in get_operator("lr_default").describe(params)
    with pytest.raises(ModelSpecError):
        apply("lr_default", new)  # already at the default


def test_reduce_lr_adds_the_papers_callback_once() -> None:
    new, params = apply("ReduceLR", spec_for("fun_mlp"))
    expected = {"name": "reduce_lr_on_plateau", "monitor": "val_loss", "factor": 0.2,
                "patience": 5, "min_lr": 0.001}
    assert new.callbacks == (expected,) and params == expected
    with pytest.raises(ModelSpecError, match="already has"):
        apply("ReduceLR", new)
    with pytest.raises(ModelSpecError, match="schedule"):
        apply("ReduceLR", new.evolve(callbacks=(), optimizer={"name": "adam",
                                                               "learning_rate": SCHEDULE}))


def test_adam_switches_with_default_rate_keeping_clipping() -> None:
    spec = spec_for("seq_mlp", optimizer={"name": "sgd", "learning_rate": 0.5, "momentum": 0.9,
                                          "clipvalue": 9.5})
    new, params = apply("adam", spec)
    assert new.optimizer == {"name": "adam", "learning_rate": 0.001, "clipvalue": 9.5}
    assert params == {"optimizer": "adam", "learning_rate": 0.001, "clipvalue": 9.5}
    assert apply("adam", spec.evolve(optimizer={"name": "adam", "learning_rate": 0.01}))[1][
        "learning_rate"] == 0.001
    with pytest.raises(ModelSpecError, match="changes nothing"):
        apply("adam", spec.evolve(optimizer={"name": "adam", "learning_rate": 0.001}))


def test_momentum_draws_in_range_and_keeps_an_sgd_rate() -> None:
    spec = spec_for("seq_mlp", optimizer={"name": "sgd", "learning_rate": 0.05})
    new, params = apply("momentum", spec, seed=1)
    assert 0.01 <= params["momentum"] <= 0.9
    assert new.optimizer == {"name": "sgd", "learning_rate": 0.05, "momentum": params["momentum"]}
    adam = spec.evolve(optimizer={"name": "adam", "learning_rate": 0.001})
    assert apply("momentum", adam, seed=1)[0].optimizer == {
        "name": "sgd", "learning_rate": 0.01, "momentum": params["momentum"]
    }
    assert len({apply("momentum", spec, seed=s)[1]["momentum"] for s in range(6)}) > 3


def test_optimizer_walks_the_papers_list_skipping_the_current_one() -> None:
    sgd = spec_for("seq_mlp")
    assert [apply("optimizer", sgd, try_index=j)[0].optimizer["name"] for j in range(4)] == [
        "adam", "nadam", "adamax", "rmsprop"
    ]
    adam = sgd.evolve(optimizer={"name": "Adam", "learning_rate": 0.02})
    new, params = apply("optimizer", adam, try_index=0)
    assert new.optimizer == {"name": "sgd", "learning_rate": 0.01}
    assert params == {"optimizer": "sgd", "learning_rate": 0.01}


def test_estop_adds_early_stopping_with_the_papers_patience() -> None:
    new, params = apply("estop", spec_for("seq_mlp", epochs=90))
    assert new.callbacks == ({"name": "early_stopping", "monitor": "val_loss", "min_delta": 0.0,
                              "patience": 6, "restore_best_weights": False},)
    assert apply("estop", spec_for("seq_mlp", epochs=10))[1]["patience"] == 3


def test_shuffle_on_shuffles_only_an_unshuffled_stateless_training() -> None:
    """Practice batch 27's two-tower model on rows stored positives first, trained with
    `fit(shuffle=False)`: 0.63 -> 0.75 shuffled; a shuffled spec has nothing to change, and a
    stateful layer needs the order."""
    new, params = apply("shuffle_on", spec_for("seq_mlp", shuffle=False))
    assert new.shuffle is True and params == {} and new.applied == ("shuffle_on",)
    with pytest.raises(ModelSpecError, match="shuffled already"):
        apply("shuffle_on", spec_for("seq_mlp"))
    stateful = spec_for("seq_mlp", shuffle=False)
    layers = stateful.model_copy()
    layers["config"]["layers"][1]["config"]["stateful"] = True
    with pytest.raises(ModelSpecError, match="stateful"):
        apply("shuffle_on", stateful.evolve(model=layers))
