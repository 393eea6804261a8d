"""Inputs that hold one value everywhere: the model has nothing to learn from."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def constant_input(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when every input value of the sampled training rows is the same number (all
    zeros after an integer division, a wrong column, images that failed to load)."""
    d = facts.data
    if d.text_input or d.n_train < 2 or d.x_min != d.x_max:
        return None
    return setup_finding(
        SetupProblem.CONSTANT_INPUT,
        f"every input value is {num(d.x_min)} in every sampled training row: the model "
        "cannot tell the rows apart, so it can only learn the labels' average; fix the data "
        "pipeline (a wrong column, an integer division, images that failed to load)",
        {"x_min": d.x_min, "x_max": d.x_max},
    )
