"""The repair loop: try solutions for a detected problem, verify each by retraining.

The rules (which candidates, how each is judged, stacking, rounds, budgets, the final model)
are the pure policy in `repair/policy.py`; this module gives it the Keras side: building and
training a candidate, the wall-time and patience callbacks, recording each attempt, and, when
nothing is accepted under `default`, training the original on from where detection stopped it
to its full budget (`repair.finish_original`, as plain training would have), so the result is
never worse than the user's own training.

Under `paper` the candidates are judged with the original code's default thresholds
(`paper_policy.repair_detection`), continue from the weights at detection time (layers
holding NaN/Inf, and those an operator lists under `FRESH_LAYERS`, restart fresh), and the
next round repairs the best try of the current round unless its problem was handled already
(`paper_policy.next_round`).
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field, replace
from typing import Any

import keras
import numpy as np

from autotrainer_keras.detect import make_detector
from autotrainer_keras.engine.attempt import AttemptResult
from autotrainer_keras.engine.attempt_summary import continued_summary, summarize
from autotrainer_keras.engine.context import JobContext
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.problems import AnyProblem, Finding
from autotrainer_keras.record.summary import AttemptSummary, RepairChoice
from autotrainer_keras.repair import keras_spec, paper_policy, policy
from autotrainer_keras.repair.operators import attempt_rng, get_operator
from autotrainer_keras.repair.operators.base import FRESH_LAYERS
from autotrainer_keras.repair.policy import Outcome
from autotrainer_keras.repair.spec import TrainingSpec

CONTINUED = "original-continued"


@dataclass
class RepairAttempt:
    """One candidate: which solution, with which parameters, and what came of it."""

    index: int
    round: int
    problem: AnyProblem
    solution: str
    try_index: int
    params: dict[str, Any]
    description: str
    outcome: Outcome
    result: AttemptResult

    def summary(self) -> AttemptSummary:
        """The attempt in the one shape every view shows (record.summary)."""
        choice = RepairChoice(
            round=self.round,
            problem=self.problem.value,
            solution=self.solution,
            try_index=self.try_index,
            seed=self.result.spec.seed,
            params=self.params,
            description=self.description,
            solutions_applied=tuple(self.result.spec.applied),
        )
        return summarize(self.result, self.outcome.value, choice)


@dataclass
class RepairOutcome:
    attempts: list[RepairAttempt] = field(default_factory=list)
    final: AttemptResult | None = None
    solved: bool = False
    stop_reason: str = ""
    continued: AttemptResult | None = None  # the original trained to its full budget


class _Deadline(keras.callbacks.Callback):
    """Stops a candidate when the repair's wall-time budget is spent."""

    def __init__(self, deadline: float) -> None:
        super().__init__()
        self._deadline = deadline

    def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
        if time.perf_counter() >= self._deadline:
            self.model.stop_training = True


def full_training_seconds(original: AttemptResult) -> float:
    """Estimated time of one full training of the original (it may have stopped early)."""
    per_epoch = original.seconds / max(1, original.epochs_run)
    return per_epoch * original.spec.epochs


def repair(ctx: JobContext, original: AttemptResult, finding: Finding) -> RepairOutcome:
    """Repair `original`, whose first detection is `finding` (rules: `repair.policy`)."""
    cfg = ctx.config.repair
    paper = ctx.config.detection.profile == "paper"
    started = time.perf_counter()
    profile = ctx.config.detection.profile
    budget = cfg.time_budget_factor * full_training_seconds(original)
    if original.extra.get("not_trained"):  # nothing to measure the budget by
        budget = math.inf
    limits = policy.limits_for(
        paper, cfg.attempt_budget(profile), cfg.round_budget(profile), budget, started
    )
    target = policy.acceptance_target(original.best_score, cfg.accept_margin)
    tried = {fingerprint(original.spec)}
    ctx = judging_context(ctx)

    def try_candidate(
        base: Any, problem: AnyProblem, solution: str, try_index: int, index: int, round_no: int
    ) -> RepairAttempt | None:
        return run_candidate(
            ctx, base, problem, solution, try_index, index=index, round_no=round_no,
            target=target, deadline=limits.deadline, tried=tried,
        )  # fmt: skip

    def paper_next(
        round_attempts: list[RepairAttempt], chain: list[RepairAttempt]
    ) -> tuple[RepairAttempt | None, str]:
        return _paper_next(round_attempts, finding, chain)

    done = policy.run_policy(
        original,
        finding.problem,
        paper=paper,
        limits=limits,
        plan=lambda problem, round_no: policy.candidates(
            problem, profile, cfg.order, cfg.seed, round_no
        ),
        try_candidate=try_candidate,
        clock=time.perf_counter,
        stop_requested=lambda: ctx.stop_flag.requested,
        next_round=paper_next if paper else None,
    )
    outcome = RepairOutcome(attempts=done.attempts, stop_reason=done.stop_reason)
    if done.accepted is not None:
        outcome.solved, outcome.final = True, done.accepted.result
        return outcome
    return _finish(ctx, outcome, original, paper)


