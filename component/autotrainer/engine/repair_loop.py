"""The repair loop: try solutions for a detected problem, verify each by retraining.

Profiles:
- `paper`: as the AutoTrainer code does it: each try continues from the weights at detection
  time (layers holding NaN/Inf, and those an operator lists under `FRESH_LAYERS`, restart
  fresh), retrains the full budget, judged with the code's default thresholds
  (`paper_policy.repair_detection`), and is "solved" when no problem fires (accuracy is not
  compared); every entry of the plan is tried (no attempt cap unless `repair.max_attempts`
  is set); after a round the best try of that round with another problem is repaired next,
  unless that problem was handled already (`paper_policy.next_round`; up to
  `PAPER_MAX_ROUNDS`); when nothing is solved the try with the best validation score is kept.
- `default`: each candidate trains from a fresh initialisation (or warm, if configured), is
  stopped as soon as its symptom reappears, and is accepted only when no problem fires AND it
  beats the original's best validation score by `accept_margin`; a candidate that still shows
  the problem but scores better than its base is the base of the next solutions (solutions
  stack); a new problem in a candidate is repaired next (bounded rounds); attempts and wall
  time are budgeted; when nothing is accepted, the original is trained on from where
  detection stopped it to its full budget (as plain training would have;
  `repair.finish_original`) and the best model seen is kept, so the result is never worse
  than the user's own training.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field, replace
from typing import Any

import keras
import numpy as np

from autotrainer.detect import make_detector
from autotrainer.engine.attempt import AttemptResult
from autotrainer.engine.context import JobContext
from autotrainer.errors import ModelSpecError
from autotrainer.problems import AnyProblem, Finding, Problem, SetupProblem
from autotrainer.repair import keras_spec, paper_policy
from autotrainer.repair.operators import attempt_rng, get_operator
from autotrainer.repair.operators.base import FRESH_LAYERS
from autotrainer.repair.plans import plan_for
from autotrainer.repair.spec import TrainingSpec

SOLVED, FAILED, OTHER, STOPPED = "solved", "failed", "other_problem", "stopped_early"
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
    outcome: str
    result: AttemptResult

    def to_dict(self) -> dict[str, Any]:
        r = self.result
        return {
            "attempt": r.name,
            "round": self.round,
            "problem": self.problem.value,
            "solution": self.solution,
            "try": self.try_index,
            "seed": self.result.spec.seed,
            "params": self.params,
            "description": self.description,
            "solutions_applied": list(r.spec.applied),
            "outcome": self.outcome,
            "val_accuracy": r.val_accuracy,
            "val_loss": r.val_loss,
            "epochs_run": r.epochs_run,
            "seconds": round(r.seconds, 3),
            "detections": [f.to_dict() for f in r.findings],
        }


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


def _outcome(result: AttemptResult, problem: AnyProblem, target: float, paper: bool) -> str:
    if result.findings:
        if any(f.problem == problem for f in result.findings):
            return FAILED if paper else STOPPED  # default stops it at the first sign
        return OTHER
    if paper or result.score > target:
        return SOLVED
    return FAILED


def repair(ctx: JobContext, original: AttemptResult, finding: Finding) -> RepairOutcome:
    """Repair `original`, whose first detection is `finding`."""
    cfg = ctx.config.repair
    paper = ctx.config.detection.profile == "paper"
    started = time.perf_counter()
    deadline = (
        math.inf if paper else started + cfg.time_budget_factor * full_training_seconds(original)
    )
    target = original.best_score + cfg.accept_margin
    profile = ctx.config.detection.profile
    max_rounds, max_attempts = cfg.round_budget(profile), cfg.attempt_budget(profile)
    ctx = judging_context(ctx)
    outcome = RepairOutcome()
    base, problem, expanded = original, finding.problem, {original.name}
    tried = {fingerprint(original.spec)}

    for round_no in range(1, max_rounds + 1):
        round_start = len(outcome.attempts)
        for solution, tries in _plan(ctx, problem, round_no):
            for try_index in range(tries):
                if len(outcome.attempts) >= max_attempts:
                    outcome.stop_reason = f"attempt budget of {cfg.max_attempts} spent"
                    return _finish(ctx, outcome, original, paper)
                if time.perf_counter() >= deadline:
                    outcome.stop_reason = "wall-time budget spent"
                    return _finish(ctx, outcome, original, paper)
                if ctx.stop_flag.requested:
                    outcome.stop_reason = "interrupted"
                    return _finish(ctx, outcome, original, paper)
                attempt = run_candidate(
                    ctx,
                    base,
                    problem,
                    solution,
                    try_index,
                    index=len(outcome.attempts) + 1,
                    round_no=round_no,
                    target=target,
                    deadline=deadline,
                    tried=tried,
                )
                if attempt is None:
                    continue
                outcome.attempts.append(attempt)
                verdict = attempt.outcome
                if verdict == SOLVED:
                    outcome.solved = True
                    outcome.final = attempt.result
                    outcome.stop_reason = "repaired"
                    return outcome
                if _stacks(attempt, base, paper):
                    base = attempt.result  # the next solutions build on this one
        if paper:
            nxt, reason = _paper_next(outcome.attempts[round_start:], finding, outcome.attempts)
        else:
            nxt, reason = _next_candidate(outcome, expanded), "no solution left to try"
        if nxt is None:
            outcome.stop_reason = reason
            break
        expanded.add(nxt.result.name)
        base, problem = nxt.result, nxt.result.findings[0].problem
    else:
        outcome.stop_reason = f"round budget of {max_rounds} spent"
    return _finish(ctx, outcome, original, paper)


def _stacks(attempt: RepairAttempt, base: AttemptResult, paper: bool) -> bool:
    """Default profile: a candidate that still shows the problem but scores better than its
    base becomes the base of the next solutions (e.g. SC from full-batch SGD: `adam` helps
    but is too slow with one step per epoch, then `batch` on top of it trains well)."""
    return not paper and attempt.outcome == STOPPED and attempt.result.best_score > base.best_score


def _plan(ctx: JobContext, problem: AnyProblem, round_no: int) -> list[tuple[str, int]]:
    """The profile's plan, or (repair.order = random, the baseline) every solution of the
    paper's plans once, in a seeded random order."""
    if ctx.config.repair.order == "plan":
        return plan_for(problem, ctx.config.detection.profile)
    if isinstance(problem, SetupProblem):  # set-up repairs are not part of the baseline
        return plan_for(problem, ctx.config.detection.profile)
    solutions = sorted({s for p in Problem for s, _ in plan_for(p, "paper")})
    rng = np.random.default_rng([ctx.config.repair.seed, round_no])
    return [(str(solution), 1) for solution in rng.permutation(solutions)]


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
    budget = ctx.config.repair.attempt_budget(ctx.config.detection.profile)
    ctx.progress.attempt_started(name, index, 0 if math.isinf(budget) else int(budget), description)
    if paper or ctx.config.repair.warm_start:
        keras_spec.transfer_weights(base.model, model, fresh=params.get(FRESH_LAYERS, ()))
    params_logged = {
        "solution": solution,
        "try": try_index,
        "round": round_no,
        "problem": problem.value,
        **{f"param.{key}": value for key, value in params.items()},
    }
    callbacks = [] if paper else [_Deadline(deadline), *_patience(ctx)]
    result = ctx.train(name, model, spec, params_logged, extra_callbacks=callbacks)
    verdict = _outcome(result, problem, target, paper)
    attempt = RepairAttempt(
        index, round_no, problem, solution, try_index, params, description, verdict, result
    )
    summary = attempt.to_dict()
    if verdict == SOLVED:
        summary["registered_uri"] = ctx.sink.log_model(
            result.model, "repaired", repaired_summary(ctx.original or base, result)
        )
    ctx.sink.end_attempt(verdict, summary)
    ctx.progress.attempt_finished(name, verdict, summary)
    return attempt


