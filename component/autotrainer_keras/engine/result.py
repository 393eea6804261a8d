"""What a job returns: typed, so no caller parses report.json to learn what happened."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autotrainer_keras.engine.request import Mode
from autotrainer_keras.problems import Finding

if TYPE_CHECKING:
    import keras

    from autotrainer_keras.engine.repair_loop import RepairAttempt


@dataclass(frozen=True)
class JobResult:
    """The outcome of `engine.runner.execute`.

    Attributes:
        mode: What was asked: detect, or detect and repair.
        status: "healthy", "detected" (detect mode), "repaired", "unrepaired" or "error".
        findings: The original training's detections, first one first.
        attempts: The repair attempts in order (empty in detect mode).
        final_model: The model the job ended with (the accepted repair, else the best seen).
        final_attempt: The name of the attempt that produced it ("original", "repair-2-adam").
        interrupted: A signal stopped the job (outputs are partial).
        output_dir: Where every output was written.
        report: The report.json document as written (`record.report_model.JobReport.to_dict`).
    """

    mode: Mode
    status: str
    findings: list[Finding]
    attempts: list[RepairAttempt]
    final_model: keras.Model | None
    final_attempt: str | None
    interrupted: bool
    output_dir: Path
    report: dict[str, Any] = field(repr=False)

    @property
    def report_path(self) -> Path:
        from autotrainer_keras.engine.outputs import REPORT

        return self.output_dir / REPORT
