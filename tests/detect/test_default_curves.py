"""Default profile: slow convergence and oscillating loss at and around their thresholds."""

from __future__ import annotations

import numpy as np
import pytest

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.default import DefaultDetector
from autotrainer_keras.detect.signals import loss_signals
from autotrainer_keras.measure.history import Task
from autotrainer_keras.problems import Problem

from .builders import Run, accuracy_logs, curve, new_history


def default_run(
    budget: int = 30, steps: int = 10, task: Task = Task.BINARY, **thresholds: float
) -> Run:
    history = new_history(task=task, budget=budget, steps_per_epoch=steps)
    return Run(DefaultDetector(DefaultThresholds(**thresholds)), history)


# --- slow convergence -----------------------------------------------------------------------


def test_stuck_model_fires_at_ten_percent_of_the_budget() -> None:
    run = default_run(budget=30)
    findings = [run.epoch(0.95, logs=accuracy_logs(0.5, loss=0.95)) for _ in range(4)]
    assert findings[:3] == [None, None, None]  # 1 and 2 epochs < 0.1 x 30; 3: not confirmed
    found = findings[3]  # seen at 3 and 4 epochs (persist_checks 2)
    assert found is not None and found.problem is Problem.SLOW_CONVERGENCE
    assert found.evidence["progress"] == pytest.approx(0.05)
    assert found.evidence["chance_accuracy"] == 0.5
    assert found.thresholds == {
        "sc_progress": 0.1,
        "sc_ceiling_signal": 0.03,
        "sc_ceiling_share": 0.75,
        "sc_min_budget": 0.1,
        "sc_small_update": 1e-4,
        "sc_patient_budget": 0.3,
        "sc_min_fall": 0.02,
        "sc_pace_factor": 3.0,
        "sc_own_loss_progress": 0.015,
        "sc_frozen_progress": 0.5,
        "stall_epochs": 3.0,
        "stall_rate": 0.01,
        "chance_margin": 0.1,
        "beta_1": 1e-3,
        "persist_checks": 2.0,
    }
    assert found.evidence["median_update_ratio"] == pytest.approx(1e-5)
    assert "0.05" in found.reason and "4 epochs" in found.reason and "near chance" in found.reason


@pytest.mark.parametrize(("level", "fires"), [(0.875, False), (0.876, True)])
def test_slow_convergence_at_sc_progress(level: float, fires: bool) -> None:
    # progress 1 - 0.875 = 0.125; tiny steps (1e-5) and no new best since the first epoch:
    # the frozen path's limit must move with it
    run = default_run(sc_progress=0.125, sc_frozen_progress=0.125, persist_checks=1)
    for _ in range(4):  # no accuracy: stalled once 3 epochs follow the first (4 epochs)
        found = run.epoch(level)
    assert (found is not None) is fires


def test_a_flat_loss_whose_accuracy_rises_is_learning_not_stalled() -> None:
    """A noisy task's loss lags its accuracy: the second zoo's mlp_noisy (chance 0.516) went
    0.52 -> 0.68 in val accuracy while its val loss stayed at the constant predictor's."""
    rising, flat = default_run(budget=12), default_run(budget=12)
    for epoch, acc in enumerate([0.60, 0.60, 0.60, 0.66, 0.72, 0.76, 0.80]):
        logs = accuracy_logs(acc, loss=0.95)
        assert rising.epoch(0.95, logs=logs) is None, f"epoch {epoch}: accuracy rising"
        found = flat.epoch(0.95, logs=accuracy_logs(0.6, loss=0.95))
    assert found is not None and found.problem is Problem.SLOW_CONVERGENCE
    assert "stalled" in found.reason  # the same flat loss at a steady accuracy has stalled


def test_steady_progress_on_track_is_not_slow() -> None:
    run = default_run()
    for epoch in range(6):  # 0.03 of the baseline per epoch reaches 0.9 by epoch 30
        assert run.epoch(curve(lambda t: 1.0 - 0.03 * t, epoch, 10)) is None


def test_crawling_progress_is_slow() -> None:
    run = default_run()
    for epoch in range(5):  # 0.005 per epoch: 0.015 over 3 epochs (< stall_min_delta 0.02)
        found = run.epoch(curve(lambda t: 1.0 - 0.005 * t, epoch, 10))
    assert found is not None and found.problem is Problem.SLOW_CONVERGENCE
    assert "stalled" in found.reason


