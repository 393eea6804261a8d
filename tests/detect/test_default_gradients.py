"""Default profile: exploding (NaN, divergence, growth, ratio), dying ReLU, vanishing."""

from __future__ import annotations

import math

import pytest

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.default import DefaultDetector
from autotrainer_keras.measure.history import Task
from autotrainer_keras.problems import Problem

from .builders import Run, accuracy_logs, curve, new_history

GATE = {"stall_epochs": 3.0, "stall_rate": 0.01, "harm_progress": 0.1, "chance_margin": 0.1}


def default_run(budget: int = 30, steps: int = 10, **thresholds: float) -> Run:
    return Run(
        DefaultDetector(DefaultThresholds(**thresholds)),
        new_history(budget=budget, steps_per_epoch=steps),
    )


def fast(t: float) -> float:
    """A healthy loss: from 1.0 (the baseline) to 0.05 within a few epochs."""
    return 0.05 + 0.95 * math.exp(-t / 1.5)


def test_every_check_point_is_due_and_steps_are_the_source() -> None:
    det = DefaultDetector()
    assert det.check_due(new_history(), 0, at_epoch_end=False)
    assert det.gradient_source == "steps"


# --- exploding: NaN/Inf at once ------------------------------------------------------------


def test_nan_step_loss_fires_at_the_first_check() -> None:
    run = default_run()
    found = run.epoch([1.0, 1.0, 1.0, math.nan] + [math.nan] * 6)
    assert found is not None and found.problem is Problem.EXPLODING_GRADIENT
    assert found.epoch == 0 and found.evidence["first_nonfinite_step"] == 3.0
    assert "step 3" in found.reason


def test_nonfinite_flag_of_the_check_fires() -> None:
    found = default_run().epoch(1.0, nonfinite=True)
    assert found is not None and found.problem is Problem.EXPLODING_GRADIENT
    assert found.evidence["nonfinite_gradients_or_weights"] == 1.0


def test_nan_fires_mid_epoch_with_more_checks() -> None:
    run = default_run()
    found = run.epoch([1.0] * 5 + [math.inf] * 5, checks_per_epoch=2)
    assert found is not None and found.problem is Problem.EXPLODING_GRADIENT
    assert found.step == 10 and run.history.epochs_done == 1
    run = default_run()
    found = run.epoch([1.0] * 3 + [math.inf] * 7, checks_per_epoch=2)
    assert found is not None and found.step == 5 and run.history.epochs_done == 0


# --- exploding: divergence -------------------------------------------------------------------


@pytest.mark.parametrize(("high", "fires"), [(10.0, True), (9.99, False)])
def test_divergence_from_start(high: float, fires: bool) -> None:
    run = default_run()
    run.epoch(1.0)
    found = run.epoch([1.0] * 5 + [high] * 5)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.EXPLODING_GRADIENT
        assert found.evidence["loss_growth"] == 10.0
        assert found.thresholds["eg_loss_growth"] == 10.0


@pytest.mark.parametrize(("back", "fires"), [(1.25, True), (1.2, False)])
def test_divergence_from_minimum_once_worse_than_start(back: float, fires: bool) -> None:
    run = default_run()
    run.epoch(1.0)
    run.epoch(0.125)
    found = run.epoch(back)  # the whole epoch at 1.25 = 10 x the minimum 0.125
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.EXPLODING_GRADIENT and "minimum" in found.reason


def test_one_low_first_minibatch_is_no_reference() -> None:
    """The reference is the median of the first 5 step losses: a lucky first minibatch at
    0.05 (the others 1.0) does not make a loss of 1.5 a 30-fold growth."""
    run = default_run()
    run.epoch([0.05] + [1.0] * 9)
    assert run.epoch(1.5) is None
    assert run.epoch(12.0) is not None  # 12 x the median of the first steps: divergence


