"""One plain training (`model.fit`, no autotrainer) of one variant under one seed, measured.

The result row holds what labelling needs, raw (no judgement here): the validation curve's
summary (best, final, swings), the training loss's growth, the accuracy reached, and the
mechanism probe's summary (gradient ratio first/last kernel, total gradient growth,
non-finite values, dead ReLU fractions). The full curves go to a JSON file beside the CSV.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.real import data as datasets
from benchmarks.real.bases import BY_NAME
from benchmarks.real.mechanism import MechanismProbe, swings
from benchmarks.real.spec import Variant

FIELDS = [
    "run_id", "variant_id", "base", "recipe", "category", "intent", "seed", "dataset", "task",
    "epochs", "batch_size", "baseline", "chance", "first_loss", "max_loss", "best_val_loss",
    "final_val_loss", "best_val_accuracy", "final_val_accuracy", "val_flips", "val_median_change",
    "nonfinite", "grad_total_start", "grad_total_max", "log10_ratio_start",
    "log10_ratio_median", "dead_end", "dead_worst_end", "dead_median", "seconds", "commit",
    "error",
]  # fmt: skip


def run_id(variant: Variant, seed: int) -> str:
    """`<variant_id>--s<seed>`: one job's key in the CSVs."""
    return f"{variant.variant_id}--s{seed}"


def _finite(values: list[float]) -> list[float]:
    return [v for v in values if math.isfinite(v)]


def _log_ratio(record: dict[str, float]) -> float:
    first, last = record["grad_first"], record["grad_last"]
    if not (math.isfinite(first) and math.isfinite(last)) or last <= 0:
        return math.nan
    return math.log10(max(first, 1e-30) / last)


def summarise(history: dict[str, list[float]], probes: list[dict[str, float]]) -> dict[str, Any]:
    """The labelling inputs from the curves and the probe records (pure)."""
    loss, val = history.get("loss", []), history.get("val_loss", [])
    acc = history.get("val_accuracy", [])
    finite_val = _finite(val)
    flips, change = swings(val)
    ratios = _finite([_log_ratio(r) for r in probes[1:]])
    totals = _finite([r["grad_total"] for r in probes])
    end = probes[-1] if probes else {}
    nonfinite = any(r["nonfinite"] for r in probes) or len(_finite(loss)) < len(loss) or (
        len(finite_val) < len(val)
    )
    return {
        "first_loss": loss[0] if loss else math.nan,
        "max_loss": max(_finite(loss), default=math.nan),
        "best_val_loss": min(finite_val, default=math.nan),
        "final_val_loss": val[-1] if val else math.nan,
        "best_val_accuracy": max(_finite(acc), default=math.nan) if acc else "",
        "final_val_accuracy": acc[-1] if acc else "",
        "val_flips": flips,
        "val_median_change": change,
        "nonfinite": int(nonfinite),
        "grad_total_start": probes[0]["grad_total"] if probes else math.nan,
        "grad_total_max": max(totals, default=math.nan),
        "log10_ratio_start": _log_ratio(probes[0]) if probes else math.nan,
        "log10_ratio_median": float(np.median(ratios)) if ratios else math.nan,
        "dead_end": end.get("dead", math.nan),
        "dead_worst_end": end.get("dead_worst", math.nan),
        "dead_median": float(np.nanmedian([r["dead"] for r in probes[1:]]))
        if len(probes) > 1 and any(math.isfinite(r["dead"]) for r in probes[1:]) else math.nan,
    }  # fmt: skip


def _validation(arrays: dict[str, Any]) -> tuple[Any, ...]:
    pair = (arrays["x_val"], arrays["y_val"])
    weights = arrays["val_sample_weight"]
    return pair if weights is None else (*pair, weights)


def train(
    variant: Variant, seed: int
) -> tuple[dict[str, list[float]], list[dict[str, float]], dict[str, Any]]:
    """Plain `model.fit` of the variant from `seed`; (history, probe records, watch record)."""
    from benchmarks.real.build import build_model, fit_arrays
    from benchmarks.real.watched import RecordingWatch

    data = datasets.load(BY_NAME[variant.base].dataset)
    arrays = fit_arrays(variant)
    model = build_model(variant, seed)
    probe = MechanismProbe(arrays["x_train"], arrays["y_train"], data.classify)
    watch = RecordingWatch(arrays["x_train"], arrays["y_train"], arrays["sample_weight"])
    history = _fit(model, variant, seed, arrays, [probe, watch])
    curves = {key: [float(v) for v in values] for key, values in history.history.items()}
    return curves, probe.records, watch.record()


def timed_fit(variant: Variant, seed: int) -> tuple[float, float]:
    """(wall, CPU) seconds of plain `model.fit` of the variant from `seed`, nothing watching:
    the denominator of a job's time ratio (`bench`, run in the job's process just before it)."""
    import keras

    from benchmarks.real.build import build_model, fit_arrays

    arrays = fit_arrays(variant)
    keras.backend.clear_session()
    model = build_model(variant, seed)
    started, cpu = time.perf_counter(), time.process_time()
    _fit(model, variant, seed, arrays, [])
    return time.perf_counter() - started, time.process_time() - cpu


def _fit(model: Any, variant: Variant, seed: int, arrays: dict[str, Any],
         callbacks: list[Any]) -> Any:  # fmt: skip
    """Plain `model.fit` of the variant's job (`arrays`: `build.fit_arrays`) from `seed`."""
    import keras

    from benchmarks.real.build import batch_size

    data = datasets.load(BY_NAME[variant.base].dataset)
    keras.utils.set_random_seed(seed)
    return model.fit(
        arrays["x_train"], arrays["y_train"], sample_weight=arrays["sample_weight"],
        batch_size=batch_size(variant, data), epochs=variant.training.epochs,
        validation_data=_validation(arrays), shuffle=True, verbose=0, callbacks=callbacks,
    )  # fmt: skip


def run(variant: Variant, seed: int, curves_dir: Path, commit: str) -> dict[str, Any]:
    """Train, measure and summarise one (variant, seed); the full curves to `curves_dir`."""
    from benchmarks.real.build import batch_size

    data = datasets.load(BY_NAME[variant.base].dataset)
    baseline, chance = datasets.baseline(data, weighted=variant.training.sample_weights)
    row: dict[str, Any] = {
        "run_id": run_id(variant, seed), "variant_id": variant.variant_id, "base": variant.base,
        "recipe": variant.recipe, "category": variant.category, "intent": variant.intent,
        "seed": seed, "dataset": data.name, "task": data.task, "epochs": variant.training.epochs,
        "batch_size": batch_size(variant, data), "baseline": baseline,
        "chance": "" if chance is None else chance, "commit": commit, "error": "",
    }  # fmt: skip
    started = time.perf_counter()
    history, probes, watched = train(variant, seed)
    row["seconds"] = round(time.perf_counter() - started, 2)
    row.update(summarise(history, probes))
    curves_dir.mkdir(parents=True, exist_ok=True)
    path = curves_dir / f"{row['run_id']}.json"
    path.write_text(json.dumps({"history": history, "probes": probes, "watch": watched}))
    return row
