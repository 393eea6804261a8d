"""A training's final validation metrics taken from `fit`'s own validation: which epoch's
logs describe the weights a segment left (scripted epochs), and, on a real Keras model, that
they equal a separate `evaluate` of the returned weights."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.engine.validated import validated_metrics
from autotrainer_keras.measure.history import EpochRecord

SGD = keras.optimizers.SGD()


def epochs(*val_losses: float, first: int = 0, steps: int = 10) -> list[EpochRecord]:
    return [
        EpochRecord(first + i, (first + i + 1) * steps,
                    {"loss": 1.0, "accuracy": 0.5, "val_loss": v, "val_accuracy": 1 - v})
        for i, v in enumerate(val_losses)
    ]  # fmt: skip


def restoring(best_epoch: int) -> keras.callbacks.EarlyStopping:
    stop = keras.callbacks.EarlyStopping(restore_best_weights=True)
    stop.best_weights, stop.best_epoch = [np.zeros(1)], best_epoch  # as after its training
    return stop


def test_the_last_epoch_describes_the_weights_fit_left():
    segment = epochs(0.6, 0.5, 0.4, first=3)
    assert validated_metrics(segment, [], SGD, 60) == {"loss": 0.4, "accuracy": 0.6}


def test_a_restoring_early_stop_points_at_its_best_epoch():
    segment = epochs(0.6, 0.3, 0.4)
    assert validated_metrics(segment, [restoring(1)], SGD, 30) == {"loss": 0.3, "accuracy": 0.7}
    unused = keras.callbacks.EarlyStopping(restore_best_weights=True)  # never saw a best epoch
    assert validated_metrics(segment, [unused], SGD, 30) == {"loss": 0.4, "accuracy": 0.6}
    assert validated_metrics(segment, [restoring(7)], SGD, 30) is None  # not this segment's


class SetsWeights(keras.callbacks.Callback):
    pass


class Declares(keras.callbacks.Callback):
    keeps_weights = True


class InheritsTheClaim(Declares):
    pass


@pytest.mark.parametrize(
    ("callbacks", "optimizer", "steps"),
    [
        ([SetsWeights()], SGD, 30),  # a callback that may set weights
        ([InheritsTheClaim()], SGD, 30),  # a subclass must declare it itself
        ([restoring(0), restoring(1)], SGD, 30),  # two restoring callbacks
        ([], keras.optimizers.SGD(use_ema=True), 30),  # Keras swaps the average in at the end
        ([], SGD, 31),  # a step trained after the last validation
    ],
)
def test_anything_that_may_have_changed_the_weights_means_evaluate(callbacks, optimizer, steps):
    assert validated_metrics(epochs(0.6, 0.5, 0.4), callbacks, optimizer, steps) is None


def test_known_callbacks_keep_the_last_epoch():
    known = [Declares(), keras.callbacks.ReduceLROnPlateau(), keras.callbacks.EarlyStopping()]
    assert validated_metrics(epochs(0.6, 0.5), known, SGD, 20) == {"loss": 0.5, "accuracy": 0.5}
    assert validated_metrics([], [], SGD, 0) is None  # no epoch trained


@pytest.mark.medium
@pytest.mark.parametrize("restores", [False, True])
def test_the_metrics_are_those_evaluate_gives(restores):
    """Trained in two segments (as a screened candidate), with and without a restoring early
    stop: each result's metrics equal `evaluate` of the weights it returns, bit for bit."""
    from autotrainer_keras.config import AutotrainerConfig
    from autotrainer_keras.detect import make_detector
    from autotrainer_keras.engine.attempt import AttemptTraining
    from autotrainer_keras.io.data import Dataset
    from autotrainer_keras.measure.history import Task
    from autotrainer_keras.measure.log_names import canonical_logs
    from autotrainer_keras.progress import NullProgress
    from autotrainer_keras.record.recorder import Recorder
    from autotrainer_keras.record.sink import NullSink
    from autotrainer_keras.repair import keras_spec
    from autotrainer_keras.repair.spec import TrainingSpec

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 8)).astype("float32")
    y = (x[:, 0] + 0.5 * rng.normal(size=300) > 0).astype("int64")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])  # fmt: skip
    spec = TrainingSpec(model={}, optimizer={"name": "sgd", "learning_rate": 0.5},
                        loss="sparse_categorical_crossentropy", metrics=("accuracy",),
                        batch_size=32, epochs=6)  # fmt: skip
    stop = [keras.callbacks.EarlyStopping(patience=9, restore_best_weights=True)]
    config = AutotrainerConfig()
    training = AttemptTraining(
        "original", model, spec, Dataset(x[:200], y[:200], x[200:], y[200:]),
        Task.MULTICLASS, config, make_detector(config.detection),
        Recorder(NullSink(), NullProgress()), compile_model=keras_spec.compile_model,
        callbacks=stop if restores else [],
    )  # fmt: skip
    for until in (3, 6):
        training.fit(until)
        result = training.result()
        again = training.watched.evaluate(x[200:], y[200:], batch_size=32, verbose=0,
                                          return_dict=True)  # fmt: skip
        assert training._validated is not None  # taken from fit, not evaluated
        assert result.extra["final_metrics"] == canonical_logs(again)
