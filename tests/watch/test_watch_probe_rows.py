"""`Watch(probe_data=...)` takes what a healthy Keras training takes: a `padded_batch`
dataset whose batches differ in length (padded to the longest, as `padded_batch` pads), and
labels left NaN where they are missing under a loss that masks them (those rows are left out
of the probe). Practice batch 14 refused both on healthy scripts. The same labels under a
loss that does not mask them are named before training (`abnormal_data`)."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from autotrainer_keras.io.arrays import concatenate
from autotrainer_keras.keras import Watch
from autotrainer_keras.keras.watch_probe import finite_rows, probe_rows


def test_padded_batches_of_different_lengths_are_joined_padded_and_nan_rows_left_out() -> None:
    joined = concatenate([np.ones((2, 3)), np.ones((1, 5))], pad=True)
    assert joined.shape == (3, 5) and joined[:2, 3:].sum() == 0 and joined[2].sum() == 5
    with pytest.raises(ValueError):
        concatenate([np.ones((2, 3)), np.ones((1, 5))])  # the job's rows: refused
    y = np.array([[1.0, np.nan], [0.0, 1.0], [np.nan, np.nan], [1.0, 0.0]])
    x = np.arange(8.0).reshape(4, 2)
    kept_x, kept_y, kept_w = finite_rows(x, y, np.arange(4.0))
    assert kept_x.tolist() == [[2.0, 3.0], [6.0, 7.0]] and kept_w.tolist() == [1.0, 3.0]
    assert np.isfinite(kept_y).all()
    assert finite_rows(x, np.full((4, 2), np.nan), None)[1].shape == (4, 2)  # none finite
    with pytest.raises(ValueError, match="NaN"):
        probe_rows((x, np.full((4, 2), np.nan)))


@pytest.mark.medium
def test_ragged_sequences_and_masked_nan_labels_train_under_watch() -> None:
    rng = np.random.default_rng(0)
    lengths = rng.integers(3, 12, 256)
    sequences = [rng.integers(1, 20, n).tolist() for n in lengths]
    labels = np.array([float(s[0] > 10) for s in sequences], "float32")
    dataset = tf.data.Dataset.from_generator(
        lambda: ((np.array(s, "int64"), y) for s, y in zip(sequences, labels, strict=True)),
        output_signature=(tf.TensorSpec((None,), tf.int64), tf.TensorSpec((), tf.float32)),
    ).padded_batch(32)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((None,), dtype="int64"),
                              keras.layers.Embedding(20, 8, mask_zero=True),
                              keras.layers.GRU(8), keras.layers.Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy")
    watch = Watch(probe_data=dataset, verbose=0)
    model.fit(dataset, epochs=2, verbose=0, callbacks=[watch])
    assert watch.findings == []

    x = rng.standard_normal((600, 6)).astype("float32")
    y = (x[:, :2] > 0).astype("float32")
    y[rng.uniform(size=y.shape) < 0.3] = np.nan

    def masked_bce(y_true, y_pred):
        known = keras.ops.logical_not(keras.ops.isnan(y_true))
        safe = keras.ops.where(known, y_true, 0.0)
        losses = keras.losses.binary_crossentropy(safe[..., None], y_pred[..., None])
        return keras.ops.sum(keras.ops.where(known, losses, 0.0)) / keras.ops.maximum(
            keras.ops.sum(keras.ops.cast(known, "float32")), 1.0)

    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(2, activation="sigmoid")])  # fmt: skip
    model.compile("adam", masked_bce)
    watch = Watch(probe_data=(x, y), verbose=0)
    model.fit(x, y, epochs=3, batch_size=64, verbose=0, callbacks=[watch])
    assert watch.findings == []

    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(2, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy")  # the same NaN labels, nothing masks them
    plain = Watch(probe_data=(x, y), verbose=0)
    model.fit(x, y, epochs=1, batch_size=64, verbose=0, callbacks=[plain])
    first = plain.findings[0]
    assert (first.problem.value, first.step) == ("abnormal_data", 0)
    assert "targets" in first.reason and first.evidence["nonfinite_loss_rows"] >= 1


@pytest.mark.medium
def test_inputs_given_by_position_are_checked_by_name_before_training() -> None:
    """A model of two named inputs fed as a list, as Keras' fit takes it: its pre-flight
    checks used to skip such probe rows; now one input in the thousands is named on its own,
    and the same model with both inputs scaled stays quiet."""
    rng = np.random.default_rng(0)
    scaled, raw = rng.standard_normal((400, 3)), rng.standard_normal((400, 2)) * 3000.0
    y = (scaled[:, 0] + raw[:, 0] / 3000.0 > 0).astype("float32")

    def model() -> keras.Model:
        keras.utils.set_random_seed(0)
        a, b = keras.Input((3,), name="scaled"), keras.Input((2,), name="raw")
        joined = keras.layers.Concatenate()([a, b])
        hidden = keras.layers.Dense(8, activation="relu")(joined)
        built = keras.Model([a, b], keras.layers.Dense(1, activation="sigmoid")(hidden))
        built.compile("adam", "binary_crossentropy")
        return built

    watch = Watch(probe_data=([scaled, raw], y), verbose=0)
    model().fit([scaled, raw], y, epochs=1, verbose=0, callbacks=[watch])
    first = watch.findings[0]
    assert (first.problem.value, first.step) == ("unscaled_input", 0) and "raw" in first.reason
    quiet = Watch(probe_data=([scaled, raw / 3000.0], y), verbose=0)
    model().fit([scaled, raw / 3000.0], y, epochs=1, verbose=0, callbacks=[quiet])
    assert not [f for f in quiet.findings if f.step == 0]


@pytest.mark.medium
def test_nan_rows_of_inputs_given_by_position_are_named_before_training() -> None:
    """Rows with a NaN input among two inputs given as a list (named or not) under a loss that
    does not mask them: the loss on them is NaN at the initial weights (`abnormal_data`);
    these rows were left unread when the inputs came by position."""
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((400, 3)), rng.standard_normal((400, 2))
    a[::40, 1] = np.nan
    y = (b[:, 0] > 0).astype("float32")
    for names in (("left", "right"), (None, None)):
        keras.utils.set_random_seed(0)
        inputs = [keras.Input((3,), name=names[0]), keras.Input((2,), name=names[1])]
        hidden = keras.layers.Dense(8, activation="relu")(keras.layers.Concatenate()(inputs))
        model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
        model.compile("adam", "binary_crossentropy")
        watch = Watch(probe_data=([a, b], y), verbose=0)
        model.fit([a, b], y, epochs=1, batch_size=400, verbose=0, callbacks=[watch])
        first = watch.findings[0]
        assert (first.problem.value, first.step) == ("abnormal_data", 0), (names, first)
        assert "inputs" in first.reason
