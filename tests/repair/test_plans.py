"""plan_for: the paper's table exactly, and a short evidence-based default."""

from __future__ import annotations

import pytest

from autotrainer_keras.errors import InputError
from autotrainer_keras.problems import Finding, Problem
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.plans import plan_for


def test_paper_plans_are_the_papers_table() -> None:
    assert plan_for(Problem.VANISHING_GRADIENT, "paper") == [("selu", 1), ("relu", 1), ("bn", 1)]
    assert plan_for(Problem.EXPLODING_GRADIENT, "paper") == [
        ("selu", 1), ("relu", 1), ("gradient", 2), ("tanh", 1), ("bn", 1)]
    assert plan_for(Problem.DYING_RELU, "paper") == [
        ("selu", 1), ("bn", 1), ("initial", 3), ("leaky", 3)]
    assert plan_for(Problem.SLOW_CONVERGENCE, "paper") == [
        ("optimizer", 3), ("lr_up", 3), ("initial", 3)]
    assert plan_for(Problem.OSCILLATING_LOSS, "paper") == [
        ("adam", 1), ("lr_down", 3), ("ReduceLR", 1), ("batch", 4), ("momentum", 3), ("GN", 1),
        ("initial", 3)]


def test_default_plans_are_short_and_use_the_measured_strong_solutions_first() -> None:
    assert plan_for(Problem.EXPLODING_GRADIENT, "default") == [
        ("float32_head", 1), ("clip_rnn", 1), ("init_default", 1), ("lr_down", 1), ("adam", 1),
        ("bn", 1), ("nonlinear", 1)]
    assert plan_for(Problem.VANISHING_GRADIENT, "default") == [
        ("selu", 1), ("init_default", 1), ("bn", 1)]
    assert plan_for(Problem.DYING_RELU, "default") == [("selu", 1), ("init_default", 1), ("bn", 1)]
    assert plan_for(Problem.SLOW_CONVERGENCE, "default") == [
        ("dropout_down", 1), ("regularizer_down", 1), ("init_default", 1), ("adam", 1),
        ("batch", 1), ("lr_up", 1),
        ("selu", 1), ("bn", 1)]
    assert plan_for(Problem.OSCILLATING_LOSS, "default") == [("adam", 1), ("lr_down", 1)]
    # recurrent models only; linear stacks only; dropout above 0.5 only; non-standard inits only
    only_some = {"clip_rnn", "nonlinear", "dropout_down", "regularizer_down", "init_default",
                 "float32_head"}  # fmt: skip
    for problem in Problem:
        plan = plan_for(problem, "default")
        # slow convergence falls back to the activation and normalisation repairs at the end
        fallbacks = {"selu", "bn"} if problem is Problem.SLOW_CONVERGENCE else set()
        assert sum(tries for s, tries in plan if s not in only_some | fallbacks) <= 3
        assert "initial" not in {s for s, _ in plan_for(problem, "default")}
    # batch size only where too few steps can be the cause, after the optimizer
    assert [p for p in Problem if ("batch", 1) in plan_for(p, "default")] == [
        Problem.SLOW_CONVERGENCE]


@pytest.mark.parametrize("profile", ["paper", "default"])
def test_every_plan_names_existing_operators_within_their_tries(profile: str) -> None:
    for problem in Problem:
        plan = plan_for(problem, profile)
        assert plan
        for solution, tries in plan:
            assert 1 <= tries <= get_operator(solution, profile).max_tries
        lr = {s for s, _ in plan if s.startswith("lr_")}
        assert lr <= ({"lr_up"} if problem is Problem.SLOW_CONVERGENCE else {"lr_down"})


def test_plans_are_copies_and_profiles_are_checked() -> None:
    plan_for(Problem.DYING_RELU, "paper").clear()
    assert plan_for(Problem.DYING_RELU, "paper")
    with pytest.raises(InputError, match="default, paper"):
        plan_for(Problem.DYING_RELU, "fast")


def test_a_setup_stall_tries_the_set_up_repairs_then_activation_and_normalisation() -> None:
    from autotrainer_keras.problems import SetupProblem

    plan = plan_for(SetupProblem.SETUP_STALL, "default")
    assert plan == [("output_pair", 1), ("dropout_down", 1), ("regularizer_down", 1),
                    ("normalize", 1), ("selu", 1), ("bn", 1)]  # fmt: skip
    for solution, tries in plan[4:]:  # spec-only operators of the default profile
        assert tries <= get_operator(solution, "default").max_tries


