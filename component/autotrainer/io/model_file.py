"""Loading the user's model file safely; the file itself is only ever read."""

from __future__ import annotations

import hashlib
import json
import warnings
import zipfile
from pathlib import Path
from typing import Any

from autotrainer.errors import InputError

SUFFIXES = (".keras", ".h5")
UNSAFE_CLASSES = frozenset({"Lambda", "TFOpLambda"})


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _read_config(path: Path) -> dict[str, Any]:
    if path.suffix == ".keras":
        with zipfile.ZipFile(path) as archive:
            return json.loads(archive.read("config.json"))
    import h5py

    with h5py.File(path, "r") as handle:
        raw = handle.attrs.get("model_config")
        if raw is None:
            raise ValueError("no model_config in the HDF5 file (weights only?)")
        return json.loads(raw if isinstance(raw, str) else raw.decode("utf-8"))


def _walk(node: Any):
    if isinstance(node, dict):
        if "class_name" in node:
            yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def unsafe_parts(config: dict[str, Any]) -> list[str]:
    """Layers that would run code from the file: Lambda layers and custom classes."""
    found = []
    for node in _walk(config):
        name = str(node.get("class_name"))
        module = str(node.get("module") or "keras")
        if name in UNSAFE_CLASSES or not module.startswith("keras"):
            found.append(f"{name} ({module})")
    return sorted(set(found))


def check_model_file(path: str | Path, trust_code: bool = False) -> dict[str, Any]:
    """Check a model file without Keras (fast): its name, that it can be read, and that it
    carries no code unless `trust_code`; return its model config.

    Raises:
        InputError: Naming what is wrong with the file.
    """
    path = Path(path)
    if path.suffix not in SUFFIXES:
        raise InputError(f"model file {path}: expected a .keras or .h5 file, got '{path.suffix}'")
    if path.is_dir():
        raise InputError(f"model file {path} is a directory; expected a .keras or .h5 file")
    if not path.is_file():
        raise InputError(f"model file not found: {path}")
    try:
        config = _read_config(path)
    except Exception as error:  # noqa: BLE001 - any parse failure is a corrupt file
        raise InputError(f"model file {path} is not a readable Keras model ({error})") from None
    unsafe = unsafe_parts(config)
    if unsafe and not trust_code:
        raise InputError(
            f"model file {path} contains code-carrying layers ({', '.join(unsafe)}); "
            "refusing to load them; pass --trust-model-code if you trust this file"
        )
    return config


def load_model(path: str | Path, trust_code: bool = False):
    """Load a `.keras` or `.h5` model without modifying the file.

    Lambda layers and custom classes are refused unless `trust_code` is True (they run code
    stored in, or named by, the file).
    """
    import keras

    path = Path(path)
    check_model_file(path, trust_code)
    try:
        with warnings.catch_warnings():  # optimizer slots are rebuilt at compile: expected
            warnings.filterwarnings("ignore", message="Skipping variable loading for optimizer")
            model = keras.saving.load_model(path, compile=True, safe_mode=not trust_code)
    except Exception as error:  # noqa: BLE001 - Keras raises many types for bad files
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(f"model file {path} could not be loaded: {message}") from None
    if not isinstance(model, keras.Model):
        raise InputError(f"model file {path} holds a {type(model).__name__}, not a Keras model")
    return model
