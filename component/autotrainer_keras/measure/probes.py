"""Measurements on a fixed probe batch: dead ReLU units and (paper style) probe gradients."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import keras
import numpy as np
import tensorflow as tf

from autotrainer_keras.io.arrays import Arrays
from autotrainer_keras.measure.chunked import chunked_sums
from autotrainer_keras.measure.layer_map import (
    graph_ends,
    is_relu_family,
    outer_input,
    outer_output,
)
from autotrainer_keras.measure.row_chunks import (
    PROBE_ENTRIES,
    entries_per_row,
    fold_rows,
    rows_per_chunk,
)
from autotrainer_keras.measure.traced import traced

if TYPE_CHECKING:
    from autotrainer_keras.measure.activation_probe import ActivationProbe


def _tensors(arrays: Arrays) -> Any:
    """An array, or a dict of arrays by name, as tensors of the same structure."""
    return tf.nest.map_structure(tf.convert_to_tensor, arrays)


def _nested_models(model: keras.Model) -> list[keras.Model]:
    """Top-level layers that are models themselves (a pretrained backbone used as one layer)
    with ReLU-family layers inside and one input."""
    return [
        layer
        for layer in model.layers
        if isinstance(layer, keras.Model)
        and len(layer.inputs or []) == 1
        and any(is_relu_family(inner) for inner in layer.layers)
    ]


def _in_graph(
    model: keras.Model, layers: list[keras.layers.Layer], nested: list[keras.Model]
) -> tuple[list[tuple[keras.layers.Layer, Any]], list[tuple[keras.Model, Any]]]:
    """(layer, its output) and (nested model, the tensor it is called on) in `model`'s own
    graph; a layer or model called in another model too (a pretrained base reused) is
    found by the call the model's inputs reach, and left out when none does."""
    inputs = graph_ends(model)[0]
    own = [(layer, outer_output(inputs, layer)) for layer in layers]
    fed = [(inner, outer_input(inputs, inner)) for inner in nested]
    return ([(a, t) for a, t in own if t is not None],
            [(m, t) for m, t in fed if t is not None])  # fmt: skip


def _has_batch_norm(model: keras.Model) -> bool:
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            return True
        if isinstance(layer, keras.Model) and _has_batch_norm(layer):
            return True
    return False


