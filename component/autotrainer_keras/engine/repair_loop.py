"""The repair loop: try solutions for a detected problem, verify each by retraining.

The rules (which candidates, how each is judged, stacking, rounds, budgets, the final model)
are the pure policy in `repair/policy.py`; this module gives it the Keras side: building and
training a candidate, the time-budget and patience callbacks, recording each attempt, and, when
nothing is accepted under `default`, training the original on from where detection stopped it
to its full budget (`repair.finish_original`, as plain training would have), so the result is
never worse than the user's own training.

Where a candidate starts (`repair.warm_start`, default profile): `initial`, the user's model's
weights as given, taken before the original trained (`repair.warm_start` module: pretrained
layers and nested backbones kept; cold, i.e. freshly initialised, are only the layers whose
initializer the repair changed -- `initial`, `selu`/`relu`/`tanh`, `nonlinear` -- and layers
that are new or changed shape -- `bn`, `leaky`); so `lr_down`, `lr_up`, `adam`, `optimizer`,
`momentum`, `batch`, `gradient`, `clip_rnn`, `ReduceLR`, `lr_default` and `normalize` candidates
are entirely warm. `detection`: the original's weights at detection; `fresh`: all cold.
A first-round candidate that answers a finding of pace with a change of pace continues from
the original's weights at detection for up to a whole budget (`repair.continue_pace`,
`engine.continuation`).

Screening (`repair.screen`, default profile): each round's candidates train a short segment
first (`policy.Screening`); the best of those free of problems train on from where they
stopped (the same watched model and traced functions: `AttemptTraining`), as a new attempt
that `continues` the screened one. A candidate's `patience` stops it once it no longer
improves; `repair.stop_converged` stops it once it would be accepted and the rest of its
budget would add little (`policy.converged`).

Under `paper` the candidates are judged with the original code's default thresholds
(`paper_policy.repair_detection`), continue from the weights at detection time (layers
holding NaN/Inf, and those an operator lists under `FRESH_LAYERS`, restart fresh), and the
next round repairs the best try of the current round unless its problem was handled already
(`paper_policy.next_round`).
"""

from __future__ import annotations

import copy
import json
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import keras
import numpy as np

from autotrainer_keras.detect import make_detector
from autotrainer_keras.detect.signals import start_reference
from autotrainer_keras.engine.acceptance import (
    acceptance_target,
    final_margin,
    lower_loss,
    past_the_prior,
    same_loss,
    target_in_units_of,
)
from autotrainer_keras.engine.attempt import AttemptResult, AttemptTraining
from autotrainer_keras.engine.attempt_summary import continued_summary, summarize
from autotrainer_keras.engine.candidate_stops import (
    Deadline,
    converged_callbacks,
    cut_by_clock,
    full_training_seconds,
    patience_callbacks,
    repair_clock,
)
from autotrainer_keras.engine.context import JobContext
from autotrainer_keras.engine.continuation import continuation_for, continue_from
from autotrainer_keras.engine.keras_arrays import keras_ready
from autotrainer_keras.engine.output_scores import METRIC, harm_sentence, harmed_outputs
from autotrainer_keras.engine.rate_schedules import rate_factor, scaling_sentence
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.history import TrainingHistory
from autotrainer_keras.problems import AnyProblem, Finding
from autotrainer_keras.record.summary import AttemptSummary, RepairChoice
from autotrainer_keras.redact import one_line
from autotrainer_keras.repair import keras_spec, paper_policy, policy
from autotrainer_keras.repair.operators import attempt_rng, get_operator
from autotrainer_keras.repair.operators.base import FRESH_LAYERS, names
from autotrainer_keras.repair.operators.lr_default import rate_to_default
from autotrainer_keras.repair.plans import (
    data_to_fix,
    evidence_for_plan,
    may_catch_up,
    shuffled_first,
    suspected_first,
)
from autotrainer_keras.repair.policy import Outcome
from autotrainer_keras.repair.spec import TrainingSpec
from autotrainer_keras.repair.warm_start import warm_start

