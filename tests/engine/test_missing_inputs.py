"""Inputs with NaN that the model imputes itself are trained, not refused; NaN that reach the
outputs are refused with one line (practice batch 77: five healthy house-price jobs with an
imputation layer of their own were refused as 'x_train contains 2471 NaN/Inf values')."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.engine.missing_inputs import check_missing_inputs
from autotrainer_keras.errors import InputError


class FillMissing(keras.layers.Layer):
    """NaN -> 0, then a was-missing column per feature (a user's own imputer)."""

    def call(self, x: Any) -> Any:
        missing = keras.ops.isnan(x)
        filled = keras.ops.where(missing, keras.ops.zeros_like(x), x)
        return keras.ops.concatenate([filled, keras.ops.cast(missing, x.dtype)], axis=-1)


def _data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((400, 4)).astype("float32")
    y = (x[:, 0] + x[:, 1] > 0).astype("int64")
    x[rng.random(x.shape) < 0.2] = np.nan  # a fifth of the values missing
    return x, y


def _model(impute: bool) -> keras.Model:
    inputs = keras.Input((4,))
    h = FillMissing()(inputs) if impute else inputs
    h = keras.layers.Dense(16, activation="relu")(h)
    return keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(h))


def test_nan_the_model_maps_away_pass_and_nan_that_reach_the_outputs_are_named() -> None:
    x, _ = _data()
    check_missing_inputs(_model(impute=True), x)  # finite outputs: quiet
    check_missing_inputs(_model(impute=False), np.nan_to_num(x))  # no NaN: quiet
    with pytest.raises(InputError, match=r"^data: 'x' contains \d+ NaN values that reach the "
                                         r"model's weights"):  # fmt: skip
        check_missing_inputs(_model(impute=False), x)
    named = {"a": x, "b": np.zeros((400, 2), "float32")}
    with pytest.raises(InputError, match=r"x\['a'\] contains"):
        check_missing_inputs(_two_inputs(), named, "validation data")


class ZeroNaN(keras.layers.Layer):
    """NaN -> 0 after the weights that read them: what a ReLU does on CPUs whose vector
    `max(NaN, 0)` gives 0, deterministic here."""

    def call(self, h: Any) -> Any:
        return keras.ops.where(keras.ops.isnan(h), keras.ops.zeros_like(h), h)


def test_nan_masked_after_the_weights_read_them_are_still_refused() -> None:
    """Finite outputs are not enough: the kernel that multiplied the NaN gets NaN gradients,
    and training would turn it to NaN at the first step."""
    x, _ = _data()
    inputs = keras.Input((4,))
    h = ZeroNaN()(keras.layers.Dense(16)(inputs))
    model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(h))
    assert np.isfinite(np.asarray(model(x[:64]))).all()
    with pytest.raises(InputError, match="NaN values that reach the model's weights"):
        check_missing_inputs(model, x)


def _two_inputs() -> keras.Model:
    a, b = keras.Input((4,), name="a"), keras.Input((2,), name="b")
    h = keras.layers.Concatenate()([a, b])
    return keras.Model({"a": a, "b": b}, keras.layers.Dense(1)(h))


@pytest.mark.medium
def test_a_job_trains_a_model_that_imputes_its_inputs_and_refuses_one_that_does_not(
    tmp_path,
) -> None:
    x, y = _data()
    model = _model(impute=True)
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    result = autotrainer_keras.fit(model, x[:300], y[:300], validation_data=(x[300:], y[300:]),
                                   epochs=4, output_dir=tmp_path / "imputed", tracking=False,
                                   repair=False)  # fmt: skip
    history = result.report["curves"]["original"]["epochs"]  # trained, not refused (a
    assert history and all(np.isfinite(e["loss"]) for e in history)  # finding may stop it)
    plain = _model(impute=False)
    plain.compile("adam", "sparse_categorical_crossentropy")
    with pytest.raises(InputError, match="'x' contains .* NaN values"):
        autotrainer_keras.fit(plain, x[:300], y[:300], validation_data=(x[300:], y[300:]),
                              epochs=4, output_dir=tmp_path / "plain", tracking=False)  # fmt: skip
    valid = np.nan_to_num(x)
    with pytest.raises(InputError, match="^validation data: 'x' contains"):
        autotrainer_keras.fit(plain, valid[:300], y[:300], validation_data=(x[300:], y[300:]),
                              epochs=4, output_dir=tmp_path / "val", tracking=False)  # fmt: skip


@pytest.mark.medium
def test_watch_takes_probe_rows_all_with_gaps_only_from_a_model_that_imputes_them() -> None:
    """Every row with a gap (an ICU series, practice batch 77): `Watch` refused the probe
    before; now the model's own outputs decide, at the fit's start."""
    import autotrainer_keras.keras

    x, y = _data()
    x[:, 3] = np.nan  # every row has a gap
    model = _model(impute=True)
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(x, y, epochs=2, verbose=0,
              callbacks=[autotrainer_keras.keras.Watch(probe_data=(x, y))])  # fmt: skip
    plain = _model(impute=False)
    plain.compile("adam", "sparse_categorical_crossentropy")
    watch = autotrainer_keras.keras.Watch(probe_data=(x, y))
    with pytest.raises(ValueError, match=r"^Watch probe_data: 'x' contains \d+ NaN values"):
        plain.fit(x, y, epochs=2, verbose=0, callbacks=[watch])
