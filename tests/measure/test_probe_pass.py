"""`ProbePass` (one forward pass for Watch's gradients and activations) against the two
probes it replaces, and the gradient rows' order (`probe_batch.gradient_first`)."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.medium


def _cnn(regularized: bool = False) -> object:
    import keras

    keras.utils.set_random_seed(0)
    extra = {"activity_regularizer": "l2"} if regularized else {}
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", **extra),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(16, activation="relu", kernel_regularizer="l2"),
        keras.layers.Dense(4, activation="softmax"),
    ])  # fmt: skip
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


@pytest.mark.parametrize("regularized", [False, True])
@pytest.mark.parametrize("gradient_rows", [40, 100])
def test_one_pass_measures_what_the_two_probes_measure(
    regularized: bool, gradient_rows: int
) -> None:
    """Gradients of the first rows as `ProbeGradients` on those rows; activation statistics
    of all rows as `ActivationProbe`, folded over the taped rows and the chunks of the rest
    (a chunk bound of 5,000 entries: several chunks)."""
    from autotrainer_keras.measure.activation_probe import ActivationProbe
    from autotrainer_keras.measure.probe_pass import ProbePass
    from autotrainer_keras.measure.probes import ProbeGradients

    model = _cnn(regularized)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(100, 12, 12, 1)).astype("float32")
    y = rng.integers(0, 4, 100)
    model.fit(x, y, epochs=1, verbose=0)
    (squares, zeros, counted, nonfinite), (hidden, output) = ProbePass(
        model, ActivationProbe(model, x, y, chunk_entries=5_000), y, gradient_rows
    ).measure()
    alone = ProbeGradients(model, x[:gradient_rows], y[:gradient_rows]).measure()
    np.testing.assert_allclose(squares, alone[0], rtol=1e-4)
    np.testing.assert_array_equal(zeros, alone[1])
    np.testing.assert_array_equal(counted, alone[2])
    assert nonfinite is alone[3] is False
    hidden_alone, output_alone = ActivationProbe(model, x, y).measure()
    assert [h.layer for h in hidden] == [h.layer for h in hidden_alone]
    for a, b in zip(hidden, hidden_alone, strict=True):
        np.testing.assert_allclose([a.rms, a.range], [b.rms, b.range], rtol=1e-5)
        assert a.stuck_fraction == b.stuck_fraction
    assert output.range == pytest.approx(output_alone.range, rel=1e-5)
    assert output.spread_ratio == pytest.approx(output_alone.spread_ratio, rel=1e-5)


def test_gradient_rows_come_first_stratified() -> None:
    from autotrainer_keras.measure.probe_batch import gradient_first

    y = np.repeat(np.arange(4), [40, 30, 20, 10])
    order = gradient_first(y, 10, classify=True, seed=0)
    assert sorted(order) == list(range(100))
    assert np.bincount(y[order[:10]], minlength=4).tolist() == [4, 3, 2, 1]
    assert list(gradient_first(y, 500, classify=True)) == list(range(100))


def test_masks_of_a_class_per_pixel_get_seeded_rows_within_range() -> None:
    """Practice batch 7's segmentation: integer masks (rows, 16, 16) gave 16 labels a row,
    and the stratified pick indexed past the last row."""
    from autotrainer_keras.measure.probe_batch import gradient_first, stratified_rows

    masks = np.random.default_rng(0).integers(0, 3, (960, 16, 16))
    rows = stratified_rows(masks, 256, classify=True, seed=0)
    assert len(rows) == len(set(rows.tolist())) == 256 and rows.max() < 960
    assert (rows == stratified_rows(masks, 256, classify=True, seed=0)).all()
    assert sorted(gradient_first(masks, 64, classify=True)) == list(range(960))


def test_activation_statistics_match_numpy_on_a_conv_output() -> None:
    """The per-unit folds (over rows, then positions) against numpy on the layer outputs."""
    import keras

    from autotrainer_keras.measure.activation_probe import ActivationProbe

    model = _cnn()
    x = np.random.default_rng(1).normal(size=(60, 12, 12, 1)).astype("float32")
    hidden, _ = ActivationProbe(model, x, np.zeros(60), chunk_entries=5_000).measure()
    for stats in hidden:
        layer = model.get_layer(stats.layer)
        out = np.asarray(keras.Model(model.inputs, layer.output)(x, training=False))
        units = out.reshape(-1, out.shape[-1])
        assert stats.rms == pytest.approx(float(np.sqrt(np.mean(units**2))), rel=1e-5)
        assert stats.range == pytest.approx(float(np.max(units.max(0) - units.min(0))), rel=1e-6)
