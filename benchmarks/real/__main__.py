"""The second zoo, from one command: plain runs over seeds, labels, then the detector benchmark.

    python -m benchmarks.real                 # plain runs (resumable), labels, results/real/
    python -m benchmarks.real --quick         # 4 variants x 3 seeds, results/real/quick/
    python -m benchmarks.real --minutes 50    # start no new job after 50 minutes
    python -m benchmarks.real --labels-only   # recompute labels.csv from the runs CSV
    python -m benchmarks.real --bench default # then the autotrainer on the dev half's runs

Resumable: each job (one variant under one seed) is appended to `plain_runs.csv` as soon as it
finishes, and a re-run skips the jobs already there. Jobs run in `--workers` spawned
processes (default 1; TF with one intra-op and one inter-op thread each).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from benchmarks.harness import CACHE, git_commit
from benchmarks.run import RESULTS, _append, _init_worker

OUT = RESULTS / "real"
CURVES = CACHE / "real" / "curves"


def _job(variant_data: dict[str, Any], seed: int, commit: str) -> dict[str, Any]:
    """One plain run in a worker; an error is recorded in the row, never raised."""
    import traceback

    from benchmarks.real import plain
    from benchmarks.real.spec import Variant

    variant = Variant.from_dict(variant_data)
    try:
        return plain.run(variant, seed, CURVES, commit)
    except Exception as error:  # noqa: BLE001 - one broken job must not end the zoo
        detail = traceback.format_exc(limit=3).replace("\n", " | ")[-400:]
        return {"run_id": plain.run_id(variant, seed), "variant_id": variant.variant_id,
                "base": variant.base, "recipe": variant.recipe, "category": variant.category,
                "intent": variant.intent, "seed": seed, "commit": commit,
                "error": f"{type(error).__name__}: {detail}"}  # fmt: skip


def _done(csv_path: Path) -> set[str]:
    if not csv_path.is_file():
        return set()
    with csv_path.open(newline="") as handle:
        return {row["run_id"] for row in csv.DictReader(handle)}


def run_plain(jobs: list[tuple[Any, int]], csv_path: Path, workers: int,
              deadline: float | None) -> int:  # fmt: skip
    """Run the jobs not yet in `csv_path`, appending each row as it finishes."""
    from benchmarks.real.plain import FIELDS, run_id

    done = _done(csv_path)
    todo = [(v, s) for v, s in jobs if run_id(v, s) not in done]
    print(f"{len(jobs)} jobs; {len(todo)} to run ({len(jobs) - len(todo)} already in "
          f"{csv_path}), {workers} worker(s)", flush=True)  # fmt: skip
    commit, started, finished = git_commit(), time.perf_counter(), 0
    os.environ.update({"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1",
                       "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""})  # fmt: skip
    context = get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker) as pool:
        running: dict[Any, str] = {}
        while todo or running:
            while todo and len(running) < workers and (deadline is None or time.time() < deadline):
                variant, seed = todo.pop(0)
                future = pool.submit(_job, variant.to_dict(), seed, commit)
                running[future] = run_id(variant, seed)
            if not running:
                print("deadline reached; stopping (re-run to resume)", flush=True)
                break
            complete, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in complete:
                name = running.pop(future)
                row = future.result()
                _append(csv_path, [row], FIELDS)
                finished += 1
                print(f"[{finished} {time.perf_counter() - started:6.0f}s] {name} "
                      f"{row.get('seconds', '')}s {row['error'][:120]}", flush=True)  # fmt: skip
    return finished


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 variants x 3 seeds")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--minutes", type=float, default=None,
                        help="start no new job after this many minutes")  # fmt: skip
    parser.add_argument("--labels-only", action="store_true")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error(f"--workers must be at least 1, got {args.workers}")

    from benchmarks.real import catalogue, label

    chosen = catalogue.variants()
    out = OUT / "quick" if args.quick else OUT
    if args.quick:
        chosen = [v for v in chosen if v.variant_id in catalogue.QUICK]
    out.mkdir(parents=True, exist_ok=True)
    runs_csv = out / "plain_runs.csv"
    if not args.labels_only:
        deadline = time.time() + 60 * args.minutes if args.minutes else None
        run_plain(catalogue.job_order(chosen), runs_csv, args.workers, deadline)
    counts = label.write_labels(runs_csv, out / "labels.csv")
    print(f"labels: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