@pytest.mark.parametrize(("update", "fires_at"), [(1e-5, 2), (1e-3, None)])
def test_crawling_below_the_constant_predictor_with_tiny_steps_is_slow(
    update: float, fires_at: int | None
) -> None:
    """Loss 2.4 -> falling 0.1 per epoch (baseline 1.0): a straight line projects it on track,
    but with tiny steps it is still worse than predicting the mean at 10 % of the budget
    (2 of 20 epochs: epoch index 1), confirmed on the next check."""
    run = default_run(budget=20)
    for epoch in range(5):  # healthy step sizes: not before 30 % (epoch 6)
        run.epoch(curve(lambda t: 2.4 - 0.1 * t, epoch, 10), update=update)
    found = run.first()
    assert (found is None) is (fires_at is None)
    if found is not None:
        assert found.problem is Problem.SLOW_CONVERGENCE and found.epoch == fires_at
        assert found.evidence["progress"] < 0 and found.evidence["projected_progress"] > 0.5
        assert "steps are too small" in found.reason


@pytest.mark.parametrize(
    ("update", "level", "later_best", "fires"),
    [
        (1e-6, 0.78, False, True),  # frozen at progress 0.22 from the first epoch on
        (0.0, 0.78, False, True),  # a rate decayed to nothing: the weights do not move
        (1e-3, 0.78, False, False),  # healthy steps: a plateau, not frozen
        (1e-6, 0.4, False, False),  # progress 0.6: learned much, then frozen (converged)
        (1e-6, 0.78, True, False),  # a new best at epoch 4: a rate decayed later
    ],
)
def test_a_loss_frozen_since_the_first_epoch_by_tiny_steps_is_slow(
    update: float, level: float, later_best: bool, fires: bool
) -> None:
    """Practice batch 6's per-step warm-up decay and Adadelta at Keras' 0.001 (seed 13): the
    first epoch (or the initialisation) takes the loss below the constant predictor's (1.0),
    then the steps are too small to move it: stalled at progress 0.22 after 4 epochs, confirmed
    on the fifth."""
    run = default_run(budget=40)
    found = None
    for epoch in range(10):
        now = level - (0.1 if later_best and epoch >= 4 else 0.0)
        found = found or run.epoch(now, logs={"loss": now, "val_loss": now}, update=update)
    assert (found is not None) is fires
    if found is not None:
        assert found.problem is Problem.SLOW_CONVERGENCE and found.epoch == 4
        assert "no new best" in found.reason and "steps are" in found.reason


@pytest.mark.parametrize(("first_update", "fires"), [(6e-4, False), (5e-5, True)])
def test_steps_that_shrank_from_a_healthy_size_under_a_constant_rate_are_converged(
    first_update: float, fires: bool
) -> None:
    """Practice batch 31's noisy Monte-Carlo returns (healthy, R^2 0.3): the loss at its
    floor from the first epochs, the median update ratio 6.2e-4 at the first check and below
    1e-4 by the eighth under Adam(1e-3): its averaged gradient shrank, not its rate. Steps
    that small from the first check on (Adadelta at Keras' 0.001) are frozen."""
    run = default_run(budget=40)
    found = None
    for epoch in range(10):
        run.history.learning_rates.append(1e-3)
        update = first_update * 0.7**epoch
        found = found or run.epoch(0.78, logs={"loss": 0.78, "val_loss": 0.78}, update=update)
    assert (found is not None) is fires


def test_low_loss_is_never_slow() -> None:
    run = default_run()
    for _ in range(10):
        assert run.epoch(0.05) is None


def test_without_baseline_the_start_loss_stands_in() -> None:
    history = new_history(baseline=None)
    run = Run(DefaultDetector(), history)
    for _ in range(5):
        found = run.epoch(2.0)
    assert found is not None and found.problem is Problem.SLOW_CONVERGENCE
    assert found.evidence["baseline_loss"] == 2.0 and "start loss" in found.reason


