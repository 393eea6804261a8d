"""The autotrainer on the second zoo's labelled runs, through the first zoo's harness.

For each run (variant, seed) whose variant is labelled with agreement and lies in the chosen
half: the variant's model built from that seed, its initial weights kept, and one autotrainer
job per harness variant (`default`, `paper`, `random`) from those weights
(`benchmarks.harness.autotrainer_run`), detect-only or with repairs. The plain run is the
labelling's own (plain_runs.csv), so "before" is plain `model.fit` of the same job. One CSV
row per (run, harness variant), appended as each finishes; a re-run skips those done.
With repairs, plain `model.fit` of the same job is also timed in the job's process just
before it (`plain_seconds`, `plain_cpu_seconds`): the denominator of the job's time ratio
(the labelling's own timings ran under other loads, with probes attached). `job_seconds` is
the job itself (`engine.runner.execute`: pre-flight, training, repairs, outputs), not the
harness building the model (rows of earlier runs timed the build too).
The test half is refused unless asked for by name: rules are tuned on the dev half only.
"""

from __future__ import annotations

import csv
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIELDS = ["run_id", "variant_id", "base", "seed", "half", "label", "harness_variant", "mode",
          "detected", "detected_problem", "detection_epoch", "latency", "status",
          "original_val_loss", "original_val_accuracy", "final_val_loss", "final_val_accuracy",
          "job_seconds", "plain_seconds", "job_cpu_seconds", "plain_cpu_seconds",
          "error"]  # fmt: skip


@dataclass(frozen=True)
class HarnessJob:
    """The fields of `ModelSpec` that `autotrainer_run` reads."""

    model_id: str
    epochs: int
    batch_size: int
    seed: int
    dataset: str


def cases(labels_csv: Path, halves: dict[str, str], half: str) -> list[tuple[dict[str, Any], int]]:
    """(labels row, seed) of every agreed variant in `half`, seeds from the catalogue."""
    from benchmarks.real.catalogue import SEEDS

    with labels_csv.open(newline="") as handle:
        rows = [r for r in csv.DictReader(handle)
                if r["status"] == "agree" and halves.get(r["variant_id"]) == half]  # fmt: skip
    return [(row, seed) for row in rows for seed in SEEDS]


def run_case(row: dict[str, Any], seed: int, harness_variant: str, repair: bool, half: str,
             jobs_dir: Path) -> dict[str, Any]:  # fmt: skip
    """One autotrainer job on one labelled run; an error is recorded, never raised."""
    from benchmarks.harness import autotrainer_run
    from benchmarks.real import data as datasets
    from benchmarks.real.bases import BY_NAME
    from benchmarks.real.build import batch_size, build_model, fit_arrays
    from benchmarks.real.catalogue import variants
    from benchmarks.real.plain import run_id, timed_fit

    variant = next(v for v in variants() if v.variant_id == row["variant_id"])
    data = datasets.load(BY_NAME[variant.base].dataset)
    out: dict[str, Any] = {"run_id": run_id(variant, seed), "variant_id": variant.variant_id,
                           "base": variant.base, "seed": seed, "half": half,
                           "label": row["label"], "harness_variant": harness_variant,
                           "mode": "repair" if repair else "detect", "error": ""}  # fmt: skip
    job = HarnessJob(out["run_id"], variant.training.epochs, batch_size(variant, data), seed,
                     data.name)  # fmt: skip
    try:
        if repair:  # the time ratio's denominator, in this process just before the job
            plain, plain_cpu = timed_fit(variant, seed)
            out.update(plain_seconds=round(plain, 2), plain_cpu_seconds=round(plain_cpu, 2))
        weights = build_model(variant, seed).get_weights()
        arrays = fit_arrays(variant)
        result = autotrainer_run(job, harness_variant, arrays, weights, jobs_dir,
                                 build_model=lambda: build_model(variant, seed),
                                 repair=repair)  # fmt: skip
    except Exception as error:  # noqa: BLE001 - one broken job must not end the benchmark
        detail = traceback.format_exc(limit=3).replace("\n", " | ")[-300:]
        return {**out, "error": f"{type(error).__name__}: {detail}"}
    report = result["report"]
    first = (report.get("detections") or [None])[0]
    original, final = report.get("original") or {}, report.get("final") or {}
    out.update(detected=int(first is not None), detected_problem=first["problem"] if first else "",
               detection_epoch=first["epoch"] if first else "",
               latency=latency(first, len(arrays["y_train"]), job) if first else "",
               status=report.get("status"), original_val_loss=original.get("val_loss"),
               original_val_accuracy=original.get("val_accuracy"),
               final_val_loss=final.get("val_loss"), final_val_accuracy=final.get("val_accuracy"),
               job_seconds=round(result["seconds"], 2),
               job_cpu_seconds=round(result["cpu_seconds"], 2))  # fmt: skip
    return out


def latency(finding: dict[str, Any], rows: int, job: HarnessJob) -> float:
    """The share of the budget's training steps run before the finding: 0 for a pre-flight
    finding, (e + 1) / epochs for one at the end of epoch e."""
    steps_per_epoch = -(-rows // job.batch_size)
    return round(int(finding["step"]) / (steps_per_epoch * job.epochs), 3)


def summarise(bench_csv: Path) -> dict[str, Any]:
    """Recall (any problem), exact problem, false alarms, median latency, per harness variant."""
    with bench_csv.open(newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if not r["error"]]
    out: dict[str, Any] = {}
    for name in sorted({r["harness_variant"] for r in rows}):
        mine = [r for r in rows if r["harness_variant"] == name]
        faulty = [r for r in mine if r["label"] != "healthy"]
        healthy = [r for r in mine if r["label"] == "healthy"]
        hits = [r for r in faulty if r["detected"] == "1"]
        latencies = sorted(float(r["latency"]) for r in hits)
        out[name] = {
            "faulty_runs": len(faulty), "detected": len(hits),
            "exact": sum(r["detected_problem"] == r["label"] for r in hits),
            "healthy_runs": len(healthy),
            "false_alarms": sum(r["detected"] == "1" for r in healthy),
            "median_latency": latencies[len(latencies) // 2] if latencies else None,
        }  # fmt: skip
    return out
