"""Tiny Keras models whose serialised configs the repair tests transform.

The configs are stored in `model_configs.json` so the fast tests need no Keras; a medium test
checks that Keras still serialises these models exactly so. Regenerate after a Keras upgrade:

    .venv/bin/python -m tests.repair.models
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

CONFIG_FILE = Path(__file__).with_name("model_configs.json")


def _build() -> dict[str, Callable[[], Any]]:
    import keras
    from keras import layers as L  # noqa: N812

    def seq_mlp() -> keras.Model:
        return keras.Sequential([
            keras.Input((8,), name="x"),
            L.Dense(16, activation="relu", name="h1"),
            L.Dense(16, activation="sigmoid", name="h2"),
            L.Dense(3, activation="softmax", name="out"),
        ], name="seq_mlp")  # fmt: skip

    def fun_mlp() -> keras.Model:
        x = keras.Input((8,), name="x")
        h1 = L.Dense(16, activation="relu", name="h1")(x)
        a2 = L.Activation("tanh", name="a2")(L.Dense(16, name="h2")(h1))
        cat = L.Concatenate(name="cat")([h1, a2])
        return keras.Model(x, L.Dense(3, activation="softmax", name="out")(cat), name="fun_mlp")

    def seq_layers() -> keras.Model:
        return keras.Sequential([
            keras.Input((8,), name="x"),
            L.Dense(16, name="d1"), L.ReLU(name="r1"),
            L.Dense(16, use_bias=False, name="d2"), L.BatchNormalization(name="bn2"),
            L.ELU(name="e2"),
            L.Dense(3, name="logits"), L.Activation("softmax", name="out"),
        ], name="seq_layers")  # fmt: skip

    def seq_conv2d() -> keras.Model:
        return keras.Sequential([
            keras.Input((8, 8, 1), name="x"),
            L.Conv2D(4, 3, activation="relu", name="c1"), L.MaxPooling2D(name="p1"),
            L.Conv2D(4, 3, activation="relu", use_bias=False, name="c2"),
            L.Flatten(name="f"), L.Dense(3, activation="softmax", name="out"),
        ], name="seq_conv2d")  # fmt: skip

    def fun_conv1d() -> keras.Model:
        x = keras.Input((16, 2), name="x")
        h = L.Conv1D(4, 3, activation="tanh", name="c1")(x)
        h = L.Dropout(0.1, name="drop")(L.GlobalMaxPooling1D(name="gp")(h))
        return keras.Model(x, L.Dense(1, activation="sigmoid", name="out")(h), name="fun_conv1d")

    def seq_rnn() -> keras.Model:
        return keras.Sequential([
            keras.Input((10,), dtype="int32", name="x"),
            L.Embedding(20, 4, name="emb"),
            L.LSTM(4, return_sequences=True, name="lstm"), L.GRU(4, name="gru"),
            L.Dense(16, activation="relu", name="h"),
            L.Dense(3, activation="softmax", name="out"),
        ], name="seq_rnn")  # fmt: skip

    def fun_rnn() -> keras.Model:
        x = keras.Input((10, 3), name="x")
        h = L.SimpleRNN(4, return_sequences=True, name="rnn")(x)
        h = L.Bidirectional(L.LSTM(4), name="bi")(h)
        return keras.Model(x, L.Dense(3, activation="softmax", name="out")(h), name="fun_rnn")

    def fun_shared() -> keras.Model:
        a, b = keras.Input((8,), name="a"), keras.Input((8,), name="b")
        shared = L.Dense(8, activation="relu", name="shared")
        cat = L.Concatenate(name="cat")([shared(a), shared(b)])
        out = L.Dense(1, activation="sigmoid", name="out")(cat)
        return keras.Model([a, b], out, name="fun_shared")

    return {f.__name__: f for f in (seq_mlp, fun_mlp, seq_layers, seq_conv2d, fun_conv1d,
                                     seq_rnn, fun_rnn, fun_shared)}


def keras_models() -> dict[str, Any]:
    """Every test model, built fresh with Keras."""
    return {name: make() for name, make in _build().items()}


def serialised(model: Any) -> dict[str, Any]:
    """The model config as `keras_spec.spec_from_model` stores it."""
    import keras

    config = keras.saving.serialize_keras_object(model)
    config.pop("compile_config", None)
    return json.loads(json.dumps(config))


def load_configs() -> dict[str, dict[str, Any]]:
    """The stored configs, by model name."""
    return json.loads(CONFIG_FILE.read_text(encoding="utf-8"))


def sample_batch(name: str, n: int = 8) -> tuple[Any, Any, str]:
    """A seeded random batch `(x, y, loss)` that fits the model `name`."""
    rng = np.random.default_rng(0)
    shapes = {"seq_mlp": (8,), "fun_mlp": (8,), "seq_layers": (8,), "seq_conv2d": (8, 8, 1),
              "fun_conv1d": (16, 2), "fun_rnn": (10, 3)}
    if name == "seq_rnn":
        x: Any = rng.integers(0, 20, (n, 10))
    elif name == "fun_shared":
        x = [rng.normal(size=(n, 8)).astype("float32") for _ in range(2)]
    else:
        x = rng.normal(size=(n, *shapes[name])).astype("float32")
    if name in ("fun_conv1d", "fun_shared"):
        return x, rng.integers(0, 2, (n, 1)).astype("float32"), "binary_crossentropy"
    return x, rng.integers(0, 3, n), "sparse_categorical_crossentropy"


if __name__ == "__main__":
    configs = {name: serialised(model) for name, model in keras_models().items()}
    CONFIG_FILE.write_text(json.dumps(configs, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {CONFIG_FILE} ({len(configs)} models)")
