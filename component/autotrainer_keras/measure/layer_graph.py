"""Facts read off a built model's layers: stacked linear layers, hidden softmax layers,
dropout rates, L1/L2 penalty factors and norm constraints.

Each is read from the model's own layers (a nested model is one opaque layer), the layers
the repairs that answer them (`nonlinear`, `dropout_down`, `regularizer_down`) can edit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

import keras
import numpy as np

from autotrainer_keras.measure.layer_map import activation_name
from autotrainer_keras.measure.linear_paths import (
    KERNEL_LAYERS,
    PASS_THROUGH,
    RESHAPING,
    collapses,
    is_between,
    is_bottleneck,
    is_linear_kernel,
    is_projection,
)

DROPOUT_LAYERS = (
    keras.layers.Dropout, keras.layers.SpatialDropout1D, keras.layers.SpatialDropout2D,
    keras.layers.SpatialDropout3D, keras.layers.GaussianDropout, keras.layers.AlphaDropout,
)  # fmt: skip
RECURRENT_RATES = ("dropout", "recurrent_dropout")
ATTENTION_LAYERS = (keras.layers.MultiHeadAttention, keras.layers.Attention,
                    keras.layers.AdditiveAttention, keras.layers.GroupQueryAttention)  # fmt: skip
"""Layers whose `dropout` drops attention weights (practice batch 44: MultiHeadAttention at
0.9 left an encoder at 0.88 against 0.99 and a seq2seq model at 0.22 against 1.0)."""


def _own_layers(model: keras.Model) -> list[keras.layers.Layer]:
    return [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]


def _is_linear_kernel(layer: keras.layers.Layer | None) -> bool:
    return layer is not None and is_linear_kernel(type(layer).__name__, activation_name(layer))


def _is_softmax(layer: keras.layers.Layer | None) -> bool:
    """A Dense or Activation layer whose activation is a softmax."""
    return isinstance(layer, keras.layers.Dense | keras.layers.Activation) and (
        activation_name(layer) in ("softmax", "log_softmax")
    )


def _dense_through_pass_through(reader: str, between: list[str]) -> bool:
    return reader == "Dense" and all(name in PASS_THROUGH for name in between)


Feeds = Callable[[keras.layers.Layer | None], bool]
Joined = Callable[[str, list[str]], bool]  # (reader's class, the classes between) -> a stack?
Source = Callable[[keras.layers.Layer], keras.layers.Layer | None]


def _symbolic(layer: keras.layers.Layer, attribute: str) -> object:
    """The layer's single symbolic input or output tensor; None when it has none (not called
    on symbolic inputs) or several (a multi-input layer)."""
    try:
        tensor = getattr(layer, attribute)
    except (AttributeError, ValueError, RuntimeError):
        return None
    return None if isinstance(tensor, list | tuple | dict) else tensor


def _inputs(layer: keras.layers.Layer) -> list[object]:
    """The symbolic tensors a layer reads (several for a merge layer); [] when unknown."""
    try:
        given = layer.input
    except (AttributeError, ValueError, RuntimeError):
        return []
    if isinstance(given, dict):
        return list(given.values())
    return list(given) if isinstance(given, list | tuple) else [given]


def _graph_wiring(layers: list[keras.layers.Layer]) -> tuple[Source, Callable[..., bool]]:
    """A functional model's `source` (the layer whose output a layer reads) and `shared`
    (some output on a path is read elsewhere too)."""
    outputs = [(_symbolic(layer, "output"), layer) for layer in layers]
    producer = {id(out): layer for out, layer in outputs if out is not None}
    readers: dict[int, int] = {}
    for layer in layers:
        for tensor in _inputs(layer):
            readers[id(tensor)] = readers.get(id(tensor), 0) + 1

    def source(layer: keras.layers.Layer) -> keras.layers.Layer | None:
        tensor = _symbolic(layer, "input")
        return producer.get(id(tensor)) if tensor is not None else None

    def shared(*path: keras.layers.Layer) -> bool:
        return any(readers.get(id(_symbolic(step, "output")), 0) > 1 for step in path)

    return source, shared


def _stacks(model: keras.Model, feeds: Feeds, joined: Joined) -> tuple[tuple[str, str], ...]:
    """(feeder, reader) pairs: a kernel layer `reader` whose input comes from a `feeds`
    layer through BETWEEN layers that `joined` accepts. Sequential order, or the functional
    graph (a layer called once), where an output also read elsewhere (a residual stream an
    Add reads too) is no stack: the other path keeps the two maps from collapsing into one."""
    layers = _own_layers(model)
    if isinstance(model, keras.Sequential):
        before = {id(layer): layers[i - 1] if i else None for i, layer in enumerate(layers)}
        source: Source = lambda layer: before.get(id(layer))  # noqa: E731
        shared: Callable[..., bool] = lambda *path: False  # noqa: E731
    else:
        source, shared = _graph_wiring(layers)
    found: list[tuple[str, str]] = []
    for layer in layers:
        if type(layer).__name__ not in KERNEL_LAYERS:
            continue
        feeder, path = source(layer), []
        while feeder is not None and is_between(type(feeder).__name__, activation_name(feeder)):
            path.append(feeder)
            feeder = source(feeder)
        if feeder is None or not feeds(feeder) or shared(feeder, *path):
            continue
        if joined(type(layer).__name__, [type(step).__name__ for step in path]):
            found.append((feeder.name, layer.name))
    return tuple(found)


def linear_stacks(model: keras.Model) -> tuple[tuple[str, str], ...]:
    """(Dense or convolution layer without activation, the kernel layer it feeds) pairs that
    form one linear map (`linear_paths.collapses`): Sequential order, or the functional
    graph (a layer called once); a bottleneck (`linear_paths.is_bottleneck`) left out."""
    by_name = {layer.name: layer for layer in _own_layers(model)}
    return tuple(pair for pair in _stacks(model, _is_linear_kernel, collapses)
                 if not _bottleneck(by_name[pair[0]], by_name[pair[1]])
                 and not _projection(by_name[pair[1]], list(by_name.values())))  # fmt: skip


def _projection(reader: keras.layers.Layer, layers: list[keras.layers.Layer]) -> bool:
    return is_projection(type(reader).__name__, activation_name(reader),
                         getattr(reader, "use_bias", None), _consumers(reader, layers))


def _consumers(layer: keras.layers.Layer, layers: list[keras.layers.Layer]) -> list[str]:
    """Class names of the layers that read `layer`'s output, through `RESHAPING` layers."""
    found: list[str] = []
    current = [layer]
    for _ in range(len(layers)):
        readers = [other for one in current for other in _readers(one, layers)]
        found += [type(other).__name__ for other in readers]
        current = [other for other in readers if type(other).__name__ in RESHAPING]
        if not current:
            break
    return found