CONTINUED = "original-continued"
WEIGHTS_AT_DETECTION = "original_weights"
"""`AttemptResult.extra` key of an original trained on in place (a model its config cannot
build again: practice batch 58's lambda activation): the weights it had at detection, put
back when the original, not its continuation, ends the job (`restore_original`)."""


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
    continues: str = ""  # the screened attempt this one trained on from

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


def repair(ctx: JobContext, original: AttemptResult, finding: Finding) -> RepairOutcome:
    """Repair `original`, whose first detection is `finding` (rules: `repair.policy`)."""
    cfg = ctx.config.repair
    paper = ctx.config.detection.profile == "paper"
    data = None if paper else data_to_fix(original.findings)
    if data is not None:  # the validation rows must change, not the training
        ctx.progress.message(f"  no candidate tried: {data.problem.value} (fix the data)")
        reason = f"the validation data must be fixed first ({data.problem.value})"
        return _finish(ctx, RepairOutcome(stop_reason=reason), original, paper)
    clock = repair_clock(original)
    started = clock()
    profile = ctx.config.detection.profile
    budget = cfg.time_budget_factor * full_training_seconds(
        original, cpu=clock is time.process_time
    )
    if original.extra.get("not_trained"):  # nothing to measure the budget by
        budget = math.inf
    limits = policy.limits_for(
        paper, cfg.attempt_budget(profile), cfg.round_budget(profile), budget, started
    )
    target = acceptance_target(original, cfg)
    tried = {fingerprint(original.spec)}
    ctx = judging_context(ctx)
    screening = policy.screening_for(
        cfg.screening(profile), original.spec.epochs, cfg.screen_fraction,
        cfg.screen_min_epochs, cfg.screen_keep,
    )  # fmt: skip
    live: dict[str, AttemptTraining] = {}
    evidence = evidence_for_plan(original.findings)

    def try_candidate(
        base: Any, problem: AnyProblem, solution: str, try_index: int, index: int, round_no: int
    ) -> RepairAttempt | None:
        return run_candidate(
            ctx, base, problem, solution, try_index, index=index, round_no=round_no,
            target=target, deadline=limits.deadline, clock=clock, tried=tried,
        )  # fmt: skip

    def screen_candidate(
        base: Any, problem: AnyProblem, solution: str, try_index: int, index: int, round_no: int
    ) -> RepairAttempt | None:
        assert screening is not None
        return run_candidate(
            ctx, base, problem, solution, try_index, index=index, round_no=round_no,
            target=target, deadline=limits.deadline, clock=clock, tried=tried,
            screen_epochs=screening.epochs, live=live,
        )  # fmt: skip

    def continue_candidate(screened: RepairAttempt, index: int) -> RepairAttempt:
        return continue_screened(ctx, screened, live.pop(screened.result.name), index, target)

    def paper_next(
        round_attempts: list[RepairAttempt], chain: list[RepairAttempt]
    ) -> tuple[RepairAttempt | None, str]:
        return _paper_next(round_attempts, finding, chain)

    done = policy.run_policy(
        original,
        finding.problem,
        paper=paper,
        limits=limits,
        plan=lambda problem, round_no: shuffled_first(suspected_first(
            policy.candidates(
                problem,
                profile,
                cfg.order,
                cfg.seed,
                round_no,
                evidence if round_no == 1 else None,  # later: another candidate's problem
            ),
            original.findings if round_no == 1 and cfg.order == "plan" else [],
            rate_to_default(original.spec), cfg.stall_rate_factor,
        ), original.spec.shuffle or paper or round_no > 1, problem),  # fmt: skip
        try_candidate=try_candidate,
        clock=clock,
        stop_requested=lambda: ctx.stop_flag.requested,
        next_round=paper_next if paper else None,
        screening=screening,
        screen_candidate=screen_candidate,
        continue_candidate=continue_candidate,
    )
    live.clear()  # screened candidates that did not train on: their models are in `attempts`
    outcome = RepairOutcome(attempts=done.attempts, stop_reason=done.stop_reason)
    if done.accepted is not None:
        outcome.solved, outcome.final = True, done.accepted.result
        return outcome if paper else confirmed_over_original(ctx, outcome, original)
    return _finish(ctx, outcome, original, paper)


