"""Screening (successive halving) in the repair policy, on scripted results (fast, pure)."""

from __future__ import annotations

import math

import pytest

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.repair import policy
from autotrainer_keras.repair.policy import Limits, Outcome, Screening, run_policy
from tests.repair.test_policy import EG, ORIGINAL, VG, Attempt, Result, _finding

SCREEN = Screening(epochs=4, keep=0.5)
WIDE = Limits(20, 1)


class Screened:
    """Screening results by solution: (score after screening, problem shown in it), and the
    score and problem after training on. Records every call."""

    def __init__(self, screen: dict, final: dict) -> None:
        self.screen, self.final, self.calls = screen, final, []

    def first(self, base, problem, solution, try_index, index, round_no):
        self.calls.append(("screen", solution, base.name))
        if solution not in self.screen:
            return None
        score, shows = self.screen[solution]
        findings = [_finding(shows)] if shows else []
        result = Result(f"repair-{index}-{solution}", score, score, findings)
        outcome = (
            policy.judge([shows], problem, score, 0.8, False) if shows else Outcome.SCREENED
        )
        return Attempt(outcome, result, solution, base.name, round_no)

    def rest(self, screened: Attempt, index: int) -> Attempt:
        self.calls.append(("continue", screened.solution, screened.result.name))
        score, shows = self.final[screened.solution]
        findings = [_finding(shows)] if shows else []
        result = Result(f"repair-{index}-{screened.solution}", score, score, findings)
        found = [f.problem for f in findings]
        outcome = policy.judge(found, EG, score, 0.8, False)
        return Attempt(outcome, result, screened.solution, screened.base, screened.round)


def _run(script: Screened, solutions, *, limits=WIDE):
    def unscreened(*args):
        raise AssertionError("a screened round never trains a candidate whole")

    return run_policy(
        ORIGINAL, EG, paper=False, limits=limits,
        plan=lambda problem, round_no: [(s, 1) for s in solutions],
        try_candidate=unscreened, clock=lambda: 0.0, stop_requested=lambda: False,
        screening=SCREEN, screen_candidate=script.first, continue_candidate=script.rest,
    )  # fmt: skip


def test_screening_schedule_is_a_fraction_of_the_budget_with_a_floor() -> None:
    assert policy.screening_for(True, 20, 0.2, 2, 0.5) == Screening(4, 0.5)
    assert policy.screening_for(True, 30, 0.2, 2, 0.5) == Screening(6, 0.5)
    assert policy.screening_for(True, 5, 0.2, 2, 0.5) == Screening(2, 0.5)  # the floor
    assert policy.screening_for(True, 2, 0.2, 2, 0.5) is None  # nothing left to save
    assert policy.screening_for(False, 20, 0.2, 2, 0.5) is None
    defaults = AutotrainerConfig().repair  # off by default (measured slower), never for paper
    assert not defaults.screening("default") and not defaults.screening("paper")
    on = defaults.model_copy(update={"screen": True})
    assert on.screening("default") and not on.screening("paper")


@pytest.mark.parametrize(("clean", "keep", "kept"), [(1, 0.5, 1), (2, 0.5, 1), (3, 0.5, 2),
                                                     (4, 0.5, 2), (5, 0.25, 2), (3, 1.0, 3)])
def test_survivors_are_the_best_half_rounded_up(clean: int, keep: float, kept: int) -> None:
    attempts = [Attempt(Outcome.SCREENED, Result(f"r{i}", i / 10, i / 10), "s", "o", 1)
                for i in range(clean)]  # fmt: skip
    chosen = policy.survivors(attempts, keep)
    assert len(chosen) == kept
    best_first = [f"r{i}" for i in range(clean - 1, clean - 1 - kept, -1)]
    assert [a.result.name for a in chosen] == best_first


def test_only_clean_candidates_survive_and_ties_keep_the_plan_order() -> None:
    stopped = Attempt(Outcome.STOPPED, Result("stop", 0.99, 0.99), "s", "o", 1)
    tie_a = Attempt(Outcome.SCREENED, Result("a", 0.5, 0.5), "s", "o", 1)
    tie_b = Attempt(Outcome.SCREENED, Result("b", 0.5, 0.5), "s", "o", 1)
    assert policy.survivors([stopped, tie_a, tie_b], 0.5) == [tie_a]


def test_every_candidate_is_screened_and_the_best_half_trains_on_best_first() -> None:
    script = Screened(
        {"lr_down": (0.40, None), "adam": (0.75, None), "bn": (0.60, None), "x": (0.9, EG)},
        {"adam": (0.78, None), "bn": (0.85, None)},
    )
    done = _run(script, ["lr_down", "adam", "bn", "x", "skip"])
    assert [c[:2] for c in script.calls] == [
        ("screen", "lr_down"), ("screen", "adam"), ("screen", "bn"), ("screen", "x"),
        ("screen", "skip"), ("continue", "adam"), ("continue", "bn"),
    ]  # fmt: skip
    # adam trains on first but does not beat 0.8 (acceptance unchanged); bn does
    assert [a.outcome for a in done.attempts] == [
        Outcome.SCREENED, Outcome.SCREENED, Outcome.SCREENED, Outcome.STOPPED,
        Outcome.FAILED, Outcome.SOLVED,
    ]  # fmt: skip
    assert done.accepted is done.attempts[-1] and done.accepted.solution == "bn"
    assert script.calls[-1][2] == "repair-3-bn"  # trained on from its own screening


