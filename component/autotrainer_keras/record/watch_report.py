"""What `autotrainer_keras.keras.Watch` leaves: report.json, the summary line, the repair hint.

A watch report is not a job report (no repair ran): its own small document, `kind` says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from autotrainer_keras.io.atomic import write_json_atomic
from autotrainer_keras.problems import Finding

REPORT_KIND = "autotrainer_keras.keras.Watch"
REPORT_FILE = "report.json"


def repair_hint(profile: str, epochs: int) -> dict[str, str]:
    """How to repair what the watch found: the Python call and the CLI command."""
    return {
        "python": (
            f"result = autotrainer_keras.fit(model, x, y, validation_data=(x_val, y_val), "
            f"epochs={epochs}, profile={profile!r})  # model: built and compiled as before "
            "training; then use result.model"
        ),
        "cli": (
            f"autotrainer-keras run --model model.keras --data data.npz --profile {profile} "
            f"--config config.yaml  # model.keras: saved before training; data.npz: x_train, "
            f"y_train[, x_val, y_val]; config.yaml: 'training: {{epochs: {epochs}}}'"
        ),
    }


def summary_line(findings: list[Finding], epochs_run: int, stopped: bool, profile: str) -> str:
    """One line for the end of training."""
    if not findings:
        return f"autotrainer Watch: no training problem in {epochs_run} epochs ({profile} rules)."
    first = findings[0]
    names = ", ".join(f.problem.value for f in findings)
    action = "training stopped" if stopped else "training went on"
    return (
        f"autotrainer Watch: {names} (first: "
        f"{'before training' if first.step == 0 else f'epoch {first.epoch}'}, "
        f"{first.reason.rstrip('.')}); "
        f"{action}. Repair: autotrainer_keras.fit(model, x, y, ..., profile={profile!r})."
    )


def build_report(
    *,
    model_name: str,
    profile: str,
    findings: list[Finding],
    epochs_run: int,
    epochs_budget: int,
    stopped: bool,
    gradients_measured: bool,
    notes: list[str],
    curves: dict[str, list[float]],
) -> dict[str, Any]:
    """The report.json document of one watched training."""
    return {
        "kind": REPORT_KIND,
        "model": model_name,
        "profile": profile,
        "status": "detected" if findings else "healthy",
        "findings": [f.to_dict() for f in findings],
        "epochs_run": epochs_run,
        "epochs_budget": epochs_budget,
        "stopped_by_watch": stopped,
        "gradients_measured": gradients_measured,
        "notes": notes,
        "repair": repair_hint(profile, epochs_budget) if findings else None,
        "curves": curves,
        "summary": summary_line(findings, epochs_run, stopped, profile),
    }


def render_watch_text(report: dict[str, Any]) -> str:
    """A watch report as text (`autotrainer-keras report DIR` on a Watch's output_dir)."""
    lines = [f"autotrainer Watch report: {report['status'].upper()} (model {report.get('model')}"
             f", profile {report.get('profile')}, {report.get('epochs_run')} of "
             f"{report.get('epochs_budget')} epochs)", f"  {report['summary']}"]  # fmt: skip
    for finding in report.get("findings") or []:
        layer = f" in layer {finding['layer']}" if finding.get("layer") else ""
        lines.append(
            f"  detected  {finding['problem']} at epoch {finding['epoch']}{layer}: "
            f"{finding['reason']}"
        )
    lines += [f"  note      {note}" for note in report.get("notes") or []]
    repair = report.get("repair") or {}
    lines += [f"  repair    {repair[key]}" for key in ("python", "cli") if repair.get(key)]
    return "\n".join(lines)


def write_report(output_dir: Path, report: dict[str, Any]) -> Path:
    """Write report.json into `output_dir` (created if needed), atomically."""
    output_dir.mkdir(parents=True, exist_ok=True)
    return write_json_atomic(output_dir / REPORT_FILE, report)
