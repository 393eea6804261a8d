"""The job on models whose set-up a declared shape or a loss of the user's own would
misread (practice batch 18): a bag-of-words `TextVectorization` declares (None, 1,
vocabulary) and computes (None, vocabulary), so the targets are checked against the shape
the model computes; a triplet loss of the user's own trains on dummy targets of zeros, which
are no single-class labels."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest
import tensorflow as tf

import autotrainer_keras

pytestmark = pytest.mark.medium


def test_a_tf_idf_text_model_is_trained_not_refused(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    words = ["alpha", "beta", "gamma", "delta", "sun", "moon", "star", "rain"]
    y = rng.integers(0, 2, 400)
    x = tf.constant(np.array([" ".join(rng.choice(words[4 * c: 4 * c + 4], 5))
                              for c in y])[:, None])  # fmt: skip
    keras.utils.set_random_seed(0)
    vectorize = keras.layers.TextVectorization(max_tokens=20, output_mode="tf_idf")
    vectorize.adapt(x)
    model = keras.Sequential([keras.Input((1,), dtype="string"), vectorize,
                              keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    result = autotrainer_keras.fit(model, x, y, validation_split=0.25, epochs=3, batch_size=32,
                                   output_dir=tmp_path / "out", tracking=False, verbose=False,
                                   repair=False)  # fmt: skip
    assert result.report["original"]["epochs_run"] == 3


def _triplet_loss(y_true: tf.Tensor, y_pred: tf.Tensor) -> tf.Tensor:
    anchor, positive, negative = y_pred[:, :4], y_pred[:, 4:8], y_pred[:, 8:]
    near = keras.ops.sum(keras.ops.square(anchor - positive), axis=-1)
    far = keras.ops.sum(keras.ops.square(anchor - negative), axis=-1)
    return keras.ops.maximum(near - far + 0.2, 0.0)


def test_dummy_targets_of_a_loss_of_the_users_own_are_no_single_class(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((3, 6)) * 2
    classes = rng.integers(0, 3, (600, 2))
    anchor = centres[classes[:, 0]] + 0.3 * rng.standard_normal((600, 6))
    positive = centres[classes[:, 0]] + 0.3 * rng.standard_normal((600, 6))
    negative = centres[(classes[:, 0] + 1) % 3] + 0.3 * rng.standard_normal((600, 6))
    keras.utils.set_random_seed(0)
    encoder = keras.Sequential([keras.Input((6,)), keras.layers.Dense(16, activation="relu"),
                                keras.layers.Dense(4)])  # fmt: skip
    inputs = [keras.Input((6,), name=name) for name in ("anchor", "positive", "negative")]
    model = keras.Model(inputs, keras.layers.Concatenate()([encoder(i) for i in inputs]))
    model.compile("adam", _triplet_loss)
    x = [a.astype("float32") for a in (anchor, positive, negative)]
    dummy = np.zeros(600, "float32")
    result = autotrainer_keras.fit(model, x, dummy, validation_split=0.25, epochs=3,
                                   batch_size=32, output_dir=tmp_path / "out", tracking=False,
                                   verbose=False, repair=False)  # fmt: skip
    problems = [d["problem"] for d in result.report["detections"]]
    assert "label_mismatch" not in problems


def _unnamed_two_input_model(ids: np.ndarray) -> keras.Model:
    """Two unnamed inputs (tensors `keras_tensor_N`, layers `input_layer_N`): numbers through
    a Lambda, an id through an adapted IntegerLookup and an Embedding."""
    numbers, id_input = keras.Input((3,)), keras.Input((1,), dtype="int64")
    lookup = keras.layers.IntegerLookup()
    lookup.adapt(ids)
    embedded = keras.layers.Flatten()(keras.layers.Embedding(lookup.vocabulary_size(), 4)(
        lookup(id_input)))  # fmt: skip
    halved = keras.layers.Lambda(lambda t: t * 0.5)(numbers)
    hidden = keras.layers.Dense(8, activation="relu")(
        keras.layers.Concatenate()([halved, embedded]))  # fmt: skip
    return keras.Model([numbers, id_input], keras.layers.Dense(1, activation="sigmoid")(hidden))


def test_unnamed_inputs_given_by_position_train_on_a_copy_named_by_their_layers(
    tmp_path: Path,
) -> None:
    """Keras 3 takes a model's unnamed inputs only as a list, and the job keeps several
    inputs by name: it trains a copy rebuilt from the config (the Lambda's code, the lookup's
    vocabulary, the weights and the compile settings kept), whose inputs are named by their
    layers. The user's model object is left as it was."""
    rng = np.random.default_rng(0)
    numbers = rng.standard_normal((600, 3)).astype("float32")
    ids = rng.integers(100, 120, (600, 1))
    y = ((numbers[:, 0] > 0) ^ (ids[:, 0] % 4 == 0)).astype("float32")
    keras.utils.set_random_seed(0)
    model = _unnamed_two_input_model(ids)
    model.compile(keras.optimizers.Adam(0.01), "binary_crossentropy", metrics=["accuracy"])
    names, weights = [t.name for t in model.inputs], model.get_weights()
    result = autotrainer_keras.fit(model, [numbers, ids], y, validation_split=0.25, epochs=12,
                                   batch_size=32, output_dir=tmp_path / "out", tracking=False,
                                   verbose=False, repair=False)  # fmt: skip
    original = result.report["original"]
    assert original["epochs_run"] == 12
    majority = max(y[450:].mean(), 1 - y[450:].mean())
    assert original["val_accuracy"] > majority + 0.1, original  # both inputs reach the model
    assert [t.name for t in model.inputs] == names and int(model.optimizer.iterations) == 0
    for before, after in zip(weights, model.get_weights(), strict=True):
        np.testing.assert_array_equal(before, after)


class _Scale(keras.layers.Layer):
    """A layer of the user's own whose config leaves out its argument: not rebuildable (the
    job finds the live class, but Keras cannot call it without `factor`)."""

    def __init__(self, factor: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self) -> dict:
        config = super().get_config()
        config.pop("factor", None)  # Keras 3 records it by itself; a hand-written config drops it
        return config


def test_unnamed_inputs_of_a_model_that_cannot_be_rebuilt_get_a_one_line_refusal(
    tmp_path: Path,
) -> None:
    from autotrainer_keras.errors import InputError

    inputs = [keras.Input((3,)) for _ in range(2)]
    joined = keras.layers.Concatenate()([_Scale(2.0)(inputs[0]), inputs[1]])
    model = keras.Model(inputs, keras.layers.Dense(1)(joined))
    model.compile("adam", "mse")
    x = [np.ones((40, 3), "float32")] * 2
    with pytest.raises(InputError, match="inputs are unnamed.*rebuilding.*name=") as raised:
        autotrainer_keras.fit(model, x, np.ones(40, "float32"), validation_split=0.25,
                              epochs=1, output_dir=tmp_path / "out", tracking=False,
                              verbose=False)  # fmt: skip
    assert "\n" not in str(raised.value)
