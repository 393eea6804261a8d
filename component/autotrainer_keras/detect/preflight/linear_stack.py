"""Stacked Dense layers with no non-linearity between them: together one linear map."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def linear_stack(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a Dense layer without activation feeds another Dense layer."""
    stacks = facts.model.linear_stacks
    if not stacks:
        return None
    first, second = stacks[0]
    more = f" ({len(stacks)} such pairs)" if len(stacks) > 1 else ""
    return setup_finding(
        SetupProblem.LINEAR_STACK,
        f"Dense layer '{first}' has no activation and feeds Dense layer '{second}'{more}: "
        "the pair computes one linear map, so the first adds no capacity of its own (an "
        "activation left out?)",
        {"linear_pairs": float(len(stacks))},
        layer=first,
    )