def test_a_stopped_candidate_that_beat_its_base_is_the_base_of_the_later_solutions() -> None:
    script = Screened({"adam": (0.72, EG), "batch": (0.5, None), "lr_up": (0.3, EG)},
                      {"batch": (0.6, None)})  # fmt: skip
    later = {"batch": (0.85, None)}

    def first(base, problem, solution, try_index, index, round_no):
        if base.name != "original" and solution in later:
            script.screen = {**script.screen, **later}
            script.final = {**script.final, "batch": (0.9, None)}
        return Screened.first(script, base, problem, solution, try_index, index, round_no)

    script.first = first  # type: ignore[method-assign]
    done = _run(script, ["adam", "batch", "lr_up"])
    screens = [(c[1], c[2]) for c in script.calls if c[0] == "screen"]
    assert screens[:3] == [("adam", "original"), ("batch", "original"), ("lr_up", "original")]
    assert screens[3:] == [("batch", "repair-1-adam"), ("lr_up", "repair-1-adam")]
    assert done.accepted is not None and done.accepted.solution == "batch"


def test_the_attempt_budget_counts_each_candidate_once() -> None:
    script = Screened({s: (0.5, None) for s in "abcd"}, {s: (0.6, None) for s in "abcd"})
    done = _run(script, list("abcd"), limits=Limits(5, 1))
    assert len(done.attempts) == 6 and done.counted == 4  # 4 screened, 2 of them trained on
    assert done.accepted is None and done.stop_reason == "no solution left to try"
    script = Screened({s: (0.5, None) for s in "abcd"}, {s: (0.6, None) for s in "abcd"})
    done = _run(script, list("abcd"), limits=Limits(3, 1))
    assert [c[0] for c in script.calls] == ["screen"] * 3
    assert done.stop_reason == "attempt budget of 3 spent"


def test_a_lone_candidate_and_a_one_entry_plan() -> None:
    script = Screened({"a": (0.5, None)}, {"a": (0.9, None)})
    done = _run(script, ["a", "skip"])  # screened alone, then trained on
    assert [c[0] for c in script.calls] == ["screen", "screen", "continue"]
    assert done.accepted is not None
    calls: list[str] = []

    def whole(base, problem, solution, try_index, index, round_no):
        calls.append(solution)
        return Attempt(Outcome.SOLVED, Result("r", 0.9, 0.9), solution, base.name, round_no)

    done = run_policy(
        ORIGINAL, EG, paper=False, limits=Limits(8, 1), plan=lambda p, r: [("a", 1)],
        try_candidate=whole, clock=lambda: 0.0, stop_requested=lambda: False,
        screening=SCREEN, screen_candidate=script.first, continue_candidate=script.rest,
    )  # fmt: skip
    assert calls == ["a"]  # nothing to choose between: trained whole, not screened


# --- acceptance when judged by loss (regression) ------------------------------------------


@pytest.mark.parametrize(
    ("best", "baseline", "candidate", "accepted"),
    [
        (1788.5, 900.0, 1788.3, False),  # the case: R^2 about -1, a 0.2 "gain"
        (1788.5, 900.0, 950.0, False),  # much better, still worse than the mean
        (1788.5, 900.0, 880.0, True),  # below the constant predictor
        (100.0, 900.0, 99.0, False),  # a 1 % gain on a loss scale of 900
        (100.0, 900.0, 80.0, True),  # 20 below, 2 % of 900 is 18
        (0.50, 1.0, 0.49, False),
        (0.50, 1.0, 0.47, True),
        (0.50, None, 0.485, True),  # no baseline: 2 % of the loss itself
        (math.inf, 1.0, 0.99, True),  # the original never had a finite loss
    ],
)
def test_loss_judged_acceptance_needs_a_meaningful_gain(best, baseline, candidate, accepted):
    target = policy.acceptance_target(-best, 0.0, by_loss=True, baseline_loss=baseline,
                                      min_loss_gain=0.02)  # fmt: skip
    verdict = policy.judge([], VG, -candidate, target, paper=False)
    assert (verdict is Outcome.SOLVED) is accepted


def test_accuracy_judged_acceptance_is_unchanged() -> None:
    assert policy.acceptance_target(0.7, 0.01) == pytest.approx(0.71)
    assert policy.acceptance_target(0.7, 0.0, baseline_loss=5.0, min_loss_gain=0.5) == 0.7
