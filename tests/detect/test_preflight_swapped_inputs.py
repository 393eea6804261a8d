"""Validation inputs given in another order than the training inputs (practice batch 24's
accelerometer and gyroscope windows, `validation_data=([gyro_val, acc_val], y)` while
training takes `[acc, gyro]`): each input standardised on its own, so only their
distributions tell them apart (`measure.input_order`, pre-flight `swapped_inputs`)."""

from __future__ import annotations

import numpy as np

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight import preflight_inputs
from autotrainer_keras.detect.preflight.validation_inputs import swapped_inputs
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts
from autotrainer_keras.problems import SetupProblem

T = PreflightThresholds()
N, STEPS = 600, 32


def _standardised(x: np.ndarray) -> np.ndarray:
    flat = x.reshape(-1, x.shape[-1])
    return ((x - flat.mean(axis=0)) / flat.std(axis=0)).astype("float32")


def _sensors(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """An accelerometer (a gravity offset per window: values in clusters) and a gyroscope
    (smooth, around 0), three channels each, and a class per window."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, N)
    gravity = np.array([[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0]])[y][:, None, :] * 3.0
    acc = gravity + 0.3 * rng.standard_normal((N, STEPS, 3))
    gyro = np.cumsum(rng.standard_normal((N, STEPS, 3)), axis=1) * 0.2
    return _standardised(acc), _standardised(gyro), y.astype("int32")


def _facts(train: dict[str, np.ndarray], val: dict[str, np.ndarray], y: np.ndarray,
           y_val: np.ndarray) -> SetupFacts:  # fmt: skip
    import keras

    inputs = {name: keras.Input((STEPS, 3), name=name) for name in train}
    pooled = [keras.layers.GlobalAveragePooling1D()(tensor) for tensor in inputs.values()]
    out = keras.layers.Dense(3, activation="softmax")(keras.layers.Concatenate()(pooled))
    model = keras.Model(inputs, out)
    facts = model_facts(model, loss="sparse_categorical_crossentropy", optimizer="adam",
                        learning_rate=1e-3, default_learning_rate=1e-3, epochs=10,
                        batch_size=32, from_logits=False)  # fmt: skip
    return SetupFacts(facts, data_facts(Dataset(train, y, val, y_val),
                                        column_gate=T.val_column_shift))  # fmt: skip


def test_swapped_validation_inputs_are_named() -> None:
    acc, gyro, y = _sensors(0)
    acc_val, gyro_val, y_val = _sensors(1)
    train = {"acc": acc, "gyro": gyro}
    finding = swapped_inputs(_facts(train, {"acc": gyro_val, "gyro": acc_val}, y, y_val), T)
    assert finding is not None and finding.problem is SetupProblem.VALIDATION_SHIFT
    assert "'acc' like 'gyro'" in finding.reason and "'gyro' like 'acc'" in finding.reason
    own, matched = finding.evidence["val_column_own"], finding.evidence["val_column_matched"]
    assert own > 2 * T.val_column_shift * finding.evidence["val_column_chance"]
    assert own > 2 * T.val_column_match * matched
    in_order = _facts(train, {"acc": acc_val, "gyro": gyro_val}, y, y_val)
    assert swapped_inputs(in_order, T) is None
    # the input checks of a model whose outputs are judged one by one run it too
    swapped = _facts(train, {"acc": gyro_val, "gyro": acc_val}, y, y_val)
    shift = SetupProblem.VALIDATION_SHIFT
    assert shift in [f.problem for f in preflight_inputs(swapped, T)]
    assert shift not in [f.problem for f in preflight_inputs(in_order, T)]


def test_inputs_of_one_distribution_are_no_swap() -> None:
    """The two windows of a siamese pair share one distribution: swapped or not, each
    matches the other as well as its own."""
    acc, _, y = _sensors(0)
    other, _, _ = _sensors(2)
    acc_val, _, y_val = _sensors(1)
    other_val, _, _ = _sensors(3)
    train = {"left": acc, "right": other}
    assert swapped_inputs(_facts(train, {"left": other_val, "right": acc_val}, y, y_val),
                          T) is None  # fmt: skip
