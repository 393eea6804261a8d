"""Slow convergence at the data's ceiling (`detect.ceiling`, `measure.reference_fit`): a
network as far along as off-the-shelf models get on the same rows is not slow, however
little that is (held-out practice batch 33's churn hazard, batch 32's click model)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.ceiling import crawling_from_the_start, detect_with_ceiling
from autotrainer_keras.detect.default import DefaultDetector
from autotrainer_keras.measure.history import Task
from autotrainer_keras.measure.reference_fit import LazyReference, reference_progress, table
from autotrainer_keras.problems import Problem

from .builders import Run, accuracy_logs, check, new_history

# --- the reference ----------------------------------------------------------------------------


def _rare_events(seed: int, rows: int, signal: float) -> tuple[np.ndarray, np.ndarray]:
    """Six columns and a rare binary outcome (6-8 %) whose log-odds are `signal` x the first
    column: 1.0 a churn-like hazard (0.08-0.12 below the constant predictor)."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, 6))
    odds = -2.9 + signal * x[:, 0]
    return x, (rng.random(rows) < 1 / (1 + np.exp(-odds))).astype("float32")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_low_signal_table_reads_a_low_ceiling_and_shuffled_labels_none(seed: int) -> None:
    x, y = _rare_events(seed, 6000, 1.0)
    x_val, y_val = _rare_events(seed + 10, 3000, 1.0)
    low = reference_progress("binary_crossentropy", x, y, x_val, y_val)
    assert low is not None and 0.05 < low < 0.2  # 0.081-0.115 on seeds 0-4
    none = reference_progress("binary_crossentropy", x, np.random.default_rng(seed)
                              .permutation(y), x_val, y_val)  # fmt: skip
    assert none is not None and none < 0.02  # -0.034-0.013 on seeds 0-4
    strong_x, strong_y = _rare_events(seed, 6000, 4.0)
    strong = reference_progress("binary_crossentropy", strong_x, strong_y,
                                *_rare_events(seed + 10, 3000, 4.0))  # fmt: skip
    assert strong is not None and strong > 0.4


