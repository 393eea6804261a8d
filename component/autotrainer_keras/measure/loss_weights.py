"""How a Keras loss weighs the labels, read from its config: the class weights a focal loss
applies (`focal_class_weights`) and the label smoothing a cross-entropy applies
(`label_smoothing`).

`BinaryFocalCrossentropy(apply_class_balancing=True, alpha=a)` weighs class 1 by `a` and
class 0 by `1 - a`; `CategoricalFocalCrossentropy(alpha=a)` weighs every class by `a`. Keras
documents `alpha` in [0, 1]; outside it one class's loss enters with a negative sign, and the
loss is minimised by predicting that class's rows wrong without bound (practice batch 22:
`BinaryFocalCrossentropy(True, 2.0, 0.25)`, alpha and gamma given in each other's place:
the negatives weighed -1, the loss fell, then turned NaN).
"""

from __future__ import annotations

from typing import Any


def focal_class_weights(loss_config: dict[str, Any] | None) -> tuple[float, ...]:
    """The per-class weights of a Keras focal loss's config ((class 0, class 1) for the
    binary one with class balancing, (alpha,) for the categorical one); () for any other
    loss, or without class balancing."""
    if not isinstance(loss_config, dict):
        return ()
    config = loss_config.get("config")
    if not isinstance(config, dict) or not isinstance(config.get("alpha"), int | float):
        return ()
    alpha = float(config["alpha"])
    name = loss_config.get("class_name")
    if name == "BinaryFocalCrossentropy" and config.get("apply_class_balancing"):
        return (1.0 - alpha, alpha)
    if name == "CategoricalFocalCrossentropy":
        return (alpha,)
    return ()


def label_smoothing(loss_config: dict[str, Any] | None) -> float:
    """The `label_smoothing` of a loss as `keras.losses.serialize` writes it (0 for none;
    `True` reads as 1.0, as Keras computes with it)."""
    config = (loss_config or {}).get("config")
    value = config.get("label_smoothing") if isinstance(config, dict) else None
    return float(value) if isinstance(value, int | float) else 0.0
