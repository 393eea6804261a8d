"""Validation labels encoded apart from the training labels, read off a trained model's
predictions (`measure.label_map`): each validation class predicted consistently as one
other class. Pure: `LabelMap -> Finding | None`; the job reads the map after a finding on the
validation curves (`engine.label_map_check`)."""

from __future__ import annotations

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.measure.label_map import LabelMap
from autotrainer_keras.problems import Finding, SetupProblem

SHOWN = 4
"""Moved labels the reason spells out."""


def encoded_apart(found: LabelMap, t: DefaultThresholds, epoch: int, step: int) -> Finding | None:
    """Fires when two or more labels are predicted as other classes, one to one, with at
    least `label_map_agreement` of the rows on that map and the accuracy at least
    `label_map_gap` below it."""
    if len(found.moved) < 2 or not found.one_to_one:
        return None
    gap = found.agreement - found.accuracy
    if found.agreement < t.label_map_agreement or gap < t.label_map_gap:
        return None
    pairs = ", ".join(f"{label} as {found.mapping[label]}" for label in found.moved[:SHOWN])
    more = f" and {len(found.moved) - SHOWN} more" if len(found.moved) > SHOWN else ""
    return Finding(
        problem=SetupProblem.LABEL_MISMATCH,
        epoch=epoch,
        step=step,
        layer=None,
        evidence={"rows_on_map": found.agreement, "val_accuracy": found.accuracy,
                  "labels_moved": float(len(found.moved))},  # fmt: skip
        thresholds={"label_map_agreement": t.label_map_agreement,
                    "label_map_gap": t.label_map_gap},  # fmt: skip
        reason=(
            f"The trained model predicts the validation rows of class {pairs}{more}: "
            f"{found.agreement:.0%} of them sit on that one-to-one map, {found.accuracy:.0%} "
            "on their own label. The validation labels are encoded differently from the "
            "training labels (a LabelEncoder or class list fitted on each set apart, classes "
            "sorted another way?). No training setting fixes this: the labels must."
        ),
    )
