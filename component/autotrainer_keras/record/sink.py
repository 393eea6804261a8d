"""Where the engine reports what happens: the record layer's interface.

Sinks record and never decide. The engine calls these methods in this order:

    start_job -> (start_attempt -> log_epoch* / log_check* / log_finding* -> end_attempt)+
              -> log_model* -> withdraw_findings? -> end_job -> log_artifacts

`log_artifacts` comes last so the uploaded report.json is the one on disk, with the block
`end_job` returned (the report is written once: `record.report_model.write_report`).

`record.recorder.Recorder` makes that order hold: whoever starts an attempt ends it.

`attempt` names: "original" for the first training, then "repair-<k>-<solution>".
A sink must never raise out of a training unless it was built strict (tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from autotrainer_keras.measure.history import CheckRecord
from autotrainer_keras.problems import Finding
from autotrainer_keras.record.report_model import Withdrawn
from autotrainer_keras.record.summary import AttemptSummary


class Sink(Protocol):
    def start_job(self, *, model_file: Path, model_sha256: str, params: dict[str, Any]) -> None:
        """Open the job (parent run); params are flattened config values."""

    def start_attempt(self, name: str, params: dict[str, Any]) -> None:
        """Open one training (nested run): the original, or a repair attempt."""

    def log_epoch(self, epoch: int, logs: dict[str, float]) -> None:
        """Per-epoch Keras logs of the current attempt (buffered, sent in batches)."""

    def log_check(self, check: CheckRecord) -> None:
        """Per-layer monitor statistics of one check (buffered, sent in batches)."""

    def log_finding(self, finding: Finding) -> None:
        """A detection in the current attempt."""

    def end_attempt(
        self, outcome: str, summary: AttemptSummary | None, status: str = "FINISHED"
    ) -> None:
        """Close the current attempt with its outcome, summary (None: it ended before it had
        one) and run status (FINISHED | FAILED | KILLED)."""

    def log_model(
        self,
        model: Any,
        role: str,
        summary: AttemptSummary,
        *,
        original: AttemptSummary | None = None,
    ) -> str | None:
        """Log a Keras model of the current job and return its URI. `role`: original (the
        model of `summary`, the original training) or repaired (`summary`: the accepted
        candidate; `original`: the training it repaired, for the before/after numbers)."""

    def withdraw_findings(self, original: AttemptSummary, withdrawn: Sequence[Withdrawn]) -> None:
        """The original's findings were withdrawn after its repair (`policy.withdraws`):
        `original` is its summary without them; what was recorded of it says so now."""

    def log_artifacts(self, directory: Path, files: Sequence[str]) -> None:
        """Upload the files the job wrote (names in `directory`), and nothing else."""

    def end_job(self, status: str, report: dict[str, Any]) -> dict[str, Any]:
        """Close the job (status: FINISHED | FAILED | KILLED); return the report's mlflow block."""


class NullSink:
    """Records nothing (tracking disabled)."""

    def start_job(self, *, model_file: Path, model_sha256: str, params: dict[str, Any]) -> None:
        return None

    def start_attempt(self, name: str, params: dict[str, Any]) -> None:
        return None

    def log_epoch(self, epoch: int, logs: dict[str, float]) -> None:
        return None

    def log_check(self, check: CheckRecord) -> None:
        return None

    def log_finding(self, finding: Finding) -> None:
        return None

    def end_attempt(
        self, outcome: str, summary: AttemptSummary | None, status: str = "FINISHED"
    ) -> None:
        return None

    def log_model(
        self,
        model: Any,
        role: str,
        summary: AttemptSummary,
        *,
        original: AttemptSummary | None = None,
    ) -> str | None:
        return None

    def withdraw_findings(self, original: AttemptSummary, withdrawn: Sequence[Withdrawn]) -> None:
        return None

    def log_artifacts(self, directory: Path, files: Sequence[str]) -> None:
        return None

    def end_job(self, status: str, report: dict[str, Any]) -> dict[str, Any]:
        return {}
