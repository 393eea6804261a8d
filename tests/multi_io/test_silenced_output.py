"""An output whose loss is weighted 0 (practice batch 16's `loss_weights_main_zero`): named
before training, as `no_gradient`, by `Watch` and the job; a weight above 0 or an output
compiled without a loss is not."""

from __future__ import annotations

import warnings

import keras
import numpy as np
import pytest

from autotrainer_keras.detect.preflight.silenced_output import silenced_outputs
from autotrainer_keras.keras import Watch


def test_an_output_weighted_zero_is_named_and_others_are_not() -> None:
    losses = {"digit": "sparse_categorical_crossentropy", "ink": "mse"}
    found = silenced_outputs(losses, {"digit": 0.0, "ink": 1.0})
    assert found is not None and found.problem.value == "no_gradient" and found.layer == "digit"
    assert silenced_outputs(losses, None) is None
    assert silenced_outputs(losses, {"digit": 0.1, "ink": 1.0}) is None
    assert silenced_outputs({"digit": None, "ink": "mse"}, {"digit": 0.0}) is None  # no loss


@pytest.mark.medium
@pytest.mark.parametrize("weight", [0.0, 0.5])
def test_watch_names_an_output_the_loss_weights_silence(weight: float) -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((256, 6)).astype("float32")
    labels, amount = (x[:, 0] > 0).astype("int64"), x[:, 1:2] * 2.0
    inputs = keras.Input((6,))
    hidden = keras.layers.Dense(16, activation="relu")(inputs)
    model = keras.Model(inputs, {"label": keras.layers.Dense(2, activation="softmax",
                                                             name="label")(hidden),
                                 "amount": keras.layers.Dense(1, name="amount")(hidden)})
    model.compile("adam", loss={"label": "sparse_categorical_crossentropy", "amount": "mse"},
                  loss_weights={"label": weight, "amount": 1.0})  # fmt: skip
    targets = {"label": labels, "amount": amount}
    watch = Watch(probe_data=(x, targets), verbose=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the finding's own warning: read from watch.findings
        model.fit(x, targets, epochs=1, verbose=0, callbacks=[watch])
    named = [f for f in watch.findings if f.problem.value == "no_gradient"]
    assert bool(named) == (weight == 0.0)
