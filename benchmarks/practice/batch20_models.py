"""Batch-20 workflow scripts on digits, each written in its fixed form with a real-world bug as
a keyword option (the default is the healthy choice): a BatchNorm backbone pretrained on
digits 0-4 and reused for 5-9 in two phases (frozen feature extraction, then fine-tuning at a
low rate, called with `training=False`), a subclassed model whose `train_step` averages the
loss over a global batch size the way distributed-training code does, and a pseudo-labelling
round (a teacher trained on 150 labels labels the rest; a student trains on both). Each calls
`kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from benchmarks.practice.batch18_data import digits_rows
from benchmarks.practice.batch20_data import digits_few_labels, digits_source_target
from benchmarks.practice.kit import Kit


def _backbone() -> keras.Sequential:
    """Three Conv2D (no bias) -> BatchNorm -> ReLU blocks, a MaxPool, global average pooling."""
    blocks: list[Any] = [keras.Input((8, 8, 1))]
    for width in (16, 32, 64):
        blocks += [layers.Conv2D(width, 3, padding="same", use_bias=False),
                   layers.BatchNormalization(momentum=0.9), layers.ReLU()]  # fmt: skip
        if width == 32:
            blocks.append(layers.MaxPooling2D())
    blocks.append(layers.GlobalAveragePooling2D())
    return keras.Sequential(blocks, name="backbone")


def transfer_two_phase(kit: Kit, *, finetune_lr: float = 1e-4, bn_inference: bool = True,
                       epochs: int = 10) -> Any:  # fmt: skip
    """The keras-io transfer-learning recipe on a backbone of our own: `_backbone()` pretrained
    on every digit 0-4 (~900 rows, 6 epochs, Adam(1e-3)), then reused for digits 5-9 with 300
    labelled rows: phase 1 freezes it (`backbone.trainable = False`), calls it as
    `backbone(inputs, training=False)` under Dropout(0.2) -> softmax(5) and trains the head
    (Adam(1e-2), 6 epochs, batch 16); phase 2 sets `backbone.trainable = True`, compiles again
    with Adam(1e-4) and fine-tunes everything (batch 16, under `kit.fit`). Faults:
    `finetune_lr=1e-2`, the head's rate reused for the fine-tuning compile (keras-io: "it is
    critical to use a very low learning rate at this stage ... you are at risk of overfitting
    very quickly", Stack Overflow "accuracy drops after unfreezing the base"); `bn_inference=
    False`, the backbone called without `training=False` (keras-io's BatchNormalization
    warning; GitHub keras#9214): unfrozen, its BatchNorm layers run in training mode on
    batches of 16 and their moving statistics drift from the ones the head was trained on.
    Neither fault is a case (both kept as keywords): the plain check found both harmless here
    (benchmarks/practice/README.md, batch 20)."""
    x_src, y_src, x, y, xv, yv = digits_source_target()
    keras.utils.set_random_seed(kit.seed)
    backbone = _backbone()
    pretrain = keras.Sequential([backbone, layers.Dense(5, activation="softmax")])
    pretrain.compile(keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    pretrain.fit(x_src, y_src, epochs=6, batch_size=32, verbose=0)
    backbone.trainable = False
    inputs = keras.Input((8, 8, 1))
    features = backbone(inputs, training=False) if bn_inference else backbone(inputs)
    outputs = layers.Dense(5, activation="softmax")(layers.Dropout(0.2)(features))
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(1e-2), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    model.fit(x, y, epochs=6, batch_size=16, verbose=0)
    backbone.trainable = True
    model.compile(keras.optimizers.Adam(finetune_lr), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=16,
                   validation_data=(xv, yv))  # fmt: skip


@keras.saving.register_keras_serializable(package="practice20")
class GlobalBatchClassifier(keras.Model):
    """Dense 128 -> Dense 64 (ReLU) -> softmax(10) whose `train_step` averages the per-example
    loss over a fixed global batch size with `tf.nn.compute_average_loss` (the
    `tf.distribute` custom-training guide's pattern, kept so the script runs under a
    strategy unchanged); the compiled loss and metrics are updated by hand (keras-io,
    "Customizing what happens in fit()")."""

    def __init__(self, global_batch_size: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.global_batch_size = global_batch_size
        self.hidden = [layers.Dense(128, activation="relu"), layers.Dense(64, activation="relu")]
        self.head = layers.Dense(10, activation="softmax")

    def call(self, x: Any, training: bool = False) -> Any:
        for layer in self.hidden:
            x = layer(x)
        return self.head(x)

    def train_step(self, data: Any) -> dict[str, Any]:
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            per_example = keras.losses.sparse_categorical_crossentropy(y, y_pred)
            loss = tf.nn.compute_average_loss(per_example,
                                              global_batch_size=self.global_batch_size)
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables, strict=True))
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "global_batch_size": self.global_batch_size}


def global_batch_train_step(kit: Kit, *, rows_as_global_batch: bool = False,
                            epochs: int = 12) -> Any:  # fmt: skip
    """Digit rows through `GlobalBatchClassifier(global_batch_size=64)` with batch 64 (one
    replica: the global batch is the batch); SGD(0.02, momentum 0.9), sparse CE and accuracy
    compiled (validation through Keras' own test_step). Fault: `rows_as_global_batch`,
    GLOBAL_BATCH_SIZE filled with the number of training rows (1437; the guide's name read as
    "the whole data"; TensorFlow issue threads on `compute_average_loss` scaling): every
    step's loss and gradient are divided by 1437 instead of 64, 22x too small under SGD."""
    x, y, xv, yv = digits_rows()
    global_batch = len(x) if rows_as_global_batch else 64
    keras.utils.set_random_seed(kit.seed)
    model = GlobalBatchClassifier(global_batch)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def _small_mlp() -> keras.Sequential:
    model = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                              layers.Dropout(0.3), layers.Dense(10, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model


def pseudo_label_round(kit: Kit, *, predict_shuffled: bool = False, epochs: int = 15) -> Any:
    """Self-training with few labels: 150 labelled digit rows train a teacher MLP (Dense 128,
    Dropout 0.3, softmax; Adam(1e-3), 60 epochs, batch 16); the teacher predicts the ~1280
    unlabelled rows (`model.predict` on the array, in order); rows whose top probability is
    0.9 or more join the labelled ones with the argmax as their label; a fresh student of the
    same shape trains on both (batch 32, under `kit.fit`). Fault: `predict_shuffled`, the
    unlabelled rows fed to `predict` through the training input pipeline
    (`Dataset.from_tensor_slices(x).shuffle(...).batch(...)`): the predictions come back in
    the shuffled order and are paired with the rows in the original order (Stack Overflow
    "model.predict gives random results on a shuffled dataset",
    `image_dataset_from_directory(shuffle=True)`)."""
    x_lab, y_lab, x_un, xv, yv = digits_few_labels()
    keras.utils.set_random_seed(kit.seed)
    teacher = _small_mlp()
    teacher.fit(x_lab, y_lab, epochs=60, batch_size=16, verbose=0)
    if predict_shuffled:
        pipeline = tf.data.Dataset.from_tensor_slices(x_un).shuffle(len(x_un)).batch(128)
        probs = teacher.predict(pipeline, verbose=0)
    else:
        probs = teacher.predict(x_un, batch_size=128, verbose=0)
    keep = probs.max(axis=1) >= 0.9
    x = np.concatenate([x_lab, x_un[keep]])
    y = np.concatenate([y_lab, probs.argmax(axis=1)[keep]]).astype("int64")
    student = _small_mlp()
    return kit.fit(student, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip
