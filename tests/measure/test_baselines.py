"""The constant predictor's accuracy on labels of any integer codes; its loss and the loss's
floor on soft targets (label smoothing, mixup)."""

from __future__ import annotations

import numpy as np
import pytest

from autotrainer_keras.measure.baselines import (
    baseline_loss,
    chance_accuracy,
    class_count,
    loss_floor,
    output_chance,
    smoothed_labels,
    sparse_ids,
)
from autotrainer_keras.measure.history import Task


def test_chance_accuracy_reads_negative_codes() -> None:
    """A -1 padding code (or targets no binary loss can train on) counts as a class."""
    y = np.array([-1, -1, -1, 0, 1])
    assert chance_accuracy(y, np.array([-1, 0])) == 0.5
    assert chance_accuracy(np.array([2, 2, 0]), np.array([2, 1])) == 0.5


# --- soft targets: the loss's floor ---------------------------------------------------------


def _one_hot(rows: int, classes: int, seed: int = 0) -> np.ndarray:
    return np.eye(classes)[np.random.default_rng(seed).integers(0, classes, rows)]


def test_smoothed_targets_score_as_keras_scores_them() -> None:
    """The constant predictor's loss on smoothed targets is Keras' loss of the prior under
    label_smoothing, and no prediction gets below the targets' entropy (the floor)."""
    import keras

    y = _one_hot(400, 10)
    targets = smoothed_labels("categorical_crossentropy", y, 0.9)
    assert targets.sum(axis=1) == pytest.approx(np.ones(400))
    prior = np.tile(targets.mean(axis=0), (400, 1)).astype("float32")  # the best constant
    keras_loss = keras.losses.CategoricalCrossentropy(label_smoothing=0.9)
    baseline = baseline_loss(Task.MULTICLASS, "categorical_crossentropy", targets, targets)
    assert baseline == pytest.approx(float(keras_loss(y.astype("float32"), prior)), rel=1e-4)
    floor = loss_floor("categorical_crossentropy", targets)
    assert floor == pytest.approx(-(0.19 * np.log(0.19) + 9 * 0.09 * np.log(0.09)), rel=1e-6)
    perfect = float(keras_loss(y.astype("float32"), targets.astype("float32")))
    assert perfect == pytest.approx(floor, rel=1e-4) and floor < baseline


def test_hard_labels_and_other_losses_have_no_floor() -> None:
    y = _one_hot(50, 3)
    assert loss_floor("categorical_crossentropy", y) == 0.0
    assert loss_floor("binary_crossentropy", np.array([[0.0], [1.0]])) == 0.0
    assert loss_floor("mse", smoothed_labels("mse", y, 0.2)) == 0.0
    assert smoothed_labels("sparse_categorical_crossentropy", np.array([1, 2]), 0.3).tolist() \
        == [1, 2]  # fmt: skip
    binary = smoothed_labels("binary_crossentropy", np.array([[0.0], [1.0]]), 0.2)
    assert binary.ravel().tolist() == pytest.approx([0.1, 0.9])
    assert loss_floor("binary_crossentropy", binary) == pytest.approx(
        -(0.1 * np.log(0.1) + 0.9 * np.log(0.9)))


def test_mixed_up_targets_have_their_entropy_as_floor() -> None:
    """Mixup's soft rows, given by the user: no smoothing, a floor all the same."""
    y = 0.7 * _one_hot(100, 4, 1) + 0.3 * _one_hot(100, 4, 2)
    assert 0 < loss_floor("categorical_crossentropy", y) <= -(0.7 * np.log(0.7)
                                                              + 0.3 * np.log(0.3)) + 1e-9


def test_mask_sets_are_read_by_blocks_and_hard_masks_have_no_floor() -> None:
    """Per-pixel one-hot masks (rows x pixels x classes, float32 as Keras takes them): hard
    ones read 0; smoothed ones their per-pixel entropy, whatever the block size."""
    rng = np.random.default_rng(0)
    masks = np.eye(4, dtype="float32")[rng.integers(0, 4, (300, 32, 32))]
    assert loss_floor("categorical_crossentropy", masks) == 0.0
    assert loss_floor("categorical_crossentropy", masks.astype("int8")) == 0.0
    smoothed = smoothed_labels("categorical_crossentropy", masks, 0.2)
    assert smoothed.dtype == np.float32
    entropy = -(0.85 * np.log(0.85) + 3 * 0.05 * np.log(0.05))
    assert loss_floor("categorical_crossentropy", smoothed) == pytest.approx(entropy, rel=1e-5)


