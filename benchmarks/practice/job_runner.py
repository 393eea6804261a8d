"""The job path: a batch-3 or batch-4 case's own script run through `autotrainer_keras.fit`
instead of `model.fit` (`Kit(mode="job")`: the script's fit keywords passed through,
`tracking=False`, an output directory of its own), one row per (case, seed) in `jobs.csv`,
and `jobs.md`.

Recorded: the exception, if any (from autotrainer code: `crash`, or `refused` when it is the
documented InputError refusal; from elsewhere: `fit_error`) with the traceback's last frames;
the job's status, findings and repair attempts; the final model's validation loss and
accuracy (evaluated on the script's validation data) against the Watch run's plain final
values of the same case and seed (`runs.csv`); job seconds against the plain run's seconds.
"""

from __future__ import annotations

import csv
import json
import math
import shutil
import tempfile
import time
import traceback
import warnings
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from benchmarks.practice.cases import CASES, Case
from benchmarks.practice.kit import Kit
from benchmarks.practice.runner import (
    _accuracy_key,
    _finding,
    _from_autotrainer,
    _number,
    append_rows,
)

COLUMNS = (
    "case", "seed", "kind", "outcome", "status", "final_attempt", "n_findings", "problems",
    "repairs", "job_val_loss", "job_val_acc", "plain_val_loss", "plain_val_acc", "acc_key",
    "worse_than_plain", "job_s", "plain_s", "time_ratio", "error", "findings",
)  # fmt: skip

LOSS_FLOOR = 1e-8
"""Validation losses closer than this are equal however their ratio reads."""


def worse_than_plain(job_acc: float, plain_acc: float, job_loss: float, plain_loss: float,
                     same_loss: bool) -> bool | None:  # fmt: skip
    """The job's model is worse than the plain fit's: 1 accuracy point lower, else (the same
    loss on both) a validation loss 5 % higher (losses may lie below 0) and more than
    `LOSS_FLOOR` apart (both at float32's rounding floor, a task solved exactly: practice
    batch 79's accumulator, 2e-13 against 6e-11, are equal); None: not comparable."""
    if math.isfinite(job_acc) and math.isfinite(plain_acc):
        return job_acc < plain_acc - 0.01
    if math.isfinite(job_loss) and math.isfinite(plain_loss) and same_loss:
        return job_loss > plain_loss + max(0.05 * abs(plain_loss), LOSS_FLOOR)
    return None

def _frames(error: BaseException, depth: int = 6) -> str:
    frames = traceback.extract_tb(error.__traceback__)[-depth:]
    where = " <- ".join(f"{Path(fr.filename).name}:{fr.lineno} {fr.name}"
                        for fr in reversed(frames))  # fmt: skip
    text = str(error).splitlines()[0][:300] if str(error) else ""
    return f"{type(error).__name__}: {text} | at {where}"


