"""Validation labels encoded apart from the training labels, read off a trained model's
predictions (`measure.label_map`, `detect.label_map`). Pure: numpy arrays in."""

from __future__ import annotations

import numpy as np
import pytest

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.label_map import encoded_apart
from autotrainer_keras.measure.label_map import label_map
from autotrainer_keras.problems import SetupProblem

T = DefaultThresholds()
LABELS = np.repeat(np.arange(6), 50)


def predicted(mapping: dict[int, int], right: float, seed: int) -> np.ndarray:
    """Each row predicted as `mapping[label]` with probability `right`, else at random."""
    rng = np.random.default_rng(seed)
    chosen = np.array([mapping.get(int(label), int(label)) for label in LABELS])
    noise = rng.random(len(LABELS)) > right
    chosen[noise] = rng.integers(0, 6, noise.sum())
    return chosen


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_classes_sorted_apart_are_named_with_their_map(seed: int) -> None:
    sorted_apart = {0: 3, 2: 0, 3: 4, 4: 5, 5: 2}  # class 1 kept its id
    found = label_map(LABELS, predicted(sorted_apart, 0.95, seed))
    assert found is not None and found.moved == (0, 2, 3, 4, 5) and found.one_to_one
    finding = encoded_apart(found, T, 3, 120)
    assert finding is not None and finding.problem is SetupProblem.LABEL_MISMATCH
    assert finding.evidence["rows_on_map"] > 0.9 and finding.evidence["val_accuracy"] < 0.3
    assert "class 0 as 3, 2 as 0, 3 as 4, 4 as 5 and 1 more" in finding.reason


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_model_that_predicts_its_labels_or_guesses_is_no_mismatch(seed: int) -> None:
    right = label_map(LABELS, predicted({}, 0.9, seed))
    assert right is not None and right.moved == ()
    assert encoded_apart(right, T, 3, 120) is None
    guessing = label_map(LABELS, predicted({}, 0.0, seed))  # at chance: no class holds
    assert guessing is not None and encoded_apart(guessing, T, 3, 120) is None


def test_a_model_collapsed_onto_one_class_is_no_re_encoding() -> None:
    found = label_map(LABELS, np.zeros_like(LABELS))
    assert found is not None and found.agreement == 1.0 and not found.one_to_one
    assert encoded_apart(found, T, 3, 120) is None


def test_one_swapped_pair_is_named_when_its_rows_sit_on_the_swap() -> None:
    swapped = label_map(LABELS, predicted({0: 1, 1: 0}, 1.0, 0))  # 4 of 6 classes right
    assert swapped is not None and swapped.moved == (0, 1)
    assert encoded_apart(swapped, T, 3, 120) is not None  # accuracy 0.67, on the map 1.0
    loose = label_map(LABELS, predicted({0: 1, 1: 0}, 0.7, 0))  # on the map about 0.75
    assert loose is not None and encoded_apart(loose, T, 3, 120) is None


def test_labels_with_too_few_rows_are_not_read() -> None:
    assert label_map(np.arange(6), np.arange(6)) is None


def test_the_job_reads_the_map_only_after_a_finding_on_validation_and_names_it_once() -> None:
    from autotrainer_keras.engine.label_map_check import label_map_finding
    from autotrainer_keras.io.data import Dataset
    from autotrainer_keras.problems import Finding, Problem

    data = Dataset(np.zeros((4, 2)), LABELS[:4], np.zeros((4, 2)), LABELS[:4])
    slow = Finding(Problem.SLOW_CONVERGENCE, 3, 120, None)
    named = Finding(SetupProblem.LABEL_MISMATCH, 3, 120, None)
    exploding = Finding(Problem.EXPLODING_GRADIENT, 0, 10, None)
    for findings in ([slow, named], [exploding], []):  # no model read: it is never asked
        assert label_map_finding(None, data, findings, T) is None  # type: ignore[arg-type]
