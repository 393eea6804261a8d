"""What computes a model's output, read back from its last layer: the activation (through
Activation and Softmax layers, weight-free wrappers and joins of linear branches), a final
Rescaling's mapped activation, a softmax over another axis, a dropout after the output, the
bounded features an output layer reads. A `Lambda` that only moves values (`depth_to_space`)
reads as a wrapper."""

from __future__ import annotations

from collections.abc import Iterator

import keras
import numpy as np

from autotrainer_keras.measure.layer_graph import DROPOUT_LAYERS
from autotrainer_keras.measure.layer_map import activation_name, is_own, parent_layers

OUTPUT_WRAPPERS = (keras.layers.Dropout, keras.layers.Flatten, keras.layers.Reshape)
PROBE_ROWS = 2
"""Rows of random values a `Lambda` at the output is called on (`rearranges_values`)."""
SCORE_LAYERS = (keras.layers.Dot,)
"""Layers whose output is a raw score of their inputs, never in a bounded range (a two-tower
recommender's `Dot`)."""
NORMALIZING_LAYERS = (keras.layers.BatchNormalization, keras.layers.LayerNormalization,
                      keras.layers.GroupNormalization)  # fmt: skip
"""Layers whose outputs are standardised values shifted and scaled by learned weights: at the
output they undo the range of any activation before them (a BatchNormalization appended
after the softmax, practice batch 15: 0.19 against 0.95), so the output reads as linear."""
MERGE_LAYERS = (keras.layers.Add, keras.layers.Subtract, keras.layers.Average,
                keras.layers.Concatenate)  # fmt: skip
"""Layers that join branches without an activation of their own: linear when every branch
they join is (a residual output: a skip from the inputs plus a linear convolution); a join of
activated heads keeps their range, so it says nothing of the output's activation."""
RESAMPLING_LAYERS = (keras.layers.UpSampling1D, keras.layers.UpSampling2D,
                     keras.layers.UpSampling3D, keras.layers.ZeroPadding1D,
                     keras.layers.ZeroPadding2D, keras.layers.ZeroPadding3D,
                     keras.layers.Cropping1D, keras.layers.Cropping2D, keras.layers.Cropping3D,
                     keras.layers.Permute)  # fmt: skip
"""Weight-free layers that move or repeat values without changing their range."""
MAX_BRANCH_DEPTH = 32
BOUNDED_ACTIVATIONS = frozenset({"tanh", "sigmoid", "softsign", "hard_sigmoid", "hard_tanh"})
"""Activations whose values lie within [-1, 1]; a recurrent layer's `activation` bounds its
output too (an LSTM's h = o * tanh(c))."""


def rearranges_values(layer: keras.layers.Layer) -> bool:
    """A `Lambda` whose output holds exactly its input's values, moved (`depth_to_space`: an
    ESPCN's sub-pixel output, practice batch 84; a reshape, transpose or flip): called on
    PROBE_ROWS rows of random values, the same values come out. Such a layer changes no
    value's range, so the output's activation is the one before it. False for any other
    layer, several inputs, unknown sizes, or a function that fails on the probe."""
    if not isinstance(layer, keras.layers.Lambda):
        return False
    try:
        shape = tuple(layer.input.shape)
    except (AttributeError, ValueError, TypeError):  # several inputs or calls
        return False
    if not shape or any(size is None for size in shape[1:]):
        return False
    values = np.random.default_rng(0).standard_normal((PROBE_ROWS, *shape[1:]))
    values = values.astype("float32")
    try:
        moved = keras.ops.convert_to_numpy(layer(values))
    except Exception:  # noqa: BLE001 - the user's function: any failure means "not known"
        return False
    return moved.size == values.size and np.allclose(
        np.sort(moved, axis=None), np.sort(values, axis=None))


def is_wrapper(layer: object) -> bool:
    """A weight-free layer that passes its input's values on unchanged in range
    (`OUTPUT_WRAPPERS`, or a `Lambda` that `rearranges_values`)."""
    return isinstance(layer, OUTPUT_WRAPPERS) or (
        isinstance(layer, keras.layers.Layer) and rearranges_values(layer))


def output_end(model: keras.Model) -> tuple[str, str]:
    """(activation producing the output, name of the layer computing it), walking back from
    the last layer through Activation/Softmax layers and weight-free wrappers."""
    return _end(list(model.layers))


def rescaled_activation(layers: list[keras.layers.Layer]) -> str:
    """The activation a final Rescaling layer maps (walking back from the layer before it as
    `output_end` does); "" without a final Rescaling."""
    if len(layers) < 2 or not isinstance(layers[-1], keras.layers.Rescaling):
        return ""
    return _end(layers[:-1])[0]


