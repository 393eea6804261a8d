"""The inference-mismatch rule on scripted numbers: a model that learns in training mode only
(probe loss by mode, validation loss) fires once im_patient_budget of the budget is trained
and on persist_checks consecutive checks; quiet on a healthy BatchNorm run, on lagging
statistics that catch up early, on a model that learned nothing, without a measurement.
Margins around every threshold. No Keras."""

from __future__ import annotations

import math

import pytest

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.default import DefaultDetector
from autotrainer_keras.detect.inference_mismatch import inference_mismatch_rule
from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.signals import loss_signals
from autotrainer_keras.measure.history import EpochRecord, ModeLosses, Task, TrainingHistory
from autotrainer_keras.problems import SetupProblem, is_setup_finding
from tests.detect.builders import check

T = DefaultThresholds()
BASELINE = 2.0
STEPS = 10


def _history(
    modes: list[tuple[float, float] | None],
    val: list[float | None] | None = None,
    budget: int = 10,
) -> TrainingHistory:
    """`len(modes)` epochs of a budget of `budget` (STEPS steps each, baseline BASELINE),
    one check at each epoch end carrying (training-mode, inference-mode) probe losses."""
    history = TrainingHistory(Task.MULTICLASS, budget, STEPS, BASELINE, 0.1)
    for epoch, pair in enumerate(modes):
        train = pair[0] if pair is not None else BASELINE / 2
        history.step_losses.extend([train] * STEPS)
        logs = {"loss": train}
        if val is not None and val[epoch] is not None:
            logs["val_loss"] = float(val[epoch])  # type: ignore[arg-type]
        history.epochs.append(EpochRecord(epoch, STEPS * (epoch + 1), logs))
        record = check(epoch, STEPS * (epoch + 1), update=1e-3)
        record.mode_losses = None if pair is None else ModeLosses(*pair)
        history.checks.append(record)
    return history


def _rule(history: TrainingHistory):  # type: ignore[no-untyped-def]
    return inference_mismatch_rule(
        RuleInput(history, history.checks[-1], loss_signals(history, T), T)
    )


STUCK = (0.2, 2.05)  # training mode learned (progress 0.9), inference mode nothing (-0.025)


def test_fires_when_training_mode_learns_and_inference_mode_does_not() -> None:
    found = _rule(_history([STUCK] * 8, val=[2.1] * 8))
    assert found is not None and found.problem is SetupProblem.INFERENCE_MISMATCH
    assert not is_setup_finding(found)  # seen in training, not before it
    assert found.evidence["training_mode_loss"] == 0.2
    assert found.evidence["inference_mode_loss"] == 2.05
    assert math.isclose(found.evidence["val_progress"], 1 - 2.1 / BASELINE)
    assert "training-mode" in found.reason and "BatchNormalization" in found.reason
    assert set(found.thresholds) == {"im_learned", "im_unlearned", "im_patient_budget"}


def test_fires_without_validation_on_the_probe_gap_alone() -> None:
    found = _rule(_history([STUCK] * 8))
    assert found is not None and "val_loss" not in found.evidence


@pytest.mark.parametrize(("epochs", "fires"), [(6, False), (7, True)])
def test_waits_for_the_patient_budget(epochs: int, fires: bool) -> None:
    """im_patient_budget 0.7 of 10 epochs: 7 epochs trained, not 6."""
    assert (_rule(_history([STUCK] * epochs)) is not None) is fires


@pytest.mark.parametrize(
    ("pair", "fires"),
    [
        ((BASELINE * (1 - T.im_learned) * 1.05, 2.05), False),  # training mode learned too little
        ((BASELINE * (1 - T.im_learned) * 0.95, 2.05), True),
        ((0.2, BASELINE * (1 - T.im_unlearned) * 0.95), False),  # inference mode learned enough
        ((0.2, BASELINE * (1 - T.im_unlearned) * 1.05), True),
        ((2.1, 2.1), False),  # learned nothing in either mode: not this problem
        ((0.2, 0.25), False),  # healthy: both modes learned
        ((0.2, math.nan), False),  # non-finite: the non-finite rule's
    ],
)
def test_margins_on_the_two_modes(pair: tuple[float, float], fires: bool) -> None:
    assert (_rule(_history([pair] * 8)) is not None) is fires


@pytest.mark.parametrize(
    ("val", "fires"),
    [
        (BASELINE * (1 - T.im_unlearned) * 0.95, False),
        (BASELINE * (1 - T.im_unlearned) * 1.05, True),
    ],
)
def test_validation_that_learned_is_no_harm(val: float, fires: bool) -> None:
    assert (_rule(_history([STUCK] * 8, val=[val] * 8)) is not None) is fires


def test_no_measurement_no_finding() -> None:
    """A model without BatchNormalization, or a mid-epoch check: nothing measured."""
    assert _rule(_history([None] * 8)) is None
    history = _history([STUCK] * 8)
    history.baseline_loss = None  # no constant-predictor loss: no progress to compare
    assert _rule(history) is None


def test_the_detector_needs_consecutive_checks() -> None:
    """Through DefaultDetector: the symptom on the newest check alone waits; on two fires."""
    detector = DefaultDetector(T)
    healthy = [(0.2, 0.3)] * 7
    assert detector.detect(_history([*healthy, STUCK])) is None
    found = detector.detect(_history([*healthy[:6], STUCK, STUCK]))
    assert found is not None and found.problem is SetupProblem.INFERENCE_MISMATCH
    assert found.evidence["persisted_checks"] == T.persist_checks


def test_quiet_on_statistics_that_catch_up_before_the_patient_budget() -> None:
    """The practice benchmark's healthy cnn_batchnorm (momentum 0.99, 45 steps an epoch,
    seed 22): inference mode at chance through epoch 9 of 15, then learned (scaled to
    BASELINE from its 2.30). No check of the run fires."""
    train = [1.62, 1.2, 0.93, 0.75, 0.61, 0.5, 0.42, 0.36, 0.31, 0.27, 0.23, 0.21, 0.18, 0.17,
             0.15]  # fmt: skip
    infer = [2.28, 2.29, 2.4, 2.59, 2.84, 3.04, 3.06, 2.81, 2.31, 1.68, 1.12, 0.7, 0.45, 0.31,
             0.23]  # fmt: skip
    val = [2.27, 2.28, 2.39, 2.58, 2.82, 3.01, 3.03, 2.78, 2.28, 1.66, 1.12, 0.72, 0.46, 0.33,
           0.25]  # fmt: skip
    scale = BASELINE / 2.302
    pairs = [(a * scale, b * scale) for a, b in zip(train, infer, strict=True)]
    vals: list[float | None] = [v * scale for v in val]
    detector = DefaultDetector(T)
    for epochs in range(1, 16):
        history = _history(pairs[:epochs], val=vals[:epochs], budget=15)
        finding = detector.detect(history)
        assert finding is None or finding.problem is not SetupProblem.INFERENCE_MISMATCH
