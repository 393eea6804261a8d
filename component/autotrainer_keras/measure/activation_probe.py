"""The Keras adapter of `measure.activation_stats`: collects, on the fixed probe batch, each
hidden layer's per-unit mean square, minimum and maximum, and the model's outputs.

One traced graph per probe (as `DeadUnitProbe`); it never judges. The probe batch goes
through in chunks of rows (`measure.row_chunks`): at most `PROBE_ENTRIES` hidden outputs
are kept at once; the statistics fold exactly over the chunks. Its per-unit maxima also say
which ReLU units are dead (`dead_fractions`): `DeadUnitProbe` reads them instead of a forward
pass of its own where both see the same layers in the same mode.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import keras
import numpy as np
import tensorflow as tf

from autotrainer_keras.measure.activation_stats import activation_stats, input_scale, output_stats
from autotrainer_keras.measure.history import ActivationStats, OutputStats
from autotrainer_keras.measure.layer_map import activation_name, graph_ends, outer_output
from autotrainer_keras.measure.output_end import output_end
from autotrainer_keras.measure.row_chunks import (
    PROBE_ENTRIES,
    entries_per_row,
    fold_rows,
    rows_per_chunk,
)
from autotrainer_keras.measure.traced import traced

SKIPPED = (keras.layers.InputLayer, keras.layers.Dropout, keras.layers.Flatten,
           keras.layers.Reshape, keras.layers.Normalization, keras.layers.Rescaling)  # fmt: skip


def combine(a: list[tf.Tensor], b: list[tf.Tensor]) -> list[tf.Tensor]:
    """Two chunks' `ActivationProbe.sums` as one (rows of `a` first)."""
    folded: list[tf.Tensor] = []
    for i in range(0, len(a) - 1, 4):
        folded += [a[i] + b[i], tf.minimum(a[i + 1], b[i + 1]), tf.maximum(a[i + 2], b[i + 2]),
                   a[i + 3] + b[i + 3]]  # fmt: skip
    return [*folded, tf.concat([a[-1], b[-1]], axis=0)]


