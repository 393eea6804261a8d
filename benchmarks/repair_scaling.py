"""How a repaired job's cost grows with the size of the training: the job / plain `model.fit`
time ratio of faulty second-zoo runs when each epoch holds k times the rows.

    .venv/bin/python -m benchmarks.repair_scaling [--variants a,b] [--factors 1,4,12]
        [--seed 11] [--out benchmarks/results/repair-scaling.csv]

A repaired job pays a fixed cost per training it starts (building the model, tracing its
train step, the probes), one plain fit pays it once, and the rest grows with the epochs
trained: the original's until its detection, each candidate's until its verdict, the
accepted one's until it converges. On the zoo's 2-10 s fits the fixed part dominates. Here
the training rows are repeated k times (every epoch is k passes over the same rows, the
validation rows unchanged), so the fixed part stays and the rest grows: the ratio tends to
what the epochs alone cost. Each (variant, k) is a plain fit then the job (`bench.run_case`,
the second zoo's benchmark, repair mode, default profile) in one process, as the zoo bench.
Variants with a full-batch recipe are refused (their batch would grow with k).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np

RESULTS = Path(__file__).parent / "results"
JOBS = Path(__file__).parent / ".cache" / "repair-scaling-jobs"  # report.json per job
DEFAULT_VARIANTS = (
    "mlp_mixed--lr_tiny",
    "vgg--init_large",
    "mlp_noisy--deep_sigmoid_sgd",
    "gru_text--lr_tiny",
)
FIELDS = ("variant_id", "factor", "train_rows", "status", "detected_problem", "detection_epoch",
          "final_val_accuracy", "final_val_loss", "plain_seconds", "job_seconds", "ratio",
          "plain_cpu_seconds", "job_cpu_seconds", "cpu_ratio", "error")  # fmt: skip


def tiled_loader(load: Any, factor: int) -> Any:
    """`data.load` whose training rows (and their sample weights) are repeated `factor` times."""

    def load_tiled(name: str) -> Any:
        data = load(name)
        return dataclasses.replace(
            data, x_train=_tiled(data.x_train, factor), y_train=_tiled(data.y_train, factor),
            sample_weight=_tiled(data.sample_weight, factor),
        )  # fmt: skip

    return load_tiled


def _tiled(rows: np.ndarray | None, factor: int) -> np.ndarray | None:
    return None if rows is None else np.concatenate([rows] * factor)


def one(variant_id: str, factor: int, seed: int) -> dict[str, Any]:
    """Plain fit and job of one variant with its training rows repeated `factor` times."""
    from benchmarks.real import data as datasets
    from benchmarks.real.bases import BY_NAME
    from benchmarks.real.bench import run_case
    from benchmarks.real.catalogue import variants

    variant = next(v for v in variants() if v.variant_id == variant_id)
    if not variant.training.batch_size:
        raise SystemExit(f"{variant_id}: a full-batch recipe (its batch grows with the rows)")
    load = datasets.load
    datasets.load = tiled_loader(load, factor)
    row = {"variant_id": variant_id, "label": "faulty"}
    out = run_case(row, seed, "default", True, "scaling", JOBS)
    rows = len(datasets.load(BY_NAME[variant.base].dataset).x_train)
    plain, job = out.get("plain_seconds"), out.get("job_seconds")
    plain_cpu, job_cpu = out.get("plain_cpu_seconds"), out.get("job_cpu_seconds")
    return {
        "variant_id": variant_id, "factor": factor, "train_rows": rows,
        **{k: out.get(k, "") for k in ("status", "detected_problem", "detection_epoch",
                                       "final_val_accuracy", "final_val_loss", "plain_seconds",
                                       "job_seconds", "plain_cpu_seconds", "job_cpu_seconds",
                                       "error")},
        "ratio": round(job / plain, 3) if plain and job else "",
        "cpu_ratio": round(job_cpu / plain_cpu, 3) if plain_cpu and job_cpu else "",
    }  # fmt: skip


def table(rows: list[dict[str, Any]]) -> str:
    """Markdown: one line per variant, the ratio at each factor (plain seconds in brackets)."""
    factors = sorted({int(r["factor"]) for r in rows})
    cells = " | ".join(f"k={k}: job/plain (plain s)" for k in factors)
    lines = [f"| variant (status at k=1) | {cells} |", "|---|" + "---|" * len(factors)]
    for variant in dict.fromkeys(r["variant_id"] for r in rows):
        mine = {int(r["factor"]): r for r in rows if r["variant_id"] == variant}
        first = mine[min(mine)]
        cells = [
            f"{mine[k]['ratio']} ({mine[k]['plain_seconds']})" if k in mine else "" for k in factors
        ]
        lines.append(f"| {variant} ({first['status']}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variants", default=",".join(DEFAULT_VARIANTS))
    parser.add_argument("--factors", default="1,4,12")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=RESULTS / "repair-scaling.csv")
    parser.add_argument("--one", nargs=2, metavar=("VARIANT", "FACTOR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:  # a child process: one (variant, factor), its row as JSON on the last line
        print(json.dumps(one(args.one[0], int(args.one[1]), args.seed)))
        return
    done = list(csv.DictReader(args.out.open())) if args.out.exists() else []
    have = {(r["variant_id"], int(r["factor"])) for r in done}
    for variant in args.variants.split(","):
        for factor in (int(f) for f in args.factors.split(",")):
            if (variant, factor) in have:
                continue  # resumable
            child = subprocess.run(
                [sys.executable, "-m", "benchmarks.repair_scaling", "--seed", str(args.seed),
                 "--one", variant, str(factor)],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            lines = child.stdout.strip().splitlines()
            if child.returncode or not lines:
                last = child.stderr.strip().splitlines()[-1:] or ["no output"]
                row = {"variant_id": variant, "factor": factor, "error": last[0][-300:]}
            else:
                row = json.loads(lines[-1])
            done.append(row)
            print(variant, factor, row.get("ratio"), row.get("plain_seconds"), flush=True)
            with args.out.open("w", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=FIELDS, extrasaction="ignore")
                writer.writeheader()
                writer.writerows(done)
    print(table(done))


if __name__ == "__main__":
    main()
