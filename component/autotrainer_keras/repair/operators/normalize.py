"""`normalize`: a Normalization layer, adapted on the training data, put in front of the model.

The layer holds the training data's mean and variance in its config (per feature for tabular
rows, one scalar for sequences and images), so the saved model scales its own inputs when it
serves: nothing changes in the user's data pipeline. It does not apply when the model starts
with a Normalization layer already; a first Rescaling layer (a fixed factor that scaled the
inputs wrongly, e.g. 1/255 on data already divided by 255) is replaced by the Normalization.
A model fed named inputs (a dict) gets one after each input far from unit scale whose values
reach weights raw, adapted on that input alone (`DataFacts.inputs`). A functional model whose
one input feeds several layers gets it right after the input, so every branch reads it.
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.setup_facts import TOKEN_LAYERS, DataFacts
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec


def _normalization(name: str, like: mc.Layer, facts: DataFacts) -> mc.Layer:
    """A Normalization layer entry with the data's statistics, computing in float32 under any
    policy `like` has: under mixed_float16 a variance above 65504 (a column of scale 256 or
    more) is infinite in float16 and its column leaves the layer as zeros (the second zoo's
    `mlp_mixed--raw_inputs_sgd`: 2 of 10 columns lost)."""
    layer = mc.new_layer("Normalization", name, like=like, **_settings(facts))
    if mc.policy_name(layer):
        mc.compute_in_float32(layer)
    return layer


def _settings(facts: DataFacts) -> dict[str, object]:
    if facts.norm_axis is None:
        return {"axis": None, "mean": facts.norm_mean[0], "variance": facts.norm_variance[0]}
    return {"axis": facts.norm_axis, "mean": list(facts.norm_mean),
            "variance": list(facts.norm_variance), "invert": False}  # fmt: skip


SCALED_BY = frozenset({"Normalization", "Rescaling", "Discretization", *TOKEN_LAYERS})
"""Layers after which an input's scale is set (or not a magnitude at all): a Discretization
reads raw values against bin boundaries in their units, which a Normalization in front would
move (practice batch 47: ages in years put in front of bins of a decade)."""


def _scalar_normalization(entry: mc.Layer) -> bool:
    """A Normalization over no axis (`axis=None`, saved as `axis: []`): one mean and variance
    for every column, which keeps their ratio (a whole-image normaliser copied to a table)."""
    return entry["class_name"] == "Normalization" and not entry["config"].get("axis")


GIVEN_SCALE_RATIO = 4.0
"""A Normalization given statistics (`mean=`, `variance=`) is restated when it leaves some
column this many times off the unit scale either way (its standard deviation after the layer
above this or below its inverse): a standard deviation passed as the variance (practice batch
18: incomes, property values and balances left with spreads of about 160, 350 and 90)."""


def _given_off_scale(entry: mc.Layer, facts: DataFacts) -> bool:
    """`entry` is a per-column Normalization given statistics in its config that leave some
    column of the training data far off the unit scale (`GIVEN_SCALE_RATIO`)."""
    config = entry["config"]
    variance, mean = config.get("variance"), config.get("mean")
    if entry["class_name"] != "Normalization" or not isinstance(variance, list):
        return False
    if (
        not isinstance(mean, list)
        or len(variance) != len(facts.norm_variance)
        or len(mean) != len(variance)
    ):
        return False
    given = np.maximum(np.asarray(variance, np.float64), 1e-12)
    spread = np.sqrt(np.asarray(facts.norm_variance, np.float64) / given)
    shift = np.abs(np.asarray(facts.norm_mean, np.float64) - np.asarray(mean, np.float64))
    off = np.maximum(spread, shift / np.sqrt(given))
    return bool(np.any(off > GIVEN_SCALE_RATIO) or np.any(spread < 1 / GIVEN_SCALE_RATIO))


def _adapted(entry: mc.Layer) -> bool:
    """A per-column Normalization whose statistics are its weights (`adapt`, none in its
    config): the job's finding read the spreads it leaves on the training rows, so it was
    adapted on something else (the targets: practice batch 21)."""
    config = entry["config"]
    return (entry["class_name"] == "Normalization" and bool(config.get("axis"))
            and config.get("mean") is None and not config.get("invert"))  # fmt: skip


def _per_column(entry: mc.Layer, facts: DataFacts, adapted: bool = False) -> mc.Layer | None:
    """A per-column Normalization, adapted on `facts`, to take the place of `entry` when that
    is a Normalization over no axis on tabular columns, one given statistics that leave the
    columns far off the unit scale (`_given_off_scale`), or, with `adapted`, an adapted one
    (`_adapted`: the model's first layer, whose spreads the finding read; one adapted on the
    training columns is restated as it was); None otherwise."""
    if facts.norm_axis is None:
        return None
    restated = adapted and _adapted(entry)
    if not (_scalar_normalization(entry) or _given_off_scale(entry, facts) or restated):
        return None
    return _normalization(mc.layer_name(entry), entry, facts)


def _first_readers(model: dict[str, object], name: str) -> list[mc.Layer]:
    """The layers that first read the values of layer `name`, through Concatenate layers
    (which keep them)."""
    found: list[mc.Layer] = []
    for consumer in mc.consumer_names(model, name):
        entry = mc.find_layer(model, consumer)
        if entry["class_name"] == "Concatenate":
            found.extend(_first_readers(model, consumer))
        else:
            found.append(entry)
    return found


THRESHOLDS = PreflightThresholds()


def _off_scale(own: DataFacts) -> bool:
    """The input's values are far from the unit scale by the pre-flight's default bounds
    (`input_scale`, `input_tiny`): what the input checks name."""
    return own.max_scale > THRESHOLDS.input_scale or 0 < own.max_scale < THRESHOLDS.input_tiny


def _normalize_named(spec: TrainingSpec, facts: DataFacts) -> Result:
    """A Normalization layer after each named numeric input whose values are far from the
    unit scale and reach weights unscaled (not through a Normalization, Rescaling or lookup
    first), adapted on that input's own training values."""
    model = spec.model_copy()
    added: list[str] = []
    replaced: list[str] = []
    for name, own in facts.inputs:
        readers = _first_readers(model, name)
        if own.text_input or not _off_scale(own) or not readers:
            continue
        wider = [(r, _per_column(r, own)) for r in readers]
        if any(layer is not None for _, layer in wider):
            for reader, layer in wider:
                if layer is not None:
                    mc.replace_layer(model, mc.layer_name(reader), layer)
                    replaced.append(mc.layer_name(reader))
            added.append(name)
            continue
        if any(r["class_name"] in SCALED_BY for r in readers):
            continue
        layer_name = mc.unique_name(model, f"{name}_normalization")
        mc.insert_after(model, name, _normalization(layer_name, readers[0], own))
        added.append(name)
    if not added:
        raise ModelSpecError("normalize: no named input reaches weights far from unit scale")
    return spec.evolve(model=model), {"inputs": added, "replaced": ", ".join(replaced)}


