"""The runtime set-up problems induced for real in tiny seeded Keras models, each found by the
default profile in training (the pre-flight checks are not involved: `AttemptTraining.run` runs the
monitor and the detector only), on two seeds each."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.detect import make_detector
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.history import Task
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair.spec import TrainingSpec

if TYPE_CHECKING:
    import keras

    from autotrainer_keras.engine.attempt import AttemptResult

pytestmark = pytest.mark.medium
BUDGET = 10


def blobs(scale: float = 1.0, constant_inputs: bool = False) -> Dataset:
    """3 well-separated classes in 4 features (500 rows, 150 for validation)."""
    from sklearn.datasets import make_blobs

    x, y = make_blobs(500, centers=3, n_features=4, cluster_std=1.0, random_state=0)
    x = np.asarray(x * scale, dtype="float32")
    if constant_inputs:  # every row the same: the inputs say nothing about the labels
        x = np.ones_like(x)
    return Dataset(x[150:], y[150:], x[:150], y[:150])


def two_blobs() -> Dataset:
    from sklearn.datasets import make_blobs

    x, y = make_blobs(500, centers=2, n_features=2, cluster_std=1.0, random_state=0)
    x, y = x.astype("float32"), y.astype("float32")
    return Dataset(x[150:], y[150:], x[:150], y[:150])


def circles() -> Dataset:
    from sklearn.datasets import make_circles

    x, y = make_circles(500, noise=0.1, factor=0.5, random_state=0)
    x, y = x.astype("float32"), y.astype("float32")
    return Dataset(x[150:], y[150:], x[:150], y[:150])


def train(model: keras.Model, data: Dataset, task: Task, loss: str, seed: int) -> AttemptResult:
    import keras

    from autotrainer_keras.engine.attempt import AttemptTraining
    from autotrainer_keras.progress import NullProgress
    from autotrainer_keras.record.recorder import Recorder
    from autotrainer_keras.record.sink import NullSink
    from autotrainer_keras.repair import keras_spec

    keras.utils.set_random_seed(seed)
    spec = TrainingSpec(model={}, optimizer={"name": "adam", "learning_rate": 1e-3}, loss=loss,
                        metrics=("accuracy",), batch_size=32, epochs=BUDGET, seed=seed)  # fmt: skip
    config = AutotrainerConfig()
    return AttemptTraining(
        "original", model, spec, data, task, config, make_detector(config.detection),
        Recorder(NullSink(), NullProgress()), compile_model=keras_spec.compile_model,
    ).run()  # fmt: skip


def mlp(inputs: int, hidden: str, out_units: int, out_act: str, seed: int, **out_kw) -> keras.Model:
    import keras

    keras.utils.set_random_seed(seed)
    return keras.Sequential([
        keras.Input((inputs,)),
        keras.layers.Dense(16, hidden),
        keras.layers.Dense(16, hidden),
        keras.layers.Dense(out_units, out_act, **out_kw),
    ])  # fmt: skip


@pytest.mark.parametrize("seed", [0, 1])
def test_unscaled_inputs_show_as_abnormal_data(seed: int) -> None:
    model = mlp(4, "relu", 3, "softmax", seed)
    result = train(model, blobs(scale=1000.0), Task.MULTICLASS,
                   "sparse_categorical_crossentropy", seed)  # fmt: skip
    assert result.findings, "nothing found"
    found = result.findings[0]
    assert found.problem is SetupProblem.ABNORMAL_DATA
    # seen on two consecutive checks of the first epoch (monitor.first_epoch_checks)
    assert found.epoch == 0 and found.evidence["input_scale"] > 1000


@pytest.mark.parametrize("seed", [0, 1])
def test_softmax_over_one_unit_shows_as_a_constant_output(seed: int) -> None:
    model = mlp(2, "relu", 1, "softmax", seed)
    result = train(model, circles(), Task.BINARY, "binary_crossentropy", seed)
    assert [f.problem for f in result.findings][:1] == [SetupProblem.IMPROPER_OUTPUT]
    # seen on two consecutive checks of the first epoch before it is a finding
    assert result.findings[0].epoch == 0 and result.findings[0].evidence["output_range"] == 0


@pytest.mark.parametrize("seed", [0, 1])
def test_sigmoid_pinned_at_1_is_improper(seed: int) -> None:
    """An output bias of 50 pins the sigmoid at 1.0 (float32) for every input: the
    cross-entropy clips it, and no gradient reaches the weights."""
    model = mlp(2, "relu", 1, "sigmoid", seed, bias_initializer="ones")
    model.layers[-1].bias.assign([50.0])
    result = train(model, circles(), Task.BINARY, "binary_crossentropy", seed)
    assert result.findings and result.findings[0].problem is SetupProblem.IMPROPER_OUTPUT
    assert result.findings[0].evidence["saturated_fraction"] >= 0.9


@pytest.mark.parametrize("seed", [0, 1])
def test_inputs_that_say_nothing_stall_the_loss_and_are_not_slow_convergence(seed: int) -> None:
    model = mlp(4, "tanh", 3, "softmax", seed)
    result = train(model, blobs(constant_inputs=True), Task.MULTICLASS,
                   "sparse_categorical_crossentropy", seed)  # fmt: skip
    assert [f.problem for f in result.findings] == [SetupProblem.SETUP_STALL]
    assert result.findings[0].evidence["spread_ratio"] < 0.01


@pytest.mark.parametrize("seed", [0, 1])
def test_healthy_models_show_no_runtime_setup_problem(seed: int) -> None:
    scaled = train(mlp(4, "relu", 3, "softmax", seed), blobs(), Task.MULTICLASS,
                   "sparse_categorical_crossentropy", seed)  # fmt: skip
    binary = train(mlp(2, "relu", 1, "sigmoid", seed), two_blobs(), Task.BINARY,
                   "binary_crossentropy", seed)  # fmt: skip
    for result in (scaled, binary):
        assert result.findings == [] and result.epochs_run == BUDGET
        assert result.history.checks[-1].output is not None  # measured, and judged healthy
