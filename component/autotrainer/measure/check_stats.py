"""Per-check reductions: raw gradient/weight arrays in, one framework-free `CheckRecord` out.

Pure numpy, shared by the engine's `TrainingWatch` (per-step statistics of the wrapped
model) and the user-facing `autotrainer.keras.Watch` (probe gradients on the user's model).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from autotrainer.measure.history import CheckRecord, LayerStats
from autotrainer.measure.layer_map import LayerSlot


def norm_of_squares(squares: float) -> float:
    """sqrt of a sum of squares; inf when the sum is negative or not finite."""
    return math.sqrt(squares) if squares >= 0 and math.isfinite(squares) else math.inf


def _squares(arrays: Sequence[np.ndarray], indices: Sequence[int]) -> float:
    return sum(float(np.sum(np.square(arrays[i], dtype=np.float64))) for i in indices)


def build_check_record(
    *,
    slots: Sequence[LayerSlot],
    weights: Sequence[np.ndarray],
    previous_weights: Sequence[np.ndarray],
    grad_sq: np.ndarray | None,
    zeros: np.ndarray | None,
    dead: dict[str, float],
    counted: np.ndarray | None = None,
    epoch: int,
    step: int,
    source: str,
    steps: int,
) -> CheckRecord:
    """One check's per-layer statistics.

    Args:
        slots: The model's layers with trainable variables (`map_layers`).
        weights: Trainable variables now, in the model's order.
        previous_weights: The same at the previous check (update ratios).
        grad_sq: Squared gradient norm per (row, variable): one row per sampled training step,
            or one row for a probe batch. None: gradients were not measured (gradient fields
            are then 0 / None, which no gradient rule reads as a symptom).
        zeros: Count of exactly-zero gradient entries, same shape as `grad_sq`.
        counted: Gradient entries measured, same shape as `grad_sq` (a sparse Embedding
            gradient counts only the rows a step looked up); None: every entry of each variable.
        dead: Dead-unit fraction per ReLU-family layer name (`DeadUnitProbe`).
        epoch, step: Where the check ran.
        source: "steps" or "probe" (`CheckRecord.source`).
        steps: Optimizer steps since the previous check (update ratios are per step).
    """
    measured = grad_sq is not None and zeros is not None and len(grad_sq) > 0
    if measured and counted is not None and len(counted) > 0:
        sizes = np.asarray(counted, dtype=np.float64).mean(axis=0)
    else:
        sizes = np.array([w.size for w in weights], dtype=np.float64)
    if measured:
        mean_norm = np.sqrt(np.maximum(grad_sq, 0.0)).mean(axis=0)  # type: ignore[arg-type]
        mean_zeros = np.asarray(zeros).mean(axis=0)
    else:
        mean_norm = np.zeros(len(weights))
        mean_zeros = np.zeros(len(weights))
    layers = []
    for slot in slots:
        idx = list(slot.indices)
        prev_sq = _squares(previous_weights, idx)
        delta_sq = sum(
            float(np.sum(np.square(weights[i] - previous_weights[i], dtype=np.float64)))
            for i in idx
        )
        layer_norm = (
            float(np.sqrt(np.maximum(grad_sq[:, idx].sum(axis=1), 0.0)).mean())  # type: ignore[index]
            if measured
            else 0.0
        )
        layers.append(
            LayerStats(
                layer=slot.name,
                kind=slot.kind,
                grad_norm=layer_norm,
                kernel_grad_norm=None
                if slot.kernel_index is None or not measured
                else float(mean_norm[slot.kernel_index]),
                zero_grad_fraction=float(mean_zeros[idx].sum() / max(sizes[idx].sum(), 1.0)),
                weight_norm=norm_of_squares(_squares(weights, idx)),
                update_ratio=(norm_of_squares(delta_sq) / norm_of_squares(prev_sq) / steps)
                if prev_sq > 0
                else None,
                dead_fraction=dead.get(slot.name),
                activation=slot.activation,
                n_params=slot.n_params,
            )
        )
    for name, fraction in dead.items():  # ReLU layers without weights (ReLU, Activation)
        if all(stats.layer != name for stats in layers):
            layers.append(
                LayerStats(
                    layer=name,
                    kind="Activation",
                    grad_norm=0.0,
                    dead_fraction=fraction,
                    activation="relu",
                )
            )
    nonfinite = not all(np.isfinite(w).all() for w in weights)
    if measured:
        nonfinite = nonfinite or not np.isfinite(grad_sq).all()  # type: ignore[arg-type]
    return CheckRecord(
        epoch=epoch,
        step=step,
        source=source,
        layers=layers,
        nonfinite=nonfinite,
        zero_grad_fraction=float(mean_zeros.sum() / max(sizes.sum(), 1.0)),
    )
