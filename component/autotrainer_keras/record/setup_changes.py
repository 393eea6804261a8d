"""What was wrong in the user's set-up and the exact change made, for the text and HTML reports.

Reads report.json only: the pre-flight findings (problems of `SetupProblem`) and the repair
attempts whose solution the final model carries.
"""

from __future__ import annotations

from typing import Any

from autotrainer_keras.problems import SetupProblem

SETUP_IDS = frozenset(p.value for p in SetupProblem)


def is_setup(detection: dict[str, Any]) -> bool:
    """True for a pre-flight finding (found before the first step)."""
    return detection.get("problem") in SETUP_IDS


def setup_changes(report: dict[str, Any]) -> list[tuple[str, str]]:
    """(what was wrong, the change made or why none was) per pre-flight finding of the
    original, in the order found."""
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
    return changes


def _no_change(report: dict[str, Any], problem: str) -> str:
    """Why a pre-flight finding got no change of its own, in the report's terms."""
    if report.get("command") != "run":
        return f"{problem}: not repaired (detect only)"
    kept = (report.get("final") or {}).get("solutions") or []
    if kept:
        return f"{problem}: no set-up change of its own; the final model carries {'+'.join(kept)}"
    return f"{problem}: no change made"