class DeadUnitProbe:
    """Fraction of dead units per ReLU-family layer: output 0 for every probe sample.

    A unit is a neuron of a Dense layer or a channel of a Conv/RNN layer (the last axis).
    The ReLU layers of a nested model (a backbone used as one layer) are probed too, named
    `<nested>/<layer>`. A model with BatchNormalization is probed in training mode (batch
    statistics: early in training the moving averages have not caught up and would silence
    or wake units that training does not), its moving averages, and every other
    non-trainable variable, restored after the probe.

    Memory: the probe batch goes through in chunks of rows (`measure.row_chunks`), so at
    most `chunk_entries` ReLU outputs are kept at once, whatever the model's width and depth;
    a model probed in training mode (BatchNormalization) sees its whole batch at once.

    Cost: `measure(activations)` reads the fractions from an `ActivationProbe` that has just
    measured the same batch, when it saw every probed layer in the same mode (inference: no
    BatchNormalization, no nested model probed): one forward pass of the probe batch fewer per
    check, and no graph of its own to trace.
    """

    def __init__(
        self, model: keras.Model, x_probe: Arrays, chunk_entries: int = PROBE_ENTRIES
    ) -> None:
        own, fed = _in_graph(
            model, [layer for layer in model.layers if is_relu_family(layer)],
            _nested_models(model),
        )  # fmt: skip
        self.layers = [layer for layer, _ in own]
        self._nested = [nested for nested, _ in fed]
        self._inner = [
            keras.Model(
                nested.inputs[0],
                [layer.output for layer in nested.layers if is_relu_family(layer)],
            )
            for nested in self._nested
        ]
        self.names = [layer.name for layer in self.layers] + [
            f"{nested.name}/{layer.name}"
            for nested in self._nested
            for layer in nested.layers
            if is_relu_family(layer)
        ]
        self._training = _has_batch_norm(model)
        self._state = model.non_trainable_variables
        self._x = _tensors(x_probe)
        self._fractions: Callable[[tf.Tensor], tf.Tensor] | None = None
        ends = [tensor for _, tensor in own] + [tensor for _, tensor in fed]
        self._model = keras.Model(graph_ends(model)[0], ends) if ends else None
        inner_ends = [out for inner in self._inner for out in inner.outputs]
        units = [tensor.shape[-1] for tensor in ends + inner_ends]
        self._units = None if None in units else [int(u) for u in units]
        self._rows = int(tf.nest.flatten(self._x)[0].shape[0])
        self._chunk = (
            self._rows
            if self._training
            else rows_per_chunk(entries_per_row(ends + inner_ends), self._rows, chunk_entries)
        )

    def measure(self, activations: ActivationProbe | None = None) -> dict[str, float]:
        """Dead fraction per probed layer, by name; from `activations` (which measured the
        same probe batch just before) where it can tell (see the class)."""
        if self._model is None:
            return {}
        if activations is not None and not (self._training or self._nested):
            read = activations.dead_fractions(self.layers)
            if read is not None:
                return dict(zip(self.names, read, strict=True))
        if self._fractions is None:
            self._fractions = traced(self._dead_fractions)
        fractions = np.asarray(self._fractions(self._x))
        return {name: float(f) for name, f in zip(self.names, fractions, strict=True)}

    def _alive(self, x: Any) -> list[tf.Tensor]:
        """Per probed layer, per unit: positive for some row of `x`."""
        assert self._model is not None
        outputs = self._model(x, training=self._training)
        if not isinstance(outputs, list | tuple):
            outputs = [outputs]
        outputs = list(outputs)
        own, feeds = outputs[: len(self.layers)], outputs[len(self.layers) :]
        for inner, feed in zip(self._inner, feeds, strict=True):
            inside = inner(feed, training=self._training)
            own += list(inside) if isinstance(inside, list | tuple) else [inside]
        return [tf.reduce_any(tf.reshape(out, [-1, tf.shape(out)[-1]]) > 0, axis=0) for out in own]

    def _none_alive(self) -> list[tf.Tensor] | None:
        """`_alive` of no rows (the fold's start); None when a layer's width is unknown."""
        return None if self._units is None else [tf.zeros([u], tf.bool) for u in self._units]

    def _dead_fractions(self, x: Any) -> tf.Tensor:
        saved = [tf.identity(v.value) for v in self._state] if self._training else []
        alive = fold_rows(
            self._alive,
            lambda a, b: [tf.logical_or(u, v) for u, v in zip(a, b, strict=True)],
            x, self._rows, self._chunk, self._none_alive,
        )  # fmt: skip
        fractions = [1.0 - tf.reduce_mean(tf.cast(units, tf.float64)) for units in alive]
        if not self._training:  # inference mode changes no state
            return tf.stack(fractions)
        with tf.control_dependencies(fractions):
            for variable, value in zip(self._state, saved, strict=True):
                variable.assign(value)
        return tf.stack(fractions)


def _value(variable: Any) -> tf.Tensor:
    return tf.convert_to_tensor(variable)


def _nonfinite_count(values: tf.Tensor) -> list[tf.Tensor]:
    return [tf.reduce_sum(tf.cast(tf.logical_not(tf.math.is_finite(values)), tf.float64))]


def _gradient_sums(grad: tf.Tensor, scale: tf.Tensor, loss_scaled: bool) -> list[tf.Tensor]:
    """Squared norm, zero count and NaN/Inf count of (a slice of) one unscaled gradient.

    An overflow of loss-scaled gradients is a step the optimizer skips: counted as 0, not NaN.
    """
    g = tf.cast(grad, tf.float32) / scale
    if loss_scaled:
        g = tf.where(tf.math.is_finite(g), g, tf.zeros_like(g))
        bad = tf.constant(0.0, tf.float64)
    else:
        bad = _nonfinite_count(g)[0]
    square = tf.reduce_sum(tf.square(tf.cast(g, tf.float64)))
    return [square, tf.reduce_sum(tf.cast(tf.equal(g, 0.0), tf.float64)), bad]


