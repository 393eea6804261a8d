"""What a job's report.json means for KFP: the `status`, `metrics`, MLflow link and Markdown
outputs."""

from __future__ import annotations

from typing import Any

from autotrainer_keras.record.job_run import job_metrics
from autotrainer_keras.record.report_markdown import render_markdown, run_url

STATUSES = ("healthy", "detected", "repaired", "unrepaired", "interrupted", "error")
"""Values of the `status` output (`detected` only from detection-only steps)."""


def status_of(report: dict[str, Any] | None, cancelled: bool = False) -> str:
    """The `status` output: the report's status, `interrupted` or `error`.

    Args:
        report: The job's report.json content (None: the job wrote none).
        cancelled: A signal stopped the job before it wrote a report.
    """
    if report is None:
        return "interrupted" if cancelled else "error"
    if report.get("interrupted"):
        return "interrupted"
    status = str(report.get("status", "error"))
    return status if status in STATUSES else "error"


def metrics_of(report: dict[str, Any] | None) -> dict[str, float]:
    """The `metrics` output: the parent MLflow run's metrics (record.job_run.job_metrics)."""
    return job_metrics(report)


def mlflow_links(report: dict[str, Any] | None) -> dict[str, str]:
    """The `mlflow_run_id` and `mlflow_run_url` outputs ("" when nothing was recorded)."""
    block = (report or {}).get("mlflow") or {}
    run_id = str(block.get("run_id") or "")
    url = run_url(block.get("tracking_uri"), block.get("experiment_id"), run_id or None)
    return {"mlflow_run_id": run_id, "mlflow_run_url": url}


def markdown_of(report: dict[str, Any] | None) -> str:
    """The `report_markdown` output: the report's summary, or why there is none."""
    if report is None:
        return "## autotrainer: ERROR\n\nThe job wrote no report.json; see the task's log.\n"
    return render_markdown(report)
