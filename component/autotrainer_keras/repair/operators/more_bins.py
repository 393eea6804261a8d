"""`more_bins`: a Hashing layer whose collisions merge categories the targets tell apart gets
enough bins that few values share one.

Values hashed into about as many bins as there are values collide a third of the time
(practice batch 49's 50 cities in 64 bins); with `BINS_PER_VALUE` bins per value read, about
one value in that many shares a bucket. The layer's `num_bins` in the model's config is
raised to the next power of two at or above that (and at least `MIN_GROWTH` times the old
count), and a table sized by the old count behind it, an Embedding's `input_dim` or a
CategoryEncoding's `num_tokens`, grows with it (a `one_hot` output is wider by itself: the
layer reading it restarts from fresh weights, `warm_start`). The readings are the job's
model's (`DataFacts.merged`, `measure.merged_levels`).
"""

from __future__ import annotations

import math

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.setup_facts import DataFacts
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec

BINS_PER_VALUE = 16
"""Bins per value read: about 1 value in 16 then shares a bucket."""
MIN_GROWTH = 4
"""The new bin count is at least this many times the old."""
SIZED_BY_BINS = {"Embedding": "input_dim", "CategoryEncoding": "num_tokens"}
"""Layers behind an `int` Hashing whose size is the bin count, and the setting that holds it."""


def new_bins(old: int, values: int) -> int:
    """The bin count for `values` values hashed into `old` bins (pure)."""
    wanted = max(BINS_PER_VALUE * values, MIN_GROWTH * old, 2)
    return 2 ** math.ceil(math.log2(wanted))


def _grow(model: dict, name: str, values: int) -> tuple[int, int]:
    """Raise the Hashing entry `name`'s bins in `model` (in place) and the tables sized by
    them behind it; (old, new) bin counts."""
    entry = mc.find_layer(model, name)
    if entry["class_name"] != "Hashing":
        raise ModelSpecError(f"more_bins: layer '{name}' is no Hashing layer")
    config = entry["config"]
    old = int(config["num_bins"])
    config["num_bins"] = new = new_bins(old, values)
    mc.forget_shapes_after(model, name)
    if config.get("output_mode", "int") == "int":
        for consumer in mc.consumer_names(model, name):
            behind = mc.find_layer(model, consumer)
            setting = SIZED_BY_BINS.get(behind["class_name"])
            if setting and int(behind["config"].get(setting) or 0) == old:
                behind["config"][setting] = new
    return old, new


def more_bins_operator(facts: DataFacts) -> RepairOperator:
    """The `more_bins` operator for the Hashing readings in `facts`."""

    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        if not facts.merged:
            raise ModelSpecError("more_bins: no Hashing layer merges categories")
        model = spec.model_copy()
        grown = []
        for reading in facts.merged:
            try:
                old, new = _grow(model, reading.layer, reading.values)
            except ModelSpecError:
                continue  # a layer an earlier repair replaced
            grown.append({"layer": reading.layer, "from": old, "to": new})
        if not grown:
            raise ModelSpecError("more_bins: the model has none of the layers read")
        return spec.evolve(model=model), {"layers": grown}

    return RepairOperator(
        id="more_bins",
        family="input",
        max_tries=1,
        transform=transform,
        sentence=_sentence,
    )


def _sentence(p: dict[str, object]) -> str:
    grown = list(p.get("layers") or [])  # type: ignore[call-overload]
    named = ", ".join(f"'{g['layer']}' from {g['from']} to {g['to']}" for g in grown)
    return (
        f"Gave the Hashing layer(s) {named} bins, so that few categories share one: hash "
        "collisions had merged categories whose targets differ."
    )