@pytest.mark.parametrize("seed", [0, 1])
def test_regression_and_one_hot_classes_are_read(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((3000, 4))
    y = (np.sin(2 * x[:, 0]) + 0.3 * rng.standard_normal(3000)).astype("float32")
    fitted = reference_progress("mse", x[:2000], y[:2000], x[2000:], y[2000:])
    assert fitted is not None and fitted > 0.5  # trees find the sine
    classes = np.eye(3)[(x[:, 1] > 0).astype(int) + (x[:, 2] > 1).astype(int)]
    one_hot = reference_progress("categorical_crossentropy", x[:2000], classes[:2000],
                                 x[2000:], classes[2000:])  # fmt: skip
    assert one_hot is not None and one_hot > 0.5


def test_what_the_reference_cannot_read_is_not_measured() -> None:
    x, y = _rare_events(0, 1000, 1.0)
    assert reference_progress("hinge", x, y, x, y) is None  # another loss's units
    assert reference_progress("mse", x[:, :, None], y, x[:, :, None], y) is None  # sequences
    assert reference_progress("binary_crossentropy", x[:50], y[:50], x, y) is None  # few rows
    soft = np.clip(y + 0.1, 0, 1)
    assert reference_progress("binary_crossentropy", x, soft, x, soft) is None  # soft targets
    multi = np.stack([y, 1 - y, y], axis=1)  # several labels per row
    assert reference_progress("binary_crossentropy", x, multi, x, multi) is None
    named = table({"b": x[:, 3:], "a": x[:, :3]})
    assert named is not None and np.array_equal(named, np.concatenate([x[:, :3], x[:, 3:]], 1))


def test_the_lazy_reference_measures_once_on_halves() -> None:
    x, y = _rare_events(0, 4000, 1.0)
    lazy = LazyReference.halves("binary_crossentropy", {"columns": x}, y)
    assert len(lazy.x_fit["columns"]) == 2000 and len(lazy.y_eval) == 2000
    first = lazy()
    assert first is not None and lazy.measured == [first] and lazy() == first


# --- the rule ---------------------------------------------------------------------------------


class Counted:
    """A reference reading that counts how often it is asked."""

    def __init__(self, value: float | None) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> float | None:
        self.calls += 1
        return self.value


def _stalled_run(reference: Counted | None) -> tuple[Run, list[object]]:
    """A binary model stalled at progress 0.08 with its accuracy near chance for 6 epochs of
    30 (what slow convergence names), each check through `detect_with_ceiling`."""
    run = Run(DefaultDetector(DefaultThresholds()), new_history(Task.BINARY, 30, 10))
    found = []
    for _ in range(6):
        run.epoch(0.92, logs=accuracy_logs(0.5, loss=0.92))
        found.append(detect_with_ceiling(run.detector, run.history, reference))
    return run, found


@pytest.mark.parametrize(("reference", "slow"), [
    (None, True),     # not measurable: the rule as before
    (0.01, True),     # nothing to learn in these inputs (shuffled labels): still slow
    (0.09, False),    # the network (0.08) at 0.89 of the data's ceiling
    (0.10, False),    # at 0.8: still within sc_ceiling_share 0.75
    (0.12, True),     # at 0.67: the data carries more than the network found
    (0.6, True),      # far more
])  # fmt: skip
def test_a_stall_at_the_data_ceiling_is_not_slow(reference: float | None, slow: bool) -> None:
    counted = Counted(reference)
    run, found = _stalled_run(counted)
    named = [f for f in found if f is not None]
    assert bool(named) is slow
    if slow:
        assert all(f.problem is Problem.SLOW_CONVERGENCE for f in named)  # type: ignore[attr-defined]
        if reference is not None:
            assert named[0].evidence["reference_progress"] == reference  # type: ignore[attr-defined]
    # measured when the finding was first due; a reading of None is asked again (the
    # monitors' `LazyReference` keeps it)
    assert counted.calls == 1 or reference is None
    assert run.history.reference_progress == reference


def test_no_reference_is_measured_while_no_finding_is_due() -> None:
    counted = Counted(0.09)
    run = Run(DefaultDetector(DefaultThresholds()), new_history(Task.BINARY, 30, 10))
    for level in (0.9, 0.7, 0.5, 0.4):  # learning well with steps of a healthy size
        run.epoch(level, logs=accuracy_logs(0.8, loss=level), update=1e-3)
        assert detect_with_ceiling(run.detector, run.history, counted) is None
    assert counted.calls == 0


def _crawl(reference: float | None, fall: float = 0.01,
           update: float = 3e-5) -> tuple[Run, list[object], Counted]:  # fmt: skip
    """A binary task (baseline 1.0) whose validation loss falls `fall` an epoch from 0.85 with
    steps of `update` x the weights per step from the start: 0.15 + 0.01 x epochs of the way,
    0.22 after 8 epochs of 30, about 0.44 at the end at that pace."""
    counted = Counted(reference)
    run = Run(DefaultDetector(DefaultThresholds()), new_history(Task.BINARY, 30, 10))
    found = []
    for epoch in range(8):
        level = 0.85 - fall * epoch
        run.epoch(level, logs={"loss": level, "val_loss": level, "accuracy": 0.6,
                               "val_accuracy": 0.6}, update=update)  # fmt: skip
        found.append(detect_with_ceiling(run.detector, run.history, counted))
    return run, found, counted


def test_steps_too_small_from_the_start_are_slow_when_the_data_allows_far_more() -> None:
    """Practice batch 36's PiecewiseConstantDecay boundaries given in epochs (the rate 1e-5
    from the first steps): 0.25 of the way at the end against a reference of 0.58."""
    run, found, counted = _crawl(0.8)
    named = [f for f in found if f is not None]
    assert named and named[0].problem is Problem.SLOW_CONVERGENCE  # type: ignore[attr-defined]
    assert "since the start" in named[0].reason  # type: ignore[attr-defined]
    assert named[0].evidence["projected_held_out_progress"] < 0.75 * 0.8  # type: ignore[attr-defined]
    assert counted.calls == 1  # measured before any finding was due


@pytest.mark.parametrize(("reference", "fall", "update"), [
    (None, 0.01, 3e-5),   # no reference: a steady fall is a budget too short, as before
    (0.45, 0.01, 3e-5),   # within reach: 0.75 x 0.45 = 0.34 < the projected 0.44
    (0.8, 0.03, 3e-5),    # falling fast enough to get there (projected 0.9+)
    (0.8, 0.01, 3e-4),    # steps of a healthy size: a slow start, not a small optimizer
])  # fmt: skip
def test_small_steps_within_reach_of_the_ceiling_are_not_slow(
    reference: float | None, fall: float, update: float
) -> None:
    _, found, _ = _crawl(reference, fall, update)
    assert all(f is None for f in found)


def test_memorised_training_rows_are_still_slow_whatever_the_reference() -> None:
    """Training rows learned while the validation loss stays at the constant predictor's
    (validation sequences given reversed, practice batch 12): the memorised path of slow
    convergence, above sc_progress, is not a ceiling."""
    run = Run(DefaultDetector(DefaultThresholds()), new_history(Task.BINARY, 30, 10))
    found = []
    for level in (0.8, 0.5, 0.3, 0.2, 0.15, 0.12, 0.1, 0.1, 0.1, 0.1):
        logs = {"loss": level, "accuracy": 0.9, "val_loss": 1.0, "val_accuracy": 0.5}
        run.epoch(level, logs=logs, update=1e-3)
        found.append(detect_with_ceiling(run.detector, run.history, Counted(0.09)))
    named = [f for f in found if f is not None]
    assert named and named[0].problem is Problem.SLOW_CONVERGENCE
    assert "memorised" in named[0].reason


def test_layers_a_train_step_leaves_still_are_no_small_steps() -> None:
    """A `train_step` that updates the output layer only: the hidden layers' ratios are
    exactly 0 (`detect.not_updated`'s reading); the layer that moves takes healthy steps."""
    t = DefaultThresholds()
    history = new_history(Task.BINARY, 30, 10)
    for epoch in range(4):
        history.step_losses.extend([0.9] * 10)
        history.checks.append(check(epoch, 10 * (epoch + 1), update=0.0, first_update=0.0))
    for record in history.checks:
        record.layers[-1] = replace(record.layers[-1], update_ratio=3e-4)
    assert not crawling_from_the_start(history, t)
    for record in history.checks:
        record.layers[-1] = replace(record.layers[-1], update_ratio=3e-5)
    assert crawling_from_the_start(history, t)
