"""The benchmark's figures, computed from the rows of runs.csv (one row per model x variant).

Definitions (the paper's, made explicit):
- scored: rows whose plain training confirmed (or relabelled) the label and whose run finished.
- detected: any problem reported in the original training. Recall = detected faulty / faulty;
  precision = detected faulty / all detected; false alarm = a healthy model with a detection.
- exact: the first detection names the model's own problem.
- latency: (epoch of the first detection + 1) / epoch budget (checks are at epoch ends, so the
  earliest possible value is 1 / budget); the median epoch is also given.
- repair rate: status "repaired" / detected faulty models; "repaired and improved": also
  at least 1 accuracy point (regression: 1 % of the loss) above the plain training.
- before / after: the plain training's final validation metric / the autotrainer job's final
  model's (accuracy; minus the loss for regression). "Made worse": after < before, over every
  model the job changed (a detection on it); NaN counts as the worst value.
- time ratio: autotrainer job wall time / plain fit wall time (same machine, same process);
  also process CPU time (less sensitive to other load on a shared machine).
- memory ratio: peak RSS during the job / peak RSS during the plain fit.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from typing import Any

from benchmarks.zoo import HEALTHY, PROBLEMS


def num(value: Any) -> float:
    """A CSV cell as float (NaN when empty or not a number)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def flag(value: Any) -> bool:
    return str(value).strip().lower() in ("true", "1")


def scored(rows: Iterable[dict[str, Any]], variant: str) -> list[dict[str, Any]]:
    return [
        r for r in rows
        if r["variant"] == variant and r["truth"] and r.get("status") and not r.get("error")
    ]  # fmt: skip


def _median(values: list[float]) -> float:
    values = [v for v in values if math.isfinite(v)]
    return statistics.median(values) if values else math.nan


def _mean(values: list[float]) -> float:
    values = [v for v in values if math.isfinite(v)]
    return statistics.fmean(values) if values else math.nan


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else math.nan


def worse(row: dict[str, Any], tolerance: float = 0.0) -> bool:
    """The job's final model scores below the plain training's (NaN = worst)."""
    before, after = num(row["metric_before"]), num(row["metric_after"])
    if math.isnan(after):
        return not math.isnan(before)
    if math.isnan(before):
        return False
    return after < before - tolerance


def improved(row: dict[str, Any], margin: float = 0.01) -> bool:
    """The job's final model beats the plain training's by `margin` (1 accuracy point, or
    1 % of the loss for regression)."""
    before, after = num(row["metric_before"]), num(row["metric_after"])
    if math.isnan(after):
        return False
    if math.isnan(before):
        return True
    step = margin if row["task"] != "regression" else margin * abs(before)
    return after > before + step


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Headline figures of one variant's scored rows (see the module docstring)."""
    faulty = [r for r in rows if r["truth"] in PROBLEMS]
    healthy = [r for r in rows if r["truth"] == HEALTHY]
    found = [r for r in faulty if flag(r["detected"])]
    alarms = [r for r in healthy if flag(r["detected"])]
    changed = [r for r in rows if flag(r["detected"])]
    repaired = [r for r in found if r["status"] == "repaired"]
    quiet = [r for r in healthy if not flag(r["detected"])]
    classif = [r for r in found if r["task"] != "regression"]
    return {
        "models": len(rows),
        "faulty": len(faulty),
        "healthy": len(healthy),
        "detected": len(found),
        "recall": _ratio(len(found), len(faulty)),
        "exact": _ratio(sum(r["detected_problem"] == r["truth"] for r in found), len(faulty)),
        "precision": _ratio(len(found), len(found) + len(alarms)),
        "false_alarms": len(alarms),
        "false_alarm_rate": _ratio(len(alarms), len(healthy)),
        "median_latency": _median([num(r["latency"]) for r in found]),
        "median_epoch": _median([num(r["detection_epoch"]) + 1 for r in found]),
        "repaired": len(repaired),
        "repair_rate": _ratio(len(repaired), len(found)),
        "improved": sum(improved(r) for r in repaired),
        "improved_rate": _ratio(sum(improved(r) for r in repaired), len(found)),
        "acc_before": _mean([num(r["metric_before"]) for r in classif]),
        "acc_after": _mean([num(r["metric_after"]) for r in classif]),
        "worse": sum(worse(r) for r in changed),
        "worse_1pt": sum(worse(r, 0.01) for r in changed),
        "changed": len(changed),
        "time_ratio_repaired": _median(
            [num(r["job_seconds"]) / num(r["plain_seconds"]) for r in repaired]
        ),
        "time_ratio_repaired_mean": _mean(
            [num(r["job_seconds"]) / num(r["plain_seconds"]) for r in repaired]
        ),
        "train_ratio_repaired": _median(
            [num(r["train_seconds"]) / num(r["plain_seconds"]) for r in repaired]
        ),
        "cpu_ratio_repaired": _median(
            [num(r["job_cpu_seconds"]) / num(r["plain_cpu_seconds"]) for r in repaired]
        ),
        "cpu_ratio_healthy": _median(
            [num(r["job_cpu_seconds"]) / num(r["plain_cpu_seconds"]) for r in quiet]
        ),
        "time_ratio_healthy": _median(
            [num(r["job_seconds"]) / num(r["plain_seconds"]) for r in quiet]
        ),
        "train_ratio_healthy": _median(
            [num(r["train_seconds"]) / num(r["plain_seconds"]) for r in quiet]
        ),
        "memory_ratio": _median([num(r["job_peak_mb"]) / num(r["plain_peak_mb"]) for r in rows]),
        "memory_growth_mb": _median(
            [num(r["job_peak_mb"]) - num(r["job_rss_before_mb"]) for r in rows]
        ),
        "plain_growth_mb": _median(
            [num(r["plain_peak_mb"]) - num(r["plain_rss_before_mb"]) for r in rows]
        ),
    }


def per_problem(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Recall, exact match, precision of the named problem, latency, repair and accuracy per
    true problem (precision: of the models whose first detection names it)."""
    table = {}
    for problem in PROBLEMS:
        mine = [r for r in rows if r["truth"] == problem]
        found = [r for r in mine if flag(r["detected"])]
        named = [r for r in rows if r.get("detected_problem") == problem]
        repaired = [r for r in found if r["status"] == "repaired"]
        classif = [r for r in found if r["task"] != "regression"]
        table[problem] = {
            "models": len(mine),
            "recall": _ratio(len(found), len(mine)),
            "exact": _ratio(sum(r["detected_problem"] == problem for r in found), len(mine)),
            "precision": _ratio(sum(r["truth"] == problem for r in named), len(named)),
            "median_latency": _median([num(r["latency"]) for r in found]),
            "repaired": len(repaired),
            "repair_rate": _ratio(len(repaired), len(found)),
            "acc_before": _mean([num(r["metric_before"]) for r in classif]),
            "acc_after": _mean([num(r["metric_after"]) for r in classif]),
            "worse": sum(worse(r) for r in found),
        }
    return table


SETUP = "set-up"  # the first finding was a pre-flight (set-up) problem, not one of the five


def confusion(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Counts of (true label -> first detected problem, 'set-up' when the first finding is a
    pre-flight set-up problem such as `linear_stack`, or 'none')."""
    columns = [*PROBLEMS, SETUP, "none"]
    table = {label: dict.fromkeys(columns, 0) for label in (*PROBLEMS, HEALTHY)}
    for r in rows:
        found = r.get("detected_problem") or "none"
        table[r["truth"]][found if found in columns else SETUP] += 1
    return table
