"""The AutoTrainer paper's measurements, as its public code computes them (spec sections 1-3).

Pure functions over plain numbers; `autotrainer.detect.paper` combines them into decisions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from autotrainer.measure.history import CheckRecord


def max_rise(values: Sequence[float]) -> float:
    """The largest one-epoch rise of a curve, 0 when it never rises (code: max_delta_acc)."""
    best = 0.0
    for before, after in zip(values, values[1:], strict=False):
        best = max(best, after - before)
    return best


def oscillation_count(acc: Sequence[float], zeta: float) -> int:
    """Pairs (i-th local max, i-th local min) of the curve differing by at least zeta.

    Interior points only; a flat point counts as both a maximum and a minimum (code: ol_judge).
    """
    maxima, minima = [], []
    for i in range(1, len(acc) - 1):
        if acc[i] - acc[i - 1] >= 0 and acc[i] - acc[i + 1] >= 0:
            maxima.append(acc[i])
        if acc[i] - acc[i - 1] <= 0 and acc[i] - acc[i + 1] <= 0:
            minima.append(acc[i])
    return sum(1 for a, b in zip(maxima, minima, strict=False) if a - b >= zeta)


def divide(top: float, bottom: float) -> float:
    """top / bottom with numpy's float semantics: x/0 is +-inf, 0/0 is NaN."""
    if bottom == 0:
        return math.nan if top == 0 or math.isnan(top) else math.copysign(math.inf, top)
    return top / bottom


@dataclass(frozen=True)
class GradientSummary:
    """The gradient numbers the paper's rules read at one check.

    Attributes:
        first_kernel: Gradient norm of the first layer's kernel.
        output_kernel: Gradient norm of the output layer's kernel.
        ratio: first_kernel / output_kernel (grad_ratio).
        zero_fraction: Fraction of gradient entries exactly 0 over all parameters.
        first_layer: Name of the first layer with a kernel.
    """

    first_kernel: float
    output_kernel: float
    ratio: float
    zero_fraction: float
    first_layer: str


def gradient_summary(check: CheckRecord) -> GradientSummary | None:
    """The paper's gradient numbers, or None when the model has no kernel."""
    first, output = check.first_kernel_layer, check.output_layer
    if first is None or output is None:
        return None
    top = float(first.kernel_grad_norm or 0.0)
    bottom = float(output.kernel_grad_norm or 0.0)
    return GradientSummary(top, bottom, divide(top, bottom), check.zero_grad_fraction, first.layer)


def gradients_nonfinite(check: CheckRecord) -> bool:
    """NaN/Inf flagged by the monitor, or in any gradient or weight norm of the check."""
    if check.nonfinite:
        return True
    for stats in check.layers:
        values = [stats.grad_norm, stats.weight_norm]
        if stats.kernel_grad_norm is not None:
            values.append(stats.kernel_grad_norm)
        if not all(math.isfinite(v) for v in values):
            return True
    return False
