"""The paper profile's repair-loop decisions against the original code (fast, pure)."""

from __future__ import annotations

from autotrainer_keras.config import DetectionConfig, PaperThresholds
from autotrainer_keras.problems import Problem
from autotrainer_keras.repair.paper_policy import next_round, repair_detection

EG, DR, OL, SC = (Problem.EXPLODING_GRADIENT, Problem.DYING_RELU, Problem.OSCILLATING_LOSS,
                  Problem.SLOW_CONVERGENCE)  # fmt: skip


def test_next_round_repairs_the_best_try_of_this_round_with_another_problem() -> None:
    # repair.py: after the list, the try with the best accuracy among those that showed a new
    # problem is repaired next.
    tries = [(None, 0.9), (DR, 0.4), (OL, 0.6), (SC, 0.6)]
    assert next_round(tries, handled={EG}) == (2, "")  # ties: the earlier try


def test_next_round_stops_when_the_best_tries_problem_was_handled() -> None:
    # repair.py: the chain ends when the new problem was repaired already (no loop back);
    # the second-best try is not looked at.
    tries = [(EG, 0.7), (OL, 0.5)]
    index, reason = next_round(tries, handled={EG, DR})
    assert index is None and reason == "the next problem (exploding_gradient) was handled already"


def test_next_round_stops_when_no_try_showed_another_problem() -> None:
    assert next_round([(None, 0.2), (None, 0.3)], handled={EG}) == (None, "no solution left to try")
    assert next_round([], handled={EG}) == (None, "no solution left to try")


def test_candidates_are_judged_with_the_codes_default_thresholds() -> None:
    # repair.py retrains with the monitor's default parameters (Theta 0.7), not the ones the
    # original was trained with (the demos use 0.6).
    user = DetectionConfig(profile="paper", paper=PaperThresholds(theta=0.6, gamma=0.5),
                           stop_on_detection=True)  # fmt: skip
    judged = repair_detection(user)
    assert judged.paper == PaperThresholds() and judged.paper.theta == 0.7
    assert judged.profile == "paper" and user.paper.theta == 0.6
    default = DetectionConfig(paper=PaperThresholds(theta=0.6))
    assert repair_detection(default) is default  # the default profile keeps its thresholds
