"""A multi-output model's training set-up: per output name its loss (a name or the user's
loss object with all its arguments), its weight in the total loss and its metrics.

Taken from the config (`training.loss` / `training.metrics`, then the same for every output),
else from the compiled model (`loss={"out_a": ..., "out_b": ...}` or a list in output order,
`loss_weights`, `metrics` per output), else inferred per output from its units and targets as
for a one-output model. Keras logs each output's loss and metrics as `<output>_loss`,
`<output>_<metric>` (`val_out_a_accuracy`); the detectors read the total `loss`/`val_loss`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import keras
import numpy as np

from autotrainer_keras.engine.compiled import (
    check_metric,
    is_own_loss,
    loss_name,
    plain_compile_config,
    rebuild_loss,
    resolve_loss_config,
)
from autotrainer_keras.engine.missing_inputs import check_missing_inputs
from autotrainer_keras.engine.missing_targets import check_missing_targets
from autotrainer_keras.engine.setup import (
    check_inputs_fit,
    check_target_fits,
    checked_loss_name,
    infer_loss,
    metrics_with_score,
    task_of,
)
from autotrainer_keras.errors import InputError
from autotrainer_keras.io.arrays import Arrays, is_named
from autotrainer_keras.io.data import Dataset

Serialised = str | dict[str, Any]


@dataclass(frozen=True)
class OutputSetup:
    """Per output name (in model output order): loss, loss name, weight and metrics.

    Attributes:
        losses: What `compile` gets per output (a name or a serialised loss object).
        names: The Keras loss name per output (the inferred one for a custom loss).
        loss_weights: Weight of each output's loss in the total, or None (1 each).
        metrics: The metrics per output, under the names the user compiled.
        unlossed: The outputs the user compiled no loss for while others have one (Keras
            would leave them untrained), now trained with the loss inferred from their labels.
    """

    losses: dict[str, Serialised]
    names: dict[str, str]
    loss_weights: dict[str, float] | None
    metrics: dict[str, list[Serialised]]
    unlossed: tuple[str, ...] = ()

    def unlossed_warning(self) -> str:
        """The job's warning about the outputs compiled without a loss ("" when none)."""
        if not self.unlossed:
            return ""
        named = ", ".join(f"'{name}' ({self.names[name]})" for name in self.unlossed)
        return (
            f"output(s) {named} compiled without a loss, which Keras leaves untrained although "
            "the data gives their labels: trained with the loss inferred from them (give "
            "training.loss or compile a loss for every output to choose it)"
        )


def output_names(model: keras.Model) -> list[str]:
    """The model's output names (a Sequential's: its last layer's)."""
    names = getattr(model, "output_names", None)
    if names:
        return [str(name) for name in names]
    return [model.layers[-1].name] if model.layers else []


def input_layer_names(model: keras.Model) -> list[str]:
    """Each input's InputLayer name, in the model's order: the input tensor's own name for a
    named `keras.Input`; for an unnamed one the tensor is `keras_tensor_N` and its layer
    `input_layer_N`, and Keras 3 then takes a dict of inputs by neither name, only a list."""
    names = []
    for tensor in model.inputs:
        operation = getattr(getattr(tensor, "_keras_history", None), "operation", None)
        names.append(str(getattr(operation, "name", None) or tensor.name))
    return names


def listed_inputs(model: keras.Model) -> tuple[list[str], bool] | None:
    """A model's inputs declared as a list (or one input): their tensor names, and whether
    each is its InputLayer's name (Keras then takes a dict by those names); None for inputs
    declared as a dict, or a subclassed model before its first call (no layer graph)."""
    try:
        declared, names = model.input, [tensor.name for tensor in model.inputs]
    except (AttributeError, ValueError):
        return None
    if isinstance(declared, dict):
        return None
    return names, names == input_layer_names(model)


def is_multi_output(model: keras.Model) -> bool:
    """True for a model with several outputs (a subclassed model has no `outputs`: False)."""
    return len(getattr(model, "outputs", None) or ()) > 1


