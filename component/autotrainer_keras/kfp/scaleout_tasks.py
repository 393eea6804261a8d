"""The scale-out pipeline's task bodies: KFP artifact paths and input values in, calls to
`autotrainer_keras.engine.scaleout` in the middle, files and plain values out.

Every task takes the component's inputs (config text, profile, tracking URI, ...) under the
same names and turns them into settings the same way (`autotrainer_keras.kfp.settings`).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.engine import outputs as job_outputs
from autotrainer_keras.engine import scaleout
from autotrainer_keras.io.atomic import jsonable, write_json_atomic
from autotrainer_keras.kfp import paths
from autotrainer_keras.kfp.interface import HEALTHY
from autotrainer_keras.kfp.settings import settings_from_values
from autotrainer_keras.kfp.summary import metrics_of, status_of
from autotrainer_keras.progress import PlainProgress
from autotrainer_keras.record.summary import AttemptSummary

if TYPE_CHECKING:  # the training tasks import Keras when they run; listing and selecting do not
    from autotrainer_keras.engine.attempt import StopFlag
    from autotrainer_keras.engine.request import JobRequest

SCALEOUT_REPORT = "scaleout_report.json"


@contextmanager
def _job(values: dict[str, Any]) -> Iterator[tuple[AutotrainerConfig, Path, StopFlag]]:
    """Settings, a scratch directory and a stop flag that SIGTERM/SIGINT set."""
    from autotrainer_keras.engine.attempt import StopFlag
    from autotrainer_keras.signals import stop_on_signals

    settings = settings_from_values(values)
    flag = StopFlag()
    with tempfile.TemporaryDirectory(prefix="autotrainer-task-") as tmp, stop_on_signals(flag):
        yield settings, Path(tmp), flag


def _request(
    values: dict[str, Any], settings: AutotrainerConfig, scratch: Path, out: Path
) -> JobRequest:
    from autotrainer_keras.engine.request import JobRequest, Mode

    return JobRequest(
        Mode.REPAIR,
        paths.model_file(values["model"], scratch),
        paths.data_file(values["dataset"]),
        settings,
        output_dir=out,
    )


def detect_task(values: dict[str, Any], detection_dir: str) -> str:
    """Train the original under watch; return its first problem, or `none` when healthy.

    `detection_dir` gets the detect job's report, the trained original and detection.json.
    """
    with _job(values) as (settings, scratch, flag):
        request = _request(values, settings, scratch, Path(detection_dir))
        found = scaleout.detect(request, PlainProgress(), stop_flag=flag)
    return str(found["problem"] or HEALTHY)


def _detection(detection_dir: str) -> dict[str, Any]:
    text = (Path(detection_dir) / scaleout.DETECTION_FILE).read_text(encoding="utf-8")
    return dict(json.loads(text))


def candidates_task(values: dict[str, Any], detection_dir: str) -> list[dict[str, Any]]:
    """The candidates to evaluate for the detected problem (see `scaleout.candidates`)."""
    found = scaleout.candidates(_detection(detection_dir), settings_from_values(values))
    print(f"autotrainer: {len(found)} candidate(s): {found}", file=sys.stderr, flush=True)
    return found


def candidate_task(
    values: dict[str, Any], candidate: dict[str, Any], detection_dir: str, model_dir: str
) -> dict[str, Any]:
    """Evaluate one candidate; its trained model goes to `model_dir` (empty: not trained)."""
    detection = _detection(detection_dir)
    out = Path(model_dir)
    with _job(values) as (settings, scratch, flag):
        request = _request(values, settings, scratch, scratch / "run")
        result = scaleout.evaluate_candidate(
            request,
            detection,
            candidate,
            Path(detection_dir) / scaleout.ORIGINAL_MODEL,
            PlainProgress(),
            stop_flag=flag,
        )
        out.mkdir(parents=True, exist_ok=True)
        for name in (scaleout.CANDIDATE_MODEL, scaleout.CANDIDATE_FILE):
            if (request.output_dir / name).is_file():
                shutil.copy2(request.output_dir / name, out / name)
    return _without_nulls(jsonable(result))


def _without_nulls(value: Any) -> Any:
    """KFP parameters cannot hold null (kfp.local refuses them): missing means None."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def select_task(
    values: dict[str, Any],
    results: list[dict[str, Any]],
    model_dirs: list[str],
    detection_dir: str,
    final_model_dir: str,
    report_dir: str,
) -> tuple[str, dict[str, float]]:
    """Pick the best candidate, register it when solved, write the final model and report.

    Args:
        results: The candidate tasks' results, in any order.
        model_dirs: Their model directories, in the same order as `results`.

    Returns:
        The status (`repaired` | `unrepaired` | `healthy`: the original's pre-flight
        suspicion withdrawn, `scaleout.withdrawn`) and the metrics (as the component's).
    """
    detection = _detection(detection_dir)
    settings = settings_from_values(values)
    status, best = scaleout.select_best(detection, results)
    version = (
        scaleout.register_repaired(settings.tracking, detection, best, Path(report_dir))
        if (status == "repaired" and best is not None)
        else None
    )
    final_dir = Path(final_model_dir)
    final_dir.mkdir(parents=True, exist_ok=True)
    if best is None:
        source = Path(detection_dir) / scaleout.ORIGINAL_MODEL
    else:
        source = Path(model_dirs[results.index(best)]) / scaleout.CANDIDATE_MODEL
    shutil.copy2(source, final_dir / job_outputs.MODEL)
    original = scaleout.original_summary(detection)
    chosen = AttemptSummary.from_dict(best) if best is not None else original
    taken_back = scaleout.withdrawn(detection, results) if status == "healthy" else []
    report = {
        "status": status,
        "profile": detection["profile"],
        "detections": [] if taken_back else [
            {**f.to_dict(), "attempt": "original"} for f in original.detections
        ],
        **({"withdrawn": taken_back} if taken_back else {}),
        "original": original.original_dict(),
        "final": {
            "attempt": chosen.attempt,
            "val_accuracy": chosen.val_accuracy,
            "val_loss": chosen.val_loss,
            "solutions": list(chosen.solutions),
        },
        "repairs": sorted(results, key=lambda r: int(r["index"])),
        "registered_version": version,
        "mlflow": detection.get("mlflow"),
    }
    write_json_atomic(Path(report_dir) / SCALEOUT_REPORT, report)
    shutil.copytree(
        detection_dir,
        Path(report_dir) / "detection",
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("*.keras"),
    )
    metrics = metrics_of(report)
    status = status_of(report)
    print(f"autotrainer: scale-out {status}; selected {report['final']['attempt']}", flush=True)
    return status, metrics
