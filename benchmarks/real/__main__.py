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
import sys
import time

from benchmarks.real.runner import OUT, run_plain


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 variants x 3 seeds")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--minutes", type=float, default=None,
                        help="start no new job after this many minutes")  # fmt: skip
    parser.add_argument("--labels-only", action="store_true")
    parser.add_argument("--bench", default="",
                        help="then run these harness variants (e.g. default,paper) on the "
                        "labelled runs of --half")  # fmt: skip
    parser.add_argument("--half", choices=("dev", "test"), default="dev",
                        help="the half --bench runs on (tune on dev only)")  # fmt: skip
    parser.add_argument("--seeds", default="",
                        help="--bench only these seeds, e.g. 11 (default: every seed); two "
                        "processes on different seeds may share the bench CSV")  # fmt: skip
    parser.add_argument("--repair", action="store_true",
                        help="--bench with repairs (default: detect only)")  # fmt: skip
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
    deadline = time.time() + 60 * args.minutes if args.minutes else None
    if not args.labels_only:
        run_plain(catalogue.job_order(chosen), runs_csv, args.workers, deadline)
    counts = label.write_labels(runs_csv, out / "labels.csv")
    print(f"labels: {counts}")
    if counts:
        print(label.summary(out / "labels.csv"))
    if args.bench:
        from benchmarks.real.runner import run_bench

        bench_csv = out / f"bench-{args.half}.csv"
        harness_variants = [v for v in args.bench.split(",") if v]
        seeds = [int(s) for s in args.seeds.split(",") if s]
        run_bench(out / "labels.csv", bench_csv, harness_variants, args.half, args.repair,
                  deadline, seeds)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
