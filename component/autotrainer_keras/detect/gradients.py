"""Gradient numbers both profiles read at one check: the paper's first/output kernel ratio,
the zero-gradient fraction, and NaN/Inf in gradients or weights. Pure, framework-free.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from autotrainer_keras.measure.history import CheckRecord


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


def first_to_output_update(check: CheckRecord) -> float | None:
    """The first kernel layer's per-step update ratio over the output layer's: how fast the
    first layers move next to the last (about 1 when they learn alike, whatever the gradient
    ratio: Adam-like optimizers scale each weight's step). None when either is unmeasured
    (the first check, a layer whose weights were all zero) or the output layer stands still."""
    first, output = check.first_kernel_layer, check.output_layer
    if first is None or output is None or first is output:
        return None
    top, bottom = first.update_ratio, output.update_ratio
    if top is None or bottom is None or not bottom > 0 or not math.isfinite(top):
        return None
    return top / bottom


def median_update_ratio(check: CheckRecord, moving_only: bool = False) -> float | None:
    """Median over layers of the per-step update-to-weight ratio at this check, if measured
    (`moving_only`: over the layers whose weights changed at all; layers a training step
    leaves still are `detect.not_updated`'s reading, not small steps)."""
    ratios = sorted(s.update_ratio for s in check.layers if s.update_ratio is not None
                    and (s.update_ratio > 0 or not moving_only))  # fmt: skip
    if not ratios:
        return None
    middle = len(ratios) // 2
    return ratios[middle] if len(ratios) % 2 else (ratios[middle - 1] + ratios[middle]) / 2


def largest_update_ratio(check: CheckRecord) -> float:
    """The largest per-step update-to-weight ratio over the layers at this check (0 when
    none is measured): a model whose steps are small in every layer has a small one; one
    whose saturated layers barely move beside an embedding at 1e-2 has not."""
    return max((s.update_ratio for s in check.layers if s.update_ratio is not None),
               default=0.0)  # fmt: skip


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
