"""`dropout_down`: dropout rates above 0.5 lowered (slow convergence); config in, config out,
the rebuilt Keras model, and a real training that learns faster for it."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.operators.dropout_down import INPUT_RATE, NOISE_MAX, REPAIRED_RATE
from autotrainer_keras.repair.spec import TrainingSpec

OP = get_operator("dropout_down")


def _spec(model: keras.Model) -> TrainingSpec:
    model.compile(keras.optimizers.Adam(1e-3))
    return keras_spec.spec_from_model(model, TrainingConfig(), seed=0, metrics=["accuracy"],
                                      loss="sparse_categorical_crossentropy")  # fmt: skip


def _mlp(rate: float, tail: float = 0.0) -> keras.Model:
    keras.utils.set_random_seed(0)
    return keras.Sequential([
        keras.Input((8,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dropout(rate),
        keras.layers.Dense(32, activation="relu"), keras.layers.Dropout(tail),
        keras.layers.Dense(3, activation="softmax"),
    ])  # fmt: skip


def _rates(model: keras.Model) -> list[float]:
    return [layer.rate for layer in model.layers if isinstance(layer, keras.layers.Dropout)]


def test_rates_above_half_are_lowered_and_others_kept() -> None:
    spec, params = OP.apply(_spec(_mlp(0.9, tail=0.3)), 0, np.random.default_rng(0))
    assert _rates(keras_spec.build_model(spec)) == [REPAIRED_RATE, 0.3]
    assert params["from"] == [0.9]
    assert "0.9 -> 0.25" in OP.describe(params)


def test_recurrent_dropout_is_lowered_too() -> None:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((5, 4)),
                              keras.layers.LSTM(8, dropout=0.8, recurrent_dropout=0.7),
                              keras.layers.Dense(3, activation="softmax")])  # fmt: skip
    spec, params = OP.apply(_spec(model), 0, np.random.default_rng(0))
    lstm = keras_spec.build_model(spec).layers[0]
    assert (lstm.dropout, lstm.recurrent_dropout) == (REPAIRED_RATE, REPAIRED_RATE)
    assert params["from"] == [0.7, 0.8]


def test_the_attention_weights_dropout_is_lowered_too() -> None:
    keras.utils.set_random_seed(0)
    inputs = keras.Input((5, 4))
    attended = keras.layers.MultiHeadAttention(2, 4, dropout=0.9)(inputs, inputs)
    outputs = keras.layers.Dense(3, activation="softmax")(
        keras.layers.GlobalAveragePooling1D()(attended))
    spec, params = OP.apply(_spec(keras.Model(inputs, outputs)), 0, np.random.default_rng(0))
    attention = next(layer for layer in keras_spec.build_model(spec).layers
                     if isinstance(layer, keras.layers.MultiHeadAttention))  # fmt: skip
    assert attention.dropout == REPAIRED_RATE and params["from"] == [0.9]


def test_dropout_inside_a_nested_encoder_is_lowered_too() -> None:
    """Practice batch 66: an instance encoder (a Sequential with Dropout 0.8) applied to each
    instance of a bag through TimeDistributed, 0.625 against 0.985."""
    keras.utils.set_random_seed(0)
    encoder = keras.Sequential([keras.layers.Dense(16, activation="relu"),
                                keras.layers.Dropout(0.8)], name="encoder")  # fmt: skip
    inputs = keras.Input((6, 4))
    pooled = keras.layers.GlobalMaxPooling1D()(keras.layers.TimeDistributed(encoder)(inputs))
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(pooled))
    spec, params = OP.apply(_spec(model), 0, np.random.default_rng(0))
    rebuilt = keras_spec.build_model(spec)
    wrapper = next(layer for layer in rebuilt.layers
                   if isinstance(layer, keras.layers.TimeDistributed))  # fmt: skip
    assert _rates(wrapper.layer) == [REPAIRED_RATE]
    assert params["from"] == [0.8] and params["layers"] == [encoder.layers[1].name]


def test_it_does_not_apply_without_a_rate_above_half() -> None:
    with pytest.raises(ModelSpecError, match="no hidden dropout rate above 0.5, nor one"):
        OP.apply(_spec(_mlp(0.5, tail=0.2)), 0, np.random.default_rng(0))


@pytest.mark.parametrize("functional", [False, True])
def test_dropout_on_the_inputs_is_lowered_from_half_to_the_usual_input_rate(
    functional: bool,
) -> None:
    keras.utils.set_random_seed(0)
    if functional:
        inputs = keras.Input((8,))
        hidden = keras.layers.Dense(32, activation="relu")(keras.layers.Dropout(0.5)(inputs))
        model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(
            keras.layers.Dropout(0.5)(hidden)))  # fmt: skip
    else:
        model = keras.Sequential([keras.Input((8,)), keras.layers.Dropout(0.5),
                                  keras.layers.Dense(32, activation="relu"),
                                  keras.layers.Dropout(0.5),
                                  keras.layers.Dense(3, activation="softmax")])  # fmt: skip
    spec, params = OP.apply(_spec(model), 0, np.random.default_rng(0))
    assert _rates(keras_spec.build_model(spec)) == [INPUT_RATE, 0.5]  # a hidden 0.5 kept
    assert "0.5 -> 0.2" in OP.describe(params)


@pytest.mark.parametrize("functional", [False, True])
def test_strong_noise_on_the_inputs_is_lowered_to_a_tenth_and_mild_noise_kept(
    functional: bool,
) -> None:
    keras.utils.set_random_seed(0)
    layers = [keras.layers.GaussianNoise(1.0), keras.layers.Dense(16, activation="relu"),
              keras.layers.GaussianNoise(1.0), keras.layers.Dense(3, activation="softmax")]
    if functional:
        inputs = keras.Input((8,))
        h = inputs
        for layer in layers:
            h = layer(h)
        model = keras.Model(inputs, h)
    else:
        model = keras.Sequential([keras.Input((8,)), *layers])
    spec, params = OP.apply(_spec(model), 0, np.random.default_rng(0))
    built = keras_spec.build_model(spec)
    noises = [layer.stddev for layer in built.layers
              if isinstance(layer, keras.layers.GaussianNoise)]  # fmt: skip
    assert noises == pytest.approx([0.1, 1.0])  # a hidden layer's noise is not on the inputs
    assert params["noise_from"] == [1.0] and "input noise stddev 1 -> 0.1" in OP.describe(params)
    mild = keras.Sequential([keras.Input((8,)), keras.layers.GaussianNoise(NOISE_MAX / 2),
                             keras.layers.Dense(3, activation="softmax")])  # fmt: skip
    with pytest.raises(ModelSpecError, match="nor input noise"):
        OP.apply(_spec(mild), 0, np.random.default_rng(0))


@pytest.mark.medium
def test_the_lowered_rate_trains_faster_from_the_same_weights() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 8)).astype("float32")
    y = (x[:, :3].argmax(axis=1)).astype("int32")
    original = _spec(_mlp(0.95))
    repaired, _ = OP.apply(original, 0, np.random.default_rng(0))
    losses = []
    for spec in (original, repaired):
        model = keras_spec.build_model(spec)
        model.set_weights(_mlp(0.95).get_weights())  # the same start: nothing changed shape
        keras_spec.compile_model(model, spec)
        keras.utils.set_random_seed(0)
        model.fit(x[:400], y[:400], epochs=10, batch_size=32, verbose=0)
        losses.append(model.evaluate(x[400:], y[400:], verbose=0)[0])
    assert losses[1] < 0.8 * losses[0]  # ~0.5 x on three seeds