def _slow(update: float) -> Finding:
    return Finding(problem=Problem.SLOW_CONVERGENCE, epoch=3, step=40, layer=None,
                   evidence={"median_update_ratio": update},
                   thresholds={"sc_small_update": 1e-4}, reason="slow")  # fmt: skip


def test_slow_convergence_with_healthy_steps_tries_activation_and_normalisation_first() -> None:
    """The SC rule's own reading decides: steps below its sc_small_update are a matter of
    pace (optimizer and step size first); steps of a healthy size that stalled anyway are
    not, so selu and bn come before adam, batch and lr_up (paper: its table, always)."""
    healthy = plan_for(Problem.SLOW_CONVERGENCE, "default", _slow(6.4e-4))
    assert [s for s, _ in healthy] == [
        "dropout_down", "regularizer_down", "init_default", "selu", "bn", "adam", "batch",
        "lr_up"]
    small = plan_for(Problem.SLOW_CONVERGENCE, "default", _slow(3.9e-5))
    assert small == plan_for(Problem.SLOW_CONVERGENCE, "default")
    assert sorted(healthy) == sorted(small)  # the same candidates, another order
    assert plan_for(Problem.SLOW_CONVERGENCE, "paper", _slow(6.4e-4)) == plan_for(
        Problem.SLOW_CONVERGENCE, "paper")
    no_evidence = Finding(problem=Problem.SLOW_CONVERGENCE, epoch=3, step=40, layer=None,
                          evidence={}, thresholds={}, reason="slow")  # fmt: skip
    assert plan_for(Problem.SLOW_CONVERGENCE, "default", no_evidence) == small


def test_a_small_budget_leaves_the_steps_no_say_in_the_order() -> None:
    """One step per epoch of a healthy size is still too few steps: with a pre-flight
    small-budget finding the slow-convergence plan keeps its pace-first order."""
    from autotrainer_keras.problems import SetupProblem
    from autotrainer_keras.repair.plans import evidence_for_plan

    slow = _slow(5e-3)
    budget = Finding(problem=SetupProblem.SMALL_BUDGET, epoch=-1, step=0, layer=None,
                     evidence={}, thresholds={}, reason="few steps")  # fmt: skip
    assert evidence_for_plan([slow]) is slow
    assert evidence_for_plan([slow, budget]) is None and evidence_for_plan([]) is None
    order = plan_for(Problem.SLOW_CONVERGENCE, "default", evidence_for_plan([slow, budget]))
    assert order == plan_for(Problem.SLOW_CONVERGENCE, "default")


def _dead(update: float | None) -> Finding:
    evidence = {} if update is None else {"median_update_ratio": update}
    return Finding(problem=Problem.DYING_RELU, epoch=1, step=40, layer="dense",
                   evidence={"dead_fraction": 1.0, **evidence},
                   thresholds={"dr_dead_layer": 1.0, "dr_large_update": 1e-2},
                   reason="dead")  # fmt: skip


def test_dying_relu_from_large_steps_tries_the_step_size_repairs_first() -> None:
    """The DR finding's own measurement decides: units that died while the steps were large
    (dev finetune--momentum_high: median update ratio 3.9e-2) get lr_down and adam first;
    units killed by their initialisation (ratio about 0) or an unmeasured ratio keep selu
    first (paper: its table, always)."""
    large = plan_for(Problem.DYING_RELU, "default", _dead(3.9e-2))
    assert [s for s, _ in large] == ["lr_down", "adam", "selu", "init_default", "bn"]
    for update in (0.0, 8.7e-3, None):
        assert plan_for(Problem.DYING_RELU, "default", _dead(update)) == plan_for(
            Problem.DYING_RELU, "default")
    assert plan_for(Problem.DYING_RELU, "paper", _dead(3.9e-2)) == plan_for(
        Problem.DYING_RELU, "paper")
    for solution, tries in large:
        assert tries <= get_operator(solution, "default").max_tries