def _end(layers: list[keras.layers.Layer]) -> tuple[str, str]:
    activation: str | None = None
    last = ""
    for layer in _ending_layers(layers):
        if isinstance(layer, keras.layers.Softmax):
            activation = activation or "softmax"
        elif isinstance(layer, keras.layers.Activation | keras.layers.ReLU):
            activation = activation or activation_name(layer)
        elif not is_wrapper(layer):
            own = _own_activation(layer) or "linear"
            return (activation if activation and own == "linear" else own), layer.name
        last = layer.name
    return activation or "linear", last


def _ending_layers(layers: list[keras.layers.Layer]) -> Iterator[keras.layers.Layer]:
    """The layers that end a model, the last first, each the one the one before reads
    (`_read_layer`: along the graph, not the list's order)."""
    layer = layers[-1] if layers else None
    while layer is not None:
        yield layer
        layer = _read_layer(layer, layers)


def _read_layer(
    layer: keras.layers.Layer, layers: list[keras.layers.Layer]
) -> keras.layers.Layer | None:
    """The layer whose output `layer` reads, walking back to the output's computation: its
    one parent in the graph (the same layer in each of its calls: a model built again from
    its layers calls them twice), or the layer before it in `layers` where the graph says
    nothing; None when an input, an operation (`ops.sum` of a pointer's dot products:
    practice batch 75, no layer computes the scores) or several tensors feed it."""
    parents = list({id(p): p for p in parent_layers(layer)}.values())  # called again: one
    if not parents:
        index = next((i for i, known in enumerate(layers) if known is layer), 0)
        return layers[index - 1] if index > 0 else None
    parent = parents[0]
    if len(parents) > 1 or not isinstance(parent, keras.layers.Layer):
        return None
    return None if isinstance(parent, keras.layers.InputLayer) else parent


def bounded_head_input(model: keras.Model) -> str:
    """The name of the layer whose bounded values (`BOUNDED_ACTIVATIONS`: a tanh Dense, an
    LSTM's or GRU's outputs, also through Bidirectional) the layer computing the output
    reads, through weight-free wrappers and resampling (RepeatVector, Flatten, Dropout); ""
    when they are not bounded or not known (a layer of the user's own, several inputs)."""
    layers = list(model.layers)
    head = next((layer for layer in _ending_layers(layers) if not is_wrapper(layer)
                 and not isinstance(layer, (keras.layers.Softmax, keras.layers.Activation,
                                            keras.layers.ReLU))), None)  # fmt: skip
    feeder = _read_layer(head, layers) if head is not None else None
    while is_wrapper(feeder) or isinstance(
            feeder, (*RESAMPLING_LAYERS, keras.layers.RepeatVector)):  # fmt: skip
        feeder = _read_layer(feeder, layers)
    if feeder is None or is_own(feeder):
        return ""
    inner = feeder.forward_layer if isinstance(feeder, keras.layers.Bidirectional) else feeder
    return feeder.name if activation_name(inner) in BOUNDED_ACTIVATIONS else ""


SKIP_MERGES = (keras.layers.Add, keras.layers.Subtract, keras.layers.Average)
"""Joins whose output moves with each branch: with a model input as one, the output starts
at the input's values."""


def input_skip_output(model: keras.Model) -> str:
    """The name of the layer that adds a model input to the output (a residual output: a
    denoiser's `x - noise(x)`, a super-resolution's upsampled input plus a learned
    correction), through weight-free wrappers and resampling on either side; "" when the
    output is no such join. Its output starts at the input's values, not near 0."""
    joined = _skip_join(model)
    return joined[0].name if joined is not None else ""


def _skip_join(model: keras.Model) -> tuple[keras.layers.Layer, list[bool]] | None:
    """(the join computing the output, for each tensor it joins whether that is a model
    input) when one of them is (`input_skip_output`); None otherwise."""
    layers = list(model.layers)
    head = next((layer for layer in _ending_layers(layers)
                 if not is_wrapper(layer)), None)  # fmt: skip
    if not isinstance(head, SKIP_MERGES):
        return None
    from_input = []
    for parent in parent_layers(head):
        while is_wrapper(parent) or isinstance(parent, RESAMPLING_LAYERS):
            grand = list({id(p): p for p in parent_layers(parent)}.values())
            parent = grand[0] if len(grand) == 1 else None
        from_input.append(isinstance(parent, keras.layers.InputLayer))
    return (head, from_input) if any(from_input) else None


