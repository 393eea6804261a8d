"""`Watch` with sample weights in its probe data: the "learned nothing" baseline is the
weighted constant predictor's loss, as Keras weighs the loss (medium: one short fit)."""

from __future__ import annotations

import math

import numpy as np
import pytest

pytestmark = pytest.mark.medium


@pytest.mark.parametrize("form", ["arrays", "tf.data"])
def test_class_balancing_weights_make_the_baseline_the_balanced_priors_loss(form: str) -> None:
    import keras
    import tensorflow as tf

    import autotrainer_keras.keras

    rng = np.random.default_rng(0)
    x = rng.normal(size=(1000, 4)).astype("float32")
    y = (np.arange(1000) < 70).astype("float32")  # 7 % positives
    w = np.where(y == 1, 1000 / (2 * 70), 1000 / (2 * 930)).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy")
    probe = (x, y, w)
    if form == "tf.data":
        probe = tf.data.Dataset.from_tensor_slices((x, y, w)).batch(100)
    watch = autotrainer_keras.keras.Watch(probe_data=probe, verbose=0)
    model.fit(x, y, sample_weight=w, epochs=1, callbacks=[watch], verbose=0)
    assert watch.history is not None and watch.history.baseline_loss is not None
    # the stratified probe keeps the 93/7 split: ln 2 within a few per cent (unweighted: 0.25)
    assert watch.history.baseline_loss == pytest.approx(math.log(2), rel=0.1)
