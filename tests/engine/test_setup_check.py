"""The pre-flight checks in a job: the default profile runs them, the paper profile does not;
label findings are judged once; a regression loss on class labels is judged on accuracy."""

from __future__ import annotations

import keras
import numpy as np

from autotrainer_keras.config import AutotrainerConfig, TrainingConfig, config_from_dict
from autotrainer_keras.engine.setup_check import make_setup_check
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.history import Task
from autotrainer_keras.problems import Finding, Problem, SetupProblem
from autotrainer_keras.repair import keras_spec

RNG = np.random.default_rng(0)
X = RNG.standard_normal((200, 3)).astype("float32")
Y = (X[:, 0] > 0).astype("float32")


def model(out_act: str) -> keras.Model:
    built = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu"),
                              keras.layers.Dense(1, activation=out_act)])  # fmt: skip
    built.compile("adam")
    return built


def test_only_the_default_profile_runs_pre_flight() -> None:
    data = Dataset(X, Y, X, Y)
    assert make_setup_check(AutotrainerConfig(), data) is not None
    paper = config_from_dict({"detection": {"profile": "paper"}})
    assert make_setup_check(paper, data) is None
    off = config_from_dict({"detection": {"preflight": {"enabled": False}}})
    assert make_setup_check(off, data) is None


def test_label_findings_are_reported_on_the_first_training_only() -> None:
    ordered = np.sort(Y)
    check = make_setup_check(AutotrainerConfig(), Dataset(X[:100], ordered[:100], X[100:],
                                                          ordered[100:]))  # fmt: skip
    assert check is not None
    softmax = model("softmax")
    spec = keras_spec.spec_from_model(softmax, TrainingConfig(), loss="binary_crossentropy",
                                      metrics=["accuracy"], seed=0)  # fmt: skip
    first = [f.problem for f in check.check(softmax, spec)]
    again = [f.problem for f in check.check(softmax, spec)]
    assert first == [SetupProblem.OUTPUT_LOSS_MISMATCH, SetupProblem.LABEL_MISMATCH]
    assert again == [SetupProblem.OUTPUT_LOSS_MISMATCH]
    assert check.seconds > 0


def test_secondary_findings_follow_the_training_findings() -> None:
    check = make_setup_check(AutotrainerConfig(), Dataset(X, Y, X, Y))
    assert check is not None
    softmax = model("softmax")
    spec = keras_spec.spec_from_model(softmax, TrainingConfig(), loss="binary_crossentropy",
                                      metrics=["accuracy"], seed=0)  # fmt: skip
    setup = check.check(softmax, spec.evolve(optimizer={"name": "sgd", "learning_rate": 5.0}))
    training = [Finding(Problem.EXPLODING_GRADIENT, 1, 10, None)]
    merged = [f.problem for f in check.merge(setup, training)]
    assert merged == [SetupProblem.OUTPUT_LOSS_MISMATCH, Problem.EXPLODING_GRADIENT,
                      SetupProblem.LEARNING_RATE_RANGE]


def test_a_regression_loss_on_class_labels_is_judged_as_classification() -> None:
    check = make_setup_check(AutotrainerConfig(), Dataset(X, Y, X, Y))
    assert check is not None
    assert check.task_for(model("sigmoid"), "mse", Task.REGRESSION) is Task.BINARY
    assert check.task_for(model("linear"), "mse", Task.REGRESSION) is Task.REGRESSION


def test_a_linear_head_under_cross_entropy_is_named_unless_the_loss_reads_logits() -> None:
    """The spec's loss object says whether the output is read as logits: by name it is not
    (the head is named), `from_logits=True` reads it right (nothing to name)."""
    check = make_setup_check(AutotrainerConfig(), Dataset(X, Y, X, Y))
    assert check is not None
    linear = model("linear")
    by_name = keras_spec.spec_from_model(linear, TrainingConfig(), loss="binary_crossentropy",
                                         metrics=["accuracy"], seed=0)  # fmt: skip
    named = check.check(linear, by_name)
    assert [f.problem for f in named] == [SetupProblem.OUTPUT_LOSS_MISMATCH]
    assert "ends in linear" in named[0].reason and "use a sigmoid output" in named[0].reason
    logits = keras.losses.serialize(keras.losses.BinaryCrossentropy(from_logits=True))
    assert check.check(linear, by_name.evolve(loss_config=logits)) == []
    assert check.check(model("sigmoid"), by_name) == []
