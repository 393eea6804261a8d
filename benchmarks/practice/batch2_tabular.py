"""Batch-2 scripts on small tabular data and digits: long budgets, small batches, no
validation, plain SGD, Adagrad / Adadelta / Nadam / AdamW, L2, heavy dropout, class weights,
EarlyStopping, a piecewise schedule. Keyword options are the faults of `cases.py`."""

from __future__ import annotations

import keras
import numpy as np
from keras import layers, regularizers
from keras.callbacks import History
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch2_data import (
    cancer_imbalanced,
    digits_flat,
    iris,
    iris_shuffled,
    noisy_classes,
)
from benchmarks.practice.data import breast_cancer, wine
from benchmarks.practice.kit import Kit


def _scaled(x: np.ndarray, *others: np.ndarray) -> list[np.ndarray]:
    scaler = StandardScaler().fit(x)
    return [scaler.transform(a).astype("float32") for a in (x, *others)]


def iris_long_split(kit: Kit, *, epochs: int = 150) -> History:
    """Iris shuffled beforehand, StandardScaler, Dense(10)-Dense(10), Adam, batch 8, 150
    epochs, validation_split=0.2: the textbook iris script."""
    x, y = iris_shuffled()
    (x,) = _scaled(x)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((4,)), layers.Dense(10, activation="relu"),
                              layers.Dense(10, activation="relu"),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model.fit(x, y, batch_size=8, epochs=epochs, validation_split=0.2, verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def wine_no_validation(kit: Kit, *, epochs: int = 300) -> History:
    """Wine, StandardScaler, no validation at all, Adam, batch 16, 300 epochs."""
    x, y, _, _ = wine()
    (x,) = _scaled(x)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((13,)), layers.Dense(16, activation="relu"),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model.fit(x, y, batch_size=16, epochs=epochs, verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def cancer_sgd_plain(kit: Kit, *, lr: float = 0.05, epochs: int = 80) -> History:
    """Breast cancer, StandardScaler, ReLU MLP, SGD without momentum (lr 0.05), 80 epochs."""
    x, y, xv, yv = breast_cancer()
    x, xv = _scaled(x, xv)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((30,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.SGD(learning_rate=lr), "binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def iris_batch1(kit: Kit, *, epochs: int = 12) -> History:
    """Iris train/test split, StandardScaler, batch_size=1 (online SGD at lr 0.01)."""
    x, y, xv, yv = iris()
    x, xv = _scaled(x, xv)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((4,)), layers.Dense(8, activation="relu"),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.SGD(0.01), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model.fit(x, y, batch_size=1, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def digits_adagrad(kit: Kit, *, epochs: int = 15) -> History:
    """Digits as 64 features / 16, Dense(64), Adagrad(0.05), batch 32."""
    x, y, xv, yv = digits_flat()
    x, xv = (x / 16.0).astype("float32"), (xv / 16.0).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adagrad(learning_rate=0.05),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def wine_adadelta(kit: Kit, *, onehot: bool = False, epochs: int = 60) -> History:
    """Wine, StandardScaler, Adadelta(learning_rate=1.0) as in the old Keras examples,
    sparse_categorical_crossentropy on integer labels."""
    x, y, xv, yv = wine()
    x, xv = _scaled(x, xv)
    if onehot:  # labels one-hot encoded 'to be safe', loss left sparse
        y, yv = keras.utils.to_categorical(y, 3), keras.utils.to_categorical(yv, 3)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((13,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adadelta(learning_rate=1.0),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return model.fit(x, y, batch_size=16, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def cancer_nadam_l2(kit: Kit, *, label_bug: bool = False, epochs: int = 25) -> History:
    """Breast cancer, StandardScaler, L2(1e-3) on every Dense, Nadam, batch 16."""
    x, y, xv, yv = breast_cancer()
    x, xv = _scaled(x, xv)
    if label_bug:  # meant `y == 1` after a re-encoding to {1, 2}; the encoding never happened
        y = (y == 2).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    l2 = regularizers.l2(1e-3)
    model = keras.Sequential([
        keras.Input((30,)),
        layers.Dense(64, activation="relu", kernel_regularizer=l2),
        layers.Dense(32, activation="relu", kernel_regularizer=l2),
        layers.Dense(1, activation="sigmoid", kernel_regularizer=l2),
    ])  # fmt: skip
    model.compile(keras.optimizers.Nadam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return model.fit(x, y, batch_size=16, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def digits_adamw_dropout(kit: Kit, *, dropout: float = 0.5, head: str = "softmax",
                         loss: str = "sparse_categorical_crossentropy", onehot: bool = False,
                         epochs: int = 15) -> History:  # fmt: skip
    """Digits / 16, Dense 256 - Dropout 0.5 - Dense 128 - Dropout 0.5, AdamW(weight_decay
    0.01), batch 64."""
    x, y, xv, yv = digits_flat()
    x, xv = (x / 16.0).astype("float32"), (xv / 16.0).astype("float32")
    if onehot:
        y, yv = keras.utils.to_categorical(y, 10), keras.utils.to_categorical(yv, 10)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((64,)),
        layers.Dense(256, activation="relu"), layers.Dropout(dropout),
        layers.Dense(128, activation="relu"), layers.Dropout(dropout),
        layers.Dense(10, activation=head),
    ])  # fmt: skip
    model.compile(keras.optimizers.AdamW(1e-3, weight_decay=0.01), loss, metrics=["accuracy"])
    return model.fit(x, y, batch_size=64, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def digits_piecewise(kit: Kit, *, integer_division: bool = False, from_logits: bool = False,
                     epochs: int = 12) -> History:  # fmt: skip
    """Digits scaled to [0, 1], Dense(128)-Dense(64), Adam under PiecewiseConstantDecay
    (1e-3, then 5e-4 after 4 epochs, 1e-4 after 8)."""
    x, y, xv, yv = digits_flat()
    if integer_division:  # meant x / 16 (max 16): integer division makes every feature 0
        x, xv = (x // 17).astype("float32"), (xv // 17).astype("float32")
    else:
        x, xv = (x / 16.0).astype("float32"), (xv / 16.0).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    steps = int(np.ceil(len(x) / 32))
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay(
        [4 * steps, 8 * steps], [1e-3, 5e-4, 1e-4])
    model = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)
    model.compile(keras.optimizers.Adam(schedule), loss, metrics=["accuracy"])
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def cancer_class_weight(kit: Kit, *, epochs: int = 30) -> History:
    """Breast cancer cut to 10 % malignant; class_weight computed by hand (n / (2 n_c)),
    passed to fit and to Watch; StandardScaler, batch 16, AUC metric."""
    x, y, xv, yv = cancer_imbalanced()
    x, xv = _scaled(x, xv)
    counts = np.bincount(y)
    class_weight = {c: float(len(y) / (2 * counts[c])) for c in (0, 1)}
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((30,)), layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    return model.fit(x, y, batch_size=16, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     class_weight=class_weight,
                     callbacks=[kit.watch(probe_data=(x, y), class_weight=class_weight)])


def cancer_earlystop(kit: Kit, *, epochs: int = 300) -> History:
    """A 300-epoch budget cut by EarlyStopping(patience=10, restore_best_weights=True);
    a wide MLP at Adam 3e-3 that over-fits within a few dozen epochs."""
    x, y, xv, yv = breast_cancer()
    x, xv = _scaled(x, xv)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((30,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy", metrics=["accuracy"])
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=10,
                                         restore_best_weights=True)  # fmt: skip
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y)), stop])  # fmt: skip


def noisy_mlp(kit: Kit, *, batch_size: int = 32, lr: float = 1e-3, epochs: int = 8) -> History:
    """A noisy binary task (15 % flipped labels), StandardScaler, Dense(32)-Dense(16), Adam."""
    x, y, xv, yv = noisy_classes()
    x, xv = _scaled(x, xv)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    return model.fit(x, y, batch_size=batch_size, epochs=epochs, validation_data=(xv, yv),
                     verbose=0, callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip
