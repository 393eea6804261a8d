"""What was wrong in the user's set-up and the exact change made, for the text, Markdown and
HTML reports.

Reads report.json only: the pre-flight findings (problems of `SetupProblem`) and the repair
attempts whose solution the final model carries; also a budget that ran out while the model was
still learning (the accepted `more_epochs` candidate of a job that found no problem).
"""

from __future__ import annotations

from typing import Any

from autotrainer_keras.problems import RUNTIME_SETUP, SetupProblem

SETUP_IDS = frozenset(p.value for p in SetupProblem)
RUNTIME_SETUP_IDS = frozenset(p.value for p in RUNTIME_SETUP)


def is_setup(detection: dict[str, Any]) -> bool:
    """True for a set-up finding: pre-flight, or seen in training (abnormal data, improper
    output, a set-up stall)."""
    return detection.get("problem") in SETUP_IDS


def is_preflight(detection: dict[str, Any]) -> bool:
    """True for a finding of the pre-flight checks (found before the first step; a label
    mismatch may also be seen in training, from the validation accuracy)."""
    if not is_setup(detection) or detection.get("problem") in RUNTIME_SETUP_IDS:
        return False
    return not int(detection.get("step") or 0)


def setup_changes(report: dict[str, Any]) -> list[tuple[str, str]]:
    """(what was wrong, the change made or why none was) per set-up finding of the original
    (pre-flight or seen in training), in the order found."""
    final = report.get("final") or {}
    applied = set(final.get("solutions", []))  # the model the job returned carries these
    made: dict[str, str] = {}
    for attempt in report.get("repairs", []):
        if attempt.get("problem") in SETUP_IDS and attempt.get("solution") in applied:
            made.setdefault(attempt["problem"], attempt.get("description", ""))
    changes = []
    for detection in report.get("detections", []):
        if not is_setup(detection) or detection.get("attempt", "original") != "original":
            continue
        change = made.get(detection["problem"]) or _no_change(report, detection["problem"])
        changes.append((str(detection.get("reason", "")), change))
    budget = budget_change(report)
    return [*changes, budget] if budget else changes


def _metric(block: dict[str, Any]) -> str:
    """A block's validation score in words: accuracy as a percentage, else the loss."""
    if block.get("val_accuracy") is not None:
        return f"validation accuracy {100 * float(block['val_accuracy']):.1f} %"
    if block.get("val_loss") is not None:
        return f"validation loss {float(block['val_loss']):.4g}"
    return "no validation score"


def budget_change(report: dict[str, Any]) -> tuple[str, str] | None:
    """(what was wrong, the change made) when the job trained a healthy model on because its
    budget ran out while it was still learning, and kept the longer training (`more_epochs`
    accepted); None otherwise. In the user's terms: their epochs, and what the extra ones
    bought."""
    final = report.get("final") or {}
    if "more_epochs" not in final.get("solutions", []):
        return None
    attempt = next((a for a in report.get("repairs", []) if a.get("solution") == "more_epochs"
                    and a.get("outcome") == "solved"), None)  # fmt: skip
    if attempt is None:
        return None
    params = attempt.get("params") or {}
    epochs, extra = int(params.get("epochs", 0)), int(params.get("extra_epochs", 0))
    original = report.get("original") or {}
    wrong = (
        f"your budget of {epochs} epochs ended while the model was still learning: the "
        f"validation loss was still falling in the last epochs, so training stopped too early "
        f"({_metric(original)})"
    )
    change = (
        f"trained {extra} more epochs from where yours ended ({epochs} -> {epochs + extra} "
        f"epochs in all; nothing else changed): {_metric(attempt)}; to train it yourself, use "
        f"epochs={epochs + extra}"
    )
    return wrong, change


def _no_change(report: dict[str, Any], problem: str) -> str:
    """Why a pre-flight finding got no change of its own, in the report's terms."""
    if report.get("command") != "run":
        return f"{problem}: not repaired (detect only)"
    kept = (report.get("final") or {}).get("solutions") or []
    if kept:
        return f"{problem}: no set-up change of its own; the final model carries {'+'.join(kept)}"
    return f"{problem}: no change made"
