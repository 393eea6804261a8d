"""A validation set unlike the training rows behind a problem read off the validation curves:
the job tries no candidate (each would be judged on the same rows) and says the data must be
fixed; the original still trains to its full budget."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.demo import make_data, make_model
from autotrainer_keras.engine.request import JobRequest, Mode
from autotrainer_keras.engine.runner import execute
from autotrainer_keras.problems import Finding, Problem, SetupProblem
from autotrainer_keras.progress import NullProgress
from autotrainer_keras.record.sink import NullSink
from autotrainer_keras.repair.plans import data_to_fix


def _finding(problem: Problem | SetupProblem) -> Finding:
    return Finding(problem=problem, epoch=0, step=0, layer=None, evidence={}, thresholds={},
                   reason=problem.value)  # fmt: skip


def test_only_a_data_finding_behind_a_validation_read_problem_blocks_the_repair() -> None:
    shift, unlike = _finding(SetupProblem.VALIDATION_SHIFT), _finding(SetupProblem.LABEL_MISMATCH)
    slow, swinging = _finding(Problem.SLOW_CONVERGENCE), _finding(Problem.OSCILLATING_LOSS)
    assert data_to_fix([slow, shift]) is shift
    assert data_to_fix([swinging, _finding(SetupProblem.SMALL_BUDGET), unlike]) is unlike
    assert data_to_fix([slow]) is None  # nothing about the data
    assert data_to_fix([_finding(Problem.EXPLODING_GRADIENT), slow, shift]) is None  # gradients
    assert data_to_fix([_finding(SetupProblem.LEARNING_RATE_RANGE), slow]) is None


@pytest.mark.medium
def test_a_shifted_validation_column_is_reported_and_no_candidate_is_tried(tmp_path: Path):
    """The demo's slow MLP (SGD at 1e-4) with the validation rows' first column moved 40
    training standard deviations: slow convergence and the shift are both named, nothing is
    retrained against the shifted rows, and the original trains on to its budget."""
    data = make_data()
    data["x_val"] = data["x_val"].copy()
    data["x_val"][:, 0] += 40 * data["x_train"][:, 0].std()
    np.savez(tmp_path / "data.npz", **data)
    make_model("slow_convergence").save(tmp_path / "slow.keras")
    config = AutotrainerConfig().with_overrides(training__epochs=8)
    request = JobRequest(Mode.REPAIR, tmp_path / "slow.keras", tmp_path / "data.npz", config,
                         output_dir=tmp_path / "out")  # fmt: skip
    report = execute(request, NullProgress(), sink=NullSink()).report
    problems = [d["problem"] for d in report["detections"]]
    assert problems[0] == "slow_convergence" and "validation_shift" in problems
    assert report["status"] == "unrepaired" and report["repairs"] == []
    assert "validation data must be fixed" in report["repair_stop_reason"]
    assert report["original"]["continued"]["epochs_run"] == 8
