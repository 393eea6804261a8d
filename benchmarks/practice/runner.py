"""One (case, seed): the case's own `model.fit` with a default `Watch` ("warn"), summarised
into one CSV row; and the resumable loop over cases and seeds.

A Watch crash (an exception raised from autotrainer code) is the worst outcome: it is kept
with its traceback's last frames in `watch_error`. An exception Keras itself raises on the
faulty script (`fit_error`) is the bug's own symptom; the findings Watch made before it stay.
"""

from __future__ import annotations

import csv
import json
import math
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keras
import numpy as np

from benchmarks.practice.cases import Case
from benchmarks.practice.kit import Kit

COLUMNS = (
    "case", "seed", "kind", "counterpart", "epochs_budget", "epochs_run", "final_val_loss",
    "best_val_loss", "final_val_acc", "best_val_acc", "acc_key", "wall_s", "n_findings",
    "findings", "watch_error", "fit_error",
)  # fmt: skip


def _accuracy_key(logs: dict[str, list[float]]) -> str:
    keys = sorted(k for k in logs if k.startswith("val_") and k.endswith("acc")
                  or k.startswith("val_") and k.endswith("accuracy"))  # fmt: skip
    return keys[0] if keys else ""


def _number(value: float) -> str:
    return "nan" if not math.isfinite(value) else f"{value:.6g}"


def _finding(f: Any) -> dict[str, Any]:
    evidence = {k: float(v) for k, v in f.evidence.items() if isinstance(v, int | float)}
    return {"problem": f.problem.value, "epoch": int(f.epoch), "step": int(f.step),
            "layer": f.layer, "reason": " ".join(str(f.reason).split()), "evidence": evidence}


def _traceback_summary(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)[-4:]
    where = " <- ".join(f"{Path(fr.filename).name}:{fr.lineno} {fr.name}"
                        for fr in reversed(frames))  # fmt: skip
    return f"{type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''}" \
        f" | at {where}"


def _from_autotrainer(error: BaseException) -> bool:
    return any("autotrainer_keras" in fr.filename
               for fr in traceback.extract_tb(error.__traceback__))  # fmt: skip


def run_case(case: Case, seed: int) -> dict[str, str]:
    """Train `case` under `seed` with its Watch; the CSV row (every value a string)."""
    keras.backend.clear_session()
    kit = Kit(seed)
    watch_error = fit_error = ""
    logs: dict[str, list[float]] = {}
    budget = 0
    started = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            history = case.script(kit)
        logs, budget = history.history, int(history.params.get("epochs") or 0)
    except Exception as error:  # noqa: BLE001 - recorded, the benchmark goes on
        summary = _traceback_summary(error)
        if _from_autotrainer(error):
            watch_error = summary
        else:
            fit_error = summary
        watched = kit.watches[0].model if kit.watches else None  # None: fit failed early
        model_history = watched.history if watched is not None else None
        if isinstance(model_history, keras.callbacks.History):
            logs = model_history.history
            budget = int(model_history.params.get("epochs") or 0)
    wall = time.perf_counter() - started
    findings = [_finding(f) for w in kit.watches for f in w.findings]
    val_loss = np.asarray(logs.get("val_loss", []), dtype=float)
    acc_key = _accuracy_key(logs)
    val_acc = np.asarray(logs.get(acc_key, []), dtype=float)
    return {
        "case": case.name, "seed": str(seed), "kind": case.kind, "counterpart": case.counterpart,
        "epochs_budget": str(budget),
        "epochs_run": str(len(val_loss) if len(val_loss) else len(logs.get("loss", []))),
        "final_val_loss": _number(val_loss[-1]) if len(val_loss) else "",
        "best_val_loss": _number(np.nanmin(val_loss)) if np.isfinite(val_loss).any() else "",
        "final_val_acc": _number(val_acc[-1]) if len(val_acc) else "",
        "best_val_acc": _number(np.nanmax(val_acc)) if np.isfinite(val_acc).any() else "",
        "acc_key": acc_key, "wall_s": f"{wall:.1f}", "n_findings": str(len(findings)),
        "findings": json.dumps(findings), "watch_error": watch_error, "fit_error": fit_error,
    }  # fmt: skip


def done(csv_path: Path) -> set[tuple[str, str]]:
    if not csv_path.exists():
        return set()
    with csv_path.open(newline="") as handle:
        return {(r["case"], r["seed"]) for r in csv.DictReader(handle)}


def append_rows(
    cases: list[Case],
    seeds: tuple[int, ...],
    csv_path: Path,
    columns: list[str],
    run_one: Callable[[Case, int], dict[str, Any]],
    line: Callable[[Case, int, dict[str, Any]], str],
) -> None:
    """Every (case, seed) not yet in `csv_path` (resumable), run by `run_one`, each row
    appended as soon as it finishes and reported by the `line` printed."""
    finished = done(csv_path)
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    new_file = not csv_path.exists()
    with csv_path.open("a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        if new_file:
            writer.writeheader()
        for case in cases:
            for seed in seeds:
                if (case.name, str(seed)) in finished:
                    continue
                row = run_one(case, seed)
                writer.writerow(row)
                handle.flush()
                print(line(case, seed, row), flush=True)


def _line(case: Case, seed: int, row: dict[str, Any]) -> str:
    names = [f["problem"] for f in json.loads(row["findings"])]
    error = row["watch_error"] or row["fit_error"]
    return (f"{case.name:24s} {seed} {row['kind']:7s} {row['wall_s']:>6s}s "
            f"acc={row['final_val_acc'] or '-':8s} loss={row['final_val_loss']:10s} "
            f"{names} {error[:120]}")  # fmt: skip


def run_all(cases: list[Case], seeds: tuple[int, ...], csv_path: Path) -> None:
    """Every (case, seed) not yet in `csv_path`, each row appended as soon as it finishes."""
    append_rows(cases, seeds, csv_path, COLUMNS, run_case, _line)
