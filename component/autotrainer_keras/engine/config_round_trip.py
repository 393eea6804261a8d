"""Loss and metric objects of the user's own that their config does not rebuild.

The job compiles every training from data (`repair.spec`): a loss or metric object is
written with `get_config` and rebuilt with `from_config`, as Keras saves and loads it. A
class whose `get_config` leaves out a constructor argument comes back with that argument's
default, and the job's trainings, and the model it writes, compute something else: practice
batch 65's concordance metric with `risk="negate"` (a predicted time: a longer one is a
lower risk) came back as `risk="identity"` and read 0.33 where the user's read 0.67, with
nothing said. Keras' own classes keep their arguments; the user's are checked here.
"""

from __future__ import annotations

import inspect
from typing import Any

import keras

from autotrainer_keras.engine.compiled import compile_leaves

PLAIN = (str, int, float, bool)
"""Argument values compared as they are (others, such as arrays, are not judged)."""


def lost_argument(obj: Any) -> tuple[str, Any, Any] | None:
    """(argument, the object's value, the rebuilt object's) for the first constructor
    argument of a loss or metric class of the user's own that `from_config(get_config())`
    does not keep; None when every plain argument comes back, the class is Keras' own, or
    the round trip fails (a missing argument: the job's compile says what to do then)."""
    kind = type(obj)
    if str(kind.__module__).startswith("keras"):
        return None
    try:
        rebuilt = kind.from_config(obj.get_config())
    except Exception:  # noqa: BLE001 - not rebuilt at all: `compiled` refuses it by name
        return None
    parameters = inspect.signature(kind.__init__).parameters
    for name in parameters:
        if name in ("self", "name", "dtype") or not hasattr(obj, name):
            continue
        value = getattr(obj, name)
        if isinstance(value, PLAIN) and getattr(rebuilt, name, None) != value:
            return name, value, getattr(rebuilt, name, None)
    return None


def unkept_settings_error(model: keras.Model) -> str | None:
    """One line naming the first compiled loss or metric object whose config does not
    rebuild it (`lost_argument`) and what to do; None when every one round-trips."""
    for role, obj in compile_leaves(model):
        if not isinstance(obj, keras.losses.Loss | keras.metrics.Metric):
            continue
        lost = lost_argument(obj)
        if lost is None:
            continue
        kind, label = type(obj).__name__, getattr(obj, "name", "")
        argument, value, rebuilt = lost
        what = f"its get_config() does not keep {argument}={value!r} (rebuilt: {rebuilt!r})"
        return (f"{role} '{label}' ({kind}): {what}, so the job's trainings and the model "
                f"it writes would compute another {role}; give {kind} a get_config() that "
                "returns its constructor arguments, or watch the model in your own fit with "
                "autotrainer_keras.keras.Watch")
    return None
