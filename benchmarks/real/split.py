"""The development / test split of the second zoo, made before any tuning and committed.

The unit is a variant (all its seeds go to the same half: no recipe is seen on both sides).
Strata are (base, intended label): labels measured by training came later, so the split is
stratified by what each recipe was built to show and by its base; every stratum is shuffled
with `SPLIT_SEED` and dealt alternately, odd leftovers alternating across strata, so each
half gets half of every stratum (+-1) and of every base and label (+-1 per stratum).

    python -m benchmarks.real.split --write   # (re)write split.csv from the catalogue
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

import numpy as np

from benchmarks.real.spec import Variant

SPLIT_SEED = 13
SPLIT_FILE = Path(__file__).parent / "split.csv"
HALVES = ("dev", "test")


def make_split(variants: list[Variant], seed: int = SPLIT_SEED) -> dict[str, str]:
    """{variant_id: "dev" | "test"}, deterministic for the same variants and seed."""
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for variant in variants:
        strata[(variant.base, variant.intent)].append(variant.variant_id)
    rng = np.random.default_rng(seed)
    halves: dict[str, str] = {}
    odd = 0
    for key in sorted(strata):
        ids = sorted(strata[key])
        shuffled = [ids[i] for i in rng.permutation(len(ids))]
        start = odd % 2 if len(ids) % 2 else 0
        odd += len(ids) % 2
        for position, variant_id in enumerate(shuffled):
            halves[variant_id] = HALVES[(position + start) % 2]
    return halves


def write(variants: list[Variant], path: Path = SPLIT_FILE) -> None:
    halves = make_split(variants)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["variant_id", "base", "intent", "half"])
        for v in sorted(variants, key=lambda v: v.variant_id):
            writer.writerow([v.variant_id, v.base, v.intent, halves[v.variant_id]])


def read(path: Path = SPLIT_FILE) -> dict[str, str]:
    """The committed split: {variant_id: half}."""
    with path.open(newline="") as handle:
        return {row["variant_id"]: row["half"] for row in csv.DictReader(handle)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite split.csv")
    args = parser.parse_args(argv)
    from benchmarks.real.catalogue import variants

    if args.write:
        write(variants())
    counts = defaultdict(int)
    for half in read().values():
        counts[half] += 1
    print(dict(counts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
