"""Labels of the second zoo: the symptom of plain training AND the mechanism measured.

Per run (one variant under one seed), two independent words:

- symptom, from the validation curve against the base's own healthy reference (the median
  best validation loss of `<base>--default` over its seeds), so tasks with a ceiling (label
  noise, imbalance, low R^2) are judged against what the base can reach, not against a fixed
  fraction of the constant predictor's loss:
  diverged (non-finite, or the training loss grows past `DIVERGE_FACTOR` x its start);
  stalled (best progress < `STALLED` of the reference's, or accuracy likewise near chance);
  trained (best progress >= `TRAINED_BEST` and final progress >= `TRAINED_FINAL`); else poor.
- mechanism, from the probe and the curve: exploding (non-finite weights/gradients/loss, or the
  total gradient norm grows >= `EG_GROWTH` x its initial value); dead (>= `DEAD` of all ReLU
  units silent on every probe row at the end, or one ReLU layer >= `DEAD_LAYER` silent: it
  blocks the signal, every kernel before it gets no gradient); vanishing (median over epochs of
  log10(|grad first kernel| / |grad last kernel|) <= `VG_LOG_RATIO`); oscillating (>=
  `OSC_FLIPS` of consecutive validation-loss changes flip sign with a median change >=
  `OSC_CHANGE` of the reference's learnable range); else none. First match in this order.

Per variant, the majority (more than half of its seeds, at least `MIN_SEEDS`) of each word;
then the pair gives the label (`LABELS`); a pair not in the table is a disagreement, kept in
labels.csv with status "disagree" and its reason, and left out of scoring. Thresholds are
fixed here before any detector was run on the zoo. One amendment after the first labelled
runs (before any detector run): the dead-layer clause, added when a bias shift of -3 left a
whole 32-unit layer silent (total gradient exactly 0) while the pooled fraction was 0.43.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from pathlib import Path
from typing import Any

DIVERGE_FACTOR = 10.0
STALLED = 0.2
TRAINED_BEST = 0.75
TRAINED_FINAL = 0.5
EG_GROWTH = 1e3
DEAD = 0.5
DEAD_LAYER = 0.9
VG_LOG_RATIO = -3.0
OSC_FLIPS = 0.4
OSC_CHANGE = 0.1
MIN_SEEDS = 3
MIN_LEARNED = 0.05  # the reference must learn this share of its range, or the base is unusable
FLOOR = {"cosine": -1.0}  # the loss's lower bound (0 for the others)

LABELS = {
    ("trained", "none"): "healthy",
    ("diverged", "exploding"): "exploding_gradient",
    ("stalled", "dead"): "dying_relu",
    ("poor", "dead"): "dying_relu",
    ("stalled", "vanishing"): "vanishing_gradient",
    ("poor", "vanishing"): "vanishing_gradient",
    ("stalled", "oscillating"): "oscillating_loss",
    ("poor", "oscillating"): "oscillating_loss",
    ("stalled", "none"): "slow_convergence",
    ("poor", "none"): "slow_convergence",
}
FIELDS = ["variant_id", "base", "recipe", "category", "intent", "seeds", "symptoms",
          "mechanisms", "symptom", "mechanism", "label", "status", "reason", "intent_confirmed",
          "median_seconds"]  # fmt: skip


def _f(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def reference(rows: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """{base: (median best val loss, median best val accuracy)} of its default recipe."""
    by_base: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["recipe"] == "default" and row["category"] == "healthy" and not row["error"]:
            by_base.setdefault(row["base"], []).append(row)
    out = {}
    for base, runs in by_base.items():
        if len(runs) >= MIN_SEEDS:
            losses = sorted(_f(r["best_val_loss"]) for r in runs)
            accs = sorted(_f(r["best_val_accuracy"]) for r in runs)
            out[base] = (losses[len(losses) // 2], accs[len(accs) // 2])
    return out


def symptom(row: dict[str, Any], ref_loss: float, ref_acc: float) -> str:
    """diverged, stalled, trained or poor (see the module docstring)."""
    baseline, first, top = _f(row["baseline"]), _f(row["first_loss"]), _f(row["max_loss"])
    if int(row["nonfinite"]) or not math.isfinite(_f(row["best_val_loss"])):
        return "diverged"
    if first > 0 and top >= DIVERGE_FACTOR * max(first, baseline):
        return "diverged"
    scale = baseline - ref_loss
    best = (baseline - _f(row["best_val_loss"])) / scale
    final = (baseline - _f(row["final_val_loss"])) / scale
    chance, acc = _f(row["chance"]), _f(row["best_val_accuracy"])
    acc_progress = (acc - chance) / (ref_acc - chance) if ref_acc > chance else math.nan
    if best < STALLED or acc_progress < STALLED:
        return "stalled"
    acc_ok = not math.isfinite(acc_progress) or acc_progress >= TRAINED_BEST
    if best >= TRAINED_BEST and final >= TRAINED_FINAL and acc_ok:
        return "trained"
    return "poor"


def mechanism(row: dict[str, Any], ref_loss: float) -> str:
    """exploding, dead, vanishing, oscillating or none (see the module docstring)."""
    start, top = _f(row["grad_total_start"]), _f(row["grad_total_max"])
    if int(row["nonfinite"]) or (start > 0 and top >= EG_GROWTH * start):
        return "exploding"
    if _f(row["dead_end"]) >= DEAD or _f(row["dead_worst_end"]) >= DEAD_LAYER:
        return "dead"
    if _f(row["log10_ratio_median"]) <= VG_LOG_RATIO:
        return "vanishing"
    scale = _f(row["baseline"]) - ref_loss
    flips, change = _f(row["val_flips"]), _f(row["val_median_change"])
    if flips >= OSC_FLIPS and change >= OSC_CHANGE * scale:
        return "oscillating"
    return "none"


def _majority(words: list[str]) -> str | None:
    word, count = Counter(words).most_common(1)[0]
    return word if count * 2 > len(words) else None


def label_variant(runs: list[dict[str, Any]], ref: tuple[float, float] | None,
                  floor: float) -> dict[str, Any]:  # fmt: skip
    """The variant's row of labels.csv from its runs and its base's reference (or None)."""
    first = runs[0]
    out: dict[str, Any] = {key: first[key] for key in ("variant_id", "base", "recipe",
                                                        "category", "intent")}  # fmt: skip
    ok = [r for r in runs if not r["error"]]
    seconds = sorted(_f(r["seconds"]) for r in ok)
    out.update(seeds=len(ok), symptoms="", mechanisms="", symptom="", mechanism="", label="",
               intent_confirmed="",
               median_seconds=round(seconds[len(seconds) // 2], 1) if seconds else "")  # fmt: skip
    if len(ok) < MIN_SEEDS:
        errors = len(runs) - len(ok)
        status = "error" if errors else "pending"
        return {**out, "status": status, "reason": f"{len(ok)} of {MIN_SEEDS} seeds done"
                + (f", {errors} failed: {runs[0]['error'][:80]}" if errors else "")}
    baseline = _f(first["baseline"])
    if ref is None or (baseline - ref[0]) < MIN_LEARNED * (baseline - floor):
        return {**out, "status": "base_unusable",
                "reason": "the base's default recipe did not learn (no reference)"}
    symptoms = [symptom(r, *ref) for r in ok]
    mechanisms = [mechanism(r, ref[0]) for r in ok]
    sym, mech = _majority(symptoms), _majority(mechanisms)
    out.update(symptoms=",".join(symptoms), mechanisms=",".join(mechanisms), symptom=sym or "",
               mechanism=mech or "")  # fmt: skip
    if sym is None or mech is None:
        which = "symptom" if sym is None else "mechanism"
        return {**out, "status": "no_majority", "reason": f"no {which} in the majority of seeds"}
    found = LABELS.get((sym, mech))
    if found is None:
        reason = f"symptom {sym} but mechanism {mech}: no problem has both"
        return {**out, "status": "disagree", "reason": reason}
    return {**out, "label": found, "status": "agree", "reason": "",
            "intent_confirmed": int(found == first["intent"])}


def label_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One labels.csv row per variant present in the runs (first-seen order)."""
    refs = reference(rows)
    by_variant: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_variant.setdefault(row["variant_id"], []).append(row)
    return [label_variant(runs, refs.get(runs[0]["base"]),
                          FLOOR.get(runs[0].get("task", ""), 0.0))
            for runs in by_variant.values()]  # fmt: skip


