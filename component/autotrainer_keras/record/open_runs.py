"""Runs a job has open in MLflow, kept in `<output_dir>/mlflow-runs.json` while they are.

A job killed outright (SIGKILL, out of memory, a node lost) cannot end its runs: they would
stay RUNNING forever. The MLflow sink writes each run it creates here and removes it when the
run ends; the file is gone when the job ended cleanly. The next job into the same directory and
`autotrainer-keras replay` call `close_left_open`, which ends what is still RUNNING as KILLED.

    {"tracking_uri": "http://...", "run_ids": ["<job run>", "<attempt run>", ...]}

The URI is stored redacted (no credentials); a redacted one is replaced by the caller's.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from autotrainer_keras.io.atomic import write_json_atomic
from autotrainer_keras.redact import is_redacted, redact_uri

OPEN_RUNS_FILE = "mlflow-runs.json"


class OpenRuns:
    """The file of one job's open runs (written on every change; removed when empty)."""

    def __init__(self, output_dir: Path, tracking_uri: str) -> None:
        self.path = Path(output_dir) / OPEN_RUNS_FILE
        self.uri = tracking_uri
        self.run_ids: list[str] = []

    def opened(self, run_id: str) -> None:
        self.run_ids.append(run_id)
        self._write()

    def closed(self, run_id: str) -> None:
        if run_id in self.run_ids:
            self.run_ids.remove(run_id)
            self._write()

    def _write(self) -> None:
        try:
            if self.run_ids:
                data = {"tracking_uri": redact_uri(self.uri), "run_ids": self.run_ids}
                write_json_atomic(self.path, data)
            else:
                self.path.unlink(missing_ok=True)
        except OSError:  # pragma: no cover - a read-only output dir: the spool reports it
            pass


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("run_ids"), list):
        return None
    return data


def close_left_open(
    output_dir: Path,
    warn: Callable[[str], None],
    tracking_uri: str | None = None,
    *,
    timeout_seconds: int = 30,
    max_retries: int = 1,
) -> list[str]:
    """End as KILLED the runs an earlier job in `output_dir` left RUNNING; return their ids.

    Uses the URI recorded in the file (`tracking_uri` when the file's is redacted or absent).
    Runs already ended are left as they are. The file is removed when every run is closed,
    kept when MLflow cannot be reached (a later call tries again). Never raises.
    """
    path = Path(output_dir) / OPEN_RUNS_FILE
    data = _read(path)
    if data is None:
        return []
    stored = str(data.get("tracking_uri") or "")
    uri = tracking_uri if (tracking_uri and (not stored or is_redacted(stored))) else stored
    if not uri:
        return []
    closed: list[str] = []
    try:
        from mlflow import MlflowClient

        from autotrainer_keras.record.retry import bounded_http

        client = MlflowClient(tracking_uri=uri)
        with bounded_http(timeout_seconds, max_retries):
            for run_id in [str(r) for r in data["run_ids"]]:
                if client.get_run(run_id).info.status == "RUNNING":
                    client.set_terminated(run_id, "KILLED")
                    closed.append(run_id)
    except Exception as error:  # noqa: BLE001 - tracking never stops a job
        warn(f"could not close the runs an earlier job left open ({path}): {error}")
        return closed
    path.unlink(missing_ok=True)
    if closed:
        warn(f"ended {len(closed)} MLflow run(s) an earlier job left RUNNING as KILLED")
    return closed
