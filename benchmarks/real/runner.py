"""Running the second zoo's plain jobs: a pool of spawned workers, one CSV row per job.

Resumable: a job whose run id is already in the CSV is skipped; each finished job is appended
(and fsynced) at once, so an interrupted run loses at most the jobs in flight.
"""

from __future__ import annotations

import csv
import os
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




def run_bench(labels_csv: Path, bench_csv: Path, harness_variants: list[str], half: str,
              repair: bool, deadline: float | None,
              seeds: list[int] | None = None) -> int:  # fmt: skip
    """The autotrainer on the labelled runs of one half (of `seeds`, None: all), in this
    process, one row per job."""
    import tensorflow as tf

    from benchmarks.harness import VARIANTS
    from benchmarks.real import split
    from benchmarks.real.bench import FIELDS, cases, run_case, summarise

    unknown = sorted(set(harness_variants) - set(VARIANTS))
    if unknown:
        raise SystemExit(f"unknown harness variant(s) {unknown}; known: {list(VARIANTS)}")
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    done = set()
    if bench_csv.is_file():
        with bench_csv.open(newline="") as handle:
            done = {(r["run_id"], r["harness_variant"]) for r in csv.DictReader(handle)}
    todo = [(row, seed, name) for row, seed in cases(labels_csv, split.read(), half)
            for name in harness_variants
            if (f"{row['variant_id']}--s{seed}", name) not in done
            and (not seeds or seed in seeds)]  # fmt: skip
    print(f"bench ({half}): {len(todo)} jobs to run, {len(done)} done", flush=True)
    finished = 0
    for row, seed, name in todo:
        if deadline is not None and time.time() >= deadline:
            print("deadline reached; stopping (re-run to resume)", flush=True)
            break
        result = run_case(row, seed, name, repair, half, CACHE / "real" / "jobs")
        _append(bench_csv, [result], FIELDS)
        finished += 1
        print(f"  {result['run_id']} {name}: {row['label']} -> "
              f"{result.get('detected_problem') or '-'} {result['error'][:100]}", flush=True)
    if bench_csv.is_file():
        print(summarise(bench_csv))
    return finished
