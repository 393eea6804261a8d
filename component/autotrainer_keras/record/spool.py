"""The local spool: what the MLflow sink could not send, one JSON object per line.

Each line is self-describing so the records can be read, and replayed in order later
(`autotrainer-keras replay`, record/replay.py):
`{"op": "start_run", "run": "<job|attempt name>", "run_id": null, "name": ..., "tags": {...},
  "experiment": ...}`,
`{"op": "log_batch", "run": ..., "run_id": "<id or null>",
  "metrics": [[key, value, step, timestamp_ms], ...], "params": {...}, "tags": {...}}`,
`{"op": "artifact", "run": ..., "artifact_path": ..., "content": {...}}`,
`{"op": "log_artifacts", "run": ..., "directory": ..., "files": [names the job wrote]}`,
`{"op": "log_model", "run": ..., "role": ..., "summary": {...}}`,
`{"op": "register", "role": ..., "name": ..., "model_uri": ..., "tags": {...}, "description": ...}`,
`{"op": "end_run", "run": ..., "status": ...}`,
`{"op": "errors", "degraded": ..., "errors": [...]}` (last). A null run_id: the run was never
created. The file exists only when something is in it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from autotrainer_keras.redact import redact_text


class Spool:
    """Appends records to a JSONL file, created on the first record."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records = 0

    def write(self, record: dict[str, Any]) -> None:
        """Append one record (never raises: a spool that cannot be written is reported)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(redact_text(json.dumps(record, default=str)) + "\n")
            self.records += 1
        except OSError as error:  # pragma: no cover - disk full / read-only output dir
            from autotrainer_keras.record.retry import warn_line

            warn_line(f"cannot write the tracking spool {self.path}: {error}")

    @property
    def used(self) -> bool:
        return self.records > 0


def read_spool(path: Path, on_torn: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    """All records of a spool file, in order.

    A record is written with its newline in one call, so a last line without its newline
    that is not JSON is what a crash in the middle of an append leaves: it is skipped and
    described to `on_torn` (when given) instead of blocking every record before it. Any other
    bad line is damage and raises.

    Raises:
        json.JSONDecodeError: A complete line is not JSON.
    """
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()]
    records = []
    for number, line in enumerate(lines, start=1):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            if number < len(lines) or line.endswith("\n"):
                raise
            if on_torn is not None:
                on_torn(
                    f"line {number} of {path.name} is cut off (a crash while writing it?): "
                    f"{len(line.rstrip())} characters skipped"
                )
    return records
