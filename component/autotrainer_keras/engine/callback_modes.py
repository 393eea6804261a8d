"""The caller's callbacks that watch a metric the wrong way round.

`ReduceLROnPlateau(monitor="val_loss", mode="max")` cuts the learning rate whenever the loss
does not rise, that is, while training goes well (practice batch 9's `plateau_mode_max`:
4e-11 by epoch 8, the validation loss frozen at 1.5 x the healthy script's); `EarlyStopping`
so stops a training that improves, `ModelCheckpoint(save_best_only=True)` keeps the worst
weights. Keras' `mode="auto"` reads the direction from the monitor's name, so only an
explicit mode can be wrong. A checkpoint's mode changes the file it writes, not the training
(`steers_training`): the job warns about it instead of retraining (practice batch 46's
`friedman_checkpoint_mode_max`: a candidate without it, and without the ReduceLROnPlateau it
was dropped along with, ended worse).
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


def monitor_mismatches(
    callbacks: Iterable[object], steering: bool | None = None
) -> tuple[tuple[str, str, str], ...]:
    """(class, monitor, mode) of each callback whose explicit `mode` is the opposite of what
    its `monitor` needs; `steering` True: only those that change the training
    (`steers_training`), False: only those that do not, None: all."""
    return tuple(
        (type(c).__name__, str(c.monitor), str(c.mode))  # type: ignore[attr-defined]
        for c in callbacks
        if watches_wrong_way(c) and (steering is None or steers_training(c) is steering)
    )  # fmt: skip


def steers_training(callback: object) -> bool:
    """False for a callback whose monitor only picks what it writes (a `ModelCheckpoint`
    or a subclass of it); True otherwise (`EarlyStopping`, `ReduceLROnPlateau`, ...)."""
    return all(klass.__name__ != "ModelCheckpoint" for klass in type(callback).__mro__)


def checkpoint_warnings(callbacks: Iterable[object]) -> list[str]:
    """One warning per callback that watches its metric the wrong way round without
    changing the training (a checkpoint that keeps the worst weights in its file)."""
    return [
        f"{name}(monitor='{monitor}', mode='{mode}') keeps the worst weights in its file: a "
        f"'{monitor}' improves as it {'falls' if mode == 'max' else 'rises'}; set "
        f"mode='{'min' if mode == 'max' else 'max'}' or leave it 'auto' (the training, and "
        "the model this job writes, do not depend on it)"
        for name, monitor, mode in monitor_mismatches(callbacks, steering=False)
    ]


def watches_wrong_way(callback: object) -> bool:
    """True when the callback's explicit `mode` is the opposite of what its `monitor` needs."""
    monitor, mode = getattr(callback, "monitor", None), getattr(callback, "mode", None)
    if not isinstance(monitor, str) or mode not in ("min", "max"):
        return False
    wanted = wanted_mode(monitor)
    return wanted is not None and wanted != mode
