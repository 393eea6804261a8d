"""One attempt's numbers in one shape, wherever it is shown: report.json (`original`,
`repairs[]`, `original.continued`), the MLflow attempt run's summary metrics, the progress
line, the HTML report (which reads report.json) and the scale-out candidate results.

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
    """

    attempt: str
    val_accuracy: float | None
    val_loss: float | None
    epochs_run: int
    seconds: float
    detections: tuple[Finding, ...] = field(default=())
    outcome: str | None = None
    choice: RepairChoice | None = None

    def training_dict(self) -> dict[str, Any]:
        """report.json's training block (`original`, `original.continued` without detections)."""
        return {
            "val_accuracy": self.val_accuracy,
            "val_loss": self.val_loss,
            "epochs_run": self.epochs_run,
            "seconds": round(self.seconds, 3),
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
