"""Before-training findings of practice scripts, fast: each script's `Watch` runs its
pre-flight checks at the fit's start and the fit stops after its first batch.

    PYTHONPATH=component:. python -m benchmarks.practice.preflight_sweep --kind healthy \
        --out benchmarks/results/practice-preflight-sweep-s28.csv

A check of the pre-flight rules (they judge the model, loss and probe rows before the first
step) over every healthy script in a few minutes, where a full `Watch` run of all of them
takes hours; the training rules are not exercised.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
import warnings
from pathlib import Path
from typing import Any

import keras

from autotrainer_keras.keras import Watch
from benchmarks.practice.cases import CASES
from benchmarks.practice.kit import Kit


class FirstBatchWatch(Watch):
    """A `Watch` whose fit stops after its first batch (its pre-flight findings are made)."""

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        super().on_train_begin(logs)
        self.model.stop_training = True


class PreflightKit(Kit):
    def watch(self, probe_data: Any, class_weight: dict[int, float] | None = None,
              validation_data: Any = None) -> Watch:  # fmt: skip
        made = FirstBatchWatch(on_problem="warn", probe_data=probe_data,
                               class_weight=class_weight, validation_data=validation_data,
                               verbose=0)  # fmt: skip
        self.watches.append(made)
        return made


def sweep(names: list[str], out: Path, seed: int = 11) -> None:
    """One CSV row per script: its name, kind, seconds, findings (problem, step) and error."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case", "kind", "seconds", "findings", "error"])
        for name in names:
            keras.backend.clear_session()
            kit, error, started = PreflightKit(seed), "", time.perf_counter()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    CASES[name].script(kit)
            except Exception as caught:  # noqa: BLE001 - recorded, the sweep goes on
                error = f"{type(caught).__name__}: {str(caught)[:200]}"
            found = [(f.problem.value, f.step) for w in kit.watches for f in w.findings]
            writer.writerow([name, CASES[name].kind, f"{time.perf_counter() - started:.1f}",
                             json.dumps(found), error])  # fmt: skip
            handle.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=("healthy", "faulty", "all"), default="healthy")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--batches", default="",
                        help="comma-separated batch numbers (default: every batch)")
    args = parser.parse_args()
    batches = {int(b) for b in args.batches.split(",") if b.strip()}
    names = [n for n, c in CASES.items() if args.kind in ("all", c.kind)
             and (not batches or c.batch in batches)]  # fmt: skip
    sweep(names, args.out, args.seed)


if __name__ == "__main__":
    main()
