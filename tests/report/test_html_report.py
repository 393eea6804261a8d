"""report.html by content: detections with reasons, attempts, embedded PNGs, nothing external."""

from __future__ import annotations

import copy
import math
from html import escape
from pathlib import Path

import pytest

from autotrainer_keras.record.html_report import HTML, render_html, write_html_report
from autotrainer_keras.record.report_model import JobReport

from .pages import embedded_pngs, external_references
from .sample import sample_report

pytestmark = pytest.mark.medium  # matplotlib renders the figures: seconds


@pytest.fixture(scope="module")
def report() -> dict:
    return sample_report()


@pytest.fixture(scope="module")
def page(report: dict) -> str:
    return render_html(JobReport.from_dict(report))


def test_each_detection_is_explained_with_evidence_and_thresholds(report, page) -> None:
    findings = report["detections"] + [d for r in report["repairs"] for d in r["detections"]]
    for finding in findings:
        assert finding["problem"].replace("_", " ").capitalize() in page
        assert escape(finding["reason"]) in page
    first = report["detections"][0]
    for name in [*first["evidence"], *first["thresholds"]]:
        assert f"<code>{name}</code>" in page
    assert "3.2e-07" in page and "0.0001" in page  # evidence and threshold values
    assert "epoch 3, step 20" in page  # 0-based epoch 2 shown 1-based, like the CLI


def test_each_repair_attempt_and_its_result_is_listed(report, page) -> None:
    for attempt in report["repairs"]:
        assert attempt["attempt"] in page
        assert escape(attempt["description"]) in page
        assert f"st-{attempt['outcome']}" in page
    assert "val_accuracy 0.5000" in page and "val_accuracy 0.9300" in page  # before, after
    assert "solutions applied: batchnorm" in page
    assert "a repair was accepted: the final model is the repaired one" in page


def test_images_are_embedded_pngs(page) -> None:
    sizes = embedded_pngs(page)
    assert len(sizes) == 2  # curves; gradient norms before and after repair
    assert sizes[1][0] > 1000  # two panels: the original and the final model
    assert all(width > 300 and height > 200 for width, height in sizes)


def test_nothing_is_loaded_from_elsewhere(page) -> None:
    assert external_references(page) == []
    assert "<script" not in page.lower()
    assert "<link" not in page.lower()


def test_report_text_is_escaped(page) -> None:
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_per_layer_gradient_table_before_and_after(page) -> None:
    assert "grad norm, original step 20" in page
    assert "grad norm, final step 27" in page
    for layer in ("dense", "dense_1", "out"):
        assert f"<code>{layer}</code>" in page


def test_healthy_report_says_nothing_was_detected(report) -> None:
    healthy = copy.deepcopy(report)
    healthy.update(status="healthy", detections=[], repairs=[], final=None)
    healthy["curves"] = {"original": healthy["curves"]["original"]}
    page = render_html(JobReport.from_dict(healthy))
    assert "No problem was detected" in page
    assert "Repair attempts" not in page
    sizes = embedded_pngs(page)
    assert len(sizes) == 2 and sizes[1][0] < 700  # one gradient panel: the original


def test_interrupted_report_without_curves(report) -> None:
    stopped = copy.deepcopy(report)
    stopped.update(
        status="error", interrupted=True, curves={}, repairs=[], original=None, detections=[]
    )
    page = render_html(JobReport.from_dict(stopped))
    assert "Interrupted" in page
    assert "did not finish" in page and "did not complete" in page
    assert embedded_pngs(page) == []


def test_diverged_run_with_only_nan_losses_still_renders(report) -> None:
    diverged = copy.deepcopy(report)
    for epoch in diverged["curves"]["original"]["epochs"]:
        epoch["loss"] = math.nan
    for check in diverged["curves"]["original"]["checks"]:
        check["grad_norm"] = dict.fromkeys(check["grad_norm"], None)
    assert len(embedded_pngs(render_html(JobReport.from_dict(diverged)))) == 2


def test_written_atomically_next_to_the_report(report, tmp_path: Path) -> None:
    path = write_html_report(tmp_path, JobReport.from_dict(report))
    assert path == tmp_path / HTML
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == [HTML]  # no temporary file left
