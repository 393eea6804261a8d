"""A job under mixed_float16 whose output layer is float16 too: predictions past 65504 are
Inf, every loss is NaN/Inf, and the job names it (`exploding_gradient` at epoch 0) instead of
ending `healthy` with NaN losses (practice batch 39's price regression), and repairs it with
the output layers in float32 (`float32_head`). A healthy
mixed-precision job, whose loss scale skips a few overflowing steps, stays quiet."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import autotrainer_keras

pytestmark = pytest.mark.medium


@pytest.mark.parametrize("head", ["float16", "float32"])
def test_a_float16_output_past_its_range_is_named(tmp_path: Path, head: str) -> None:
    import keras

    previous = keras.mixed_precision.global_policy()
    keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        rng = np.random.default_rng(0)
        x = rng.normal(size=(600, 8)).astype("float32")
        y = (x[:, 0] * 1e5 + 6.5e5).astype("float32")
        keras.utils.set_random_seed(0)
        dtype = None if head == "float16" else "float32"
        model = keras.Sequential([
            keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(1, dtype=dtype),
            keras.layers.Rescaling(scale=1e5, offset=6.5e5, dtype=dtype),
        ])  # fmt: skip
        model.compile(keras.optimizers.Adam(1e-3), "mse")
        result = autotrainer_keras.fit(
            model, x[:400], y[:400], validation_data=(x[400:], y[400:]), epochs=4,
            batch_size=16, output_dir=tmp_path / "out", tracking=False, verbose=False,
        )  # fmt: skip
    finally:
        keras.mixed_precision.set_global_policy(previous)
    problems = [d["problem"] for d in result.report["detections"]]
    if head == "float16":
        assert "exploding_gradient" in problems and result.status == "repaired"
        assert result.report["final"]["solutions"] == ["float32_head"]
    else:
        assert "exploding_gradient" not in problems
