"""An L1/L2 penalty so strong that it outweighs what the data asks of the weights."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def high_penalty(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a layer's kernel, bias, activity or recurrent regularizer has an L1/L2
    factor at or above `penalty_factor` (usual factors are 1e-5 to 1e-2)."""
    m = facts.model
    if m.max_penalty < t.penalty_factor:
        return None
    return setup_finding(
        SetupProblem.HIGH_PENALTY,
        f"layer '{m.penalty_layer}' has an L1/L2 penalty factor of {num(m.max_penalty)} "
        "(usual: 1e-5 to 1e-2): the penalty outweighs the data loss, pulling the weights or "
        "activations towards zero, so the model collapses towards a constant",
        {"penalty_factor": m.max_penalty},
        {"penalty_factor": t.penalty_factor},
        layer=m.penalty_layer,
    )
