"""Loading the user's model file safely; the file itself is only ever read."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from autotrainer_keras.errors import InputError
from autotrainer_keras.io.legacy_h5 import (
    Translation,
    translation,
    without_unknown_arguments,
    write_config,
)
from autotrainer_keras.io.model_archive import ArchiveLimitError, read_keras_config
from autotrainer_keras.io.model_classes import foreign_parts

SUFFIXES = (".keras", ".h5", ".hdf5")
"""Keras 3's archive, and the HDF5 files Keras 2 wrote under either name."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _read_config(path: Path) -> dict[str, Any]:
    if path.suffix == ".keras":
        return read_keras_config(path)
    import h5py

    with h5py.File(path, "r") as handle:
        raw = handle.attrs.get("model_config")
        if raw is None:
            raise ValueError(
                "no model_config in the HDF5 file: it holds weights only (save_weights?); "
                "save the whole model with model.save('model.keras')"
            )
        return json.loads(raw if isinstance(raw, str) else raw.decode("utf-8"))


ZIP_MAGIC = b"PK\x03\x04"
HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"


def _misnamed(path: Path) -> str:
    """What the file is when its first bytes say the other format than its suffix ("" when
    they agree or say neither): Keras picks the reader by the suffix."""
    with path.open("rb") as handle:
        head = handle.read(len(HDF5_MAGIC))
    if path.suffix != ".keras" and head.startswith(ZIP_MAGIC):
        return "is a .keras archive (a zip file) named .h5: rename it to .keras"
    if path.suffix == ".keras" and head == HDF5_MAGIC:
        return "is an HDF5 (.h5) file named .keras: rename it to .h5"
    return ""


def unsafe_parts(config: dict[str, Any]) -> list[str]:
    """Objects that would run code from the file or from outside Keras (io/model_classes.py)."""
    return foreign_parts(config)


def check_model_file(path: str | Path, trust_code: bool = False) -> dict[str, Any]:
    """Check a model file without Keras (fast): its name, that it can be read, and that it
    carries no code unless `trust_code`; return its model config.

    Raises:
        InputError: Naming what is wrong with the file.
    """
    path = Path(path)
    if (path / "saved_model.pb").is_file():  # read as "got ''" by the suffix check
        raise InputError(
            f"model file {path} is a TensorFlow SavedModel directory, which Keras 3 cannot "
            "load as a model; expected a .keras or .h5 file: load it in the Keras that saved "
            "it and save it with model.save('model.keras')"
        )
    if path.suffix not in SUFFIXES:
        raise InputError(
            f"model file {path}: expected a .keras or .h5 (.hdf5) file, got '{path.suffix}'"
        )
    if path.is_dir():
        raise InputError(f"model file {path} is a directory; expected a .keras or .h5 file")
    if not path.exists():
        raise InputError(f"model file not found: {path}")
    if not path.is_file():
        raise InputError(f"model file {path} is not a regular file (a device, a pipe?)")
    misnamed = _misnamed(path)
    if misnamed:
        raise InputError(f"model file {path} {misnamed}")
    try:
        config = _read_config(path)
        unsafe = unsafe_parts(config)
        bad_name = name_problem(config)
    except ArchiveLimitError as error:
        raise InputError(f"model file {path} refused: {error}") from None
    except RecursionError:
        raise InputError(f"model file {path} refused: its config is nested too deeply") from None
    except Exception as error:  # noqa: BLE001 - any parse failure is a corrupt file
        raise InputError(f"model file {path} is not a readable Keras model ({error})") from None
    if unsafe and not trust_code:
        raise InputError(
            f"model file {path} contains code-carrying layers or non-Keras objects "
            f"({', '.join(unsafe[:5])}{', ...' if len(unsafe) > 5 else ''}); refusing to load "
            "them; pass --trust-model-code if you trust this file"
        )
    if bad_name:
        raise InputError(f"model file {path}: {bad_name}")
    return config


MISSING_OBJECT = re.compile(r"(?:Could not locate|Unknown) (function|class|[a-z ]+?):? '([^']+)'")
"""Keras' error for a custom function or class it cannot find (`.keras`: "Could not locate
function 'f'"; `.h5`: "Unknown layer: 'L'"); its message goes on with advice for Python code
(a custom object scope, a decorator) and a dump of the object's config."""