def _readers(layer: keras.layers.Layer, layers: list[keras.layers.Layer]
             ) -> list[keras.layers.Layer]:  # fmt: skip
    """The layers among `layers` that read `layer`'s one output ([] when it has none)."""
    output = _symbolic(layer, "output")
    if output is None:
        return []
    return [other for other in layers if any(t is output for t in _inputs(other))]


def _bottleneck(feeder: keras.layers.Layer, reader: keras.layers.Layer) -> bool:
    try:
        width_in = int(feeder.input.shape[-1])
    except (AttributeError, ValueError, TypeError, IndexError):  # not built, or shared
        width_in = None
    widths = (width_in, getattr(feeder, "units", None), getattr(reader, "units", None))
    return is_bottleneck(type(feeder).__name__, type(reader).__name__, widths)


def softmax_stacks(model: keras.Model) -> tuple[tuple[str, str], ...]:
    """(Dense or Activation layer with a softmax, the Dense layer it feeds) pairs, through
    Dropout and BatchNormalization, as `linear_stacks`: a hidden layer squashed onto a
    simplex (a softmax meant for attention weights or gates feeds a Multiply or a Dot,
    not a Dense). Not where the reader's output is a residual branch (`_residual_branch`: a
    Transformer block's MLP with a softmax pasted in as its hidden activation, practice
    batch 85's ViT, 0.958 against 0.967: the Add carries the stream past it)."""
    pairs = _stacks(model, _is_softmax, _dense_through_pass_through)
    if not pairs or isinstance(model, keras.Sequential):
        return pairs
    layers = _own_layers(model)
    by_name = {layer.name: layer for layer in layers}
    return tuple(pair for pair in pairs if not _residual_branch(by_name[pair[1]], layers))


RESIDUAL_REACH = 4
"""Weight-free single-input layers walked past from a branch to the Add that joins it."""


