"""A candidate never restarts from NaN/Inf weights (medium).

The original AutoTrainer code (`utils/repair.py`, `modify_activations`) rebuilds the layers
whose weights hold NaN with fresh weights; copying them made every exploding-gradient
candidate of the paper profile start from NaN and fail at its first check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keras
import numpy as np
import pytest
from sklearn.datasets import make_circles

import autotrainer_keras
from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.operators.base import FRESH_LAYERS

from .models import load_configs

pytestmark = pytest.mark.medium


def _circles(seed: int) -> tuple[np.ndarray, np.ndarray]:
    x, y = make_circles(400, noise=0.1, factor=0.5, random_state=seed)
    return x.astype("float32"), y.astype("float32")


def _circle_mlp(seed: int) -> keras.Model:
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input((2,)),
        keras.layers.Dense(16, activation="relu", name="h1"),
        keras.layers.Dense(16, activation="relu", name="h2"),
        keras.layers.Dense(1, activation="sigmoid", name="out"),
    ])  # fmt: skip
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model


def _poisoned(model: keras.Model, layer: str, value: float) -> keras.Model:
    """`model` with one weight of `layer`'s kernel set to NaN or Inf, as divergence leaves it."""
    kernel, *rest = model.get_layer(layer).get_weights()
    kernel[0, 0] = value
    model.get_layer(layer).set_weights([kernel, *rest])
    return model


def _finite(layer: Any) -> bool:
    return all(np.isfinite(w).all() for w in layer.get_weights())


@pytest.mark.parametrize(("seed", "value"), [(0, np.nan), (1, np.inf), (2, -np.inf)])
def test_layers_with_nonfinite_weights_restart_fresh_after_an_activation_repair(
    seed: int, value: float
) -> None:
    original = _poisoned(_circle_mlp(seed), "h2", value)
    broken = {layer.name for layer in original.layers if not _finite(layer)}
    assert broken == {"h2"}
    spec = keras_spec.spec_from_model(original, TrainingConfig(), loss="binary_crossentropy",
                                      metrics=["accuracy"], seed=seed)  # fmt: skip
    new_spec, params = get_operator("selu", "paper").apply(spec, 0, np.random.default_rng(0))
    candidate = keras_spec.build_model(new_spec)
    copied = keras_spec.transfer_weights(original, candidate, fresh=params.get(FRESH_LAYERS, ()))
    assert set(copied) == {layer.name for layer in original.layers} - broken
    assert all(_finite(layer) for layer in candidate.layers)
    for name in copied:  # the finite layers continue from the detection-time weights
        for mine, theirs in zip(candidate.get_layer(name).get_weights(),
                                original.get_layer(name).get_weights(), strict=True):
            np.testing.assert_array_equal(mine, theirs)


def test_recurrent_layers_switched_to_tanh_keep_fresh_weights() -> None:
    config = load_configs()["fun_rnn"]
    config["config"]["layers"][1]["config"]["activation"] = "relu"  # the SimpleRNN "rnn"
    original = keras.saving.deserialize_keras_object(config)
    spec = keras_spec.spec_from_model(original, TrainingConfig(), loss="mse", metrics=[], seed=0)
    new_spec, params = get_operator("selu", "paper").apply(spec, 0, np.random.default_rng(0))
    candidate = keras_spec.build_model(new_spec)
    fresh = [w.copy() for w in candidate.get_layer("rnn").get_weights()]
    copied = keras_spec.transfer_weights(original, candidate, fresh=params[FRESH_LAYERS])
    assert "rnn" not in copied and "bi" in copied and "out" in copied
    for mine, kept in zip(candidate.get_layer("rnn").get_weights(), fresh, strict=True):
        np.testing.assert_array_equal(mine, kept)


@pytest.mark.parametrize("seed", [0, 1])
def test_paper_repair_after_a_nan_detection_trains_on_finite_weights(seed: int,
                                                                     tmp_path: Path) -> None:
    # NaN at the first check (exploding gradient: one NaN weight makes every weight NaN after
    # the first step), then the paper's first solution, selu: its candidate no longer starts
    # from NaN, so it does not fail with NaN at its first check.
    x, y = _circles(seed)
    original = _poisoned(_circle_mlp(seed), "h1", np.nan)
    result = autotrainer_keras.fit(
        original, x[:300], y[:300], validation_data=(x[300:], y[300:]), epochs=6,
        batch_size=32, config={"repair": {"max_attempts": 1}}, profile="paper",
        output_dir=tmp_path, tracking=False, verbose=False,
    )  # fmt: skip
    assert result.findings[0].problem.value == "exploding_gradient"
    first = result.repairs[0]
    assert first["solution"] == "selu"
    assert first["epochs_run"] > 1 and np.isfinite(first["val_loss"])
