"""One attempt's numbers in one shape, wherever it is shown: report.json (`original`,
`repairs[]`, `original.continued`, `final`), the MLflow attempt run's summary metrics, the
logged model and its registry version (tags, description), the progress line, the HTML report
and the scale-out files (`detection.json`, candidate results: `to_dict`/`from_dict`).

    summary = AttemptSummary("original", val_accuracy=0.91, val_loss=0.3, epochs_run=7,
                             seconds=2.5)
    summary.training_dict()  # {"val_accuracy": 0.91, "val_loss": 0.3, "epochs_run": 7, ...}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from autotrainer_keras.problems import Finding


@dataclass(frozen=True)
class RepairChoice:
    """What a repair candidate changed: the solution, its parameters, where it came from.

    Attributes:
        round: The repair round (a new problem in a candidate starts the next).
        problem: The problem it repairs (a `Problem` value).
        solution: The solution id (`repair.operators`).
        try_index: Which try of the solution (its parameters differ per try).
        seed: The training seed.
        params: The operator's parameters.
        description: One sentence for people.
        solutions_applied: Every solution in the candidate's spec (stacked ones too).
    """

    round: int
    problem: str
    solution: str
    try_index: int
    seed: int
    params: dict[str, Any]
    description: str
    solutions_applied: tuple[str, ...]


@dataclass(frozen=True)
class AttemptSummary:
    """One training's outcome.

    Attributes:
        attempt: Its name ("original", "repair-2-adam", "original-continued").
        val_accuracy: Validation accuracy of the model as returned (None for regression).
        val_loss: Its validation loss.
        epochs_run: Epochs trained.
        seconds: Wall time of the training.
        detections: The findings during the training.
        outcome: How it ended (a repair `Outcome` value; None for the original).
        choice: What a repair candidate changed (None for the original).
        score: Higher is better: validation accuracy, or minus the validation loss (None:
            not finite); what candidates are ranked by.
        best_val_accuracy: The best epoch's validation accuracy (classification).
        best_val_loss: The best epoch's validation loss (regression).
    """

    attempt: str
    val_accuracy: float | None
    val_loss: float | None
    epochs_run: int
    seconds: float
    detections: tuple[Finding, ...] = field(default=())
    outcome: str | None = None
    choice: RepairChoice | None = None
    score: float | None = None
    best_val_accuracy: float | None = None
    best_val_loss: float | None = None

    @property
    def problems(self) -> tuple[str, ...]:
        """The problem ids of its detections, in order."""
        return tuple(str(f.problem.value) for f in self.detections)

    @property
    def solutions(self) -> tuple[str, ...]:
        """Every solution in its training spec (empty for the original)."""
        return self.choice.solutions_applied if self.choice is not None else ()

    def training_dict(self) -> dict[str, Any]:
        """report.json's training block (`original`, `original.continued` without detections)."""
        return {
            "val_accuracy": self.val_accuracy,
            "val_loss": self.val_loss,
            "epochs_run": self.epochs_run,
            "seconds": round(self.seconds, 3),
        }

    def original_dict(self) -> dict[str, Any]:
        """report.json's `original` (without `continued`, which the report adds)."""
        return {
            **self.training_dict(),
            "best_val_accuracy": self.best_val_accuracy,
            "best_val_loss": self.best_val_loss,
        }

    def continued_dict(self) -> dict[str, Any]:
        """report.json's `original.continued`."""
        return {**self.training_dict(), "detections": [f.to_dict() for f in self.detections]}

    def repair_dict(self) -> dict[str, Any]:
        """report.json's `repairs[]` entry (the summary of the attempt's MLflow run too)."""
        choice = self.choice
        if choice is None:
            raise ValueError(f"{self.attempt} is not a repair candidate")
        return {
            "attempt": self.attempt,
            "round": choice.round,
            "problem": choice.problem,
            "solution": choice.solution,
            "try": choice.try_index,
            "seed": choice.seed,
            "params": choice.params,
            "description": choice.description,
            "solutions_applied": list(choice.solutions_applied),
            "outcome": self.outcome,
            **self.training_dict(),
            "detections": [f.to_dict() for f in self.detections],
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, as plain JSON data: a candidate's `repairs[]` entry, else the training
        block with its name and detections; plus the score (read back by `from_dict`)."""
        if self.choice is not None:
            return {**self.repair_dict(), "score": self.score}
        return {
            "attempt": self.attempt,
            **self.original_dict(),
            "detections": [f.to_dict() for f in self.detections],
            "score": self.score,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], attempt: str = "original") -> AttemptSummary:
        """Read back `to_dict`, a `repairs[]` entry or a training block (`attempt`: the name
        when the block has none)."""
        choice = None
        if "solution" in data and "round" in data:
            choice = RepairChoice(
                round=int(data["round"]),
                problem=str(data.get("problem", "")),
                solution=str(data["solution"]),
                try_index=int(data.get("try", 0)),
                seed=int(data.get("seed", 0)),
                params=dict(data.get("params") or {}),
                description=str(data.get("description", "")),
                solutions_applied=tuple(str(s) for s in data.get("solutions_applied") or ()),
            )
        return cls(
            attempt=str(data.get("attempt") or attempt),
            val_accuracy=_number(data.get("val_accuracy")),
            val_loss=_number(data.get("val_loss")),
            epochs_run=int(data.get("epochs_run") or 0),
            seconds=float(data.get("seconds") or 0.0),
            detections=tuple(Finding.from_dict(d) for d in data.get("detections") or ()),
            outcome=None if data.get("outcome") is None else str(data["outcome"]),
            choice=choice,
            score=_number(data.get("score")),
            best_val_accuracy=_number(data.get("best_val_accuracy")),
            best_val_loss=_number(data.get("best_val_loss")),
        )


def _number(value: Any) -> float | None:
    return None if value is None else float(value)