def _residual_branch(layer: keras.layers.Layer, layers: list[keras.layers.Layer]) -> bool:
    """The layer's output reaches an Add of several tensors through weight-free layers of
    one input each (dropout, a stochastic depth of the user's own), read there alone."""
    current = layer
    for _ in range(RESIDUAL_REACH + 1):
        readers = _readers(current, layers)
        if len(readers) != 1:
            return False
        (reader,) = readers
        if isinstance(reader, keras.layers.Add):
            return len(_inputs(reader)) > 1
        if reader.weights or len(_inputs(reader)) != 1:
            return False
        current = reader
    return False


def one_unit_softmaxes(model: keras.Model) -> tuple[str, ...]:
    """The model's own layers that apply a softmax over an axis of one unit (a
    `Dense(1, activation="softmax")` per candidate, then flattened: practice batch 75's
    pointer head, 0.117 against 0.835): each always outputs 1."""
    found = []
    for layer in _own_layers(model):
        if isinstance(layer, keras.layers.Softmax):
            axes = layer.axis if isinstance(layer.axis, list | tuple) else [layer.axis]
        elif activation_name(layer) == "softmax":
            axes = [-1]
        else:
            continue
        try:
            shape = tuple(layer.output.shape)
        except (AttributeError, ValueError):  # called several times: no one output
            continue
        if shape and all(shape[int(a)] == 1 for a in axes):
            found.append(layer.name)
    return tuple(found)


def _rates(layer: keras.layers.Layer) -> Iterator[float]:
    if isinstance(layer, DROPOUT_LAYERS):
        yield float(layer.rate)
        return
    if isinstance(layer, ATTENTION_LAYERS):
        rate = getattr(layer, "dropout", None)
        if isinstance(rate, int | float):
            yield float(rate)
        return
    inner = [getattr(layer, "forward_layer", None), getattr(layer, "backward_layer", None)]
    for rnn in [layer, *inner] if isinstance(layer, keras.layers.Bidirectional) else [layer]:
        if isinstance(rnn, keras.layers.RNN):
            for key in RECURRENT_RATES:
                rate = getattr(rnn, key, None)
                if isinstance(rate, int | float):
                    yield float(rate)


def _highest(model: keras.Model, values: Callable[[keras.layers.Layer], Iterator[float]]
             ) -> tuple[float, str]:  # fmt: skip
    """(highest of `values` over the model's layers, nested ones too, the layer holding it);
    (0.0, "") when no layer has one. A setting inside a nested model counts as one on the
    model itself (practice batch 66: Dropout 0.8 in an instance encoder applied through
    `TimeDistributed`, 0.625 against 0.985, unseen at the top level)."""
    layers = [layer for layer in model._flatten_layers(include_self=False)  # noqa: SLF001
              if not isinstance(layer, keras.layers.InputLayer)]  # fmt: skip
    found = [(v, layer.name) for layer in layers for v in values(layer) if v > 0]
    return max(found, key=lambda pair: pair[0], default=(0.0, ""))


def highest_dropout(model: keras.Model) -> tuple[float, str]:
    """(highest dropout rate, the layer holding it) over the model's own Dropout-like layers
    and recurrent layers' `dropout`/`recurrent_dropout`; (0.0, "") without any."""
    return _highest(model, _rates)


PENALTY_KEYS = ("kernel_regularizer", "bias_regularizer", "activity_regularizer",
                "recurrent_regularizer", "embeddings_regularizer", "depthwise_regularizer",
                "pointwise_regularizer", "gamma_regularizer", "beta_regularizer")  # fmt: skip
"""Every Keras layer argument that takes an L1/L2 regularizer (an Embedding's table, a
separable convolution's two kernels, BatchNormalization's scale and offset too)."""
PENALTIES = (keras.regularizers.L1, keras.regularizers.L2, keras.regularizers.L1L2)


def _holders(layer: keras.layers.Layer) -> list[keras.layers.Layer]:
    """The layer and what holds its settings with it: a recurrent layer's cell, a
    Bidirectional's forward layer and its cell."""
    holders = [layer, getattr(layer, "cell", None)]
    if isinstance(layer, keras.layers.Bidirectional):
        holders += [layer.forward_layer, getattr(layer.forward_layer, "cell", None)]
    return [holder for holder in holders if holder is not None]


def _factors(layer: keras.layers.Layer) -> Iterator[float]:
    for holder in _holders(layer):
        for key in PENALTY_KEYS:
            penalty = getattr(holder, key, None)
            if isinstance(penalty, PENALTIES):
                for name in ("l1", "l2"):
                    value = getattr(penalty, name, None)
                    if value is not None:
                        yield float(value)


