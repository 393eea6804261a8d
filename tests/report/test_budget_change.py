"""The more-epochs repair in the user's terms (text, Markdown): their budget, what the extra
epochs bought, and the epochs to use; nothing when it was not kept."""

from __future__ import annotations

from typing import Any

from autotrainer_keras.record.report_markdown import render_markdown
from autotrainer_keras.record.setup_changes import budget_change, setup_changes


def report(outcome: str = "solved", kept: bool = True) -> dict[str, Any]:
    attempt = {"attempt": "repair-1-more_epochs", "solution": "more_epochs",
               "problem": "still_improving", "outcome": outcome, "val_accuracy": 0.951,
               "params": {"epochs": 6, "extra_epochs": 3}, "epochs_run": 3,
               "description": "Trained 3 more epochs from the final weights."}  # fmt: skip
    final = {"attempt": attempt["attempt"] if kept else "original",
             "solutions": ["more_epochs"] if kept else [], "val_accuracy": 0.951}  # fmt: skip
    return {"command": "run", "status": "healthy", "task": "multiclass", "profile": "default",
            "original": {"val_accuracy": 0.912}, "detections": [], "repairs": [attempt],
            "final": final}  # fmt: skip


def test_a_kept_longer_training_is_told_in_the_users_terms() -> None:
    change = budget_change(report())
    assert change is not None
    wrong, made = change
    assert "your budget of 6 epochs ended while the model was still learning" in wrong
    assert "validation accuracy 91.2 %" in wrong
    assert "trained 3 more epochs" in made and "6 -> 9 epochs" in made
    assert "validation accuracy 95.1 %" in made and "epochs=9" in made
    assert setup_changes(report()) == [change]
    markdown = render_markdown(report())
    assert "### Your set-up: what was wrong, and what was changed" in markdown
    assert "epochs=9" in markdown


def test_nothing_is_told_when_the_longer_training_was_not_kept() -> None:
    for doc in (report(outcome="failed", kept=False), report(outcome="solved", kept=False)):
        assert budget_change(doc) is None
        assert "Your set-up" not in render_markdown(doc)
