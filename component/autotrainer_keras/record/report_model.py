"""report.json as typed data: `JobReport`, built in one place (`ReportBuilder`), serialised by
`to_dict` into the layout of schemas/report.schema.json and read back by `from_dict`.

Every attempt in it is a `record.summary.AttemptSummary`; the job fills a builder as it goes,
so a failure or an interruption still leaves a report that says how far the job got:

    builder = ReportBuilder(ReportHeader("run", "default", "binary", "m.keras", sha, "d.npz",
                                         "out"))
    builder.original_trained(summary, curves)
    builder.status = "detected"
    report = builder.build(interrupted=False)
    write_report(out, report)  # report.json: report.to_dict(), written atomically
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from autotrainer_keras.io.atomic import write_json_atomic
from autotrainer_keras.problems import Finding
from autotrainer_keras.record.summary import AttemptSummary
from autotrainer_keras.version import __version__

SCHEMA_VERSION = 1
REPORT_FILE = "report.json"
TOOL_NAME = "autotrainer"


@dataclass(frozen=True)
class ReportHeader:
    """What the job was asked to do, known before training."""

    command: str
    profile: str
    task: str
    model_path: str
    model_sha256: str
    data_file: str
    output_dir: str


@dataclass(frozen=True)
class FinalModel:
    """The model the job ended with (repair mode), and where it was written."""

    summary: AttemptSummary
    model_path: str
    config_path: str
    solutions: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """report.json's `final`."""
        return {
            "attempt": self.summary.attempt,
            "val_accuracy": self.summary.val_accuracy,
            "val_loss": self.summary.val_loss,
            "model_path": self.model_path,
            "config_path": self.config_path,
            "solutions": list(self.solutions),
        }


@dataclass(frozen=True)
class Withdrawn:
    """A pre-flight suspicion withdrawn after its fix was retrained (`policy.withdraws`)."""

    finding: Finding
    why: str  # one sentence: what the retraining measured

    def to_dict(self) -> dict[str, Any]:
        """report.json's `withdrawn[]`: the finding, and why it was withdrawn."""
        return {**self.finding.to_dict(), "withdrawn_because": self.why}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Withdrawn:
        return cls(Finding.from_dict(data), str(data.get("withdrawn_because", "")))


@dataclass(frozen=True)
class Timing:
    """Wall times in seconds (None: that phase did not happen); report.json's `timing`."""

    original_seconds: float | None = None
    repair_seconds: float | None = None
    repair_time_ratio: float | None = None
    full_training_seconds: float | None = None
    preflight_seconds: float | None = None
    total_seconds: float | None = None

    def to_dict(self) -> dict[str, float]:
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name)) is not None}


@dataclass(frozen=True)
class JobReport:
    """What one job found and did (report.json; see the schema for each field's meaning)."""

    header: ReportHeader
    status: str
    interrupted: bool
    original: AttemptSummary | None = None
    continued: AttemptSummary | None = None
    repairs: tuple[AttemptSummary, ...] = ()
    final: FinalModel | None = None
    repair_stop_reason: str | None = None
    timing: Timing = field(default_factory=Timing)
    warnings: tuple[str, ...] = ()
    curves: Mapping[str, Any] = field(default_factory=dict)
    plots: tuple[str, ...] = ()
    mlflow: Mapping[str, Any] | None = None
    withdrawn: tuple[Withdrawn, ...] = ()

    def with_mlflow(self, block: Mapping[str, Any]) -> JobReport:
        """The report with the tracking sink's block (`Sink.end_job`)."""
        return replace(self, mlflow=dict(block))

    def with_warning(self, text: str) -> JobReport:
        """The report with one more warning."""
        return replace(self, warnings=(*self.warnings, text))

    def with_plots(self, names: list[str]) -> JobReport:
        """The report with the plot files written (names in the output directory)."""
        return replace(self, plots=tuple(names))

    def to_dict(self) -> dict[str, Any]:
        """The report.json document."""
        head = self.header
        original = None
        if self.original is not None:
            original = self.original.original_dict()
            if self.continued is not None:
                original["continued"] = self.continued.continued_dict()
        detections = self.original.detections if self.original is not None else ()
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": TOOL_NAME, "version": __version__},
            "command": head.command,
            "status": self.status,
            "profile": head.profile,
            "task": head.task,
            "interrupted": self.interrupted,
            "model_file": {"path": head.model_path, "sha256": head.model_sha256},
            "data_file": head.data_file,
            "detections": [{**f.to_dict(), "attempt": "original"} for f in detections],
            "original": original,
            "repairs": [attempt.repair_dict() for attempt in self.repairs],
            "final": self.final.to_dict() if self.final is not None else None,
            "timing": self.timing.to_dict(),
            "warnings": list(self.warnings),
            "curves": dict(self.curves),
            "mlflow": dict(self.mlflow) if self.mlflow is not None else None,
            "output_dir": head.output_dir,
        }
        if self.repair_stop_reason is not None:
            data["repair_stop_reason"] = self.repair_stop_reason
        if self.withdrawn:
            data["withdrawn"] = [w.to_dict() for w in self.withdrawn]
        data["plots"] = list(self.plots)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JobReport:
        """Read a report.json document back (the inverse of `to_dict`)."""
        model = data.get("model_file") or {}
        header = ReportHeader(
            command=str(data["command"]),
            profile=str(data["profile"]),
            task=str(data["task"]),
            model_path=str(model.get("path", "")),
            model_sha256=str(model.get("sha256", "")),
            data_file=str(data.get("data_file", "")),
            output_dir=str(data.get("output_dir", "")),
        )
        block = data.get("original")
        original = continued = None
        if block is not None:
            original = AttemptSummary.from_dict(
                {**block, "detections": data.get("detections") or []}, "original"
            )
            if block.get("continued") is not None:
                continued = AttemptSummary.from_dict(block["continued"], "original-continued")
        final = None
        if data.get("final") is not None:
            final_data = data["final"]
            final = FinalModel(
                summary=AttemptSummary.from_dict(
                    {**final_data, "epochs_run": 0, "seconds": 0.0}, str(final_data["attempt"])
                ),
                model_path=str(final_data.get("model_path", "")),
                config_path=str(final_data.get("config_path", "")),
                solutions=tuple(str(s) for s in final_data.get("solutions") or ()),
            )
        return cls(
            header=header,
            status=str(data["status"]),
            interrupted=bool(data.get("interrupted")),
            original=original,
            continued=continued,
            repairs=tuple(AttemptSummary.from_dict(r) for r in data.get("repairs") or ()),
            final=final,
            repair_stop_reason=data.get("repair_stop_reason"),
            timing=Timing(**(data.get("timing") or {})),
            warnings=tuple(str(w) for w in data.get("warnings") or ()),
            curves=dict(data.get("curves") or {}),
            plots=tuple(str(p) for p in data.get("plots") or ()),
            mlflow=data.get("mlflow"),
            withdrawn=tuple(Withdrawn.from_dict(w) for w in data.get("withdrawn") or ()),
        )