def test_a_loss_that_explodes_within_the_first_steps_is_divergence() -> None:
    """SGD at lr 10: the loss is 1.0 at the first step and 10+ by the fifth, so the median of
    the first steps is no reference; 12 x the first step's and the constant predictor's loss
    is the explosion (it read as a pinned output before)."""
    found = default_run().epoch([1.0, 3.0, 12.0, 14.0, 13.0] + [12.0] * 5)
    assert found is not None and found.problem is Problem.EXPLODING_GRADIENT
    assert found.evidence["first_loss"] == 1.0 and found.evidence["loss_growth"] >= 12.0
    assert "first step" in found.reason


def test_a_high_first_loss_that_stays_high_is_no_divergence() -> None:
    """Regression targets far from 0: the untrained model's loss is already 10 x the constant
    predictor's; it is no explosion unless it grows from there. Without a baseline, the first
    step alone is no reference (one minibatch)."""
    run = Run(DefaultDetector(), new_history(baseline=1.0))
    assert run.epoch([10.0, 11.0, 12.0, 11.0, 12.0] + [11.0] * 5) is None
    run = Run(DefaultDetector(), new_history(baseline=None))
    assert run.epoch([1.0, 3.0, 12.0, 14.0, 13.0] + [12.0] * 5) is None


@pytest.mark.parametrize(
    ("start", "high", "fires"),
    [(-0.05, 8.95, True), (-0.05, 8.9, False), (-3.0, 24.0, True), (-3.0, 23.9, False)],
)
def test_divergence_from_a_loss_at_or_below_zero(start: float, high: float, fires: bool) -> None:
    """Cosine similarity starts near 0, a Gaussian NLL may start below it: growth is the rise
    over max(|reference|, 1), never a ratio to a number <= 0 (which fired at once)."""
    run = default_run()
    assert run.epoch(start) is None
    found = run.epoch([start] * 5 + [high] * 5)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.EXPLODING_GRADIENT
        assert found.evidence["loss_growth"] >= 10.0


def test_a_falling_negative_loss_is_no_divergence() -> None:
    run = default_run()
    for epoch in range(10):
        assert run.epoch(curve(lambda t: -0.9 * (1 - math.exp(-t)), epoch, 10)) is None


def test_blow_up_since_the_last_check_fires_even_when_calm_again() -> None:
    run = default_run()
    run.epoch(1.0)
    found = run.epoch([1.0] * 2 + [50.0] * 5 + [1.0] * 3)  # exploded, then flat (dead units)
    assert found is not None and found.problem is Problem.EXPLODING_GRADIENT
    assert found.evidence["peak_loss"] == 50.0 and found.evidence["current_loss"] == 1.0


def test_bounce_within_the_epoch_is_no_divergence() -> None:
    run = default_run()
    run.epoch(1.0)
    run.epoch(0.125)
    assert run.epoch([0.125] * 3 + [2.0] * 7) is None  # back up at the check, but not all along


def test_recovered_spike_from_a_low_minimum_is_no_divergence() -> None:
    run = default_run()
    run.epoch(1.0)
    run.epoch(0.02)
    assert run.epoch([0.02] * 2 + [1.5] * 5 + [0.02] * 3) is None  # 75 x the minimum, recovered


def test_loss_spike_below_the_start_is_no_divergence() -> None:
    run = default_run()
    run.epoch(1.0)
    run.epoch(0.01)
    assert run.epoch([0.01] * 5 + [0.5] * 5) is None  # 50 x the minimum, but below the start


@pytest.mark.parametrize(("spike", "stays", "fires"), [
    (1.5, False, False),  # a spike under the constant predictor's 2 x: fine-tuning's BN jolt
    (2.5, False, False),  # past 2 x, back under 0.75 x at the check: new classes in a block
    (2.5, True, True),    # a peak past 2 x the constant predictor's loss, still up
    (1.5, True, True),    # a loss that stays up: read against its minimum
])  # fmt: skip
def test_a_trained_start_counts_a_peak_only_well_past_the_constant_predictor(
    spike: float, stays: bool, fires: bool
) -> None:
    """Practice batch 38: a pretrained model fine-tuned at batch 4 with BatchNormalization in
    training mode: 0.11 -> 2.06 against a constant predictor's 1.60, then 0.98 accuracy.
    Practice batch 41: a second fit on digits 0-4 then 5-9 unshuffled spiked 0.087 -> 6.9
    where the unseen classes began, and was back at 1.46 against 2.30 at the check."""
    run = default_run()
    assert run.epoch(0.05) is None  # the start: 20 x below the baseline 1.0
    tail = [spike] * 3 if stays else [0.05] * 3
    found = run.epoch([0.05] * 2 + [spike] * 5 + tail)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.EXPLODING_GRADIENT


