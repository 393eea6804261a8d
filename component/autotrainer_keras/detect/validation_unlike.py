"""Validation rows unlike the training rows, seen in training: the model fits its training
rows while it scores far below random guessing on the validation rows.

Rows drawn like the training rows cannot score far below guessing a class at random once the
model fits the training rows: an overfitted model falls towards chance, not below it. About
0 is what validation rows of classes the training never saw score, the classic case being
Keras' `validation_split` (the last rows, unshuffled) of class-sorted data; labels encoded
differently in the validation set do the same. The job's pre-flight names this from the
validation labels (`detect.preflight.label_classes`); a Keras callback (`Watch`) never sees
them, only the accuracies Keras logs. Pure: `RuleInput -> Finding | None` (detect/rule.py).
"""

from __future__ import annotations

import math

from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.signals import DEGENERATE_BASELINE
from autotrainer_keras.detect.text import accuracy_key, logged, num
from autotrainer_keras.problems import Finding, SetupProblem


def validation_unlike_rule(x: RuleInput) -> Finding | None:
    """Fires when, at each of the last unlike_epochs epoch ends, the validation accuracy is at
    most unlike_chance_share / classes and the training accuracy exceeds it by at least
    unlike_gap. Needs a single-output classifier (`history.classes`) that logs its accuracy
    on both the training and the validation rows."""
    history, t = x.history, x.thresholds
    classes, epochs = history.classes, history.epochs
    train_key, val_key = accuracy_key(epochs), accuracy_key(epochs, prefix="val_")
    if not classes or train_key is None or val_key is None or train_key.startswith("val_"):
        return None
    recent = epochs[-t.unlike_epochs :]
    if len(recent) < t.unlike_epochs:
        return None
    train, val = logged(recent, train_key), logged(recent, val_key)
    if len(train) < t.unlike_epochs or len(val) < t.unlike_epochs:
        return None
    ceiling = t.unlike_chance_share / classes
    for fitted, validated in zip(train, val, strict=True):
        if not (math.isfinite(fitted) and math.isfinite(validated)):
            return None
        if validated > ceiling or fitted - validated < t.unlike_gap:
            return None
    last = epochs[-1]
    return Finding(
        problem=SetupProblem.LABEL_MISMATCH,
        epoch=last.epoch,
        step=last.step,
        layer=None,
        evidence={
            "train_accuracy": train[-1],
            "val_accuracy": val[-1],
            "classes": float(classes),
            "guess_accuracy": 1.0 / classes,
        },
        thresholds={
            "unlike_chance_share": t.unlike_chance_share,
            "unlike_gap": t.unlike_gap,
            "unlike_epochs": float(t.unlike_epochs),
        },
        reason=(
            f"For {len(recent)} epochs the model has fitted its training rows (accuracy "
            f"{num(train[-1])}) while it scores {num(val[-1])} on the validation rows, far "
            f"below guessing one of {classes} classes at random ({num(1.0 / classes)}): rows "
            "drawn like the training rows cannot score that low. The validation rows hold "
            "classes the training rows lack or label them differently; with "
            "validation_split, Keras takes the last rows unshuffled (shuffle the rows before "
            "fit, or pass validation_data). No training setting fixes this: the data must."
        ),
    )


FITTED = 0.99
"""Training accuracy of a model that has fitted single-class rows (it predicts that class)."""


def single_class_rule(x: RuleInput) -> Finding | None:
    """Fires when the rows the baseline was read on (`Watch`'s probe rows, taken from the
    training data) hold a single class (a constant-predictor loss below
    `DEGENERATE_BASELINE`), and at each of the last unlike_epochs epoch ends the model fits
    them (training accuracy 0.99 or more) while its validation accuracy lies single_class_gap
    or more below: the validation rows hold classes the training labels never show (labels
    re-encoded wrongly, `y == 2` for `y == 1`: practice batch 1's `labels_all_same`, val
    accuracy 0.37). A callback never sees the validation labels, only the accuracies Keras
    logs; the job's pre-flight names single-class labels from the labels themselves."""
    history, t = x.history, x.thresholds
    baseline = history.baseline_loss
    if (history.baseline_rows != "training" or not history.task.has_accuracy
            or baseline is None or not 0 <= baseline < DEGENERATE_BASELINE):  # fmt: skip
        return None
    train_key, val_key = accuracy_key(history.epochs), accuracy_key(history.epochs, "val_")
    if train_key is None or val_key is None or train_key.startswith("val_"):
        return None
    recent = history.epochs[-t.unlike_epochs :]
    train, val = logged(recent, train_key), logged(recent, val_key)
    if len(recent) < t.unlike_epochs or len(train) < len(recent) or len(val) < len(recent):
        return None
    pairs = zip(train, val, strict=True)
    if not all(f >= FITTED and f - v >= t.single_class_gap for f, v in pairs):
        return None
    last = history.epochs[-1]
    return Finding(
        problem=SetupProblem.LABEL_MISMATCH,
        epoch=last.epoch,
        step=last.step,
        layer=None,
        evidence={"train_accuracy": train[-1], "val_accuracy": val[-1],
                  "baseline_loss": float(baseline)},  # fmt: skip
        thresholds={"single_class_gap": t.single_class_gap,
                    "unlike_epochs": float(t.unlike_epochs)},  # fmt: skip
        reason=(
            f"Every probe row (taken from the training data) holds the same class, and for "
            f"{len(recent)} epochs the model has fitted them (accuracy {num(train[-1])}) while "
            f"it scores {num(val[-1])} on the validation rows: the validation rows hold "
            "classes the training labels never show (labels re-encoded wrongly, a filter "
            "that kept one class?). No training setting fixes this: the labels must."
        ),
    )