def _fanned_input(model: dict[str, object]) -> str | None:
    """The name of a functional model's single input when several layers read it."""
    if mc.model_kind(model) != mc.FUNCTIONAL:
        return None
    inputs = [e for e in mc.all_layers(model) if e["class_name"] == mc.INPUT_LAYER]
    if len(inputs) != 1:
        return None
    name = mc.layer_name(inputs[0])
    return name if len(_first_readers(model, name)) > 1 else None


def _normalize_after(spec: TrainingSpec, name: str, facts: DataFacts) -> Result:
    """A Normalization right after the input `name`, which several layers read."""
    model = spec.model_copy()
    readers = _first_readers(model, name)
    if any(r["class_name"] in SCALED_BY for r in readers):
        raise ModelSpecError("normalize: the model already scales its input on some branch")
    layer_name = mc.unique_name(model, "input_normalization")
    mc.insert_after(model, name, _normalization(layer_name, readers[0], facts))
    params = {"layer": layer_name, "per_feature": facts.norm_axis is not None,
              "features": len(facts.norm_mean), "replaced": ""}  # fmt: skip
    return spec.evolve(model=model), params


def normalize_operator(facts: DataFacts) -> RepairOperator:
    """The `normalize` operator for this data's statistics."""

    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        if facts.inputs:
            return _normalize_named(spec, facts)
        model = spec.model_copy()
        fanned = _fanned_input(model)
        if fanned is not None:
            return _normalize_after(spec, fanned, facts)
        first = mc.layers(model)[0] if mc.layers(model) else None
        if first is None:
            raise ModelSpecError("normalize: the model has no layer")
        per_column = _per_column(first, facts, adapted=True)
        if per_column is not None:
            mc.replace_layer(model, mc.layer_name(first), per_column)
            name = mc.layer_name(first)
            was = ("Normalization" if _scalar_normalization(first)
                   else "adapted" if _adapted(first) else "given")  # fmt: skip
            params = {"layer": name, "per_feature": True, "features": len(facts.norm_mean),
                      "replaced": name, "was": was}  # fmt: skip
            return spec.evolve(model=model), params
        if first["class_name"] == "Normalization":
            raise ModelSpecError("normalize: the model already scales its inputs")
        if first["class_name"] in TOKEN_LAYERS:
            raise ModelSpecError(f"normalize: a first {first['class_name']} reads ids, not scales")
        if first["class_name"] == "Discretization":
            raise ModelSpecError("normalize: a first Discretization reads values in their units")
        replaced = mc.layer_name(first) if first["class_name"] == "Rescaling" else ""
        name = replaced or mc.unique_name(model, "input_normalization")
        layer = _normalization(name, first, facts)
        if replaced:
            mc.replace_layer(model, replaced, layer)
        else:
            mc.insert_before(model, mc.layer_name(first), layer)
        params = {"layer": name, "per_feature": facts.norm_axis is not None,
                  "features": len(facts.norm_mean), "replaced": replaced}  # fmt: skip
        return spec.evolve(model=model), params

    return RepairOperator(
        id="normalize",
        family="input",
        max_tries=1,
        transform=transform,
        sentence=_sentence,
    )


def _sentence(p: dict[str, object]) -> str:
    inputs = p.get("inputs")
    if isinstance(inputs, list):
        names = ", ".join(f"'{n}'" for n in inputs)
        swapped = (
            f" (in place of the Normalization over no axis '{p['replaced']}')"
            if p.get("replaced")
            else ""
        )
        return (
            f"Put a per-column Normalization layer after the input(s) {names}{swapped}, "
            "adapted on each one's training values: the saved model scales its own inputs."
        )
    was = {
        "Normalization": "Normalization layer over no axis",
        "given": "Normalization layer given statistics that left the columns off unit scale",
        "adapted": "Normalization layer adapted on other values than the training inputs",
    }.get(str(p.get("was")), "Rescaling layer")
    where = (
        f"Replaced the {was} '{p['replaced']}' by a Normalization layer"
        if p.get("replaced")
        else f"Put a Normalization layer '{p['layer']}' in front of the model"
    )
    stats = (
        f"mean and variance of each of {p['features']} features"
        if p["per_feature"]
        else "one mean and variance over all inputs"
    )
    return (
        f"{where}, adapted on the training data ({stats}): the saved model scales its own inputs."
    )