@pytest.mark.parametrize(("initial", "first", "rest", "fires"), [
    (0.05, 0.05, [0.8] * 7, True),  # trained (0.05 on the first rows), then 16 x that for good
    (0.05, 0.05, [0.8] * 4 + [0.05] * 3, False),  # back to the trained level in the window
    (0.05, 0.05, [0.3] * 7, False),  # 6 x the start: under eg_loss_growth
    (0.002, 0.05, [0.03] * 7, False),  # 15 x an inference-mode start, in training mode: kept
    (1.0, 0.05, [0.8] * 7, False),  # an untrained start (the first minibatch merely lucky)
    (None, 0.05, [0.8] * 7, False),  # the start not read
    (0.05, 4.5, [0.8] * 7, False),  # saturated outputs: most rows near 0, the mean far above
])  # fmt: skip
def test_a_fit_from_trained_weights_that_loses_them_is_divergence(
    initial: float | None, first: float, rest: list[float], fires: bool
) -> None:
    """Practice batch 41: a trained digits MLP recompiled with Adam(0.1): 0.05 on the first
    rows, 119 in the second step (inside the reference steps, so the reference holds the
    blow-up), then 1.7-1.9 for good. The start is read over many rows before the first
    step (`history.initial_loss`), not from one minibatch; the first minibatch at the same
    weights must be below the constant predictor's loss too (batch 66's bags of raw pixels:
    a median row loss of 0.0004 at outputs saturated at one value, the first step's 4.5)."""
    run = default_run()
    run.history.initial_loss = initial
    found = run.epoch([first, 100.0, 30.0] + rest)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.EXPLODING_GRADIENT
        assert "the loss the fit started from" in found.reason


# --- exploding: gradient growth and ratio ---------------------------------------------------


@pytest.mark.parametrize(("scale", "fires"), [(1024.0, True), (1023.0, False)])
def test_gradient_growth_with_loss_not_improving(scale: float, fires: bool) -> None:
    run = default_run(eg_grad_growth=1024.0)
    run.epoch(1.0, dead=None)
    found = run.epoch(1.0, dead=None, scale=scale)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.EXPLODING_GRADIENT
        assert found.evidence["grad_growth"] == pytest.approx(1024.0)


def test_gradient_growth_while_loss_improves_is_fine() -> None:
    run = default_run()
    run.epoch(curve(fast, 0, 10), dead=None)
    assert run.epoch(curve(fast, 1, 10), dead=None, scale=1e4) is None


AT_CHANCE = accuracy_logs(0.5, loss=1.0)  # chance accuracy 0.5, loss = the baseline


@pytest.mark.parametrize(("first", "fires"), [(70.0001, True), (70.0, False)])
def test_exploding_ratio_under_the_gate(first: float, fires: bool) -> None:
    run = default_run(persist_checks=1)
    assert run.epoch(1.0, logs=AT_CHANCE, first_grad=first, out_grad=1.0) is None  # no rate yet
    found = run.epoch(1.0, logs=AT_CHANCE, first_grad=first, out_grad=1.0)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.EXPLODING_GRADIENT and found.layer == "dense"
        assert found.thresholds == {"beta_3": 70.0, **GATE}


# --- stall and harm: the gate of the gradient rules ------------------------------------------


@pytest.mark.parametrize(("val_acc", "fires"), [(0.5499, True), (0.55, False), (0.4501, True)])
def test_gate_at_chance_margin(val_acc: float, fires: bool) -> None:
    """Near chance: |val acc - 0.5| < 0.1 x (1 - 0.5), with a flat loss."""
    run = default_run(persist_checks=1)
    logs = accuracy_logs(0.5, val_acc=val_acc, loss=1.0)
    for _ in range(2):  # the rate is known from the second epoch (16 steps)
        found = run.epoch(1.0, logs=logs, first_grad=1e-5, out_grad=0.1)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.VANISHING_GRADIENT
        assert found.evidence["chance_lift"] == pytest.approx((val_acc - 0.5) / 0.5)
        assert "near chance" in found.reason


