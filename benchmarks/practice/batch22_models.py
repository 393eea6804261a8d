"""Batch-22 tabular classification scripts with a modelling choice (keyword options are the
faults, the defaults the healthy choice): a wide & deep churn model with a `HashedCrossing`,
a loan book validated on its latest issue months, a focal loss on imbalanced fraud, two
MLPs averaged on breast cancer, and class weights on four imbalanced classes.
Each calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.preprocessing import StandardScaler
from sklearn.utils.class_weight import compute_class_weight

from benchmarks.practice.batch22_data import (
    PLANS,
    REGIONS,
    cancer_split,
    churn_table,
    four_imbalanced_classes,
    fraud_imbalanced,
    loan_book,
)
from benchmarks.practice.kit import Kit


def churn_wide_deep(kit: Kit, *, towers_sigmoid: bool = False, epochs: int = 15) -> Any:
    """Churn as wide & deep (Cheng et al. 2016): the wide part is the plan and region one-hots
    and their `HashedCrossing(num_bins=32, output_mode="one_hot")` -> Dense(1), the deep part
    the numeric columns through a `Normalization` adapted on the training part -> Dense 32 ->
    Dense 16 (ReLU) -> Dense(1); the two logits added, then a sigmoid; BCE, accuracy + AUC;
    Adam(2e-3), a tf.data pipeline of the column dict, batch 64, 15 epochs. Fault:
    `towers_sigmoid`, each tower ending in
    `Dense(1, activation="sigmoid")` before the `Add` (each tower written as a classifier of
    its own, then summed; GitHub / Stack Overflow "wide and deep outputs greater than 1"):
    the output lies in (0, 2) under a loss that clips it to [eps, 1 - eps]."""
    x, xv, y, yv = churn_table()
    norm = layers.Normalization()
    norm.adapt(x["numeric"])
    keras.utils.set_random_seed(kit.seed)
    inputs = {"plan": keras.Input((1,), dtype="string", name="plan"),
              "region": keras.Input((1,), dtype="string", name="region"),
              "numeric": keras.Input((3,), name="numeric")}  # fmt: skip
    plan = layers.StringLookup(vocabulary=list(PLANS), output_mode="one_hot")(inputs["plan"])
    region = layers.StringLookup(vocabulary=list(REGIONS),
                                 output_mode="one_hot")(inputs["region"])  # fmt: skip
    cross = layers.HashedCrossing(num_bins=32, output_mode="one_hot")(
        (inputs["plan"], inputs["region"]))  # fmt: skip
    head = "sigmoid" if towers_sigmoid else None
    wide = layers.Dense(1, activation=head)(layers.Concatenate()([plan, region, cross]))
    h = layers.Dense(32, activation="relu")(norm(inputs["numeric"]))
    deep = layers.Dense(1, activation=head)(layers.Dense(16, activation="relu")(h))
    out = layers.Add()([wide, deep])
    if not towers_sigmoid:
        out = layers.Activation("sigmoid")(out)
    model = keras.Model(inputs, out)
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    train = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(y), seed=kit.seed).batch(64)
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(256)
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def loan_cohort_holdout(kit: Kit, *, keep_recoveries: bool = False, epochs: int = 20) -> Any:
    """Loan default, validated on the latest 20 % of issue months (a time split): the seven
    applicant features through a StandardScaler fitted on the training loans, the
    post-outcome column "recoveries" dropped; Dense 32 -> Dense 16 (ReLU) -> sigmoid; BCE,
    accuracy; Adam(1e-3), batch 64, 20 epochs. Fault: `keep_recoveries`, every column of the
    export kept (Lending Club's "recoveries", recorded after a charge-off: the Kaggle
    "target leakage" lesson): on the matured training loans it all but gives the label, on
    the recent validation loans it is 0 everywhere."""
    x, xv, y, yv = loan_book()
    if not keep_recoveries:
        x, xv = x[:, :7], xv[:, :7]
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((x.shape[1],)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def fraud_focal(kit: Kit, *, alpha_gamma_swapped: bool = False, epochs: int = 15) -> Any:
    """Imbalanced fraud (~7 % positives): a StandardScaler fitted on the training part; Dense
    32 -> Dense 32 (ReLU) -> sigmoid; `BinaryFocalCrossentropy(apply_class_balancing=True,
    alpha=0.25, gamma=2.0)` (Lin et al.'s values), accuracy + AUC; Adam(1e-3), batch 128, 15
    epochs. Fault: `alpha_gamma_swapped`, `BinaryFocalCrossentropy(True, 2.0, 0.25)` written
    positionally in the paper's (gamma, alpha) order; Keras's order is (apply_class_balancing,
    alpha, gamma): alpha = 2 weighs the negatives by 1 - alpha = -1, so their loss falls as
    their predicted probability rises."""
    x, xv, y, yv = fraud_imbalanced()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    loss = (keras.losses.BinaryFocalCrossentropy(True, 2.0, 0.25) if alpha_gamma_swapped
            else keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.25,
                                                      gamma=2.0))  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((14,)), layers.Dense(32, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss,
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=128,
                   validation_data=(xv, yv))  # fmt: skip


def cancer_two_mlps_averaged(kit: Kit, *, epochs: int = 20) -> Any:
    """Breast cancer (raw features through a StandardScaler fitted on the training part): two
    MLPs on the same input, Dense 32 (ReLU) -> sigmoid and Dense 16 (tanh) -> Dense 8 (tanh)
    -> sigmoid, averaged by `layers.Average()` into one model trained end to end; BCE,
    accuracy; Adam(1e-3), batch 32, 20 epochs."""
    x, xv, y, yv = cancer_split()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inp = keras.Input((30,))
    first = layers.Dense(1, activation="sigmoid")(layers.Dense(32, activation="relu")(inp))
    h = layers.Dense(8, activation="tanh")(layers.Dense(16, activation="tanh")(inp))
    second = layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(inp, layers.Average()([first, second]))
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def four_classes_class_weight(kit: Kit, *, epochs: int = 15) -> Any:
    """Four imbalanced classes (60 / 25 / 10 / 5 %), stratified split, a StandardScaler
    fitted on the training part; class weights from sklearn's
    `compute_class_weight("balanced")` as a dict; Dense 64 -> Dense 32 (ReLU) -> Dense 4
    softmax; sparse CE, accuracy; Adam(1e-3), batch 64, 15 epochs."""
    x, xv, y, yv = four_imbalanced_classes()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    classes = np.unique(y)
    weights = compute_class_weight("balanced", classes=classes, y=y)
    class_weight = {int(c): float(w) for c, w in zip(classes, weights, strict=True)}
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=class_weight, epochs=epochs,
                   batch_size=64, validation_data=(xv, yv))  # fmt: skip
