"""Replaying detectors on recorded histories gives the finding the live run would have raised."""

from __future__ import annotations

import json
import math

from autotrainer_keras.detect.default import DefaultDetector
from autotrainer_keras.detect.paper import PaperDetector
from autotrainer_keras.measure.history import ActivationStats, OutputStats, TrainingHistory
from autotrainer_keras.problems import Problem
from benchmarks.real.replay import first_finding, score
from tests.detect.builders import Run, new_history


def _recorded(detector: object, nan_epoch: int, epochs: int = 8) -> tuple[Run, TrainingHistory]:
    """A live run fed epoch by epoch; the loss turns NaN from `nan_epoch` on."""
    run = Run(detector, new_history())  # type: ignore[arg-type]
    for epoch in range(epochs):
        run.epoch(math.nan if epoch >= nan_epoch else 0.6 - 0.01 * epoch)
    return run, run.history


def test_history_survives_json_and_prefixes_match_what_the_detector_saw() -> None:
    run, history = _recorded(DefaultDetector(), nan_epoch=99, epochs=4)
    history.checks[-1].activations.append(ActivationStats("dense", "relu", 1.5, 2.0, None))
    history.checks[-1].output = OutputStats("sigmoid", 0.1, 0.9, 0.8)
    again = TrainingHistory.from_dict(json.loads(json.dumps(history.to_dict())))
    assert again == history
    prefix = again.upto_check(1)
    assert [c.epoch for c in prefix.checks] == [0, 1]
    assert prefix.epochs_done == 2 and prefix.steps_done == 2 * history.steps_per_epoch


def test_the_baselines_rows_survive_json_and_older_records_read_as_validation() -> None:
    _, history = _recorded(DefaultDetector(), nan_epoch=99, epochs=2)
    history.baseline_rows = "training"
    again = TrainingHistory.from_dict(json.loads(json.dumps(history.to_dict())))
    assert again.baseline_rows == again.upto_check(0).baseline_rows == "training"
    older = history.to_dict()
    del older["baseline_rows"]
    assert TrainingHistory.from_dict(older).baseline_rows == "validation"


def test_replay_finds_the_live_finding_at_the_same_epoch_for_both_profiles() -> None:
    live, history = _recorded(DefaultDetector(), nan_epoch=5)
    live_first = next(f for f in live.findings if f is not None)
    replayed = first_finding(DefaultDetector(), TrainingHistory.from_dict(history.to_dict()))
    assert replayed is not None and replayed.problem is Problem.EXPLODING_GRADIENT
    assert (
        (replayed.problem, replayed.epoch)
        == (live_first.problem, live_first.epoch)
        == (Problem.EXPLODING_GRADIENT, 5)
    )
    # the paper profile only looks at epochs 0, 3, 6: the NaN of epoch 5 is seen at epoch 6
    paper = first_finding(PaperDetector(), history)
    assert paper is not None and paper.problem is Problem.EXPLODING_GRADIENT and paper.epoch == 6


def test_score_counts_false_alarms_and_exact_problems_per_half() -> None:
    rows = [
        {"profile": "default", "half": "dev", "label": "healthy", "detected": 1,
         "detected_problem": "slow_convergence", "watch_error": ""},
        {"profile": "default", "half": "dev", "label": "healthy", "detected": 0,
         "detected_problem": "", "watch_error": ""},
        {"profile": "default", "half": "dev", "label": "dying_relu", "detected": 1,
         "detected_problem": "slow_convergence", "watch_error": ""},
        {"profile": "default", "half": "dev", "label": "dying_relu", "detected": 1,
         "detected_problem": "dying_relu", "watch_error": ""},
        {"profile": "default", "half": "dev", "label": "dying_relu", "detected": 0,
         "detected_problem": "", "watch_error": "no watch record"},
    ]  # fmt: skip
    cell = score(rows)[("default", "dev")]
    assert (cell["labels"]["healthy"], cell["detected"]["healthy"]) == (2, 1)
    assert (cell["labels"]["dying_relu"], cell["detected"]["dying_relu"]) == (2, 2)
    assert cell["exact"]["dying_relu"] == 1
