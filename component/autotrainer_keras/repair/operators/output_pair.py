"""`output_pair`: the output activation and loss that match what the labels are.

The data says which pair fits (`DataFacts.label_kind`):

| labels | output | loss |
|---|---|---|
| binary 0/1 | 1 unit, sigmoid | binary cross-entropy (a focal one is kept) |
| integer classes 0..K-1 (per row, or per step) | K units, softmax | sparse categorical CE |
| integer targets under a regression loss (counts, grades) | same units, linear | kept |
| one-hot, K columns | K units, softmax | categorical cross-entropy |
| soft labels (rows that are distributions), under categorical CE | same units, softmax | kept |
| multi-label 0/1, K columns | K units, sigmoid | binary cross-entropy |
| continuous | same units, linear | the regression loss (mse: none, or MSLE on targets < 0) |
| any, under the Poisson loss (counts, rates) | same units, softplus | kept |
| any, under a hinge loss (-1/+1 labels) | same units, linear | kept |
| 0/1 masks (one-hot: softmax), under Dice or Tversky | same units, sigmoid | kept |
| -1, 0 and 1 under a binary loss (-1: a missing label) | none: the loss must mask them | - |

The output layer takes the activation (a Dense one also the units, when they must change;
its weights are then fresh; a convolution, e.g. an autoencoder's, only the activation; a
`TimeDistributed` head, a sequence model's per-step one, through its inner layer);
Activation/Softmax layers after it become linear, and so does a dropout layer there, or a
normalization layer (a BatchNormalization after the softmax undoes its probabilities). A
residual output (`x + f`, `x - f`: a denoiser's) has its correction f made linear instead
(`_linear_correction`: a ReLU noise head removes noise of one sign only). It
changes the output layer, which no other operator may; the candidate is verified like any
other. A kept loss object that read the outputs as logits (`from_logits=True`) reads them as
probabilities once the output is sigmoid or softmax.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autotrainer_keras.detect.preflight.base import MARGIN_LOSSES as MARGIN_SIGN_LOSSES
from autotrainer_keras.detect.preflight.base import OVERLAP_LOSSES
from autotrainer_keras.detect.preflight.log_loss_targets import LOG_LOSSES
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.loss_weights import label_smoothing
from autotrainer_keras.measure.setup_facts import DataFacts
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.operators.dropout_down import DROPOUT_CLASSES
from autotrainer_keras.repair.spec import TrainingSpec

BINARY_LOSSES = ("binary_crossentropy", "binary_focal_crossentropy")
REGRESSION_LOSSES = ("mse", "mean_squared_error", "mae", "mean_absolute_error", "huber",
                     "log_cosh", "mean_squared_logarithmic_error")  # fmt: skip
RATE_LOSSES = ("poisson",)
MARGIN_LOSSES = MARGIN_SIGN_LOSSES | {"categorical_hinge"}  # scores, never probabilities
ACTIVATION_LAYERS = frozenset({"Activation", "Softmax"})
SCORES_READ = ("sigmoid", "softmax")
"""Output activations that give probabilities: a kept loss then reads them as such."""
NORMALIZING_LAYERS = frozenset({"BatchNormalization", "LayerNormalization", "GroupNormalization"})
"""Layers that standardise the output again after its activation (a BatchNormalization
appended after the softmax): the candidate leaves them out (a linear Activation there)."""


def matching_pair(facts: DataFacts, loss: str) -> tuple[int | None, str, str]:
    """(output units or None to keep them, output activation, loss) that fit the labels."""
    kind = facts.label_kind
    if loss in RATE_LOSSES:  # counts or rates: the loss fits, its log needs a positive output
        return None, "softplus", loss
    if loss == "kl_divergence":  # targets are distributions: the loss fits, a softmax gives one
        return None, "softmax", loss
    if loss in MARGIN_LOSSES:  # -1/+1 labels: the loss fits, its scores need both signs
        return None, "linear", loss
    if loss in OVERLAP_LOSSES:  # masks: the loss fits, it needs probabilities
        return None, "softmax" if kind == "onehot" else "sigmoid", loss
    if facts.minus_one_labels and loss in BINARY_LOSSES:  # practice batch 77's assays
        raise ModelSpecError(
            "output_pair: labels of -1, 0 and 1 under a binary loss: -1 reads as a missing "
            "label, which no output and loss pair can leave out (a mse on them learns the "
            "missing entries as targets); mask them in the loss")  # fmt: skip
    if kind == "binary":
        return 1, "sigmoid", loss if loss in BINARY_LOSSES else "binary_crossentropy"
    if kind == "integer" and loss in REGRESSION_LOSSES:  # counts, grades: a regression
        return None, "linear", loss
    if kind == "integer":
        if facts.y_min < 0:
            raise ModelSpecError("output_pair: integer labels below 0 need re-encoding first")
        return int(facts.y_max) + 1, "softmax", "sparse_categorical_crossentropy"
    if kind == "onehot":
        return facts.label_columns, "softmax", "categorical_crossentropy"
    if kind == "multilabel":  # labels per step (y_rank > 2): the head's units already fit
        units = facts.label_columns if facts.y_rank == 2 else None  # the step's last axis
        return units, "sigmoid", "binary_crossentropy"  # (practice batch 93's stay tagger)
    if facts.soft_rows and loss == "categorical_crossentropy":  # soft labels: distributions
        return None, "softmax", loss
    if loss in LOG_LOSSES and facts.y_min < 0:  # log(1 + y) clips targets below 0
        return None, "linear", "mse"
    return None, "linear", loss if loss in REGRESSION_LOSSES else "mse"


def set_output(model: dict[str, object], units: int | None, activation: str) -> str:
    """Give the output block `activation` (and `units`); returns the kernel layer's name."""
    block = mc.output_block(model)
    kernel = [name for name in block if mc.has_kernel(mc.find_layer(model, name))]
    if not kernel:
        scored = ""
        if units in (None, 1):
            scored = _swapped_activation(model, block, activation) or (
                _score_activation(model, activation) if activation != "linear" else ""
            )
        scored = scored or _merged_activation(model, units, activation)
        scored = scored or (_linear_correction(model) if activation == "linear" else "")
        if scored:
            return scored
    if len(kernel) != 1:
        raise ModelSpecError("output_pair: the output is not computed by one Dense layer")
    return set_kernel(model, block, kernel[0], units, activation)


