"""The label-column reading (`measure.label_column`) of every practice script's training table
against its `validation_data`, without training: each script's `kit.fit` reads its arrays and
stops.
    PYTHONPATH=component:. python -m benchmarks.practice.label_column_sweep \
        --out benchmarks/results/practice-label-column-sweep-s35.csv
A check of the pre-flight's leaked-label reading over the practice scripts of batches 3 on
(batches 1 and 2 call `model.fit` themselves) in a few minutes: one CSV row per script with
(input, column, training gain, validation gain) per table read, or why none was read.
"""

from __future__ import annotations

import argparse
import csv
import json
import warnings
from pathlib import Path
from typing import Any

import keras
import numpy as np

from autotrainer_keras.measure.class_balance import CLASS_KINDS
from autotrainer_keras.measure.label_column import label_column
from autotrainer_keras.measure.label_facts import label_facts
from benchmarks.practice.cases import CASES
from benchmarks.practice.kit import Kit


class ReadOnly(Exception):
    """Stops a script's fit once its arrays are read (the message says what was read)."""


class LabelColumnKit(Kit):
    reads: list[tuple[str, int, float, float]]

    def fit(self, model: Any, x: Any, y: Any = None, *, probe_data: Any,
            class_weight: dict[int, float] | None = None, callbacks: list[Any] | None = None,
            **keywords: Any) -> Any:  # fmt: skip
        validation = keywords.get("validation_data")
        if validation is None or not isinstance(y, np.ndarray):
            raise ReadOnly("no validation_data, or targets not one array")
        x_val, y_val = validation[0], validation[1]
        if not isinstance(y_val, np.ndarray):
            raise ReadOnly("validation targets not one array")
        kind = label_facts(y)[0]
        if kind not in CLASS_KINDS:
            raise ReadOnly(f"labels {kind}")
        tables = x.items() if isinstance(x, dict) else [("x", x)]
        for name, table in tables:
            own_val = x_val.get(name) if isinstance(x_val, dict) else x_val
            if isinstance(table, np.ndarray):
                read = label_column(table, own_val, y, y_val, 2000)
                self.reads.append((name, read.column, round(read.train_gain, 3),
                                   round(read.val_gain, 3)))  # fmt: skip
        raise ReadOnly("read")


def sweep(out: Path, seed: int = 11) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case", "kind", "batch", "reads", "note"])
        for name, case in CASES.items():
            if case.batch < 3:
                continue
            keras.backend.clear_session()
            kit, note = LabelColumnKit(seed), ""
            kit.reads = []
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    case.script(kit)
            except ReadOnly as stopped:
                note = str(stopped)
            except Exception as caught:  # noqa: BLE001 - recorded, the sweep goes on
                note = f"{type(caught).__name__}: {str(caught)[:120]}"
            writer.writerow([name, case.kind, case.batch, json.dumps(kit.reads), note])
            handle.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    sweep(args.out, args.seed)


if __name__ == "__main__":
    main()
