"""A loss of the user's own is judged by no rule about a named loss in the job's pre-flight,
as in `keras.Watch` (practice batch 65: a Cox partial likelihood on (time in days, event)
rows was read as "mse" on targets of scale 797, `unscaled_target` on every healthy job)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.problems import SetupProblem

pytestmark = pytest.mark.medium


def _rows() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 4)).astype("float32")
    days = rng.exponential(800.0 * np.exp(-0.5 * x[:, 0])).astype("float32")
    event = (rng.random(400) < 0.7).astype("float32")
    return x, np.stack([days, event], axis=1)


def scaled_time_loss(y_true: Any, y_pred: Any) -> Any:
    """Squared error against the event rows' log time (the user's own: no Keras loss)."""
    ops = keras.ops
    target = ops.log1p(y_true[:, 0]) / 7.0
    return ops.mean(y_true[:, 1] * ops.square(y_pred[:, 0] - target))


def _model(loss: Any) -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss)
    return model


def test_targets_of_a_loss_of_the_users_own_are_not_read_as_mse_targets(tmp_path: Path) -> None:
    x, y = _rows()
    own = autotrainer_keras.fit(_model(scaled_time_loss), x, y, epochs=2, repair=False,
                                tracking=False, verbose=False,
                                output_dir=tmp_path / "own")  # fmt: skip
    assert SetupProblem.UNSCALED_TARGET not in [f.problem for f in own.findings]
    named = autotrainer_keras.fit(_model("mse"), x, y[:, :1], epochs=2, repair=False,
                                  tracking=False, verbose=False,
                                  output_dir=tmp_path / "mse")  # fmt: skip
    assert [f.problem for f in named.findings][:1] == [SetupProblem.UNSCALED_TARGET]
