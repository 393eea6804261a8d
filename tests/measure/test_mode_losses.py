"""`ModeLossProbe` against the obviously right version: the compiled loss of `model(x,
training=...)` evaluated eagerly, and the moving statistics left as they were."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.measure.mode_losses import ModeLossProbe, has_batch_norm

pytestmark = pytest.mark.medium


def _model(momentum: float) -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((6,)), keras.layers.Dense(16, use_bias=False),
        keras.layers.BatchNormalization(momentum=momentum), keras.layers.ReLU(),
        keras.layers.Dense(3, activation="softmax"),
    ])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy")
    return model


def _rows() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = (rng.normal(size=(64, 6)) * 5 + 3).astype("float32")  # far from the initial statistics
    return x, rng.integers(0, 3, 64)


def _loss(model: keras.Model, x: np.ndarray, y: np.ndarray, training: bool) -> float:
    pred = model(x, training=training)
    return float(keras.losses.sparse_categorical_crossentropy(y, pred).numpy().mean())


def test_both_losses_match_an_eager_forward_pass_and_the_statistics_stay() -> None:
    model, (x, y) = _model(0.9999), _rows()
    before = [np.array(v) for v in model.non_trainable_variables]
    modes = ModeLossProbe(model, x, y).measure()
    after = [np.array(v) for v in model.non_trainable_variables]
    assert all(np.array_equal(a, b) for a, b in zip(before, after, strict=True))
    expected_inference = _loss(model, x, y, training=False)
    assert modes.inference == pytest.approx(expected_inference, rel=1e-5)
    bn = model.layers[1]
    saved = [np.array(v) for v in bn.non_trainable_variables]
    expected_training = _loss(model, x, y, training=True)  # moves the statistics: put back
    for variable, value in zip(bn.non_trainable_variables, saved, strict=True):
        variable.assign(value)
    assert modes.training == pytest.approx(expected_training, rel=1e-5)
    assert modes.training != pytest.approx(modes.inference, rel=1e-2)  # statistics far off


def test_the_inference_loss_from_given_predictions_is_the_same() -> None:
    """The activation probe's inference-mode outputs reused: no second inference pass. Within
    2 %: in a graph Keras computes a softmax's cross-entropy from the logits it cached on the
    output, from the probabilities (clipped at 1e-7) it differs where outputs saturate (0.6 %
    here, on inputs far from the initial moving statistics)."""
    model, (x, y) = _model(0.99), _rows()
    probe = ModeLossProbe(model, x, y)
    both = probe.measure()
    reused = probe.measure(np.asarray(model(x, training=False)))
    assert reused.inference == pytest.approx(both.inference, rel=0.02)
    assert reused.training == pytest.approx(both.training, rel=1e-5)
    half = ModeLossProbe(model, x, y, rows=32).measure()  # every second row
    assert half.inference == pytest.approx(_loss(model, x[::2], y[::2], False), rel=1e-5)


def test_an_activity_regulariser_is_left_out_of_both_losses() -> None:
    """Practice batch 6's L1(10) activity penalty on a code layer, under a `bn` candidate: the
    loss from given predictions read the penalty of the last forward pass, a tensor of another
    traced graph (TypeError). Both modes now give the compiled loss alone, as `evaluate`
    without regularisers would."""
    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).standard_normal((64, 8)).astype("float32")
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(6, activation="relu", activity_regularizer=keras.regularizers.L1(10.0)),
        keras.layers.BatchNormalization(), keras.layers.Dense(8),
    ])  # fmt: skip
    model.compile("adam", "mse")
    model.fit(x, x, epochs=1, verbose=0)  # leaves the penalty of a traced step behind
    probe = ModeLossProbe(model, x, x)
    predictions = np.asarray(model.predict(x, verbose=0))
    reused, both = probe.measure(predictions), probe.measure()
    expected = float(np.mean((predictions - x) ** 2))
    assert reused.inference == pytest.approx(expected, rel=1e-4)
    assert both.inference == pytest.approx(expected, rel=1e-4)
    assert reused.training == pytest.approx(both.training, rel=1e-5)


def test_several_inputs_by_position() -> None:
    """`Watch` passes several inputs given by position as a list: rows are taken per array."""
    keras.utils.set_random_seed(0)
    a, b = keras.Input((6,)), keras.Input((2,))
    h = keras.layers.BatchNormalization()(keras.layers.Dense(8)(a))
    out = keras.layers.Dense(3, activation="softmax")(keras.layers.Concatenate()([h, b]))
    model = keras.Model([a, b], out)
    model.compile("adam", "sparse_categorical_crossentropy")
    x, y = _rows()
    xb = np.zeros((64, 2), "float32")
    modes = ModeLossProbe(model, [x, xb], y, rows=32).measure()
    pred = model([x[::2], xb[::2]], training=False)
    expected = float(keras.losses.sparse_categorical_crossentropy(y[::2], pred).numpy().mean())
    assert modes.inference == pytest.approx(expected, rel=1e-5)


def test_has_batch_norm_sees_nested_models() -> None:
    inner = _model(0.99)
    inputs = keras.Input((6,))
    outer = keras.Model(inputs, inner(inputs))
    assert has_batch_norm(outer) and has_batch_norm(inner)
    plain = keras.Sequential([keras.Input((6,)), keras.layers.Dense(3)])
    assert not has_batch_norm(plain)