def confirmed_over_original(
    ctx: JobContext, outcome: RepairOutcome, original: AttemptResult
) -> RepairOutcome:
    """A weak repair (less than `repair.confirm_progress` of the way from chance, or from
    the constant predictor's loss) accepted over an original its detection stopped early
    stands only if it also beats the original trained on to its whole budget
    (`finish_original`, as plain training would have): the best score so far of an original
    stopped at epoch 3 of 12 understates it (practice batch 26: `selu` accepted at 0.505 of
    4 classes over a PointNet stopped at slow convergence, whose plain full training
    reached 0.533; a DeepSets counter's MSE 5.01 against plain 4.26, the mean's 7.4). When
    the trained-on original scores at least as well, or the repair leaves one of its outputs
    or accuracy-like metrics meaningfully worse than it (`output_scores.harmed_outputs`), the
    job ends unrepaired with it, the finding standing. For a loss whose constant predictor
    is unknown, the loss the training started from stands in (`_reference_loss`).
    Checked only for an original whose first training finding is a stall
    or unscaled data (`plans.may_catch_up`); a dying-ReLU, vanishing- or exploding-
    gradient or oscillating original is not trained on (the second zoo's noisy-label
    tasks, whose every repair is "weak" by the chance rule, spent 40 % of a job on it for no
    change). A strong repair is not checked: no training time spent."""
    cfg, accepted = ctx.config.repair, outcome.final
    stopped_early = original.epochs_run < original.spec.epochs and not original.interrupted
    if accepted is None or not cfg.finish_original or not stopped_early:
        return outcome
    if not may_catch_up(original.findings):  # weights gone wrong: no catching up
        return outcome
    history = original.history
    if not policy.weak_repair(accepted.best_score, history.chance_accuracy,
                              _reference_loss(ctx, history), not history.task.has_accuracy,
                              cfg.confirm_progress):  # fmt: skip
        return outcome
    ctx.progress.message("  the repair is weak: training the original to its budget to "
                         "compare")  # fmt: skip
    outcome.continued = finish_original(ctx, original)
    continued = outcome.continued
    if continued is None:
        return outcome
    harmed = harmed_outputs(continued, accepted, cfg)
    if not (continued.best_score >= accepted.best_score or harmed):
        return outcome
    name = next((a.solution for a in outcome.attempts if a.result is accepted), "repair")
    outcome.solved, outcome.final = False, continued
    outcome.stop_reason = (f"the accepted {name} scored no better than the original trained "
                           "to its whole budget")  # fmt: skip
    if harmed and not continued.best_score >= accepted.best_score:
        worse = ", ".join(n.removeprefix(METRIC) for n in harmed)
        outcome.stop_reason = (f"the accepted {name} left {worse} worse than the original "
                               "trained to its whole budget")  # fmt: skip
    return outcome


