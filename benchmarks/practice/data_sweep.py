"""Data readings of every practice script's `kit.fit` arrays, without training: each script's
`kit.fit` reads its arrays and stops.
    PYTHONPATH=component:. python -m benchmarks.practice.data_sweep --reading label_column \
        --out benchmarks/results/practice-label-column-sweep-s35.csv
    PYTHONPATH=component:. python -m benchmarks.practice.data_sweep --reading weights \
        --out benchmarks/results/practice-weights-sweep-s35.csv
A check of a pre-flight reading over the practice scripts of batches 3 on (batches 1 and 2
call `model.fit` themselves) in a few minutes, one CSV row per script: `label_column`
(`measure.label_column`, the training tables against their `validation_data`): (input,
column, training gain, validation gain) per table read; `weights` (the class or sample
weights given to `fit`): (label kind, lightest class, heaviest class), each (class, share of
the rows, share of the weight); `codes` (`codes_as_numbers`' readings before its gate on
how the model reads the input: code columns past the default thresholds, and lookups whose
int indices reach a kernel), with the id columns whose validation ids the targets follow
otherwise (`recoded_levels`, past the default thresholds); `merged` (the Hashing layers'
readings, `measure.merged_levels`, before any threshold); or why nothing was read.
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

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.engine.setup_check import SPREAD_ROWS, spread_rows
from autotrainer_keras.measure.class_balance import CLASS_KINDS, heaviest, lightest
from autotrainer_keras.measure.code_columns import code_columns, kept_classes, target_matrix
from autotrainer_keras.measure.index_readers import index_readers
from autotrainer_keras.measure.label_column import label_column
from autotrainer_keras.measure.label_facts import label_facts
from autotrainer_keras.measure.merged_levels import merged_tables
from autotrainer_keras.measure.recoded_levels import recoded_columns
from autotrainer_keras.measure.sample_rows import evenly_spaced
from autotrainer_keras.measure.setup_facts import CODE_ROWS, class_weight_shares
from benchmarks.practice.cases import CASES
from benchmarks.practice.kit import Kit


class ReadOnly(Exception):
    """Stops a script's fit once its arrays are read (the message says what was read)."""


class LabelColumnKit(Kit):
    reads: list[Any]

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


class WeightsKit(LabelColumnKit):
    def fit(self, model: Any, x: Any, y: Any = None, *, probe_data: Any,
            class_weight: dict[int, float] | None = None, callbacks: list[Any] | None = None,
            **keywords: Any) -> Any:  # fmt: skip
        sample_weight = keywords.get("sample_weight")
        if class_weight is None and sample_weight is None:
            raise ReadOnly("unweighted")
        if not isinstance(y, np.ndarray):
            raise ReadOnly("targets not one array")
        kind = label_facts(y)[0]
        given = None if sample_weight is None else np.asarray(sample_weight)
        shares = class_weight_shares(kind, y, given, class_weight)
        self.reads.append((kind, lightest(shares), heaviest(shares)))
        raise ReadOnly("read")


class CodesKit(LabelColumnKit):
    """`codes_as_numbers`' readings, before the rule's gate on how the model reads each
    input: the code columns past both default thresholds, per table, and the lookups whose
    int indices reach a kernel (`measure.index_readers`)."""

    def fit(self, model: Any, x: Any, y: Any = None, *, probe_data: Any,
            class_weight: dict[int, float] | None = None, callbacks: list[Any] | None = None,
            **keywords: Any) -> Any:  # fmt: skip
        t = PreflightThresholds()
        self.reads.extend(("lookup", *reader) for reader in index_readers(model))
        if not isinstance(y, np.ndarray):
            raise ReadOnly("targets not one array")
        kind = label_facts(y)[0]
        classes = kept_classes(y) if kind in ("binary", "integer") else None
        targets = target_matrix(y, kind, classes)
        validation = keywords.get("validation_data")
        x_val, y_val = (validation[0], validation[1]) if validation is not None else (None, None)
        val_targets = (target_matrix(y_val, kind, classes) if isinstance(y_val, np.ndarray)
                       else None)  # fmt: skip
        tables = _tables(x)
        val_tables = dict(_tables(x_val)) if x_val is not None else {}
        for name, table in tables:
            if targets is None or not isinstance(table, np.ndarray) or table.ndim != 2:
                continue
            if table.dtype.kind not in "fiub" or len(table) != len(targets):
                continue
            rows = min(len(table), CODE_ROWS)
            x_rows, t_rows = evenly_spaced(table, rows), evenly_spaced(targets, rows)
            for c in code_columns(x_rows, t_rows):
                if c.signal >= t.code_signal and c.roughness >= t.code_roughness:
                    self.reads.append((name, c.column, c.levels, round(c.signal, 3),
                                       round(c.roughness, 2)))  # fmt: skip
            own = val_tables.get(name)
            if not isinstance(own, np.ndarray) or own.ndim != 2 or val_targets is None:
                continue
            if val_targets.shape[1:] != targets.shape[1:] or own.dtype.kind not in "fiub":
                continue
            for r in recoded_columns(x_rows, t_rows, own, val_targets):
                if (r.reference >= t.val_recode_reference
                        and r.reference - r.agreement >= t.val_recode_drop):  # fmt: skip
                    self.reads.append(("recoded", name, r.column, r.levels,
                                       round(r.agreement, 2), round(r.reference, 2)))  # fmt: skip
        raise ReadOnly("read")


class MergedKit(LabelColumnKit):
    """`merged` readings of the model's Hashing layers (`measure.merged_levels`) on the rows
    the job reads them on, before any threshold: (layer, values, signal, share kept)."""

    def fit(self, model: Any, x: Any, y: Any = None, *, probe_data: Any,
            class_weight: dict[int, float] | None = None, callbacks: list[Any] | None = None,
            **keywords: Any) -> Any:  # fmt: skip
        if not isinstance(y, np.ndarray):
            raise ReadOnly("targets not one array")
        kind = label_facts(y)[0]
        rows = spread_rows(x)
        step = max(1, -(-len(y) // SPREAD_ROWS))
        targets = target_matrix(y[::step], kind)
        for c in merged_tables(model, rows, targets):
            self.reads.append((c.layer, c.values, round(c.signal, 3), round(c.share, 3)))
        raise ReadOnly("read")


def _tables(x: Any) -> list[tuple[str, Any]]:
    """Named tables of one input, a dict of them, or a list of them (by position)."""
    if isinstance(x, dict):
        return list(x.items())
    if isinstance(x, list | tuple):
        return [(f"#{i}", v) for i, v in enumerate(x)]
    return [("x", x)]


KITS = {"label_column": LabelColumnKit, "weights": WeightsKit, "codes": CodesKit,
        "merged": MergedKit}


def sweep(out: Path, reading: str, seed: int = 11, max_batch: int = 10**6) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case", "kind", "batch", "reads", "note"])
        for name, case in CASES.items():
            if case.batch < 3 or case.batch > max_batch:
                continue
            keras.backend.clear_session()
            kit, note = KITS[reading](seed), ""
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
    parser.add_argument("--reading", choices=tuple(KITS), required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--max-batch", type=int, default=10**6,
                        help="the last batch read (later ones: held out, not yet measured)")
    args = parser.parse_args()
    sweep(args.out, args.reading, args.seed, args.max_batch)


if __name__ == "__main__":
    main()
