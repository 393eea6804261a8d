"""Probe gradients and dead units on Keras' JAX and PyTorch backends (the backend adapter).

The one place that knows those backends' autodiff: `jax.value_and_grad` over the model's
stateless call and loss, `torch.autograd.grad` over its eager call. The numbers are the same
as TensorFlow's traced `measure.probes` (which the TensorFlow backend keeps): per trainable
variable the squared L2 norm, the zero count and the entries counted, and a NaN/Inf flag, on
one fixed batch in inference mode; reduced on the host with numpy (one transfer per check).

As on TensorFlow, where an Embedding's gradient is sparse (`IndexedSlices`) and left out,
Embedding tables are left out here too (JAX and PyTorch give them dense, mostly zero
gradients that would read as vanishing); so is a variable the loss does not reach.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import keras
import numpy as np

from autotrainer_keras.measure.layer_map import graph_ends, is_relu_family

GRADIENT_BACKENDS = ("tensorflow", "jax", "torch")
"""Keras backends whose probe gradients autotrainer measures (TensorFlow in measure.probes)."""

GradientFn = Callable[[Any, Any], tuple[Any, list[Any]]]


def _jax_gradients(model: keras.Model) -> GradientFn:
    import jax

    # as Keras' own JAX trainer: `training` only where call() takes it (a subclassed model's
    # call(x) does not)
    kwargs = {"training": False} if "training" in inspect.signature(model.call).parameters else {}

    def loss_of(trainable: list[Any], non_trainable: list[Any], x: Any, y: Any) -> Any:
        y_pred, non_trainable = model.stateless_call(trainable, non_trainable, x, **kwargs)
        loss, _ = model.stateless_compute_loss(
            trainable, non_trainable, [v.value for v in model.metrics_variables],
            x=x, y=y, y_pred=y_pred, training=False,
        )  # fmt: skip
        return loss

    traced = jax.jit(jax.value_and_grad(loss_of))

    def gradients(x: Any, y: Any) -> tuple[Any, list[Any]]:
        trainable = [v.value for v in model.trainable_variables]
        non_trainable = [v.value for v in model.non_trainable_variables]
        loss, grads = traced(trainable, non_trainable, x, y)
        return loss, list(grads)

    return gradients


def _torch_gradients(model: keras.Model) -> GradientFn:
    import torch

    def gradients(x: Any, y: Any) -> tuple[Any, list[Any]]:
        y_pred = model(x, training=False)
        loss = model.compute_loss(x=x, y=y, y_pred=y_pred, training=False)
        values = [v.value for v in model.trainable_variables]
        grads = torch.autograd.grad(loss, values, allow_unused=True)
        return loss.detach(), [None if g is None else g.detach() for g in grads]

    return gradients


def _tensors(arrays: Any) -> Any:
    """Arrays (one, or a list/dict of them for several inputs or outputs) as backend tensors."""
    return keras.tree.map_structure(keras.ops.convert_to_tensor, arrays)


def _embedding_variables(model: keras.Model) -> set[int]:
    """ids of the Embedding tables in `model`, nested layers included."""
    found: set[int] = set()
    stack: list[Any] = [model]
    while stack:
        layer = stack.pop()
        if isinstance(layer, keras.layers.Embedding):
            found.update(id(v) for v in layer.trainable_variables)
        stack.extend(getattr(layer, "layers", []))
    return found


class BackendProbeGradients:
    """`measure.probes.ProbeGradients` for the JAX and PyTorch backends (same `measure()`)."""

    def __init__(self, model: keras.Model, x_probe: Any, y_probe: Any) -> None:
        backend = keras.backend.backend()
        if backend not in ("jax", "torch"):
            raise ValueError(f"BackendProbeGradients: jax or torch backend, got {backend!r}")
        self._model = model
        self._x = _tensors(x_probe)
        self._y = _tensors(y_probe)
        self._gradients = _jax_gradients(model) if backend == "jax" else _torch_gradients(model)
        left_out = _embedding_variables(model)
        self._kept = [id(v) not in left_out for v in model.trainable_variables]

    def measure(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
        """Per trainable variable: squared L2 norm, zero count and entries counted (all 0 for
        a left-out gradient); and a NaN/Inf flag (loss, gradients or variables)."""
        loss, grads = self._gradients(self._x, self._y)
        finite = bool(np.isfinite(keras.ops.convert_to_numpy(loss)).all())
        stats = np.zeros((3, len(grads)), dtype=np.float64)  # squares, zeros, counted
        for index, (grad, kept) in enumerate(zip(grads, self._kept, strict=True)):
            if grad is None or not kept:
                continue
            g = keras.ops.convert_to_numpy(grad).astype(np.float64)
            stats[:, index] = np.sum(np.square(g)), np.count_nonzero(g == 0.0), g.size
            finite = finite and bool(np.isfinite(g).all())
        for variable in self._model.trainable_variables:
            finite = finite and bool(np.isfinite(keras.ops.convert_to_numpy(variable)).all())
        return stats[0], stats[1], stats[2], not finite


class BackendDeadUnitProbe:
    """`measure.probes.DeadUnitProbe` on any backend: the same fractions, reduced with numpy.

    Raises:
        AttributeError, ValueError: The model has no layer graph (a subclassed model).
    """

    def __init__(self, model: keras.Model, x_probe: Any) -> None:
        self.layers = [layer for layer in model.layers if is_relu_family(layer)]
        self._x = _tensors(x_probe)
        self._model = (
            keras.Model(graph_ends(model)[0], [layer.output for layer in self.layers])
            if self.layers
            else None
        )

    def measure(self) -> dict[str, float]:
        if self._model is None:
            return {}
        outputs = self._model(self._x, training=False)
        if not isinstance(outputs, list | tuple):
            outputs = [outputs]
        fractions = {}
        for layer, out in zip(self.layers, outputs, strict=True):
            rows = keras.ops.convert_to_numpy(out)
            rows = rows.reshape(-1, rows.shape[-1])
            fractions[layer.name] = 1.0 - float(np.mean(np.any(rows > 0, axis=0)))
        return fractions
