"""How far plain SGD under gradient clipping can move one weight in the whole budget, and
how many batches make one update under gradient accumulation.

Under `SGD`, a step is the learning rate times the (clipped) gradient: `clipvalue` caps each
element, `clipnorm` each variable's norm and `global_clipnorm` all of them together, so no
element's step exceeds rate x cap, and momentum m adds at most 1 / (1 - m) of it. Over the
budget's updates one weight can travel at most updates x rate x cap / (1 - m) (the
`reach`). Adaptive optimizers divide the gradient by its own running scale, which undoes the
clip's (practice batch 36's `Adam(clipvalue=1e-4)` trains as without it): no reach is read
for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

CAP_KEYS: tuple[str, ...] = ("clipvalue", "clipnorm", "global_clipnorm")
"""The optimizer settings that cap a gradient (Keras 3)."""

CAPPED_OPTIMIZERS = frozenset({"sgd"})
"""Optimizers whose step is the rate times the gradient, so a cap on the gradient caps it."""


ACCUMULATION_KEY = "gradient_accumulation_steps"


def accumulation_steps(optimizer: Mapping[str, Any]) -> int:
    """The batches per update of an optimizer's settings (1 without accumulation)."""
    steps = optimizer.get(ACCUMULATION_KEY)
    return int(steps) if isinstance(steps, int | float) and steps > 1 else 1


def step_cap(optimizer: Mapping[str, Any]) -> float | None:
    """The smallest positive gradient cap of an optimizer's settings, or None."""
    caps = [float(optimizer[key]) for key in CAP_KEYS
            if isinstance(optimizer.get(key), int | float) and optimizer[key] > 0]  # fmt: skip
    return min(caps) if caps else None


def step_reach(optimizer: Mapping[str, Any], rate: float | None, updates: int) -> float | None:
    """updates x rate x cap / (1 - momentum) for a capped SGD (`rate`: its fixed or highest
    rate); None for another optimizer, without a cap, or with the rate unknown."""
    name = str(optimizer.get("name", "")).lower()
    cap = step_cap(optimizer)
    momentum = optimizer.get("momentum") or 0.0
    if name not in CAPPED_OPTIMIZERS or cap is None or rate is None or rate <= 0:
        return None
    if not isinstance(momentum, int | float) or not 0 <= momentum < 1:
        return None
    return updates * rate * cap / (1.0 - float(momentum))