def _reference_loss(ctx: JobContext, history: TrainingHistory) -> float | None:
    """The constant predictor's loss, or for a loss it is not known for (a loss of the
    user's own) the loss the training started from (`detect.signals.start_reference`, as
    progress is read there): practice batch
    61's distilled student, a `lr_up` repair accepted by its loss over an original stopped
    at epoch 9 of 30 ended 8 points of hard-label accuracy below plain training; with no
    reference it was never compared with the original trained on."""
    if history.baseline_loss is not None and history.baseline_loss > 0:
        return history.baseline_loss
    start = start_reference(history.step_losses, ctx.config.detection.default.eg_reference_steps)
    return start if math.isfinite(start) else None


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
    clock: Callable[[], float] = time.process_time,
    tried: set[str] | None = None,
    screen_epochs: int = 0,
    live: dict[str, AttemptTraining] | None = None,
    score_metric_only: bool = False,
) -> RepairAttempt | None:
    """Apply one solution to `base`'s spec, retrain, and judge it (None: does not apply).

    The single-step loop and the scale-out pipeline (one candidate per task) both call this.
    `tried` holds fingerprints of specs trained already: a candidate equal to one of them is
    skipped (e.g. `adam` reached again in a later round). `screen_epochs` > 0: train only that
    many epochs; a candidate free of problems then ends `Outcome.SCREENED`, its training kept
    in `live` under its name (`continue_screened` trains it on). A candidate whose training
    the model's own metrics cannot take (`candidate_errors`: a metric written for one output
    unit, given an `output_pair` softmax) is trained again with the job's score metric alone
    (`score_metric_only`); one that still fails does not apply.
    """
    paper = ctx.config.detection.profile == "paper"
    facts = ctx.setup.facts if ctx.setup is not None else None
    input_facts = ctx.setup.input_facts if ctx.setup is not None else None
    output_facts = getattr(ctx.setup, "output_facts", None)  # a multi-output model's
    if rng is None:  # reproducible from (repair.seed, solution, try, round) alone
        rng = attempt_rng(ctx.config.repair.seed, solution, try_index, round_no)
    try:  # a data operator without the data's facts (a multi-output model's) does not apply
        named = next((f.outputs for f in base.findings if f.problem == problem and f.outputs), ())
        operator = get_operator(solution, ctx.config.detection.profile, facts, input_facts,
                                output_facts, named)  # fmt: skip
        spec, params = operator.apply(base.spec, try_index, rng)
        if score_metric_only:
            spec = spec.evolve(metrics=spec.metrics[:1])
        if tried is not None and fingerprint(spec) in tried:
            raise ModelSpecError("the same model and settings were trained already")
        model = keras_spec.build_model(spec)
    except ModelSpecError as error:  # does not apply to this model: costs nothing
        ctx.progress.message(f"  skipping {solution}: {error}")
        if str(error).startswith(keras_spec.UNBUILT):
            ctx.unbuilt.append(f"{solution}: {error}")
        return None
    if tried is not None:
        tried.add(fingerprint(spec))
    name = f"repair-{index}-{solution}"
    continuation = continuation_for(ctx, base, problem, operator, spec.epochs, bool(screen_epochs))
    if continuation is None:
        start, trained = start_weights(ctx, base, model, spec, params, paper), spec
    else:  # from the original's weights at detection
        start = continue_from(base, model, continuation)
        trained = replace(spec, epochs=continuation.epochs)
        params = {**params, "initial_epoch": continuation.after_epochs}
    description = f"{operator.describe(params)} {start}"
    description += scaling_sentence(
        ctx.user_callbacks, rate_factor((ctx.original or base).spec, spec), ctx.rate_setters
    )
    if screen_epochs:
        description += f" Screened for {screen_epochs} epochs."
    if score_metric_only:
        description += (" Trained with the job's score metric alone: the model's own metrics "
                        "cannot take the change.")  # fmt: skip
    params_logged = {
        "solution": solution,
        "try": try_index,
        "round": round_no,
        "problem": problem.value,
        "start": start,
        **{f"param.{key}": value for key, value in params.items()},
    }
    if not paper:  # another loss (output_pair): the original read in the candidate's units
        judged = ctx.original or base
        target = target_in_units_of(judged, spec, ctx.data, keras_ready(ctx.data.x_val),
                                    ctx.config.repair) or target  # fmt: skip
    try:
        return _trained_candidate(ctx, base, problem, solution, try_index, params, spec,
                                  trained, model, name, description, params_logged,
                                  index=index, round_no=round_no, target=target,
                                  deadline=deadline, clock=clock, screen_epochs=screen_epochs,
                                  live=live)  # fmt: skip
    except candidate_errors() as error:  # the user's metric or loss cannot take the change
        reason = one_line(str(error))[:300]
        if not score_metric_only and spec.output_metrics is None and len(spec.metrics) > 1:
            ctx.progress.message(f"  {solution}: the model's own metrics cannot take the "
                                 f"change ({reason}); trained again with "
                                 f"{_metric_name(spec.metrics[0])} alone")  # fmt: skip
            return run_candidate(ctx, base, problem, solution, try_index, None, index=index,
                                 round_no=round_no, target=target, deadline=deadline,
                                 clock=clock, tried=tried, screen_epochs=screen_epochs,
                                 live=live, score_metric_only=True)  # fmt: skip
        ctx.progress.message(f"  {solution} cannot be trained with this job's loss and "
                             f"metrics, skipped: {reason}")  # fmt: skip
        return None