def set_kernel(model: dict[str, object], block: set[str], kernel: str, units: int | None,
               activation: str) -> str:  # fmt: skip
    """Give the output block's kernel layer `activation` (and `units`), the block's
    Activation, dropout and normalization layers made linear; returns the kernel's name."""
    layer = mc.find_layer(model, kernel)
    if layer["class_name"] == "TimeDistributed":  # a per-step head: its inner layer
        layer = layer["config"]["layer"]
    config = layer["config"]
    if "activation" not in config:
        raise ModelSpecError(f"output_pair: the output layer is a {layer['class_name']}")
    if units is not None and units != config.get("units", config.get("filters")):
        if layer["class_name"] != "Dense":
            raise ModelSpecError(
                f"output_pair: the output layer is a {layer['class_name']} with "
                f"{config.get('filters')} filters; the labels need {units} units"
            )
        config["units"] = units
    config["activation"] = activation
    for name in block - {kernel}:
        entry = mc.find_layer(model, name)
        if entry["class_name"] in ACTIVATION_LAYERS | DROPOUT_CLASSES | NORMALIZING_LAYERS:
            mc.replace_layer(
                model, name, mc.new_layer("Activation", name, like=entry, activation="linear")
            )
    return kernel


def _swapped_activation(model: dict[str, object], block: set[str], activation: str) -> str:
    """The output block's Activation layer made `activation` when no kernel layer computes
    the output (a sum of a Dot and bias Embeddings squashed by `Activation("sigmoid")`:
    practice batch 27's matrix factorisation on 1-5 stars); returns its name ("" when the
    block has no such layer)."""
    found = [name for name in block
             if mc.find_layer(model, name)["class_name"] in ACTIVATION_LAYERS]  # fmt: skip
    if len(found) != 1:
        return ""
    entry = mc.find_layer(model, found[0])
    mc.replace_layer(
        model, found[0], mc.new_layer("Activation", found[0], like=entry, activation=activation)
    )
    return found[0]


def _score_activation(model: dict[str, object], activation: str) -> str:
    """An Activation layer appended after a `Dot` output of two row vectors (a two-tower
    recommender's score: one value per row, no layer of its own to take an activation);
    returns its name ("" when the output is not such a score)."""
    (name,) = mc.output_layer_names(model) or ("",)
    entry = mc.find_layer(model, name) if name else None
    if entry is None or entry["class_name"] != "Dot":
        return ""
    tensors = [t for node in entry.get("inbound_nodes", []) for t in mc.inbound_tensors(node)]
    if len(tensors) != 2 or any(len(t["shape"]) != 2 for t in tensors):
        return ""
    new = mc.unique_name(model, f"{name}_{activation}")
    mc.append_output(model, mc.new_layer("Activation", new, like=entry, activation=activation),
                     1, shape=[None, 1])  # fmt: skip
    return new


