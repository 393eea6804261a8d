"""Replaying the spool: send what the MLflow sink could not, in order, then mark it replayed.

`replay_spool(output_dir)` reads `<output_dir>/mlflow-spool.jsonl` (formats: record/spool.py),
creates the runs the job could not create (in the experiment each `start_run` names, nested under
the replayed job run), sends metrics, params, tags, findings, artifacts and run ends, and renames
the file to `mlflow-spool.replayed.jsonl`. A model itself is not in the spool: `log_model`
records are reported as not replayed.

When a call fails halfway, the spool stays where it is and `mlflow-spool.progress.json` keeps how
many records were sent and the ids of the runs created, so the next replay resumes after them
instead of creating the runs twice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from autotrainer_keras.config.tracking import TrackingConfig, resolve_tracking_uri
from autotrainer_keras.errors import InputError, TrackingError
from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.spool import read_spool
from autotrainer_keras.redact import is_redacted, redact_text

REPLAYED_FILE = "mlflow-spool.replayed.jsonl"
PROGRESS_FILE = "mlflow-spool.progress.json"
JOB_LABEL = "job"

REQUIRED: dict[str, tuple[str, ...]] = {
    "start_run": ("run", "name", "tags", "experiment"),
    "log_batch": ("run", "metrics", "params", "tags"),
    "artifact": ("run", "artifact_path", "content"),
    "log_artifacts": ("run", "directory"),
    "log_model": ("run", "role"),
    "register": ("name", "model_uri"),
    "end_run": ("run", "status"),
    "errors": (),
}
"""The fields each spool record needs, by op."""


@dataclass
class ReplayResult:
    """What a replay did.

    Attributes:
        tracking_uri: Where the records went.
        total: Records in the spool.
        sent: Records done, from the first (sent, or nothing to send), over this replay and
            earlier, interrupted ones.
        not_replayed: One line per record that cannot be replayed (a model, a missing folder).
        run_ids: The MLflow run id of each run label ("job", attempt names) created or used.
        replayed_file: The spool's new name; None when there was nothing to replay.
        message: Why nothing was replayed, when so.
    """

    tracking_uri: str
    total: int = 0
    sent: int = 0
    not_replayed: list[str] = field(default_factory=list)
    run_ids: dict[str, str] = field(default_factory=dict)
    replayed_file: Path | None = None
    message: str = ""


def replay_spool(
    output_dir: Path,
    tracking_uri: str | None = None,
    *,
    client: Any = None,
    config: TrackingConfig | None = None,
) -> ReplayResult:
    """Send the spool of `output_dir` to MLflow, in order; then rename it (see module docstring).

    Args:
        output_dir: A job's output directory.
        tracking_uri: Where to send; None: the job's (report.json), else MLFLOW_TRACKING_URI,
            else sqlite:///<cwd>/mlflow.db.
        client: An MlflowClient for that URI (default: a new one).
        config: HTTP timeout and retries of each call (default: the `tracking:` defaults).

    Raises:
        InputError: No such directory, an unreadable or malformed spool, a bad URI.
        TrackingError: An MLflow call failed; the spool stays, the progress is kept.
    """
    output_dir = Path(output_dir)
    if not output_dir.is_dir():
        raise InputError(f"output directory not found: {output_dir}")
    uri = resolve_tracking_uri(tracking_uri or _job_uri(output_dir))
    result = ReplayResult(tracking_uri=redact_text(uri))
    spool, replayed = output_dir / keys.SPOOL_FILE, output_dir / REPLAYED_FILE
    if not spool.exists():
        result.message = (
            f"nothing to replay: {spool.name} was already replayed ({replayed})"
            if replayed.exists()
            else f"nothing to replay: no {spool.name} in {output_dir}"
        )
        return result
    records = _read(spool, torn=result.not_replayed.append)
    result.total = len(records)
    progress = _read_progress(output_dir / PROGRESS_FILE, len(records))
    result.sent, result.run_ids = progress["sent"], dict(progress["run_ids"])
    from mlflow import MlflowClient

    from autotrainer_keras.record.retry import bounded_http

    config = config or TrackingConfig()
    client = client or MlflowClient(tracking_uri=uri, registry_uri=uri)
    sender = _Sender(client, output_dir, result)
    with bounded_http(config.http_timeout_seconds, config.http_max_retries):
        for index in range(result.sent, len(records)):
            record = records[index]
            try:
                sender.send(record)
            except BaseException as error:  # any failure, Ctrl-C too: keep the progress, stop
                _write_progress(output_dir / PROGRESS_FILE, result)
                if not isinstance(error, Exception):
                    raise
                raise TrackingError(_stopped(result, index, record, error)) from error
            result.sent = index + 1
    _finish(spool, replayed)
    (output_dir / PROGRESS_FILE).unlink(missing_ok=True)
    result.replayed_file = replayed
    return result


def render_result(result: ReplayResult) -> str:
    """The lines `autotrainer-keras replay` prints."""
    if result.replayed_file is None:
        return result.message
    runs = ", ".join(f"{label} {run_id}" for label, run_id in result.run_ids.items())
    lines = [
        f"replayed the {result.total} spooled records to {result.tracking_uri}"
        + (f" (runs: {runs})" if runs else ""),
        *(f"  not replayed: {line}" for line in result.not_replayed),
        f"spool renamed to {result.replayed_file}",
    ]
    return "\n".join(lines)


class _Sender:
    """Sends one spool record at a time; remembers the runs it created by label."""

    def __init__(self, client: Any, output_dir: Path, result: ReplayResult) -> None:
        self.client = client
        self.output_dir = output_dir
        self.result = result
        self.experiments: dict[str, str] = {}
        self.ops: dict[str, Callable[[dict[str, Any]], None]] = {
            "start_run": self._start_run,
            "log_batch": self._log_batch,
            "artifact": self._artifact,
            "log_artifacts": self._log_artifacts,
            "log_model": self._log_model,
            "register": self._register,
            "end_run": self._end_run,
            "errors": lambda record: None,  # what went wrong then: nothing to send
        }

    def send(self, record: dict[str, Any]) -> None:
        self.ops[record["op"]](record)

    def _run_id(self, record: dict[str, Any]) -> str:
        label = str(record["run"])
        run_id = record.get("run_id") or self.result.run_ids.get(label)
        if not run_id:
            raise TrackingError(f"no run {label!r}: its start_run is not in the spool")
        self.result.run_ids.setdefault(label, str(run_id))
        return str(run_id)

    def _start_run(self, record: dict[str, Any]) -> None:
        from mlflow.entities import LifecycleStage

        name = str(record["experiment"])
        if name not in self.experiments:
            experiment = self.client.get_experiment_by_name(name)
            if experiment is None:
                self.experiments[name] = str(self.client.create_experiment(name))
            else:
                if experiment.lifecycle_stage == LifecycleStage.DELETED:
                    self.client.restore_experiment(experiment.experiment_id)
                self.experiments[name] = str(experiment.experiment_id)
        tags = {str(k): str(v) for k, v in record["tags"].items()}
        job_run = self.result.run_ids.get(JOB_LABEL)
        if record["run"] != JOB_LABEL and job_run and keys.MLFLOW_PARENT_RUN_ID not in tags:
            tags[keys.MLFLOW_PARENT_RUN_ID] = job_run
        run = self.client.create_run(
            self.experiments[name], run_name=str(record["name"]), tags=tags
        )
        self.result.run_ids[str(record["run"])] = str(run.info.run_id)

    def _log_batch(self, record: dict[str, Any]) -> None:
        from mlflow.entities import Metric, Param, RunTag

        metrics = [
            Metric(str(key), float(value), int(timestamp), int(step))
            for key, value, step, timestamp in record["metrics"]
        ]
        params = [Param(str(k), str(v)) for k, v in record["params"].items()]
        tags = [RunTag(str(k), str(v)) for k, v in record["tags"].items()]
        self.client.log_batch(
            self._run_id(record), metrics=metrics, params=params, tags=tags, synchronous=True
        )

    def _artifact(self, record: dict[str, Any]) -> None:
        text = json.dumps(record["content"], indent=2, sort_keys=True, default=str)
        self.client.log_text(self._run_id(record), text, str(record["artifact_path"]))

    def _log_artifacts(self, record: dict[str, Any]) -> None:
        directory = Path(record["directory"])
        if not directory.is_absolute() and not directory.is_dir():
            directory = self.output_dir / directory.name  # a job started elsewhere
        if not directory.is_dir():
            self.result.not_replayed.append(
                f"artifacts of run {record['run']}: folder {record['directory']} not found"
            )
            return
        files = record.get("files")
        if not isinstance(files, list):  # an older spool: never upload a whole folder
            self.result.not_replayed.append(
                f"artifacts of run {record['run']}: the spool does not list the job's files"
            )
            return
        run_id = self._run_id(record)
        for name in files:
            relative = PurePosixPath(str(name))
            path = directory / relative
            if relative.is_absolute() or ".." in relative.parts:
                self.result.not_replayed.append(f"artifact {name}: not inside the output folder")
            elif path.is_file():
                self.client.log_artifact(run_id, str(path), str(relative.parent).strip(".") or None)
            else:
                self.result.not_replayed.append(f"artifact {name} of run {record['run']}: gone")

    def _log_model(self, record: dict[str, Any]) -> None:
        self.result.not_replayed.append(
            f"{record['role']} model of run {record['run']}: a model is not kept in the spool"
        )

    def _register(self, record: dict[str, Any]) -> None:
        from autotrainer_keras.record.mlflow_registry import ensure_registered_model

        name = str(record["name"])
        ensure_registered_model(self.client, name)
        self.client.create_model_version(
            name=name,
            source=str(record["model_uri"]),
            tags={str(k): str(v) for k, v in (record.get("tags") or {}).items()},
            description=record.get("description"),
            await_creation_for=0,
        )

    def _end_run(self, record: dict[str, Any]) -> None:
        self.client.set_terminated(self._run_id(record), str(record["status"]))


def _job_uri(output_dir: Path) -> str | None:
    """The tracking URI the job used (its report.json's mlflow block), None if unknown."""
    try:
        report = json.loads((output_dir / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    block = report.get("mlflow") if isinstance(report, dict) else None
    uri = block.get("tracking_uri") if isinstance(block, dict) else None
    if uri and is_redacted(str(uri)) and not os.environ.get("MLFLOW_TRACKING_URI"):
        raise InputError(
            f"the job's tracking URI {uri} had credentials, which are never stored; pass "
            "--tracking-uri or set MLFLOW_TRACKING_URI (or MLFLOW_TRACKING_USERNAME/PASSWORD)"
        )
    if uri and is_redacted(str(uri)):
        return None  # MLFLOW_TRACKING_URI, which has them
    return str(uri) if uri else None


def _read(spool: Path, torn: Callable[[str], None]) -> list[dict[str, Any]]:
    """The spool's records, each checked (op known, fields there) before anything is sent; a
    torn last line is skipped and told to `torn`, and warned about."""

    def skipped(message: str) -> None:
        from autotrainer_keras.record.retry import warn_line

        warn_line(f"replay: {message}")
        torn(message)

    try:
        records = read_spool(spool, on_torn=skipped)
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {spool}: {error}") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{spool} is not JSON lines: {error}") from None
    for number, record in enumerate(records, start=1):
        op = record.get("op") if isinstance(record, dict) else None
        if op not in REQUIRED:
            raise InputError(
                f"{spool} record {number}: unknown op {op!r}; known: {', '.join(REQUIRED)}"
            )
        missing = [name for name in REQUIRED[op] if name not in record]
        if missing:
            raise InputError(f"{spool} record {number} ({op}): missing {', '.join(missing)}")
    return records


def _read_progress(path: Path, total: int) -> dict[str, Any]:
    """An earlier, interrupted replay's progress ({"sent": n, "run_ids": {...}}), else none."""
    if not path.exists():
        return {"sent": 0, "run_ids": {}}
    try:
        progress = json.loads(path.read_text(encoding="utf-8"))
        sent, run_ids = int(progress["sent"]), dict(progress["run_ids"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        damaged = f"{path} is damaged ({error}); delete it to replay from the start"
        raise InputError(damaged) from None
    if not 0 <= sent <= total:
        raise InputError(f"{path} says {sent} records were sent, the spool has {total}")
    return {"sent": sent, "run_ids": run_ids}


def _write_progress(path: Path, result: ReplayResult) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(
        json.dumps({"sent": result.sent, "run_ids": result.run_ids}, indent=2), encoding="utf-8"
    )
    os.replace(temporary, path)


def _stopped(result: ReplayResult, index: int, record: dict[str, Any], error: Exception) -> str:
    what = f"{record['op']}" + (f" of run {record['run']}" if "run" in record else "")
    runs = ", ".join(f"{label} {run_id}" for label, run_id in result.run_ids.items()) or "none"
    return (
        f"replay to {result.tracking_uri} stopped at record {index + 1} of {result.total} "
        f"({what}): {type(error).__name__}: {_first_line(error)}; sent {result.sent} records "
        f"(runs: {runs}); the spool is kept and the next replay resumes after them"
    )


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def _finish(spool: Path, replayed: Path) -> None:
    """Rename the spool; append to an earlier replayed file instead of replacing it."""
    if not replayed.exists():
        os.replace(spool, replayed)
        return
    with replayed.open("a", encoding="utf-8") as handle:
        handle.write(spool.read_text(encoding="utf-8"))
    spool.unlink()
