"""The data's ceiling (`measure.reference_fit`) is fitted once per loss for a job's
trainings: the original and every candidate train on the same rows, so a candidate reads
the reference the original fitted instead of fitting its own."""

from __future__ import annotations

import keras
import numpy as np

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.detect import make_detector
from autotrainer_keras.engine.attempt import AttemptTraining
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.history import Task
from autotrainer_keras.measure.reference_fit import LazyReference
from autotrainer_keras.progress import NullProgress
from autotrainer_keras.record.recorder import Recorder
from autotrainer_keras.record.sink import NullSink
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.spec import TrainingSpec

RNG = np.random.default_rng(0)
X = RNG.normal(size=(300, 4)).astype("float32")
Y = (X[:, 0] > 0).astype("int64")
DATA = Dataset(X[:200], Y[:200], X[200:], Y[200:])


def _training(loss: str, references: dict[str | None, LazyReference]) -> AttemptTraining:
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    spec = TrainingSpec(model={}, optimizer={"name": "adam", "learning_rate": 1e-3},
                        loss=loss, metrics=("accuracy",), batch_size=32, epochs=2)  # fmt: skip
    config = AutotrainerConfig()
    return AttemptTraining(
        "attempt", model, spec, DATA, Task.MULTICLASS, config, make_detector(config.detection),
        Recorder(NullSink(), NullProgress()), compile_model=keras_spec.compile_model,
        references=references,
    )  # fmt: skip


def test_trainings_of_one_job_share_the_reference_of_their_loss() -> None:
    references: dict[str | None, LazyReference] = {}
    first = _training("sparse_categorical_crossentropy", references)
    second = _training("sparse_categorical_crossentropy", references)
    assert first.reference is not None and second.reference is first.reference
    other = _training("categorical_hinge", references)
    assert other.reference is not first.reference and len(references) == 2
    assert _training("sparse_categorical_crossentropy", {}).reference is not first.reference
