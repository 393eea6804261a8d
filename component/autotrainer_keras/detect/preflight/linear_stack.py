"""A Dense or convolution layer with no activation whose output forms one linear map with the
kernel layer that reads it (`measure.linear_paths`): a forgotten activation."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def linear_stack(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a Dense or convolution layer without activation feeds a kernel layer with
    only dropout, BatchNormalization, flattening or pooling between them."""
    stacks = facts.model.linear_stacks
    if not stacks:
        return None
    first, second = stacks[0]
    more = f" ({len(stacks)} such pairs)" if len(stacks) > 1 else ""
    return setup_finding(
        SetupProblem.LINEAR_STACK,
        f"Layer '{first}' has no activation and feeds layer '{second}'{more} with no "
        "activation between them: the pair computes one linear map (pooling aside), so the "
        "first adds no capacity of its own (an activation left out?)",
        {"linear_pairs": float(len(stacks))},
        layer=first,
    )
