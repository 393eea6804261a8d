"""Filling the KFP outputs from what `autotrainer-keras run` wrote in its output directory.

The report artifact directory is the run's output directory; the final model and its config
go to the repaired_model directory; `metrics` and `status` are derived from report.json. With
KFP's executor input, an ExecutorOutput file carries the metrics as artifact metadata (what
the KFP UI shows) and the status, as KFP's own Python executor writes it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from autotrainer_keras.engine import outputs as job_outputs
from autotrainer_keras.io.atomic import write_json_atomic, write_text_atomic
from autotrainer_keras.kfp.interface import OUTPUTS
from autotrainer_keras.record.html_report import HTML as REPORT_HTML


def read_report(directory: Path) -> dict[str, Any] | None:
    """The report.json a run wrote in `directory`, or None when there is none (or unreadable)."""
    path = directory / job_outputs.REPORT
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_model_dir(run_dir: Path, model_dir: Path) -> None:
    """Move the final model.keras and copy final_config.yaml into the model artifact directory.

    The directory is created even when the run wrote no model, so the artifact exists.
    """
    model_dir.mkdir(parents=True, exist_ok=True)
    model = run_dir / job_outputs.MODEL
    if model.is_file() and run_dir.resolve() != model_dir.resolve():
        shutil.move(str(model), str(model_dir / job_outputs.MODEL))
    config = run_dir / job_outputs.FINAL_CONFIG
    if config.is_file() and run_dir.resolve() != model_dir.resolve():
        shutil.copy2(config, model_dir / job_outputs.FINAL_CONFIG)


def write_metrics_file(path: Path, metrics: dict[str, float]) -> None:
    """The metrics as a JSON object in the Metrics artifact's file."""
    write_json_atomic(path, metrics)


def write_parameter_file(path: Path, value: str) -> None:
    """A string output parameter's file (no newline: KFP reads it verbatim)."""
    write_text_atomic(path, value)


def write_report_html(run_dir: Path, target: Path) -> None:
    """The run's report.html as the HTML artifact (a short page saying why when there is none)."""
    page = run_dir / REPORT_HTML
    if page.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
        return
    write_text_atomic(
        target,
        "<!doctype html><meta charset=utf-8><title>autotrainer</title>"
        "<p>The job wrote no report.html (it stopped before training; see the task's log).</p>",
    )


def executor_output(
    executor_input: dict[str, Any], metrics: dict[str, float], parameters: dict[str, str]
) -> dict[str, Any]:
    """The ExecutorOutput (JSON form) for an executor input: every output artifact with its
    metadata (the metrics on the Metrics artifact) and the string output parameters."""
    metrics_names = {o.name for o in OUTPUTS if o.kind == "Metrics"}
    string_names = [o.name for o in OUTPUTS if o.kind == "str"]
    artifacts: dict[str, Any] = {}
    for name, entry in (executor_input.get("outputs", {}).get("artifacts") or {}).items():
        given = (entry.get("artifacts") or [{}])[0]
        metadata = dict(given.get("metadata") or {})
        if name in metrics_names:
            metadata.update(metrics)
        artifacts[name] = {
            "artifacts": [
                {"name": given.get("name", ""), "uri": given.get("uri", ""), "metadata": metadata}
            ]
        }
    values = {name: parameters.get(name, "") for name in string_names}
    return {"artifacts": artifacts, "parameterValues": values}


def write_executor_output(
    executor_input_text: str, metrics: dict[str, float], parameters: dict[str, str]
) -> Path | None:
    """Write the ExecutorOutput where the executor input says; return its path (None: nowhere)."""
    executor_input = json.loads(executor_input_text)
    target = executor_input.get("outputs", {}).get("outputFile")
    if not target:
        return None
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(path, executor_output(executor_input, metrics, parameters))
    return path
