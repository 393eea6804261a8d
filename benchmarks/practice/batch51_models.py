"""Batch-51 wide and sparse-input scripts (keyword options are the faults, the defaults the
healthy choice): a wide MLP and a logistic baseline on 1000 `make_classification` features,
bag-of-words / TF-IDF features from sklearn's vectorisers on generated documents, a p >> n
expression matrix (5000 genes, 300 rows) with log / scaling / SelectKBest options, and a
square probes x samples panel. Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch51_data import (
    documents,
    expression_counts,
    probe_panel,
    wide_split,
)
from benchmarks.practice.kit import Kit


def _regulariser(l1: float, l2: float) -> Any:
    if l1 and l2:
        return keras.regularizers.L1L2(l1=l1, l2=l2)
    if l1:
        return keras.regularizers.L1(l1)
    return keras.regularizers.L2(l2) if l2 else None


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    return keras.optimizers.SGD(lr) if name == "sgd" else keras.optimizers.Adam(lr)


def wide_mlp(kit: Kit, *, width: int = 256, depth: int = 1, l1: float = 0.0, l2: float = 1e-4,
             dropout: float = 0.3, input_dropout: float = 0.0, optimizer: str = "adam",
             lr: float = 1e-3, head: str = "softmax", scale: str = "standard",
             batch_size: int = 32, epochs: int = 30) -> Any:  # fmt: skip
    """`make_classification` (1500 training rows, 500 validation rows, 1000 features, 5
    classes): StandardScaler on the training rows, [Dropout(input_dropout)] -> Dense 256 ReLU
    (L2 1e-4) x `depth` -> Dropout(0.3) -> Dense 5 softmax, categorical CE on one-hot labels,
    Adam(1e-3), batch 32, 30 epochs. Options: `width` / `depth` (depth 0: the multinomial
    logistic baseline, one Dense softmax), `l1` / `l2` on every kernel, `dropout`,
    `input_dropout` on the 1000 inputs, `optimizer` ("adam" / "sgd") and `lr`, `head`
    ("softmax"; "sigmoid": five independent sigmoids under the categorical CE), `scale`
    ("standard"; "none"; "all_rows": the scaler fitted on the training and validation rows)."""
    x, xval, y, yval = wide_split()
    if scale == "standard":
        mean, sd = x.mean(axis=0), x.std(axis=0)
        x, xval = (x - mean) / sd, (xval - mean) / sd
    elif scale == "all_rows":
        both = np.concatenate([x, xval])
        mean, sd = both.mean(axis=0), both.std(axis=0)
        x, xval = (x - mean) / sd, (xval - mean) / sd
    y1, yval1 = keras.utils.to_categorical(y, 5), keras.utils.to_categorical(yval, 5)
    keras.utils.set_random_seed(kit.seed)
    regulariser = _regulariser(l1, l2)
    model = keras.Sequential([keras.Input((1000,))])
    if input_dropout:
        model.add(layers.Dropout(input_dropout))
    for _ in range(depth):
        model.add(layers.Dense(width, activation="relu", kernel_regularizer=regulariser))
    if depth and dropout:
        model.add(layers.Dropout(dropout))
    model.add(layers.Dense(5, activation=head, kernel_regularizer=regulariser))
    model.compile(_optimizer(optimizer, lr), "categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y1, probe_data=(x, y1), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval1))  # fmt: skip


def _bag_of_words(features: str, max_features: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    texts, val_texts, _, _ = documents()
    if features in ("tfidf", "tfidf_refit_val"):
        vectoriser: Any = TfidfVectorizer(max_features=max_features)
    else:
        vectoriser = CountVectorizer(max_features=max_features, binary=features == "binary")
    x = vectoriser.fit_transform(texts)
    if features == "tfidf_refit_val":  # fit_transform again on the validation texts
        xval = type(vectoriser)(max_features=max_features).fit_transform(val_texts)
    else:
        xval = vectoriser.transform(val_texts)
    x, xval = x.toarray().astype("float32"), xval.toarray().astype("float32")
    if features == "count_log":
        x, xval = np.log1p(x), np.log1p(xval)
    elif features == "count_frequency":  # term frequencies: counts / document length
        x = x / x.sum(axis=1, keepdims=True)
        xval = xval / xval.sum(axis=1, keepdims=True)
    return x, xval


def bow_mlp(kit: Kit, *, features: str = "tfidf", max_features: int = 2000, width: int = 64,
            depth: int = 1, dropout: float = 0.5, l2: float = 0.0, lr: float = 1e-3,
            batch_size: int = 32, epochs: int = 15) -> Any:  # fmt: skip
    """Generated documents in 4 topics (1600 train, 400 validate; 100..3000 tokens each):
    sklearn's TfidfVectorizer(max_features=2000) fitted on the training texts, the validation
    texts `transform`ed, densified; Dense 64 ReLU x `depth` -> Dropout(0.5) -> softmax 4,
    sparse CE, Adam(1e-3), batch 32, 15 epochs. Options: `features` ("tfidf"; "count": raw
    CountVectorizer counts, stop words in the hundreds; "binary": CountVectorizer(binary=
    True); "count_log": log1p of the counts; "count_frequency": counts / document length;
    "tfidf_refit_val": a second TfidfVectorizer fitted on the validation texts, so its 2000
    columns are another vocabulary), `max_features`, `width` / `depth` (depth 0: the logistic
    regression baseline), `dropout`, `l2`, the rate, batch size and epochs."""
    x, xval = _bag_of_words(features, max_features)
    _, _, y, yval = documents()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((x.shape[1],))])
    for _ in range(depth):
        model.add(layers.Dense(width, activation="relu",
                               kernel_regularizer=_regulariser(0.0, l2)))  # fmt: skip
    if depth and dropout:
        model.add(layers.Dropout(dropout))
    model.add(layers.Dense(4, activation="softmax"))
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _select(x: np.ndarray, xval: np.ndarray, y: np.ndarray, yval: np.ndarray, select: str,
            k: int) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    from sklearn.feature_selection import SelectKBest, f_classif

    if select == "none":
        return x, xval
    if select == "all_rows":  # the selector fitted on the training and validation rows
        chosen = SelectKBest(f_classif, k=k).fit(np.concatenate([x, xval]),
                                                 np.concatenate([y, yval]))  # fmt: skip
        return chosen.transform(x), chosen.transform(xval)
    chosen = SelectKBest(f_classif, k=k).fit(x, y)
    if select == "separate":  # a second selector fitted on the validation rows
        return chosen.transform(x), SelectKBest(f_classif, k=k).fit_transform(xval, yval)
    return chosen.transform(x), chosen.transform(xval)


def expression_net(kit: Kit, *, transform: str = "log_standard", select: str = "none",
                   k: int = 200, hidden: int = 0, l1: float = 0.0, l2: float = 1e-2,
                   dropout: float = 0.0, input_dropout: float = 0.0, lr: float = 1e-3,
                   batch_size: int = 32, epochs: int = 60) -> Any:  # fmt: skip
    """A p >> n expression matrix (300 training samples, 150 validation samples, 5000 genes of
    raw read counts, two classes): log1p, then StandardScaler on the training rows; a
    logistic regression in Keras (Dense 1 sigmoid, L2 1e-2), binary CE, Adam(1e-3), batch 32,
    60 epochs. Options: `transform` ("log_standard"; "raw": the counts as read, 0..~40000;
    "log": log1p only; "standard": standardised counts without the log), `select` ("none";
    "train": SelectKBest(f_classif, k=200) fitted on the training rows; "all_rows": fitted on
    training + validation rows; "separate": a second selector fitted on the validation rows,
    another 200 genes), `hidden` (> 0: a Dense `hidden` ReLU layer before the head), `l1` /
    `l2` on the kernels, `dropout` after the hidden layer, `input_dropout` on the genes, the
    rate, batch size and epochs."""
    x, xval, y, yval = expression_counts()
    if transform in ("log_standard", "log"):
        x, xval = np.log1p(x), np.log1p(xval)
    if transform in ("log_standard", "standard"):
        mean, sd = x.mean(axis=0), x.std(axis=0) + 1e-6
        x, xval = (x - mean) / sd, (xval - mean) / sd
    x, xval = _select(x, xval, y, yval, select, k)
    x, xval = x.astype("float32"), xval.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    regulariser = _regulariser(l1, l2)
    model = keras.Sequential([keras.Input((x.shape[1],))])
    if input_dropout:
        model.add(layers.Dropout(input_dropout))
    if hidden:
        model.add(layers.Dense(hidden, activation="relu", kernel_regularizer=regulariser))
        if dropout:
            model.add(layers.Dropout(dropout))
    model.add(layers.Dense(1, activation="sigmoid", kernel_regularizer=regulariser))
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def panel_mlp(kit: Kit, *, layout: str = "samples_rows", width: int = 128, lr: float = 1e-3,
              batch_size: int = 32, epochs: int = 40) -> Any:  # fmt: skip
    """A square assay panel (600 probes x 600 samples, stored a row per probe): transposed to
    samples x probes (`panel.T`), the first 450 samples train, the last 150 validate;
    StandardScaler on the training rows, Dense 128 ReLU -> Dropout(0.3) -> softmax 3, sparse
    CE, Adam(1e-3), batch 32, 40 epochs. Options: `layout` ("samples_rows"; "as_stored": the
    panel used as read, a row per probe, so each 'sample' row is a probe across the samples
    and the labels are paired with probes; the shapes still match), `width`, rate, batch size
    and epochs."""
    panel, labels = probe_panel()
    x_all = panel.T if layout == "samples_rows" else panel
    x, xval, y, yval = x_all[:450], x_all[450:], labels[:450], labels[450:]
    mean, sd = x.mean(axis=0), x.std(axis=0)
    x, xval = (x - mean) / sd, (xval - mean) / sd
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((600,)), layers.Dense(width, activation="relu"),
                              layers.Dropout(0.3), layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
