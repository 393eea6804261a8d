"""A training budget too small to learn: very few optimizer steps in all."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def small_budget(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the budget's optimizer updates (epochs x steps per epoch, over the
    optimizer's `gradient_accumulation_steps`) are below `min_steps`."""
    m, updates = facts.model, facts.total_updates
    if updates >= t.min_steps:
        return None
    batches = (f"{m.epochs} epoch(s) of {facts.data.n_train} samples in batches of "
               f"{m.batch_size}" if m.fit_steps is None
               else f"the fit's {m.fit_steps} training steps")  # fmt: skip
    if m.accumulation_steps > 1:
        reason = (f"{batches}, with the gradients of {m.accumulation_steps} batches "
                  f"accumulated into each update (`gradient_accumulation_steps`), give only "
                  f"{updates} optimizer updates in all: too few to learn; accumulate fewer "
                  "batches (it is a count of batches, not the effective batch size)")  # fmt: skip
    else:
        reason = (f"{batches} give only {updates} optimizer steps in all: too few to learn; "
                  "use more epochs or smaller batches")  # fmt: skip
    evidence = {"steps": float(updates), "epochs": float(m.epochs),
                "batch_size": float(m.batch_size)}  # fmt: skip
    if m.accumulation_steps > 1:
        evidence["accumulation_steps"] = float(m.accumulation_steps)
    return setup_finding(SetupProblem.SMALL_BUDGET, reason, evidence,
                         {"min_steps": float(t.min_steps)})  # fmt: skip
