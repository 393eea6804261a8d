"""Lambda layers rebuilt with the globals their code reads.

Keras serialises a Lambda's Python function as its bytecode and loads it back with the
globals of a Keras module of its own, where the names the user's code reads (`keras`,
`np`, `tf`, `ops`, their own helpers) are unknown: the rebuilt layer cannot even infer its
output shape (practice batch 3's siamese model: `lambda t: keras.ops.abs(t[0] - t[1])`).
The spec records the module that defined each function (`with_lambda_modules`); a
candidate's build loads the code with that module's globals when it is loaded in this
process (a model given in memory), else with the usual imports (`rebuilt_lambdas`).

A closure can hold a module too (`import keras` inside the function that builds the model,
then `Lambda(lambda t: keras.ops.abs(t))`): Keras writes it as a placeholder naming the
module (`{"class_name": "module", "config": "keras", ...}`) and loads the placeholder, not
the module, into the cell. The spec keeps the name (a module object itself becomes that
placeholder, so the spec stays JSON) and the build imports the module by it.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable, Iterable
from typing import Any

import keras
import numpy as np
from keras.src.utils import python_utils

from autotrainer_keras.measure.layer_map import leaf_layers

MODULE_KEY = "autotrainer_module"
"""Key of a serialised lambda's config that names the module whose globals it reads."""

FUNCTION_KEYS = ("function", "output_shape")


def _serialised_lambdas(
    dicts: Iterable[dict[str, Any]],
) -> Iterable[tuple[dict[str, Any], str, dict[str, Any]]]:
    """(layer config, key, serialised function) of every Python lambda of Lambda layers."""
    for node in dicts:
        config = node.get("config")
        if node.get("class_name") != "Lambda" or not isinstance(config, dict):
            continue
        for key in FUNCTION_KEYS:
            function = config.get(key)
            if isinstance(function, dict) and function.get("class_name") == "__lambda__":
                yield config, key, function


def with_lambda_modules(dicts: Iterable[dict[str, Any]], model: keras.Model) -> None:
    """Writes, into each serialised lambda of `model` (`dicts`: its serialised config's
    dicts), the module that defined the live function."""
    lambdas = [layer for layer in leaf_layers(model) if isinstance(layer, keras.layers.Lambda)]
    modules = {layer.name: getattr(layer.function, "__module__", None) for layer in lambdas}
    for config, key, function in list(_serialised_lambdas(dicts)):
        module = modules.get(config.get("name")) if key == "function" else None
        inner = function.get("config")
        if not isinstance(inner, dict):
            continue
        if isinstance(module, str):
            inner[MODULE_KEY] = module
        if inner.get("closure"):
            inner["closure"] = [_module_placeholder(v) if isinstance(v, types.ModuleType)
                                else v for v in inner["closure"]]  # fmt: skip


def _module_placeholder(module: types.ModuleType) -> dict[str, Any]:
    """A module in a closure as Keras serialises one: by its name."""
    return {"module": "builtins", "class_name": "module", "config": module.__name__,
            "registered_name": "module"}  # fmt: skip


def _closure(values: list[Any] | tuple[Any, ...] | None) -> tuple[Any, ...] | None:
    """A serialised closure's values, each module placeholder imported by its name."""
    if values is None:
        return None
    return tuple(
        importlib.import_module(v["config"])
        if isinstance(v, dict) and v.get("class_name") == "module"
        and v.get("module") == "builtins" and isinstance(v.get("config"), str)
        else v
        for v in values
    )


def _globals(module: str | None) -> dict[str, Any]:
    names: dict[str, Any] = {"keras": keras, "ops": keras.ops, "np": np, "numpy": np}
    tensorflow = sys.modules.get("tensorflow")
    if tensorflow is not None:
        names["tf"] = tensorflow
    if module and module in sys.modules:
        names.update(vars(sys.modules[module]))
    return names


def rebuilt_lambdas(dicts: Iterable[dict[str, Any]]) -> dict[str, Callable[..., Any]]:
    """Loads each serialised lambda in `dicts` (a config about to be built, changed in
    place) with the globals it reads, and puts a reference to the loaded function in its
    place: the returned custom objects, by name, for Keras' deserialisation."""
    loaded: dict[str, Callable[..., Any]] = {}
    for config, key, function in list(_serialised_lambdas(dicts)):
        inner = function["config"]
        name = f"autotrainer_lambda_{len(loaded)}"
        defaults = inner.get("defaults")  # a list once the config went through JSON
        loaded[name] = python_utils.func_load(
            inner["code"], defaults=tuple(defaults) if isinstance(defaults, list) else defaults,
            closure=_closure(inner.get("closure")), globs=_globals(inner.get(MODULE_KEY)),
        )  # fmt: skip
        config[key] = {"module": "builtins", "class_name": "function", "config": name,
                       "registered_name": "function"}  # fmt: skip
    return loaded