def _per_output(value: Any, names: list[str], what: str) -> dict[str, Any]:
    """A compile argument given per output (dict by name, or list in output order) or once."""
    if isinstance(value, dict) and set(value) <= set(names) and "class_name" not in value:
        return {name: value.get(name) for name in names}
    if isinstance(value, list | tuple) and len(value) == len(names) and what != "metrics":
        return dict(zip(names, value, strict=True))
    if (
        what == "metrics"
        and isinstance(value, list | tuple)
        and value
        and all(isinstance(v, list | tuple) or v is None for v in value)
    ):
        return dict(zip(names, value, strict=False))
    return dict.fromkeys(names, value)


def _target(y: Arrays, name: str) -> np.ndarray:
    assert isinstance(y, dict)
    return y[name]


def check_targets_named(model: keras.Model, y: Arrays, origin: str = "data") -> None:
    """Raise InputError unless `y` is a dict keyed by exactly the model's output names."""
    names = output_names(model)
    if not is_named(y) or sorted(y) != sorted(names):  # type: ignore[arg-type]
        got = sorted(y) if isinstance(y, dict) else "one array"
        keys = _output_keys(model)
        if isinstance(y, dict) and keys is not None and sorted(y) == sorted(keys):
            raise InputError(
                f"{origin}: model '{model.name}' returns a dict keyed {sorted(keys)} whose "
                f"output layers are named {names}: the job reads each output by its layer's "
                "name; name each output layer as its key "
                "(layers.Dense(..., name='<key>'))"
            )
        raise InputError(
            f"{origin}: model '{model.name}' has {len(names)} outputs {names}; pass y as a dict "
            f"of arrays by output name (.npz keys y_train__<output name>), got {got}"
        )


def _output_keys(model: keras.Model) -> list[str] | None:
    """The keys of a functional model that returns a dict of outputs, or None."""
    structure = getattr(model, "_outputs_struct", None)
    return [str(key) for key in structure] if isinstance(structure, dict) else None


def resolve_outputs(
    model: keras.Model,
    configured_loss: Serialised | None,
    configured_metrics: list[Serialised] | None,
    y: Arrays,
) -> OutputSetup:
    """The per-output set-up of a multi-output model trained on targets `y`.

    Raises:
        InputError: A loss or metric that is not supported or cannot be rebuilt, or `y` does
            not name the model's outputs.
    """
    check_targets_named(model, y)
    names = output_names(model)
    compiled = plain_compile_config(model)
    if configured_loss is not None:
        given = dict.fromkeys(names, configured_loss)
    else:
        given = _per_output(compiled.get("loss"), names, "loss")
    losses: dict[str, Serialised] = {}
    loss_names: dict[str, str] = {}
    for index, name in enumerate(names):
        loss = given[name]
        units = int(model.outputs[index].shape[-1] or 1)
        known = checked_loss_name(loss, f" of output '{name}'")
        rank = len(model.outputs[index].shape)
        loss_names[name] = known or infer_loss(units, _target(y, name), rank)
        if isinstance(loss, dict) and (loss.get("module") != "builtins" or known is None):
            if configured_loss is not None:
                resolve_loss_config(model, loss)  # refuses a config loss outside Keras
            rebuild_loss(loss, f"the loss of output '{name}'")
            losses[name] = loss
        else:
            losses[name] = loss_names[name]
    weights = compiled.get("loss_weights")
    loss_weights = None
    if weights is not None:
        per = _per_output(weights, names, "loss_weights")
        loss_weights = {name: float(1.0 if w is None else w) for name, w in per.items()}
    if configured_metrics is not None:
        for metric in configured_metrics:
            check_metric(metric, "config training.metrics")
        metrics = {name: list(configured_metrics) for name in names}
    else:
        per = _per_output(compiled.get("metrics"), names, "metrics")
        metrics = {}
        for name in names:
            own = per.get(name) or []
            own = own if isinstance(own, list) else [own]
            for metric in own:
                check_metric(metric, f"the compiled metrics of output '{name}'")
            target = _target(y, name)
            metrics[name] = metrics_with_score(own, task_of(loss_names[name], target), target)
    unlossed = tuple(name for name in names if given[name] is None)
    partial = unlossed if len(unlossed) < len(names) else ()
    return OutputSetup(losses, loss_names, loss_weights, metrics, partial)