def scaled_loss(model: keras.Model, x: Any, y: Any, y_pred: Any) -> tuple[Any, Any, Any, bool]:
    """The compiled loss of `y_pred` (inference mode) as `(loss, scaled loss, scale,
    loss-scaled?)`; called inside the gradient tape (graph code)."""
    loss = model.compute_loss(x=x, y=y, y_pred=y_pred, training=False)
    # Keras scales a loss by 1 / replicas inside a tf.distribute scope (each replica
    # sees its share of the batch); the probe sees the whole batch: undo it.
    loss = loss * tf.distribute.get_strategy().num_replicas_in_sync
    scaled, scale = loss, tf.constant(1.0)
    optimizer = getattr(model, "optimizer", None)
    loss_scaled = isinstance(optimizer, keras.optimizers.LossScaleOptimizer)
    if loss_scaled and optimizer is not None:
        # float16 gradients of the bare loss underflow to 0: scale as training does
        scale = tf.cast(optimizer.scale_loss(tf.constant(1.0)), tf.float32)
        scaled = loss * tf.cast(scale, loss.dtype)
    return loss, scaled, scale, loss_scaled


def gradless(grads: list[Any]) -> tuple[bool, ...]:
    """Per gradient: True when it is None (nothing connects its variable to the loss), read
    when the graph is traced."""
    return tuple(g is None for g in grads)


def gradient_reductions(
    model: keras.Model, grads: list[Any], loss: Any, scale: Any, loss_scaled: bool
) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor]:
    """Per trainable variable of `model`: squared norm, zero count and entries counted of its
    unscaled gradient in `grads`; and whether the loss, the gradients and the weights are all
    finite (graph code)."""
    squares: list[tf.Tensor] = []
    zeros: list[tf.Tensor] = []
    counted: list[tf.Tensor] = []
    finite = [tf.reduce_all(tf.math.is_finite(tf.cast(loss, tf.float32)))]
    for grad in grads:  # None and IndexedSlices are known when the graph is traced
        if grad is None or isinstance(grad, tf.IndexedSlices):
            for values in (squares, zeros, counted):
                values.append(tf.constant(0.0, tf.float64))
            continue
        square, zero, bad = chunked_sums(
            lambda g: _gradient_sums(g, scale, loss_scaled), [grad]
        )  # fmt: skip
        squares.append(square)
        zeros.append(zero)
        counted.append(tf.cast(tf.size(grad), tf.float64))
        finite.append(tf.equal(bad, 0.0))
    for variable in model.trainable_variables:
        finite.append(tf.equal(chunked_sums(_nonfinite_count, [_value(variable)])[0], 0.0))
    return tf.stack(squares), tf.stack(zeros), tf.stack(counted), tf.reduce_all(finite)


class ProbeGradients:
    """Gradients of the training loss on one fixed batch, in inference mode (the paper's check).

    As in the AutoTrainer code, only dense gradients are measured: a variable whose gradient
    is None (not connected to the loss) or sparse (an Embedding's `IndexedSlices`) is left
    out of every statistic, instead of counting as an all-zero gradient.

    The loss is the model's compiled total loss: over all outputs, with their loss weights,
    for a multi-output model (inputs and targets then dicts by input / output name).

    Under mixed precision (a `LossScaleOptimizer`) the loss is scaled as in training and
    the gradients unscaled before their statistics; an overflow there is what the optimizer
    would skip, not a NaN of the model.

    The reductions run in one traced graph (a `tf.function` per probe): eager gradients of a
    small CNN on 256 rows took ~0.9 s per check, the traced graph a fraction of it. A large
    gradient is reduced a slice at a time (`measure.chunked`): no full-size temporaries.
    """

    gradless: tuple[bool, ...] | None = None
    """Per trainable variable: no gradient reaches it (set when the probe is traced)."""

    def __init__(self, model: keras.Model, x_probe: Arrays, y_probe: Arrays) -> None:
        self._model = model
        self._x = _tensors(x_probe)
        self._y = _tensors(y_probe)
        self._reduce = traced(self._reductions)

    def _reductions(self, x: Any, y: Any) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor]:
        model = self._model
        with tf.GradientTape() as tape:
            y_pred = model(x, training=False)
            loss, scaled, scale, loss_scaled = scaled_loss(model, x, y, y_pred)
        grads = tape.gradient(scaled, model.trainable_variables)
        self.gradless = gradless(grads)
        return gradient_reductions(model, grads, loss, scale, loss_scaled)

    def measure(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
        """Per trainable variable: squared L2 norm, zero count and entries counted (0 for a
        left-out gradient, whose norm and zero count are 0 too); and a NaN/Inf flag."""
        squares, zeros, counted, finite = self._reduce(self._x, self._y)
        return np.asarray(squares), np.asarray(zeros), np.asarray(counted), not bool(finite)