def _metric_name(metric: str | dict[str, Any]) -> str:
    if isinstance(metric, str):
        return metric
    inner = metric.get("config")  # a function of the user's own: its name as a string
    named = inner.get("name") if isinstance(inner, dict) else inner
    return str(named or metric.get("class_name") or "the score")


def candidate_errors() -> tuple[type[Exception], ...]:
    """What a candidate's training raises when the user's own metrics or loss cannot take
    what the candidate changed (a metric written for one output unit, given the five of an
    `output_pair` softmax: held-out practice batch 33): Python's value and type errors, and
    TensorFlow's op errors."""
    errors: tuple[type[Exception], ...] = (ValueError, TypeError)
    tensorflow = sys.modules.get("tensorflow")
    if tensorflow is not None:
        errors += (tensorflow.errors.OpError,)
    return errors


def _trained_candidate(
    ctx: JobContext, base: AttemptResult, problem: AnyProblem, solution: str, try_index: int,
    params: dict[str, Any], spec: TrainingSpec, trained: TrainingSpec, model: keras.Model,
    name: str, description: str, params_logged: dict[str, Any], *, index: int, round_no: int,
    target: float, deadline: float, clock: Callable[[], float], screen_epochs: int,
    live: dict[str, AttemptTraining] | None,
) -> RepairAttempt:  # fmt: skip
    """`run_candidate`'s training and judgement of the built candidate `model`."""
    paper = ctx.config.detection.profile == "paper"
    with ctx.recorder.attempt(
        name, params_logged, index=index, total=_shown_total(ctx), description=description
    ) as run:
        by_loss = not ctx.task.has_accuracy
        callbacks = [] if paper else [Deadline(deadline, target, by_loss, clock),
                                      *patience_callbacks(ctx)]  # fmt: skip
        if not paper:
            callbacks += converged_callbacks(ctx, target, trained.epochs)
        training = ctx.start(name, model, trained, extra_callbacks=callbacks)
        training.fit(screen_epochs or trained.epochs)
        result = ctx.result_of(training)
        result.spec = spec  # a continued candidate's config still retrains the whole budget
        description += _cut_sentence(training, result)
        found = [f.problem for f in result.findings]
        if _screened(result, screen_epochs):
            verdict = Outcome.SCREENED
            result = replace(result, history=copy.deepcopy(result.history))  # a snapshot
            if live is not None:
                live[name] = training
        else:
            judged_by = ctx.original or base
            harmed = [] if paper else harmed_outputs(judged_by, result, ctx.config.repair)
            prior = not paper and past_the_prior(judged_by, result, ctx.config.repair)
            verdict = policy.judge(found, problem, result.score, target, paper,
                                   lower_loss=lower_loss(judged_by, result),
                                   tie_at=judged_by.best_score, harmed=harmed,
                                   past_prior=prior)  # fmt: skip
            description += harm_sentence(harmed if not found else [])
        attempt = RepairAttempt(
            index, round_no, problem, solution, try_index, params, description, verdict, result
        )
        summary = attempt.summary()
        if verdict is Outcome.SOLVED:
            original = summarize(ctx.original or base)
            ctx.sink.log_model(result.model, "repaired", summary, original=original)
        run.finish(verdict, summary, interrupted=result.interrupted)
    return attempt