MERGING_LAYERS = frozenset({"Average", "Add", "Maximum", "Minimum"})
"""Layers that merge tensors of one shape into the output (an ensemble's heads averaged):
no layer of their own computes the output, so an activation is appended after them."""


def _merged_activation(model: dict[str, object], units: int | None, activation: str) -> str:
    """An Activation layer appended after an output that merges heads of one shape
    (`MERGING_LAYERS`: practice batch 60's four logit heads averaged under a loss reading
    probabilities) when their last axis has `units` (None: any); returns its name ("" when
    the output is no such merge, or the activation is linear: nothing to append)."""
    (name,) = mc.output_layer_names(model) or ("",)
    entry = mc.find_layer(model, name) if name else None
    if activation == "linear" or entry is None or entry["class_name"] not in MERGING_LAYERS:
        return ""
    tensors = [t for node in entry.get("inbound_nodes", []) for t in mc.inbound_tensors(node)]
    shapes = {tuple(t["shape"]) for t in tensors}
    if len(tensors) < 2 or len(shapes) != 1:
        return ""
    (shape,) = shapes
    if units is not None and shape[-1] != units:
        return ""
    new = mc.unique_name(model, f"{name}_{activation}")
    mc.append_output(model, mc.new_layer("Activation", new, like=entry, activation=activation),
                     int(shape[-1] or 1), shape=list(shape))  # fmt: skip
    return new


SKIP_JOINS = frozenset({"Add", "Subtract"})
PASSING_LAYERS = frozenset({"Reshape", "Flatten", "Dropout", "UpSampling1D", "UpSampling2D",
                            "UpSampling3D", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D",
                            "Cropping1D", "Cropping2D", "Cropping3D"})  # fmt: skip
"""Weight-free layers between a model input and a residual join (the input upsampled)."""


def _linear_correction(model: dict[str, object]) -> str:
    """A residual output's correction made linear: the output is an `Add` or `Subtract` of a
    model input (maybe through `PASSING_LAYERS`) and a branch computed by one kernel layer,
    maybe through Activation layers, which becomes linear (and they too): practice batch
    84's denoiser taking away a ReLU noise head. Returns the kernel layer's name ("" when
    the output is no such join)."""
    (name,) = mc.output_layer_names(model) or ("",)
    entry = mc.find_layer(model, name) if name else None
    if entry is None or entry["class_name"] not in SKIP_JOINS:
        return ""
    parents = mc.inbound_layer_names(model, name)
    branches = [parent for parent in parents if not _from_input(model, parent)]
    if len(parents) != 2 or len(branches) != 1:
        return ""
    current, passed = branches[0], []
    while mc.find_layer(model, current)["class_name"] in ACTIVATION_LAYERS:
        passed.append(current)
        inbound = mc.inbound_layer_names(model, current)
        if len(inbound) != 1:
            return ""
        current = inbound[0]
    layer = mc.find_layer(model, current)
    if not mc.has_kernel(layer) or "activation" not in layer["config"]:
        return ""
    layer["config"]["activation"] = "linear"
    for name in passed:
        entry = mc.find_layer(model, name)
        mc.replace_layer(
            model, name, mc.new_layer("Activation", name, like=entry, activation="linear")
        )
    return current


def _from_input(model: dict[str, object], name: str) -> bool:
    """The layer is a model input, or passes one on (`PASSING_LAYERS`)."""
    while True:
        entry = mc.find_layer(model, name)
        if entry["class_name"] == mc.INPUT_LAYER:
            return True
        inbound = mc.inbound_layer_names(model, name)
        if entry["class_name"] not in PASSING_LAYERS or len(inbound) != 1:
            return False
        name = inbound[0]


def probabilities_read(loss_config: dict[str, Any] | None) -> dict[str, Any] | None:
    """The loss object's config with `from_logits=False` when it had True (a sigmoid or
    softmax output gives probabilities; a focal loss would squash them again), else the
    same object."""
    config = (loss_config or {}).get("config")
    if not (isinstance(config, dict) and config.get("from_logits") is True):
        return loss_config
    assert loss_config is not None
    return {**loss_config, "config": {**config, "from_logits": False}}