def _missing_object(message: str, config: dict[str, Any]) -> tuple[str, str] | None:
    """(kind, name) of the user's own function or class Keras could not find, if that is why
    loading failed (a custom layer class: "Sequential could not be deserialized properly")."""
    found = MISSING_OBJECT.search(message)
    if found:
        return found.group(1), found.group(2)
    if "could not be deserialized" in message:
        from autotrainer_keras.repair.keras_spec import unregistered_classes

        classes = unregistered_classes(config)
        return ("class", classes[0]) if classes else None
    return None


NAME_PATTERN = re.compile(r"[A-Za-z0-9_.\\/>-]+")
"""Names TensorFlow accepts as name scopes (the model's and each layer's name become one)."""


def _names(node: Any, kind: str) -> Iterator[tuple[str, Any]]:
    inner = node.get("config") if isinstance(node, dict) else None
    if not isinstance(inner, dict):
        return
    yield kind, inner.get("name")
    layers = inner.get("layers")
    for layer in layers if isinstance(layers, list) else ():
        yield from _names(layer, "layer")


def name_problem(config: dict[str, Any]) -> str | None:
    """Why the model's or a layer's name cannot be trained under TensorFlow, None if none."""
    for kind, name in _names(config, "model"):
        if isinstance(name, str) and not NAME_PATTERN.fullmatch(name):
            return (
                f"{kind} name {name!r} cannot be used by TensorFlow (allowed: letters, digits and "
                "_ . / > -, not empty); rename it (e.g. model.name = 'my_model') and save again"
            )
    return None


MAX_LEGACY_RETRIES = 16
"""Loads retried, each without the Keras 2 layer arguments Keras 3 refused the time before."""


def load_model(path: str | Path, trust_code: bool = False):
    """Load a `.keras` or `.h5` model without modifying the file.

    Lambda layers and custom classes are refused unless `trust_code` is True (they run code
    stored in, or named by, the file).
    """
    return load_model_with_notes(path, trust_code)[0]


def load_model_with_notes(
    path: str | Path, trust_code: bool = False
) -> tuple[Any, tuple[str, ...]]:
    """`load_model`, and what was translated to read a Keras 2 `.h5` file as it was meant
    (`io/legacy_h5.py`: one note per change, for the report; empty for any other file)."""
    import keras

    path = Path(path)
    config = check_model_file(path, trust_code)
    plan = translation(path)
    for attempt in range(MAX_LEGACY_RETRIES + 1):
        try:
            with warnings.catch_warnings(), _keras_readable(path, plan) as readable:
                # optimizer slots are rebuilt at compile: expected
                warnings.filterwarnings("ignore", message="Skipping variable loading for optimizer")
                model = keras.saving.load_model(readable, compile=True, safe_mode=not trust_code)
            break
        except Exception as error:  # noqa: BLE001 - Keras raises many types for bad files
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            retry = without_unknown_arguments(plan, path, message)
            if retry is not None and attempt < MAX_LEGACY_RETRIES:
                plan = retry
                continue
            raise InputError(f"model file {path} could not be loaded: "
                             f"{_load_error(message, config)}") from None  # fmt: skip
    if not isinstance(model, keras.Model):
        raise InputError(f"model file {path} holds a {type(model).__name__}, not a Keras model")
    return model, plan.notes


def _load_error(message: str, config: dict[str, Any]) -> str:
    """Keras' load error, or for a function or class of the user's own what to pass."""
    missing = _missing_object(message, config)
    if not missing:
        return message
    kind, name = missing  # Keras' advice (decorate, import) cannot be followed on the CLI
    return (
        f"it uses the {kind} {name!r}, which is not part of Keras and cannot be found "
        "outside the code that defines it: pass --custom-objects FILE.py (a file that "
        f"defines it and lists it in custom_objects = {{{name!r}: ...}} or registers "
        "it) with --trust-model-code, or call autotrainer_keras.fit(model, ...) where "
        "it is defined"
    )


@contextmanager
def _keras_readable(path: Path, plan: Translation) -> Iterator[Path]:
    """`path`, or for a Keras 2 `.h5` file that Keras 3 would refuse or misread
    (`io/legacy_h5.py`) a temporary copy with its configs translated (`plan`)."""
    configs = plan.configs
    if not configs:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="autotrainer-h5-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        for name, config in configs.items():
            write_config(copy, name, config)
        yield copy
