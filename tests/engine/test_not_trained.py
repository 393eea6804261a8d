"""A set-up Keras cannot train (labels encoded for another loss) is repaired, not refused, by a
repair job under the default profile: the original is recorded as not trained, with the
pre-flight finding, and the `output_pair` candidate that fits the labels is verified by
training. `detect` and the paper profile still refuse it, naming the fault (exit 2)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.errors import InputError

pytestmark = pytest.mark.medium


def blobs(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Three well-separated classes in 4 features (any working classifier gets > 0.9)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, 600)
    centres = np.array([[2.0, 0, 0, 0], [0, 2.0, 0, 0], [0, 0, 2.0, 0]])
    return (centres[y] + 0.5 * rng.standard_normal((600, 4))).astype("float32"), y


def model(units: int, activation: str, loss: str, seed: int) -> keras.Model:
    keras.utils.set_random_seed(seed)
    net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"),
                            keras.layers.Dense(units, activation=activation)])  # fmt: skip
    net.compile(keras.optimizers.Adam(0.01), loss, metrics=["accuracy"])  # learns in 2 epochs
    return net


def run(tmp_path, net: keras.Model, y: np.ndarray, x: np.ndarray, **kwargs):
    return autotrainer_keras.fit(net, x[:450], y[:450], validation_data=(x[450:], y[450:]),
                                 epochs=10, batch_size=32, output_dir=tmp_path, tracking=False,
                                 verbose=False, **kwargs)  # fmt: skip


@pytest.mark.parametrize("seed", [0, 1])
def test_sparse_loss_on_one_hot_labels_is_repaired_not_refused(tmp_path, seed):
    x, y = blobs(seed)
    result = run(tmp_path, model(3, "softmax", "sparse_categorical_crossentropy", seed),
                 np.eye(3, dtype="float32")[y], x)  # fmt: skip
    report = result.report
    assert result.status == "repaired"
    assert report["detections"][0]["problem"] == "output_loss_mismatch"
    assert "one-hot (3 columns)" in report["detections"][0]["reason"]
    assert report["original"]["epochs_run"] == 0  # Keras cannot train it: not trained
    assert report["final"]["solutions"] == ["output_pair"]
    [attempt] = report["repairs"]
    assert attempt["params"]["loss"] == "categorical_crossentropy"
    assert report["final"]["val_accuracy"] > 0.8  # measured ~0.97 on both seeds


def test_binary_loss_on_three_integer_classes_is_repaired(tmp_path):
    x, y = blobs(0)
    result = run(tmp_path, model(1, "sigmoid", "binary_crossentropy", 0), y.astype("float32"), x)
    report = result.report
    assert result.status == "repaired" and report["task"] == "multiclass"
    assert report["final"]["solutions"] == ["output_pair"]
    assert result.model.output_shape[-1] == 3
    assert report["final"]["val_accuracy"] > 0.8


@pytest.mark.parametrize("kwargs", [{"repair": False}, {"profile": "paper"}])
def test_detect_and_the_paper_profile_still_refuse(tmp_path, kwargs):
    x, y = blobs(0)
    net = model(3, "softmax", "sparse_categorical_crossentropy", 0)
    with pytest.raises(InputError, match="is one-hot"):
        run(tmp_path, net, np.eye(3, dtype="float32")[y], x, **kwargs)


def test_a_metric_that_cannot_take_the_repaired_output_is_left_out_not_a_crash(tmp_path):
    """Held-out practice batch 33: a grade metric written for the one-unit head crashed the
    job when `output_pair` gave it three units; the candidate now trains with the job's score
    metric alone, and says so."""

    def one_unit_grade(y_true, y_pred):  # one number per row, as the user's head gives
        true = keras.ops.reshape(keras.ops.cast(y_true, "float32"), (-1,))
        return keras.ops.cast(keras.ops.equal(true, keras.ops.reshape(
            keras.ops.round(y_pred), (-1,))), "float32")  # fmt: skip

    x, y = blobs(0)
    keras.utils.set_random_seed(0)
    net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"),
                            keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    net.compile(keras.optimizers.Adam(0.01), "binary_crossentropy",
                metrics=["accuracy", one_unit_grade])  # fmt: skip
    result = run(tmp_path, net, y.astype("float32"), x)
    report = result.report
    assert result.status == "repaired"
    [attempt] = report["repairs"]
    assert attempt["solution"] == "output_pair" and "score metric alone" in attempt["description"]
    assert report["final"]["val_accuracy"] > 0.8


def test_missing_labels_coded_minus_one_are_refused_not_regressed(tmp_path):
    """Held-out practice batch 77: multi-task labels with -1 for an unmeasured entry under a
    plain binary cross-entropy. No output/loss pair leaves the missing entries out (`mse`
    on -1/0/1 was "repaired" while the measured labels stayed at chance): refused, naming
    the mask."""
    x, y = blobs(0)
    labels = np.stack([(y == k).astype("float32") for k in range(3)], axis=1)
    labels[np.random.default_rng(0).random(labels.shape) < 0.3] = -1.0  # unmeasured
    net = model(3, "sigmoid", "binary_crossentropy", 0)
    with pytest.raises(InputError, match="holds -1, 0 and 1: if -1 marks a missing label"):
        run(tmp_path, net, labels, x)
