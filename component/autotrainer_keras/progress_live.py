"""A live terminal view of a job (rich): one bar per training, findings and outcomes above."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from autotrainer_keras.problems import Finding, is_setup_finding
from autotrainer_keras.progress import _fmt_logs
from autotrainer_keras.record.summary import AttemptSummary


class LiveProgress:
    """Training epoch n/N with the loss, check results, repair attempt k/K and its solution."""

    def __init__(self, verbose: bool = False) -> None:
        self._console = Console(stderr=True)
        self._verbose = verbose
        self._bars = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[logs]}"),
            TimeElapsedColumn(),
            console=self._console,
            transient=False,
        )
        self._bars.start()
        self._task: Any = None

    def message(self, text: str) -> None:
        self._console.print(text)

    def attempt_started(self, name: str, index: int, total: int, description: str) -> None:
        of = f"/{total}" if total else ""  # 0: no cap (the paper profile)
        label = "training" if index == 0 else f"repair {index}{of}"
        self._task = self._bars.add_task(f"[bold]{label}[/] {name}", total=None, logs="")
        self._console.print(f"[cyan]{name}[/]: {description}")

    def epoch(self, name: str, epoch: int, epochs: int, logs: dict[str, float]) -> None:
        if self._task is not None:
            self._bars.update(self._task, completed=epoch + 1, total=epochs, logs=_fmt_logs(logs))
        if self._verbose:
            self._console.print(f"  epoch {epoch + 1}/{epochs} {_fmt_logs(logs)}")

    def finding(self, finding: Finding) -> None:
        where = f" in {finding.layer}" if finding.layer else ""
        self._console.print(
            f"  [red]detected {finding.problem.value}[/] "
            f"{'before training' if is_setup_finding(finding) else f'at epoch {finding.epoch + 1}'}"
            f"{where}: "
            f"{finding.reason}"
        )

    def attempt_finished(self, name: str, outcome: str, summary: AttemptSummary | None) -> None:
        color = {"solved": "green", "healthy": "green"}.get(outcome, "yellow")
        accuracy = summary.val_accuracy if summary is not None else None
        loss = summary.val_loss if summary is not None else None
        shown = (
            f"val_accuracy={accuracy:.4f}"
            if accuracy is not None
            else (f"val_loss={loss:.4g}" if loss is not None else "")
        )
        self._console.print(f"  [{color}]{name}: {outcome}[/] {shown}")
        if self._task is not None:
            self._bars.stop_task(self._task)

    def close(self) -> None:
        self._bars.stop()