def test_without_baseline_a_blown_up_start_does_not_hide_an_accuracy_at_chance() -> None:
    """A loss of the user's own (no constant-predictor loss) at a rate of 5: the loss falls
    from 72 to 5.7 in two epochs, 0.92 of the way from the start loss, while the accuracy
    sits at chance (practice batch 61's distiller). Progress is the accuracy's lift; a
    classifier whose accuracy left chance keeps the start loss's reading."""
    stuck = Run(DefaultDetector(), new_history(task=Task.MULTICLASS, baseline=None, chance=0.17))
    stuck.epoch([72.0] * 10, logs=accuracy_logs(0.16, 0.15, loss=72.0))
    for _ in range(6):
        found = stuck.epoch(5.75, logs=accuracy_logs(0.16, 0.15, loss=5.75))
    assert found is not None and found.problem is Problem.SLOW_CONVERGENCE
    assert found.evidence["progress"] < 0 and "near chance" in found.reason
    learning = Run(DefaultDetector(), new_history(task=Task.MULTICLASS, baseline=None, chance=0.17))
    learning.epoch([72.0] * 10, logs=accuracy_logs(0.3, 0.3, loss=72.0))
    for epoch in range(6):
        assert learning.epoch(5.75, logs=accuracy_logs(0.6, 0.6 + epoch / 100, loss=5.75)) is None


def test_a_degenerate_baseline_of_single_class_labels_gives_way_to_the_start_loss() -> None:
    """Every label 1 (practice batch 31's preference pairs labelled before the shuffle): the
    constant predictor's loss is ~1e-7, and progress against it read -6.8e6."""
    run = Run(DefaultDetector(), new_history(baseline=1e-7))
    for _ in range(5):
        found = run.epoch(2.0)
    assert found is not None and found.evidence["baseline_loss"] == 2.0
    assert found.evidence["progress"] == pytest.approx(0.0) and "start loss" in found.reason


def test_regression_stuck_fires_and_learning_does_not() -> None:
    stuck = Run(DefaultDetector(), new_history(task=Task.REGRESSION, baseline=100.0))
    for _ in range(5):
        found = stuck.epoch(98.0, logs={"loss": 98.0, "val_loss": 99.0}, dead=None)
    assert found is not None and found.problem is Problem.SLOW_CONVERGENCE
    learning = Run(DefaultDetector(), new_history(task=Task.REGRESSION, baseline=100.0))
    for epoch in range(30):
        losses = curve(lambda t: 5.0 + 95.0 * 0.5**t, epoch, 10)
        assert learning.epoch(losses, dead=None) is None


# --- oscillating loss -----------------------------------------------------------------------


def blocks(values: list[float], size: int = 2) -> list[float]:
    """Step losses holding each value for one block of `size` steps."""
    return [v for v in values for _ in range(size)]


SWING_ONLY = {"ol_harm_epochs": 0, "persist_checks": 1}
"""The swing measures alone: no harm gate, no persistence (tested on their own below)."""


def run_blocks(values: list[float], **thresholds: float) -> Run:
    """Epochs of 8 steps (blocks of 2) fed from a block-level curve, with steps of a
    healthy size (the curves start above the baseline: tiny steps would be slow convergence)."""
    run = default_run(steps=8, **{**SWING_ONLY, **thresholds})
    steps = blocks(values)
    for start in range(0, len(steps), 8):
        if run.epoch(steps[start : start + 8], update=1e-3) is not None:
            break
    return run


def alternating(low: float, high: float, n: int = 12) -> list[float]:
    return [high if i % 2 else low for i in range(n)]


def test_alternating_loss_fires_after_min_blocks() -> None:
    run = run_blocks(alternating(0.5, 0.75))
    found = run.first()
    assert found is not None and found.problem is Problem.OSCILLATING_LOSS
    assert found.epoch == 1 and found.evidence["points"] == 8.0  # 8 blocks = 2 epochs
    assert found.evidence["sign_flip_fraction"] == 1.0
    assert found.thresholds["ol_amplitude"] == 0.1


def test_oscillation_at_amplitude() -> None:
    values = alternating(0.5, 0.75, n=8)  # exactly the 8 blocks of the first judged check
    probe = run_blocks(values, ol_amplitude=1e-9).first()
    assert probe is not None
    swing = probe.evidence["swing_over_range"]  # 0.25 minus the slope an 8-block zigzag fits
    assert swing == pytest.approx(0.25, abs=0.02)
    assert run_blocks(values, ol_amplitude=swing).first() is not None
    assert run_blocks(values, ol_amplitude=float(np.nextafter(swing, 1.0))).first() is None


