"""A training budget too small to learn: very few optimizer steps in all."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def small_budget(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when epochs x steps per epoch is below `min_steps`."""
    m, steps = facts.model, facts.total_steps
    if steps >= t.min_steps:
        return None
    return setup_finding(
        SetupProblem.SMALL_BUDGET,
        f"{m.epochs} epoch(s) of {facts.data.n_train} samples in batches of {m.batch_size} "
        f"give only {steps} optimizer steps in all: too few to learn; use more epochs or "
        "smaller batches",
        {"steps": float(steps), "epochs": float(m.epochs), "batch_size": float(m.batch_size)},
        {"min_steps": float(t.min_steps)},
    )