LOSS_CLASSES = {"binary_crossentropy": "BinaryCrossentropy",
                "categorical_crossentropy": "CategoricalCrossentropy",
                "sparse_categorical_crossentropy": "SparseCategoricalCrossentropy"}  # fmt: skip
"""Keras' cross-entropies by name, to be given `from_logits=True` (`logits_read`)."""


def logits_read(loss: str, loss_config: dict[str, Any] | None) -> dict[str, Any] | None:
    """The loss (a name, or the user's object serialised) as an object that reads the
    outputs as logits: the user's loss object with `from_logits=True`, or Keras' class of a
    loss given by name; None when it already does, or for another loss. For an output no
    activation can be given (a layer of the user's own masking position scores: practice
    batch 86)."""
    config = (loss_config or {}).get("config")
    if isinstance(config, dict) and "from_logits" in config:
        if config["from_logits"] is True:
            return None
        assert loss_config is not None
        return {**loss_config, "config": {**config, "from_logits": True}}
    name = LOSS_CLASSES.get(loss)
    if name is None or loss_config is not None:
        return None
    import keras

    return keras.losses.serialize(getattr(keras.losses, name)(from_logits=True))


def read_as_probabilities(
    loss_config: dict[str, Any] | None,
) -> tuple[dict[str, Any] | None, dict[str, object]]:
    """A kept loss object's config for an output made sigmoid or softmax
    (`probabilities_read`, then `_labels_kept`), and what changed (`from_logits`,
    `label_smoothing`: `pair_sentence`'s params; empty when nothing did)."""
    changed: dict[str, object] = {}
    kept = probabilities_read(loss_config)
    if kept is not loss_config:
        changed["from_logits"] = False
    unsmoothed = _labels_kept(kept)
    if unsmoothed is not kept:
        changed["label_smoothing"] = 0
    return unsmoothed, changed


def _labels_kept(loss_config: dict[str, Any] | None) -> dict[str, Any] | None:
    """The loss object's config with `label_smoothing` 0 when it was 1 or more (every
    target uniform: pre-flight `uniform_targets`), else the same object."""
    if label_smoothing(loss_config) < 1.0:
        return loss_config
    assert loss_config is not None
    return {**loss_config, "config": {**loss_config["config"], "label_smoothing": 0.0}}


def output_pair_operator(facts: DataFacts) -> RepairOperator:
    """The `output_pair` operator for these labels."""

    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        units, activation, loss = matching_pair(facts, spec.loss)
        model = spec.model_copy()
        try:
            layer = set_output(model, units, activation)
        except ModelSpecError:
            read = logits_read(spec.loss, spec.loss_config) if loss == spec.loss and (
                activation in SCORES_READ) else None  # fmt: skip
            if read is None:
                raise
            return spec.evolve(loss_config=read), {
                "layer": ", ".join(mc.output_layer_names(model)), "activation": "kept",
                "units": None, "loss": loss, "old_loss": spec.loss,
                "labels": facts.label_kind, "from_logits": True}  # fmt: skip
        params: dict[str, object] = {
            "layer": layer, "activation": activation, "units": units, "loss": loss,
            "old_loss": spec.loss, "labels": facts.label_kind,
        }  # fmt: skip
        changes: dict[str, object] = {"model": model, "loss": loss}
        if loss == spec.loss and activation in SCORES_READ:
            kept, changed = read_as_probabilities(spec.loss_config)
            if changed:
                changes["loss_config"] = kept
                params.update(changed)
        return spec.evolve(**changes), params

    return RepairOperator(
        id="output_pair",
        family="output",
        max_tries=1,
        transform=transform,
        sentence=pair_sentence,
        changes_output=True,
    )


def pair_sentence(p: dict[str, object]) -> str:
    """What `output_pair` changed, in one sentence."""
    units = f"{p['units']} unit(s) with " if p["units"] is not None else ""
    loss = (f"; loss {p['old_loss']} -> {p['loss']}" if p["loss"] != p["old_loss"]
            else f"; loss {p['loss']} kept")  # fmt: skip
    if p.get("from_logits") is True:
        return (
            f"Output layer '{p['layer']}' kept (no activation of its own to set); "
            f"loss {p['loss']} with from_logits=True (it read the scores as "
            "probabilities)."
        )
    if "from_logits" in p:
        loss += " with from_logits=False (it read the probabilities as logits)"
    if "label_smoothing" in p:
        loss += " with label_smoothing=0 (it made every target the same)"
    return (
        f"Output layer '{p['layer']}' set to {units}{p['activation']} for {p['labels']} "
        f"labels{loss}."
    )