def test_a_pre_flight_suspicion_puts_its_fix_first_when_training_shows_a_problem() -> None:
    """Practice batch 7's tanh under RMSprop at 0.1: vanishing gradients in training and a
    learning rate 100x off before it; the rate's fix comes first, once, the rest in order."""
    from autotrainer_keras.problems import SetupProblem
    from autotrainer_keras.repair.plans import suspected_first

    def suspicion(problem: SetupProblem) -> Finding:
        return Finding(problem=problem, epoch=0, step=0, layer=None, evidence={},
                       thresholds={}, reason="suspected")  # fmt: skip

    vg = Finding(problem=Problem.VANISHING_GRADIENT, epoch=4, step=40, layer=None,
                 evidence={}, thresholds={}, reason="vg")  # fmt: skip
    plan = plan_for(Problem.VANISHING_GRADIENT, "default")
    assert suspected_first(plan, [vg]) == plan
    rate = [vg, suspicion(SetupProblem.LEARNING_RATE_RANGE)]
    assert suspected_first(plan, rate)[:4] == [("clip_loose", 1), ("lr_default", 1),
                                               ("schedule_stretch", 1), ("adam", 1)]  # fmt: skip
    assert sorted(suspected_first(plan, rate)[4:]) == sorted(s for s in plan if s[0] != "adam")
    # the suspicion alone (nothing confirmed it): only undone, `adam` not put first
    lr_plan = plan_for(SetupProblem.LEARNING_RATE_RANGE, "default")
    alone = suspected_first(lr_plan, [suspicion(SetupProblem.LEARNING_RATE_RANGE)])
    assert alone == [("clip_loose", 1), ("lr_default", 1), ("schedule_stretch", 1)]
    both = [*rate, suspicion(SetupProblem.HIGH_DROPOUT), suspicion(SetupProblem.SMALL_BUDGET)]
    first = [s for s, _ in suspected_first(plan, both)][:5]
    assert first == ["clip_loose", "lr_default", "schedule_stretch", "adam", "dropout_down"]
    stall = plan_for(SetupProblem.SETUP_STALL, "default")  # holds dropout_down already
    moved = suspected_first(stall, [suspicion(SetupProblem.HIGH_DROPOUT)])
    assert moved[0] == ("dropout_down", 1) and sorted(moved) == sorted(stall)


@pytest.mark.parametrize(("lift", "ratio", "rate_first"), [
    (-0.007, 50.0, True),   # batch 25's Transformer under Adam(0.05): at chance, 50 x
    (-0.007, 10.0, True),   # at the factor
    (-0.007, 5.0, False),   # a rate of the usual order: the plan as it was
    (0.4, 50.0, False),     # learning, if slowly: not a stall at chance
    (-0.007, None, False),  # a schedule: no fixed rate to compare
])  # fmt: skip
def test_a_stall_at_chance_under_a_rate_far_above_the_default_tries_the_default_first(
    lift: float, ratio: float | None, rate_first: bool
) -> None:
    from autotrainer_keras.repair.plans import suspected_first

    sc = Finding(problem=Problem.SLOW_CONVERGENCE, epoch=7, step=600, layer=None,
                 evidence={"chance_lift": lift, "median_update_ratio": 0.004},
                 thresholds={"sc_small_update": 1e-4}, reason="sc")  # fmt: skip
    plan = plan_for(Problem.SLOW_CONVERGENCE, "default", sc)
    assert plan[0][0] != "lr_default"  # steps of a healthy size: selu and bn before the pace
    ordered = suspected_first(plan, [sc], ratio, 10.0)
    if rate_first:
        assert [s for s, _ in ordered[:4]] == ["clip_loose", "lr_default", "schedule_stretch",
                                               "adam"]  # fmt: skip
        assert sorted(ordered[4:]) == sorted(s for s in plan if s[0] != "adam")
    else:
        assert ordered == plan
    # a set-up fault named before training explains the stall (texts cut to 3 tokens)
    from autotrainer_keras.problems import SetupProblem

    cut = Finding(problem=SetupProblem.TEXT_TRUNCATED, epoch=0, step=0, layer=None,
                  evidence={}, thresholds={}, reason="cut")  # fmt: skip
    text_plan = plan_for(SetupProblem.TEXT_TRUNCATED, "default")
    assert suspected_first(text_plan, [cut, sc], ratio, 10.0) == text_plan


def test_an_unshuffled_training_tries_shuffling_first() -> None:
    from autotrainer_keras.problems import SetupProblem
    from autotrainer_keras.repair.plans import shuffled_first

    plan = [("lr_down", 1), ("shuffle_on", 1), ("adam", 1)]
    diverged = Problem.EXPLODING_GRADIENT
    assert shuffled_first(plan, False, diverged) == [("shuffle_on", 1), ("lr_down", 1),
                                                     ("adam", 1)]  # fmt: skip
    assert shuffled_first(plan, True, diverged) is plan
    assert shuffled_first(plan, False, SetupProblem.OUTPUT_LOSS_MISMATCH) is plan
