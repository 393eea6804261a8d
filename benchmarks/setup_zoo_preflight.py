"""The pre-flight checks alone on every variant of the second zoo (no training): which rules
fire on which variant, against the variant's label (benchmarks/results/real/labels.csv).

Each variant's model is built (first seed) and its job prepared exactly as the wrapped job
prepares it (`engine.runner.prepare`, detect mode, tracking off), then `SetupCheck.check` runs
once; nothing is trained, so all 100 variants take a minute or two. Writes
benchmarks/results/setup_zoo_preflight.csv and prints the findings on variants labelled
healthy (false alarms) and on the others.

    .venv/bin/python -m benchmarks.setup_zoo_preflight [--only VARIANT_ID ...]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.real.catalogue import SEEDS, variants

ROOT = Path(__file__).parent
LABELS = ROOT / "results" / "real" / "labels.csv"
OUT = ROOT / "results" / "setup_zoo_preflight.csv"


def labels() -> dict[str, str]:
    """variant id -> label ('' where the seeds disagree or have no majority)."""
    with LABELS.open(newline="") as handle:
        return {row["variant_id"]: row["label"] for row in csv.DictReader(handle)}


def check_variant(variant: Any, seed: int, out: Path) -> dict[str, Any]:
    """The pre-flight findings and the input-scale facts of one variant's job."""
    from autotrainer_keras.config import AutotrainerConfig
    from autotrainer_keras.engine.request import JobRequest, Mode
    from autotrainer_keras.engine.runner import prepare
    from autotrainer_keras.io.data import dataset_from_arrays
    from benchmarks.real import data as datasets
    from benchmarks.real.bases import BY_NAME
    from benchmarks.real.build import batch_size, build_model, fit_arrays

    data = datasets.load(BY_NAME[variant.base].dataset)
    arrays = fit_arrays(variant)
    config = AutotrainerConfig().with_overrides(
        training__epochs=variant.training.epochs,
        training__batch_size=batch_size(variant, data),
        training__seed=seed,
        tracking__enabled=False,
    )
    four = {key: arrays[key] for key in ("x_train", "y_train", "x_val", "y_val")}
    dataset = dataset_from_arrays(four, 0.3, seed, origin=variant.variant_id)
    if arrays.get("sample_weight") is not None:
        weights = {"sample_weight": arrays["sample_weight"],
                   "val_sample_weight": arrays.get("val_sample_weight")}
        dataset = dataclasses.replace(dataset, **weights)
    model = build_model(variant, seed)
    request = JobRequest(Mode.DETECT, model, dataset, config, output_dir=out,
                         model_label=variant.variant_id, data_label=data.name)  # fmt: skip
    job = prepare(request)
    setup = job.ctx.setup
    if setup is None:
        return {"checked": False, "findings": "", "reasons": ""}
    findings = setup.check(job.model, job.spec)
    facts = setup.facts
    return {
        "checked": True,
        "findings": ",".join(f.problem.value for f in findings),
        "reasons": " | ".join(f.reason for f in findings),
        "max_scale": facts.max_scale,
        "median_scale": facts.median_scale,
        "x_min": facts.x_min,
        "x_max": facts.x_max,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None, help="variant ids")
    args = parser.parse_args(argv)
    known = labels()
    chosen = [v for v in variants() if args.only is None or v.variant_id in args.only]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for variant in chosen:
            row = {"variant_id": variant.variant_id, "category": variant.category,
                   "label": known.get(variant.variant_id, "")}  # fmt: skip
            row.update(check_variant(variant, SEEDS[0], Path(tmp) / variant.variant_id))
            rows.append(row)
            print(f"{row['variant_id']}: {row['label'] or '?'}: {row['findings'] or '-'}",
                  flush=True)  # fmt: skip
    if args.only is None:
        OUT.parent.mkdir(exist_ok=True)
        with OUT.open("w", newline="") as handle:
            fields = list(dict.fromkeys(k for r in rows for k in r))
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    healthy = [r for r in rows if r["label"] == "healthy"]
    alarms = [r for r in healthy if r["findings"]]
    print(f"healthy-labelled variants: {len(healthy)}; with a pre-flight finding: {len(alarms)}")
    for r in alarms:
        print(f"  {r['variant_id']}: {r['findings']}: {r['reasons']}")
    faulty = [r for r in rows if r["label"] not in ("healthy", "")]
    print(f"faulty-labelled variants: {len(faulty)}; with a pre-flight finding: "
          f"{sum(bool(r['findings']) for r in faulty)}")  # fmt: skip
    for r in faulty:
        if r["findings"]:
            print(f"  {r['variant_id']} ({r['label']}): {r['findings']}")


if __name__ == "__main__":
    main()
