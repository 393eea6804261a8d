"""The monitor's per-check reductions: raw gradient and weight arrays -> a `CheckRecord`.

Pure numpy (no Keras): the Keras adapter (`measure.keras_monitor.TrainingWatch`) reads the
device ring, the weights' squared norms (reduced on the device: `measure.weight_sums`) and the
dead-unit probe, and hands the arrays to `reduce_check`.

    squares = WeightSquares.of_arrays(weights, previous)
    record = reduce_check(grad_sq, zeros, squares, slots, dead={}, steps=4,
                          epoch=0, step=4, source="steps")
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from autotrainer_keras.measure.history import CheckRecord, LayerStats


@dataclass(frozen=True)
class LayerSlot:
    """A top-level layer with trainable weights and its variables' indices in the model."""

    name: str
    kind: str
    indices: tuple[int, ...]
    kernel_index: int | None
    activation: str | None
    n_params: int


@dataclass(frozen=True)
class WeightSquares:
    """Per trainable variable (model order): what the checks need of the weights.

    Attributes:
        now: Squared L2 norm of each variable now.
        previous: Squared L2 norm at the previous check (0: no previous check).
        change: Squared L2 norm of the change since the previous check.
        sizes: Entries of each variable.
        nonfinite: True when a weight is NaN/Inf (or a squared norm overflows).
    """

    now: np.ndarray
    previous: np.ndarray
    change: np.ndarray
    sizes: np.ndarray
    nonfinite: bool

    @classmethod
    def of_arrays(
        cls, weights: Sequence[np.ndarray], previous: Sequence[np.ndarray]
    ) -> WeightSquares:
        """The squares of host copies (float64 sums)."""
        now = np.array([_sum_sq([w]) for w in weights])
        return cls(
            now=now,
            previous=np.array([_sum_sq([p]) for p in previous]),
            change=np.array([_sum_sq([w - p]) for w, p in zip(weights, previous, strict=True)]),
            sizes=np.array([w.size for w in weights], dtype=np.float64),
            nonfinite=not all(np.isfinite(w).all() for w in weights),
        )


def norm_of_squares(squares: float) -> float:
    """sqrt of a sum of squares; inf when the sum is not a finite non-negative number."""
    return math.sqrt(squares) if squares >= 0 and math.isfinite(squares) else math.inf


def _sum_sq(arrays: Sequence[np.ndarray]) -> float:
    return sum(float(np.sum(np.square(a, dtype=np.float64))) for a in arrays)


def reduce_check(
    grad_sq: np.ndarray | None,
    zeros: np.ndarray | None,
    weights: WeightSquares,
    slots: Sequence[LayerSlot],
    dead: Mapping[str, float],
    steps: int,
    *,
    epoch: int,
    step: int,
    source: str,
    counted: np.ndarray | None = None,
    gradless: Sequence[bool] | np.ndarray | None = None,
    bypassed: frozenset[str] = frozenset(),
) -> CheckRecord:
    """One check's record from the statistics of the steps (or probe) since the last check.

    Args:
        grad_sq: Rows of per-variable squared gradient norms, one row per step (or one probe).
            None: gradients were not measured (the Keras callback without a probe batch):
            gradient fields are 0 / None, which no gradient rule reads as a symptom.
        zeros: Rows of per-variable counts of exactly-zero gradient entries, same shape.
        weights: The trainable variables' squared norms now, at the previous check and of
            their change.
        slots: Which variables belong to which layer.
        dead: Dead-unit fraction per ReLU layer name (weightless layers get their own entry).
        steps: Optimizer steps since the previous check (update ratios are per step).
        epoch, step, source: Where and how the check was taken (copied into the record).
        counted: Rows of per-variable gradient entries measured, same shape as `grad_sq` (a
            sparse Embedding gradient counts only the rows looked up; a left-out gradient 0).
            None: every entry of each variable.
        gradless: Per variable, True when it got no gradient (None: nothing connects it to
            the loss; known when the step or probe is traced). None: not measured.
        bypassed: The layers the inputs reach the outputs around (`LayerStats.bypassed`).

    Returns:
        Per layer: mean gradient norm over the rows, kernel gradient norm, zero-gradient
        fraction, weight norm, per-step update-to-weight ratio, dead fraction, parameters
        without a gradient.
    """
    measured = grad_sq is not None and zeros is not None and len(grad_sq) > 0
    n_variables = len(weights.sizes)
    if not measured:
        grad_sq = np.zeros((1, n_variables))
        zeros, counted = np.zeros((1, n_variables)), None
    assert grad_sq is not None and zeros is not None
    mean_norm = np.sqrt(np.maximum(grad_sq, 0.0)).mean(axis=0)  # per variable
    mean_zeros = zeros.mean(axis=0)
    if counted is not None and len(counted) > 0:
        sizes = np.asarray(counted, dtype=np.float64).mean(axis=0)
    else:
        sizes = np.asarray(weights.sizes, dtype=np.float64)
    all_sizes = np.asarray(weights.sizes, dtype=np.int64)
    no_gradient = np.zeros(n_variables, bool) if gradless is None else np.asarray(gradless, bool)
    layers = []
    for slot in slots:
        idx = list(slot.indices)
        w_sq = float(np.sum(weights.now[idx]))
        prev_sq = float(np.sum(weights.previous[idx]))
        delta_sq = float(np.sum(weights.change[idx]))
        layer_grad = np.sqrt(np.maximum(grad_sq[:, idx].sum(axis=1), 0.0)).mean()
        layers.append(
            LayerStats(
                layer=slot.name,
                kind=slot.kind,
                grad_norm=float(layer_grad),
                kernel_grad_norm=None
                if slot.kernel_index is None or not measured
                else float(mean_norm[slot.kernel_index]),
                zero_grad_fraction=float(mean_zeros[idx].sum() / max(sizes[idx].sum(), 1.0)),
                weight_norm=norm_of_squares(w_sq),
                update_ratio=(norm_of_squares(delta_sq) / norm_of_squares(prev_sq) / steps)
                if prev_sq > 0
                else None,
                dead_fraction=dead.get(slot.name),
                activation=slot.activation,
                n_params=slot.n_params,
                gradless_params=int(all_sizes[idx][no_gradient[idx]].sum()),
                bypassed=slot.name in bypassed,
            )
        )
    for name, fraction in dead.items():  # ReLU layers without weights (ReLU, Activation)
        if all(stats.layer != name for stats in layers):
            layers.append(
                LayerStats(
                    layer=name, kind="Activation", grad_norm=0.0, dead_fraction=fraction,
                    activation="relu", bypassed=name in bypassed,
                )
            )  # fmt: skip
    weights_nonfinite = weights.nonfinite or not np.isfinite(weights.now).all()
    return CheckRecord(
        epoch=epoch,
        step=step,
        source=source,
        layers=layers,
        nonfinite=weights_nonfinite or not np.isfinite(grad_sq).all(),
        zero_grad_fraction=float(mean_zeros.sum() / max(sizes.sum(), 1.0)),
    )
