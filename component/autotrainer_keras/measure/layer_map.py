"""Which trainable variables belong to which top-level layer, and what kind each layer is."""

from __future__ import annotations

import keras

from autotrainer_keras.measure.reductions import LayerSlot

RELU_FAMILY = frozenset({"relu", "relu6"})


def activation_name(layer: keras.layers.Layer) -> str | None:
    """The layer's activation by name (Dense(activation=...), Activation, ReLU), or None."""
    if isinstance(layer, keras.layers.ReLU):
        return "relu"
    config = layer.get_config()
    activation = config.get("activation")
    if isinstance(activation, dict):
        activation = activation.get("config", {}).get("name") or activation.get("class_name")
    return str(activation) if isinstance(activation, str) else None


def graph_ends(model: keras.Model) -> tuple[object, object]:
    """The model's input and output tensors, unwrapped when there is just one of each.

    Works for Sequential and functional models (`model.input` raises on some Sequentials).
    """
    inputs, outputs = model.inputs, model.outputs
    return (
        inputs[0] if len(inputs) == 1 else inputs,
        outputs[0] if len(outputs) == 1 else outputs,
    )


def is_relu_family(layer: keras.layers.Layer) -> bool:
    return activation_name(layer) in RELU_FAMILY


def map_layers(model: keras.Model) -> list[LayerSlot]:
    """Top-level layers that own trainable variables, in model order."""
    position = {id(v): i for i, v in enumerate(model.trainable_variables)}
    slots = []
    for layer in model.layers:
        variables = [v for v in layer.trainable_variables if id(v) in position]
        if not variables:
            continue
        indices = tuple(position[id(v)] for v in variables)
        kernel = next(
            (position[id(v)] for v in variables if v.path.split("/")[-1] == "kernel"), None
        )
        slots.append(
            LayerSlot(
                name=layer.name,
                kind=type(layer).__name__,
                indices=indices,
                kernel_index=kernel,
                activation=activation_name(layer),
                n_params=int(sum(int(v.numpy().size) for v in variables)),
            )
        )
    return slots