def run_candidate(
    ctx: JobContext,
    base: AttemptResult,
    problem: AnyProblem,
    solution: str,
    try_index: int,
    rng: np.random.Generator | None = None,
    *,
    index: int,
    round_no: int,
    target: float,
    deadline: float = math.inf,
    tried: set[str] | None = None,
) -> RepairAttempt | None:
    """Apply one solution to `base`'s spec, retrain, and judge it (None: does not apply).

    The single-step loop and the scale-out pipeline (one candidate per task) both call this.
    `tried` holds fingerprints of specs trained already: a candidate equal to one of them is
    skipped (e.g. `adam` reached again in a later round).
    """
    paper = ctx.config.detection.profile == "paper"
    facts = ctx.setup.facts if ctx.setup is not None else None
    operator = get_operator(solution, ctx.config.detection.profile, facts)
    if rng is None:  # reproducible from (repair.seed, solution, try, round) alone
        rng = attempt_rng(ctx.config.repair.seed, solution, try_index, round_no)
    try:
        spec, params = operator.apply(base.spec, try_index, rng)
        if tried is not None and fingerprint(spec) in tried:
            raise ModelSpecError("the same model and settings were trained already")
        model = keras_spec.build_model(spec)
    except ModelSpecError as error:  # does not apply to this model: costs nothing
        ctx.progress.message(f"  skipping {solution}: {error}")
        return None
    if tried is not None:
        tried.add(fingerprint(spec))
    name = f"repair-{index}-{solution}"
    description = operator.describe(params)
    params_logged = {
        "solution": solution,
        "try": try_index,
        "round": round_no,
        "problem": problem.value,
        **{f"param.{key}": value for key, value in params.items()},
    }
    budget = ctx.config.repair.attempt_budget(ctx.config.detection.profile)
    total = 0 if math.isinf(budget) else int(budget)  # 0: no cap shown
    with ctx.recorder.attempt(
        name, params_logged, index=index, total=total, description=description
    ) as run:
        if paper or ctx.config.repair.warm_start:
            keras_spec.transfer_weights(base.model, model, fresh=params.get(FRESH_LAYERS, ()))
        callbacks = [] if paper else [_Deadline(deadline), *patience_callbacks(ctx)]
        result = ctx.train(name, model, spec, extra_callbacks=callbacks)
        found = [f.problem for f in result.findings]
        verdict = policy.judge(found, problem, result.score, target, paper)
        attempt = RepairAttempt(
            index, round_no, problem, solution, try_index, params, description, verdict, result
        )
        summary = attempt.summary()
        if verdict is Outcome.SOLVED:
            original = summarize(ctx.original or base)
            ctx.sink.log_model(result.model, "repaired", summary, original=original)
        run.finish(verdict, summary, interrupted=result.interrupted)
    return attempt


def fingerprint(spec: TrainingSpec) -> str:
    """What makes two candidates the same training (the path that led to it does not)."""
    data = spec.to_dict()
    data.pop("applied")
    return json.dumps(data, sort_keys=True, default=str)


def patience_callbacks(ctx: JobContext) -> list[keras.callbacks.Callback]:
    patience = ctx.config.repair.patience
    if not patience:
        return []
    return [
        keras.callbacks.EarlyStopping(
            monitor="val_loss", patience=patience, restore_best_weights=True, verbose=0
        )
    ]


def judging_context(ctx: JobContext) -> JobContext:
    """The context candidates train and are judged in: `ctx`, except under `paper`, where
    the original's repair monitor judges them with the code's default thresholds
    (`paper_policy.repair_detection`)."""
    detection = paper_policy.repair_detection(ctx.config.detection)
    if detection is ctx.config.detection:
        return ctx
    config = ctx.config.model_copy(update={"detection": detection})
    return replace(ctx, config=config, detector=make_detector(detection))


def _paper_next(
    round_attempts: list[RepairAttempt], first: Finding, chain: list[RepairAttempt]
) -> tuple[RepairAttempt | None, str]:
    """Paper profile: the best try of this round with another problem, unless that problem
    was handled already (`paper_policy.next_round`)."""
    handled = {first.problem} | {a.problem for a in chain}
    tries = [
        (a.result.findings[0].problem if a.outcome == Outcome.OTHER else None, a.result.score)
        for a in round_attempts
    ]
    index, reason = paper_policy.next_round(tries, handled)
    return (None, reason) if index is None else (round_attempts[index], "")


def _finish(
    ctx: JobContext, outcome: RepairOutcome, original: AttemptResult, paper: bool
) -> RepairOutcome:
    """Nothing accepted: keep the best model seen (default: the original, trained to its full
    budget when configured, counts too)."""
    if not paper and ctx.config.repair.finish_original and outcome.stop_reason != "interrupted":
        outcome.continued = finish_original(ctx, original)
    kept = [original, *([outcome.continued] if outcome.continued else [])]
    tried = [a.result for a in outcome.attempts]
    outcome.final = policy.choose_final(original, kept, tried, paper)
    return outcome


def finish_original(ctx: JobContext, original: AttemptResult) -> AttemptResult | None:
    """Train a copy of the original on, from its weights at detection, for the epochs it has
    left (not stopped by detections; findings are still recorded). None: nothing left to do.

    The result carries the original's spec, so its final config retrains it as the user did.
    """
    remaining = original.spec.epochs - original.epochs_run
    if remaining <= 0 or original.interrupted or ctx.stop_flag.requested:
        return None
    if original.extra.get("not_trained"):
        return None  # Keras cannot train it
    if not all(np.isfinite(w).all() for w in original.model.get_weights()):
        ctx.progress.message("  not continuing the original: its weights are no longer finite")
        return None
    try:
        model = keras_spec.build_model(original.spec)
    except ModelSpecError as error:
        ctx.progress.message(f"  cannot continue the original: {error}")
        return None
    keras_spec.transfer_weights(original.model, model)
    description = f"the original, {remaining} more epochs (nothing was accepted)"
    params = {"attempt": CONTINUED, "initial_epoch": original.epochs_run}
    with ctx.recorder.attempt(CONTINUED, params, index=0, total=0, description=description) as run:
        result = ctx.train(
            CONTINUED, model, replace(original.spec, epochs=remaining), stop_on_detection=False
        )
        result.spec = original.spec
        summary = continued_summary(original, result)
        run.finish("continued", summary, interrupted=result.interrupted)
    return result
