"""A model's first per-column `Normalization` read by what it leaves (practice batch 21's
layer adapted on the target): the reading (`measure/normalized_spread.py`), the rule
(`feature_spread`'s `_normalized_off`: unscaled_input) and the job's pre-flight check.
Layers adapted on the training features (or a subset of them) stay quiet, over seeds."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig, TrainingConfig
from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.engine.setup_check import SetupCheck
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.normalized_spread import normalized_spread
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec

L = keras.layers
T = PreflightThresholds()


def friedman2(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Raw Friedman #2 columns (scales 0-100, 40pi-560pi, 0-1, 1-11) and its target."""
    from sklearn.datasets import make_friedman2

    x, y = make_friedman2(800, noise=0.0, random_state=seed)
    return x.astype("float32"), y.astype("float32")


def normalized_mlp(norm: keras.layers.Normalization) -> keras.Model:
    return keras.Sequential([keras.Input((4,)), norm, L.Dense(16, activation="relu"),
                             L.Dense(1)])  # fmt: skip


def adapted(data: np.ndarray, **kwargs) -> keras.layers.Normalization:
    norm = L.Normalization(**kwargs)
    norm.adapt(data)
    return norm


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_layer_adapted_on_the_target_is_read_far_past_the_threshold(seed: int) -> None:
    x, y = friedman2(seed)
    healthy = normalized_spread(normalized_mlp(adapted(x)), x[:512])
    assert healthy is not None and 0.8 < healthy.narrowest_std <= healthy.widest_std < 1.25
    subset = normalized_spread(normalized_mlp(adapted(x[:100])), x[:512])  # adapted on a few
    assert subset is not None and 1 / 3 < subset.narrowest_std <= subset.widest_std < 3
    wrong = normalized_spread(normalized_mlp(adapted(y.reshape(-1, 1))), x[:512])
    assert wrong is not None and 1 / wrong.narrowest_std > 10 * T.normalized_off


def test_other_first_layers_and_inputs_are_not_read() -> None:
    x, _ = friedman2(0)
    assert normalized_spread(keras.Sequential([keras.Input((4,)), L.Dense(2)]), x) is None
    scalar = normalized_mlp(adapted(x, axis=None))  # one scale for all: feature_spread's
    assert normalized_spread(scalar, x) is None
    assert normalized_spread(normalized_mlp(adapted(x)), None) is None
    assert normalized_spread(normalized_mlp(adapted(x)), {"x": x}) is None


def _spec(model: keras.Model):
    return keras_spec.spec_from_model(model, TrainingConfig(), loss="mse", metrics=["mae"],
                                      seed=0)  # fmt: skip


@pytest.mark.parametrize("on_target", [True, False])
def test_the_pre_flight_check_names_the_layer_and_spares_a_well_adapted_one(on_target: bool):
    x, y = friedman2(0)
    y = ((y - y.mean()) / y.std()).reshape(-1, 1)
    model = normalized_mlp(adapted(friedman2(0)[1].reshape(-1, 1) if on_target else x))
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x, y), (None, 1))
    found = [f for f in check.check(model, _spec(model))
             if f.problem is SetupProblem.UNSCALED_INPUT]  # fmt: skip
    assert len(found) == int(on_target)
    if on_target:
        assert found[0].layer == model.layers[0].name and "adapt" in found[0].reason