def test_class_ids_per_pixel_under_a_sparse_loss_are_read_as_classes_not_one_hot_rows() -> None:
    """Practice batch 74's U-Net: masks (rows, 32, 32) of 4 class ids under sparse
    cross-entropy were read as one-hot rows of 32 "classes" (baseline 153.7, chance 0.30):
    every rule measured progress against it. Read by the loss, they are ids per pixel:
    the baseline is the pixel prior's entropy, chance the majority pixel share."""
    rng = np.random.default_rng(0)
    masks = rng.choice(4, size=(50, 32, 32), p=[0.4, 0.3, 0.2, 0.1])
    prior = np.bincount(masks.reshape(-1), minlength=4) / masks.size
    entropy = float(-(prior * np.log(prior)).sum())
    sparse = "sparse_categorical_crossentropy"
    assert baseline_loss(Task.MULTICLASS, sparse, masks, masks) == pytest.approx(entropy, rel=1e-6)
    assert chance_accuracy(masks, masks, sparse=True) == pytest.approx(prior.max())
    assert class_count(Task.MULTICLASS, masks, width=4, sparse=True) == 4
    tags = rng.integers(0, 2, (40, 12))  # a tagger's 0/1 ids per step: not multi-hot rows
    assert class_count(Task.MULTICLASS, tags, width=2, sparse=True) == 2
    assert class_count(Task.MULTICLASS, tags, width=2) is None  # read as multi-hot rows


def test_one_hot_rows_given_to_a_sparse_loss_keep_their_one_hot_reading() -> None:
    """A set-up fault (practice `onehot_sparse_loss`): one-hot rows under sparse
    cross-entropy are not read as ids 0 and 1 per column."""
    onehot = np.eye(3)[np.arange(30) % 3]
    assert not sparse_ids("sparse_categorical_crossentropy", onehot)
    assert sparse_ids("sparse_categorical_crossentropy", np.arange(30) % 3)
    assert sparse_ids("sparse_categorical_crossentropy", np.zeros((30, 2)))  # ids, not one-hot
    assert not sparse_ids("categorical_crossentropy", np.arange(30) % 3)


def test_a_padding_id_ignored_by_the_loss_is_left_out_of_the_baseline() -> None:
    """Tags with -1 at padded steps (Keras' `ignore_class=-1`): the prior and each row's
    loss are read over the other steps; a row of padding only counts 0."""
    tags = np.array([[0, 1, -1, -1], [1, 1, 0, -1], [-1, -1, -1, -1]])
    rows = baseline_loss(Task.MULTICLASS, "sparse_categorical_crossentropy", tags, tags)
    prior = np.array([2, 3]) / 5
    first = -(np.log(prior[0]) + np.log(prior[1])) / 2
    second = -(2 * np.log(prior[1]) + np.log(prior[0])) / 3
    assert rows == pytest.approx((first + second + 0.0) / 3)


def test_a_segmentation_head_s_chance_beside_a_class_head_reads_its_masks_as_ids() -> None:
    """A multi-output model's per-pixel head under sparse cross-entropy: its chance is the
    majority pixel share, not an argmax over a spatial axis."""
    rng = np.random.default_rng(0)
    masks = rng.choice(3, size=(40, 8, 8), p=[0.6, 0.3, 0.1])
    labels = rng.integers(0, 2, 40)
    tasks = {"mask": Task.MULTICLASS, "label": Task.MULTICLASS}
    y = {"mask": masks, "label": labels}
    losses = {"mask": "sparse_categorical_crossentropy",
              "label": "sparse_categorical_crossentropy"}
    chances = output_chance(tasks, y, y, losses)
    assert chances["mask"] == pytest.approx(np.mean(masks == 0))
    assert chances["label"] == pytest.approx(max(np.mean(labels == 0), np.mean(labels == 1)))
