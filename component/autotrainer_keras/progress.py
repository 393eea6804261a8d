"""Progress of a job for people: a live view in a terminal, plain lines in logs (KFP, CI)."""

from __future__ import annotations

import sys
from typing import Protocol, TextIO

from autotrainer_keras.problems import Finding, is_setup_finding
from autotrainer_keras.record.summary import AttemptSummary


def _fmt_logs(logs: dict[str, float]) -> str:
    keys = [
        k for k in ("loss", "accuracy", "val_loss", "val_accuracy", "mae", "val_mae") if k in logs
    ]
    return " ".join(f"{k}={logs[k]:.4g}" for k in keys)


class Progress(Protocol):
    def message(self, text: str) -> None: ...
    def attempt_started(self, name: str, index: int, total: int, description: str) -> None: ...
    def epoch(self, name: str, epoch: int, epochs: int, logs: dict[str, float]) -> None: ...
    def finding(self, finding: Finding) -> None: ...
    def attempt_finished(self, name: str, outcome: str, summary: AttemptSummary | None) -> None: ...
    def close(self) -> None: ...


class NullProgress:
    """Shows nothing (--quiet)."""

    def message(self, text: str) -> None: ...
    def attempt_started(self, name: str, index: int, total: int, description: str) -> None: ...
    def epoch(self, name: str, epoch: int, epochs: int, logs: dict[str, float]) -> None: ...
    def finding(self, finding: Finding) -> None: ...
    def attempt_finished(self, name: str, outcome: str, summary: AttemptSummary | None) -> None: ...
    def close(self) -> None: ...


class PlainProgress:
    """One plain line per epoch, finding and attempt: readable in KFP and CI logs."""

    def __init__(self, stream: TextIO | None = None, every_epoch: bool = True) -> None:
        self._stream = stream or sys.stderr
        self._every_epoch = every_epoch

    def _line(self, text: str) -> None:
        print(text, file=self._stream, flush=True)

    def message(self, text: str) -> None:
        self._line(text)

    def attempt_started(self, name: str, index: int, total: int, description: str) -> None:
        of = f"/{total}" if total else ""  # 0: no cap (the paper profile)
        label = "training" if index == 0 else f"repair attempt {index}{of}"
        self._line(f"[{name}] {label}: {description}")

    def epoch(self, name: str, epoch: int, epochs: int, logs: dict[str, float]) -> None:
        if self._every_epoch:
            self._line(f"[{name}] epoch {epoch + 1}/{epochs} {_fmt_logs(logs)}")

    def finding(self, finding: Finding) -> None:
        where = f" in layer {finding.layer}" if finding.layer else ""
        when = "before training" if is_setup_finding(finding) else f"at epoch {finding.epoch + 1}"
        self._line(f"  detected {finding.problem.value} {when}{where}: {finding.reason}")

    def attempt_finished(self, name: str, outcome: str, summary: AttemptSummary | None) -> None:
        metric = summary.val_accuracy if summary is not None else None
        label = "val_accuracy" if metric is not None else "val_loss"
        value = metric if metric is not None else (summary.val_loss if summary else None)
        shown = "n/a" if value is None else f"{value:.4g}"
        seconds = summary.seconds if summary is not None else 0.0
        self._line(f"[{name}] {outcome} ({label}={shown}, {seconds:.1f}s)")

    def close(self) -> None:
        return None
