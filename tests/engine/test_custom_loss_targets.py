"""A loss of the user's own may take targets of any shape: the job checks the inputs, not
the targets' shape against the task it infers for that loss (practice batch 8's
`mean_variance_nll`, a 2-unit mean/log-variance head on 1-column targets, was refused as
"rows have shape (1,) but the model outputs (2,) for loss mse")."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

pytestmark = pytest.mark.medium


@keras.saving.register_keras_serializable(package="autotrainer_test")
def gaussian_nll(y_true, y_pred):  # noqa: ANN001, ANN201 - a user's loss, as users write it
    mean, log_var = y_pred[:, :1], y_pred[:, 1:]
    return keras.ops.mean(0.5 * (log_var + (y_true - mean) ** 2 / keras.ops.exp(log_var)))


def test_a_custom_loss_on_a_wider_head_trains_through_the_job(tmp_path: Path):
    import autotrainer_keras

    rng = np.random.default_rng(0)
    x = rng.normal(size=(256, 4)).astype("float32")
    y = (x[:, :1] + 0.3 * rng.normal(size=(256, 1))).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(2)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-2), loss=gaussian_nll)
    result = autotrainer_keras.fit(model, x, y, epochs=3, batch_size=32,
                                   validation_data=(x[:64], y[:64]), output_dir=tmp_path,
                                   tracking=False, verbose=False, repair=False)  # fmt: skip
    assert result.status in ("healthy", "detected")
    assert (tmp_path / "report.json").is_file()
