"""`autotrainer-keras report DIR` on a Watch callback's output_dir: it was refused as "not an
autotrainer-keras report (no text field command, task)"; now it is shown (fast, pure)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from autotrainer_keras.errors import InputError
from autotrainer_keras.problems import Finding, Problem
from autotrainer_keras.record import watch_report
from autotrainer_keras.record.report_text import render_report_file


def _report(findings: list[Finding]) -> dict:
    return watch_report.build_report(
        model_name="mlp", profile="default", findings=findings, epochs_run=3, epochs_budget=20,
        stopped=True, gradients_measured=True, notes=["a note"], curves={"loss": [1.0, 0.9]},
    )  # fmt: skip


def test_a_watch_report_is_shown_with_its_findings_and_repair(tmp_path: Path) -> None:
    finding = Finding(Problem.EXPLODING_GRADIENT, 0, 6, "dense", {}, {}, "NaN in the loss.")
    watch_report.write_report(tmp_path, _report([finding]))
    text = render_report_file(tmp_path)
    assert text.startswith("autotrainer Watch report: DETECTED (model mlp, profile default")
    assert "detected  exploding_gradient at epoch 0 in layer dense: NaN in the loss." in text
    assert "note      a note" in text and "autotrainer_keras.fit(" in text
    assert "autotrainer-keras run --model" in text
    watch_report.write_report(tmp_path, _report([]))
    assert "HEALTHY" in render_report_file(tmp_path).splitlines()[0]


def test_a_watch_report_without_its_fields_is_refused(tmp_path: Path) -> None:
    broken = {"kind": watch_report.REPORT_KIND, "status": "healthy"}
    (tmp_path / "report.json").write_text(json.dumps(broken))
    with pytest.raises(InputError, match="no text field summary"):
        render_report_file(tmp_path)