def _cut_sentence(training: AttemptTraining, result: AttemptResult) -> str:
    """Marks a candidate the repair's time budget stopped half-trained
    (`result.extra["cut_by_time_budget"]`: its epochs) and says so; '' when it was not."""
    cut = cut_by_clock(training.callbacks)
    if cut is None:
        return ""
    result.extra["cut_by_time_budget"] = cut
    return f" Stopped by the repair's time budget after {cut} epoch(s), below the target."


def _screened(result: AttemptResult, screen_epochs: int) -> bool:
    """The screening segment ran to its end free of problems, with epochs left to train."""
    return bool(
        screen_epochs
        and not result.findings
        and not result.interrupted
        and screen_epochs <= result.epochs_run < result.spec.epochs
    )


def _shown_total(ctx: JobContext) -> int:
    budget = ctx.config.repair.attempt_budget(ctx.config.detection.profile)
    return 0 if math.isinf(budget) else int(budget)  # 0: no cap shown


def start_weights(
    ctx: JobContext,
    base: AttemptResult,
    model: keras.Model,
    spec: TrainingSpec,
    params: dict[str, Any],
    paper: bool,
) -> str:
    """Give a freshly built candidate its starting weights; returns a sentence saying which.

    Paper profile, or `repair.warm_start: detection`: the base's weights at detection (layers
    an operator lists under `FRESH_LAYERS` and non-finite ones fresh). `initial` (default):
    the user's weights as given (`repair.warm_start`). `fresh`, or no given weights known:
    the new model's own random initialisation.
    """
    mode = ctx.config.repair.warm_start
    if paper or mode == "detection":
        copied = keras_spec.transfer_weights(base.model, model, fresh=params.get(FRESH_LAYERS, ()))
        return f"Starts from the weights at detection ({len(copied)} layers; the rest fresh)."
    if mode == "initial" and ctx.initial is not None:
        warm = warm_start(ctx.initial, model, spec.model)
        if not warm.fresh:
            return "Starts from the given weights (warm)."
        if not warm.given:
            return "Starts from a fresh initialisation (cold: every layer re-initialised)."
        return (
            f"Starts from the given weights, except {names(warm.fresh)} (fresh: new "
            "initializer, new layer or new shape)."
        )
    return "Starts from a fresh initialisation (cold)."


def continue_screened(
    ctx: JobContext,
    screened: RepairAttempt,
    training: AttemptTraining,
    index: int,
    target: float,
) -> RepairAttempt:
    """Train a screened candidate on from where its screening stopped to its full budget
    (same model, optimizer state, history and callbacks), as a new attempt judged like any."""
    name = f"repair-{index}-{screened.solution}"
    training.name = name
    spec = screened.result.spec
    epoch = training.epochs_done
    description = f"{screened.description} Trained on from epoch {epoch} (among the best screened)."
    params_logged = {
        "solution": screened.solution,
        "try": screened.try_index,
        "round": screened.round,
        "problem": screened.problem.value,
        "continues": screened.result.name,
        "initial_epoch": epoch,
    }
    with ctx.recorder.attempt(
        name, params_logged, index=index, total=_shown_total(ctx), description=description
    ) as run:
        training.fit(spec.epochs)
        result = ctx.result_of(training)
        description += _cut_sentence(training, result)
        found = [f.problem for f in result.findings]
        harmed = harmed_outputs(ctx.original or screened.result, result, ctx.config.repair)
        verdict = policy.judge(found, screened.problem, result.score, target, paper=False,
                               lower_loss=lower_loss(ctx.original, result),
                               tie_at=(ctx.original or screened.result).best_score,
                               harmed=harmed,
                               past_prior=past_the_prior(ctx.original or screened.result,
                                                         result, ctx.config.repair))  # fmt: skip
        description += harm_sentence(harmed if not found else [])
        attempt = RepairAttempt(
            index, screened.round, screened.problem, screened.solution, screened.try_index,
            screened.params, description, verdict, result, continues=screened.result.name,
        )  # fmt: skip
        summary = attempt.summary()
        if verdict is Outcome.SOLVED:
            original = summarize(ctx.original or screened.result)
            ctx.sink.log_model(result.model, "repaired", summary, original=original)
        run.finish(verdict, summary, interrupted=result.interrupted)
    return attempt


