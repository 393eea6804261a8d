"""Batch-11 scripts, model shapes: a small CNN backbone pretrained on one task (digits 0-4)
and reused as a nested layer on another (digits 5-9), its top convolution unfrozen under a
lower learning rate; and a digits MLP compiled with `steps_per_execution=8` under
`SGD(nesterov=True)` with a `PiecewiseConstantDecay` schedule. Each script calls `kit.fit`;
keyword options are the faults of `cases.py`; each docstring names the kind of public report
a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers

from benchmarks.practice.batch11_data import digit_tasks, digits_flat01
from benchmarks.practice.kit import Kit


def backbone_finetune(kit: Kit, *, clone: bool = False, epochs: int = 12) -> Any:
    """Stage 1 (a plain `model.fit`, not watched): a Sequential backbone (Conv 16-32, pool,
    Conv 32 "top_conv", GlobalAveragePooling2D) + softmax trained 5 epochs on digits 0-4.
    Stage 2: the backbone as a layer of a new functional model (Dropout 0.2, a 5-class head)
    for digits 5-9, every backbone layer frozen but `top_conv`; Adam(3e-4), batch 32. Fault:
    the backbone copied with `keras.models.clone_model` before stage 2, which builds fresh
    random weights (Stack Overflow "clone_model does not copy weights / transfer learning no
    better than random")."""
    (xa, ya, _, _), (x, y, xv, yv) = digit_tasks()
    keras.utils.set_random_seed(kit.seed)
    backbone = keras.Sequential([keras.Input((8, 8, 1)),
                                 layers.Conv2D(16, 3, padding="same", activation="relu"),
                                 layers.Conv2D(32, 3, padding="same", activation="relu"),
                                 layers.MaxPooling2D(),
                                 layers.Conv2D(32, 3, activation="relu", name="top_conv"),
                                 layers.GlobalAveragePooling2D()], name="backbone")  # fmt: skip
    first = keras.Sequential([backbone, layers.Dense(5, activation="softmax")])
    first.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    first.fit(xa, ya, epochs=5, batch_size=32, verbose=0)
    if clone:
        backbone = keras.models.clone_model(backbone)
    for layer in backbone.layers:
        layer.trainable = layer.name == "top_conv"
    inputs = keras.Input((8, 8, 1))
    h = layers.Dropout(0.2)(backbone(inputs))
    model = keras.Model(inputs, layers.Dense(5, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(3e-4), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def steps_per_execution_mlp(kit: Kit, *, epochs: int = 15) -> Any:
    """Digits as 64 features in [0, 1]: Dense 128 (ReLU) -> Dropout 0.2 -> Dense 64 (ReLU) ->
    softmax; SGD(PiecewiseConstantDecay([300, 500], [0.05, 0.02, 0.005]), momentum 0.9,
    nesterov=True); compiled with `steps_per_execution=8`; batch 32."""
    x, y, xv, yv = digits_flat01()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                              layers.Dropout(0.2), layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([300, 500], [0.05, 0.02, 0.005])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy", metrics=["accuracy"],
                  steps_per_execution=8)  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip
