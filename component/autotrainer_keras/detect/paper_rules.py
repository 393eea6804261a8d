"""The AutoTrainer paper's accuracy-curve measurements, as its public code computes them
(spec sections 1-3). Pure functions over plain numbers;
`autotrainer_keras.detect.paper` combines them
into decisions; the gradient numbers both profiles read are in `autotrainer_keras.detect.gradients`.
"""

from __future__ import annotations

from collections.abc import Sequence


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
