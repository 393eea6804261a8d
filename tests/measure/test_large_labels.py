"""The pre-flight data facts of large images and segmentation masks: read in bounded memory,
the same facts as an unbounded read (`measure.label_facts`, `measure.sample_rows`,
`measure.baselines`)."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure import label_facts as facts_module
from autotrainer_keras.measure.baselines import baseline_loss, class_indices
from autotrainer_keras.measure.history import Task
from autotrainer_keras.measure.label_facts import label_facts
from autotrainer_keras.measure.sample_rows import MIN_SAMPLE_ROWS, rows_within
from autotrainer_keras.measure.setup_facts import data_facts

HEAD = (None, 32, 32, 4)


def _masks(rows: int, seed: int = 0) -> np.ndarray:
    """Integer masks (rows, 32, 32, 1) of classes 0-3; class 3 only in the last row."""
    masks = np.random.default_rng(seed).integers(0, 3, (rows, 32, 32, 1)).astype(np.uint8)
    masks[-1, 0, 0, 0] = 3
    return masks


@pytest.mark.parametrize("onehot", [False, True])
def test_blockwise_reading_gives_the_facts_of_one_read(monkeypatch, onehot):
    masks = _masks(50)
    y = np.eye(4, dtype=np.float32)[masks[..., 0]] if onehot else masks
    whole = label_facts(y, HEAD)
    monkeypatch.setattr(facts_module, "CHUNK_ENTRIES", 1_000)  # a block: one row
    assert label_facts(y, HEAD)[:2] == whole[:2] == ("onehot" if onehot else "integer",
                                                     4 if onehot else 1024)  # fmt: skip
    assert label_facts(y, HEAD)[2].tolist() == whole[2].tolist() == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("y", "kind", "classes"),
    [
        (np.array([0, 1, 1, 0], np.uint8), "binary", [0, 1]),
        (np.array([True, False, True]), "binary", [0, 1]),
        (np.array([2.0, 7.0, 2.0]), "integer", [2, 7]),
        (np.array([-1, 1, 1], np.int32), "integer", [-1, 1]),
        (np.array([0.5, 1.5, 2.0]), "continuous", []),
        (np.array([[0, 1], [1, 0]], np.float32), "onehot", [0, 1]),
        (np.array([[1, 1], [1, 0]], np.float32), "multilabel", [0]),
        (np.arange(60), "continuous", []),  # more distinct integers than classes
        (np.array(["1", "0"], dtype=object), "binary", [0, 1]),  # read as numbers
    ],
)
def test_label_kinds_and_their_distinct_classes(y, kind, classes):
    found, _, distinct = label_facts(y)
    assert found == kind
    assert distinct.tolist() == classes


def test_rows_are_bounded_by_entries_for_images_only():
    table, images = np.zeros((5000, 30)), np.zeros((3000, 64, 64, 3), np.uint8)
    assert rows_within(table, 2000, 8_000_000) == 2000
    assert rows_within(images, 2000, 1_228_800) == 100  # 12288 values a row
    assert rows_within(images, 2000, 10) == MIN_SAMPLE_ROWS
    assert rows_within(images[:5], 2000, 10) == 5


def test_data_facts_of_images_and_masks_stay_within_a_bound():
    rng = np.random.default_rng(1)
    x = rng.random((600, 64, 64, 3), dtype=np.float32)  # 29 MB of images
    y = np.repeat(_masks(300), 2, axis=0)[:, :, :, :1]  # 0.6 MB of masks (uint8)
    data = Dataset(x, y, x[:100], y[:100])
    tracemalloc.start()
    facts = data_facts(data, 2000, HEAD[:1] + (32, 32, 4), sample_entries=1_000_000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # ~4 MB samples (1e6 float32 values) and their temporaries; the whole-array float64
    # copies made it 70 MB
    assert peak < 30e6, f"{peak / 1e6:.1f} MB held at once"
    assert (facts.label_kind, facts.n_classes) == ("integer", 4)
    assert facts.missing_in_val == (3,)  # class 3 is in the last training row only
    assert 0.49 < facts.max_scale < 0.67  # uniform [0, 1): rms 0.577, on 81 images


def test_constant_predictor_of_onehot_masks_equals_the_integer_masks_one():
    masks = _masks(40)
    onehot = np.eye(4, dtype=np.float32)[masks[..., 0]]
    sparse = baseline_loss(Task.MULTICLASS, "sparse_categorical_crossentropy", masks, masks[:9])
    dense = baseline_loss(Task.MULTICLASS, "categorical_crossentropy", onehot, onehot[:9])
    assert sparse == pytest.approx(dense, rel=1e-9)
    assert class_indices(masks).dtype == np.int64


@pytest.mark.parametrize(("head", "kind"), [
    ((None, 200), "integer"),  # ids 0..199 of a 200-way softmax (practice batch 42)
    ((None, 1), "continuous"),  # a count a one-unit head predicts
    ((None, 150), "continuous"),  # ids past the head's units: not its classes
    (None, "continuous"),  # the head unknown
])  # fmt: skip
def test_many_integer_ids_are_classes_of_a_head_that_wide(head, kind: str) -> None:
    y = np.arange(1000) % 200
    assert label_facts(y, head)[0] == kind
