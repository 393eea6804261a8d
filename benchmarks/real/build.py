"""A variant as a compiled Keras model, and its data as `fit` takes it.

`build_model(variant, seed)` seeds Keras, builds the base with the variant's knobs (under the
mixed_float16 policy when asked), and compiles it with the variant's optimizer, learning-rate
schedule and loss. `fit_arrays(variant)` gives the training/validation arrays (inputs left
unnormalised when the variant says so) and the sample weights.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

from benchmarks.real import data as datasets
from benchmarks.real.bases import BY_NAME
from benchmarks.real.blocks import TriangularCyclical
from benchmarks.real.pretrained import ensure_weights
from benchmarks.real.spec import Training, Variant

SCHEDULES = ("constant", "cosine", "warmup_cosine", "step", "cyclical")


def batch_size(variant: Variant, data: datasets.Data) -> int:
    """Rows per step; 0 in the recipe means the whole training set."""
    return variant.training.batch_size or len(data.x_train)


def learning_rate(training: Training, steps_per_epoch: int) -> Any:
    """The recipe's learning rate: a float or a Keras schedule over the whole budget."""
    lr, total = training.learning_rate, max(1, steps_per_epoch * training.epochs)
    schedules = keras.optimizers.schedules
    if training.schedule == "constant":
        return lr
    if training.schedule == "cosine":
        return schedules.CosineDecay(lr, decay_steps=total, alpha=0.01)
    if training.schedule == "warmup_cosine":
        warm = max(1, total // 10)
        return schedules.CosineDecay(lr / 20, decay_steps=total - warm, alpha=0.01,
                                     warmup_target=lr, warmup_steps=warm)  # fmt: skip
    if training.schedule == "step":
        return schedules.PiecewiseConstantDecay([total // 2, (3 * total) // 4],
                                                [lr, lr / 10, lr / 100])  # fmt: skip
    if training.schedule == "cyclical":
        return TriangularCyclical(lr / 10, lr, half=max(1, steps_per_epoch))
    raise ValueError(f"unknown schedule {training.schedule!r}; known: {', '.join(SCHEDULES)}")


def optimizer(training: Training, steps_per_epoch: int) -> keras.optimizers.Optimizer:
    """The recipe's optimizer with its learning rate or schedule."""
    rate = learning_rate(training, steps_per_epoch)
    if training.optimizer == "sgd":
        return keras.optimizers.SGD(rate, momentum=training.momentum)
    if training.optimizer == "rmsprop":
        return keras.optimizers.RMSprop(rate, momentum=training.momentum)
    if training.optimizer == "adamw":
        return keras.optimizers.AdamW(rate, weight_decay=1e-4)
    if training.optimizer == "adam":
        return keras.optimizers.Adam(rate)
    raise ValueError(f"unknown optimizer {training.optimizer!r}; known: adam, adamw, sgd, rmsprop")


def loss(task: str, from_logits: bool) -> keras.losses.Loss:
    """The task's loss; `from_logits` is the loss fault (the outputs are probabilities)."""
    if task == "multiclass":
        return keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)
    if task == "binary":
        return keras.losses.BinaryCrossentropy(from_logits=from_logits)
    if task == "cosine":
        return keras.losses.CosineSimilarity()
    return keras.losses.MeanSquaredError()


def build_model(variant: Variant, seed: int) -> keras.Model:
    """The variant's compiled model, its fresh weights drawn from `seed`."""
    base = BY_NAME[variant.base]
    data = datasets.load(base.dataset)
    if "pretrained" in base.traits:
        ensure_weights()
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    policy = keras.config.dtype_policy()
    if variant.training.mixed_precision:
        keras.config.set_dtype_policy("mixed_float16")
    try:
        model = base.builder(variant.knobs, data)
    finally:
        keras.config.set_dtype_policy(policy)
    steps = int(np.ceil(len(data.x_train) / batch_size(variant, data)))
    metrics = ["accuracy"] if data.classify else []
    weighted = variant.training.sample_weights  # accuracy under the weights, as the loss is
    model.compile(optimizer=optimizer(variant.training, steps),
                  loss=loss(data.task, variant.training.loss_from_logits),
                  metrics=[] if weighted else metrics,
                  weighted_metrics=metrics if weighted else None)  # fmt: skip
    return model


def _raw(x: np.ndarray, image: bool) -> np.ndarray:
    """Inputs as they come before normalisation: pixels 0-255; features at scales 1-1000
    around offsets (deterministic per column)."""
    if image:
        return (x * 255.0).astype("float32")
    columns = x.shape[-1]
    scales = np.logspace(0, 3, columns, dtype="float32")
    offsets = np.linspace(0, 500, columns, dtype="float32")
    return (x * scales + offsets).astype("float32")


def fit_arrays(variant: Variant) -> dict[str, Any]:
    """x_train, y_train, x_val, y_val, sample_weight and val_sample_weight (or None)."""
    base = BY_NAME[variant.base]
    data = datasets.load(base.dataset)
    x_train, x_val = data.x_train, data.x_val
    if variant.training.raw_inputs:
        image = "image" in base.traits
        x_train, x_val = _raw(x_train, image), _raw(x_val, image)
    weighted = variant.training.sample_weights
    return {"x_train": x_train, "y_train": data.y_train, "x_val": x_val, "y_val": data.y_val,
            "sample_weight": data.sample_weight if weighted else None,
            "val_sample_weight": datasets.val_weights(data) if weighted else None}  # fmt: skip
