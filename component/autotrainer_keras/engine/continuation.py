"""Pace candidates continue from the weights at detection (`repair.continue_pace`).

A model that converges slowly because its steps are too small, or stalls for want of steps,
has nothing wrong in its weights: what is wrong is how it is trained. A candidate that
changes only that (the learning rate, the optimizer, clipping, the batch size) can therefore
take over the original's weights at detection instead of a fresh draw and train a whole
budget from there, stopped once it settles (`ConvergedStop`). The AutoTrainer code trains only
the epochs the original had left, so the slow epochs before detection count against the
repair: zoo dev vgg--sgd_plain, detected after 7 of 12 epochs, reached 0.918 with `adam` for
the 5 left, 0.970 with a whole budget.
A dying-ReLU, vanishing- or exploding-gradient or oscillating model's weights are part of its
fault (dead units; saturated, diverged or oversized layers), and so is anything a
model-changing operator touches: those candidates start as `repair.warm_start` says.

The candidate's result keeps its whole spec (the epoch budget the user gave), so its final
config retrains it from the start; the report says it continued, and from which epoch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import keras
import numpy as np

from autotrainer_keras.engine.attempt import AttemptResult
from autotrainer_keras.engine.context import JobContext
from autotrainer_keras.problems import AnyProblem, Finding, Problem, SetupProblem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators.base import RepairOperator
from autotrainer_keras.repair.plans import steps_were_small

PACE_FAMILIES = frozenset({"learning_rate", "optimizer", "clipping", "batch_size", "budget"})
"""Operator families that change only how the model is trained (`RepairOperator.family`;
`budget`: `early_stop_off`, whose candidate trains on where the user's EarlyStopping ended)."""


def is_pace_finding(finding: Finding, max_update: float = math.inf) -> bool:
    """The finding says the model was trained too slowly, not that its weights went wrong
    (pure): slow convergence with optimizer steps below the rule's `sc_small_update` (its own
    evidence: steps too small) in every layer (its largest update ratio below `max_update`),
    a set-up stall, a small budget. Not an oscillating loss: an oversized step leaves large,
    saturating weights (continuing an Adam-0.5 MLP from its weights at detection with the
    default rate: 0.91, starting over: 0.98); nor slow convergence with steps of a healthy or
    large size, or small in some layers only (saturated sigmoid layers beside an embedding
    that steps 1e-2: the saturation is in the weights)."""
    if finding.problem in (SetupProblem.SETUP_STALL, SetupProblem.SMALL_BUDGET):
        return True
    largest = finding.evidence.get("largest_update_ratio", 0.0)
    return (finding.problem is Problem.SLOW_CONVERGENCE and steps_were_small(finding)
            and largest < max_update)  # fmt: skip


def rate_was_oversized(findings: list[Finding]) -> bool:
    """A pre-flight suspicion of a learning rate far above the optimizer's usual one is among
    `findings` (pure): then a stall is no want of steps, and the oversized steps may have left
    saturated weights behind, as under an oscillating loss (practice batch 24's BiGRU under
    SGD(1.0), stuck at the majority class: the default rate and Adam continued from its
    weights at detection both stayed there for the 5 epochs left)."""
    return any(f.problem is SetupProblem.LEARNING_RATE_RANGE
               and f.evidence.get("ratio_to_default", 0.0) > 1 for f in findings)  # fmt: skip


@dataclass(frozen=True)
class Continuation:
    """A candidate that trains on from its base's weights at detection.

    Attributes:
        after_epochs: The epochs the base had trained (the candidate's epoch 0 is its next).
        epochs: The epochs the candidate trains at most: a whole budget (for
            `early_stop_off`, the epochs the budget had left after the user's early stop).
    """

    after_epochs: int
    epochs: int

    def describe(self, copied: int) -> str:
        """One sentence for progress and reports."""
        return (
            f"Continues from the original's weights at detection ({copied} layers, after "
            f"{self.after_epochs} epochs) for up to {self.epochs} more epochs."
        )


def continuation_for(
    ctx: JobContext,
    base: AttemptResult,
    problem: AnyProblem,
    operator: RepairOperator,
    budget: int,
    screening: bool,
) -> Continuation | None:
    """Whether a candidate of `operator` for `problem` on `base` continues (None: it starts
    over). Only a first-round candidate (its base is the original) of the default profile
    continues, when the original trained a whole epoch, has `continue_min_epochs` left of the
    candidate's `budget`, was not interrupted and its weights are finite; never while
    screening (a screened candidate trains on in its own segments)."""
    cfg = ctx.config.repair
    if ctx.config.detection.profile == "paper" or not cfg.continue_pace or screening:
        return None
    if base is not ctx.original or operator.family not in PACE_FAMILIES:
        return None
    finding = next((f for f in base.findings if f.problem == problem), None)
    if finding is None or rate_was_oversized(base.findings):
        return None
    if not is_pace_finding(finding, cfg.continue_max_update):
        return None
    if base.interrupted or base.extra.get("not_trained"):
        return None
    left = budget - base.epochs_run
    if base.epochs_run < 1 or left < cfg.continue_min_epochs:
        return None
    if not all(np.isfinite(w).all() for w in base.model.get_weights()):
        return None
    # `early_stop_off` trains on where the user's EarlyStopping cut a model on its way down:
    # its epochs before the stop were not slow ones, so it has the epochs the budget had left.
    return Continuation(base.epochs_run, left if operator.family == "budget" else budget)


def continue_from(base: AttemptResult, model: keras.Model, continuation: Continuation) -> str:
    """Give `model` its base's weights at detection; returns the sentence that says so."""
    copied = keras_spec.transfer_weights(base.model, model)
    return continuation.describe(len(copied))
