"""One traced function per probe object, counted as its own by TensorFlow.

`tf.function` counts retracings per Python function *code*: every object's bound method (or
closure) of one class shares its code, so the tenth probe built for the tenth model (a
repair candidate, a new `Watch`) reads to TensorFlow as the fifth retrace of one function,
and it warns "triggered tf.function retracing". Each probe traces once for its own model,
which is no retrace. `traced(method)` gives TensorFlow an object of its own to count
instead, so a warning means what it says: the same probe re-traced.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import tensorflow as tf


class _Own:
    """Calls `function`; has no `__code__`, so TensorFlow keys its call statistics by it."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self._function = function
        self.__name__ = getattr(function, "__name__", "probe")

    def __call__(self, *args: Any) -> Any:
        return self._function(*args)


def traced(function: Callable[..., Any]) -> Any:
    """`tf.function(function)` whose retracing is counted for this function object alone."""
    return tf.function(_Own(function))