def _take_tail(data: Any, cut: int) -> Any:
    if isinstance(data, dict):
        return {k: np.asarray(v)[cut:] for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [np.asarray(v)[cut:] for v in data]
    return np.asarray(data)[cut:]


def _rows(data: Any) -> int:
    if isinstance(data, dict):
        return len(next(iter(data.values())))
    if isinstance(data, list | tuple):
        return len(data[0])
    return len(data)


def _evaluate(model: keras.Model, call: dict[str, Any]) -> dict[str, float]:
    """The model's metrics on the script's validation data, keyed as fit logs them (val_*), at
    the script's validation batch size (a metric computed within each batch, such as batch
    65's concordance, reads another figure at another)."""
    val = call.get("validation_data")
    if val is None and call.get("validation_split"):
        rows = _rows(call["x"])
        cut = rows - max(1, int(round(rows * call["validation_split"])))
        val = (_take_tail(call["x"], cut), _take_tail(call["y"], cut))
    if val is None:
        return {}
    if isinstance(val, tf.data.Dataset):
        result = model.evaluate(val, verbose=0, return_dict=True)
    else:  # a (x, y, sample_weight) triple weighs the loss as the plain fit's logs did
        weights = val[2] if len(val) > 2 else None
        result = model.evaluate(val[0], val[1], sample_weight=weights, verbose=0,
                                batch_size=call.get("validation_batch_size"),
                                return_dict=True)  # fmt: skip
    return {f"val_{k}": float(v) for k, v in result.items()}


def _plain(csv_path: Path) -> dict[tuple[str, str], dict[str, str]]:
    if not csv_path.exists():
        return {}
    with csv_path.open(newline="") as handle:
        return {(r["case"], r["seed"]): r for r in csv.DictReader(handle)}


def run_job(case: Case, seed: int, plain: dict[str, str] | None, work: Path,
            tracebacks: Path) -> dict[str, str]:  # fmt: skip
    keras.backend.clear_session()
    job_dir = work / f"{case.name}-{seed}"
    shutil.rmtree(job_dir, ignore_errors=True)
    kit = Kit(seed, mode="job", job_dir=job_dir)
    outcome, error = "ok", ""
    started = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            case.script(kit)
    except Exception as exc:  # noqa: BLE001 - recorded, the benchmark goes on
        error = _frames(exc)
        if _from_autotrainer(exc):
            outcome = "refused" if type(exc).__name__ == "InputError" else "crash"
        else:
            outcome = "fit_error"
        (tracebacks / f"{case.name}-{seed}.txt").write_text(
            "".join(traceback.format_exception(exc)))  # fmt: skip
    wall = time.perf_counter() - started
    result = kit.job_result
    metrics: dict[str, float] = {}
    if result is not None and result.model is not None:
        try:
            metrics = _evaluate(result.model, kit.fit_call)
        except Exception as exc:  # noqa: BLE001
            outcome = "eval_error" if outcome == "ok" else outcome
            error = error or _frames(exc)
    findings = [_finding(f) for f in (result.findings if result is not None else [])]
    repairs = [f"{r.get('solution')}:{r.get('outcome')}"
               for r in (result.repairs if result is not None else [])]  # fmt: skip
    final = (result.report.get("final") or {}).get("attempt", "") if result is not None else ""
    plain = plain or {}
    # the plain run's accuracy key when the job's model has it: the job may add a metric of
    # its own ("accuracy" next to a multi-label model's binary_accuracy) that sorts first
    acc_key = plain.get("acc_key") or ""
    if acc_key not in metrics:
        acc_key = _accuracy_key({k: [] for k in metrics})
    job_loss = metrics.get("val_loss", math.nan)
    job_acc = metrics.get(acc_key, math.nan) if acc_key else math.nan
    plain_loss = float(plain.get("final_val_loss") or "nan")
    plain_acc = float(plain.get("final_val_acc") or "nan")
    same_loss = not _loss_changed(result) and not _unbounded(findings)
    worse = worse_than_plain(job_acc if acc_key else math.nan, plain_acc, job_loss, plain_loss,
                             same_loss)  # fmt: skip
    plain_s = float(plain.get("wall_s") or "nan")
    return {
        "case": case.name, "seed": str(seed), "kind": case.kind, "outcome": outcome,
        "status": result.status if result is not None else "",
        "final_attempt": str(final), "n_findings": str(len(findings)),
        "problems": " ".join(f"{f['problem']}@{'pre' if f['step'] == 0 else f['epoch']}"
                             for f in findings),
        "repairs": " ".join(repairs), "job_val_loss": _number(job_loss),
        "job_val_acc": _number(job_acc) if acc_key else "",
        "plain_val_loss": _number(plain_loss), "plain_val_acc": plain.get("final_val_acc", ""),
        "acc_key": acc_key, "worse_than_plain": "" if worse is None else str(worse).lower(),
        "job_s": f"{wall:.1f}", "plain_s": plain.get("wall_s", ""),
        "time_ratio": f"{wall / plain_s:.1f}" if math.isfinite(plain_s) and plain_s else "",
        "error": error, "findings": json.dumps(findings),
    }  # fmt: skip


def run_jobs(cases: list[Case], seeds: tuple[int, ...], out: Path) -> None:
    plain = _plain(out / "runs.csv")
    tracebacks = out / "job_tracebacks"
    tracebacks.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.gettempdir()) / "practice3-jobs"
    work.mkdir(exist_ok=True)
    append_rows(
        cases, seeds, out / "jobs.csv", COLUMNS,
        lambda case, seed: run_job(case, seed, plain.get((case.name, str(seed))), work,
                                   tracebacks),
        _line,
    )  # fmt: skip