@pytest.mark.parametrize(("label_acc", "fires"), [(0.52, True), (0.9, False)])
def test_gate_on_a_multi_output_model_reads_each_classification_head(
    label_acc: float, fires: bool
) -> None:
    """Two outputs: the total loss is 0.6 of the baseline (progress 0.4, past harm_progress:
    the other head learned) and barely falls, the `label` head sits at its chance accuracy:
    that head learned nothing, the gate opens and the vanishing ratio is named; a `label`
    head well above chance keeps it shut."""
    history = new_history(task=Task.MULTI_OUTPUT, baseline=1.0, chance=None)
    history.output_chance = {"label": 0.5}
    run = Run(DefaultDetector(DefaultThresholds(persist_checks=1)), history)
    for epoch in range(4):
        loss = 0.6 - 0.002 * epoch  # flat: 0.002 of the baseline per epoch (< stall_rate)
        logs = {"loss": loss, "val_loss": loss, "label_accuracy": label_acc,
                "val_label_accuracy": label_acc, "val_score_mae": 0.3}  # fmt: skip
        found = run.epoch(loss, logs=logs, first_grad=1e-5, out_grad=0.1)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.VANISHING_GRADIENT
        assert found.evidence["chance_lift"] == pytest.approx((label_acc - 0.5) / 0.5)


def test_accuracy_far_below_chance_is_no_collapse() -> None:
    """Class-balancing sample weights: weighted accuracy 0.82 against an unweighted majority
    class of 0.93 is a model that discriminates, not one stuck at chance."""
    history = new_history(budget=30, steps_per_epoch=10, chance=0.93)
    run = Run(DefaultDetector(), history)
    for _ in range(3):
        found = run.epoch(1.0, logs=accuracy_logs(0.82, loss=1.0), first_grad=1e-5)
    assert found is None


@pytest.mark.parametrize(("per_epoch", "fires"), [(0.02, False), (0.005, True)])
def test_gate_needs_a_flat_loss(per_epoch: float, fires: bool) -> None:
    run = default_run(persist_checks=1)
    for epoch in range(2):
        level = 1.0 - per_epoch * (epoch + 1)
        logs = accuracy_logs(0.5, loss=level)
        found = run.epoch(curve(lambda t: 1.0 - per_epoch * t, epoch, 10), logs=logs,
                          first_grad=1e-5)  # fmt: skip
    assert (found is not None) is fires


@pytest.mark.parametrize(("level", "fires"), [(0.905, True), (0.895, False)])
def test_stall_gate_at_harm_progress(level: float, fires: bool) -> None:
    """Without an accuracy: no new best loss for stall_epochs (3) and progress < 0.1."""
    run = default_run(persist_checks=1)
    found = [run.epoch(level, first_grad=1e-5) for _ in range(5)]
    assert found[:3] == [None, None, None]  # 3 epochs: no stall can be seen yet
    assert (found[3] is not None) is fires
    if found[3]:
        assert found[3].problem is Problem.VANISHING_GRADIENT and "stalled" in found[3].reason


def test_a_model_at_its_ceiling_is_not_struggling() -> None:
    """Label noise: the loss stalls at 0.8 of the baseline (progress 0.2) with 72 % dead units
    and an accuracy well above chance: no dying ReLU (the old target of 0.5 fired here)."""
    run = default_run()
    for epoch in range(20):
        level = 0.8 + 0.2 * math.exp(-epoch)
        logs = accuracy_logs(0.7, loss=level)
        assert run.epoch(level, logs=logs, dead=0.72, first_grad=1e-5) is None


# --- vanishing ------------------------------------------------------------------------------


