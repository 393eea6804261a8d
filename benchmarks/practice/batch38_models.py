"""Batch-38 transfer-learning scripts (keyword options are the faults, the defaults the healthy
choice): a small Conv-BN backbone pretrained inside the script on digits 0-4 (plain
`model.fit`), then reused as a nested sub-model for digits 5-9 with 150 labels: frozen under
a new head, fine-tuned after a head-only stage, partly unfrozen, saved to `.keras` /
`.weights.h5` and reloaded; and an Embedding + pooling text encoder pretrained on ten topics
and reused for a binary label. Only the last fit, `kit.fit`, is the watched one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import keras
from keras import layers

from benchmarks.practice.batch38_data import digit_tasks, topic_documents
from benchmarks.practice.kit import Kit


def _digit_backbone() -> Any:
    """Conv 16 3x3 -> BN -> ReLU -> Conv 32 3x3 -> BN -> ReLU -> MaxPool -> Flatten ->
    Dense 64 ReLU (the features), a `keras.Model` named "backbone"."""
    inputs = keras.Input((8, 8, 1))
    h = inputs
    for filters in (16, 32):
        h = layers.Conv2D(filters, 3, padding="same", use_bias=False)(h)
        h = layers.BatchNormalization()(h)
        h = layers.ReLU()(h)
    h = layers.MaxPooling2D()(h)
    h = layers.Flatten()(h)
    h = layers.Dense(64, activation="relu", name="features")(h)
    return keras.Model(inputs, h, name="backbone")


def _pretrain_digits(seed: int, task: str) -> tuple[Any, Any]:
    """The backbone and its pretraining model (backbone -> head), trained with plain
    `model.fit` on digits 0-4 / 255, Adam(1e-3), batch 32, 6 epochs. `task`: "digits" (the
    five classes, softmax) or "ink" (the unrelated task: the image's mean ink, standardised,
    a linear unit under MSE)."""
    x_source, y_source, *_ = digit_tasks()
    x_source = x_source / 255.0
    keras.utils.set_random_seed(seed)
    backbone = _digit_backbone()
    inputs = keras.Input((8, 8, 1))
    if task == "ink":
        ink = x_source.mean(axis=(1, 2, 3))
        target: Any = ((ink - ink.mean()) / ink.std()).astype("float32")
        head, loss = layers.Dense(1, name="pretrain_head"), "mse"
    else:
        target = y_source
        head = layers.Dense(5, activation="softmax", name="pretrain_head")
        loss = "sparse_categorical_crossentropy"
    model = keras.Model(inputs, head(backbone(inputs)))
    model.compile(keras.optimizers.Adam(1e-3), loss)
    model.fit(x_source, target, epochs=6, batch_size=32, verbose=0)
    return backbone, model


def digits_transfer(kit: Kit, *, stage: str = "frozen", pretrain_task: str = "digits",
                    saved: str = "none", skip_mismatch: bool = False,
                    features: str = "backbone", freeze: str = "backbone",
                    bn_inference: bool = True, scale: str = "unit", head: str = "softmax",
                    head_lr: float = 3e-3, head_epochs: int = 20, finetune_lr: float = 1e-4,
                    recompile: bool = True, unfreeze_top: int = 0, batch_size: int = 16,
                    epochs: int = 40) -> Any:  # fmt: skip
    """Digits 5-9 (300 training images, 596 validation) on a backbone pretrained on digits
    0-4: `backbone(x, training=False)` -> Dropout(0.2) -> Dense 5 softmax, sparse CE, batch 16.
    `stage`: "frozen" (feature extraction: the backbone frozen, the head under
    Adam(head_lr=3e-3), 40 epochs watched) or "finetune" (the frozen stage for `head_epochs`
    (20) with plain `fit`, then `backbone.trainable = True` (or only its last `unfreeze_top`
    layers), recompiled with Adam(finetune_lr=1e-4) unless `recompile=False`, 40 epochs
    watched). Options: `pretrain_task` ("digits"; "ink": an unrelated regression),
    `saved` ("none"; "keras": the backbone saved to `.keras` and `load_model`-ed;
    "weights": the backbone's `.weights.h5` loaded into a rebuilt backbone; "full_weights":
    the pretraining model's `.weights.h5` (backbone and head) loaded into a rebuilt bare
    backbone with `skip_mismatch`), `features` ("backbone"; "softmax": the pretraining
    model up to its softmax head reused as the feature extractor), `freeze` ("backbone";
    "all": every layer of the new model frozen, the head too), `bn_inference` (False: the
    backbone called without `training=False`), `scale` ("unit": / 255 as in pretraining;
    "raw": the 0..255 pixels; "standard": standardised with the fine-tuning set's own
    mean and sd), `head` ("softmax"; "sigmoid"; "linear": no activation under the same loss),
    `batch_size` (of the watched fit)."""
    _, _, x, xval, y, yval = digit_tasks()
    backbone, pretrain = _pretrain_digits(kit.seed, pretrain_task)
    folder = Path(tempfile.mkdtemp(prefix="batch38_"))
    if saved == "keras":
        backbone.save(folder / "backbone.keras")
        backbone = keras.models.load_model(folder / "backbone.keras")
    elif saved in ("weights", "full_weights"):
        source = backbone if saved == "weights" else pretrain
        source.save_weights(folder / "pretrained.weights.h5")
        backbone = _digit_backbone()
        backbone.load_weights(folder / "pretrained.weights.h5", skip_mismatch=skip_mismatch)
    if features == "softmax":  # the pretraining model, softmax head included, as the features
        backbone = keras.Model(pretrain.input, pretrain.output, name="backbone")
    if scale == "raw":  # the / 255 of the pretraining script left out
        pass
    elif scale == "standard":
        mean, sd = x.mean(), x.std()
        x, xval = (x - mean) / sd, (xval - mean) / sd
    else:
        x, xval = x / 255.0, xval / 255.0
    backbone.trainable = False
    keras.utils.set_random_seed(kit.seed + 1)
    inputs = keras.Input((8, 8, 1))
    h = backbone(inputs, training=False) if bn_inference else backbone(inputs)
    h = layers.Dropout(0.2)(h)
    activation = None if head == "linear" else head
    model = keras.Model(inputs, layers.Dense(5, activation=activation, name="head")(h))
    if freeze == "all":  # meant for the base model's layers, run over the new model's
        for layer in model.layers:
            layer.trainable = False
    model.compile(keras.optimizers.Adam(head_lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    if stage == "finetune":
        model.fit(x, y, epochs=head_epochs, batch_size=16, verbose=0)
        backbone.trainable = True
        if unfreeze_top:  # only the top layers: Dense and the last Conv-BN-ReLU block
            for layer in backbone.layers[:-unfreeze_top]:
                layer.trainable = False
        if recompile:
            model.compile(keras.optimizers.Adam(finetune_lr), "sparse_categorical_crossentropy",
                          metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _text_encoder() -> Any:
    """Embedding(600, 32) -> GlobalAveragePooling1D -> Dense 32 ReLU, named "encoder"."""
    inputs = keras.Input((30,), dtype="int32")
    h = layers.Embedding(600, 32)(inputs)
    h = layers.GlobalAveragePooling1D()(h)
    h = layers.Dense(32, activation="relu")(h)
    return keras.Model(inputs, h, name="encoder")


def text_transfer(kit: Kit, *, stage: str = "frozen", pretrained: bool = True,
                  saved: str = "none", head: str = "sigmoid", head_lr: float = 3e-3,
                  head_epochs: int = 20, finetune_lr: float = 1e-4, recompile: bool = True,
                  epochs: int = 40) -> Any:  # fmt: skip
    """Generated documents (30 token ids, 600 words): the encoder pretrained with plain `fit`
    on the ten-topic task (3000 documents, Adam(1e-3), batch 64, 8 epochs), reused for a
    binary label over the topics with 300 labels (1000 validation): `encoder(tokens)` ->
    Dense 1 sigmoid, binary CE, Adam(head_lr=3e-3), batch 16, 40 epochs watched. `stage`:
    "frozen" or "finetune" (the frozen stage for `head_epochs` (20) with plain `fit`, then
    `encoder.trainable = True`, recompiled with Adam(finetune_lr=1e-4) unless
    `recompile=False`). Options: `pretrained` (False: the encoder trained from scratch on
    the 300 labels, not frozen), `saved` ("none"; "keras": saved to `.keras` and reloaded),
    `head` ("sigmoid"; "softmax": Dense(1, softmax) under binary CE)."""
    x_source, y_source, x, xval, y, yval = topic_documents()
    keras.utils.set_random_seed(kit.seed)
    encoder = _text_encoder()
    if pretrained:
        inputs = keras.Input((30,), dtype="int32")
        pre = keras.Model(inputs, layers.Dense(10, activation="softmax")(encoder(inputs)))
        pre.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
        pre.fit(x_source, y_source, epochs=8, batch_size=64, verbose=0)
        if saved == "keras":
            path = Path(tempfile.mkdtemp(prefix="batch38_")) / "encoder.keras"
            encoder.save(path)
            encoder = keras.models.load_model(path)
        encoder.trainable = False
    keras.utils.set_random_seed(kit.seed + 1)
    inputs = keras.Input((30,), dtype="int32")
    out = layers.Dense(1, activation=head, name="head")(encoder(inputs))
    model = keras.Model(inputs, out)
    model.compile(keras.optimizers.Adam(head_lr), "binary_crossentropy", metrics=["accuracy"])
    if stage == "finetune":
        model.fit(x, y, epochs=head_epochs, batch_size=16, verbose=0)
        encoder.trainable = True
        if recompile:
            model.compile(keras.optimizers.Adam(finetune_lr), "binary_crossentropy",
                          metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=16,
                   validation_data=(xval, yval))  # fmt: skip
