"""What a job's report.json means for KFP: the `status`, `metrics`, MLflow link and Markdown
outputs."""

from __future__ import annotations

import math
from typing import Any

from autotrainer.record.report_markdown import render_markdown, run_url

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


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def metrics_of(report: dict[str, Any] | None) -> dict[str, float]:
    """The `metrics` output: validation metric before and after, problems found, attempts.

    Keys: `val_accuracy_before`/`_after` (classification), `val_loss_before`/`_after`,
    `problems_found`, `problem.<id>` (1.0 per problem detected in the original training),
    `repair_attempts`, `repaired` (1.0 or 0.0). Missing or non-finite values are left out.
    """
    if report is None:
        return {}
    original = report.get("original") or {}
    final = report.get("final") or original
    metrics: dict[str, float] = {}
    for name in ("val_accuracy", "val_loss"):
        for suffix, source in (("before", original), ("after", final)):
            value = _number(source.get(name))
            if value is not None:
                metrics[f"{name}_{suffix}"] = value
    problems = sorted({str(d["problem"]) for d in report.get("detections") or [] if "problem" in d})
    metrics["problems_found"] = float(len(problems))
    metrics.update({f"problem.{problem}": 1.0 for problem in problems})
    metrics["repair_attempts"] = float(len(report.get("repairs") or []))
    metrics["repaired"] = 1.0 if report.get("status") == "repaired" else 0.0
    return metrics


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