def highest_penalty(model: keras.Model) -> tuple[float, str]:
    """(highest L1/L2 factor, the layer holding it) over the model's own layers'
    regularizers (`PENALTY_KEYS`: L1, L2, L1L2); (0.0, "") without any."""
    return _highest(model, _factors)


CAPS = (keras.constraints.MaxNorm, keras.constraints.MinMaxNorm)
CAP_WEIGHTS = {"kernel_constraint": "kernel", "bias_constraint": "bias",
               "recurrent_constraint": "recurrent_kernel",
               "depthwise_constraint": "depthwise_kernel",
               "pointwise_constraint": "pointwise_kernel",
               "embeddings_constraint": "embeddings"}  # fmt: skip
"""A layer's (or its cell's) norm constraint attribute, and the weight it constrains."""


def _caps(layer: keras.layers.Layer) -> Iterator[tuple[float, float]]:
    """(max_value, the median norm of the weight's units now) of each MaxNorm / MinMaxNorm
    on one of the layer's built weights: the norms the constraint clips (over its `axis`)."""
    for holder in _holders(layer):
        for key, weight_name in CAP_WEIGHTS.items():
            cap = getattr(holder, key, None)
            if not isinstance(cap, CAPS):
                continue
            weight = getattr(holder, weight_name, None)
            if weight is None or not hasattr(weight, "numpy"):
                continue
            values = np.asarray(weight.numpy(), np.float64)
            axis = tuple(cap.axis) if isinstance(cap.axis, list | tuple) else cap.axis
            try:  # an axis the weight does not have: Keras' own step fails, not this reading
                norms = np.sqrt(np.sum(np.square(values), axis=axis))
            except (TypeError, ValueError):  # numpy's AxisError is a ValueError
                continue
            yield float(cap.max_value), float(np.median(norms))


def tightest_cap(model: keras.Model) -> tuple[float, float, float, str]:
    """(max_value / the units' median norm now, max_value, that norm, the layer) of the
    model's own layers' MaxNorm / MinMaxNorm constraint that caps its weights hardest
    relative to their current (initial) norms; (inf, 0.0, 0.0, "") without one (or when the
    weights are all zero: nothing to cap)."""
    found = [(value / norm, value, norm, layer.name) for layer in _own_layers(model)
             for value, norm in _caps(layer) if norm > 0]  # fmt: skip
    return min(found, default=(math.inf, 0.0, 0.0, ""))


def bypassed_layers(model: keras.Model) -> frozenset[str]:
    """The layers of a functional model that its inputs reach its outputs around: every input
    that reaches an output still does along a path that avoids every call of the layer (a
    residual branch added back to its stream; a block shared across the steps of a residual
    stream). A dead or frozen such layer leaves the model the path beside it to learn on
    (practice batch 72: a shared block's ReLU layer at bias -5 wholly dead, the model at
    0.968 against 0.972 through the stream). A layer that is some input's only way to the
    outputs is not bypassed: dead, it cuts that input off (batch 32's photo branch beside
    the tabular one). Empty for a Sequential or a model whose graph cannot be read."""
    by_depth = getattr(model, "_nodes_by_depth", None)
    if not by_depth:
        return frozenset()
    try:
        nodes = [node for level in by_depth.values() for node in level]
        outputs = list(by_depth.get(0, []))
        names = {node.operation.name for node in nodes
                 if isinstance(node.operation, keras.layers.Layer)
                 and not isinstance(node.operation, keras.layers.InputLayer)}  # fmt: skip
        reached = _inputs_reached(outputs, None)
        return frozenset(name for name in names
                         if reached and _inputs_reached(outputs, name) == reached)  # fmt: skip
    except (AttributeError, TypeError):
        return frozenset()


def _inputs_reached(outputs: list[Any], avoided: str | None) -> frozenset[int]:
    """The input nodes reached from `outputs` back through parent nodes without passing a
    call of the operation named `avoided` (None: any path)."""
    stack = [node for node in outputs if node.operation.name != avoided]
    seen: set[int] = set()
    found: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        parents = list(node.parent_nodes)
        if not parents and isinstance(node.operation, keras.layers.InputLayer):
            found.add(id(node))
        stack += [parent for parent in parents if parent.operation.name != avoided]
    return frozenset(found)
