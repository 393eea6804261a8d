"""The development / test split of the second zoo, made before any tuning and committed.

The unit is a variant (all its seeds go to the same half: no recipe is seen on both sides).
Strata are (base, intended label): labels measured by training came later, so the split is
stratified by what each recipe was built to show and by its base; every stratum is shuffled
with `SPLIT_SEED` and dealt in pairs; odd leftovers go where their intent, then their base,
is scarcer. Each half gets half of every stratum (+-1) and of every intent (+-1).
Variants added to the catalogue later are dealt in by `extend_split` (per operator, seeded),
written before any of their runs is used for anything but labelling; no variant already in
split.csv ever changes half.

    python -m benchmarks.real.split --write   # add the catalogue's new variants to split.csv
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
    """{variant_id: "dev" | "test"}, deterministic for the same variants and seed.

    Each (base, intent) stratum is shuffled and dealt in pairs, one to each half; the odd
    leftovers (in a seeded order) go to the half with fewer of their intent, then of their
    base, then alternately.
    """
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for variant in variants:
        strata[(variant.base, variant.intent)].append(variant.variant_id)
    rng = np.random.default_rng(seed)
    halves: dict[str, str] = {}
    count: dict[tuple[str, str], int] = defaultdict(int)  # (intent or base, half) -> variants
    leftovers = []
    for base, intent in sorted(strata):
        ids = sorted(strata[(base, intent)])
        shuffled = [ids[i] for i in rng.permutation(len(ids))]
        for position, variant_id in enumerate(shuffled[: len(ids) // 2 * 2]):
            halves[variant_id] = HALVES[position % 2]
        if len(ids) % 2:
            leftovers.append((shuffled[-1], base, intent))
    for turn, index in enumerate(rng.permutation(len(leftovers))):
        variant_id, base, intent = leftovers[index]
        half = min(HALVES, key=lambda h: (count[(intent, h)], count[(base, h)],
                                          h != HALVES[turn % 2]))  # fmt: skip
        halves[variant_id] = half
        count[(intent, half)] += 1
        count[(base, half)] += 1
    return halves


def extend_split(halves: dict[str, str], added: list[Variant],
                 seed: int = SPLIT_SEED) -> dict[str, str]:  # fmt: skip
    """`halves` with the `added` variants dealt in, the existing assignments unchanged.

    Variants added after the first split (the gradient operators) are grouped by operator;
    each group is shuffled with `seed` and dealt alternately, the first of each group going
    to the half with fewer added variants so far, so every operator lands in both halves
    (+-1) and the halves stay balanced.
    """
    out = dict(halves)
    groups: dict[str, list[str]] = defaultdict(list)
    for variant in added:
        if variant.variant_id not in out:
            groups[variant.recipe].append(variant.variant_id)
    rng = np.random.default_rng(seed)
    count = {half: 0 for half in HALVES}
    for recipe in sorted(groups):
        ids = sorted(groups[recipe])
        start = HALVES.index(min(HALVES, key=lambda h: (count[h], HALVES.index(h))))
        for position, index in enumerate(rng.permutation(len(ids))):
            half = HALVES[(start + position) % 2]
            out[ids[index]] = half
            count[half] += 1
    return out


def catalogue_split() -> dict[str, str]:
    """The split of the whole catalogue: the first variants by `make_split` (as written
    before the first run), the gradient variants dealt in by `extend_split`."""
    from benchmarks.real.catalogue import first_variants, gradient_variants

    return extend_split(make_split(first_variants()), gradient_variants())


def write(variants: list[Variant], path: Path = SPLIT_FILE) -> None:
    """split.csv for `variants`: the committed assignments kept, new variants dealt in."""
    halves = extend_split(read(path), variants) if path.is_file() else make_split(variants)
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
    parser.add_argument("--write", action="store_true",
                        help="add new catalogue variants (existing ones kept)")  # fmt: skip
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