def fingerprint(spec: TrainingSpec) -> str:
    """What makes two candidates the same training (the path that led to it does not)."""
    data = spec.to_dict()
    data.pop("applied")
    return json.dumps(data, sort_keys=True, default=str)


def repaired_summary(original: AttemptResult, final: AttemptResult) -> dict[str, Any]:
    """What the registry needs to describe a repaired version (see record.mlflow_sink)."""
    return {
        "problems": [f.problem.value for f in original.findings],
        "solutions": list(final.spec.applied),
        "val_accuracy_before": original.val_accuracy,
        "val_accuracy_after": final.val_accuracy,
        "val_loss_before": original.val_loss,
        "val_loss_after": final.val_loss,
        "findings": [f.to_dict() for f in original.findings],
        "attempt": final.name,
    }


def _patience(ctx: JobContext) -> list[keras.callbacks.Callback]:
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
        (a.result.findings[0].problem if a.outcome == OTHER else None, a.result.score)
        for a in round_attempts
    ]
    index, reason = paper_policy.next_round(tries, handled)
    return (None, reason) if index is None else (round_attempts[index], "")


def _next_candidate(outcome: RepairOutcome, expanded: set[str]) -> RepairAttempt | None:
    """The best-scoring attempt that showed a different problem and was not repaired yet."""
    others = [a for a in outcome.attempts if a.outcome == OTHER and a.result.name not in expanded]
    return max(others, key=lambda a: a.result.score, default=None)


def _finish(
    ctx: JobContext, outcome: RepairOutcome, original: AttemptResult, paper: bool
) -> RepairOutcome:
    """Nothing accepted: keep the best model seen (default: the original, trained to its full
    budget when configured, counts too)."""
    pool = [a.result for a in outcome.attempts]
    if not paper:
        if ctx.config.repair.finish_original and outcome.stop_reason != "interrupted":
            outcome.continued = finish_original(ctx, original)
        # first: a candidate that only ties the original does not replace it
        pool[:0] = [original, *([outcome.continued] if outcome.continued else [])]
    outcome.final = max(pool, key=lambda r: r.score, default=original)
    return outcome


def finish_original(ctx: JobContext, original: AttemptResult) -> AttemptResult | None:
    """Train a copy of the original on, from its weights at detection, for the epochs it has
    left (not stopped by detections; findings are still recorded). None: nothing left to do.

    The result carries the original's spec, so its final config retrains it as the user did.
    """
    remaining = original.spec.epochs - original.epochs_run
    if remaining <= 0 or original.interrupted or ctx.stop_flag.requested:
        return None
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
    ctx.progress.attempt_started(CONTINUED, 0, 0, description)
    params = {"attempt": CONTINUED, "initial_epoch": original.epochs_run}
    result = ctx.train(
        CONTINUED, model, replace(original.spec, epochs=remaining), params, stop_on_detection=False
    )
    result.spec = original.spec
    summary = continued_summary(original, result)
    ctx.sink.end_attempt("continued", summary)
    ctx.progress.attempt_finished(CONTINUED, "continued", summary)
    return result


def continued_summary(original: AttemptResult, continued: AttemptResult) -> dict[str, Any]:
    """The continuation as the report and the tracking show it (epochs counted from the
    original's start)."""
    return {
        "val_accuracy": continued.val_accuracy,
        "val_loss": continued.val_loss,
        "epochs_run": original.epochs_run + continued.epochs_run,
        "seconds": round(continued.seconds, 3),
        "detections": [f.to_dict() for f in continued.findings],
    }
