"""What the job's parent MLflow run shows: its outcome, before/after metrics, a description, the
problems and the repairs, and the dataset it trained on, derived from the report in one place.

With these the MLflow runs list answers "which of my jobs were repaired, and by how much" at a
glance: sort by `val_accuracy_gain`, filter with `tags."autotrainer.outcome" = 'repaired'`.
The same metrics are the KFP `metrics` output.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.report_markdown import render_markdown

NOTE_TAG = "mlflow.note.content"
"""The tag MLflow's UI shows as a run's description."""
DATASET_CONTEXT_TAG = "mlflow.data.context"
"""The input tag MLflow's UI shows as the dataset's context (training, evaluation, ...)."""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def job_metrics(report: dict[str, Any] | None) -> dict[str, float]:
    """Validation metric before and after, their change, problems found, attempts.

    Keys: `val_accuracy_before`/`_after`/`_gain` (classification), `val_loss_before`/`_after`/
    `_change`, `problems_found`, `problem.<id>` (1.0 per problem detected in the original
    training), `repair_attempts`, `repaired` (1.0 or 0.0). Missing or non-finite values are
    left out.
    """
    if report is None:
        return {}
    original = report.get("original") or {}
    final = report.get("final") or original
    metrics: dict[str, float] = {}
    for name, change in (("val_accuracy", "gain"), ("val_loss", "change")):
        before, after = _number(original.get(name)), _number(final.get(name))
        if before is not None:
            metrics[f"{name}_before"] = before
        if after is not None:
            metrics[f"{name}_after"] = after
        if before is not None and after is not None:
            metrics[f"{name}_{change}"] = after - before
    problems = sorted({str(d["problem"]) for d in report.get("detections") or [] if "problem" in d})
    metrics["problems_found"] = float(len(problems))
    metrics.update({f"problem.{problem}": 1.0 for problem in problems})
    metrics["repair_attempts"] = float(len(report.get("repairs") or []))
    metrics["repaired"] = 1.0 if report.get("status") == "repaired" else 0.0
    return metrics


def job_tags(report: dict[str, Any]) -> dict[str, str]:
    """The outcome, the problems, the repairs applied and the Markdown description."""
    problems = sorted({str(d["problem"]) for d in report.get("detections") or [] if "problem" in d})
    solutions = (report.get("final") or {}).get("solutions") or []
    note = render_markdown(report)
    if len(note) > keys.MAX_TAG_VALUE_LENGTH:
        note = note[: keys.MAX_TAG_VALUE_LENGTH - 30] + "\n\n(cut; see report.json)\n"
    return {
        keys.TAG_JOB_OUTCOME: str(report.get("status", "error")),
        keys.TAG_PROBLEM: ",".join(problems),
        keys.TAG_SOLUTION: ",".join(str(s) for s in solutions),
        NOTE_TAG: note,
    }


def file_digest(path: Path) -> str:
    """A short content digest of a file (the first 16 hex digits of its SHA-256)."""
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()[:16]


def dataset_fields(path: Path) -> dict[str, str]:
    """The fields of an MLflow dataset entity for the data file: name, digest, source, profile.

    The profile lists the arrays of the .npz with their shapes and dtypes, read from their
    headers (no array is loaded).
    """
    import zipfile

    import numpy as np

    headers = {(1, 0): np.lib.format.read_array_header_1_0}
    headers[(2, 0)] = np.lib.format.read_array_header_2_0
    arrays: dict[str, Any] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for member_name in archive.namelist():
                with archive.open(member_name) as member:
                    read = headers.get(np.lib.format.read_magic(member))
                    if read is None:
                        continue
                    shape, _, dtype = read(member)
                arrays[member_name.removesuffix(".npy")] = {
                    "shape": list(shape),
                    "dtype": str(dtype),
                }
    except (OSError, ValueError, zipfile.BadZipFile):
        arrays = {}
    return {
        "name": path.stem,
        "digest": file_digest(path),
        "source_type": "local",
        "source": json.dumps({"uri": str(path.resolve())}),
        "profile": json.dumps({"arrays": arrays, "bytes": path.stat().st_size}),
    }
