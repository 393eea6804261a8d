"""Run the detection/repair benchmark over the model zoo and write the results.

    .venv/bin/python -m benchmarks.run --quick      # 6 models, results/quick/ (minutes)
    .venv/bin/python -m benchmarks.run              # the whole zoo, results/ + RESULTS.md
    .venv/bin/python -m benchmarks.run --all-variants  # baselines on every model, not a third
    .venv/bin/python -m benchmarks.run --report-only
    .venv/bin/python -m benchmarks.run --minutes 60   # start no new model after an hour
    .venv/bin/python -m benchmarks.run --problems exploding_gradient --variants paper,default \
        --out eg   # a subset: every listed variant on each model, results/eg/ (own RESULTS.md)

Monitoring overhead comes from results/overhead.csv (`python -m benchmarks.overhead`; run
first when missing, or with --overhead).

Resumable: each model's rows are appended to the run's CSV as soon as it finishes, and a
re-run skips the (model, variant) pairs already there (plain trainings are cached in
benchmarks/.cache/plain). Models run in a pool of `--workers` processes (spawned, TF with one
intra-op and one inter-op thread each).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from benchmarks import zoo
from benchmarks.harness import CACHE, VARIANTS, git_commit

ROOT = Path(__file__).parent
RESULTS = ROOT / "results"
FIELDS = [
    "model_id", "family", "dataset", "task", "label", "recipe", "behaviour", "truth",
    "truth_status", "variant", "epochs", "batch_size", "status", "detected", "detected_problem",
    "detection_epoch", "latency", "plain_val_accuracy", "plain_val_loss",
    "original_val_accuracy", "original_val_loss", "final_val_accuracy", "final_val_loss",
    "metric_before", "metric_after", "solutions", "repair_attempts", "repair_stop_reason",
    "plain_seconds", "job_seconds", "train_seconds", "plain_cpu_seconds",
    "job_cpu_seconds", "plain_peak_mb", "job_peak_mb",
    "plain_rss_before_mb", "job_rss_before_mb", "commit", "error",
]  # fmt: skip


def _init_worker() -> None:
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)


def _done(csv_path: Path) -> set[tuple[str, str]]:
    if not csv_path.is_file():
        return set()
    with csv_path.open(newline="") as handle:
        return {(row["model_id"], row["variant"]) for row in csv.DictReader(handle)}


def _append(csv_path: Path, rows: list[dict[str, Any]], fields: list[str] = FIELDS) -> None:
    new = not csv_path.is_file()
    with csv_path.open("a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        if new:
            writer.writeheader()
        writer.writerows(rows)
        handle.flush()
        os.fsync(handle.fileno())


def plan(specs: list[zoo.ModelSpec], variants: list[str], every: int = 3,
         second_sweep: bool = True) -> list[tuple[zoo.ModelSpec, list[str]]]:  # fmt: skip
    """Tasks in priority order, so a cut-off run still compares like with like.

    Sweep 1: the first variant (default) for every model, plus all variants for every
    `every`-th model (so the baselines cover a representative third early); sweep 2: the
    other variants for the remaining models (skipped when `second_sweep` is False: the quick
    subset).
    """
    first, rest = variants[:1], variants[1:]
    tasks = [(s, variants if i % every == 0 else first) for i, s in enumerate(specs)]
    if second_sweep:
        tasks += [(s, rest) for i, s in enumerate(specs) if i % every != 0 and rest]
    return tasks


def select(specs: list[zoo.ModelSpec], problems: list[str], models: list[str]
           ) -> list[zoo.ModelSpec]:  # fmt: skip
    """The specs with one of these labels (empty: any) and these ids (empty: any; given: in
    the given order).

    Raises:
        ValueError: A label or model id that the zoo does not have.
    """
    labels = {s.label for s in specs}
    unknown = sorted(set(problems) - labels)
    if unknown:
        raise ValueError(f"unknown problem label(s) {unknown}; known: {sorted(labels)}")
    by_id = {s.model_id: s for s in specs}
    missing = [m for m in models if m not in by_id]
    if missing:
        raise ValueError(f"unknown model id(s) {missing}; e.g. {specs[0].model_id}")
    chosen = [by_id[m] for m in models] if models else specs
    return [s for s in chosen if not problems or s.label in problems]


def run(specs: list[zoo.ModelSpec], variants: list[str], csv_path: Path, workers: int,
        deadline: float | None, every: int = 3, second_sweep: bool = True) -> int:  # fmt: skip
    """Run every (model, variant) not yet in `csv_path`; returns how many models ran."""
    from benchmarks.harness import run_model

    done = _done(csv_path)
    tasks = plan(specs, variants, every, second_sweep)
    todo = [(s, [v for v in vs if (s.model_id, v) not in done]) for s, vs in tasks]
    todo = [(s, v) for s, v in todo if v]
    print(f"{len(specs)} models x {len(variants)} variants; {len(todo)} tasks to run "
          f"({len(done)} model x variant rows already in {csv_path}), {workers} worker(s)",
          flush=True)  # fmt: skip
    if not todo:
        return 0
    commit = git_commit()
    jobs_dir = str(CACHE / "jobs")
    os.environ.update({"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1",
                       "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""})  # fmt: skip
    started, finished = time.perf_counter(), 0
    context = get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker) as pool:
        queue = list(todo)
        running: dict[Any, str] = {}
        while queue or running:
            while queue and len(running) < workers and (deadline is None or time.time() < deadline):
                spec, todo_variants = queue.pop(0)
                future = pool.submit(run_model, spec.to_dict(), todo_variants, jobs_dir, commit)
                running[future] = spec.model_id
            if not running:
                print("deadline reached; stopping (re-run to resume)", flush=True)
                break
            complete, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in complete:
                model_id = running.pop(future)
                try:
                    rows = future.result()
                except Exception as error:  # noqa: BLE001 - a worker crash skips one model
                    print(f"  {model_id}: worker failed: {error}", flush=True)
                    continue
                _append(csv_path, rows)
                finished += 1
                summary = ", ".join(f"{r['variant']}={r.get('status') or 'ERROR'}" for r in rows)
                print(f"[{finished}/{len(todo)} {time.perf_counter() - started:6.0f}s] "
                      f"{model_id} ({rows[0]['behaviour']}): {summary}", flush=True)  # fmt: skip
    return finished


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the 6-model quick subset")
    parser.add_argument("--every", type=int, default=3,
                        help="sweep 1 runs every variant on every N-th model")  # fmt: skip
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="only the first N models")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--problems", default="",
                        help="a subset: only models with these zoo labels (comma-separated, "
                        "e.g. exploding_gradient,healthy)")  # fmt: skip
    parser.add_argument("--models", default="",
                        help="a subset: only these model ids (comma-separated, run in this order)")
    parser.add_argument("--out", default="subset",
                        help="a subset's folder under results/ (its runs.csv and RESULTS.md)")
    parser.add_argument("--minutes", type=float, default=None,
                        help="start no new model after this many minutes")  # fmt: skip
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--overhead", action="store_true",
                        help="re-measure monitoring overhead (benchmarks.overhead) first; "
                        "without it, results/overhead.csv is reused when present")  # fmt: skip
    parser.add_argument("--fresh", action="store_true", help="discard the run's CSV first")
    parser.add_argument("--all-variants", action="store_true",
                        help="also run the baselines on the other two thirds of the models "
                        "(sweep 2; about twice the time of the default run)")  # fmt: skip
    args = parser.parse_args(argv)

    models = zoo.generate_zoo()
    specs = zoo.quick_subset(models) if args.quick else zoo.run_order(models)
    problems = [p for p in args.problems.split(",") if p]
    ids = [m for m in args.models.split(",") if m]
    subset = bool(problems or ids) and not args.quick
    if subset:
        try:
            specs = select(specs, problems, ids)
        except ValueError as error:
            parser.error(str(error))
    if args.limit:
        specs = specs[: args.limit]
    out_dir = RESULTS / "quick" if args.quick else RESULTS / args.out if subset else RESULTS
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / "runs.csv"
    if args.fresh and csv_path.exists():
        csv_path.unlink()
    command = "python -m benchmarks.run" + (" --quick" if args.quick else "")
    if subset:
        command += "".join(f" --{k} {v}" for k, v in (("problems", args.problems),
                           ("models", args.models), ("variants", args.variants)) if v)
    if not args.report_only and not args.quick and not subset and (
        args.overhead or not (RESULTS / "overhead.csv").is_file()
    ):
        subprocess.run([sys.executable, "-m", "benchmarks.overhead"], cwd=ROOT.parent, check=True)
    if not args.report_only:
        deadline = time.time() + 60 * args.minutes if args.minutes else None
        variants = [v for v in args.variants.split(",") if v]
        unknown = set(variants) - set(VARIANTS)
        if unknown:
            parser.error(f"unknown variant(s) {sorted(unknown)}; known: {list(VARIANTS)}")
        every = 1 if subset else args.every  # a subset: every variant on every model
        run(specs, variants, csv_path, args.workers, deadline, every,
            args.all_variants and not args.quick)  # fmt: skip
    from benchmarks.report import write_report

    target = out_dir / "RESULTS.md" if args.quick or subset else ROOT / "RESULTS.md"
    notes = None if args.quick or subset else ROOT / "NOTES.md"
    write_report(csv_path, target, out_dir, command=command, planned=len(specs), notes=notes)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
