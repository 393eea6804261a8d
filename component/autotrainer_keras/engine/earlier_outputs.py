"""An earlier job's outputs in a reused output directory, removed before this job trains, so
that a directory never mixes two runs (an earlier `run`'s model.keras beside a later
`detect`'s report read as that detect's model).

Only files autotrainer writes are removed (`JOB_FILES`), and only those that an earlier
autotrainer report.json in the directory names (the report is the run's manifest: its final
model and config, its plots, report.html and itself); the user's other files are never
touched. Called once the inputs were checked and loaded: a refused job changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from autotrainer_keras.engine.outputs import FINAL_CONFIG, MODEL, REPORT
from autotrainer_keras.record.html_report import HTML
from autotrainer_keras.record.plots import CURVES_PNG, GRADIENTS_PNG
from autotrainer_keras.record.report_model import TOOL_NAME

JOB_FILES = (MODEL, FINAL_CONFIG, CURVES_PNG, GRADIENTS_PNG, HTML, REPORT)
"""Every file a job writes into its output directory whatever it finds (the MLflow spool
and open-runs files have their own hand-over: `engine.request`, `record.open_runs`)."""


def _named_by(report: dict[str, Any]) -> set[str]:
    final = report.get("final")
    named = {REPORT, HTML}
    for key in ("model_path", "config_path"):
        value = final.get(key) if isinstance(final, dict) else None
        if isinstance(value, str) and value:
            named.add(Path(value).name)
    plots = report.get("plots")
    named |= {Path(str(p)).name for p in plots if p} if isinstance(plots, list) else set()
    return named


def earlier_outputs(out: Path) -> list[str]:
    """The files of an earlier autotrainer job in `out` (none without its report.json)."""
    try:
        report = json.loads((out / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    tool = report.get("tool") if isinstance(report, dict) else None
    if not isinstance(tool, dict) or tool.get("name") != TOOL_NAME:
        return []
    named = _named_by(report)
    return [name for name in JOB_FILES if name in named and (out / name).is_file()]


def remove_earlier_outputs(out: Path) -> list[str]:
    """Remove an earlier job's files from `out` (`earlier_outputs`); return their names."""
    names = earlier_outputs(out)
    for name in names:
        (out / name).unlink(missing_ok=True)
    return names
