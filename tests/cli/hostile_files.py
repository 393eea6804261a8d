"""Hostile model, data, config and report files, built without TensorFlow.

A `.keras` file here is the archive Keras writes (metadata.json, config.json,
model.weights.h5) with a config in Keras 3's own format: every refusal under test happens in
the pre-check, before Keras opens the file, so the weights entry is never read.
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np


def _dense(name: str, units: int, activation: Any) -> dict[str, Any]:
    return {
        "module": "keras.layers", "class_name": "Dense", "registered_name": None,
        "config": {
            "name": name, "trainable": True, "units": units, "activation": activation,
            "use_bias": True,
            "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform",
                                   "config": {"seed": None}, "registered_name": None},
            "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros",
                                 "config": {}, "registered_name": None},
        },
        "build_config": {"input_shape": [None, 2]},
    }  # fmt: skip


def model_config() -> dict[str, Any]:
    """Input(2) -> Dense(8, relu) -> Dense(1, sigmoid), compiled with Adam and binary
    crossentropy, as `model.save` writes it."""
    return {
        "module": "keras", "class_name": "Sequential", "registered_name": None,
        "config": {
            "name": "sequential", "trainable": True,
            "layers": [
                {"module": "keras.layers", "class_name": "InputLayer", "registered_name": None,
                 "config": {"batch_shape": [None, 2], "dtype": "float32", "name": "input"}},
                _dense("dense", 8, "relu"),
                _dense("dense_1", 1, "sigmoid"),
            ],
        },
        "compile_config": {
            "optimizer": {"module": "keras.optimizers", "class_name": "Adam",
                          "config": {"name": "adam", "learning_rate": 0.01},
                          "registered_name": None},
            "loss": "binary_crossentropy", "metrics": ["accuracy"],
        },
    }  # fmt: skip


def keras_archive(
    path: Path,
    config: Any = None,
    *,
    raw_config: bytes | None = None,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """A `.keras` zip with `config` (default: model_config()) and a placeholder weights entry."""
    body = raw_config if raw_config is not None else json.dumps(config or model_config()).encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata.json", b'{"keras_version": "3.15.1"}')
        archive.writestr("config.json", body)
        archive.writestr("model.weights.h5", b"\x89HDF\r\n\x1a\n" + b"\x00" * 256)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return path


def with_layer(path: Path, index: int, **changes: Any) -> Path:
    """The model with layer `index`'s node (module, class_name, registered_name, config
    entries via `config__key`) changed."""
    config = copy.deepcopy(model_config())
    layer = config["config"]["layers"][index]
    for key, value in changes.items():
        if key.startswith("config__"):
            layer["config"][key.removeprefix("config__")] = value
        else:
            layer[key] = value
    return keras_archive(path, config)


def with_compile(path: Path, **changes: Any) -> Path:
    config = model_config()
    config["compile_config"].update(changes)
    return keras_archive(path, config)


def nested_json(depth: int) -> bytes:
    return b'{"config": ' * depth + b"{}" + b"}" * depth


def circles_npz(path: Path, **overrides: np.ndarray) -> Path:
    """A small, valid 2-feature binary data set; `overrides` replace or add arrays."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 2)).astype("float32")
    y = (np.linalg.norm(x, axis=1) > 1.0).astype("float32")
    arrays = {"x_train": x, "y_train": y, **overrides}
    np.savez(path, **arrays)
    return path


def npz_declaring(path: Path, shape: tuple[int, ...]) -> Path:
    """An .npz whose x_train header declares `shape` (float64) over 64 bytes of data."""
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f8", "fortran_order": False, "shape": shape}
    )
    labels = io.BytesIO()
    np.lib.format.write_array(labels, np.zeros(64, "float32"))
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("x_train.npy", header.getvalue() + b"\0" * 64)
        archive.writestr("y_train.npy", labels.getvalue())
    return path


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """A billion-laughs YAML config under a typed key (9^9 = 387 million nodes expanded)."""
    lines = [f"  - &a0 [{', '.join(['1'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"  - &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    return "training:\n  epochs:\n" + "\n".join(lines) + "\n"
