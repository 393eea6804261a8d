"""Batch-20 workflow scripts on tables, each written in its fixed form with a real-world bug as
a keyword option (the default is the healthy choice): a K-fold loop that picks the epoch
count for a final refit, Keras 3's `gradient_accumulation_steps` reproducing a recipe's large
batch, a two-output churn / spend model with `loss_weights`, per-row sample weights from two
label sources in a tf.data pipeline, a subclassed model overriding `compute_loss` with a
confidence penalty, and a registered warm-up + cosine `LearningRateSchedule`. Each calls
`kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops
from sklearn.model_selection import StratifiedKFold

from benchmarks.practice.batch18_data import digits_rows
from benchmarks.practice.batch20_data import churn_and_spend, five_class_table, two_source_labels
from benchmarks.practice.kit import Kit


def _table_mlp(lr: float = 2e-3) -> keras.Sequential:
    model = keras.Sequential([keras.Input((20,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(5, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model


def kfold_then_refit(kit: Kit, *, pick_argmin: bool = False, folds: int = 3,
                     fold_epochs: int = 10) -> Any:  # fmt: skip
    """Model selection by cross-validation, then a final refit: a `StratifiedKFold(3)` loop
    over the 5-class table's training part trains a fresh Dense 64-64 MLP per fold (Adam(2e-3),
    10 epochs, batch 128) and takes each fold's best epoch (`np.argmax` of its
    `val_accuracy` + 1); a fresh model is then refitted on the whole training part for the
    mean best epoch count (under `kit.fit`, validated on the held-out 20 %). Fault:
    `pick_argmin`, the best epoch taken with `np.argmin` (copied from the `val_loss` version
    of the loop): the worst epoch, the first, so the refit trains 1 epoch."""
    x, y, xv, yv = five_class_table()
    keras.utils.set_random_seed(kit.seed)
    best = []
    for train, held in StratifiedKFold(folds, shuffle=True, random_state=kit.seed).split(x, y):
        history = _table_mlp().fit(x[train], y[train], epochs=fold_epochs, batch_size=128,
                                   validation_data=(x[held], y[held]), verbose=0)  # fmt: skip
        scores = history.history["val_accuracy"]
        best.append(int(np.argmin(scores) if pick_argmin else np.argmax(scores)) + 1)
    epochs = max(1, int(round(float(np.mean(best)))))
    model = _table_mlp()
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=128,
                   validation_data=(xv, yv))  # fmt: skip


def accumulated_large_batch(kit: Kit, *, lr: float = 0.2, epochs: int = 15) -> Any:
    """A recipe's "SGD(0.2, momentum 0.9) at batch 256" reproduced on a small memory budget:
    micro-batches of 16 with `SGD(..., gradient_accumulation_steps=16)` (Keras 3 averages the
    16 gradients: an effective batch of 256); Dense 128 -> Dense 64 (ReLU) -> softmax(5) on
    the 5-class table, sparse CE, accuracy. Fault: `lr=3.2`, the recipe's rate scaled up
    again by the 16 accumulation steps (the linear scaling rule applied to a rate that was
    already the large batch's; Stack Overflow / HF forum "loss explodes with gradient
    accumulation")."""
    x, y, xv, yv = five_class_table()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(5, activation="softmax")])  # fmt: skip
    optimizer = keras.optimizers.SGD(lr, momentum=0.9, gradient_accumulation_steps=16)
    model.compile(optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=16,
                   validation_data=(xv, yv))  # fmt: skip


def churn_spend_two_heads(kit: Kit, *, spend_first: bool = False, epochs: int = 15) -> Any:
    """A customer table -> shared Dense 64 -> Dense 32 (ReLU) trunk -> two heads (Dense 16
    each): `churn` (sigmoid, binary CE, accuracy) and `spend` (linear, MSE, mae), losses and
    metrics as dicts by output name, `loss_weights={"churn": 1.0, "spend": 0.5}`; the model
    declared `keras.Model(inputs, [churn, spend])` and fitted with `y=[churn, spend]` and
    validation `[churn_val, spend_val]`; Adam(1e-3), batch 32. Fault: `spend_first`, the
    outputs declared `[spend, churn]` (the heads reordered in a refactor) while the fit keeps
    its lists: Keras pairs list targets with outputs by position (Stack Overflow
    "multi-output model: which target goes with which output"), so the churn head is trained
    on the standardised spend and the spend head on the 0/1 churn labels."""
    x, churn, spend, xv, churn_v, spend_v = churn_and_spend()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((12,), name="features")
    h = layers.Dense(64, activation="relu")(inputs)
    h = layers.Dense(32, activation="relu")(h)
    churn_out = layers.Dense(1, activation="sigmoid", name="churn")(
        layers.Dense(16, activation="relu")(h))
    spend_out = layers.Dense(1, name="spend")(layers.Dense(16, activation="relu")(h))
    outputs = [spend_out, churn_out] if spend_first else [churn_out, spend_out]
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(1e-3),
                  loss={"churn": "binary_crossentropy", "spend": "mse"},
                  loss_weights={"churn": 1.0, "spend": 0.5},
                  metrics={"churn": ["accuracy"], "spend": ["mae"]})  # fmt: skip
    return kit.fit(model, x, [churn, spend], probe_data=(x, [churn, spend]), epochs=epochs,
                   batch_size=32, validation_data=(xv, [churn_v, spend_v]))  # fmt: skip


