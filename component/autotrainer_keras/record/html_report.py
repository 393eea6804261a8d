"""report.html: the job's report as one self-contained page (no external resources).

It shows what was detected and why (evidence against thresholds), each repair attempt and its
outcome, the curves of every attempt with the detection points marked, and per-layer gradient
norms before and after repair. Images are PNGs rendered by record/plots.py and embedded as
base64 data URIs; the page skeleton and its CSS are in templates/report.html.
"""

from __future__ import annotations

import base64
import json
from html import escape
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from autotrainer_keras.io.atomic import write_text_atomic
from autotrainer_keras.record.report_model import JobReport
from autotrainer_keras.record.report_text import metric_text, withdrawn_line
from autotrainer_keras.record.setup_changes import is_preflight, setup_changes
from autotrainer_keras.record.summary import AttemptSummary
from autotrainer_keras.redact import redact_text

HTML = "report.html"
TEMPLATE = "report.html"
STATUS_TEXT = {
    "healthy": "No training problem was detected.",
    "detected": "Training problems were detected (detect only: no repair was tried).",
    "repaired": "A training problem was detected and a repair was accepted: the final model "
    "is the repaired one.",
    "unrepaired": "A training problem was detected and no repair was accepted; the best "
    "model seen is kept.",
    "error": "The job did not finish; this report holds what was done so far.",
}


def _num(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:.4g}"
    return escape(str(value))


def _label(problem: str) -> str:
    return problem.replace("_", " ").capitalize()


def _metric(block: dict[str, Any] | None) -> str:
    return metric_text(block, sep=" ")


def _badge(status: str) -> str:
    return f'<span class="status st-{escape(status)}">{escape(status)}</span>'


