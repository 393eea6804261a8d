"""An output whose loss is the user's own takes targets of any shape on a multi-output model,
as on a one-output one (practice batch 65: a Cox risk head of one unit on (time, event) rows,
next to an event-type head, had been refused as `mse` on one column)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.errors import InputError

pytestmark = pytest.mark.medium


def time_loss(y_true: Any, y_pred: Any) -> Any:
    """Squared error against the event rows' scaled log time ((time, event) rows)."""
    ops = keras.ops
    return ops.mean(y_true[:, 1] * ops.square(y_pred[:, 0] - ops.log1p(y_true[:, 0]) / 7.0))


def _model(risk_loss: Any) -> keras.Model:
    keras.utils.set_random_seed(0)
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(8, activation="relu")(inputs)
    risk = keras.layers.Dense(1, name="risk")(hidden)
    kind = keras.layers.Dense(2, activation="softmax", name="kind")(hidden)
    model = keras.Model(inputs, {"risk": risk, "kind": kind})
    model.compile("adam", loss={"risk": risk_loss, "kind": "sparse_categorical_crossentropy"})
    return model


def test_an_own_loss_output_takes_its_rows_and_a_named_one_is_still_checked(
    tmp_path: Path,
) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 4)).astype("float32")
    rows = np.stack([rng.exponential(800.0, 300), rng.random(300) < 0.7], axis=1)
    y = {"risk": rows.astype("float32"), "kind": (x[:, 1] > 0).astype("int64")}
    result = autotrainer_keras.fit(_model(time_loss), x, y, epochs=1, repair=False,
                                   tracking=False, verbose=False,
                                   output_dir=tmp_path / "own")  # fmt: skip
    assert result.status in ("healthy", "detected")
    with pytest.raises(InputError, match="y_train__risk rows have shape \\(2,\\)"):
        autotrainer_keras.fit(_model("mse"), x, y, epochs=1, repair=False, tracking=False,
                              verbose=False, output_dir=tmp_path / "mse")  # fmt: skip
