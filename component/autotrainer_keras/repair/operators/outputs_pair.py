"""`output_pair` on a multi-output model: each output a pre-flight finding names (its
`Finding.outputs`: a two-output span reader's start and end scores, both read as
probabilities) gets the activation and loss its own labels call for
(`output_pair.matching_pair` on that output's targets' facts); the other outputs, their
losses and loss weights are kept.

As on one output, the output's kernel layer takes the activation (and a Dense the units),
the Activation, dropout and normalization layers after it become linear; a loss object kept
that read the outputs as logits reads them as probabilities once the output is sigmoid or
softmax. An output no activation can be given (a layer of the user's own computes it: a
reader masking its position scores, practice batch 86's two-output span reader) keeps its
layers and gets its cross-entropy with `from_logits=True` when that loss had read the
scores as probabilities. The candidate is verified like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from autotrainer_keras.engine.compiled import loss_name
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.setup_facts import DataFacts
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.operators.output_pair import (
    SCORES_READ,
    logits_read,
    matching_pair,
    pair_sentence,
    read_as_probabilities,
    set_kernel,
)
from autotrainer_keras.repair.spec import TrainingSpec


def set_one_output(model: dict[str, Any], output: str, units: int | None, activation: str) -> str:
    """Give output layer `output`'s block `activation` (and `units`); returns its kernel
    layer's name.

    Raises:
        ModelSpecError: `output` is no output layer, or one Dense layer does not compute it.
    """
    if output not in mc.output_layer_names(model):
        raise ModelSpecError(f"output_pair: the model has no output layer '{output}'")
    block = mc.output_block(model, [output])
    kernel = [name for name in block if mc.has_kernel(mc.find_layer(model, name))]
    if len(kernel) != 1:
        raise ModelSpecError(f"output_pair: output '{output}' is not computed by one Dense layer")
    return set_kernel(model, block, kernel[0], units, activation)


def outputs_pair_operator(
    output_facts: Mapping[str, DataFacts], outputs: tuple[str, ...]
) -> RepairOperator:
    """The `output_pair` operator for the outputs `outputs` of a multi-output model (the
    ones the finding names; none: it does not apply)."""

    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        losses = dict(spec.output_losses or {})
        if not outputs or any(o not in losses or o not in output_facts for o in outputs):
            raise ModelSpecError("output_pair: the finding names no output of this model")
        model = spec.model_copy()
        changed = [_pair_one(model, losses, output_facts[name], name) for name in outputs]
        return spec.evolve(model=model, output_losses=losses), {"outputs": changed}

    def sentence(p: dict[str, Any]) -> str:
        return " ".join(f"Output '{o['output']}': {pair_sentence(o)}" for o in p["outputs"])

    return RepairOperator(
        id="output_pair",
        family="output",
        max_tries=1,
        transform=transform,
        sentence=sentence,
        changes_output=True,
    )


def _pair_one(
    model: dict[str, Any], losses: dict[str, Any], facts: DataFacts, output: str
) -> dict[str, Any]:
    """Give output `output` (in `model` and `losses`, both changed in place) the pair its
    labels call for; returns what was done (`pair_sentence`'s params)."""
    given = losses[output]
    name = loss_name(given)
    if name is None:
        raise ModelSpecError(f"output_pair: output '{output}' has a loss of the user's own")
    config = given if isinstance(given, dict) else None
    units, activation, loss = matching_pair(facts, name)
    params: dict[str, Any] = {
        "output": output, "units": units, "activation": activation, "loss": loss,
        "old_loss": name, "labels": facts.label_kind,
    }  # fmt: skip
    try:
        params["layer"] = set_one_output(model, output, units, activation)
    except ModelSpecError:
        read = logits_read(name, config) if loss == name and activation in SCORES_READ else None
        if read is None:
            raise
        losses[output] = read
        params.update(layer=output, activation="kept", units=None, from_logits=True)
        return params
    if loss != name:
        losses[output] = loss
    elif activation in SCORES_READ:
        kept, changed = read_as_probabilities(config)
        if changed:
            assert kept is not None
            losses[output] = kept
            params.update(changed)
    return params
