"""Batch-42 many-class and multi-label scripts (keyword options are the faults, the defaults
the healthy choice): a 200-way softmax MLP on generated clusters, a 100-way two-digit number
CNN with a coarse (tens) and a fine (number) head, a 50-tag multi-label MLP with a sigmoid
head and binary cross-entropy, and a 500-way product classifier on hashed integer ids. Each
script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers, ops

from benchmarks.practice.batch42_data import clusters, digit_pairs, product_ids, tagged_rows
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr)
    return keras.optimizers.Adam(lr)


def cluster_mlp(kit: Kit, *, classes: int = 200, n_out: int = 0, labels: str = "zero_based",
                targets: str = "sparse", loss: str = "sparse", head: str = "softmax",
                from_logits: bool = False, label_smoothing: float = 0.0,
                bottleneck: int = 0, lr: float = 1e-3, batch_size: int = 64,
                epochs: int = 15) -> Any:  # fmt: skip
    """200 generated clusters in 32 features (30 rows a class train = 6000, 10 validate):
    Dense 256 ReLU -> Dense 128 ReLU -> [Dense `bottleneck` ReLU] -> Dense `n_out` (default
    the class count) `head`, Adam(1e-3), batch 64, 15 epochs, metrics accuracy and top-5
    accuracy. Options: `n_out` (the head's units; classes - 1 is a count one short),
    `labels` ("zero_based"; "one_based": the ids shifted to 1..200 as in a CSV whose ids start
    at 1), `targets` ("sparse" integer ids; "onehot": keras.utils.to_categorical), `loss`
    ("sparse": SparseCategoricalCrossentropy; "categorical": CategoricalCrossentropy, which
    takes `label_smoothing`), `head` ("softmax"; "linear"), `from_logits` of the loss,
    `bottleneck` (> 0: a narrow layer before the head), the rate, batch and epochs."""
    x, xval, y, yval = clusters(classes)
    if labels == "one_based":
        y, yval = y + 1, yval + 1
    units = n_out or classes
    if targets == "onehot":
        depth = int(max(y.max(), yval.max())) + 1
        y = keras.utils.to_categorical(y, depth)
        yval = keras.utils.to_categorical(yval, depth)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((x.shape[1],)), layers.Dense(256, activation="relu"),
                              layers.Dense(128, activation="relu")])  # fmt: skip
    if bottleneck:
        model.add(layers.Dense(bottleneck, activation="relu"))
    model.add(layers.Dense(units, activation=None if head == "linear" else head))
    if loss == "categorical":
        loss_fn: Any = keras.losses.CategoricalCrossentropy(from_logits=from_logits,
                                                           label_smoothing=label_smoothing)
        top5: Any = keras.metrics.TopKCategoricalAccuracy(5, name="top5_accuracy")
    else:
        loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)
        top5 = keras.metrics.SparseTopKCategoricalAccuracy(5, name="top5_accuracy")
    if targets == "onehot" and loss == "sparse":
        top5 = keras.metrics.TopKCategoricalAccuracy(5, name="top5_accuracy")
    model.compile(keras.optimizers.Adam(lr), loss_fn, metrics=["accuracy", top5])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def number_cnn(kit: Kit, *, hierarchy: str = "two_heads", fine_labels: str = "tens_units",
               coarse_weight: float = 0.5, fine_units: int = 100, lr: float = 1e-3,
               batch_size: int = 64, epochs: int = 10) -> Any:  # fmt: skip
    """Two-digit numbers 00..99 (8 x 16 images of two sklearn digits; 8000 train, 2000
    validate on unseen handwriting): Conv 16 3x3 ReLU -> MaxPool -> Conv 32 3x3 ReLU ->
    Flatten -> Dense 256 ReLU -> Dropout(0.3), then a fine head "number" (softmax 100) and a
    coarse head "tens" (softmax 10), sparse CE on each, loss weights 1 and `coarse_weight`,
    Adam(1e-3), batch 64, 10 epochs, metrics accuracy (+ top-5 on the fine head). Options:
    `hierarchy` ("two_heads": both heads on the shared features; "flat": the fine head
    alone; "chained": the fine head fed only by the coarse head's 10 probabilities, a
    hierarchy wired through the coarse prediction; "chained_concat": the coarse
    probabilities concatenated to the shared features), `fine_labels` ("tens_units": 10 *
    tens + units; "units_tens": 10 * units + tens, the ids built the other way round),
    `coarse_weight`, `fine_units` (99: a count one short), the rate, batch and epochs."""
    x, xval, y, yval = digit_pairs()
    tens, tens_val = y // 10, yval // 10
    if fine_labels == "units_tens":
        y, yval = 10 * (y % 10) + y // 10, 10 * (yval % 10) + yval // 10
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((8, 16, 1))
    h = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    h = layers.MaxPooling2D()(h)
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = layers.Flatten()(h)
    h = layers.Dropout(0.3)(layers.Dense(256, activation="relu")(h))
    top5 = keras.metrics.SparseTopKCategoricalAccuracy(5, name="top5_accuracy")
    if hierarchy == "flat":
        model = keras.Model(inputs, layers.Dense(fine_units, activation="softmax",
                                                 name="number")(h))  # fmt: skip
        model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                      metrics=["accuracy", top5])  # fmt: skip
        return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                       validation_data=(xval, yval))  # fmt: skip
    coarse = layers.Dense(10, activation="softmax", name="tens")(h)
    if hierarchy == "chained":
        fine_in = coarse
    elif hierarchy == "chained_concat":
        fine_in = layers.Concatenate()([h, coarse])
    else:
        fine_in = h
    fine = layers.Dense(fine_units, activation="softmax", name="number")(fine_in)
    model = keras.Model(inputs, {"number": fine, "tens": coarse})
    model.compile(keras.optimizers.Adam(lr),
                  loss={"number": "sparse_categorical_crossentropy",
                        "tens": "sparse_categorical_crossentropy"},
                  loss_weights={"number": 1.0, "tens": coarse_weight},
                  metrics={"number": ["accuracy", top5], "tens": ["accuracy"]})  # fmt: skip
    targets = {"number": y, "tens": tens}
    return kit.fit(model, x, targets, probe_data=(x, targets), epochs=epochs,
                   batch_size=batch_size,
                   validation_data=(xval, {"number": yval, "tens": tens_val}))  # fmt: skip


def subset_accuracy(y_true: Any, y_pred: Any) -> Any:
    """sklearn's multi-label accuracy: 1 when the tags above 0.5 are exactly the true tags."""
    hit = ops.equal(ops.cast(y_pred > 0.5, "float32"), ops.cast(y_true > 0.5, "float32"))
    return ops.cast(ops.all(hit, axis=-1), "float32")


def tag_mlp(kit: Kit, *, head: str = "sigmoid", loss: str = "binary", from_logits: bool = False,
            width: int = 256, lr: float = 1e-3, batch_size: int = 64,
            epochs: int = 15) -> Any:  # fmt: skip
    """A 50-tag multi-label set (64 features, 1-4 tags a row; 6000 train, 1500 validate):
    Dense `width` ReLU -> Dense 128 ReLU -> Dense 50 `head`, binary cross-entropy, Adam(1e-3),
    batch 64, 15 epochs, metrics subset accuracy (exact tag set at 0.5) and
    AUC(multi_label=True). Options: `head` ("sigmoid"; "softmax": the single-label recipe
    kept; "linear"), `loss` ("binary": BinaryCrossentropy; "categorical":
    CategoricalCrossentropy on the multi-hot targets), `from_logits` of the loss, the width,
    rate, batch and epochs."""
    x, xval, y, yval = tagged_rows()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((x.shape[1],)),
                              layers.Dense(width, activation="relu"),
                              layers.Dense(128, activation="relu"),
                              layers.Dense(y.shape[1],
                                           activation=None if head == "linear" else head)])
    if loss == "categorical":
        loss_fn: Any = keras.losses.CategoricalCrossentropy(from_logits=from_logits)
    else:
        loss_fn = keras.losses.BinaryCrossentropy(from_logits=from_logits)
    auc = keras.metrics.AUC(multi_label=True, from_logits=head == "linear", name="auc")
    metrics: list[Any] = [subset_accuracy, auc]
    if head == "linear":  # the scores are logits: threshold them at 0 (= probability 0.5)
        def subset_accuracy_logits(y_true: Any, y_pred: Any) -> Any:
            return subset_accuracy(y_true, ops.sigmoid(y_pred))

        subset_accuracy_logits.__name__ = "subset_accuracy"
        metrics = [subset_accuracy_logits, auc]
    model.compile(keras.optimizers.Adam(lr), loss_fn, metrics=metrics)
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def product_hashing(kit: Kit, *, bins: int = 2**13, dim: int = 64, classes: int = 500,
                    optimizer: str = "adam", lr: float = 1e-3, batch_size: int = 64,
                    epochs: int = 8, label_smoothing: float = 0.0) -> Any:  # fmt: skip
    """500 product categories from 8 raw integer ids a row (ids up to 10^7; 20 rows a
    category train = 10 000, 5 validate = 2500): Hashing(num_bins=2^13) -> Embedding(2^13,
    64) -> GlobalAveragePooling1D -> Dense 500 softmax, CategoricalCrossentropy on one-hot
    targets, Adam(1e-3), batch 64, 8 epochs, metrics accuracy and top-5 accuracy. Options:
    `bins` of the hashing, `dim` of the embedding, `optimizer` ("adam"; "sgd": plain SGD),
    the rate, batch, epochs and `label_smoothing` of the loss."""
    x, xval, y, yval = product_ids(classes)
    y1, yval1 = keras.utils.to_categorical(y, classes), keras.utils.to_categorical(yval, classes)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],), dtype="int64")
    h = layers.Hashing(num_bins=bins)(inputs)
    h = layers.GlobalAveragePooling1D()(layers.Embedding(bins, dim)(h))
    model = keras.Model(inputs, layers.Dense(classes, activation="softmax")(h))
    model.compile(_optimizer(optimizer, lr),
                  keras.losses.CategoricalCrossentropy(label_smoothing=label_smoothing),
                  metrics=["accuracy",
                           keras.metrics.TopKCategoricalAccuracy(5, name="top5_accuracy")])
    return kit.fit(model, x, y1, probe_data=(x, y1), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval1))  # fmt: skip

