"""The report as Markdown: what the KFP UI renders for the Markdown output (and what a CI job
summary can show). A summary, not the whole report: status, before/after, the problems with
their reasons, the repair attempts, the MLflow run.

User-controlled text (reasons, names, warnings) is escaped for Markdown tables and stripped of
control characters, so a tampered report cannot break the page's structure.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from autotrainer_keras.record.report_text import metric_text, withdrawn_line
from autotrainer_keras.record.setup_changes import is_preflight, setup_changes

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MARKUP = re.compile(r"([\\`*_{}\[\]<>()#|!])")


def cell(value: Any) -> str:
    """`value` as text safe inside a Markdown table cell (one line, markup escaped)."""
    return _MARKUP.sub(r"\\\1", _CONTROL.sub(" ", str(value)))


def run_url(tracking_uri: str | None, experiment_id: str | None, run_id: str | None) -> str:
    """The run's page in the MLflow UI for an http(s) tracking URI ("" for other stores).

    Credentials in the URI are dropped: the link is shown to everyone who sees the outputs.
    """
    if not tracking_uri or not experiment_id or not run_id:
        return ""
    parts = urlsplit(tracking_uri)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    base = urlunsplit((parts.scheme, host, parts.path.rstrip("/"), "", ""))
    return f"{base}/#/experiments/{quote(experiment_id)}/runs/{quote(run_id)}"


def _detection_rows(report: dict[str, Any]) -> list[str]:
    rows = ["| problem | where | why |", "|---|---|---|"]
    for d in report.get("detections") or []:
        layer = f", layer {d['layer']}" if d.get("layer") else ""
        when = "before training" if is_preflight(d) else f"epoch {int(d.get('epoch', 0)) + 1}"
        where = f"{when}, step {d.get('step')}{layer}"
        rows.append(f"| {cell(d.get('problem'))} | {cell(where)} | {cell(d.get('reason', ''))} |")
    return rows


def _repair_rows(report: dict[str, Any]) -> list[str]:
    rows = ["| attempt | change | outcome | validation | epochs |", "|---|---|---|---|---|"]
    for r in report.get("repairs") or []:
        rows.append(
            f"| {cell(r.get('attempt'))} | {cell(r.get('description', ''))} | "
            f"{cell(r.get('outcome'))} | {cell(metric_text(r))} | {cell(r.get('epochs_run'))} |"
        )
    return rows


def render_markdown(report: dict[str, Any]) -> str:
    """A Markdown summary of one job's report.json document."""
    status = str(report.get("status", "unknown"))
    interrupted = " (interrupted)" if report.get("interrupted") else ""
    lines = [
        f"## autotrainer: {cell(status.upper())}{interrupted}",
        "",
        f"Task {cell(report.get('task'))}, profile {cell(report.get('profile'))}, "
        f"command `{cell(report.get('command'))}`.",
        "",
    ]
    final = report.get("final")
    if final:
        applied = ", ".join(final.get("solutions") or []) or "none"
        lines += [
            f"**Before → after:** {cell(metric_text(report.get('original')))} → "
            f"{cell(metric_text(final))} (repairs applied: {cell(applied)})",
            "",
        ]
    elif report.get("original"):
        lines += [f"**Validation:** {cell(metric_text(report.get('original')))}", ""]
    if report.get("detections"):
        lines += ["### Problems found", "", *_detection_rows(report), ""]
    else:
        lines += ["No training problem was detected.", ""]
    for w in report.get("withdrawn") or []:
        lines += [f"Withdrawn: {cell(withdrawn_line(w))}", ""]
    changes = setup_changes(report)
    if changes:
        rows = [f"| {cell(wrong)} | {cell(change)} |" for wrong, change in changes]
        lines += ["### Your set-up: what was wrong, and what was changed", "",
                  "| what was wrong | change made |", "|---|---|", *rows, ""]  # fmt: skip
    if report.get("repairs"):
        lines += ["### Repair attempts", "", *_repair_rows(report), ""]
    mlflow = report.get("mlflow") or {}
    if mlflow.get("run_id"):
        url = run_url(mlflow.get("tracking_uri"), mlflow.get("experiment_id"), mlflow.get("run_id"))
        target = f"[{cell(mlflow['run_id'])}]({url})" if url else f"`{cell(mlflow['run_id'])}`"
        lines += [f"**MLflow run:** {target}", ""]
    for warning in report.get("warnings") or []:
        lines.append(f"> warning: {cell(warning)}")
    return "\n".join(lines).rstrip() + "\n"