def check_outputs_fit(model: keras.Model, data: Dataset, setup: OutputSetup) -> None:
    """Raise InputError when the data cannot train this multi-output model. An output whose
    loss is the user's own (its name only stands for the task inferred for it) may take
    targets of any shape, as on a one-output model (practice batch 65's risk head: a Cox
    likelihood of (time, event) rows on one unit, refused as `mse`)."""
    check_inputs_fit(model, data.x_train)
    check_missing_inputs(model, data.x_val, "validation data")
    check_targets_named(model, data.y_val, "data (validation)")
    check_missing_targets(model, data, own_loss=False)
    for index, name in enumerate(output_names(model)):
        loss = setup.losses[name]
        if isinstance(loss, dict) and is_own_loss(loss):
            continue
        shape = tuple(model.outputs[index].shape)
        for key, y in (("y_train", data.y_train), ("y_val", data.y_val)):
            check_target_fits(f"{key}__{name}", _target(y, name), setup.names[name], shape)


def _single(arrays: Arrays, names: list[str], what: str) -> Arrays:
    """A dict naming the model's one input (or output) unwrapped to its array."""
    if not isinstance(arrays, dict) or len(names) != 1:
        return arrays
    if list(arrays) != names:
        raise InputError(
            f"data: {what} names {sorted(arrays)} but the model's only "
            f"{'input' if what == 'x' else 'output'} is {names[0]!r}"
        )
    return arrays[names[0]]


def unwrap_single(model: keras.Model, data: Dataset) -> Dataset:
    """The data with a dict for a one-input (one-output) model's only input (output) given
    as its array, so everything downstream sees one array there (the output's sample
    weights by name too).

    Raises:
        InputError: The dict names another input or output than the model's.
    """
    if not (is_named(data.x_train) or is_named(data.y_train)
            or is_named(data.sample_weight) or is_named(data.val_sample_weight)):  # fmt: skip
        return data
    inputs = [str(t.name) for t in getattr(model, "inputs", None) or ()]
    outputs = output_names(model)
    return replace(
        data,
        x_train=_single(data.x_train, inputs, "x"),
        x_val=_single(data.x_val, inputs, "x"),
        y_train=_single(data.y_train, outputs, "y"),
        y_val=_single(data.y_val, outputs, "y"),
        sample_weight=_single_or_none(data.sample_weight, outputs),
        val_sample_weight=_single_or_none(data.val_sample_weight, outputs),
    )


def _single_or_none(weights: Arrays | None, names: list[str]) -> Arrays | None:
    return None if weights is None else _single(weights, names, "sample_weight")


def compiled_output_loss_configs(model: keras.Model) -> dict[str, Serialised | None]:
    """A compiled multi-output model's loss per output name, as compiled (a name or a
    serialised loss; None: none)."""
    names = output_names(model)
    return _per_output(plain_compile_config(model).get("loss"), names, "loss")


def measured_outputs(model: keras.Model) -> frozenset[str]:
    """The outputs the user compiled metrics for (empty: none has any). A model that
    measures only some outputs reads its validation there; the others are auxiliary heads
    (a domain classifier validated on one domain only: practice batch 67)."""
    names = output_names(model)
    per = _per_output(plain_compile_config(model).get("metrics"), names, "metrics")
    return frozenset(name for name, metrics in per.items() if metrics)


def compiled_output_losses(
    model: keras.Model,
) -> tuple[dict[str, str | None], dict[str, float] | None]:
    """A compiled multi-output model's Keras loss name per output (None: a custom loss or
    none) and its loss weights (None: 1 each)."""
    names = output_names(model)
    config = plain_compile_config(model)
    losses = _per_output(config.get("loss"), names, "loss")
    weights = config.get("loss_weights")
    per = _per_output(weights, names, "loss_weights") if weights is not None else None
    return (
        {name: loss_name(loss) if loss else None for name, loss in losses.items()},
        None if per is None else {n: float(1.0 if w is None else w) for n, w in per.items()},
    )
