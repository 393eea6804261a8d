"""Validation inputs prepared unlike the training inputs (a scaler fitted and applied to the
training part only, pixels divided by 255 in one split): the validation score then measures
other data, whatever the model learned."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def validation_inputs(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the validation inputs lie at least `val_distance` training standard
    deviations from the training mean (`DataFacts.val_distance`, the median over features),
    or one feature's validation values typically lie `val_feature_shift` of them away
    (`DataFacts.val_feature_shift`). Quiet for ids an Embedding looks up (their spread is no
    scale)."""
    d = facts.data
    if facts.model.token_input:
        return None
    if d.val_distance < t.val_distance:
        return _shifted_column(facts, t)
    return setup_finding(
        SetupProblem.VALIDATION_SHIFT,
        f"the validation inputs lie {num(d.val_distance)} training standard deviations from "
        "the training mean (median over features; about 1 for rows drawn like the training "
        "rows): they were not prepared as the training inputs were (a scaler fitted and "
        "applied to the training part only?), so the validation score measures other data",
        {"val_distance": d.val_distance},
        {"val_distance": t.val_distance},
    )


def _shifted_column(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    d = facts.data
    if d.val_feature_shift < t.val_feature_shift:
        return None
    return setup_finding(
        SetupProblem.VALIDATION_SHIFT,
        f"input feature {d.val_shifted_feature}'s validation values typically lie "
        f"{num(d.val_feature_shift)} training standard deviations from its training mean "
        "(median over validation rows; below 1 for rows drawn like the training rows, and "
        f"the median feature reads {num(d.val_distance)}): that column was not prepared as in "
        "training (columns in another order, other units?), so the validation score measures "
        "other data",
        {"val_feature_shift": d.val_feature_shift,
         "val_shifted_feature": float(d.val_shifted_feature),
         "val_distance": d.val_distance},  # fmt: skip
        {"val_feature_shift": t.val_feature_shift},
    )