def fingerprint(spec: TrainingSpec) -> str:
    """What makes two candidates the same training (the path that led to it does not)."""
    data = spec.to_dict()
    data.pop("applied")
    return json.dumps(data, sort_keys=True, default=str)


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
    trained_on = {a.continues for a in outcome.attempts}  # their screened models trained on
    tried = [a.result for a in outcome.attempts if a.result.name not in trained_on]
    if not paper:  # nor in the original's place a model that made an output worse
        tried = [r for r in tried if not harmed_outputs(original, r, ctx.config.repair)]
    if not original.history.task.has_accuracy:  # losses of other units are no scores to rank
        tried = [r for r in tried if same_loss(original.spec, r.spec)]
    cfg = ctx.config.repair
    outcome.final = policy.choose_final(original, kept, tried, paper, final_margin(original, cfg))
    restore_original(outcome, original)
    return outcome


def restore_original(outcome: RepairOutcome, original: AttemptResult) -> None:
    """The original's weights at detection back in its model when its continuation trained
    that very model on (`WEIGHTS_AT_DETECTION`) and the original itself ends the job."""
    continued = outcome.continued
    if continued is None or outcome.final is not original:
        return
    before = continued.extra.get(WEIGHTS_AT_DETECTION)
    if before is not None:
        original.model.set_weights(before)


def finish_original(ctx: JobContext, original: AttemptResult) -> AttemptResult | None:
    """Train a copy of the original on, from its weights and its optimizer's state at
    detection, for the epochs it has left (not stopped by detections; findings are still
    recorded), as one longer `fit` would have; the original model itself when its config
    cannot build a copy (`WEIGHTS_AT_DETECTION`). None: nothing left to do.

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
    before: list[np.ndarray] | None = None
    try:
        model = keras_spec.build_model(original.spec)
        keras_spec.transfer_weights(original.model, model)
    except ModelSpecError as error:  # its config cannot build it again: train it in place
        why = one_line(str(error))[:160]
        ctx.progress.message(f"  continuing the original model itself: {why}")
        model, before = original.model, original.model.get_weights()
    description = f"the original, {remaining} more epochs (nothing was accepted)"
    params = {"attempt": CONTINUED, "initial_epoch": original.epochs_run}
    with ctx.recorder.attempt(CONTINUED, params, index=0, total=0, description=description) as run:
        training = ctx.start(
            CONTINUED, model, replace(original.spec, epochs=remaining), stop_on_detection=False
        )
        trained = ctx.original_training
        if trained is not None and trained.model is original.model:  # its optimizer goes on
            keras_spec.transfer_optimizer_state(
                trained.watched.optimizer,
                training.watched.optimizer,
                training.watched.trainable_variables,
            )
        training.fit(remaining)
        result = ctx.result_of(training)
        result.spec = original.spec
        if before is not None:
            result.extra[WEIGHTS_AT_DETECTION] = before
        summary = continued_summary(original, result)
        run.finish("continued", summary, interrupted=result.interrupted)
    return result
