"""A focal loss that weighs a class below 0 (alpha outside [0, 1], e.g. alpha and gamma given
in each other's place): read off the loss's config (fast), named before training by `Watch`
and by the job as an unbounded loss (medium); quiet for Keras' defaults and alpha in [0, 1]."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.keras import Watch
from autotrainer_keras.measure.loss_weights import focal_class_weights

RNG = np.random.default_rng(0)
X = RNG.standard_normal((400, 6)).astype("float32")
Y = (X[:, 0] + 0.5 * X[:, 1] > 1.0).astype("float32")  # ~20 % positives


def test_the_class_weights_of_focal_losses_are_read_from_their_config() -> None:
    swapped = keras.losses.serialize(keras.losses.BinaryFocalCrossentropy(True, 2.0, 0.25))
    assert focal_class_weights(swapped) == (-1.0, 2.0)
    unbalanced = keras.losses.serialize(keras.losses.BinaryFocalCrossentropy(alpha=2.0))
    assert focal_class_weights(unbalanced) == ()  # alpha unused without class balancing
    default = keras.losses.serialize(keras.losses.BinaryFocalCrossentropy(True))
    assert focal_class_weights(default) == (0.75, 0.25)
    categorical = keras.losses.serialize(keras.losses.CategoricalFocalCrossentropy(alpha=-0.5))
    assert focal_class_weights(categorical) == (-0.5,)
    assert focal_class_weights(keras.losses.serialize(keras.losses.BinaryCrossentropy())) == ()
    assert focal_class_weights(None) == ()


def _model(loss: keras.losses.Loss) -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", loss=loss, metrics=["accuracy"])
    return model


@pytest.mark.medium
def test_watch_names_a_swapped_alpha_before_training_and_not_keras_defaults() -> None:
    swapped = Watch(probe_data=(X, Y), verbose=0)
    _model(keras.losses.BinaryFocalCrossentropy(True, 2.0, 0.25)).fit(
        X, Y, epochs=1, verbose=0, callbacks=[swapped])
    first = swapped.findings[0]
    assert (first.problem.value, first.step) == ("unbounded_loss", 0)
    assert first.evidence["lowest_class_weight"] == -1.0 and "alpha" in first.reason
    right = Watch(probe_data=(X, Y), verbose=0)
    _model(keras.losses.BinaryFocalCrossentropy(True, 0.25, 2.0)).fit(
        X, Y, epochs=1, verbose=0, callbacks=[right])
    assert not [f for f in right.findings if f.problem.value == "unbounded_loss"]


@pytest.mark.medium
def test_the_job_names_it_before_training(tmp_path: Path) -> None:
    result = autotrainer_keras.fit(
        _model(keras.losses.BinaryFocalCrossentropy(True, 2.0, 0.25)), X[:300], Y[:300],
        validation_data=(X[300:], Y[300:]), epochs=2, batch_size=32, repair=False,
        output_dir=tmp_path / "out", tracking=False, verbose=False,
    )  # fmt: skip
    problems = [d["problem"] for d in result.report["detections"]]
    assert problems[0] == "unbounded_loss"
