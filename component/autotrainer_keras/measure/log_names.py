"""Keras log names as the detectors read them: `acc` is `accuracy`, `val_acc` is `val_accuracy`.

Keras names a metric after the string it was compiled with (`metrics=["acc"]` logs `acc` and
`val_acc`). The detectors read the canonical names; the user's own logs, and so the user's
callbacks that monitor `val_acc`, are never renamed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ALIASES = {"acc": "accuracy"}
"""Compile-time metric aliases -> the name the detectors read."""


def canonical_name(key: str) -> str:
    """`acc` -> `accuracy`, `val_acc` -> `val_accuracy`; other names unchanged."""
    prefix = "val_" if key.startswith("val_") else ""
    name = key[len(prefix) :]
    return prefix + ALIASES.get(name, name)


def canonical_logs(logs: Mapping[str, Any] | None) -> dict[str, float]:
    """A float copy of Keras logs under canonical names (a canonical key already present wins)."""
    clean: dict[str, float] = {}
    for key, value in (logs or {}).items():
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        name = canonical_name(str(key))
        if name not in clean or name == key:
            clean[name] = number
    return clean
