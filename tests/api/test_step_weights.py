"""Sample weights per step of a sequence output (Keras weighs each step's loss): the job takes
them as Keras' `fit` does (practice batch 14's `timedistributed_step_weights` was refused),
and still refuses weights of a shape that fits neither the rows nor the steps."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.errors import InputError
from autotrainer_keras.fit_weights import checked_weights
from autotrainer_keras.measure.baselines import baseline_loss, row_weights
from autotrainer_keras.measure.history import Task


def test_per_step_weights_are_kept_and_other_shapes_refused() -> None:
    targets = np.zeros((6, 5, 1), "float32")
    weights = checked_weights(np.ones((6, 5)), 6, "w", targets=targets)
    assert weights.shape == (6, 5)
    with pytest.raises(InputError, match=r"one per step, shape \(6, 5\)"):
        checked_weights(np.ones((6, 4)), 6, "w", targets=targets)
    with pytest.raises(InputError, match="one weight per row"):
        checked_weights(np.ones((6, 5)), 6, "w", targets=np.zeros((6, 1)))
    assert row_weights(np.array([[1.0, 0.0], [1.0, 1.0]])).tolist() == [0.5, 1.0]
    y = np.arange(12, dtype="float32").reshape(6, 2, 1)
    assert baseline_loss(Task.REGRESSION, "mse", y, y, np.ones((6, 2)), np.ones((6, 2))) == (
        pytest.approx(baseline_loss(Task.REGRESSION, "mse", y, y))
    )


@pytest.mark.medium
def test_the_job_trains_a_tagger_with_per_step_weights(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((400, 12, 3)).astype("float32")
    y = np.cumsum(x[..., :1], axis=1) / np.arange(1, 13).reshape(1, 12, 1)
    weights = np.ones((400, 12), "float32")
    weights[:, :2] = 0.0  # the first steps' running means are noise: weighed out
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((12, 3)), keras.layers.GRU(16, return_sequences=True),
                              keras.layers.TimeDistributed(keras.layers.Dense(1))])  # fmt: skip
    model.compile("adam", "mse")
    # 8 epochs: 80 steps, clear of the 50-step small-budget suspicion, whose `batch` test
    # (3 epochs) ended as a verdict here and without one on a fresh-clone CI run
    result = autotrainer_keras.fit(model, x, y, sample_weight=weights, epochs=8, batch_size=32,
                                   validation_split=0.25, tracking=False, verbose=False,
                                   output_dir=tmp_path / "out")  # fmt: skip
    assert result.status in ("healthy", "repaired") and not result.findings
    # the weighted validation MSE of the constant predictor is 0.12 here; the GRU 0.044
    assert result.report["original"]["val_loss"] < 0.08
