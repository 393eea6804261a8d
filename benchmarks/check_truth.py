"""Does plain training confirm the zoo's labels? One line per model, then counts per recipe.

Usage: `python -m benchmarks.check_truth --label exploding_gradient [--ids a,b] [--recipe r]`.
Plain runs go to a temporary cache (never the benchmark's), single-threaded.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def main(argv: list[str] | None = None) -> None:
    """Build, plain-train and judge every zoo model of one label (optionally filtered)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True)
    parser.add_argument("--ids", default="", help="comma-separated model ids (default: all)")
    parser.add_argument("--recipe", default="", help="only this recipe")
    args = parser.parse_args(argv)

    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    from benchmarks import truth
    from benchmarks.builders import build
    from benchmarks.harness import _arrays, _baselines, plain_run
    from benchmarks.zoo import generate_zoo

    ids = {i for i in args.ids.split(",") if i}
    specs = [s for s in generate_zoo() if s.label == args.label
             and (not ids or s.model_id in ids)
             and (not args.recipe or s.recipe == args.recipe)]  # fmt: skip
    counts: dict[str, Counter[str]] = {}
    with tempfile.TemporaryDirectory() as cache:
        for spec in specs:
            started = time.perf_counter()
            arrays = _arrays(spec)
            weights = build(spec, arrays["x_train"].shape[1:]).get_weights()
            plain = plain_run(spec, arrays, weights, Path(cache))
            seen = truth.behaviour(plain["history"], *_baselines(spec, arrays))
            status = truth.judge(spec.label, seen)[1]
            counts.setdefault(spec.recipe, Counter())[status] += 1
            loss = plain["history"]["loss"]
            print(f"{spec.model_id:24} {spec.recipe:28} {seen:11} {status:10} "
                  f"loss {loss[0]:.3g} -> {loss[-1]:.3g}  "
                  f"{time.perf_counter() - started:.1f}s", flush=True)  # fmt: skip
    for recipe, counter in counts.items():
        print(f"{recipe:28} " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items())))
    total = sum((c for c in counts.values()), Counter())
    print(f"{'total':28} " + ", ".join(f"{k} {v}" for k, v in sorted(total.items())))


if __name__ == "__main__":
    main()