@pytest.mark.parametrize(("threshold", "fires"), [(0.5, True), (0.51, False)])
def test_oscillation_at_alternation(threshold: float, fires: bool) -> None:
    stairs = [0.5, 0.75, 1.0, 0.75] * 3  # direction flips at half of the moves
    run = run_blocks(stairs, ol_alternation=threshold)
    assert (run.first() is not None) is fires


@pytest.mark.parametrize(("trend", "fires"), [(0.1, True), (0.2, False)])
def test_oscillation_must_dominate_the_trend(trend: float, fires: bool) -> None:
    values = [3.0 - trend * i + (0.125 if i % 2 else -0.125) for i in range(12)]
    run = run_blocks(values)
    found = run.first()
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.OSCILLATING_LOSS


def test_batch_levels_repeated_every_epoch_are_no_oscillation() -> None:
    """Keras replays one shuffle order every epoch under `set_random_seed`: each step carries
    its batch's own level, epoch after epoch (the practice benchmark's diabetes MLP: blocks
    swung 4.9 x the step noise while nothing oscillated). The same steps with the swing's
    phase turned every epoch (no repeated order) still fire."""
    levels = [0.5, 0.5, 0.9, 0.9, 0.45, 0.45, 0.85, 0.85]
    stuck = {"loss": 0.675, "val_loss": 0.675}  # no new best: the harm gate opens at epoch 4
    run = default_run(steps=8, persist_checks=1)
    for _ in range(10):
        run.epoch(levels, logs=stuck, update=1e-3)
    assert run.first() is None
    turned = default_run(steps=8, persist_checks=1)
    for epoch in range(10):
        turned.epoch(levels if epoch % 2 == 0 else levels[2:] + levels[:2], logs=stuck,
                     update=1e-3)  # fmt: skip
    found = turned.first()
    assert found is not None and found.problem is Problem.OSCILLATING_LOSS


def test_a_repeated_batch_order_rising_within_each_epoch_is_read_by_its_epoch_means() -> None:
    """An unshuffled tf.data pipeline (the practice check on breast cancer, 3 epochs, no
    validation): the last batches of every epoch are the hard ones, so the step losses rise
    within each epoch while the epoch means fall 1.5 -> 1.05 -> 0.75 around the constant
    predictor's 1.0. Read within the epoch, the pace was negative ("ends the budget still
    worse"): slow convergence at epoch 1. The epoch means' fall is the pace."""
    run = default_run(budget=3, steps=18)
    for mean in (1.5, 1.05, 0.75):
        run.epoch(list(np.linspace(mean - 0.3, mean + 0.3, 18)), update=1e-3,
                  logs={"loss": mean, "accuracy": 0.6})  # fmt: skip
    assert run.first() is None
    signals = loss_signals(run.history, DefaultThresholds())
    assert signals is not None and signals.rate == pytest.approx(0.3)  # 1.05 -> 0.75


# --- oscillating loss on the per-epoch curve -----------------------------------------------


def val_run(val_losses: list[float], **thresholds: float) -> Run:
    """Flat step losses (no block swing) with the given validation loss per epoch."""
    run = default_run(**thresholds)
    return feed_val(run, val_losses)


def feed_val(run: Run, val_losses: list[float], accuracies: list[float] | None = None) -> Run:
    """Epochs of flat step losses with the given validation losses (and accuracies)."""
    for index, val in enumerate(val_losses):
        logs = {"loss": 0.3, "val_loss": val}
        if accuracies is not None:
            logs.update(accuracy=accuracies[index], val_accuracy=accuracies[index])
        if run.epoch(0.3, logs=logs) is not None:
            break
    return run


def test_bouncing_validation_loss_fires_after_min_epochs() -> None:
    run = val_run([0.3, 0.6] * 5)
    found = run.first()
    assert found is not None and found.problem is Problem.OSCILLATING_LOSS
    # 6 epochs = ol_min_epochs (no new best since epoch 0), confirmed at the 7th
    assert found.epoch == 6 and found.evidence["epoch_curve"] == 1.0
    assert found.evidence["epochs_without_new_best"] == 6.0
    assert "ol_noise" not in found.thresholds and "epochs" in found.reason