@pytest.mark.parametrize(("first", "out", "fires"), [(5e-5, 0.0501, True), (5e-5, 0.05, False)])
def test_vanishing_at_beta_1(first: float, out: float, fires: bool) -> None:
    run = default_run()
    found = [run.epoch(1.0, logs=AT_CHANCE, first_grad=first, out_grad=out) for _ in range(3)]
    assert found[:2] == [None, None]  # the rate from the 2nd epoch, confirmed on the 3rd
    found = found[2]
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.VANISHING_GRADIENT and found.layer == "dense"
        assert found.thresholds["beta_1"] == 1e-3 and found.thresholds["persist_checks"] == 2
        assert "0.000998" in found.reason and "near chance" in found.reason


def test_vanishing_ratio_with_a_learning_model_is_fine() -> None:
    run = default_run()
    for epoch in range(5):
        assert run.epoch(curve(fast, epoch, 10), first_grad=1e-6) is None


# --- dying ReLU -----------------------------------------------------------------------------


def test_wholly_dead_layer_fires_on_the_second_check() -> None:
    run = default_run()
    assert run.epoch(curve(fast, 0, 10), dead=1.0) is None  # one check: not yet persistent
    found = run.epoch(curve(fast, 1, 10), dead=1.0)
    assert found is not None and found.problem is Problem.DYING_RELU
    assert found.layer == "dense_1" and found.epoch == 1
    assert found.thresholds == {"dr_dead_layer": 1.0, "dr_large_update": 0.01,
                                "persist_checks": 2.0}  # fmt: skip
    assert found.evidence["median_update_ratio"] == pytest.approx(1e-5)  # the builder's steps


@pytest.mark.parametrize("update", [0.0, 3e-2, None])
def test_dying_relu_carries_how_large_the_steps_were(update: float | None) -> None:
    """The finding states the median per-step update ratio when the units died (for the
    repair order: `plans.steps_were_large`), or nothing when it was not measured."""
    run = default_run()
    run.epoch(curve(fast, 0, 10), dead=1.0, update=update, first_update=update)
    found = run.epoch(curve(fast, 1, 10), dead=1.0, update=update, first_update=update)
    assert found is not None and found.problem is Problem.DYING_RELU
    if update is None:
        assert "median_update_ratio" not in found.evidence
    else:
        assert found.evidence["median_update_ratio"] == pytest.approx(update)


def test_a_wholly_dead_residual_branch_is_judged_by_the_harm_gate() -> None:
    """A dead layer the inputs reach the outputs around (practice batch 72's shared block at
    bias -5, 0.968 against 0.972): no finding while the model learns through its stream;
    named once the model stalls, as a mostly dead layer is."""
    run = default_run()
    for epoch in range(5):
        assert run.epoch(curve(fast, epoch, 10), dead=1.0, bypassed=True) is None
    stalled = default_run()
    for _ in range(3):
        found = stalled.epoch(1.0, logs=AT_CHANCE, dead=1.0, bypassed=True)
    assert found is not None and found.problem is Problem.DYING_RELU
    assert "gamma" in found.thresholds


def test_a_layer_dead_on_one_check_only_is_no_finding() -> None:
    run = default_run()
    assert run.epoch(curve(fast, 0, 10), dead=1.0) is None
    assert run.epoch(curve(fast, 1, 10), dead=0.2) is None
    assert run.epoch(curve(fast, 2, 10), dead=1.0) is None


def test_almost_dead_layer_with_a_learning_model_is_fine() -> None:
    run = default_run()
    for epoch in range(5):
        assert run.epoch(curve(fast, epoch, 10), dead=0.99) is None


@pytest.mark.parametrize(("dead", "fires"), [(0.7, True), (0.6999, False)])
def test_mostly_dead_layer_under_the_gate(dead: float, fires: bool) -> None:
    run = default_run()
    for _ in range(3):
        found = run.epoch(1.0, logs=AT_CHANCE, dead=dead)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.DYING_RELU and found.evidence["dead_fraction"] == 0.7
        assert found.thresholds == {"gamma": 0.7, **GATE, "dr_large_update": 0.01,
                                    "persist_checks": 2.0}  # fmt: skip


def test_no_relu_layers_no_dying_relu() -> None:
    run = default_run()
    assert run.epoch(1.0, dead=None) is None
