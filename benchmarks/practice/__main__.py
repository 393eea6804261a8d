"""Practice benchmark: healthy and faulty practitioner scripts, each with a default Watch.

    python -m benchmarks.practice                     # every case x seeds 11, 22, 33
    python -m benchmarks.practice --quick             # 4 cases, results/practice/quick/
    python -m benchmarks.practice --cases a,b         # only these cases
    python -m benchmarks.practice --batch 2           # only batch 2 (the held-out second set)
    python -m benchmarks.practice --results-only      # summary.md again from runs.csv
    python -m benchmarks.practice --batch 3 --mode job --seeds 11   # through autotrainer_keras.fit
    python -m benchmarks.practice --batch 4 --mode job --seeds 11   # (batches 3 to 97)

Resumable: each (case, seed) row is appended to runs.csv when it finishes; a re-run skips it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "results" / "practice"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 cases, results/practice/quick/")
    parser.add_argument("--cases", default="", help="comma-separated case names")
    parser.add_argument("--batch", type=int, choices=tuple(range(1, 98)), default=0,
                        help="only the cases of this batch (1: the first 40, 2 to 97: held out)")
    parser.add_argument("--seeds", default="", help="comma-separated seeds (default 11,22,33)")
    parser.add_argument("--out", default="", help="output directory")
    parser.add_argument("--results-only", action="store_true")
    parser.add_argument("--mode", choices=("watch", "job"), default="watch",
                        help="watch: model.fit + Watch (runs.csv); job: the batch-3 to 97 scripts "
                        "through autotrainer_keras.fit (jobs.csv, jobs.md)")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "1")
    os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)

    from benchmarks.practice import results
    from benchmarks.practice.cases import CASES, QUICK, SEEDS
    from benchmarks.practice.runner import run_all

    out = Path(args.out) if args.out else OUT / "quick" if args.quick else OUT
    names = [n for n in args.cases.split(",") if n] or (list(QUICK) if args.quick else list(CASES))
    if args.batch:
        names = [n for n in names if n not in CASES or CASES[n].batch == args.batch]
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown cases: {', '.join(unknown)} (known: {', '.join(CASES)})")
    seeds = tuple(int(s) for s in args.seeds.split(",") if s) or SEEDS
    if args.mode == "job":
        from benchmarks.practice import job_runner

        bad = [n for n in names if CASES[n].batch not in range(3, 98)]
        if bad:
            parser.error(f"--mode job runs batch-3 to batch-97 scripts only (kit.fit), not: "
                         f"{', '.join(bad)}")
        if not args.results_only:
            job_runner.run_jobs([CASES[n] for n in names], seeds, out)
        print(job_runner.write(out))
        return 0
    if not args.results_only:
        run_all([CASES[n] for n in names], seeds, out / "runs.csv")
    print(results.write(out / "runs.csv", out / "summary.md"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