def two_source_weights(kit: Kit, *, trusts_by_position: bool = False, epochs: int = 20) -> Any:
    """A 3-class table labelled 30 % by experts and 70 % by a crowd that often labels class 2
    as class 1: each row weighted by its source's trust (expert 1.0, crowd 0.1), the source
    strings coded with `np.unique(source, return_inverse=True)`, the rows, labels and weights
    in one `tf.data` pipeline of (x, y, w) (shuffle, batch 32); Dense 64 -> Dense 32 (ReLU) ->
    softmax(3), sparse CE, accuracy; Adam(1e-3); validated on true classes. Fault:
    `trusts_by_position`, the trusts written as the list [1.0, 0.1] "for expert, crowd" and
    indexed by the codes, which `np.unique` sorts alphabetically (crowd 0, expert 1, as
    `pd.Categorical` and LabelEncoder do): the crowd gets weight 1.0 and the experts 0.1."""
    x, y, source, xv, yv = two_source_labels()
    names, codes = np.unique(source, return_inverse=True)
    if trusts_by_position:
        weights = np.array([1.0, 0.1])[codes]
    else:
        trust = {"expert": 1.0, "crowd": 0.1}
        weights = np.array([trust[str(n)] for n in names])[codes]
    train = (tf.data.Dataset.from_tensor_slices((x, y, weights.astype("float32")))
             .shuffle(len(y), seed=kit.seed).batch(32))  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((12,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=(xv, yv))


@keras.saving.register_keras_serializable(package="practice20")
class ConfidencePenaltyMLP(keras.Model):
    """Dense 128 -> Dropout 0.2 -> Dense 64 (ReLU) -> softmax(5) whose `compute_loss` subtracts
    `beta` x the mean entropy of its predictions from the compiled loss (the confidence
    penalty of Pereyra et al. 2017, a regulariser against over-confident outputs)."""

    def __init__(self, beta: float = 0.1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.beta = beta
        self.body = [layers.Dense(128, activation="relu"), layers.Dropout(0.2),
                     layers.Dense(64, activation="relu")]  # fmt: skip
        self.head = layers.Dense(5, activation="softmax")

    def call(self, x: Any, training: bool = False) -> Any:
        for layer in self.body:
            x = layer(x, training=training)
        return self.head(x)

    def compute_loss(self, x: Any = None, y: Any = None, y_pred: Any = None,
                     sample_weight: Any = None, training: bool = True) -> Any:  # fmt: skip
        loss = super().compute_loss(x, y, y_pred, sample_weight, training)
        entropy = -ops.mean(ops.sum(y_pred * ops.log(ops.clip(y_pred, 1e-7, 1.0)), axis=-1))
        return loss - self.beta * entropy

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "beta": self.beta}


def confidence_penalty_table(kit: Kit, *, epochs: int = 20) -> Any:
    """The 5-class table through `ConfidencePenaltyMLP(beta=0.1)` (a subclassed model with
    its own `compute_loss`), sparse CE and accuracy compiled, Adam(1e-3), batch 64."""
    x, y, xv, yv = five_class_table()
    keras.utils.set_random_seed(kit.seed)
    model = ConfidencePenaltyMLP(beta=0.1)
    model.compile(keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


@keras.saving.register_keras_serializable(package="practice20")
class WarmupCosine(keras.optimizers.schedules.LearningRateSchedule):
    """A linear warm-up to `peak` over `warmup_steps`, then a cosine decay to 0 at
    `total_steps` (the BERT / ViT recipe schedule), written with `keras.ops`. `reversed_where`
    is the fault's comparison typed the wrong way round."""

    def __init__(self, peak: float, warmup_steps: int, total_steps: int,
                 reversed_where: bool = False) -> None:  # fmt: skip
        self.peak = peak
        self.warmup_steps = warmup_steps
        self.total_steps = total_steps
        self.reversed_where = reversed_where

    def __call__(self, step: Any) -> Any:
        step = ops.cast(step, "float32")
        warm = self.peak * step / self.warmup_steps
        progress = ops.clip((step - self.warmup_steps) / (self.total_steps - self.warmup_steps),
                            0.0, 1.0)  # fmt: skip
        cosine = 0.5 * self.peak * (1.0 + ops.cos(np.pi * progress))
        if self.reversed_where:
            return ops.where(step > self.warmup_steps, warm, cosine)
        return ops.where(step < self.warmup_steps, warm, cosine)

    def get_config(self) -> dict[str, Any]:
        return {"peak": self.peak, "warmup_steps": self.warmup_steps,
                "total_steps": self.total_steps, "reversed_where": self.reversed_where}


def warmup_cosine_digits(kit: Kit, *, reversed_where: bool = False, epochs: int = 20) -> Any:
    """Digit rows -> Dense 256 -> Dense 128 (ReLU) -> softmax(10); AdamW(WarmupCosine(peak
    3e-3, warm-up 1 epoch of the 20, total = epochs x steps per epoch), weight_decay 1e-4),
    sparse CE, accuracy, batch 32. Fault: `reversed_where`, `ops.where(step > warmup, warm,
    cosine)`: the cosine branch (at the peak) during the warm-up, then the warm-up line for
    the rest of training, which keeps rising to 20 x the peak (0.1) by the last step."""
    x, y, xv, yv = digits_rows()
    steps = int(np.ceil(len(x) / 32))
    schedule = WarmupCosine(5e-3, warmup_steps=steps, total_steps=epochs * steps,
                            reversed_where=reversed_where)  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(256, activation="relu"),
                              layers.Dense(128, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.AdamW(schedule, weight_decay=1e-4),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip
