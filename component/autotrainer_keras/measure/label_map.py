"""How a trained classifier's predictions on labelled rows line up with the labels: for each
label, the class the model predicts for most of its rows.

A model that fits its training rows predicts each validation class as itself when the
validation labels are encoded like the training labels. When they were encoded apart (a
`LabelEncoder` or class list fitted on the validation set alone, classes sorted another way),
it predicts each class consistently as another one: the map from label to predicted class
is a permutation, most rows sit on it, and few on the diagonal. Pure numpy; never judges.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_ROWS = 10
"""Rows a label needs for its mapped class to be read."""


@dataclass(frozen=True)
class LabelMap:
    """Predictions against labels.

    Attributes:
        mapping: Each label with at least `MIN_ROWS` rows, and the class predicted for most
            of them.
        agreement: Share of those labels' rows predicted as their label's mapped class.
        accuracy: Share of those rows predicted as their own label.
        moved: The labels whose mapped class is another one, in order.
    """

    mapping: dict[int, int]
    agreement: float
    accuracy: float
    moved: tuple[int, ...]

    @property
    def one_to_one(self) -> bool:
        """No two moved labels map to the same class (a re-encoding, not a collapse)."""
        targets = [self.mapping[label] for label in self.moved]
        return len(set(targets)) == len(targets)


def label_map(labels: np.ndarray, predicted: np.ndarray) -> LabelMap | None:
    """The `LabelMap` of integer `labels` against integer `predicted` classes (same length);
    None when no label has `MIN_ROWS` rows."""
    labels, predicted = np.asarray(labels).ravel(), np.asarray(predicted).ravel()
    mapping: dict[int, int] = {}
    on_map = on_label = rows = 0
    for label in np.unique(labels):
        chosen = predicted[labels == label]
        if len(chosen) < MIN_ROWS:
            continue
        values, counts = np.unique(chosen, return_counts=True)
        top = int(values[np.argmax(counts)])
        mapping[int(label)] = top
        on_map += int(counts.max())
        on_label += int(np.sum(chosen == label))
        rows += len(chosen)
    if not rows:
        return None
    moved = tuple(label for label, top in mapping.items() if top != label)
    return LabelMap(mapping, on_map / rows, on_label / rows, moved)
