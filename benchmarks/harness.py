"""The paper's method for one zoo model: a plain run and autotrainer runs from the same start.

For each model: build it with its seed and keep the initial weights; (a) plain `model.fit`
(cached in benchmarks/.cache/plain, so re-runs and every variant reuse it); then for each
variant, a fresh model with the same initial weights through the autotrainer engine
(`engine.runner.execute` of a repair `JobRequest`, tracking off) with the same seed, epochs and
batch size. Each run's wall time and peak RSS are measured in this process.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import math
import shutil
import subprocess
import time
import traceback
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import datasets, memory, truth
from benchmarks.zoo import ModelSpec

ROOT = Path(__file__).parent
CACHE = ROOT / ".cache"
VARIANTS: dict[str, dict[str, Any]] = {
    "default": {"detection__profile": "default", "repair__order": "plan"},
    "paper": {"detection__profile": "paper", "repair__order": "plan"},
    "random": {"detection__profile": "default", "repair__order": "random"},
    "default-cpe4": {"detection__profile": "default", "repair__order": "plan",
                     "monitor__checks_per_epoch": 4},
    "default-first4": {"detection__profile": "default", "repair__order": "plan",
                       "monitor__first_epoch_checks": 4},  # = default since session 14
    "default-end-checks": {"detection__profile": "default", "repair__order": "plan",
                           "monitor__first_epoch_checks": 1},  # the default before it
}
PLAIN_VERSION = 2  # bump to invalidate cached plain runs


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                             capture_output=True, text=True, timeout=10, check=True)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip()


def _arrays(spec: ModelSpec) -> dict[str, np.ndarray]:
    from benchmarks.builders import prepare_arrays

    return prepare_arrays(spec, datasets.load(spec.dataset))


def _baselines(spec: ModelSpec, arrays: dict[str, np.ndarray]) -> tuple[float, float | None]:
    """Validation loss of the best constant prediction, and chance accuracy (classifiers)."""
    from autotrainer_keras.measure.baselines import baseline_loss, chance_accuracy
    from autotrainer_keras.measure.history import Task
    from benchmarks.builders import LOSSES

    name = datasets.INFO[spec.dataset].task
    task = {"binary": Task.BINARY, "multiclass": Task.MULTICLASS, "regression": Task.REGRESSION}
    base = baseline_loss(task[name], LOSSES[name], arrays["y_train"], arrays["y_val"])
    chance = None if name == "regression" else chance_accuracy(arrays["y_train"], arrays["y_val"])
    return float(base or 1.0), chance


def _fresh_model(spec: ModelSpec, arrays: dict[str, np.ndarray], weights: list[np.ndarray],
                 build_model: Callable[[], Any] | None = None):  # fmt: skip
    import keras

    from benchmarks.builders import build

    keras.backend.clear_session()
    gc.collect()
    model = build_model() if build_model else build(spec, arrays["x_train"].shape[1:])
    model.set_weights(weights)
    return model


def _plain_key(spec: ModelSpec) -> str:
    text = json.dumps(spec.to_dict(), sort_keys=True) + str(PLAIN_VERSION)
    return f"{spec.model_id}-{zlib.crc32(text.encode()):08x}"


def plain_run(spec: ModelSpec, arrays: dict[str, np.ndarray], weights: list[np.ndarray],
              cache: Path = CACHE) -> dict[str, Any]:  # fmt: skip
    """Plain `model.fit` from the initial weights; cached in `cache`/plain by the spec."""
    import keras

    path = cache / "plain" / f"{_plain_key(spec)}.json"
    if path.is_file():
        return {**json.loads(path.read_text()), "cached": True}
    model = _fresh_model(spec, arrays, weights)
    before = memory.rss_mb()
    memory.reset_peak()
    keras.utils.set_random_seed(spec.seed)
    started, cpu = time.perf_counter(), time.process_time()
    history = model.fit(
        arrays["x_train"], arrays["y_train"], batch_size=spec.batch_size, epochs=spec.epochs,
        validation_data=(arrays["x_val"], arrays["y_val"]), shuffle=True, verbose=0,
    )  # fmt: skip
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = memory.peak_rss_mb()
    final = model.evaluate(arrays["x_val"], arrays["y_val"], verbose=0, return_dict=True)
    result = {
        "history": truth.summarise_history(history.history),
        "final": {key: float(value) for key, value in final.items()},
        "seconds": seconds,
        "cpu_seconds": cpu,
        "rss_before_mb": before,
        "peak_mb": peak,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(result))
    tmp.replace(path)
    return {**result, "cached": False}


def autotrainer_run(spec: ModelSpec, variant: str, arrays: dict[str, np.ndarray],
                    weights: list[np.ndarray], jobs_dir: Path,
                    build_model: Callable[[], Any] | None = None,
                    repair: bool = True) -> dict[str, Any]:  # fmt: skip
    """One autotrainer job from the same initial weights; the report plus costs.

    `spec` may be any object with the `ModelSpec` fields the job reads (model_id, epochs,
    batch_size, seed, dataset); `build_model` then builds its compiled model (the second
    zoo), and `arrays` may hold `sample_weight`/`val_sample_weight`. `repair=False`: detect
    only.
    """
    from autotrainer_keras.config import AutotrainerConfig
    from autotrainer_keras.engine.request import JobRequest, Mode
    from autotrainer_keras.engine.runner import execute
    from autotrainer_keras.io.data import dataset_from_arrays
    from autotrainer_keras.progress import NullProgress

    config = AutotrainerConfig().with_overrides(
        training__epochs=spec.epochs, training__batch_size=spec.batch_size,
        training__seed=spec.seed, tracking__enabled=False, **VARIANTS[variant],
    )  # fmt: skip
    four = {key: arrays[key] for key in ("x_train", "y_train", "x_val", "y_val")}
    data = dataset_from_arrays(four, 0.3, spec.seed, origin=spec.model_id)
    if arrays.get("sample_weight") is not None:
        data = dataclasses.replace(data, sample_weight=arrays["sample_weight"],
                                   val_sample_weight=arrays.get("val_sample_weight"))  # fmt: skip
    out = jobs_dir / variant / spec.model_id
    if out.exists():
        shutil.rmtree(out)
    model = _fresh_model(spec, arrays, weights, build_model)
    before = memory.rss_mb()
    memory.reset_peak()
    started, cpu = time.perf_counter(), time.process_time()
    request = JobRequest(
        Mode.REPAIR if repair else Mode.DETECT, model, data, config, output_dir=out,
        model_label=f"<zoo {spec.model_id}>", data_label=spec.dataset,
    )  # fmt: skip
    result = execute(request, NullProgress())
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = memory.peak_rss_mb()
    for path in out.iterdir():  # keep report.json only (disk)
        if path.name != "report.json":
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return {"report": result.report, "seconds": seconds, "cpu_seconds": cpu,
            "rss_before_mb": before,
            "peak_mb": peak}  # fmt: skip


def _metric(task: str, accuracy: float | None, loss: float | None) -> float:
    """Higher is better: accuracy, or minus the loss for regression (NaN stays NaN)."""
    value = accuracy if task != "regression" else (None if loss is None else -loss)
    return math.nan if value is None or not math.isfinite(value) else float(value)


def _row(spec: ModelSpec, variant: str, plain: dict[str, Any], run: dict[str, Any] | None,
         seen: str, error: str = "") -> dict[str, Any]:  # fmt: skip
    task = datasets.INFO[spec.dataset].task
    truth_label, truth_status = truth.judge(spec.label, seen)
    final_plain = plain["final"]
    row: dict[str, Any] = {
        "model_id": spec.model_id, "family": spec.family, "dataset": spec.dataset,
        "task": task, "label": spec.label, "recipe": spec.recipe, "behaviour": seen,
        "truth": truth_label or "", "truth_status": truth_status, "variant": variant,
        "epochs": spec.epochs, "batch_size": spec.batch_size,
        "plain_val_accuracy": final_plain.get("accuracy"),
        "plain_val_loss": final_plain.get("loss"),
        "metric_before": _metric(task, final_plain.get("accuracy"), final_plain.get("loss")),
        "plain_seconds": round(plain["seconds"], 3),
        "plain_cpu_seconds": round(plain["cpu_seconds"], 3), "plain_peak_mb": plain["peak_mb"],
        "plain_rss_before_mb": plain["rss_before_mb"], "error": error,
    }  # fmt: skip
    if run is None:
        return row
    report = run["report"]
    detections = report.get("detections", [])
    first = detections[0] if detections else None
    final = report.get("final") or {}
    timing = report.get("timing", {})
    original = report.get("original") or {}
    row.update({
        "status": report.get("status"),
        "detected": bool(detections),
        "detected_problem": first["problem"] if first else "",
        "detection_epoch": first["epoch"] if first else "",
        "latency": round((first["epoch"] + 1) / spec.epochs, 4) if first else "",
        "original_val_accuracy": original.get("val_accuracy"),
        "original_val_loss": original.get("val_loss"),
        "final_val_accuracy": final.get("val_accuracy"),
        "final_val_loss": final.get("val_loss"),
        "metric_after": _metric(task, final.get("val_accuracy"), final.get("val_loss")),
        "solutions": "+".join(final.get("solutions", [])),
        "repair_attempts": len(report.get("repairs", [])),
        "repair_stop_reason": report.get("repair_stop_reason", ""),
        "job_seconds": round(run["seconds"], 3),
        "job_cpu_seconds": round(run["cpu_seconds"], 3),
        "train_seconds": round(timing.get("original_seconds", 0.0)
                               + timing.get("repair_seconds", 0.0), 3),
        "job_peak_mb": run["peak_mb"], "job_rss_before_mb": run["rss_before_mb"],
    })  # fmt: skip
    return row


def run_model(spec_data: dict[str, Any], variants: list[str], jobs_dir: str,
              commit: str, cache: str = str(CACHE)) -> list[dict[str, Any]]:  # fmt: skip
    """Plain run + every variant for one model; one CSV row per variant (errors recorded).

    Args:
        spec_data: `ModelSpec.to_dict()` (plain data: it crosses a process boundary).
        variants: Names from `VARIANTS`.
        jobs_dir: Where each job's report.json is kept (`<variant>/<model_id>/`).
        commit: Recorded in every row.
        cache: Directory of the plain-training cache.
    """
    spec = ModelSpec.from_dict(spec_data)
    arrays = _arrays(spec)
    from benchmarks.builders import build

    weights = build(spec, arrays["x_train"].shape[1:]).get_weights()
    plain = plain_run(spec, arrays, weights, Path(cache))
    baseline, chance = _baselines(spec, arrays)
    seen = truth.behaviour(plain["history"], baseline, chance)
    rows = []
    for variant in variants:
        try:
            run = autotrainer_run(spec, variant, arrays, weights, Path(jobs_dir))
            row = _row(spec, variant, plain, run, seen)
        except Exception as error:  # noqa: BLE001 - one broken run must not end the benchmark
            detail = traceback.format_exc(limit=3).replace("\n", " | ")[-400:]
            row = _row(spec, variant, plain, None, seen, f"{type(error).__name__}: {detail}")
        row["commit"] = commit
        rows.append(row)
    return rows
