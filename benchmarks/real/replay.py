"""Detectors replayed on the second zoo's recorded runs, scored against the labels, per half.

Every plain run keeps what the autotrainer's `Watch` measured along it (`watched.py`): the full
`TrainingHistory`. A detector is pure (history in, finding out), so re-running it on each
check's prefix of that history gives exactly the finding it would have raised during the run,
at the same epoch, in milliseconds instead of a retraining. This is what makes tuning rules on
the development half cheap, and what keeps the test half untouched until the headline.

What it measures is the `Watch` path (gradients on a fixed probe batch, every epoch end); the
wrapped job (`autotrainer_keras.fit`) reads training-step statistics instead, so its figures
come from `benchmarks.real.bench`. The paper profile is replayed on the checks it would have
run (epochs 0, 3, 6, ...).

    python -m benchmarks.real.replay                       # dev half, default and paper
    python -m benchmarks.real.replay --half test           # the headline: never tune on it
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

from autotrainer_keras.config import resolve_config
from autotrainer_keras.detect import make_detector
from autotrainer_keras.detect.detector import Detector
from autotrainer_keras.measure.history import TrainingHistory
from autotrainer_keras.problems import Finding
from benchmarks.real.runner import CURVES, OUT

SPLIT = Path(__file__).with_name("split.csv")
FIELDS = ["run_id", "variant_id", "half", "label", "profile", "detected", "detected_problem",
          "detection_epoch", "epochs", "watch_error"]  # fmt: skip
FIVE = ("exploding_gradient", "vanishing_gradient", "dying_relu", "oscillating_loss",
        "slow_convergence")  # fmt: skip


def first_finding(detector: Detector, history: TrainingHistory) -> Finding | None:
    """The first finding `detector` raises on the growing history, replayed check by check."""
    due = [i for i, c in enumerate(history.checks) if detector.check_due(history, c.epoch, True)]
    for n, index in enumerate(due):
        prefix = history.upto_check(index)
        prefix.checks = [history.checks[i] for i in due[: n + 1]]
        finding = detector.detect(prefix)
        if finding is not None:
            return finding
    return None


def detector_for(profile: str, config: Any = None) -> Detector:
    """The profile's detector with the configured (default: shipped) thresholds."""
    return make_detector(
        resolve_config(config).with_overrides(detection__profile=profile).detection
    )


def labelled_runs(labels_csv: Path, half: str) -> list[tuple[dict[str, str], str]]:
    """(labels row, run id) of every run of an agreed variant in `half` ("all": both)."""
    with SPLIT.open(newline="") as handle:
        halves = {r["variant_id"]: r["half"] for r in csv.DictReader(handle)}
    with labels_csv.open(newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["status"] == "agree"]
    runs = []
    for row in rows:
        row["half"] = halves.get(row["variant_id"], "")
        if half in ("all", row["half"]):
            runs += [
                (row, path.stem) for path in sorted(CURVES.glob(f"{row['variant_id']}--s*.json"))
            ]
    return runs


def replay(
    profiles: list[str], half: str, labels_csv: Path, config: Any = None
) -> list[dict[str, Any]]:
    """One row per (recorded run, profile): the first finding, or none."""
    detectors = {profile: detector_for(profile, config) for profile in profiles}
    out = []
    for row, run in labelled_runs(labels_csv, half):
        watch = json.loads((CURVES / f"{run}.json").read_text()).get("watch") or {}
        data = watch.get("history")
        if data is not None:  # recorded before the field: the Watch's baseline is always
            data.setdefault("baseline_rows", "training")  # of its probe (training) rows
        history = None if data is None else TrainingHistory.from_dict(data)
        for profile, detector in detectors.items():
            finding = None if history is None else first_finding(detector, history)
            out.append({
                "run_id": run, "variant_id": row["variant_id"], "half": row["half"],
                "label": row["label"], "profile": profile, "detected": int(finding is not None),
                "detected_problem": "" if finding is None else str(finding.problem.value),
                "detection_epoch": "" if finding is None else finding.epoch,
                "epochs": "" if history is None else history.epochs_budget,
                "watch_error": watch.get("error", "no watch record") if history is None else "",
            })  # fmt: skip
    return out


def score(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Per (profile, half): false alarms on healthy runs; detected and exact per label."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        if row["watch_error"]:
            continue
        cell = out.setdefault((row["profile"], row["half"]), {"labels": Counter(),
                                                              "detected": Counter(),
                                                              "exact": Counter()})  # fmt: skip
        cell["labels"][row["label"]] += 1
        cell["detected"][row["label"]] += row["detected"]
        cell["exact"][row["label"]] += int(row["detected_problem"] == row["label"])
    return out


def table(scores: dict[tuple[str, str], dict[str, Any]]) -> str:
    """Markdown: one line per (profile, half): false alarms, then detected / exact per label."""
    labels = [label for label in FIVE if any(s["labels"][label] for s in scores.values())]
    head = "| profile | half | healthy: false alarms | " + "".join(f"{x} | " for x in labels)
    head += "faulty: detected | exact |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for (profile, half), s in sorted(scores.items()):
        faulty = sum(s["labels"][label] for label in labels)
        cells = [f"{s['exact'][x]}/{s['detected'][x]}/{s['labels'][x]}" for x in labels]
        lines.append(
            f"| {profile} | {half} | {s['detected']['healthy']}/{s['labels']['healthy']} | "
            + "".join(f"{cell} | " for cell in cells)
            + f"{sum(s['detected'][x] for x in labels)}/{faulty} | "
            f"{sum(s['exact'][x] for x in labels)}/{faulty} |"
        )
    return "\n".join(lines) + "\n\nPer label: exact / detected (any problem) / runs.\n"


def write(rows: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=("dev", "test", "all"), default="dev",
                        help="dev (default: tune here), test (the headline), all")  # fmt: skip
    parser.add_argument("--profiles", default="default,paper")
    parser.add_argument("--config", help="a YAML config whose thresholds to replay")
    args = parser.parse_args(argv)
    rows = replay(args.profiles.split(","), args.half, OUT / "labels.csv", args.config)
    write(rows, OUT / f"replay-{args.half}.csv")
    missing = sum(1 for r in rows if r["watch_error"])
    print(
        table(score(rows)) + (f"\n{missing} run rows without a Watch record.\n" if missing else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
