"""Batch-33 probabilistic-output and custom-loss scripts (keyword options are the faults, the
defaults the healthy choice): a Poisson count model with a log link, quantile regression
under a hand-written pinball loss, ordinal grades (softmax, cumulative logits or regression
on the grade), a discrete-time hazard model with censored customers, a Gaussian mean /
variance head under its negative log-likelihood and a rare-event classifier with class
weights or a focal loss. Each script calls `kit.fit`.

Every script compiles one metric on a common scale, whatever its own loss and output
format: `count_mae` (MAE of log1p counts), `pinball_mae` (the correct pinball loss averaged
over the 10 / 50 / 90 % quantiles), `grade_acc` (the predicted grade's accuracy), `mean_mae`
(MAE of the predicted mean) or an AUC.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch33_data import (
    churn_person_months,
    claim_counts,
    demand_intervals,
    noisy_sensor,
    ordinal_grades,
    rare_events,
)
from benchmarks.practice.kit import Kit

QUANTILES = (0.1, 0.5, 0.9)


def _standardise(x: np.ndarray, xval: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, sd = x.mean(axis=0), x.std(axis=0) + 1e-12
    return (x - mean) / sd, (xval - mean) / sd


def _mlp(inputs: Any, width: int = 32, depth: int = 2, activation: str = "relu") -> Any:
    h = inputs
    for _ in range(depth):
        h = layers.Dense(width, activation=activation)(h)
    return h


@keras.saving.register_keras_serializable(package="practice_batch33")
def count_mae(y_true: Any, y_pred: Any) -> Any:
    """MAE of log1p(count): the predicted rate clipped at 0 (a linear head can go negative)."""
    pred = ops.maximum(ops.cast(y_pred, "float32"), 0.0)
    return ops.mean(ops.abs(ops.log1p(ops.cast(y_true, "float32")) - ops.log1p(pred)), axis=-1)


def claim_count_model(kit: Kit, *, head: str = "exponential", loss: str = "poisson",
                      features: str = "log_z", epochs: int = 25) -> Any:  # fmt: skip
    """Claim counts (0 to ~100, mean 6.3) from six features: km log-transformed, all
    standardised; Dense 32 x 2 ReLU -> Dense(1, exponential) (the log link), loss="poisson",
    Adam(1e-3), batch 64, 25 epochs. Options: `head` ("exponential", "softplus", "linear"),
    `loss` ("poisson", "mse": squared error on the raw counts), `features="z"` (km
    standardised without the log)."""
    x, xval, y, yval = claim_counts()
    y, yval = y[:, None], yval[:, None]
    if features == "log_z":
        x, xval = x.copy(), xval.copy()
        x[:, 2], xval[:, 2] = np.log(x[:, 2]), np.log(xval[:, 2])
    x, xval = _standardise(x, xval)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((6,))
    out = layers.Dense(1, activation=None if head == "linear" else head)(_mlp(inputs))
    model = keras.Model(inputs, out)
    model.compile(keras.optimizers.Adam(1e-3), loss, metrics=[count_mae])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


@keras.saving.register_keras_serializable(package="practice_batch33")
def pinball_mae(y_true: Any, y_pred: Any) -> Any:
    """The pinball loss of the 10 / 50 / 90 % columns, averaged (the common scale)."""
    q = ops.convert_to_tensor(QUANTILES, dtype="float32")
    err = ops.cast(y_true, "float32") - ops.cast(y_pred, "float32")
    return ops.mean(ops.maximum(q * err, (q - 1.0) * err), axis=-1)


def _pinball(form: str) -> Any:
    q = np.asarray(QUANTILES, "float32")

    def pinball(y_true: Any, y_pred: Any) -> Any:  # as the tutorials write it
        err = y_true - y_pred
        loss = ops.maximum(q * err, (q - 1) * err)
        if form == "sum":
            return ops.sum(loss)  # a per-batch sum, not a mean
        if form == "axis0":
            return ops.mean(loss, axis=0)  # averaged over the rows: one value per quantile
        return ops.mean(loss, axis=-1)

    def pinball_swapped(y_pred: Any, y_true: Any) -> Any:  # Keras passes (y_true, y_pred)
        err = y_true - y_pred
        return ops.mean(ops.maximum(q * err, (q - 1) * err), axis=-1)

    return pinball_swapped if form == "swapped" else pinball


def demand_quantiles(kit: Kit, *, loss_form: str = "mean", target: str = "raw",
                     epochs: int = 40) -> Any:  # fmt: skip
    """Prediction intervals for a heteroscedastic demand: the four features standardised,
    Dense 64 x 2 ReLU -> Dense(3) (the 10 / 50 / 90 % quantiles), a hand-written pinball
    loss, Adam(2e-3), batch 64, 40 epochs; the target in its units (-15..110). Options:
    `loss_form` ("mean"; "sum": the loss returns a per-batch sum; "axis0": averaged over the
    rows instead of the quantiles; "swapped": the loss's signature written (y_pred, y_true);
    "mse": the three outputs fitted with MSE)."""
    x, xval, y, yval = demand_intervals()
    x, xval = _standardise(x, xval)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((4,))
    model = keras.Model(inputs, layers.Dense(3)(_mlp(inputs, width=64)))
    loss = "mse" if loss_form == "mse" else _pinball(loss_form)
    model.compile(keras.optimizers.Adam(2e-3), loss, metrics=[pinball_mae])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def _grade_metric(head: str) -> Any:
    def grade_acc(y_true: Any, y_pred: Any) -> Any:
        y_pred = ops.cast(y_pred, "float32")
        y_true = ops.cast(y_true, "float32")
        if head == "cumulative":  # P(grade > k) for k = 0..3
            true = ops.sum(y_true, axis=-1)
            pred = ops.sum(ops.cast(y_pred > 0.5, "float32"), axis=-1)
        elif head in ("onehot_mse", "smoothed"):
            true = ops.cast(ops.argmax(y_true, axis=-1), "float32")
            pred = ops.cast(ops.argmax(y_pred, axis=-1), "float32")
        elif head == "softmax":
            true = ops.reshape(y_true, (-1,))
            pred = ops.cast(ops.argmax(y_pred, axis=-1), "float32")
        else:  # one number per row: the grade itself, rounded
            true = ops.reshape(y_true, (-1,))
            pred = ops.reshape(ops.round(y_pred), (-1,))
        return ops.cast(ops.equal(true, pred), "float32")

    return grade_acc


def ordinal_rating(kit: Kit, *, head: str = "softmax", epochs: int = 30) -> Any:
    """A product's grade 0..4 from eight features: Dense 64 x 2 ReLU -> Dense(5, softmax),
    sparse CE, Adam(1e-3), batch 64, 30 epochs; `grade_acc` compiled. Options: `head`
    ("softmax"; "cumulative": Dense(4, sigmoid) on the targets [grade > k], BCE (cumulative
    logits); "regression": Dense(1) on the grade, MSE, rounded; "smoothed": one-hot labels,
    categorical CE with label_smoothing 0.1; "onehot_mse": softmax fitted to one-hot grades
    with MSE; "index_sigmoid": Dense(1, sigmoid) on the grade index 0..4 with BCE)."""
    x, xval, y, yval = ordinal_grades()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((8,))
    h = _mlp(inputs, width=64)
    opt = keras.optimizers.Adam(1e-3)
    metric = _grade_metric(head)
    if head == "cumulative":
        ks = np.arange(4)
        y, yval = (y[:, None] > ks).astype("float32"), (yval[:, None] > ks).astype("float32")
        out, loss = layers.Dense(4, activation="sigmoid")(h), "binary_crossentropy"
    elif head in ("regression", "index_sigmoid"):
        y, yval = y.astype("float32"), yval.astype("float32")
        if head == "regression":
            out, loss = layers.Dense(1)(h), "mse"
        else:
            out, loss = layers.Dense(1, activation="sigmoid")(h), "binary_crossentropy"
    elif head in ("smoothed", "onehot_mse"):
        y, yval = np.eye(5)[y], np.eye(5)[yval]
        out = layers.Dense(5, activation="softmax")(h)
        loss = (keras.losses.CategoricalCrossentropy(label_smoothing=0.1) if head == "smoothed"
                else "mse")  # fmt: skip
    else:
        out, loss = layers.Dense(5, activation="softmax")(h), "sparse_categorical_crossentropy"
    model = keras.Model(inputs, out)
    model.compile(opt, loss, metrics=[metric])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def churn_hazard(kit: Kit, *, censored: str = "at_risk", epochs: int = 15) -> Any:
    """A discrete-time hazard model on person-month rows: the five customer features and the
    month standardised; Dense 32 x 2 ReLU -> Dense(1, sigmoid) = P(churn in this month |
    active), BCE, AUC compiled, Adam(1e-3), batch 128, 15 epochs; a censored customer's months
    are all 0 (still active when the data were pulled); validated on other customers' rows
    with their true labels. Options: `censored` ("at_risk"; "event": a censored customer's
    last month labelled churn; "dropped": censored customers left out)."""
    d = churn_person_months()
    x = np.column_stack([d["x"], d["month"]])
    xval = np.column_stack([d["val_x"], d["val_month"]])
    y, yval = d["event"].copy(), d["val_event"]
    if censored == "event":
        y = np.maximum(y, d["censored_last"])
    elif censored == "dropped":
        cens = np.unique(d["customer"][d["censored_last"] == 1])
        keep = ~np.isin(d["customer"], cens)
        x, y = x[keep], y[keep]
    x, xval = _standardise(x, xval)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((6,))
    model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(_mlp(inputs)))
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy",
                  metrics=[keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=128,
                   validation_data=(xval, yval))  # fmt: skip


@keras.saving.register_keras_serializable(package="practice_batch33")
def mean_mae(y_true: Any, y_pred: Any) -> Any:
    """MAE of the predicted mean (column 0 of a (mean, scale) head)."""
    return ops.mean(ops.abs(ops.cast(y_true, "float32") - ops.cast(y_pred[:, :1], "float32")),
                    axis=-1)  # fmt: skip


def _gaussian_nll(var_head: str) -> Any:
    def nll(y_true: Any, y_pred: Any) -> Any:
        mu, raw = y_pred[:, :1], y_pred[:, 1:2]
        if var_head == "log_var":  # the network outputs log sigma^2
            return ops.mean(0.5 * raw + 0.5 * ops.square(y_true - mu) * ops.exp(-raw), axis=-1)
        if var_head == "relu":  # the variance through a ReLU, no floor
            var = ops.relu(raw)
        elif var_head == "exp":  # the variance as exp(raw), computed then divided
            var = ops.exp(raw)
        else:
            var = ops.softplus(raw) + 1e-6
        return ops.mean(0.5 * ops.log(var) + 0.5 * ops.square(y_true - mu) / var, axis=-1)

    return nll


def sensor_gaussian_head(kit: Kit, *, var_head: str = "softplus", lr: float = 1e-3,
                         epochs: int = 40) -> Any:  # fmt: skip
    """A sensor reading's mean and input-dependent noise: three features standardised, the
    reading in its units (sd 2.3); Dense 64 x 2 tanh -> Dense(2) = (mean, raw scale), the
    Gaussian negative log-likelihood with variance softplus(raw) + 1e-6, Adam(1e-3), batch
    64, 40 epochs; `mean_mae` compiled. Options: `var_head` ("softplus", "log_var": the
    standard log-variance form; "exp": variance exp(raw) divided through; "relu": variance
    relu(raw), no floor), `lr`."""
    x, xval, y, yval = noisy_sensor()
    x, xval = _standardise(x, xval)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((3,))
    model = keras.Model(inputs, layers.Dense(2)(_mlp(inputs, width=64, activation="tanh")))
    model.compile(keras.optimizers.Adam(lr), _gaussian_nll(var_head), metrics=[mean_mae])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def _focal(eps: bool, gamma: float = 2.0, alpha: float = 0.75) -> Any:
    def focal(y_true: Any, y_pred: Any) -> Any:  # hand-written binary focal loss
        p = ops.clip(y_pred, 1e-7, 1 - 1e-7) if eps else y_pred
        pos = -alpha * y_true * ops.power(1 - p, gamma) * ops.log(p)
        neg = -(1 - alpha) * (1 - y_true) * ops.power(p, gamma) * ops.log(1 - p)
        return ops.mean(pos + neg, axis=-1)

    return focal


def _weighted_bce(eps: bool, weight: float) -> Any:
    def weighted_bce(y_true: Any, y_pred: Any) -> Any:  # hand-written, positives up-weighted
        p = ops.clip(y_pred, 1e-7, 1 - 1e-7) if eps else y_pred
        return -ops.mean(weight * y_true * ops.log(p) + (1 - y_true) * ops.log(1 - p), axis=-1)

    return weighted_bce


def rare_failure_classifier(kit: Kit, *, weighting: str = "class_weight", lr: float = 1e-3,
                            epochs: int = 20) -> Any:  # fmt: skip
    """Equipment failures (~3.5 % positives) from ten features: Dense 64 x 2 ReLU ->
    Dense(1, sigmoid), BCE with class_weight {0: 1, 1: n_neg / n_pos}, Adam(1e-3), batch 128,
    20 epochs; AUC and PR-AUC compiled. Options: `weighting` ("class_weight"; "none";
    "focal": a hand-written focal loss (gamma 2, alpha 0.75) with the probabilities clipped;
    "focal_no_eps": the same without the clip; "bce_no_eps": a hand-written weighted BCE
    without an epsilon; "keys_off_by_one": class_weight {1: 1, 2: n_neg / n_pos} (keys
    1-based); "inverted": {0: n_neg / n_pos, 1: 1}; "smoothing_0.5": BCE with
    label_smoothing 0.5), `lr`."""
    x, xval, y, yval = rare_events()
    ratio = float((y == 0).sum() / (y == 1).sum())
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((10,))
    model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(_mlp(inputs, width=64)))
    class_weight = None
    loss: Any = "binary_crossentropy"
    if weighting == "class_weight":
        class_weight = {0: 1.0, 1: ratio}
    elif weighting == "keys_off_by_one":
        class_weight = {1: 1.0, 2: ratio}
    elif weighting == "inverted":
        class_weight = {0: ratio, 1: 1.0}
    elif weighting in ("focal", "focal_no_eps"):
        loss = _focal(eps=weighting == "focal")
    elif weighting == "bce_no_eps":
        loss = _weighted_bce(eps=False, weight=ratio)
    elif weighting == "smoothing_0.5":
        loss = keras.losses.BinaryCrossentropy(label_smoothing=0.5)
    model.compile(keras.optimizers.Adam(lr), loss,
                  metrics=[keras.metrics.AUC(name="auc"),
                           keras.metrics.AUC(curve="PR", name="pr_auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=class_weight, epochs=epochs,
                   batch_size=128, validation_data=(xval, yval))  # fmt: skip
