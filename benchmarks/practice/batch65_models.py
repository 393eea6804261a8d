"""Batch-65 survival-analysis scripts (keyword options are the faults, the defaults the
healthy choice): a DeepSurv-style Cox network under a custom negative partial
log-likelihood, a discrete-time hazard model (one sigmoid a time bin, masked binary
cross-entropy), a log-time regression with a one-sided loss for the censored rows and a
two-headed network (all-cause Cox risk + event type). Targets are packed in `y` as columns
(time, event, ...); Harrell's concordance is compiled as `concordance_acc` (the fraction of
comparable pairs ordered correctly, within a batch; the validation set is one batch of
1000). Each script calls `kit.fit`; the validation rows always carry the true labels.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch65_data import cohort
from benchmarks.practice.kit import Kit

N_BINS = 10


class Concordance(keras.metrics.Metric):
    """Harrell's C within each batch, pair counts summed over the batches: a pair (i, j) is
    comparable when i failed (event 1) before j's time, concordant when i's risk is higher.
    `y_true[:, 0]` is the time, `y_true[:, 1]` the event; `risk` maps the prediction to a
    risk score (higher = earlier failure)."""

    def __init__(self, risk: str = "identity", name: str = "concordance_acc",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(name=name, **kwargs)
        self.risk = risk
        self.hits = self.add_variable((), initializer="zeros", name="hits")
        self.pairs = self.add_variable((), initializer="zeros", name="pairs")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        t, e = ops.cast(y_true[:, 0], "float32"), ops.cast(y_true[:, 1], "float32")
        y_pred = ops.cast(y_pred, "float32")
        if self.risk == "negate":  # a predicted (log) time: longer = lower risk
            r = -y_pred[:, 0]
        elif self.risk == "cumulative_hazard":  # per-bin hazards: -sum log(1 - h) to the
            # median bin (-log S at the horizon; the last bins hold few rows at risk)
            h = y_pred[:, :N_BINS // 2]
            r = -ops.sum(ops.log(ops.clip(1.0 - h, 1e-7, 1.0)), axis=-1)
        else:
            r = y_pred[:, 0]
        comparable = e[:, None] * ops.cast(t[:, None] < t[None, :], "float32")
        ordered = (ops.cast(r[:, None] > r[None, :], "float32")
                   + 0.5 * ops.cast(r[:, None] == r[None, :], "float32"))  # fmt: skip
        self.hits.assign_add(ops.sum(comparable * ordered))
        self.pairs.assign_add(ops.sum(comparable))

    def result(self) -> Any:
        return self.hits / ops.maximum(self.pairs, 1.0)

    def reset_state(self) -> None:
        self.hits.assign(0.0)
        self.pairs.assign(0.0)


def cox_loss(sort: str = "in_loss", lse: str = "stable") -> Any:
    """The negative partial log-likelihood (Breslow, mean over the batch's events): the risk
    set of a failure at t is every row with time >= t, its log-sum-exp a cumulative sum over
    the rows in descending time. `sort`: "in_loss" (argsort of the batch's times), "assumed"
    (the rows taken as already in descending time: the DeepSurv recipe of sorting the data
    set once); `lse`: "stable" (a cumulative log-sum-exp, each row's over the rows before
    it), "max_shift" (the batch maximum taken out, then log(cumsum(exp(.))): the partial fix,
    whose early cumulative sums underflow to 0 when the risks spread over more than ~90),
    "naive" (log(cumsum(exp(risk))): overflows above a risk of ~88)."""

    def loss(y_true: Any, y_pred: Any) -> Any:
        t, e = ops.cast(y_true[:, 0], "float32"), ops.cast(y_true[:, 1], "float32")
        r = ops.cast(y_pred[:, 0], "float32")
        if sort == "in_loss":
            order = ops.argsort(-t)
            e, r = ops.take(e, order), ops.take(r, order)
        if lse == "naive":
            log_risk_set = ops.log(ops.cumsum(ops.exp(r)))
        elif lse == "max_shift":  # the batch maximum out, then the cumulative sum
            top = ops.stop_gradient(ops.max(r))
            log_risk_set = ops.log(ops.cumsum(ops.exp(r - top))) + top
        else:  # a cumulative log-sum-exp: row i's logsumexp over rows 0..i
            n = ops.shape(r)[0]
            upto = ops.arange(n)[None, :] <= ops.arange(n)[:, None]
            log_risk_set = ops.logsumexp(ops.where(upto, r[None, :], -np.inf), axis=1)
        return -ops.sum(e * (r - log_risk_set)) / ops.maximum(ops.sum(e), 1.0)

    return loss


def _standardise(x: np.ndarray, xval: np.ndarray, scale: str) -> tuple[np.ndarray, np.ndarray]:
    if scale == "none":
        return x, xval
    x, xval = x.copy(), xval.copy()
    x[:, 2], xval[:, 2] = np.log(x[:, 2]), np.log(xval[:, 2])  # the skewed biomarker logged
    mean, sd = x.mean(axis=0), x.std(axis=0)
    return (x - mean) / sd, (xval - mean) / sd


def _trunk(inputs: Any, width: int, depth: int, dropout: float) -> Any:
    h = inputs
    for _ in range(depth):
        h = layers.Dense(width, activation="relu")(h)
        if dropout:
            h = layers.Dropout(dropout)(h)
    return h


def cox_mlp(kit: Kit, *, event: str = "observed", sort: str = "in_loss", shuffle: bool = True,
            lse: str = "stable", scale: str = "standard", output: str = "linear",
            width: int = 32, depth: int = 2, dropout: float = 0.1, lr: float = 1e-3,
            batch_size: int = 128, epochs: int = 30) -> Any:  # fmt: skip
    """DeepSurv on the cohort (3000 training, 1000 validation rows): the covariates
    standardised on the training rows (the biomarker logged first), Dense 32 ReLU x 2 with
    Dropout(0.1) -> Dense 1 linear risk score, the Cox partial likelihood sorted inside the
    loss with a cumulative log-sum-exp, Adam(1e-3), batch 128, 30 epochs; y = (time in days,
    event). Options: `event` ("observed"; "inverted": the training rows' indicator flipped,
    a `censored` column read as `event`), `sort` ("in_loss"; "presorted": the training rows
    sorted by descending time once and the loss assuming the batch's order), `shuffle` (the
    fit's), `lse` ("stable"; "max_shift"; "naive"), `scale` ("standard"; "none": the raw
    units, the biomarker up to thousands), `output` ("linear"; "relu_negative_bias": a Dense 1
    ReLU with bias -2 before the risk score), width / depth / dropout, rate, batch size,
    epochs."""
    d = cohort()
    x, xval = _standardise(d["x"], d["val_x"], scale)
    y = np.column_stack([d["time"], d["event"]]).astype("float32")
    yval = np.column_stack([d["val_time"], d["val_event"]]).astype("float32")
    if event == "inverted":
        y[:, 1] = 1.0 - y[:, 1]
    if sort == "presorted":
        order = np.argsort(-y[:, 0], kind="stable")
        x, y = x[order], y[order]
        order = np.argsort(-yval[:, 0], kind="stable")
        xval, yval = xval[order], yval[order]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = _trunk(inputs, width, depth, dropout)
    if output == "relu_negative_bias":
        h = layers.Dense(1, activation="relu",
                         bias_initializer=keras.initializers.Constant(-2.0))(h)  # fmt: skip
    risk = layers.Dense(1, name="risk")(h)
    model = keras.Model(inputs, risk)
    model.compile(keras.optimizers.Adam(lr),
                  cox_loss("in_loss" if sort == "in_loss" else "assumed", lse),
                  metrics=[Concordance()])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   shuffle=shuffle, validation_data=(xval, yval),
                   validation_batch_size=len(yval))  # fmt: skip


def _bins(time: np.ndarray) -> np.ndarray:
    """The inner cut points of N_BINS bins at the training times' quantiles."""
    return np.quantile(time, np.linspace(0, 1, N_BINS + 1)[1:-1])


def _hazard_targets(time: np.ndarray, event: np.ndarray, cuts: np.ndarray,
                    censored: str, mask: str) -> np.ndarray:  # fmt: skip
    """(n, 2 + 2 * N_BINS): time, event, the per-bin targets, the per-bin mask. An event in
    bin k: bins < k survived (0), bin k failed (1); censored in bin k: bins < k survived, bin
    k and later masked out."""
    k = np.searchsorted(cuts, time, side="right")
    bins = np.arange(N_BINS)[None, :]
    failed = event.astype(bool)
    if censored == "as_event":
        failed = np.ones_like(failed)
    target = ((bins == k[:, None]) & failed[:, None]).astype("float32")
    weight = ((bins < k[:, None]) | ((bins == k[:, None]) & failed[:, None])).astype("float32")
    if mask == "none":  # the BCE over every bin: the bins after the event read as survived
        weight = np.ones_like(weight)
    return np.column_stack([time, event, target, weight]).astype("float32")


def masked_bce(y_true: Any, y_pred: Any) -> Any:
    """Binary cross-entropy over the bins the row was at risk in, summed a row."""
    target, weight = y_true[:, 2:2 + N_BINS], y_true[:, 2 + N_BINS:]
    p = ops.clip(ops.cast(y_pred, "float32"), 1e-7, 1 - 1e-7)
    bce = -(target * ops.log(p) + (1 - target) * ops.log(1 - p))
    return ops.sum(weight * bce, axis=-1)


def discrete_hazard(kit: Kit, *, head: str = "sigmoid", censored: str = "at_risk",
                    mask: str = "at_risk", width: int = 32, lr: float = 1e-3,
                    batch_size: int = 64, epochs: int = 30) -> Any:  # fmt: skip
    """Discrete-time hazards (nnet-survival style): 10 time bins at the training times'
    deciles, Dense 32 ReLU x 2 -> Dense 10 sigmoid = P(fail in bin k | alive at its start),
    the masked BCE over the bins up to the event / censoring, Adam(1e-3), batch 64, 30
    epochs; concordance on the cumulative hazard to the median time bin (-log S, the sum of
    -log(1 - h) over the first five bins). Options: `head`
    ("sigmoid"; "softmax": a softmax over the bins), `censored` ("at_risk"; "as_event": a
    censored row read as a failure in its censoring bin), `mask` ("at_risk"; "none": every
    bin in the loss, the ones after the event as survived), width, rate, batch size,
    epochs."""
    d = cohort()
    x, xval = _standardise(d["x"], d["val_x"], "standard")
    cuts = _bins(d["time"])
    y = _hazard_targets(d["time"], d["event"], cuts, censored, mask)
    yval = _hazard_targets(d["val_time"], d["val_event"], cuts, "at_risk", "at_risk")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = _trunk(inputs, width, 2, 0.0)
    hazards = layers.Dense(N_BINS, activation="softmax" if head == "softmax" else "sigmoid")(h)
    model = keras.Model(inputs, hazards)
    model.compile(keras.optimizers.Adam(lr), masked_bce,
                  metrics=[Concordance("cumulative_hazard")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), validation_batch_size=len(yval))  # fmt: skip


def censored_log_time_loss(target: str) -> Any:
    """Squared error for the failures, a one-sided squared hinge for the censored rows (the
    prediction must reach the censoring time). `target`: the column 2 scale ("log" or days)
    is already in y; the hinge only pushes up."""

    def loss(y_true: Any, y_pred: Any) -> Any:
        e, goal = ops.cast(y_true[:, 1], "float32"), ops.cast(y_true[:, 2], "float32")
        pred = ops.cast(y_pred[:, 0], "float32")
        observed = ops.square(pred - goal)
        censored = ops.square(ops.relu(goal - pred))
        return e * observed + (1.0 - e) * censored

    return loss


def log_time(kit: Kit, *, target: str = "log_days", censored: str = "one_sided",
             lr: float = 1e-3, batch_size: int = 64, epochs: int = 30) -> Any:  # fmt: skip
    """Log-time regression (an AFT-like network): Dense 32 ReLU x 2 -> Dense 1 linear =
    log(days to failure), squared error on the failures and a one-sided squared hinge on
    the censored rows, Adam(1e-3), batch 64, 30 epochs; concordance on -prediction. Options:
    `target` ("log_days"; "days": the raw days (tens to ~3000) for the linear head),
    `censored` ("one_sided"; "as_event": the censored rows under the squared error at their
    censoring time; "dropped": the censored rows left out of training)."""
    d = cohort()
    x, xval = _standardise(d["x"], d["val_x"], "standard")

    def pack(time: np.ndarray, event: np.ndarray) -> np.ndarray:
        goal = time if target == "days" else np.log(time)
        return np.column_stack([time, event, goal]).astype("float32")

    y, yval = pack(d["time"], d["event"]), pack(d["val_time"], d["val_event"])
    if censored == "as_event":
        y[:, 1] = 1.0
    elif censored == "dropped":
        keep = y[:, 1] == 1
        x, y = x[keep], y[keep]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    out = layers.Dense(1)(_trunk(inputs, 32, 2, 0.0))
    model = keras.Model(inputs, out)
    # the metric reads the true event column; "as_event" overwrote the training copy only
    model.compile(keras.optimizers.Adam(lr), censored_log_time_loss(target),
                  metrics=[Concordance("negate")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), validation_batch_size=len(yval))  # fmt: skip


def risk_and_type(kit: Kit, *, type_weight: float = 0.5, type_head: str = "softmax",
                  lr: float = 1e-3, batch_size: int = 128, epochs: int = 30) -> Any:  # fmt: skip
    """Two heads on a shared Dense 64 ReLU x 2 trunk: `hazard` (Dense 1 linear, the Cox
    partial likelihood on (time, event), concordance) and `type` (Dense 3 softmax: censored /
    cause 1 / cause 2, sparse CE, accuracy), loss weights {hazard: 1, type: 0.5}, Adam(1e-3),
    batch 128, 30 epochs. Options: `type_weight` (the type head's loss weight),
    `type_head` ("softmax"; "sigmoid": per-class sigmoids under the sparse CE), rate, batch
    size, epochs."""
    d = cohort()
    x, xval = _standardise(d["x"], d["val_x"], "standard")
    y = {"hazard": np.column_stack([d["time"], d["event"]]).astype("float32"),
         "type": d["cause"]}  # fmt: skip
    yval = {"hazard": np.column_stack([d["val_time"], d["val_event"]]).astype("float32"),
            "type": d["val_cause"]}  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = _trunk(inputs, 64, 2, 0.0)
    hazard = layers.Dense(1, name="hazard")(h)
    kind = layers.Dense(3, activation=type_head, name="type")(h)
    model = keras.Model(inputs, {"hazard": hazard, "type": kind})
    model.compile(keras.optimizers.Adam(lr),
                  loss={"hazard": cox_loss(), "type": "sparse_categorical_crossentropy"},
                  loss_weights={"hazard": 1.0, "type": type_weight},
                  metrics={"hazard": [Concordance()],
                           "type": [keras.metrics.SparseCategoricalAccuracy(name="type_acc")]})
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), validation_batch_size=1000)  # fmt: skip
