"""A fit from trained weights, read where it starts (`measure.start_loss`: the mean row loss
on the probe rows before the first step; losing what was learned is a divergence, practice
batch 41, `detect/test_default_gradients.py`): fine-tuning on shifted rows, whose row
losses spread from near 0 to far above, is not (batch 67: a median of 0.076 read against
the first minibatch's 1.49 had named it)."""

from __future__ import annotations

import warnings

import keras
import numpy as np
import pytest
from sklearn.datasets import load_digits

from autotrainer_keras.keras import Watch
from autotrainer_keras.problems import Problem

pytestmark = pytest.mark.medium


def _digits() -> tuple[np.ndarray, np.ndarray]:
    x, y = load_digits(return_X_y=True)
    return (x / 16.0).astype("float32"), y.astype("int64")


def _trained(x: np.ndarray, y: np.ndarray) -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    model.fit(x, y, epochs=15, batch_size=32, verbose=0)
    return model


def _watched(model: keras.Model, x: np.ndarray, y: np.ndarray, rate: float) -> Watch:
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    watch = Watch(probe_data=(x, y), verbose=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x, y, epochs=6, batch_size=16, validation_split=0.2, verbose=0,
                  callbacks=[watch])  # fmt: skip
    return watch


def test_fine_tuning_on_shifted_rows_is_no_divergence_from_a_trained_start() -> None:
    """The start is read as the mean row loss, as the step losses are: a trained start on
    the rows it was trained on, a far higher one where a fifth of the rows come from another
    domain (most rows still near 0: their median reads trained), and fine-tuning there at
    Adam's usual rate is no divergence."""
    x, y = _digits()
    same = _watched(_trained(x, y), x[:300], y[:300], rate=1e-3)
    assert same.history is not None and same.history.initial_loss is not None
    assert same.history.initial_loss < 0.2  # trained: far below ln 10
    rows = x[:300].reshape(-1, 8, 8).copy()
    rows[:60] = np.rot90(rows[:60], k=1, axes=(1, 2))  # a fifth of the rows from elsewhere
    order = np.random.default_rng(0).permutation(300)
    shifted = rows.reshape(-1, 64)[order]
    tuned = _watched(_trained(x, y), shifted, y[:300][order], rate=1e-3)
    assert tuned.history is not None and tuned.history.initial_loss is not None
    assert tuned.history.initial_loss > 3 * same.history.initial_loss
    assert Problem.EXPLODING_GRADIENT not in [f.problem for f in tuned.findings]
    assert Problem.EXPLODING_GRADIENT not in [f.problem for f in same.findings]
