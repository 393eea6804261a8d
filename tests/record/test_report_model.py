"""The typed report (record.report_model): built from scripted attempt records, valid against
schemas/report.schema.json, read back unchanged, written once (fast, no Keras)."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from autotrainer_keras.io.atomic import jsonable
from autotrainer_keras.problems import Finding, Problem
from autotrainer_keras.record.report_model import (
    REPORT_FILE,
    FinalModel,
    JobReport,
    ReportBuilder,
    ReportHeader,
    write_report,
)
from autotrainer_keras.record.summary import AttemptSummary, RepairChoice

FINDING = Finding(Problem.EXPLODING_GRADIENT, 1, 16, "dense", {"grad": 2e4}, {"max": 1e3}, "Big.")
OTHER = Finding(Problem.DYING_RELU, 2, 24, "hidden", {"dead": 0.9}, {"max_dead": 0.5}, "Dead.")
HEADER = ReportHeader("run", "default", "binary", "in/m.keras", "ab" * 32, "in/d.npz", "out")
CURVES = {"epochs": [{"loss": 0.7, "val_loss": 0.8}], "checks": []}
LAYOUT = [
    "schema_version", "tool", "command", "status", "profile", "task", "interrupted",
    "model_file", "data_file", "detections", "original", "repairs", "final", "timing",
    "warnings", "curves", "mlflow", "output_dir",
]  # fmt: skip


def _schema() -> dict:
    text = resources.files("autotrainer_keras").joinpath("schemas/report.schema.json").read_text()
    return json.loads(text)


def _candidate(index: int, solution: str, outcome: str, accuracy: float) -> AttemptSummary:
    choice = RepairChoice(
        round=1, problem="exploding_gradient", solution=solution, try_index=0, seed=7,
        params={"clipnorm": 1.0}, description=f"Try {solution}.", solutions_applied=(solution,),
    )  # fmt: skip
    found = (OTHER,) if outcome == "other_problem" else ()
    name = f"repair-{index}-{solution}"
    return AttemptSummary(name, accuracy, 0.4, 5, 1.25, found, outcome, choice, score=accuracy)


def _original() -> AttemptSummary:
    return AttemptSummary(
        "original", 0.5, 0.9, 2, 3.0004, (FINDING,), score=0.5, best_val_accuracy=0.55
    )


def _repaired_job() -> JobReport:
    """A scripted repair job: a detection, two candidates, the second accepted."""
    builder = ReportBuilder(HEADER)
    builder.original_trained(_original(), CURVES)
    builder.status = "detected"
    builder.attempt_trained(_candidate(1, "adam", "other_problem", 0.6), CURVES)
    solved = _candidate(2, "gradient", "solved", 0.875)
    builder.attempt_trained(solved, CURVES)
    builder.repair_ended(True, "", seconds=2.5, full=10.0)
    builder.set_timing(full_training_seconds=10.0, total_seconds=6.0)
    builder.final = FinalModel(solved, "out/model.keras", "out/final_config.yaml", ("gradient",))
    return builder.build(interrupted=False)


def test_a_built_report_has_the_report_json_layout_and_is_schema_valid() -> None:
    data = _repaired_job().to_dict()
    jsonschema.validate(jsonable(data), _schema())
    assert list(data) == [*LAYOUT, "repair_stop_reason", "plots"]
    assert data["status"] == "repaired" and data["command"] == "run"
    assert data["detections"] == [{**FINDING.to_dict(), "attempt": "original"}]
    assert data["original"] == {
        "val_accuracy": 0.5, "val_loss": 0.9, "epochs_run": 2, "seconds": 3.0,
        "best_val_accuracy": 0.55, "best_val_loss": None,
    }  # fmt: skip
    assert [r["outcome"] for r in data["repairs"]] == ["other_problem", "solved"]
    assert data["repairs"][0]["detections"] == [OTHER.to_dict()]
    assert data["final"] == {
        "attempt": "repair-2-gradient", "val_accuracy": 0.875, "val_loss": 0.4,
        "model_path": "out/model.keras", "config_path": "out/final_config.yaml",
        "solutions": ["gradient"],
    }  # fmt: skip
    assert data["timing"] == {
        "original_seconds": 3.0, "repair_seconds": 2.5, "repair_time_ratio": 0.25,
        "full_training_seconds": 10.0, "total_seconds": 6.0,
    }  # fmt: skip
    assert list(data["curves"]) == ["original", "repair-1-adam", "repair-2-gradient"]


def test_a_job_that_failed_before_training_still_has_a_valid_report() -> None:
    report = ReportBuilder(HEADER).build(interrupted=False, failed=True)
    data = report.to_dict()
    jsonschema.validate(jsonable(data), _schema())
    assert data["status"] == "error" and data["original"] is None and data["repairs"] == []
    assert "repair_stop_reason" not in data


def test_an_unaccepted_repair_reports_the_continued_original() -> None:
    builder = ReportBuilder(HEADER)
    builder.original_trained(_original(), CURVES)
    builder.status = "detected"
    builder.attempt_trained(_candidate(1, "adam", "stopped_early", 0.45), CURVES)
    continued = AttemptSummary("original-continued", 0.7, 0.6, 8, 4.0, (FINDING,))
    builder.original_continued(continued, CURVES)
    builder.repair_ended(False, "every candidate was tried", seconds=1.0, full=4.0)
    data = builder.build(interrupted=True).to_dict()
    jsonschema.validate(jsonable(data), _schema())
    assert data["status"] == "unrepaired" and data["interrupted"] is True
    assert data["original"]["continued"] == {
        "val_accuracy": 0.7, "val_loss": 0.6, "epochs_run": 8, "seconds": 4.0,
        "detections": [FINDING.to_dict()],
    }  # fmt: skip
    assert data["repair_stop_reason"] == "every candidate was tried"


def test_a_report_reads_back_unchanged() -> None:
    report = _repaired_job().with_mlflow({"run_id": "r1", "tracking_uri": "sqlite:///m.db"})
    report = report.with_plots(["curves.png"]).with_warning("a warning")
    text = json.dumps(jsonable(report.to_dict()))
    again = JobReport.from_dict(json.loads(text))
    assert again.to_dict() == json.loads(text)
    # every candidate, typed, as it was (report.json does not keep the ranking score)
    assert again.repairs == tuple(replace(r, score=None) for r in report.repairs)
    assert again.original == replace(_original(), seconds=3.0, score=None)  # as shown


def test_an_attempt_reads_back_from_each_of_its_shapes() -> None:
    solved = _candidate(2, "gradient", "solved", 0.875)
    assert AttemptSummary.from_dict(json.loads(json.dumps(solved.to_dict()))) == solved
    original = _original()
    back = AttemptSummary.from_dict(original.to_dict())
    assert back == AttemptSummary(
        "original", 0.5, 0.9, 2, 3.0, (FINDING,), score=0.5, best_val_accuracy=0.55
    )  # seconds as the report rounds them
    block = AttemptSummary.from_dict(original.training_dict(), "original")
    assert (block.attempt, block.val_loss, block.detections, block.choice) == (
        "original", 0.9, (), None
    )  # fmt: skip
    assert solved.problems == () and solved.solutions == ("gradient",)
    assert original.problems == ("exploding_gradient",)


def test_the_report_is_written_atomically_as_its_dict(tmp_path: Path) -> None:
    report = _repaired_job()
    path = write_report(tmp_path, report)
    assert path == tmp_path / REPORT_FILE
    assert json.loads(path.read_text()) == jsonable(report.to_dict())
    assert [p.name for p in tmp_path.iterdir()] == [REPORT_FILE]  # no temporary file left


@pytest.mark.parametrize("missing", ["command", "status"])
def test_reading_a_report_without_a_required_field_fails(missing: str) -> None:
    data = _repaired_job().to_dict()
    del data[missing]
    with pytest.raises(KeyError):
        JobReport.from_dict(data)
