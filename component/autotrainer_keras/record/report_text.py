"""Reports as text: the summary printed after a job and `autotrainer-keras report DIR`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from autotrainer_keras.errors import InputError
from autotrainer_keras.record.setup_changes import is_preflight, setup_changes
from autotrainer_keras.record.watch_report import REPORT_KIND, render_watch_text

MAX_REPORT_BYTES = 64 << 20
"""Largest report.json read (a 1,000-epoch job's report is about 2 MB)."""
REQUIRED_TEXT = ("command", "status", "task", "profile")
"""Top-level report fields every rendering needs, as strings."""


def load_report(path: Path) -> dict[str, Any]:
    """Read report.json from an output directory (or the file itself).

    Raises:
        InputError: No such file, not UTF-8 JSON, too large, or not an autotrainer-keras report.
    """
    file = path / "report.json" if path.is_dir() else path
    try:
        if file.stat().st_size > MAX_REPORT_BYTES:
            raise InputError(f"report {file} is over {MAX_REPORT_BYTES >> 20} MB; not a report")
        report = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no report at {file}; pass an autotrainer output directory") from None
    except UnicodeDecodeError:
        raise InputError(f"report {file} is not UTF-8 text (a binary file?)") from None
    except (OSError, ValueError, RecursionError) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise InputError(f"report {file} cannot be read: {reason}") from None
    if not isinstance(report, dict):
        raise InputError(
            f"report {file} holds a JSON {type(report).__name__}, not an autotrainer-keras report"
        )
    missing = [key for key in REQUIRED_TEXT if not isinstance(report.get(key), str)]
    if report.get("kind") == REPORT_KIND:  # a Watch callback's report: its own fields
        missing = [key for key in ("status", "summary") if not isinstance(report.get(key), str)]
    if missing:
        raise InputError(
            f"report {file} is not an autotrainer-keras report (no text field {', '.join(missing)})"
        )
    return report


def render_report_file(path: Path) -> str:
    """`autotrainer-keras report PATH`: the whole report as text, or InputError for a bad file."""
    report = load_report(path)
    try:
        if report.get("kind") == REPORT_KIND:
            return render_watch_text(report)
        return render_text(report)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        raise InputError(
            f"report {path} is malformed ({type(error).__name__}: {error}); "
            "it does not match component/autotrainer_keras/schemas/report.schema.json"
        ) from None


def metric_text(block: dict[str, Any] | None, sep: str = "=") -> str:
    """A training's validation metric as text: accuracy when it has one, else loss."""
    if block and block.get("val_accuracy") is not None:
        return f"val_accuracy{sep}{block['val_accuracy']:.4f}"
    if block and block.get("val_loss") is not None:
        return f"val_loss{sep}{block['val_loss']:.4g}"
    return "n/a"


def _detection_line(d: dict[str, Any]) -> str:
    layer = f" (layer {d['layer']})" if d.get("layer") else ""
    when = "before training" if is_preflight(d) else f"at epoch {d['epoch'] + 1}, step {d['step']}"
    return f"{d['problem']} {when}{layer}: {d['reason']}"


def withdrawn_line(w: dict[str, Any]) -> str:
    """A withdrawn pre-flight suspicion in one line: what was suspected, and why withdrawn."""
    return f"{w['problem']} (suspected before training: {w['reason']}): {w['withdrawn_because']}"


def render_summary(report: dict[str, Any], report_path: Path) -> str:
    """A few lines: status, findings, repair result, where to look."""
    lines = [
        f"autotrainer-keras {report['command']}: {report['status'].upper()}"
        f" ({report['task']}, profile {report['profile']})"
        + ("  [interrupted]" if report.get("interrupted") else "")
    ]
    for d in report.get("detections", []):
        lines.append("  detected  " + _detection_line(d))
    if not report.get("detections") and report.get("original"):
        lines.append(f"  no problem detected; {metric_text(report['original'])}")
    for w in report.get("withdrawn") or []:
        lines.append("  withdrawn " + withdrawn_line(w))
    for _, change in setup_changes(report):
        lines.append(f"  changed   {change}")
    repairs = report.get("repairs", [])
    if repairs:
        solved = [r for r in repairs if r["outcome"] == "solved"]
        lines.append(f"  repair    {len(repairs)} attempt(s), {len(solved)} solved")
    continued = (report.get("original") or {}).get("continued")
    if continued:
        lines.append(
            f"  original  trained on to epoch {continued['epochs_run']} (nothing accepted): "
            f"{metric_text(continued)}"
        )
    if report.get("final") and report.get("command") == "run":
        applied = ", ".join(report["final"].get("solutions", [])) or "none"
        lines.append(
            f"  result    {metric_text(report.get('original'))} -> {metric_text(report['final'])}"
            f" (solutions: {applied})"
        )
    lines.append(f"  report    {report_path}")
    html = report_path.parent / "report.html"
    if html.exists():
        lines.append(f"  html      {html}")
    mlflow = report.get("mlflow") or {}
    if mlflow.get("run_id"):
        lines.append(f"  mlflow    run {mlflow['run_id']} at {mlflow.get('tracking_uri')}")
    if mlflow.get("degraded"):
        kept = f"; unsent records kept in {mlflow['spool']}" if mlflow.get("spool") else ""
        lines.append(
            f"  mlflow    NOT fully recorded: {mlflow.get('tracking_uri')} could not be used{kept}"
        )
    for warning in report.get("warnings", []):
        lines.append(f"  warning   {warning}")
    return "\n".join(lines)


def render_text(report: dict[str, Any]) -> str:
    """The whole report, readable in a terminal."""
    lines = [render_summary(report, Path(report.get("output_dir", ".")) / "report.json"), ""]
    for d in report.get("detections", []):
        lines.append(f"detection: {d['problem']}")
        for key, value in d.get("evidence", {}).items():
            lines.append(f"    {key} = {value}")
        for key, value in d.get("thresholds", {}).items():
            lines.append(f"    threshold {key} = {value}")
    if report.get("repairs"):
        lines.append("repairs:")
        for r in report["repairs"]:
            lines.append(
                f"  {r['attempt']:<24} {r['outcome']:<14} {metric_text(r)}"
                f"  epochs={r['epochs_run']} {r['seconds']:.1f}s  {r.get('description', '')}"
            )
    timing = report.get("timing", {})
    if timing:
        lines.append("timing: " + ", ".join(f"{k}={v}" for k, v in timing.items()))
    return "\n".join(lines)
