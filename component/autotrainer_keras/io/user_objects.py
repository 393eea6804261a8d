"""The user's own Keras objects for a model file: `--custom-objects FILE.py|module`.

A model file compiled with a loss function of the user's own, or holding a custom layer or
activation, names them; Keras finds them only in its registry or a custom object scope. The
CLI imports the named Python file or module (it runs its code: only with
`--trust-model-code`) before the model loads: what it registers with
`keras.saving.register_keras_serializable` goes into Keras' registry, and a top-level
`custom_objects` dict (`{"my_loss": my_loss, ...}`) is put in scope while the job loads,
compiles and rebuilds models (`JobRequest.custom_objects`).
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

from autotrainer_keras.errors import InputError

OPTION = "--custom-objects"
MODULE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")
ALLOWED = "a Python file (.py) or an importable module name (my_package.losses)"


def check_source(source: str, trust_code: bool) -> None:
    """Check `--custom-objects` before anything runs: trusted, and a .py file or a module name.

    Raises:
        InputError: Not trusted, or neither an existing .py file nor a module name.
    """
    if not trust_code:
        raise InputError(
            f"{OPTION} {source} runs the Python code it names; pass --trust-model-code too "
            "if you trust it"
        )
    if source.endswith(".py") or "/" in source or "\\" in source:
        path = Path(source)
        if path.suffix != ".py":
            raise InputError(f"{OPTION} {source}: expected {ALLOWED}, got '{path.suffix}'")
        if not path.is_file():
            raise InputError(f"{OPTION} {source}: file not found (expected {ALLOWED})")
        return
    if not MODULE_NAME.fullmatch(source):
        raise InputError(f"{OPTION} {source!r}: expected {ALLOWED}")


def import_objects(source: str) -> dict[str, Any]:
    """Import the file or module; return its `custom_objects` dict ({} without one).

    Raises:
        InputError: It cannot be imported (the first line of the error), its `custom_objects`
            is not a dict of names to functions or classes, or it provides nothing (no
            `custom_objects` and nothing registered with Keras).
    """
    import keras

    registered_before = set(keras.saving.get_custom_objects())
    try:
        module = _import(source)
    except InputError:
        raise
    except (Exception, SystemExit) as error:  # noqa: BLE001 - the user's code raises anything
        first = str(error).splitlines()[0] if str(error) else ""
        raise InputError(
            f"{OPTION} {source} could not be imported: {type(error).__name__}"
            f"{': ' + first if first else ''}"
        ) from None
    objects = getattr(module, "custom_objects", None)
    registered = set(keras.saving.get_custom_objects()) - registered_before
    if objects is None:
        if not registered:
            raise InputError(
                f"{OPTION} {source} defines no custom_objects dict and registers nothing with "
                "@keras.saving.register_keras_serializable(); add custom_objects = "
                "{'my_loss': my_loss, ...} naming the functions and classes the model uses"
            )
        return {}
    if not isinstance(objects, dict) or not all(
        isinstance(name, str) and callable(value) for name, value in objects.items()
    ):
        raise InputError(
            f"{OPTION} {source}: custom_objects must be a dict of names to functions or "
            f"classes, got {type(objects).__name__}"
        )
    return dict(objects)


def _import(source: str) -> Any:
    if not source.endswith(".py"):
        try:
            return importlib.import_module(source)
        except ModuleNotFoundError as error:
            if error.name and source.startswith(error.name):
                raise InputError(
                    f"{OPTION} {source}: no module named {error.name!r} (expected {ALLOWED}; "
                    "a module must be importable: installed, or on PYTHONPATH)"
                ) from None
            raise
    path = Path(source).resolve()
    name = "autotrainer_user_objects_" + re.sub(r"\W", "_", path.stem)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise InputError(f"{OPTION} {source}: expected {ALLOWED}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses, pickling and Keras look classes up by module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module