def _table(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    """An HTML table; cells are already escaped HTML."""
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def _values_table(title: str, values: dict[str, Any]) -> str:
    rows = [[f"<code>{escape(str(k))}</code>", _num(v)] for k, v in values.items()]
    return _table([title, "value"], rows) if rows else f'<p class="muted">no {title}</p>'


def _header(report: dict[str, Any]) -> str:
    model = report.get("model_file") or {}
    rows = [
        ("task", report.get("task")),
        ("profile", report.get("profile")),
        ("model file", f"{model.get('path', '')} (sha256 {model.get('sha256') or 'n/a'})"),
        ("data", report.get("data_file")),
        ("output directory", report.get("output_dir")),
        ("autotrainer", (report.get("tool") or {}).get("version")),
    ]
    mlflow = report.get("mlflow") or {}
    if mlflow.get("run_id"):
        rows.append(("MLflow run", f"{mlflow['run_id']} at {mlflow.get('tracking_uri')}"))
    meta = "".join(f"<tr><th>{k}</th><td><code>{escape(str(v))}</code></td></tr>" for k, v in rows)
    parts = [
        f"<h1>autotrainer {escape(str(report.get('command', '')))} {_badge(report['status'])}</h1>",
        f'<table class="meta">{meta}</table>',
    ]
    if report.get("interrupted"):
        parts.append('<p class="banner">Interrupted: this report holds what was done so far.</p>')
    for warning in report.get("warnings", []):
        parts.append(f'<p class="banner">Warning: {escape(str(warning))}</p>')
    return "\n".join(parts)


def _summary_metric(summary: AttemptSummary | None) -> str:
    return _metric(summary.training_dict() if summary is not None else None)


def _result(report: JobReport) -> str:
    final = report.final
    meaning = STATUS_TEXT.get(report.status, STATUS_TEXT["error"])
    lines = [
        f"<p><strong>{escape(meaning)}</strong></p>",
        f"<p>Original training: {_summary_metric(report.original)}.</p>",
    ]
    if final is not None:
        solutions = ", ".join(final.solutions) or "none"
        lines.append(
            f"<p>Final model (<code>{escape(final.summary.attempt)}</code>): "
            f"{_summary_metric(final.summary)}; solutions applied: {escape(solutions)}.</p>"
        )
    if report.repair_stop_reason:
        lines.append(f"<p>Repair stopped: {escape(report.repair_stop_reason)}.</p>")
    return "<h2>Result</h2>\n" + "\n".join(lines)


def detection_card(d: dict[str, Any]) -> str:
    """One finding: the problem, where, the one-sentence reason, evidence and thresholds."""
    layer = f", layer <code>{escape(str(d['layer']))}</code>" if d.get("layer") else ""
    return (
        f'<div class="card"><h3>{escape(_label(d["problem"]))}</h3>'
        f'<div class="where">attempt {escape(str(d.get("attempt", "original")))}, '
        f"{_when(d)}{layer}</div>"
        f'<p class="reason">{escape(str(d.get("reason", "")))}</p>'
        f'<div class="pair">{_values_table("evidence", d.get("evidence", {}))}'
        f"{_values_table('threshold', d.get('thresholds', {}))}</div></div>"
    )


def _when(d: dict[str, Any]) -> str:
    if is_preflight(d):
        return "before training (pre-flight check)"
    return f"epoch {d['epoch'] + 1}, step {d['step']}"


def _setup(report: dict[str, Any]) -> str:
    """What was wrong in the set-up, in the user's terms, and the exact change made."""
    changes = setup_changes(report)
    if not changes:
        return ""
    rows = [[escape(wrong), escape(change)] for wrong, change in changes]
    return "<h2>Your set-up: what was wrong, and what was changed</h2>\n" + _table(
        ["what was wrong", "change made"], rows
    )


def _detections(report: dict[str, Any]) -> str:
    detections = report.get("detections", [])
    if not detections and report.get("original") is None:
        body = "<p>The original training did not complete, so nothing was judged.</p>"
    elif not detections:
        body = "<p>No problem was detected in the original training.</p>"
    else:
        body = "\n".join(detection_card(d) for d in detections)
    for w in report.get("withdrawn") or []:
        body += f"\n<p>Withdrawn: {escape(withdrawn_line(w))}</p>"
    return "<h2>What was detected, and why</h2>\n" + body


def _repairs(repairs: tuple[AttemptSummary, ...]) -> str:
    if not repairs:
        return ""
    rows = []
    for r in repairs:
        choice = r.choice
        given = choice.params if choice is not None else {}
        params = ", ".join(f"{k}={_num(v)}" for k, v in given.items())
        found = "; ".join(
            f"{escape(_label(f.problem.value))} at epoch {f.epoch + 1}: {escape(f.reason)}"
            for f in r.detections
        )
        rows.append(
            [
                f"<code>{escape(r.attempt)}</code>",
                escape(_label(choice.problem if choice else "")),
                f"{escape(choice.solution if choice else '')}<br>"
                f'<span class="muted">{escape(choice.description if choice else "")}</span>',
                params or "-",
                _badge(r.outcome or ""),
                _summary_metric(r),
                f"{r.epochs_run}",
                f"{r.seconds:.1f}s",
                found or "-",
            ]
        )
    head = [
        "attempt",
        "problem",
        "solution",
        "parameters",
        "outcome",
        "validation",
        "epochs",
        "time",
        "detected in this attempt",
    ]
    return "<h2>Repair attempts</h2>\n" + _table(head, rows)


def _layer_table(report: dict[str, Any]) -> str:
    """Gradient norm (and dead fraction, where measured) per layer: at the first detection,
    and at the final model's last check."""
    curves = report.get("curves", {})
    before = curves.get("original", {}).get("checks", [])
    if not before:
        return ""
    detections = report.get("detections", [])
    step = detections[0]["step"] if detections else before[-1]["step"]
    checks = [min(before, key=lambda c: abs(c["step"] - step))]
    chosen = (report.get("final") or {}).get("attempt")
    after = curves.get(chosen or "", {}).get("checks", []) if chosen != "original" else []
    if after:
        checks.append(after[-1])
    dead = any(v is not None for c in checks for v in c["dead_fraction"].values())
    head = ["layer"]
    for check, label in zip(checks, ("original", "final"), strict=False):
        head += [f"grad norm, {label} step {check['step']}"] + (["dead fraction"] if dead else [])
    rows = []
    for layer in checks[0]["grad_norm"]:
        row = [f"<code>{escape(layer)}</code>"]
        for check in checks:
            row.append(_num(check["grad_norm"].get(layer)))
            if dead:
                row.append(_num(check["dead_fraction"].get(layer)))
        rows.append(row)
    return _table(head, rows)


def _img(png: bytes, alt: str, caption: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure><img alt="{escape(alt)}" src="data:image/png;base64,{data}">'
        f"<figcaption>{escape(caption)}</figcaption></figure>"
    )


def _figures(report: dict[str, Any], images: dict[str, bytes] | None) -> str:
    from autotrainer_keras.record import plots

    if not report.get("curves"):
        return ""
    attempts = plots.gradient_attempts(report)
    images = plots.render_plots(report) if images is None else images
    parts = [
        "<h2>Curves before and after repair</h2>",
        _img(
            images[plots.CURVES_PNG],
            "training curves",
            "Solid: the original training; dashed: repair attempts (thick: the final model). "
            "Red dotted lines: where a problem was detected.",
        ),
        "<h2>Per-layer gradient norms</h2>",
        _layer_table(report),
    ]
    caption = "The original training"
    if len(attempts) > 1:
        caption = f"Left: the original training; right: {attempts[1]}, the final model"
    parts.append(
        _img(
            images[plots.GRADIENTS_PNG],
            "per-layer gradient norms",
            f"{caption}. Red dotted lines: detection steps.",
        )
    )
    return "\n".join(parts)


def _raw(report: dict[str, Any]) -> str:
    slim = {k: v for k, v in report.items() if k != "curves"}
    text = json.dumps(slim, indent=2, default=str)
    timing = ", ".join(f"{k} {v}" for k, v in (report.get("timing") or {}).items())
    return (
        f'<h2>Details</h2><p class="muted">timing (seconds): {escape(timing) or "n/a"}</p>'
        f"<details><summary>report.json (without curves)</summary><pre>{escape(text)}</pre>"
        "</details>"
    )


def render_html(report: JobReport, images: dict[str, bytes] | None = None) -> str:
    """The report as one self-contained HTML page (`images`: `plots.render_plots` output,
    rendered here when not given). The result and the repair attempts are read from the
    typed attempts; the header, findings, curves and raw block from the report.json document."""
    template = Template(
        resources.files("autotrainer_keras").joinpath("templates", TEMPLATE).read_text("utf-8")
    )
    document = report.to_dict()
    body = "\n".join(
        part
        for part in (
            _header(document),
            _result(report),
            _setup(document),
            _detections(document),
            _repairs(report.repairs),
            _figures(document, images),
            _raw(document),
        )
        if part
    )
    title = f"autotrainer {report.header.command}: {report.status}"
    version = document["tool"]["version"]
    return template.substitute(title=escape(title), body=body, version=escape(str(version)))


def write_html_report(out: Path, report: JobReport, images: dict[str, bytes] | None = None) -> Path:
    """Write `out/report.html` atomically; return its path."""
    return write_text_atomic(out / HTML, redact_text(render_html(report, images)))