def _line(case: Case, seed: int, row: dict[str, Any]) -> str:
    return (f"{case.name:24s} {seed} {row['outcome']:9s} {row['status']:10s} "
            f"acc {row['job_val_acc'] or '-'} vs {row['plain_val_acc'] or '-'} "
            f"loss {row['job_val_loss']} vs {row['plain_val_loss']} "
            f"{row['job_s']}s/{row['plain_s']}s [{row['problems']}] "
            f"{row['repairs'][:100]} {row['error'][:160]}")  # fmt: skip


def write(out: Path) -> str:
    """jobs.md from jobs.csv: the summary lines and one table row per run."""
    csv_path = out / "jobs.csv"
    if not csv_path.exists():
        return f"no jobs in {csv_path}"
    with csv_path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    count = {k: sum(r["outcome"] == k for r in rows) for k in
             ("ok", "crash", "refused", "fit_error", "eval_error")}  # fmt: skip
    statuses: dict[str, int] = {}
    for r in rows:
        statuses[r["status"] or "-"] = statuses.get(r["status"] or "-", 0) + 1
    worse = [r["case"] for r in rows if r["worse_than_plain"] == "true"]
    healthy_flagged = [r["case"] for r in rows if r["kind"] == "healthy" and r["n_findings"] != "0"]
    ratios = [float(r["time_ratio"]) for r in rows if r["time_ratio"]]
    lines = [
        f"jobs: {len(rows)}; outcomes {count}; statuses {statuses}",
        f"job model worse than plain fit (acc -1 point or loss +5 %): {len(worse)} "
        f"({', '.join(worse) or 'none'})",
        f"healthy cases with a job finding: {len(healthy_flagged)} "
        f"({', '.join(healthy_flagged) or 'none'})",
        f"job/plain time ratio: median {np.median(ratios):.1f}, max {max(ratios):.1f}"
        if ratios else "job/plain time ratio: -",
    ]
    table = ["| case | kind | outcome | status (final) | findings | repairs | val acc job / plain "
             "| val loss job / plain | s job / plain (x) | error |",
             "|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in rows:
        table.append(
            f"| {r['case']} | {r['kind']} | {r['outcome']} | {r['status'] or '-'} "
            f"({r['final_attempt'] or '-'}) | {r['problems'] or '-'} | {r['repairs'] or '-'} "
            f"| {r['job_val_acc'] or '-'} / {r['plain_val_acc'] or '-'} "
            f"| {r['job_val_loss']} / {r['plain_val_loss']} "
            f"| {r['job_s']} / {r['plain_s'] or '-'} ({r['time_ratio'] or '-'}) "
            f"| {r['error'][:300].replace('|', '/') or '-'} |"
        )
    batches = sorted({str(CASES[r["case"]].batch) for r in rows if r["case"] in CASES})
    text = (f"# Practice batch {', '.join(batches)} through `autotrainer_keras.fit` "
            "(the job path)\n\n"
            "Generated by `python -m benchmarks.practice --mode job` from `jobs.csv`; each "
            "case's own script with `autotrainer_keras.fit(model, x, y, ..., tracking=False)` "
            "in place of `model.fit`; plain = the same case and seed's Watch run "
            "(`runs.csv`).\n\n" + "\n".join(f"- {x}" for x in lines) + "\n\n"
            + "\n".join(table) + "\n")  # fmt: skip
    (out / "jobs.md").write_text(text)
    return "\n".join(lines)


__all__ = ["CASES", "run_jobs", "write"]


def _unbounded(findings: list[dict[str, Any]]) -> bool:
    """The job found the loss unbounded below (a batch-23 denoiser's BCE on 0..255 targets:
    -8.2e6 after a plain fit): a lower value of it is no better model, no comparison."""
    return any(f.get("problem") == "unbounded_loss" for f in findings)


def _loss_changed(result: Any) -> bool:
    """The job's final model trains another loss than the script's (`output_pair` replaced
    it, maybe with later solutions stacked on): its validation loss is in other units, no
    comparison with the plain run's."""
    if result is None:
        return False
    applied = set((result.report.get("final") or {}).get("solutions") or [])
    for repair in result.report.get("repairs") or []:
        params = repair.get("params") or {}
        changed = params.get("loss") not in (None, params.get("old_loss"))
        if repair.get("solution") in applied and changed:
            return True
    return False