@dataclass
class ReportBuilder:
    """Collects a job's typed records as it runs; `build` makes the report at any point.

    Status: "running" until the original training ends ("detected" | "healthy"), then
    "repaired" | "unrepaired" after a repair phase; "error" when the job failed before.
    """

    header: ReportHeader
    status: str = "running"
    original: AttemptSummary | None = None
    continued: AttemptSummary | None = None
    repairs: list[AttemptSummary] = field(default_factory=list)
    final: FinalModel | None = None
    repair_stop_reason: str | None = None
    timing: Timing = field(default_factory=Timing)
    warnings: list[str] = field(default_factory=list)
    curves: dict[str, Any] = field(default_factory=dict)
    withdrawn: list[Withdrawn] = field(default_factory=list)

    def original_trained(self, summary: AttemptSummary, curves: dict[str, Any]) -> None:
        """The original training ended: its numbers, detections and curves."""
        self.original = summary
        self.timing = replace(self.timing, original_seconds=round(summary.seconds, 3))
        self.curves[summary.attempt] = curves

    def attempt_trained(self, summary: AttemptSummary, curves: dict[str, Any]) -> None:
        """A repair candidate was trained and judged."""
        self.repairs.append(summary)
        self.curves[summary.attempt] = curves

    def original_continued(self, summary: AttemptSummary, curves: dict[str, Any]) -> None:
        """Nothing was accepted: the original was trained on to its full budget."""
        self.continued = summary
        self.curves[summary.attempt] = curves

    def repair_ended(
        self, solved: bool, stop_reason: str | None, *, seconds: float, full: float
    ) -> None:
        """The repair phase ended (`full`: the estimated seconds of one full training)."""
        self.status = "repaired" if solved else "unrepaired"
        self.repair_stop_reason = stop_reason
        self.timing = replace(
            self.timing,
            repair_seconds=round(seconds, 3),
            repair_time_ratio=round(seconds / max(full, 1e-9), 3),
        )

    def findings_withdrawn(self, withdrawn: list[Withdrawn]) -> None:
        """The original's findings were pre-flight suspicions its retraining disproved: they
        leave its detections, the job is healthy."""
        self.withdrawn += withdrawn
        if self.original is not None:
            self.original = replace(self.original, detections=())
        self.status = "healthy"

    def set_timing(self, **seconds: float) -> None:
        """Record phase times (names: `Timing`'s fields), rounded as the report shows them."""
        self.timing = replace(self.timing, **seconds)

    def build(self, *, interrupted: bool, failed: bool = False) -> JobReport:
        """The report as it stands (`failed`: the job raised; a job still running is an
        error)."""
        status = "error" if failed and self.status == "running" else self.status
        return JobReport(
            header=self.header,
            status=status,
            interrupted=interrupted,
            original=self.original,
            continued=self.continued,
            repairs=tuple(self.repairs),
            final=self.final,
            repair_stop_reason=self.repair_stop_reason,
            timing=self.timing,
            warnings=tuple(self.warnings),
            curves=dict(self.curves),
            withdrawn=tuple(self.withdrawn),
        )


def write_report(output_dir: Path, report: JobReport) -> Path:
    """Write report.json into `output_dir`, atomically (a reader never sees half a file);
    the one place a job's report is written."""
    return write_json_atomic(output_dir / REPORT_FILE, report.to_dict())
