"""Each problem induced for real in a tiny seeded Keras model, detected under both profiles.

The models train through the engine's single-training runner (`AttemptTraining.run`), the real
monitor and the configured detector, and stop at the first detection. Budgets are 10 epochs,
so the paper's judgment point is the check of epoch 3; the default profile is expected to
report within the first epochs. Healthy MLP and CNN models must run their whole budget under
the default profile without a finding.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig, DetectionConfig, MonitorConfig
from autotrainer_keras.detect import make_detector
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.history import Task
from autotrainer_keras.problems import Problem
from autotrainer_keras.repair.spec import TrainingSpec

if TYPE_CHECKING:  # Keras is imported by the tests only: collecting this file stays fast
    import keras

    from autotrainer_keras.engine.attempt import AttemptResult

pytestmark = pytest.mark.medium

BUDGET = 10
LOSSES = {
    Task.BINARY: "binary_crossentropy",
    Task.MULTICLASS: "sparse_categorical_crossentropy",
    Task.REGRESSION: "mse",
}


def dataset(kind: str) -> tuple[Dataset, Task]:
    """500 generated samples (digits: 500 of sklearn's bundled 8x8 images), 30 % validation."""
    from sklearn.datasets import load_digits, make_blobs, make_circles, make_regression

    if kind == "circles":
        x, y = make_circles(500, noise=0.1, factor=0.5, random_state=0)
        task, y = Task.BINARY, y.astype("float32")
    elif kind == "blobs":
        x, y = make_blobs(500, centers=3, n_features=4, cluster_std=2.0, random_state=0)
        task = Task.MULTICLASS
    elif kind == "regression":
        x, y = make_regression(500, n_features=8, noise=10.0, random_state=0)
        task, y = Task.REGRESSION, y.astype("float32")
    else:
        digits = load_digits()
        x, y, task = (digits.images[:500] / 16.0)[..., None], digits.target[:500], Task.MULTICLASS
    x = np.asarray(x, dtype="float32")
    return Dataset(x[150:], y[150:], x[:150], y[:150]), task


def mlp(
    width: int = 32,
    depth: int = 2,
    activation: str = "relu",
    kernel: str | dict[str, Any] = "glorot_uniform",
    bias: str | dict[str, Any] = "zeros",
) -> Callable[[tuple[int, ...], int, Task], keras.Model]:
    """An MLP builder; initializers by Keras name or {"class_name", "config"}."""

    def build(shape: tuple[int, ...], classes: int, task: Task) -> keras.Model:
        import keras

        layers: list[keras.layers.Layer] = [keras.Input(shape)]
        for _ in range(depth):
            layers.append(
                keras.layers.Dense(
                    width, activation, kernel_initializer=kernel, bias_initializer=bias
                )
            )
        if task is Task.BINARY:
            layers.append(keras.layers.Dense(1, "sigmoid"))
        elif task is Task.MULTICLASS:
            layers.append(keras.layers.Dense(classes, "softmax"))
        else:
            layers.append(keras.layers.Dense(1))
        return keras.Sequential(layers)

    return build


def cnn(shape: tuple[int, ...], classes: int, task: Task) -> keras.Model:
    import keras

    return keras.Sequential(
        [
            keras.Input(shape),
            keras.layers.Conv2D(8, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(classes, activation="softmax"),
        ]
    )


def train(
    kind: str,
    build: Callable[[tuple[int, ...], int, Task], keras.Model],
    optimizer: dict[str, object],
    profile: str,
    batch_size: int = 32,
    seed: int = 0,
    stats_every_steps: int | None = None,
    budget: int = BUDGET,
) -> AttemptResult:
    """One training of `budget` epochs under the profile, stopped at the first finding; `seed`
    seeds the initial weights and the shuffling; `stats_every_steps` None: the default stride
    (chosen within the time budget)."""
    import keras

    from autotrainer_keras.engine.attempt import AttemptTraining
    from autotrainer_keras.progress import NullProgress
    from autotrainer_keras.record.recorder import Recorder
    from autotrainer_keras.record.sink import NullSink
    from autotrainer_keras.repair import keras_spec

    data, task = dataset(kind)
    keras.utils.set_random_seed(seed)
    classes = int(data.y_train.max()) + 1 if task is Task.MULTICLASS else 1
    model = build(data.x_train.shape[1:], classes, task)
    spec = TrainingSpec(
        model={},
        optimizer=optimizer,
        loss=LOSSES[task],
        metrics=("accuracy",) if task.has_accuracy else (),
        batch_size=batch_size,
        epochs=budget,
        seed=seed,
    )
    config = AutotrainerConfig(
        detection=DetectionConfig(profile=profile),
        monitor=MonitorConfig(stats_every_steps=stats_every_steps),
    )
    return AttemptTraining(
        "original",
        model,
        spec,
        data,
        task,
        config,
        make_detector(config.detection),
        Recorder(NullSink(), NullProgress()),
        compile_model=keras_spec.compile_model,
    ).run()


def first(result: AttemptResult) -> tuple[Problem | None, int | None]:
    found = result.findings[0] if result.findings else None
    return (found.problem, found.epoch) if found else (None, None)


def sgd(rate: float) -> dict[str, object]:
    return {"name": "sgd", "learning_rate": rate}


def adam(rate: float) -> dict[str, object]:
    return {"name": "adam", "learning_rate": rate}


FULL_BATCH = 350  # every dataset's training split: one step per epoch

# (kind, model, optimizer, batch, seed) -> problem, latest epoch (default), epoch (paper).
# Measured over seeds 0-4 with oneDNN on and off (TF_ENABLE_ONEDNN_OPTS=0): every case but
# the oscillating one finds its problem at its epoch on every seed and both numerics, so seed 0
# stands for all of them. The default profile asks for a symptom on two consecutive checks
# (issue 13): its latest epochs are one check later than the first sign.
CASES = {
    "exploding: 1e5 initializer (NaN)": (
        (
            "regression",
            mlp(kernel={"class_name": "RandomNormal", "config": {"stddev": 1e5}}),
            sgd(0.01),
            32,
            0,
        ),
        Problem.EXPLODING_GRADIENT,
        0,
        0,
    ),
    "vanishing: 8-layer sigmoid MLP": (
        ("circles", mlp(width=16, depth=8, activation="sigmoid"), sgd(0.01), 32, 0),
        Problem.VANISHING_GRADIENT,
        2,
        3,
    ),
    "dying ReLU: bias init -10": (
        (
            "blobs",
            mlp(bias={"class_name": "Constant", "config": {"value": -10.0}}),
            adam(1e-3),
            32,
            0,
        ),
        Problem.DYING_RELU,
        1,
        3,
    ),
    "slow convergence: SGD lr 1e-4": (
        ("circles", mlp(), sgd(1e-4), 32, 0),
        Problem.SLOW_CONVERGENCE,
        2,
        3,
    ),
    # Full-batch gradient descent with a step far too large: one step per epoch, so an epoch's
    # accuracy is that of one set of weights, and the only randomness is the initial weights
    # (no minibatch noise for float rounding to grow through). The first step from small
    # weights lands on a good model (train and val accuracy 0.91), the next overshoots past it
    # (0.42), the one after comes part way back (0.69): train accuracy 0.44 0.92 0.42 0.69 and
    # validation loss 0.41 2.64 6.62 0.94. The paper's rule needs a swing >= 0.03 after
    # accuracy >= 0.7 (here 0.50 after 0.92); the default rule a validation-loss swing >= 0.1 x
    # the baseline loss (here > 1.7 x) that flips direction. Same figures with oneDNN on and
    # off. Other seeds start elsewhere: over seeds 0-4 the paper rule fires on all five (at
    # epoch 3 or 9). The default profile (longer window, harm gate, persistence) needs more
    # epochs than 10: with 20 it finds oscillation on seeds 0, 1 and 3 at epochs 6-10 (the
    # rules before issue 13 found it on seeds 1 and 3 only, at epoch 3).
    "oscillating: full-batch SGD lr 3, tanh": (
        ("blobs", mlp(activation="tanh"), sgd(3.0), FULL_BATCH, 3),
        Problem.OSCILLATING_LOSS,
        12,
        3,
    ),
}
DEFAULT_BUDGETS = {"oscillating: full-batch SGD lr 3, tanh": 20}
"""Cases the default profile gets a longer budget for: its oscillation rule needs 6 epochs
of the curve, 4 of them without a new best, confirmed on the next check (a short burst of
swings that settles is no finding); over seeds 0, 1 and 3 it fires at epochs 6-10 of 20."""


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("profile", ["default", "paper"])
def test_induced_problem_is_detected(name: str, profile: str) -> None:
    (kind, build, optimizer, batch, seed), problem, by_default, by_paper = CASES[name]
    budget = DEFAULT_BUDGETS.get(name, BUDGET) if profile == "default" else BUDGET
    result = train(kind, build, optimizer, profile, batch, seed, budget=budget)
    found, epoch = first(result)
    assert found is problem, result.findings
    assert epoch is not None and epoch <= (by_default if profile == "default" else by_paper)
    assert result.epochs_run == epoch + 1  # training stopped at the detection


@pytest.mark.parametrize(
    "name", ["exploding: 1e5 initializer (NaN)", "vanishing: 8-layer sigmoid MLP"]
)
def test_gradient_problems_are_detected_from_one_sampled_step_per_check(name: str) -> None:
    # The largest stride: the gradient rules see one step of each epoch's 11 (the loss: all).
    (kind, build, optimizer, batch, seed), problem, by_default, _ = CASES[name]
    result = train(kind, build, optimizer, "default", batch, seed, stats_every_steps=10_000)
    found, epoch = first(result)
    assert found is problem, result.findings
    assert epoch is not None and epoch <= by_default


def test_huge_learning_rate_explodes_under_default() -> None:
    result = train("circles", mlp(), sgd(50.0), "default")
    assert first(result) == (Problem.EXPLODING_GRADIENT, 0), result.findings


@pytest.mark.parametrize(
    ("kind", "build", "optimizer"),
    [("blobs", mlp(), adam(1e-2)), ("digits", cnn, adam(1e-2)), ("regression", mlp(), adam(1e-2))],
    ids=["mlp", "cnn", "regression-mlp"],
)
def test_healthy_models_are_not_flagged_by_default(
    kind: str,
    build: Callable[[tuple[int, ...], int, Task], keras.Model],
    optimizer: dict[str, object],
) -> None:
    result = train(kind, build, optimizer, "default")
    assert result.findings == []
    assert result.epochs_run == BUDGET
