"""Batch-22 tabular classification scripts with encodings (keyword options are the faults,
the defaults the healthy choice): string grades and purposes through `StringLookup`, a
merchant id through `IntegerLookup` + `Embedding`, an out-of-fold target encoding of a store
id, string species labels through sklearn's `LabelEncoder`, five ordinal credit grades.
Each calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.model_selection import KFold
from sklearn.preprocessing import LabelEncoder, StandardScaler

from benchmarks.practice.batch2_data import DATA_SEED
from benchmarks.practice.batch22_data import (
    card_transactions,
    credit_grades,
    loan_table,
    species_table,
    store_visits,
)
from benchmarks.practice.kit import Kit


def loan_grade_lookup(kit: Kit, *, grade_adapted_on_purpose: bool = False,
                      epochs: int = 15) -> Any:  # fmt: skip
    """Loan default from five numeric columns in their own units (a `Normalization` adapted on
    the training part), the grade "A".."G" and the purpose (8 strings), each through its own
    `StringLookup(output_mode="one_hot")` adapted on its training column; three inputs
    concatenated -> Dense 32 -> Dense 16 (ReLU) -> sigmoid; BCE, accuracy + AUC; Adam(1e-3),
    a tf.data pipeline (Keras's NumPy adapter takes no string arrays), batch 64, 15 epochs.
    Fault: `grade_adapted_on_purpose`, `grade_lookup.adapt(purpose)`
    (a copy-pasted adapt line: the lookup built for one column adapted on another; Stack
    Overflow "StringLookup returns only [UNK]"): every grade maps to the OOV index, the
    strongest predictor becomes one constant one-hot column."""
    num, num_v, grade, grade_v, purpose, purpose_v, y, yv = loan_table()
    norm = layers.Normalization()
    norm.adapt(num)
    grade_lookup = layers.StringLookup(output_mode="one_hot")
    grade_lookup.adapt(purpose if grade_adapted_on_purpose else grade)
    purpose_lookup = layers.StringLookup(output_mode="one_hot")
    purpose_lookup.adapt(purpose)
    keras.utils.set_random_seed(kit.seed)
    num_in = keras.Input((5,), name="numeric")
    grade_in = keras.Input((1,), dtype="string", name="grade")
    purpose_in = keras.Input((1,), dtype="string", name="purpose")
    h = layers.Concatenate()([norm(num_in), grade_lookup(grade_in), purpose_lookup(purpose_in)])
    h = layers.Dense(32, activation="relu")(h)
    h = layers.Dense(16, activation="relu")(h)
    model = keras.Model([num_in, grade_in, purpose_in], layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    train = tf.data.Dataset.from_tensor_slices(((num, grade, purpose), y))
    train = train.shuffle(len(y), seed=kit.seed).batch(64)
    val = tf.data.Dataset.from_tensor_slices(((num_v, grade_v, purpose_v), yv)).batch(256)
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def merchant_fraud_embedding(kit: Kit, *, id_as_number: bool = False, epochs: int = 15) -> Any:
    """Card fraud from a merchant id (200 merchants, ids 1000..1199) and three raw numeric
    columns: the id through an `IntegerLookup` adapted on the training ids -> Embedding(vocab,
    8) -> Flatten; amount as log1p, hour and distance, all through a `Normalization` adapted
    on the training part; concatenated -> Dense 32 (ReLU) -> sigmoid; BCE, accuracy + AUC;
    Adam(2e-3), batch 64, 15 epochs. Fault: `id_as_number`, the merchant id kept as a numeric
    column next to the others (one more column into the same Normalization; "label-encoded
    ids fed to Dense as magnitudes", a frequent Kaggle-forum mistake): the id's value says
    nothing about the merchant's fraud rate."""
    ids, ids_v, num, num_v, y, yv = card_transactions()
    num = np.concatenate([np.log1p(num[:, :1]), num[:, 1:]], axis=1)
    num_v = np.concatenate([np.log1p(num_v[:, :1]), num_v[:, 1:]], axis=1)
    keras.utils.set_random_seed(kit.seed)
    if id_as_number:
        x = np.concatenate([num, ids.astype("float32")], axis=1)
        xv = np.concatenate([num_v, ids_v.astype("float32")], axis=1)
        norm = layers.Normalization()
        norm.adapt(x)
        model = keras.Sequential([keras.Input((4,)), norm, layers.Dense(32, activation="relu"),
                                  layers.Dense(1, activation="sigmoid")])  # fmt: skip
        inputs: Any = x
        val_inputs: Any = xv
    else:
        lookup = layers.IntegerLookup()
        lookup.adapt(ids)
        norm = layers.Normalization()
        norm.adapt(num)
        id_in, num_in = keras.Input((1,), dtype="int64", name="merchant"), keras.Input((3,))
        merchant = layers.Flatten()(layers.Embedding(lookup.vocabulary_size(), 8)(lookup(id_in)))
        h = layers.Dense(32, activation="relu")(layers.Concatenate()([merchant, norm(num_in)]))
        model = keras.Model([id_in, num_in], layers.Dense(1, activation="sigmoid")(h))
        inputs, val_inputs = [ids, num], [ids_v, num_v]
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, inputs, y, probe_data=(inputs, y), epochs=epochs, batch_size=64,
                   validation_data=(val_inputs, yv))  # fmt: skip


def _smoothed_means(keys: np.ndarray, y: np.ndarray, prior: float,
                    weight: float) -> dict[int, float]:  # fmt: skip
    """Per key: (sum of y + weight x prior) / (count + weight)."""
    sums: dict[int, float] = {}
    counts: dict[int, int] = {}
    for k, v in zip(keys.tolist(), y.tolist(), strict=True):
        sums[k] = sums.get(k, 0.0) + v
        counts[k] = counts.get(k, 0) + 1
    return {k: (sums[k] + weight * prior) / (counts[k] + weight) for k in sums}


def store_target_encoding(kit: Kit, *, in_sample: bool = False, epochs: int = 20) -> Any:
    """Purchase from a store id (1000 stores, ~3 training rows each) and six visit features:
    the store target-encoded as Kaggle notebooks do it, out of fold (5-fold KFold on the
    training part, each fold's rows encoded with the other folds' smoothed store means,
    smoothing weight 10 towards the global rate; the validation rows with the whole training
    part's), the encoding and the features through a StandardScaler fitted on the training
    part; Dense 32 -> Dense 16 (ReLU) -> sigmoid; BCE, accuracy; Adam(1e-3), batch 64, 20
    epochs. Fault: `in_sample`, `df.groupby("store").target.transform("mean")` on the training
    rows (no folds, no smoothing): each row's encoding contains its own label (a store of 3
    rows with 2 purchases encodes its purchases as 0.67, its other row as 0.67 too), so the
    model leans on a column that is honest on the validation rows only."""
    store, store_v, feats, feats_v, y, yv = store_visits()
    prior = float(y.mean())
    if in_sample:
        means = _smoothed_means(store, y, prior, 0.0)
        enc = np.array([means[k] for k in store.tolist()])
    else:
        enc = np.zeros(len(y))
        for fit_rows, enc_rows in KFold(5, shuffle=True, random_state=DATA_SEED).split(store):
            means = _smoothed_means(store[fit_rows], y[fit_rows], prior, 10.0)
            enc[enc_rows] = [means.get(k, prior) for k in store[enc_rows].tolist()]
        means = _smoothed_means(store, y, prior, 10.0)
    enc_v = np.array([means.get(k, prior) for k in store_v.tolist()])
    scaler = StandardScaler().fit(np.column_stack([feats, enc]))
    x = scaler.transform(np.column_stack([feats, enc])).astype("float32")
    xv = scaler.transform(np.column_stack([feats_v, enc_v])).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((7,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y[:, None], probe_data=(x, y[:, None]), epochs=epochs,
                   batch_size=64, validation_data=(xv, yv[:, None]))  # fmt: skip


def species_many_classes(kit: Kit, *, refit_encoder_on_validation: bool = False,
                         epochs: int = 15) -> Any:  # fmt: skip
    """15 tree species (string labels, one of them rare and absent from the validation
    part) from 12 measurements: a StandardScaler on the features, the labels coded by a
    `LabelEncoder` fitted on the training labels and applied to both parts; Dense 64 -> Dense
    64 (ReLU) -> Dense 15 softmax; sparse CE, accuracy; Adam(1e-3), batch 64, 15 epochs.
    Fault: `refit_encoder_on_validation`, `LabelEncoder().fit_transform(species_val)` (Stack
    Overflow "LabelEncoder fit_transform on the test set"): the validation encoder sorts only
    the 14 species present there, so every species after the missing "alder" gets the code of
    the one before it."""
    x, xv, species, species_v = species_table()
    encoder = LabelEncoder().fit(species)
    y = encoder.transform(species)
    yv = (LabelEncoder().fit_transform(species_v) if refit_encoder_on_validation
          else encoder.transform(species_v))  # fmt: skip
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((12,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(len(encoder.classes_), activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def credit_grade_ordinal(kit: Kit, *, single_sigmoid: bool = False, epochs: int = 20) -> Any:
    """Five ordinal credit grades 0..4 from 8 standardised features: Dense 64 -> Dense 32
    (ReLU) -> Dense 5 softmax; sparse CE, accuracy; Adam(1e-3), batch 64, 20 epochs. Fault:
    `single_sigmoid`, the binary default script's head and loss kept for the grades
    (`Dense(1, activation="sigmoid")`, "binary_crossentropy"; Stack Overflow "negative loss
    with binary_crossentropy", labels above 1): for a label of 2..4 the loss falls without
    bound as the output goes to 1, and "accuracy" becomes a binary accuracy."""
    x, xv, y, yv = credit_grades()
    keras.utils.set_random_seed(kit.seed)
    head = (layers.Dense(1, activation="sigmoid") if single_sigmoid
            else layers.Dense(5, activation="softmax"))  # fmt: skip
    model = keras.Sequential([keras.Input((8,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"), head])  # fmt: skip
    loss = "binary_crossentropy" if single_sigmoid else "sparse_categorical_crossentropy"
    model.compile(keras.optimizers.Adam(1e-3), loss, metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip
