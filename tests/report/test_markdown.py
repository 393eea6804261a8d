"""The Markdown summary (KFP's Markdown output) and the MLflow run link."""

from __future__ import annotations

from autotrainer_keras.kfp.summary import markdown_of, mlflow_links
from autotrainer_keras.record.report_markdown import cell, render_markdown, run_url

from .sample import sample_report


def test_summary_names_status_before_after_problems_and_repairs() -> None:
    text = render_markdown(sample_report())
    assert text.startswith("## autotrainer: REPAIRED\n")
    assert "val\\_accuracy=0.5000 → val\\_accuracy=0.9300" in text
    assert "| vanishing\\_gradient | epoch 3, step 20, layer dense |" in text
    assert text.count("| repair-") == 2 and "| solved |" in text


def test_text_from_the_report_cannot_break_the_page() -> None:
    report = sample_report()
    report["detections"][0]["reason"] = "a | b\n## injected [x](javascript:1) <img>\x1b]8;;"
    text = render_markdown(report)
    row = next(line for line in text.splitlines() if line.startswith("| vanishing"))
    assert row.count(" | ") == 2  # still three cells: the | is escaped
    assert "\n## injected" not in text and "\x1b" not in text
    assert "\\[x\\]\\(javascript:1\\) \\<img\\>" in row
    assert cell("a\tb") == "a b"


def test_run_url_only_for_servers_and_never_with_credentials() -> None:
    url = run_url("https://alice:S3cret@mlflow.example.org:8443/ml/", "3", "abc")
    assert url == "https://mlflow.example.org:8443/ml/#/experiments/3/runs/abc"
    assert run_url("sqlite:///mlflow.db", "3", "abc") == ""
    assert run_url("file:///tmp/mlruns", "3", "abc") == ""
    assert run_url("http://127.0.0.1:5000", None, "abc") == ""


def test_kfp_links_and_markdown_of_a_missing_report() -> None:
    report = sample_report()
    report["mlflow"] = {"tracking_uri": "http://h:5000", "experiment_id": "1", "run_id": "r1"}
    assert mlflow_links(report) == {
        "mlflow_run_id": "r1",
        "mlflow_run_url": "http://h:5000/#/experiments/1/runs/r1",
    }
    assert "[r1](http://h:5000/#/experiments/1/runs/r1)" in render_markdown(report)
    assert mlflow_links(None) == {"mlflow_run_id": "", "mlflow_run_url": ""}
    assert markdown_of(None).startswith("## autotrainer: ERROR")
