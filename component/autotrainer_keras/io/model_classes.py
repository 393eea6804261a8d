"""Which serialised objects in a model config run code from outside Keras.

Keras rebuilds each `{"module", "class_name", "config", "registered_name"}` node of a saved
config by importing `module` or looking `registered_name` up among registered classes.
Without `--trust-model-code` only Keras' own classes may appear: `module` exactly `keras` or
starting with `keras.`, no package-prefixed `registered_name` (`pkg>Layer` is user code), no
Lambda layer or `__lambda__` function (they carry Python bytecode), and Keras' built-in
functions in the form Keras writes them (`{"module": "builtins", "class_name": "function",
"config": "categorical_crossentropy"}`: Keras resolves the name among its own losses,
metrics, activations, initializers, regularizers and constraints only).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

CODE_CLASSES = frozenset({"Lambda", "TFOpLambda", "__lambda__"})
"""Keras classes whose config carries Python code."""


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _is_function_dump(node: dict[str, Any]) -> bool:
    """A lambda activation as Keras writes it: `{"value": [bytecode, defaults, closure]}`."""
    value = node.get("value")
    return (
        set(node) == {"value"}
        and isinstance(value, list)
        and len(value) == 3
        and (isinstance(value[0], str))
    )


def _is_keras_module(module: Any) -> bool:
    """None: a legacy (.h5) or marker node (`__numpy__`, `__keras_tensor__`), resolved among
    Keras' own names; a registered user class has a `pkg>` registered name, checked first."""
    return module is None or module == "keras" or str(module).startswith("keras.")


def _foreign(node: dict[str, Any]) -> str | None:
    """How `node` would run code from outside Keras, None when it would not."""
    if _is_function_dump(node):
        return "lambda function (bytecode)"
    if "class_name" not in node:
        return None
    name, module = node.get("class_name"), node.get("module")
    registered = node.get("registered_name")
    if not isinstance(name, str):
        return f"class_name {name!r}"
    if name in CODE_CLASSES:
        return f"{name} (Python code)"
    if isinstance(registered, str) and ">" in registered:
        return f"{name} (registered {registered})"
    if module == "builtins" and name == "function":
        config = node.get("config")
        if isinstance(config, str) and config.isidentifier() and not config.startswith("_"):
            return None  # a Keras built-in loss/metric/activation by name
        return f"function {config!r} (builtins)"
    if not _is_keras_module(module):
        return f"{name} ({module})"
    return None


def foreign_parts(config: dict[str, Any]) -> list[str]:
    """Every object in `config` that would run code from outside Keras, sorted, once each."""
    return sorted({part for node in _walk(config) if (part := _foreign(node)) is not None})
