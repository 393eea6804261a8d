"""Broken model and data files, each built in a directory: what users actually hand us."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np

from .inputs import circles, save, write_npz


def garbage(path: Path) -> Path:
    path.write_bytes(b"\x00not a model\xff" * 64)
    return path


def truncated(good: Path, path: Path) -> Path:
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return path


def rezip(good: Path, path: Path, replace: dict[str, bytes | None]) -> Path:
    """A copy of the .keras archive `good` with members replaced (None: dropped)."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            if item.filename in replace:
                content = replace[item.filename]
                if content is not None:
                    target.writestr(item.filename, content)
            else:
                target.writestr(item, source.read(item.filename))
    return path


def with_module(good: Path, path: Path, module: str) -> Path:
    """The archive with its first Dense layer's class moved to `module` (a custom class)."""
    with zipfile.ZipFile(good) as source:
        config = json.loads(source.read("config.json"))
    config["config"]["layers"][0]["module"] = module
    return rezip(good, path, {"config.json": json.dumps(config).encode()})


def lambda_model(path: Path) -> Path:
    import keras

    model = keras.Sequential(
        [keras.Input((2,)), keras.layers.Lambda(lambda t: t * 2.0), keras.layers.Dense(1)]
    )
    return save(model, path)


def custom_layer_model(path: Path) -> Path:
    """A model with a layer class of its own (module `cli.badfiles`, not `keras.*`)."""
    import keras

    class Doubler(keras.layers.Layer):
        def call(self, inputs):
            return inputs * 2.0

    model = keras.Sequential([keras.Input((2,)), Doubler(), keras.layers.Dense(1)])
    return save(model, path)


def custom_loss_model(path: Path) -> Path:
    """A model compiled with a loss function of its own (unregistered: Keras saves its name)."""
    import keras

    def my_loss(y_true, y_pred):
        return keras.ops.mean(keras.ops.square(y_true - y_pred))

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss=my_loss)
    return save(model, path)


def data_file(path: Path, kind: str) -> Path:
    """A data file broken in one way (`kind`), or a good one ("good")."""
    x, y = circles()
    arrays: dict[str, np.ndarray] = {"x_train": x, "y_train": y}
    if kind == "no_y":
        del arrays["y_train"]
    elif kind == "x_val_only":
        arrays["x_val"] = x[:10]
    elif kind == "rows_differ":
        arrays["y_train"] = y[:100]
    elif kind == "three_features":
        arrays["x_train"] = np.concatenate([x, x[:, :1]], axis=1)
    elif kind == "three_classes":
        arrays["y_train"] = (np.arange(len(y)) % 3).astype("float32")
    elif kind == "nan_x":
        arrays["x_train"] = x.copy()
        arrays["x_train"][5, 1] = np.nan
    elif kind == "nan_y":  # a label left missing, under Keras' binary CE (no mask)
        arrays["y_train"] = y.astype("float32")
        arrays["y_train"][7] = np.nan
    elif kind == "inf_y_val":
        y_val = y[:20].copy()
        y_val[3] = np.inf
        arrays.update(x_val=x[:20], y_val=y_val)
    elif kind == "no_rows":
        arrays = {"x_train": x[:0], "y_train": y[:0]}
    elif kind == "text_labels":
        arrays["y_train"] = np.array(["yes", "no"] * (len(y) // 2))
    elif kind == "five_classes":
        arrays["y_train"] = (np.arange(len(y)) % 5).astype("float32")
    elif kind == "complex_x":
        arrays["x_train"] = x.astype("complex64")
    elif kind == "object_y":  # e.g. a pandas column of mixed values
        arrays["y_train"] = y.astype(object)
    elif kind == "val_shape":
        arrays.update(x_val=x[:20, :1], y_val=y[:20])
    return write_npz(path, **arrays)


def unfit_model(path: Path, kind: str) -> Path:
    """A valid model that this data or autotrainer cannot train (`kind`)."""
    import keras

    layers = keras.layers
    if kind in ("two_inputs", "two_outputs"):
        a, b = keras.Input((2,)), keras.Input((2,))
        if kind == "two_inputs":
            model = keras.Model([a, b], layers.Dense(1)(layers.Concatenate()([a, b])))
        else:
            model = keras.Model(a, [layers.Dense(1)(a), layers.Dense(1)(a)])
        model.compile(optimizer="adam", loss="mse")
        return save(model, path)
    units, loss = {
        "softmax_binary_loss": (2, "binary_crossentropy"),
        "three_class_sparse": (3, "sparse_categorical_crossentropy"),
        "three_class_onehot": (3, "categorical_crossentropy"),
        "unsupported_loss": (1, "circle"),
    }[kind]
    model = keras.Sequential([keras.Input((2,)), layers.Dense(units, activation="softmax")])
    model.compile(optimizer="adam", loss=loss)
    return save(model, path)