def test_swings_while_new_bests_keep_coming_are_no_oscillation() -> None:
    """A cyclic (triangular, 4-epoch period) or warm-restart schedule: the validation loss
    swings by 0.3 of the baseline, but every cycle reaches a new best: no finding. (It starts
    at 0.7 of the baseline: a model learning, not one near the constant predictor, which the
    slow-convergence rule judges on its best validation loss.)"""
    cycle = [0.0, 0.2, 0.3, 0.1]
    values = [0.7 - 0.02 * epoch + cycle[epoch % 4] for epoch in range(24)]
    assert val_run(values).first() is None


def test_swings_of_a_stuck_model_are_oscillation() -> None:
    """The same swings around a level that no longer improves: a finding once neither loss
    nor accuracy has made a new best for ol_harm_epochs."""
    cycle = [0.0, 0.2, 0.3, 0.1]
    values = [0.6 + cycle[epoch % 4] for epoch in range(24)]
    found = val_run(values).first()
    assert found is not None and found.problem is Problem.OSCILLATING_LOSS


def test_an_improving_accuracy_holds_the_oscillation_finding_back() -> None:
    """Swinging validation loss, but the accuracy makes a new best every other epoch."""
    losses = [0.3, 0.6] * 6
    rising = [0.5 + 0.02 * epoch for epoch in range(12)]
    assert feed_val(default_run(), losses, rising).first() is None
    flat = [0.6, 0.55] * 6
    found = feed_val(default_run(), losses, flat).first()
    assert found is not None and found.problem is Problem.OSCILLATING_LOSS


def test_small_validation_wiggle_is_no_oscillation() -> None:
    assert val_run([0.3, 0.35, 0.3, 0.35, 0.3, 0.35, 0.3, 0.35]).first() is None


def test_epoch_curve_at_amplitude() -> None:
    values = [0.25, 0.75, 0.25, 0.75]
    four = {**SWING_ONLY, "ol_min_epochs": 4}
    probe = val_run(values, ol_amplitude=1e-9, **four).first()
    assert probe is not None
    # detrended 4-point zigzag: residual moves 0.4, 0.6, 0.4; learned range 1.0 - 0.25
    assert probe.evidence["swing"] == pytest.approx(0.4)
    swing = probe.evidence["swing_over_range"]
    assert swing == pytest.approx(0.4 / 0.75)
    assert val_run(values, ol_amplitude=swing, **four).first() is not None
    assert val_run(values, ol_amplitude=float(np.nextafter(swing, 1.0)), **four).first() is None


def test_validation_progress_counts_when_step_losses_are_flat() -> None:
    # Steps say nothing (flat near the baseline), validation improves 0.1 per epoch: on track.
    run = default_run()
    for epoch in range(4):
        assert run.epoch(0.95, logs={"loss": 0.95, "val_loss": 0.95 - 0.1 * epoch}) is None


@pytest.mark.parametrize(
    ("update", "first_epoch"), [(1e-5, 4), (9.9e-5, 4), (1e-4, 10), (1e-3, 10)]
)
def test_slow_start_with_healthy_steps_gets_until_the_patient_budget(update, first_epoch):
    """Tiny steps (update ratio < sc_small_update) are judged at 10 % of the budget; steps of
    a healthy size at 30 %: a plateau that later speeds up is common with Adam. Each is
    confirmed on the next check."""
    run = default_run(budget=30)
    fired = None
    for epoch in range(12):
        found = run.epoch(0.95, logs=accuracy_logs(0.5, loss=0.95), update=update)
        if found is not None:
            fired = epoch + 1
            break
    assert fired == first_epoch


def test_a_loss_still_falling_steadily_is_a_short_budget_not_slow_convergence() -> None:
    """Healthy steps, little progress yet, off track by a straight line, but the validation
    loss falls 4 % of its level per epoch: no slow convergence; a flat one is."""
    for fall, expected in ((0.04, None), (0.002, Problem.SLOW_CONVERGENCE)):
        run = default_run(budget=20)
        found = None
        for epoch in range(8):
            level = 1.2 * (1 - fall) ** epoch  # from above the baseline (1.0)
            found = found or run.epoch(level, logs={"loss": level, "val_loss": level},
                                       update=1e-3)  # fmt: skip
        assert (found.problem if found else None) is expected, fall


