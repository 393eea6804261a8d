"""The repair policy, pure: which candidates, in what order, how each is judged, when to stop,
and which model the job ends with. No Keras, no tracking: the in-process loop
(`engine.repair_loop`) and the scale-out pipeline (`engine.scaleout`) both drive it, and its
tests script every branch with plain numbers.

    outcome = run_policy(original, finding.problem, paper=False, limits=limits,
                         plan=plan, try_candidate=train_one, clock=time.perf_counter,
                         stop_requested=lambda: flag.requested)

Profiles:
- `paper`: a try is "solved" when no problem fires (accuracy is not compared); a try that
  shows another problem is a candidate for the next round; nothing solved: the best try is
  kept, even when worse than the original.
- `default`: accepted only when no problem fires AND it beats the original's best validation
  score by `accept_margin` AND (multi-output) leaves no output's own validation metric
  meaningfully worse (`harmed_outputs`); a try that still shows the problem (stopped early)
  but scores better than its base is the base of the next solutions (solutions stack);
  nothing accepted: the best model seen is kept, the original (and its continuation)
  included, ties to the original.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

import numpy as np

from autotrainer_keras.measure.curve_slope import relative_fall, theil_sen_slope
from autotrainer_keras.problems import (
    AnyProblem,
    Finding,
    Problem,
    SetupProblem,
    retrain_checked,
)
from autotrainer_keras.repair.plans import Plan, plan_for


class Outcome(StrEnum):
    """How one candidate ended (report.json `repairs[].outcome`)."""

    SOLVED = "solved"
    FAILED = "failed"
    OTHER = "other_problem"
    STOPPED = "stopped_early"
    SCREENED = "screened"  # default profile: free of problems after its screening epochs


class Scored(Protocol):
    """A trained model as the policy sees it (engine: `AttemptResult`)."""

    @property
    def name(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def best_score(self) -> float: ...
    @property
    def findings(self) -> list[Finding]: ...


R = TypeVar("R", bound=Scored)


class Tried(Protocol):
    """A judged candidate (engine: `RepairAttempt`)."""

    @property
    def outcome(self) -> str: ...
    @property
    def result(self) -> Scored: ...


A = TypeVar("A", bound=Tried)


def judge(
    found: Sequence[AnyProblem],
    problem: AnyProblem,
    score: float,
    target: float,
    paper: bool,
    *,
    lower_loss: bool = False,
    tie_at: float | None = None,
    harmed: Sequence[str] = (),
    past_prior: bool = False,
) -> Outcome:
    """One candidate's outcome from the problems it showed and its validation score.

    `lower_loss` (default profile, tasks with an accuracy): the candidate's best validation
    loss is below the original's, which breaks a tie at `tie_at` (the original's best; None:
    the target): an easy task's accuracy ceiling (298 of 300) reached again by a candidate
    that no longer diverges is a repair. `harmed` (default profile, multi-output): the
    outputs it made meaningfully worse (`harmed_outputs`); any: not accepted. `past_prior`
    (default profile): the original's loss never fell well below the constant predictor's
    and the candidate's did (`acceptance.past_the_prior`): accepted at
    `tie_at` or above, where rare positives leave the accuracy target out of reach.
    """
    if found:
        if problem in found:
            return Outcome.FAILED if paper else Outcome.STOPPED  # default stops at the first sign
        return Outcome.OTHER
    if harmed and not paper:
        return Outcome.FAILED
    tied = target if tie_at is None else tie_at
    tie = lower_loss and math.isfinite(tied) and math.isclose(score, tied, abs_tol=1e-9)
    prior = past_prior and math.isfinite(tied) and score >= tied
    if paper or score > target or tie or prior:
        return Outcome.SOLVED
    return Outcome.FAILED


def acceptance_target(
    original_best: float,
    accept_margin: float,
    *,
    by_loss: bool = False,
    baseline_loss: float | None = None,
    min_loss_gain: float = 0.0,
    chance: float | None = None,
    over_chance: float = 0.0,
) -> float:
    """The score a candidate must beat to be accepted (default profile).

    Scores are higher-is-better: validation accuracy, or minus the validation loss when the
    task has no accuracy (`by_loss`: regression, ...). Judged by accuracy, the target is the
    original's best plus `accept_margin`, and at least the majority class's accuracy
    (`chance`, None: unknown) plus `over_chance`: an original worse than chance is not
    repaired by a candidate at it. Judged by loss, a gain must also be meaningful for
    the scale of the loss: the candidate's loss must end below the original's best by
    `min_loss_gain` x the larger of that loss and the constant predictor's (`baseline_loss`),
    and below the constant predictor's loss itself (a model worse than predicting the mean
    is not repaired). E.g. 1788.5 -> 1788.3 with a constant predictor at 900 is no repair.
    """
    if not by_loss:
        floor = chance + over_chance if chance is not None and math.isfinite(chance) else -math.inf
        return max(original_best + accept_margin, floor)
    best_loss = -original_best
    baseline = baseline_loss if baseline_loss is not None and math.isfinite(baseline_loss) else None
    needed = math.inf
    if math.isfinite(best_loss):
        scale = max(abs(best_loss), abs(baseline) if baseline is not None else 0.0)
        needed = best_loss - max(accept_margin, min_loss_gain * scale)
    if baseline is not None:
        needed = min(needed, baseline)
    return -needed


def harmed_outputs(
    original: Mapping[str, float], candidate: Mapping[str, float], tolerance: Mapping[str, float]
) -> list[str]:
    """The outputs of a multi-output model whose own validation score (higher is better: its
    accuracy, or minus its loss) the candidate lowers by more than `tolerance` of that output
    (an output missing from `tolerance`: any fall). Only outputs scored alike in both are
    given; a non-finite score of the original's is no standard, one of the candidate's where
    the original's is finite is harm. The total loss weighs the outputs by their loss units
    and weights: practice batch 3's `multi_io_raw_ink` has an MSE head in raw units at ~60
    (weight 0.5) next to a class head at ~2.3, so a candidate can lower the total by the
    regression head alone while the class head gets worse."""
    return [
        name
        for name, before in original.items()
        if name in candidate
        and math.isfinite(before)
        and not candidate[name] >= before - tolerance.get(name, 0.0)  # NaN: harmed
    ]


def stacks(outcome: str, best_score: float, base_best_score: float, paper: bool) -> bool:
    """Default profile: a candidate that still shows the problem but scores better than its
    base becomes the base of the next solutions (e.g. SC from full-batch SGD: `adam` helps
    but is too slow with one step per epoch, then `batch` on top of it trains well; first zoo
    rnn-mnist1d-sc-2: `adam` barely above chance, `lr_up` on top of it 0.27, each alone at
    chance: a base near chance is still a base)."""
    return not paper and outcome == Outcome.STOPPED and best_score > base_best_score


def candidates(
    problem: AnyProblem, profile: str, order: str, seed: int, round_no: int,
    finding: Finding | None = None,
) -> Plan:  # fmt: skip
    """The solutions to try, with tries each: the profile's plan (`plan_for`, which may read
    the `finding` of `problem`), or (order "random", the baseline) every solution of the
    paper's plans once, in an order seeded by (seed, round). Set-up problems (pre-flight
    findings) always get their plan: not part of the baseline."""
    if order == "plan" or isinstance(problem, SetupProblem):
        return plan_for(problem, profile, finding)
    solutions = sorted({s for p in Problem for s, _ in plan_for(p, "paper")})
    rng = np.random.default_rng([seed, round_no])
    return [(str(solution), 1) for solution in rng.permutation(solutions)]


def still_falling(val_losses: Sequence[float], window: int, min_fall: float) -> bool:
    """The validation loss is still falling at the end of the budget: over its last `window`
    epochs (all of them present and finite) its robust slope falls by at least `min_fall` of
    its level per epoch. A job with no problem found then tries more epochs (`more_epochs`)."""
    last = list(val_losses)[-window:]
    if len(last) < window or not all(math.isfinite(v) for v in last):
        return False
    fall = relative_fall(last)
    return math.isfinite(fall) and fall >= min_fall


def reachable(target: float, by_accuracy: bool) -> bool:
    """A candidate's score can beat `target`: an accuracy never exceeds 1, so an original at
    (or, with the margin, within the margin of) full validation accuracy leaves a candidate
    judged by it nothing to win (`more_epochs` is then not tried: practice batch 44's healthy
    seq2seq jobs trained half their budget again to be refused at 1.000)."""
    return math.isfinite(target) and (not by_accuracy or target < 1.0)


def converged(
    val_losses: Sequence[float],
    score: float,
    target: float,
    window: int,
    remaining: int,
    max_fall: float,
    val_accuracies: Sequence[float] = (),
    max_gain: float = math.inf,
) -> bool:
    """A candidate may stop early (default profile): it would be accepted now (`score`, the
    score it would end with, beats `target`) and its curve has settled, so the rest of its
    budget would add little. Over its last `window` epochs (all present and finite, the loss
    above 0) the validation loss's robust slope, carried on over the `remaining` epochs,
    changes it by less than `max_fall` of its level, either way, and, when `val_accuracies`
    are given, the validation accuracy's robust slope carried on so rises by less than
    `max_gain` (a slow learner's accuracy can climb on an almost flat loss). A rising loss
    has not settled: an unstable candidate (a rate still too high) can bounce back below its
    best, and an overfitting one is stopped by patience with its best weights kept. A linear
    projection overstates what a settling curve has left, so the stop errs on training on.
    A loss at or below 0 (cosine similarity) has no level: never."""
    last = list(val_losses)[-window:]
    if window < 1 or len(last) < window or not all(math.isfinite(v) for v in last):
        return False
    left = max(0, remaining)
    fall = relative_fall(last)
    if not (math.isfinite(fall) and abs(fall) * left < max_fall and score > target):
        return False
    if not val_accuracies:
        return True
    accuracies = list(val_accuracies)[-window:]
    gain = theil_sen_slope(accuracies) if len(accuracies) == window else math.nan
    return math.isfinite(gain) and gain * left < max_gain


def extra_epochs(epochs: int, fraction: float) -> int:
    """Epochs the `more_epochs` candidate trains on: `fraction` of the budget, at least 1
    (0 when `fraction` is 0: switched off)."""
    return 0 if fraction <= 0 else max(1, math.ceil(fraction * epochs))


@dataclass(frozen=True)
class Screening:
    """Successive halving of a round's candidates (default profile; `RepairConfig.screen`).

    Every candidate of the round trains `epochs` first; a candidate that shows a problem in
    them ends there (as it would have without screening: the default profile stops at the
    first sign); of those still free of problems (`Outcome.SCREENED`) the best `keep`
    fraction, rounded up, train on from where they stopped, best first, until one is
    accepted. Acceptance is unchanged (`judge` on the whole training).

    Attributes:
        epochs: Epochs of the screening segment (below the epoch budget).
        keep: Fraction of the screened candidates that train on (0 < keep <= 1).
    """

    epochs: int
    keep: float


def screening_for(
    enabled: bool, epochs: int, fraction: float, min_epochs: int, keep: float
) -> Screening | None:
    """The screening of a training of `epochs` epochs: `fraction` of them, at least
    `min_epochs`; None when switched off or when that leaves no epoch to save."""
    screen = max(min_epochs, math.ceil(fraction * epochs))
    return Screening(screen, keep) if enabled and screen < epochs else None


def survivors(screened: Sequence[A], keep: float) -> list[A]:
    """The screened candidates that train on: of those free of problems, the best
    ceil(`keep` x their number) by best validation score; ties keep the plan's order."""
    clean = [a for a in screened if a.outcome == Outcome.SCREENED]
    count = math.ceil(keep * len(clean) - 1e-9)
    ranked = sorted(range(len(clean)), key=lambda i: (-clean[i].result.best_score, i))
    return [clean[i] for i in ranked[:count]]


@dataclass(frozen=True)
class Limits:
    """The repair's budgets.

    Attributes:
        max_attempts: Candidates trained at most (math.inf: no cap, the paper's default).
        max_rounds: Rounds (a new problem in a candidate starts the next round).
        deadline: Clock value after which no candidate starts (math.inf: none).
    """

    max_attempts: float
    max_rounds: int
    deadline: float = math.inf


def limits_for(
    paper: bool, max_attempts: float, max_rounds: int, time_budget: float, started: float
) -> Limits:
    """The budgets of a profile (attempts and rounds from `RepairConfig.attempt_budget` /
    `round_budget`): the paper has no time budget."""
    return Limits(
        max_attempts=max_attempts,
        max_rounds=max_rounds,
        deadline=math.inf if paper else started + time_budget,
    )


def stop_reason(tried: int, limits: Limits, now: float, stop_requested: bool) -> str | None:
    """Why no further candidate may start, or None."""
    if tried >= limits.max_attempts:
        return f"attempt budget of {limits.max_attempts:g} spent"
    if now >= limits.deadline:
        return "time budget spent"
    if stop_requested:
        return "interrupted"
    return None


def next_base(attempts: Sequence[A], expanded: set[str]) -> A | None:
    """The best-scoring attempt that showed a different problem and was not repaired yet."""
    others = [a for a in attempts if a.outcome == Outcome.OTHER and a.result.name not in expanded]
    return max(others, key=lambda a: a.result.score, default=None)


def choose_final(
    original: R, kept: Sequence[R], tried: Sequence[R], paper: bool, margin: float = 0.0
) -> R:
    """Nothing accepted: the model the job ends with. `kept` are the original and, when it
    was trained on, its continuation (the later on a tie); the best of them stays unless a
    tried candidate scores
    more than `margin` above it (default profile: a meaningful gain, `final_margin`; a
    candidate that only ties them, or beats them by a hair at chance, does not replace the
    user's model). The paper keeps its best try, even when worse than the original."""
    if paper:
        return max(tried, key=_ranked, default=original)
    # on a tie the continuation (the user's full budget, as their own fit) is kept: held-out
    # batch 33's inverted class weights, at the base rate either way, ended on the original
    # stopped at detection (val loss 0.210) beside its continuation at the plain fit's 0.191
    best_kept = max(reversed(kept), key=_ranked, default=original)
    best_tried = max(tried, key=_ranked, default=None)
    if best_tried is not None and _ranked(best_tried) > _ranked(best_kept) + margin:
        return best_tried
    return best_kept


def _ranked(result: Scored) -> float:
    """A score to rank by: NaN (a diverged training) below every number."""
    return result.score if not math.isnan(result.score) else -math.inf


def final_margin(
    original_best: float, by_loss: bool, accuracy_margin: float, min_loss_gain: float
) -> float:
    """How far above the kept model a candidate that was not accepted must score to end an
    unrepaired job in its place (`choose_final`, default profile): `accuracy_margin` of
    validation accuracy, or, judged by loss, `min_loss_gain` of the original's best loss
    (scores are minus losses). Practice batch 5's `cnn_l2_1` ended on a candidate at 0.1028
    against the original's 0.1000 (10 classes: both at chance) with a validation loss of 3.56
    against 2.85."""
    if not by_loss:
        return accuracy_margin
    return min_loss_gain * abs(original_best) if math.isfinite(original_best) else 0.0


def weak_repair(
    best_score: float, chance: float | None, baseline_loss: float | None, by_loss: bool,
    progress: float,
) -> bool:
    """The accepted repair's best score goes less than `progress` of the way from chance to
    1 (accuracy), or from the constant predictor's loss to 0 (judged by loss; scores are
    minus losses): a repair too weak to be sure it beats the original trained to its whole
    budget (pure). False when the reference is unknown."""
    if not math.isfinite(best_score):
        return False
    if by_loss:
        if baseline_loss is None or not baseline_loss > 0:
            return False
        return 1.0 - (-best_score) / baseline_loss < progress
    if chance is None or chance >= 1.0:
        return False
    return (best_score - chance) / (1.0 - chance) < progress


VERDICTS = frozenset({Outcome.FAILED, Outcome.OTHER})
"""Outcomes of a candidate that trained to the end of its judgement without the problem it
repairs: no better than the original (`FAILED`), or worse in another way (`OTHER`)."""


def withdraws(
    findings: Sequence[Finding],
    attempts: Sequence[A],
    accepted: bool,
    stop_reason: str,
    target: float = math.inf,
) -> bool:
    """True when the original's findings are only pre-flight suspicions about a training
    setting (`problems.retrain_checked`: training itself showed nothing) and their fix,
    retrained, was no better: a candidate reached a verdict and none was accepted. The
    suspicion was then wrong for this model and is withdrawn (the job is healthy).

    A candidate that showed another problem (`Outcome.OTHER`) disproves the suspicion only
    when it also scored no better than the acceptance `target`: a fix that lifted the score
    past it proved the setting held the model back, whatever else its training showed (the
    digits MLP with softmax hidden layers: relu there took validation loss from 2.25 to 0.31,
    and one CI machine saw a second finding on that candidate)."""
    if accepted or not findings or stop_reason == "interrupted":
        return False
    if not all(retrain_checked(f) for f in findings):
        return False
    verdicts = [a for a in attempts if a.outcome in VERDICTS]
    if any(a.outcome == Outcome.OTHER and _ranked(a.result) > target for a in verdicts):
        return False
    return bool(verdicts)


@dataclass
class PolicyOutcome(Generic[A]):
    """What the policy did: the attempts in order, whether one was accepted, and why it
    stopped. `accepted` is the solved attempt; None when nothing was accepted."""

    attempts: list[A] = field(default_factory=list)
    accepted: A | None = None
    stop_reason: str = ""
    continuations: int = 0  # screened candidates trained on: not counted as new attempts

    @property
    def counted(self) -> int:
        """Attempts counted against `Limits.max_attempts`: a screened candidate that trains
        on is one candidate training, in two recorded attempts."""
        return len(self.attempts) - self.continuations


def run_policy(
    original: Scored,
    problem: AnyProblem,
    *,
    paper: bool,
    limits: Limits,
    plan: Callable[[AnyProblem, int], Plan],
    try_candidate: Callable[[Scored, AnyProblem, str, int, int, int], A | None],
    clock: Callable[[], float],
    stop_requested: Callable[[], bool],
    next_round: Callable[[list[A], list[A]], tuple[A | None, str]] | None = None,
    screening: Screening | None = None,
    screen_candidate: Callable[[Scored, AnyProblem, str, int, int, int], A | None] | None = None,
    continue_candidate: Callable[[A, int], A] | None = None,
) -> PolicyOutcome[A]:
    """Try the plan's candidates for `problem` on `original`, round by round, until one is
    accepted or a budget is spent (see the module docstring for the rules).

    Args:
        plan: (problem, round) -> [(solution, tries), ...] (see `candidates`).
        try_candidate: (base, problem, solution, try, index, round) -> the judged attempt, or
            None when the solution does not apply (costs nothing, not counted).
        clock: The clock `limits.deadline` is on.
        stop_requested: True once a signal asked the job to stop.
        next_round: (this round's attempts, all attempts) -> (the attempt whose problem is
            repaired next, or None and why not). None: the best-scoring attempt with another
            problem not expanded yet (`next_base`); the paper passes its own rule.
        screening: Screen each round's candidates first (`Screening`; default profile, with
            `screen_candidate` and `continue_candidate`); None: one after the other.
        screen_candidate: Like `try_candidate`, for `screening.epochs` epochs only; a
            candidate free of problems then has outcome `Outcome.SCREENED`.
        continue_candidate: (screened attempt, index) -> the judged attempt after training
            it on to its full budget (a new attempt).
    """
    outcome: PolicyOutcome[A] = PolicyOutcome()
    base: Scored = original
    expanded = {original.name}
    screened_rounds = bool(screening and screen_candidate and continue_candidate)
    for round_no in range(1, limits.max_rounds + 1):
        round_start = len(outcome.attempts)
        entries = [(s, t) for s, tries in plan(problem, round_no) for t in range(tries)]
        if screened_rounds and len(entries) > 1:
            assert screening and screen_candidate and continue_candidate
            done = _screened_round(
                outcome, base, problem, entries, round_no, paper, limits, clock,
                stop_requested, screening, screen_candidate, continue_candidate,
            )  # fmt: skip
        else:
            done = _round(
                outcome, base, problem, entries, round_no, paper, limits, clock,
                stop_requested, try_candidate,
            )  # fmt: skip
        if done:
            return outcome
        if next_round is None:
            nxt, why = next_base(outcome.attempts, expanded), "no solution left to try"
        else:
            nxt, why = next_round(outcome.attempts[round_start:], outcome.attempts)
        if nxt is None:
            outcome.stop_reason = why
            return outcome
        expanded.add(nxt.result.name)
        base, problem = nxt.result, nxt.result.findings[0].problem
    outcome.stop_reason = f"round budget of {limits.max_rounds} spent"
    return outcome


def _stopped(
    outcome: PolicyOutcome[A], limits: Limits, clock: Callable[[], float],
    stop_requested: Callable[[], bool],
) -> bool:  # fmt: skip
    reason = stop_reason(outcome.counted, limits, clock(), stop_requested())
    if reason is not None:
        outcome.stop_reason = reason
    return reason is not None


def _accepted(outcome: PolicyOutcome[A], attempt: A) -> bool:
    outcome.attempts.append(attempt)
    if attempt.outcome == Outcome.SOLVED:
        outcome.accepted, outcome.stop_reason = attempt, "repaired"
        return True
    return False


def _round(
    outcome: PolicyOutcome[A], base: Scored, problem: AnyProblem,
    entries: list[tuple[str, int]], round_no: int, paper: bool, limits: Limits,
    clock: Callable[[], float], stop_requested: Callable[[], bool],
    try_candidate: Callable[[Scored, AnyProblem, str, int, int, int], A | None],
) -> bool:  # fmt: skip
    """One round, one candidate after the other. True: the policy is done (accepted or a
    budget spent)."""
    for solution, try_index in entries:
        if _stopped(outcome, limits, clock, stop_requested):
            return True
        index = len(outcome.attempts) + 1
        attempt = try_candidate(base, problem, solution, try_index, index, round_no)
        if attempt is None:
            continue
        if _accepted(outcome, attempt):
            return True
        if stacks(attempt.outcome, attempt.result.best_score, base.best_score, paper):
            base = attempt.result  # the next solutions build on this one
    return False


def _screened_round(
    outcome: PolicyOutcome[A], base: Scored, problem: AnyProblem,
    entries: list[tuple[str, int]], round_no: int, paper: bool, limits: Limits,
    clock: Callable[[], float], stop_requested: Callable[[], bool], screening: Screening,
    screen_candidate: Callable[[Scored, AnyProblem, str, int, int, int], A | None],
    continue_candidate: Callable[[A, int], A],
) -> bool:  # fmt: skip
    """One round with screening (`Screening`). Stacking as in `_round`: when nothing was
    accepted, the best candidate that still showed the problem but beat its base becomes
    the base of the plan's later solutions, screened again. True: the policy is done."""
    while entries:
        tried: list[tuple[int, A]] = []
        for position, (solution, try_index) in enumerate(entries):
            if _stopped(outcome, limits, clock, stop_requested):
                return True
            index = len(outcome.attempts) + 1
            attempt = screen_candidate(base, problem, solution, try_index, index, round_no)
            if attempt is None:
                continue
            if _accepted(outcome, attempt):
                return True
            tried.append((position, attempt))
        positions = {id(a): p for p, a in tried}
        for screened in survivors([a for _, a in tried], screening.keep):
            if _stopped(outcome, limits, clock, stop_requested):
                return True
            attempt = continue_candidate(screened, len(outcome.attempts) + 1)
            outcome.continuations += 1
            if _accepted(outcome, attempt):
                return True
            tried.append((positions[id(screened)], attempt))
        stackers = [
            (p, a) for p, a in tried
            if stacks(a.outcome, a.result.best_score, base.best_score, paper)
        ]  # fmt: skip
        if not stackers:
            return False
        position, best = max(stackers, key=lambda pa: (pa[1].result.best_score, -pa[0]))
        base, entries = best.result, entries[position + 1 :]
    return False
