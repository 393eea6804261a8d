"""A loss of the user's own says nothing of the task; a class accuracy among the compiled
metrics does. Practice batch 61's distiller (a subclassed model whose `compute_loss` mixes
cross-entropy and KL, compiled with `metrics=["accuracy"]` and no loss) was read as a
regression, so at a rate of 5 its accuracy at chance for 30 epochs went unnamed."""

from __future__ import annotations

import numpy as np
import pytest

from autotrainer_keras.engine.setup import accuracy_task
from autotrainer_keras.measure.history import Task

CODES = np.array([0, 2, 1, 2, 0])


@pytest.mark.parametrize(
    ("metrics", "units", "y", "task"),
    [
        (["accuracy"], 3, CODES, Task.MULTICLASS),
        (["accuracy"], None, CODES, Task.MULTICLASS),  # a subclassed model: no output shape
        ([{"class_name": "SparseCategoricalAccuracy", "config": {"name": "acc"}}], 3, CODES,
         Task.MULTICLASS),
        (["accuracy"], 1, np.array([0, 1, 1, 0]), Task.BINARY),
        (["accuracy"], 3, np.eye(3)[CODES], Task.MULTICLASS),
        (["accuracy"], 2, CODES, Task.REGRESSION),  # codes beyond the output
        (["accuracy"], 1, np.array([0.2, 1.5]), Task.REGRESSION),  # not class labels
        (["accuracy"], 3, np.array([-1, 0, 2]), Task.REGRESSION),
        (["mae"], 3, CODES, Task.REGRESSION),  # no class accuracy
        ([], 3, CODES, Task.REGRESSION),
        (["accuracy"], 3, np.array(["a", "b"]), Task.REGRESSION),
    ],
)
def test_a_class_accuracy_and_class_labels_give_the_task(metrics, units, y, task) -> None:  # noqa: ANN001
    assert accuracy_task(metrics, units, y) is task



@pytest.mark.medium
def test_watch_names_a_compute_loss_classifier_stuck_at_chance() -> None:
    import keras

    from autotrainer_keras.keras import Watch
    from autotrainer_keras.problems import Problem, SetupProblem

    class Distiller(keras.Model):
        def __init__(self, student: keras.Model) -> None:
            super().__init__()
            self.student = student

        def call(self, inputs, training=False):  # noqa: ANN001, ANN201
            return self.student(inputs, training=training)

        def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None,  # noqa: ANN001, ANN201
                         training=True):  # noqa: ANN001
            hard = keras.losses.sparse_categorical_crossentropy(y, y_pred, from_logits=True)
            return keras.ops.mean(hard)

    rng = np.random.default_rng(0)
    x = rng.normal(size=(1200, 8)).astype("float32")
    y = (x[:, :3].argmax(axis=1)).astype("int64")
    keras.utils.set_random_seed(0)
    student = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                                keras.layers.Dense(3)])  # fmt: skip
    model = Distiller(student)
    model.compile(keras.optimizers.SGD(0.0), metrics=["accuracy"])  # nothing is learned
    watch = Watch(on_problem="warn", probe_data=(x, y), verbose=0)
    with pytest.warns(Warning):
        model.fit(x, y, validation_split=0.25, epochs=12, batch_size=64, verbose=0,
                  callbacks=[watch])  # fmt: skip
    assert watch.history is not None and watch.history.task is Task.MULTICLASS
    assert watch.history.chance_accuracy == pytest.approx(np.bincount(y).max() / len(y))
    stuck = {Problem.SLOW_CONVERGENCE, SetupProblem.SETUP_STALL}
    assert {f.problem for f in watch.findings} & stuck
