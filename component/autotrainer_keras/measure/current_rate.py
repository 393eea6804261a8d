"""The learning rate an optimizer steps with now, as a number (for the epoch's record).

A `LearningRateScheduler` or `ReduceLROnPlateau` callback sets the optimizer's rate between
epochs, and a `LearningRateSchedule` moves it every step; either way Keras' `learning_rate`
property gives the value in use. Read once per epoch; never judges.
"""

from __future__ import annotations

import math
from typing import Any

import keras


def current_rate(model: Any) -> float | None:
    """The model's optimizer's current learning rate, or None (no optimizer, a wrapper
    without one rate, a value that is not a finite number)."""
    optimizer = getattr(model, "optimizer", None)
    try:
        value = float(keras.ops.convert_to_numpy(optimizer.learning_rate))  # type: ignore[union-attr]
    except (AttributeError, TypeError, ValueError, NotImplementedError):
        return None
    return value if math.isfinite(value) else None