def skip_correction(model: keras.Model) -> tuple[str, str, int] | None:
    """(layer, activation, sign) of the learned correction a residual output adds to its
    input (`input_skip_output`): `Add([x, f])` adds f (sign 1), `Subtract([x, f])` takes it
    away (sign -1); the layer computing f and its activation read back as `output_end`
    reads an output's. None for any other output, a join of more than two tensors, the
    input taken from the correction (`f - x`), or a correction of unknown activation."""
    joined = _skip_join(model)
    if joined is None:
        return None
    head, from_input = joined
    parents = parent_layers(head)
    if len(parents) != 2 or all(from_input) or (
            isinstance(head, keras.layers.Subtract) and from_input[1]):  # fmt: skip
        return None
    branch = parents[from_input.index(False)]
    if not isinstance(branch, keras.layers.Layer):
        return None
    layers = list(model.layers)
    upto = next((i for i, known in enumerate(layers) if known is branch), None)
    if upto is None:
        return None
    activation, name = _end(layers[: upto + 1])
    ends = list(_ending_layers(layers[: upto + 1]))
    computing = next((layer for layer in ends if layer.name == name), None)
    if computing is None or (not isinstance(computing, keras.layers.Activation | keras.layers.ReLU)
                             and _own_activation(computing) is None):  # fmt: skip
        return None
    return name, activation, -1 if isinstance(head, keras.layers.Subtract) else 1


def off_axis_softmax(model: keras.Model) -> tuple[int, int] | None:
    """(axis, output rank) of a Softmax layer among the layers that end the model (walking
    back as `output_end` does) when it normalises over an axis other than the last; None
    otherwise (`Activation("softmax")` and a layer's `activation="softmax"` use the last)."""
    rank = len(model.output_shape) if isinstance(model.output_shape, tuple) else 0
    for layer in _ending_layers(list(model.layers)):
        if isinstance(layer, keras.layers.Softmax):
            axes = layer.axis if isinstance(layer.axis, list | tuple) else [layer.axis]
            if rank and any(int(a) % rank != rank - 1 for a in axes):
                return int(axes[0]), rank
            return None
        if not (is_wrapper(layer) or isinstance(layer, (keras.layers.Activation,
                                                         keras.layers.ReLU))):  # fmt: skip
            return None
    return None


def output_activation_known(model: keras.Model) -> bool:
    """True when `output_end` read the output's activation from the model (not its default):
    also for a join (`MERGE_LAYERS`) of branches that are all linear."""
    for layer in _ending_layers(list(model.layers)):
        if isinstance(layer, keras.layers.Softmax | keras.layers.Activation | keras.layers.ReLU):
            return True
        if isinstance(layer, (*SCORE_LAYERS, *NORMALIZING_LAYERS)):
            return True  # a raw score, values standardised again: linear
        if isinstance(layer, MERGE_LAYERS):
            return _linear_branch(layer, 0)
        if not is_wrapper(layer):
            return _own_activation(layer) is not None
    return False


def _linear_branch(layer: keras.layers.Layer, depth: int) -> bool:
    """The layer's output is a linear function of the model's inputs' values or of a linear
    layer's: an input, a linear layer, a normalisation, or a weight-free reshape, resampling
    or join of such branches. False for an activation and an unknown layer."""
    if isinstance(layer, keras.layers.InputLayer):
        return True  # the data as given (a skip connection from the inputs)
    if depth > MAX_BRANCH_DEPTH:
        return False
    if is_wrapper(layer) or isinstance(layer, (*RESAMPLING_LAYERS, *MERGE_LAYERS)):
        parents = parent_layers(layer)
        return bool(parents) and all(_linear_branch(p, depth + 1) for p in parents)
    if isinstance(layer, (*SCORE_LAYERS, *NORMALIZING_LAYERS)):
        return True
    return _own_activation(layer) == "linear"


def output_dropout(model: keras.Model) -> tuple[str, float] | None:
    """(name, rate) of a dropout layer after the layer that computes the output (walking
    back from the last layer through activations and reshapes): at each training step it
    zeroes, or scales, outputs the loss then compares with the targets."""
    for layer in _ending_layers(list(model.layers)):
        if isinstance(layer, DROPOUT_LAYERS):
            rate = float(getattr(layer, "rate", 0.0) or 0.0)
            return (layer.name, rate) if rate > 0 else None
        if not (is_wrapper(layer) or isinstance(layer, (
                keras.layers.Activation, keras.layers.Softmax, keras.layers.ReLU))):  # fmt: skip
            return None
    return None


def _own_activation(layer: keras.layers.Layer) -> str | None:
    """The activation a layer computes its output with; a TimeDistributed layer's is its
    inner layer's (a per-step Dense head of a sequence model), a nested model's the one its
    own output ends in, where it says (practice batch 73's relation network: a Sequential
    comparator ending in a sigmoid, applied per class through TimeDistributed). A layer of
    the user's own says nothing: the `activation` it takes may be applied inside, not at its
    output (practice batch 76's hypernetwork target net: tanh hidden units, a linear
    output, read as a tanh head on targets spanning -3..3)."""
    if isinstance(layer, keras.layers.TimeDistributed):
        layer = layer.layer
    if isinstance(layer, keras.Model):
        return output_end(layer)[0] if output_activation_known(layer) else None
    if is_own(layer):
        return None  # a layer of the user's: its `activation` may be a hidden one's
    return activation_name(layer)