def _unit_sums(out: tf.Tensor) -> list[tf.Tensor]:
    """Per unit (last axis) of one layer's output: sum of squares, minimum, maximum, and the
    positions counted (graph code). A feature map is reduced over its positions within each
    row first, then over the rows: on the overhead CNN's (256, 26, 26, 32) map 5.8 ms where
    one reduction over all (rows x positions, units) took 9.1."""
    units = tf.shape(out)[-1]
    if out.shape.rank is not None and out.shape.rank > 2:
        per_row = tf.reshape(out, [tf.shape(out)[0], -1, units])
        squares = tf.reduce_sum(tf.reduce_sum(tf.square(per_row), axis=1), axis=0)
        low = tf.reduce_min(tf.reduce_min(per_row, axis=1), axis=0)
        high = tf.reduce_max(tf.reduce_max(per_row, axis=1), axis=0)
    else:
        per_row = tf.reshape(out, [-1, units])
        squares = tf.reduce_sum(tf.square(per_row), axis=0)
        low, high = tf.reduce_min(per_row, axis=0), tf.reduce_max(per_row, axis=0)
    counted = tf.cast(tf.size(out) // tf.maximum(units, 1), tf.float32)
    return [squares, low, high, counted]


def _hidden(model: keras.Model, inputs: object) -> list[tuple[keras.layers.Layer, object]]:
    """(layer, its output in the model's graph) for the layers whose outputs are hidden
    activations: every layer before the last that has weights or an activation, with one
    floating-point output."""
    layers = []
    for layer in model.layers[:-1]:
        if isinstance(layer, SKIPPED) or not (layer.weights or activation_name(layer)):
            continue
        output = outer_output(inputs, layer)
        if output is None or len(output.shape) < 2:  # type: ignore[attr-defined]
            continue
        if not str(output.dtype).startswith(("float", "bfloat")):  # type: ignore[attr-defined]
            continue
        layers.append((layer, output))
    return layers


class ActivationProbe:
    """Hidden-layer activation statistics and output statistics on the probe batch.

    Args:
        model: A model with a layer graph (Sequential or functional).
        x_probe, y_probe: The fixed probe batch.
        chunk_entries: Most layer-output entries kept at once (rows go through in chunks).
    """

    def __init__(
        self,
        model: keras.Model,
        x_probe: np.ndarray,
        y_probe: np.ndarray,
        chunk_entries: int = PROBE_ENTRIES,
    ) -> None:
        inputs, outputs = graph_ends(model)
        hidden = _hidden(model, inputs)
        self.layers = [layer for layer, _ in hidden]
        self.output_activation = output_end(model)[0]
        self._model = keras.Model(inputs, [*(output for _, output in hidden), outputs])
        self.x = tf.convert_to_tensor(x_probe)
        self._y = np.asarray(y_probe)
        self.input_scale = input_scale(x_probe)
        self._collect: Callable[[tf.Tensor], list[tf.Tensor]] | None = None
        self._maxima: dict[int, np.ndarray] = {}  # per layer (by id): its units' maxima
        self.predictions: np.ndarray | None = None  # the outputs at the last `measure`
        self._rows = int(self.x.shape[0])
        per_row = entries_per_row(self._model.outputs)
        self._chunk = rows_per_chunk(per_row, self._rows, chunk_entries)

    def outputs(self, x: tf.Tensor) -> list[tf.Tensor]:
        """The hidden layers' outputs on rows `x`, then the model's output (graph code)."""
        outputs = self._model(x, training=False)
        return list(outputs) if isinstance(outputs, list | tuple) else [outputs]

    def sums(self, outputs: list[tf.Tensor]) -> list[tf.Tensor]:
        """Per hidden layer of `outputs`: per-unit sum of squares, minimum, maximum and the
        positions counted; then the outputs (graph code; folded over rows by `combine`)."""
        collected: list[tf.Tensor] = []
        for out in outputs[:-1]:
            collected += _unit_sums(tf.cast(out, tf.float32))
        collected.append(tf.cast(outputs[-1], tf.float32))
        return collected

    def folded_sums(self, x: tf.Tensor, rows: int) -> list[tf.Tensor]:
        """`sums` of the `rows` rows of `x`, a chunk of rows at a time (graph code)."""
        return fold_rows(lambda part: self.sums(self.outputs(part)), combine, x, rows,
                         min(self._chunk, rows), self._identity)  # fmt: skip

    def _identity(self) -> list[tf.Tensor] | None:
        """`sums` of no rows, the fold's start (graph code); None when a shape is unknown."""
        *hidden, output = self._model.outputs
        shapes = [tuple(t.shape) for t in (*hidden, output)]
        if any(d is None for shape in shapes for d in shape[1:]):
            return None
        empty: list[tf.Tensor] = []
        for shape in shapes[:-1]:
            units = [int(shape[-1])]
            empty += [tf.zeros(units), tf.fill(units, np.inf), tf.fill(units, -np.inf),
                      tf.constant(0.0)]  # fmt: skip
        return [*empty, tf.zeros([0, *shapes[-1][1:]])]

    @staticmethod
    def finish(folded: list[tf.Tensor]) -> list[tf.Tensor]:
        """Folded `sums` as the arrays `read` takes: per hidden layer its per-unit mean
        square, minimum and maximum; then the outputs (graph code)."""
        arrays: list[tf.Tensor] = []
        for i in range(0, len(folded) - 1, 4):
            squares, low, high, counted = folded[i : i + 4]
            arrays += [squares / tf.maximum(counted, 1.0), low, high]
        return [*arrays, folded[-1]]

    def _arrays(self, x: tf.Tensor) -> list[tf.Tensor]:
        return self.finish(self.folded_sums(x, self._rows))

    def measure(self) -> tuple[list[ActivationStats], OutputStats]:
        """Per hidden layer its statistics, and the outputs' statistics."""
        if self._collect is None:
            self._collect = traced(self._arrays)
        return self.read([np.asarray(a) for a in self._collect(self.x)])

    def read(self, arrays: list[np.ndarray]) -> tuple[list[ActivationStats], OutputStats]:
        """The statistics from `finish`'s arrays of this probe batch (`measure`, or a pass
        that also took gradients: `measure.probe_pass`)."""
        self._maxima = {id(layer): arrays[3 * i + 2] for i, layer in enumerate(self.layers)}
        self.predictions = arrays[-1]
        hidden = [
            activation_stats(
                layer.name, activation_name(layer) or "linear", *arrays[3 * i : 3 * i + 3]
            )
            for i, layer in enumerate(self.layers)
        ]
        return hidden, output_stats(arrays[-1], self._y, self.output_activation)

    def dead_fractions(self, layers: Sequence[keras.layers.Layer]) -> list[float] | None:
        """Per layer of `layers`, the fraction of its units whose output was never positive
        on the probe batch at the last `measure` (a unit is dead when its maximum over the
        rows is not above 0: the same as `DeadUnitProbe`'s "no row positive", NaN counting
        as not positive); None when this probe did not see one of them."""
        if not all(id(layer) in self._maxima for layer in layers):
            return None
        return [float(np.mean(~(self._maxima[id(layer)] > 0))) for layer in layers]
