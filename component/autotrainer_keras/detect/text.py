"""Small helpers shared by the rules: number formatting and reading Keras log keys."""

from __future__ import annotations

import math
from collections.abc import Sequence

from autotrainer_keras.measure.history import EpochRecord

ACCURACY_KEYS = (
    "accuracy",
    "acc",
    "binary_accuracy",
    "categorical_accuracy",
    "sparse_categorical_accuracy",
)


def num(value: float | None) -> str:
    """A number as it appears in a reason: three significant digits ("n/a" when unknown)."""
    return "n/a" if value is None else f"{value:.3g}"


def percent(fraction: float) -> str:
    """A fraction as a percentage in a reason ("100 %", "72 %", "0.5 %")."""
    return f"{fraction * 100:.3g} %"


def logged(epochs: Sequence[EpochRecord], key: str) -> list[float]:
    """Values of one log key over the epochs that logged it (missing keys are skipped)."""
    return [float(r.logs[key]) for r in epochs if key in r.logs]


def accuracy_key(epochs: Sequence[EpochRecord], prefix: str = "") -> str | None:
    """The key the accuracy metric was logged under ('accuracy' first), or None."""
    if not epochs:
        return None
    logs = epochs[-1].logs
    return next((prefix + k for k in ACCURACY_KEYS if prefix + k in logs), None)


def all_finite(values: Sequence[float]) -> bool:
    return all(math.isfinite(v) for v in values)


def quoted_names(names: Sequence[str], shown: int = 4) -> str:
    """The first `shown` names quoted and comma-separated, then " and N more"."""
    listed = ", ".join(f"'{name}'" for name in names[:shown])
    return listed + (f" and {len(names) - shown} more" if len(names) > shown else "")
