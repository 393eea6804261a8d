"""Class ids with a few fractional values under a sparse loss (masks resized bilinearly):
Keras truncates each to an integer and trains, so the job takes them (practice batch 29's
healthy `unet_masks_resized_bilinear` was refused); mostly fractional values (continuous
targets under a class loss) and ids out of range stay refused."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.engine.setup import check_target_fits
from autotrainer_keras.errors import InputError

LOSS = "sparse_categorical_crossentropy"
HEAD = (None, 8, 8, 4)
RNG = np.random.default_rng(0)


def masks(fractional_share: float) -> np.ndarray:
    ids = RNG.integers(0, 4, (50, 8, 8, 1)).astype("float32")
    edges = RNG.random(ids.shape) < fractional_share
    return np.where(edges, np.clip(ids - 0.5, 0, None) + 0.25, ids).astype("float32")


def test_keras_truncates_fractional_class_ids() -> None:
    probabilities = np.array([[0.1, 0.6, 0.2, 0.1]], "float32")
    loss = keras.losses.SparseCategoricalCrossentropy()
    assert float(loss(np.array([1.75]), probabilities)) == pytest.approx(
        float(loss(np.array([1]), probabilities))
    )


def test_a_few_fractional_ids_in_range_are_taken() -> None:
    y = masks(0.03)
    assert 0.01 < float(np.mean(y != np.trunc(y))) < 0.05
    check_target_fits("y_train", y, LOSS, HEAD)
    edge = y.copy()
    edge[0, 0, 0, 0] = 3.5  # truncates to 3, the last class
    check_target_fits("y_train", edge, LOSS, HEAD)


@pytest.mark.parametrize(
    "y",
    [
        RNG.random((50, 8, 8, 1)).astype("float32") * 3.0,  # continuous targets
        np.full((4, 8, 8, 1), 4.0, "float32"),  # past the last class
        np.full((4, 8, 8, 1), -1.0, "float32"),  # below the first
    ],
    ids=["continuous", "past-the-last", "negative"],
)
def test_continuous_or_out_of_range_ids_are_refused(y: np.ndarray) -> None:
    with pytest.raises(InputError, match=r"must hold integer classes in \[0, 3\]"):
        check_target_fits("y_train", y, LOSS, HEAD)
