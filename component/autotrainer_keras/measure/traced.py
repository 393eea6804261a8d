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
    """`tf.function(function)` whose retracing is counted for this function object alone.

    Without AutoGraph: the probes' Python control flow is over variables and layers, known
    when tracing, never over tensor values; and Keras itself traces its train step without
    AutoGraph (`do_not_convert`), so a model that trains under `fit` traces here too.
    AutoGraph's source-to-source conversion of every function these call cost ~2.5 s of a
    job's first training (cProfile of a small zoo job: 69 conversions, 3.4 s)."""
    return tf.function(_Own(function), autograph=False)
