"""Targets with NaN that the user's own loss leaves out are trained, not refused; under a
loss of Keras' own (no mask), or a loss of the user's own that still turns them into NaN,
they are refused with one line (practice batch 82: a healthy multi-task toxicity job whose
unmeasured labels stay NaN under a masking loss was refused)."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.errors import InputError

pytestmark = pytest.mark.medium


def masked_bce(y_true: Any, y_pred: Any) -> Any:
    """Binary CE over the measured labels only (NaN: not measured)."""
    measured = keras.ops.logical_not(keras.ops.isnan(y_true))
    target = keras.ops.where(measured, y_true, 0.0)
    p = keras.ops.clip(y_pred, 1e-7, 1.0 - 1e-7)
    bce = -(target * keras.ops.log(p) + (1.0 - target) * keras.ops.log(1.0 - p))
    mask = keras.ops.cast(measured, "float32")
    return keras.ops.sum(bce * mask, axis=-1) / keras.ops.maximum(keras.ops.sum(mask, axis=-1), 1)


def unmasked_bce(y_true: Any, y_pred: Any) -> Any:
    """A loss of the user's own that multiplies the NaN by a 0 mask: still NaN."""
    mask = keras.ops.cast(keras.ops.logical_not(keras.ops.isnan(y_true)), "float32")
    return keras.ops.mean(keras.losses.binary_crossentropy(y_true, y_pred) * mask[..., 0])


def _task(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Three tasks on 6 features, a quarter of the labels missing."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((600, 6)).astype("float32")
    y = (x[:, :3] + 0.3 * rng.standard_normal((600, 3)) > 0).astype("float32")
    y[rng.random(y.shape) < 0.25] = np.nan
    return x, y


def _fit(tmp_path: Any, loss: Any) -> Any:
    x, y = _task()
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-2), loss)
    return autotrainer_keras.fit(model, x[:450], y[:450], validation_data=(x[450:], y[450:]),
                                 epochs=4, batch_size=32, output_dir=tmp_path, tracking=False,
                                 verbose=False)  # fmt: skip


def test_missing_labels_under_a_loss_that_masks_them_are_trained(tmp_path) -> None:
    result = _fit(tmp_path, masked_bce)
    assert result.report["original"]["epochs_run"] >= 1
    assert np.isfinite(result.report["original"]["val_loss"])


@pytest.mark.parametrize("loss", ["binary_crossentropy", unmasked_bce])
def test_missing_labels_the_loss_does_not_leave_out_are_refused(tmp_path, loss) -> None:
    with pytest.raises(InputError, match="NaN values that the loss does not leave out"):
        _fit(tmp_path, loss)


def test_missing_labels_of_a_model_of_several_outputs_are_refused(tmp_path) -> None:
    x, y = _task()
    inputs = keras.Input((6,), name="features")
    hidden = keras.layers.Dense(8, activation="relu")(inputs)
    heads = {name: keras.layers.Dense(1, activation="sigmoid", name=name)(hidden)
             for name in ("a", "b")}  # fmt: skip
    model = keras.Model(inputs, heads)
    model.compile("adam", {"a": "binary_crossentropy", "b": "binary_crossentropy"})
    targets = {"a": y[:, :1], "b": np.nan_to_num(y[:, 1:2])}
    with pytest.raises(InputError, match=r"\['a'\] contains \d+ NaN values.*several outputs"):
        autotrainer_keras.fit(model, x, targets, epochs=1, output_dir=tmp_path, tracking=False,
                              verbose=False)  # fmt: skip