@pytest.mark.parametrize(("per_epoch", "fires"), [(0.15, True), (0.3, False)])
def test_a_loss_that_ends_the_budget_still_worse_than_learning_nothing_is_slow(
    per_epoch: float, fires: bool
) -> None:
    """From 3 x the constant predictor's loss, falling steadily (5 % of its level per epoch,
    past sc_min_fall): at 0.15 per epoch it is still worse than the constant predictor when
    the 12 epochs end (projected progress < 0): slow convergence; at 0.3 per epoch it gets
    there, a budget question the more_epochs candidate answers."""
    run = default_run(budget=12)
    found = None
    for epoch in range(8):
        loss = 3.0 - per_epoch * (epoch + 1)
        found = found or run.epoch(loss, logs=accuracy_logs(0.3, loss=loss), update=1e-3)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.SLOW_CONVERGENCE
        assert found.evidence["projected_progress"] < 0
        assert "ends the budget still worse" in found.reason



@pytest.mark.parametrize(
    ("per_epoch", "update", "fires"),
    [
        (0.011, 1e-3, False),  # past the constant predictor, on a pace to 0.39: learning
        (0.011, 1e-5, True),  # the same curve on tiny steps
        (0.0064, 1e-3, True),  # stalled (0.019 in 3 epochs), on a pace to 0.22 < 0.3
    ],
)
def test_a_regression_loss_shedding_a_small_share_of_its_level_on_a_good_pace(
    per_epoch: float, update: float, fires: bool
) -> None:
    """Practice batch 62's MADE (binary pixels under a per-pixel cross-entropy, no accuracy):
    0.381 -> 0.347 at 30 % of the budget (progress 0.089), falling 1.2 % of its level per
    epoch, 0.299 at its end. A loss whose floor is far above 0 sheds a small share of its
    level however well it learns: with healthy steps, past the constant predictor (1.0 here)
    and on a pace (its best loss's gain over the last 3 epochs) to sc_pace_factor x
    sc_progress by the end of the budget, it is neither crawling nor stalled."""
    run = default_run(budget=40, task=Task.REGRESSION)
    found = None
    for epoch in range(16):
        level = 1.0 - per_epoch * max(0, epoch - 4)  # flat for 5 epochs, then falling
        found = found or run.epoch(level, logs={"loss": level, "val_loss": level},
                                   update=update)  # fmt: skip
    assert (found is not None) is fires
    if found is not None:
        assert found.problem is Problem.SLOW_CONVERGENCE


@pytest.mark.parametrize(
    ("plateau", "update", "fires"),
    [
        (3.82, 1e-3, False),  # 0.067 below the start loss, then flat: learned, at a ceiling
        (4.09, 1e-3, True),  # 0.002 below it: the loss never moved
        (3.82, 1e-5, True),  # the same plateau on tiny steps
    ],
)
def test_a_loss_of_the_users_own_without_an_accuracy_at_a_plateau(
    plateau: float, update: float, fires: bool
) -> None:
    """Practice batch 65's DeepSurv (a Cox partial likelihood of its own: no constant
    predictor's loss, no accuracy): 4.10 -> 3.82 in two epochs, then flat at its data's
    ceiling (concordance 0.713 of 0.723). Progress is read from the start loss, and how far
    below it the floor lies is unknown: on healthy steps, a loss sc_own_loss_progress of the
    way down is not called stuck."""
    history = new_history(task=Task.REGRESSION, budget=30, steps_per_epoch=10, baseline=None)
    run = Run(DefaultDetector(DefaultThresholds()), history)
    found = None
    for epoch in range(14):
        level = 4.1 if epoch == 0 else plateau
        steps = [4.1] * 10 if epoch == 0 else [plateau] * 10
        found = found or run.epoch(steps, logs={"loss": level, "val_loss": level},
                                   update=update)  # fmt: skip
    assert (found is not None) is fires
    if found is not None:
        assert found.problem is Problem.SLOW_CONVERGENCE
