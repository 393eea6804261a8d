"""Labels that cannot teach the task: one class only, or a split missing a class."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import (
    CLASS_KINDS,
    LABEL_LOSSES,
    VALUE_LOSSES,
    setup_finding,
)
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def _listed(classes: tuple[int, ...], shown: int = 5) -> str:
    text = ", ".join(str(c) for c in classes[:shown])
    return text + (f" and {len(classes) - shown} more" if len(classes) > shown else "")


def label_classes(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when classification labels hold a single class, or when the validation split
    lacks a training class it would hold by its training share (`_missing_beyond_chance`)
    or holds a class the training data never shows. Quiet under a
    regression or count loss: its targets are values, whatever the data looks like; and,
    for a single class, under a loss of the user's own, which may not read the targets (a
    triplet loss on dummy targets of zeros: practice batch 18). Targets that are values get
    `_one_value`."""
    d = facts.data
    if d.label_kind not in CLASS_KINDS or facts.model.loss in VALUE_LOSSES:
        return _one_value(facts)
    missing = _missing_beyond_chance(facts, t)
    evidence = {
        "classes": float(d.n_classes),
        "missing_in_val": float(len(missing)),
        "unseen_in_train": float(len(d.unseen_in_train)),
    }
    if d.n_classes < 2:
        if facts.model.own_loss or facts.model.loss not in LABEL_LOSSES:
            return None
        reason = "the labels hold a single class: there is nothing to tell apart"
    elif d.unseen_in_train:
        reason = (
            f"the validation labels hold class(es) {_listed(d.unseen_in_train)} that no "
            "training sample has: the model cannot learn them (is the split ordered by label?)"
        )
    elif missing:
        reason = (
            f"the validation split holds no sample of class(es) {_listed(missing)}, which a "
            f"split by their training share would give {t.val_missing_rows:g} rows or more: "
            "the validation score does not measure them (is the split ordered by label?)"
        )
    else:
        return None
    return setup_finding(SetupProblem.LABEL_MISMATCH, reason, evidence)


def _missing_beyond_chance(facts: SetupFacts, t: PreflightThresholds) -> tuple[int, ...]:
    """The training classes absent from the validation split that a split by their training
    share would give `val_missing_rows` rows or more (a rare class is absent by chance)."""
    d = facts.data
    expected = d.missing_expected or (float("inf"),) * len(d.missing_in_val)
    return tuple(c for c, rows in zip(d.missing_in_val, expected, strict=False)
                 if rows >= t.val_missing_rows)  # fmt: skip


def _one_value(facts: SetupFacts) -> Finding | None:
    """Fires when every training target is one value under a Keras loss that reads targets
    as values: the cheapest fit is that constant, whatever the inputs say (practice batch 21:
    `np.clip(y, hi, lo)`, the percentiles in the other order, sets every target to one bound).
    Quiet under a loss of the user's own (dummy targets of an embedding loss), without rows,
    and for an output of several units: one point every row is mapped to is one-class
    learning (Deep SVDD's centre at 0, practice batch 63, trains as well as any other)."""
    d, m = facts.data, facts.model
    if m.own_loss or m.loss not in VALUE_LOSSES or d.n_train < 2 or d.y_min != d.y_max:
        return None
    if m.output_units > 1:
        return None
    return setup_finding(
        SetupProblem.LABEL_MISMATCH,
        f"every training target is {d.y_min:g}: the model can only learn to output that "
        "constant, whatever its inputs (targets clipped with their bounds swapped? a constant "
        "column taken for the target?)",
        {"target_value": d.y_min, "rows": float(d.n_train)},
    )
