"""The caller's callbacks that watch a metric the wrong way round.

`ReduceLROnPlateau(monitor="val_loss", mode="max")` cuts the learning rate whenever the loss
does not rise, that is, while training goes well (practice batch 9's `plateau_mode_max`:
4e-11 by epoch 8, the validation loss frozen at 1.5 x the healthy script's); `EarlyStopping`
so stops a training that improves, `ModelCheckpoint(save_best_only=True)` keeps the worst
weights. Keras' `mode="auto"` reads the direction from the monitor's name, so only an
explicit mode can be wrong.
"""

from __future__ import annotations

from collections.abc import Iterable

MINIMISED = ("loss", "error", "mse", "mae", "mape", "msle", "crossentropy", "hinge", "divergence")
"""Parts of a monitored name that a lower value improves."""
MAXIMISED = ("acc", "auc", "precision", "recall", "f1", "iou", "r2")
"""Parts of a monitored name that a higher value improves."""


def wanted_mode(monitor: str) -> str | None:
    """"min" or "max" for a metric name ("val_loss", "val_accuracy"), None when the name
    does not say (a metric of the user's own)."""
    name = monitor.lower()
    if any(part in name for part in MINIMISED):
        return "min"
    if any(part in name for part in MAXIMISED):
        return "max"
    return None


def monitor_mismatches(callbacks: Iterable[object]) -> tuple[tuple[str, str, str], ...]:
    """(class, monitor, mode) of each callback whose explicit `mode` is the opposite of what
    its `monitor` needs."""
    return tuple(
        (type(c).__name__, str(c.monitor), str(c.mode))  # type: ignore[attr-defined]
        for c in callbacks if watches_wrong_way(c)
    )  # fmt: skip


def watches_wrong_way(callback: object) -> bool:
    """True when the callback's explicit `mode` is the opposite of what its `monitor` needs."""
    monitor, mode = getattr(callback, "monitor", None), getattr(callback, "mode", None)
    if not isinstance(monitor, str) or mode not in ("min", "max"):
        return False
    wanted = wanted_mode(monitor)
    return wanted is not None and wanted != mode
