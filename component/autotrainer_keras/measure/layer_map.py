"""Which trainable variables belong to which top-level layer, and what kind each layer is."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import keras

from autotrainer_keras.measure.reductions import LayerSlot

RELU_FAMILY = frozenset({"relu", "relu6"})
# A layer's main kernel, the first of these it has: a separable convolution's pointwise
# kernel mixes its channels (without it a CNN of separable convolutions had no first kernel
# layer but its head, and a first/output gradient ratio of 1; Keras 3 names a depthwise
# convolution's kernel `kernel`).
MAIN_KERNELS = ("kernel", "pointwise_kernel")


def layer_config(layer: keras.layers.Layer) -> dict[str, Any]:
    """The layer's config, or {} for a layer of the user's own whose constructor Keras cannot
    record (its `get_config` raises NotImplementedError): such a layer is read by its type
    and weights alone."""
    try:
        return dict(layer.get_config())
    except NotImplementedError:
        return {}


def activation_name(layer: keras.layers.Layer) -> str | None:
    """The layer's activation by name (Dense(activation=...), Activation, ReLU), or None."""
    if isinstance(layer, keras.layers.ReLU):
        return "relu"
    config = layer_config(layer)
    activation = config.get("activation")
    if isinstance(activation, dict):  # a class; a function of the user's own gives its name
        inner = activation.get("config")  # as a string (a closure's: "activation")
        named = inner.get("name") if isinstance(inner, dict) else inner
        activation = named or activation.get("class_name")
    return str(activation) if isinstance(activation, str) else None


KERAS_PACKAGES = ("keras", "tf_keras", "tensorflow")
"""Top-level packages whose layers are Keras' own."""


def is_own(layer: keras.layers.Layer) -> bool:
    """Whether the layer's class is the user's (defined outside Keras' packages)."""
    return type(layer).__module__.split(".")[0] not in KERAS_PACKAGES


def parent_layers(layer: keras.layers.Layer) -> list[keras.layers.Layer]:
    """The layers whose outputs `layer` reads (in any of its calls)."""
    found = []
    for node in getattr(layer, "_inbound_nodes", None) or ():
        for tensor in getattr(node, "input_tensors", None) or ():
            history = getattr(tensor, "_keras_history", None)
            if history is not None:
                found.append(history[0])
    return found


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
        kernel = next((position[id(v)] for key in MAIN_KERNELS for v in variables
                       if v.path.split("/")[-1] == key), None)  # fmt: skip
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


def _connected(inputs: object, tensors: list[object]) -> object | None:
    """The first of `tensors` that the model's `inputs` reach, or None."""
    for tensor in tensors:
        if tensor is None or isinstance(tensor, list | tuple):
            continue
        try:
            keras.Model(inputs, tensor)
        except ValueError:  # not connected to these inputs
            continue
        return tensor
    return None


def outer_output(inputs: object, layer: keras.layers.Layer) -> object | None:
    """The layer's output as a tensor of the graph that starts at `inputs`, or None.

    A layer called in several models (a pretrained base reused in a new model) answers
    `.output` with its first call's; a nested model answers it with the end of its inner
    graph. The tensor its call in this graph made is one of its inbound nodes' outputs.
    """
    nodes = reversed(getattr(layer, "_inbound_nodes", []))
    candidates = [getattr(layer, "output", None)]
    candidates += [node.output_tensors[0] for node in nodes if len(node.output_tensors) == 1]
    return _connected(inputs, candidates)


def outer_input(inputs: object, layer: keras.layers.Layer) -> object | None:
    """The tensor of the graph that starts at `inputs` that `layer` (a nested model, a
    shared layer) is called on, or None (see `outer_output`)."""
    nodes = reversed(getattr(layer, "_inbound_nodes", []))
    return _connected(inputs, [node.input_tensors[0] for node in nodes
                               if len(node.input_tensors) == 1])  # fmt: skip


def leaf_layers(model: keras.Layer) -> Iterator[keras.Layer]:
    """Every layer of `model` that is not a model itself, nested models' layers included."""
    stack: list[keras.Layer] = [model]
    while stack:
        layer = stack.pop()
        if isinstance(layer, keras.Model):
            stack.extend(layer.layers)
        else:
            yield layer
