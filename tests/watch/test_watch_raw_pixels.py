"""Raw pixels (0..255) arriving through a tf.data pipeline in the user's own `model.fit`:
`Watch` names them before training from its probe rows (the pre-flight checks: unscaled
inputs), and, with the pre-flight checks off, at runtime (abnormal data) in the first two
epochs from the hidden activations on the probe batch; the same images scaled to 0..1 raise
nothing. The paper profile runs neither."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from autotrainer_keras.keras import Watch

pytestmark = pytest.mark.medium


def digits(raw: bool) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    x, y = load_digits(return_X_y=True)
    x = np.rint(x * 255.0 / 16.0) if raw else x / 16.0
    return x.astype("float32")[:800], y[:800]


def fit(raw: bool, seed: int, profile: str = "default", preflight: bool = True) -> Watch:
    x, y = digits(raw)
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    pipeline = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(800, seed=seed).batch(32)
    config = {"detection": {"preflight": {"enabled": preflight}}}
    watch = Watch(probe_data=pipeline, profile=profile, config=config)
    model.fit(pipeline, epochs=2, callbacks=[watch], verbose=0)
    return watch


@pytest.mark.parametrize("seed", [0, 1])
def test_raw_pixels_from_a_pipeline_are_named_before_training(seed):
    found = fit(raw=True, seed=seed).findings
    assert found and found[0].problem.value == "unscaled_input" and found[0].step == 0


@pytest.mark.parametrize("seed", [0, 1])
def test_raw_pixels_from_a_pipeline_are_named_within_two_epochs_at_runtime(seed):
    found = fit(raw=True, seed=seed, preflight=False).findings
    assert found and found[0].problem.value == "abnormal_data" and found[0].epoch <= 1
    assert found[0].evidence["input_scale"] > 100  # measured ~205 (raw pixel values)


def test_scaled_pixels_and_the_paper_profile_raise_no_abnormal_data():
    setup = ("abnormal_data", "unscaled_input")
    assert all(f.problem.value not in setup for f in fit(raw=False, seed=0).findings)
    assert all(f.problem.value not in setup
               for f in fit(raw=True, seed=0, profile="paper").findings)  # fmt: skip