def write_labels(runs_csv: Path, labels_csv: Path) -> dict[str, int]:
    """Label every variant of `runs_csv` into `labels_csv`; counts per label or status."""
    if not runs_csv.is_file():
        return {}
    with runs_csv.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    labelled = label_rows(rows)
    with labels_csv.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(labelled)
    return dict(Counter(r["label"] or r["status"] for r in labelled))


def summary(labels_csv: Path) -> str:
    """A few lines: variants and runs per label, statuses, intents confirmed, job seconds."""
    with labels_csv.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    done = [r for r in rows if r["status"] not in ("pending", "error")]
    agreed = [r for r in done if r["status"] == "agree"]
    per_label = Counter(r["label"] for r in agreed)
    runs: Counter[str] = Counter()
    for r in agreed:
        runs[r["label"]] += int(r["seeds"])
    statuses = Counter(r["status"] for r in rows)
    faulty = [r for r in agreed if r["category"] != "healthy"]
    seconds = sorted(_f(r["median_seconds"]) for r in done)
    lines = [
        f"variants: {len(rows)} seen, {len(done)} with all seeds; statuses {dict(statuses)}",
        "agreed (symptom and mechanism), variants / runs per label: "
        + ", ".join(f"{k} {v}/{runs[k]}" for k, v in sorted(per_label.items())),
        f"faulty recipes whose label is their intent: "
        f"{sum(r['intent_confirmed'] == '1' for r in faulty)} of {len(faulty)}; healthy "
        f"recipes labelled healthy: "
        f"{sum(r['category'] == 'healthy' and r['label'] == 'healthy' for r in done)} of "
        f"{sum(r['category'] == 'healthy' for r in done)}",
    ]
    if seconds:
        lines.append(f"seconds per job (median of each variant's seeds): median "
                     f"{seconds[len(seconds) // 2]:.1f}, range {seconds[0]:.1f}-{seconds[-1]:.1f}")
    return "\n".join(lines)
