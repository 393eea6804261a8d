"""Validation labels encoded apart from the training labels (class names sorted for the
validation set alone, practice batch 48): after training shows the problem on the
validation curves, the job reads its predictions against the labels, names the mismatch with
its map and tries no candidate (the data must change)."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.problems import SetupProblem

pytestmark = pytest.mark.medium
NAMES = ["ambient", "chirp", "drum", "engine", "flute", "bell"]  # sorted: 0 keeps its id


def _job(tmp_path: Path, seed: int, sorted_apart: bool) -> autotrainer_keras.FitResult:
    rng = np.random.default_rng(seed)
    centers = rng.normal(0.0, 4.0, size=(6, 8))
    y = np.repeat(np.arange(6), 150)
    x = (centers[y] + rng.normal(size=(len(y), 8))).astype("float32")
    order = rng.permutation(len(y))
    x, y = x[order], y[order]
    y_val = y[700:]
    if sorted_apart:  # the validation set's own class list, sorted: accuracy about 1 / 6
        ids = {name: i for i, name in enumerate(sorted(NAMES))}
        y_val = np.array([ids[NAMES[label]] for label in y_val])
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(6, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return autotrainer_keras.fit(model, x[:700], y[:700], validation_data=(x[700:], y_val),
                                 epochs=10, output_dir=tmp_path, tracking=False,
                                 verbose=False)  # fmt: skip


@pytest.mark.parametrize("seed", [0, 1])
def test_labels_sorted_apart_are_named_and_no_candidate_is_tried(tmp_path: Path, seed: int):
    result = _job(tmp_path, seed, sorted_apart=True)
    named = [f for f in result.findings if f.problem is SetupProblem.LABEL_MISMATCH]
    assert named, [f.problem for f in result.findings]
    assert named[0].evidence["rows_on_map"] >= 0.9 and "one-to-one map" in named[0].reason
    assert result.repairs == [] and result.status == "unrepaired"


def test_labels_encoded_alike_are_left_alone(tmp_path: Path) -> None:
    result = _job(tmp_path, 0, sorted_apart=False)
    assert result.status == "healthy" and result.findings == []
