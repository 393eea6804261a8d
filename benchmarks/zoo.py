"""The labelled model zoo: healthy and faulty models, each fault induced in several ways.

A `ModelSpec` is plain data (JSON-able): family, dataset, architecture, initialisers,
optimizer, batch size, epoch budget, seed, and the label it was built to have. `generate_zoo`
is deterministic: the same list on every call and every machine.

Slots (family x dataset): fc on circle, blob, digits, mnist1d and regression; cnn on mnist1d
(Conv1D) and digits (Conv2D on 8x8); rnn on mnist1d (SimpleRNN/LSTM over 20 steps) and digits
(8 rows as 8 steps). Per slot: 3 healthy models and 3 per problem, each from a different
recipe where the family has enough recipes (recipes rotate with the slot, so every recipe
appears on several families).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

HEALTHY = "healthy"
PROBLEMS = (
    "exploding_gradient",
    "vanishing_gradient",
    "dying_relu",
    "slow_convergence",
    "oscillating_loss",
)
LABELS = (HEALTHY, *PROBLEMS)
SLOTS: tuple[tuple[str, str], ...] = (
    ("fc", "circle"),
    ("fc", "blob"),
    ("fc", "digits"),
    ("fc", "mnist1d"),
    ("fc", "regression"),
    ("cnn", "mnist1d"),
    ("cnn", "digits"),
    ("rnn", "mnist1d"),
    ("rnn", "digits"),
)
PER_LABEL = 3
EPOCHS = 20


@dataclass(frozen=True)
class ModelSpec:
    """One zoo model: how to build and train it, and what it was built to show."""

    model_id: str
    family: str  # fc, cnn, rnn
    dataset: str
    label: str  # "healthy" or a problem id
    recipe: str  # how the label was induced
    depth: int = 2  # hidden Dense layers (fc, rnn head) or conv layers (cnn)
    units: int = 32
    activation: str = "relu"
    kernel_init: Any = "he_uniform"  # Keras name or {"class_name", "config"}
    bias_init: Any = "zeros"
    rnn_cell: str = "simple"  # rnn only: simple or lstm
    rnn_units: int = 16
    rnn_activation: str = "tanh"
    recurrent_init: Any = "orthogonal"
    optimizer: dict[str, Any] = field(default_factory=lambda: {"name": "adam",
                                                                "learning_rate": 3e-3})
    batch_size: int = 64
    epochs: int = EPOCHS
    seed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelSpec:
        return cls(**data)


def _normal(stddev: float, mean: float = 0.0) -> dict[str, Any]:
    return {"class_name": "RandomNormal", "config": {"mean": mean, "stddev": stddev}}


def _const(value: float) -> dict[str, Any]:
    return {"class_name": "Constant", "config": {"value": value}}


def _opt(name: str, lr: float, **extra: Any) -> dict[str, Any]:
    return {"name": name, "learning_rate": lr, **extra}


Recipe = Callable[[ModelSpec], ModelSpec]


def _r(**changes: Any) -> Recipe:
    return lambda spec: replace(spec, **changes)


# Each recipe: (name, families it applies to, transformation of the slot's healthy base).
RECIPES: dict[str, list[tuple[str, tuple[str, ...], Recipe]]] = {
    HEALTHY: [
        ("relu_adam", ("fc", "cnn", "rnn"), _r()),
        ("tanh_rmsprop_b32", ("fc", "cnn", "rnn"),
         _r(activation="tanh", kernel_init="glorot_uniform", batch_size=32,
            optimizer=_opt("rmsprop", 3e-3))),
        ("relu_sgd_momentum", ("fc", "cnn", "rnn"),
         _r(optimizer=_opt("sgd", 0.05, momentum=0.9))),
        ("elu_nadam_deeper", ("fc", "cnn", "rnn"),
         _r(activation="elu", depth=3, optimizer=_opt("nadam", 3e-3))),
        ("selu_lecun_b32", ("fc", "rnn"),
         _r(activation="selu", kernel_init="lecun_normal", batch_size=32)),
    ],
    # Diverge for real in plain training: no ReLU here (high steps kill ReLU units, which
    # then stall instead of exploding); unbounded activations keep the blow-up alive.
    "exploding_gradient": [
        ("linear_large_init_sgd", ("fc", "cnn", "rnn"),
         _r(depth=4, activation="linear", kernel_init=_normal(1.0), optimizer=_opt("sgd", 0.01))),
        ("elu_large_init_sgd", ("fc", "cnn"),
         _r(depth=4, activation="elu", kernel_init=_normal(3.0), optimizer=_opt("sgd", 0.05))),
        ("linear_momentum_lr_high_b32", ("fc", "cnn", "rnn"),
         _r(depth=3, activation="linear", batch_size=32,
            optimizer=_opt("sgd", 0.5, momentum=0.9))),
        ("selu_deep_no_norm_sgd", ("fc", "cnn", "rnn"),
         _r(depth=8, activation="selu", kernel_init=_normal(1.0), optimizer=_opt("sgd", 0.1))),
        ("leaky_relu_momentum_lr_huge", ("fc", "cnn", "rnn"),
         _r(depth=3, activation="leaky_relu", optimizer=_opt("sgd", 1.0, momentum=0.9))),
        ("rnn_relu_recurrent_gain", ("rnn",),
         _r(rnn_cell="simple", rnn_activation="relu", activation="linear",
            kernel_init=_normal(1.0),
            recurrent_init={"class_name": "Orthogonal", "config": {"gain": 3.0}},
            optimizer=_opt("sgd", 0.3))),
    ],
    "vanishing_gradient": [
        ("deep_sigmoid_sgd", ("fc", "cnn", "rnn"),
         _r(depth=8, units=16, activation="sigmoid", kernel_init="glorot_uniform",
            optimizer=_opt("sgd", 0.01))),
        ("deep_tanh_tiny_init", ("fc", "cnn", "rnn"),
         _r(depth=8, units=16, activation="tanh", kernel_init=_normal(0.02),
            optimizer=_opt("sgd", 0.01, momentum=0.5))),
        ("deeper_sigmoid_momentum", ("fc", "cnn", "rnn"),
         _r(depth=10, units=16, activation="sigmoid", kernel_init="glorot_normal",
            optimizer=_opt("sgd", 0.01, momentum=0.9), batch_size=32)),
    ],
    "dying_relu": [
        ("negative_bias_sgd", ("fc", "cnn", "rnn"),
         _r(depth=3, bias_init=_const(-3.0), optimizer=_opt("sgd", 0.05))),
        ("negative_bias_adam", ("fc", "cnn", "rnn"),
         _r(depth=3, bias_init=_const(-5.0), optimizer=_opt("adam", 1e-3))),
        ("negative_mean_init", ("fc", "cnn", "rnn"),
         _r(depth=4, units=16, kernel_init=_normal(0.1, mean=-0.3), bias_init=_const(-0.5),
            optimizer=_opt("rmsprop", 1e-3))),
    ],
    "slow_convergence": [
        ("sgd_lr_tiny", ("fc", "cnn", "rnn"), _r(optimizer=_opt("sgd", 1e-4))),
        ("adam_lr_tiny", ("fc", "cnn", "rnn"), _r(optimizer=_opt("adam", 1e-6))),
        ("full_batch_sgd", ("fc", "cnn", "rnn"),
         _r(batch_size=700, optimizer=_opt("sgd", 1e-3))),
        ("adagrad_lr_tiny", ("fc", "cnn", "rnn"), _r(optimizer=_opt("adagrad", 1e-5))),
    ],
    "oscillating_loss": [
        ("adam_lr_high", ("fc", "cnn", "rnn"), _r(optimizer=_opt("adam", 0.05))),
        ("rmsprop_lr_high", ("fc", "cnn", "rnn"), _r(optimizer=_opt("rmsprop", 0.03))),
        ("sgd_lr_high_small_batch", ("fc", "cnn", "rnn"),
         _r(activation="tanh", kernel_init="glorot_uniform", batch_size=16,
            optimizer=_opt("sgd", 0.5))),
        ("momentum_099", ("fc", "cnn", "rnn"),
         _r(optimizer=_opt("sgd", 0.1, momentum=0.99))),
    ],
}


def _base(family: str, dataset: str) -> dict[str, Any]:
    if family == "cnn":
        return {"depth": 2, "units": 16}
    if family == "rnn":
        return {"depth": 1, "units": 16, "rnn_cell": "lstm" if dataset == "digits" else "simple",
                "optimizer": _opt("adam", 3e-3)}  # fmt: skip
    return {"depth": 2, "units": 32}


def _seed(model_id: str) -> int:
    return zlib.crc32(model_id.encode()) % 10_000


def generate_zoo() -> list[ModelSpec]:
    """Every zoo model, in a fixed order (slot, label, k)."""
    zoo: list[ModelSpec] = []
    for slot_index, (family, dataset) in enumerate(SLOTS):
        for label in LABELS:
            recipes = [r for r in RECIPES[label] if family in r[1]]
            for k in range(PER_LABEL):
                name, _, recipe = recipes[(slot_index + k) % len(recipes)]
                short = "ok" if label == HEALTHY else "".join(w[0] for w in label.split("_"))
                model_id = f"{family}-{dataset}-{short}-{k}"
                base = ModelSpec(model_id=model_id, family=family, dataset=dataset,
                                 label=label, recipe=name, seed=_seed(model_id),
                                 **_base(family, dataset))  # fmt: skip
                spec = recipe(base)
                if spec.batch_size >= 700:  # "full batch": the dataset's whole training set
                    spec = replace(spec, batch_size=700)
                zoo.append(spec)
    return zoo


def run_order(zoo: list[ModelSpec]) -> list[ModelSpec]:
    """A seeded shuffle, so any prefix of a cut-off run covers every family and label."""
    import numpy as np

    order = np.random.default_rng(2021).permutation(len(zoo))
    return [zoo[i] for i in order]


QUICK_IDS = (
    "fc-circle-ok-0",
    "fc-blob-vg-0",
    "rnn-digits-dr-0",
    "cnn-mnist1d-eg-0",
    "fc-regression-sc-0",
    "fc-digits-ol-0",
)


def quick_subset(zoo: list[ModelSpec]) -> list[ModelSpec]:
    """Six models: one healthy and one per problem, over five datasets and all families.

    With the run's default sweep (every variant on every third model), the first and the
    fourth (healthy and EG) get all three variants, the others the default profile only.
    """
    by_id = {spec.model_id: spec for spec in zoo}
    return [by_id[model_id] for model_id in QUICK_IDS]
