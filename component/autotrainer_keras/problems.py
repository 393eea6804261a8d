"""The five training problems, the set-up problems found before training, and the finding a
detector returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Problem(StrEnum):
    """The training problems of the AutoTrainer paper, by their report ids."""

    VANISHING_GRADIENT = "vanishing_gradient"
    EXPLODING_GRADIENT = "exploding_gradient"
    DYING_RELU = "dying_relu"
    OSCILLATING_LOSS = "oscillating_loss"
    SLOW_CONVERGENCE = "slow_convergence"


class SetupProblem(StrEnum):
    """Set-up faults: found by the pre-flight checks before the first step
    (`detect.preflight`), or seen in training by the default profile's rules
    (`RUNTIME_SETUP`: the AutoTrainer 2024 extension's abnormal data and improper output, a
    loss that goes nowhere because of the set-up, a model that learns in training mode only,
    weights no gradient reaches, and a loss that falls without bound).

    Kept apart from `Problem`: the paper's plans and rules cover only its five problems.
    """

    OUTPUT_LOSS_MISMATCH = "output_loss_mismatch"
    UNSCALED_INPUT = "unscaled_input"
    UNSCALED_TARGET = "unscaled_target"
    CONSTANT_INPUT = "constant_input"
    NO_TRAINABLE_WEIGHTS = "no_trainable_weights"
    SAMPLE_WEIGHTS = "invalid_sample_weights"
    LABEL_MISMATCH = "label_mismatch"
    VALIDATION_SHIFT = "validation_shift"
    LEARNING_RATE_RANGE = "learning_rate_out_of_range"
    SMALL_BUDGET = "small_budget"
    LINEAR_STACK = "linear_stack"
    HIDDEN_SOFTMAX = "hidden_softmax"
    HIGH_DROPOUT = "high_dropout"
    HIGH_PENALTY = "high_penalty"
    ABNORMAL_DATA = "abnormal_data"
    IMPROPER_OUTPUT = "improper_output"
    SETUP_STALL = "setup_stall"
    INFERENCE_MISMATCH = "inference_mismatch"
    MONITOR_MODE = "monitor_mode_mismatch"
    TEXT_TRUNCATED = "text_truncated"
    UNKNOWN_TOKENS = "unknown_tokens"
    TARGET_BROADCAST = "target_broadcast"
    SENTINEL_VALUES = "sentinel_values"
    CODES_AS_NUMBERS = "codes_as_numbers"
    COLLAPSED_INPUT = "collapsed_input"
    STALE_AVERAGE = "stale_average"
    NO_GRADIENT = "no_gradient"
    UNBOUNDED_LOSS = "unbounded_loss"
    FROZEN_RANDOM = "frozen_random"
    STILL_IMPROVING = "still_improving"  # no finding: what the `more_epochs` candidate answers


RUNTIME_SETUP = frozenset(
    {
        SetupProblem.ABNORMAL_DATA,
        SetupProblem.IMPROPER_OUTPUT,
        SetupProblem.SETUP_STALL,
        SetupProblem.INFERENCE_MISMATCH,
        SetupProblem.NO_GRADIENT,
        SetupProblem.UNBOUNDED_LOSS,
    }
)
"""Set-up problems seen in training (default rules), not before it."""

RETRAIN_CHECKED = frozenset(
    {
        SetupProblem.LEARNING_RATE_RANGE,
        SetupProblem.SMALL_BUDGET,
        SetupProblem.UNSCALED_TARGET,
        SetupProblem.HIGH_DROPOUT,
        SetupProblem.HIGH_PENALTY,
        SetupProblem.LINEAR_STACK,
        SetupProblem.HIDDEN_SOFTMAX,
        SetupProblem.FROZEN_RANDOM,
        SetupProblem.MONITOR_MODE,
    }
)
"""Pre-flight suspicions about a training setting (a learning rate far from the optimizer's
usual one, a budget of few steps, regression targets far from unit scale) that a retraining
can test: its fix changes how the model learns, not what it predicts (`lr_default`, `batch`,
`scale_target`). A learning rate 100x SGD's default is harmless under some architectures and
not others (measured in NOTES.md), and targets of scale 50 cost Adam little on some data
(`benchmarks/target_scale.py`), so when training showed no problem of its own and the fix,
retrained, is no better, the suspicion is withdrawn (`policy.withdraws`). Four model settings
are tested the same way: a dropout rate or an L1/L2 penalty above the usual range
(`dropout_down`, `regularizer_down`) and stacked linear layers (`nonlinear`: on a task a
linear map fits, a non-linearity adds nothing); frozen layers still at their random
initialisation (`unfreeze`: random features can be enough); and a callback that watches its
metric the wrong way round (`schedule_off`: a `ReduceLROnPlateau(mode="max")` on a loss
cuts the rate every `patience` epochs, which some trainings take as a decay, practice batch
46's `friedman_plateau_mode_max`)."""

SUSPICION = "suspicion"
"""Evidence key (1.0) of a finding of another problem that is tested the same way: a pairing
that is a mistake by convention but often trains as well (a mean squared error on one-hot
labels under a softmax: practice batches 1 and 31, in every script harmless)."""


def retrain_checked(finding: Finding) -> bool:
    """The finding is a suspicion that a retraining tests (`RETRAIN_CHECKED`, `SUSPICION`)."""
    return finding.problem in RETRAIN_CHECKED or finding.evidence.get(SUSPICION) == 1.0


AnyProblem = Problem | SetupProblem


def parse_problem(value: str) -> AnyProblem:
    """The `Problem` or `SetupProblem` with this id (ValueError if neither has it)."""
    try:
        return Problem(value)
    except ValueError:
        return SetupProblem(value)


@dataclass(frozen=True)
class Finding:
    """One detected problem, with everything needed to explain and reproduce the decision.

    Attributes:
        problem: Which problem was detected.
        epoch: 0-based epoch in which the check ran.
        step: Global optimizer step (0-based count of steps done) at the check.
        layer: Name of the layer the evidence points at, or None for model-wide symptoms.
        evidence: The measured values the rule compared, by name.
        thresholds: The thresholds the rule used, by name.
        reason: One sentence saying why the rule fired.
        outputs: The model outputs a multi-output model's finding is about (each output its
            pre-flight output checks found the problem on, `preflight_outputs`), else ().
    """

    problem: AnyProblem
    epoch: int
    step: int
    layer: str | None
    evidence: dict[str, float] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    reason: str = ""
    outputs: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["problem"] = self.problem.value
        data["outputs"] = list(self.outputs)  # JSON's form: the report reads the same reloaded
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            problem=parse_problem(data["problem"]),
            epoch=int(data["epoch"]),
            step=int(data["step"]),
            layer=data.get("layer"),
            evidence=dict(data.get("evidence", {})),
            thresholds=dict(data.get("thresholds", {})),
            reason=str(data.get("reason", "")),
            outputs=tuple(data.get("outputs", ())),
        )


def is_setup_finding(finding: Finding) -> bool:
    """True for a pre-flight finding (a set-up fault found before the first step; a label
    mismatch may also be seen in training, from the validation accuracy)."""
    if not isinstance(finding.problem, SetupProblem) or finding.problem in RUNTIME_SETUP:
        return False
    return finding.step == 0
