"""Batch-43 imbalanced-learning scripts (keyword options are the faults, the defaults the
healthy choice): a 5 %-positive fraud table (class / sample weights, resampling by hand, a
hand-written focal loss, the output bias from the prior), a four-class triage table at
70/17/9/4 % (class weights, a class dropped, resampling) and breast cancer at 5 % malignant.
Each script calls `kit.fit`; every model reports AUC / precision / recall next to accuracy.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch2_data import DATA_SEED
from benchmarks.practice.batch43_data import cancer_rare_split, fraud_split, triage_split
from benchmarks.practice.kit import Kit


def _binary_metrics() -> list[Any]:
    return ["accuracy", keras.metrics.AUC(name="auc"),
            keras.metrics.AUC(curve="PR", name="pr_auc"),
            keras.metrics.Precision(name="precision"),
            keras.metrics.Recall(name="recall")]  # fmt: skip


def _focal(gamma: float, alpha: float, form: str) -> Any:
    """Binary focal loss by hand (Lin et al. 2017) on sigmoid probabilities:
    -alpha_t (1 - p_t)^gamma log(p_t). `form`: "standard"; "no_minus" (the leading minus
    dropped: minimising it pushes p_t to 0); "p_t_power" (p_t^gamma where (1 - p_t)^gamma
    was meant: the easy rows weigh most)."""

    def focal_loss(y_true: Any, y_pred: Any) -> Any:
        y_true = ops.cast(y_true, y_pred.dtype)
        p = ops.clip(y_pred, 1e-7, 1.0 - 1e-7)
        p_t = y_true * p + (1.0 - y_true) * (1.0 - p)
        alpha_t = y_true * alpha + (1.0 - y_true) * (1.0 - alpha)
        modulator = p_t**gamma if form == "p_t_power" else (1.0 - p_t) ** gamma
        loss = alpha_t * modulator * ops.log(p_t)
        return ops.mean(loss if form == "no_minus" else -loss, axis=-1)

    return focal_loss


def _oversample(x: np.ndarray, y: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Every class drawn with replacement up to the largest class's count, then shuffled."""
    rng = np.random.default_rng(seed)
    top = np.bincount(y).max()
    rows = np.concatenate([rng.choice(np.flatnonzero(y == c), top, replace=True)
                           if (y == c).sum() < top else np.flatnonzero(y == c)
                           for c in np.unique(y)])  # fmt: skip
    rows = rng.permutation(rows)
    return x[rows], y[rows]


def _undersample(x: np.ndarray, y: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Every class cut at random down to the smallest class's count, then shuffled."""
    rng = np.random.default_rng(seed)
    low = np.bincount(y).min()
    rows = rng.permutation(np.concatenate([rng.choice(np.flatnonzero(y == c), low,
                                                      replace=False)
                                           for c in np.unique(y)]))  # fmt: skip
    return x[rows], y[rows]


def _balanced(y: np.ndarray) -> dict[int, float]:
    from sklearn.utils.class_weight import compute_class_weight

    classes = np.unique(y)
    weights = compute_class_weight("balanced", classes=classes, y=y)
    return {int(c): float(w) for c, w in zip(classes, weights, strict=True)}


def fraud_mlp(kit: Kit, *, weighting: str = "none", sample_weight: str = "none",
              resample: str = "none", bias: str = "zero", loss: str = "bce",
              gamma: float = 2.0, alpha: float = 0.25, focal_form: str = "standard",
              optimizer: str = "adam", lr: float = 1e-3, batch_size: int = 128,
              epochs: int = 15) -> Any:  # fmt: skip
    """Fraud-like table (6000 training rows at 5 % positives, 2000 validation rows at the
    same rate): standardised on the training rows, Dense 32 ReLU x 2 -> Dense 1 sigmoid,
    binary CE, Adam(1e-3), batch 128, 15 epochs, accuracy + ROC AUC + PR AUC + precision +
    recall. Options: `weighting` (class_weight: "none"; "balanced": sklearn's n / (2 n_c);
    "inverted": the balanced weights swapped; "extreme": {0: 1, 1: 1e4}), `sample_weight`
    ("none"; "ratio": the positives weighted n_neg / n_pos; "int_div": the ratio written
    `n_pos // n_neg`, so 0 for every positive), `resample` ("none"; "oversample": the
    positives drawn with replacement to the negatives' count, training rows only;
    "undersample": the negatives cut to the positives' count; "oversample_then_split": the
    whole table oversampled, then `validation_split=0.2` on it, so copies of training rows
    validate), `bias` (the output bias: "zero"; "prior": log(p / (1 - p)), the
    imbalanced-data tutorial's; "wrong_sign": -log(p / (1 - p)), starting at p = 0.95;
    "probability": p itself), `loss` ("bce"; "focal": the hand-written focal loss with
    `gamma`, `alpha`, `focal_form`), `optimizer` ("adam"; "sgd": SGD with momentum 0.9),
    the rate, batch size and epochs."""
    x, xval, y, yval = fraud_split()
    mean, sd = x.mean(axis=0), x.std(axis=0)
    x, xval = (x - mean) / sd, (xval - mean) / sd
    if resample == "oversample":
        x, y = _oversample(x, y, DATA_SEED + 433)
    elif resample == "undersample":
        x, y = _undersample(x, y, DATA_SEED + 433)
    elif resample == "oversample_then_split":
        x, y = _oversample(np.concatenate([x, xval]), np.concatenate([y, yval]),
                           DATA_SEED + 433)  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    prior = float(y.mean()) if resample == "none" else float(fraud_split()[2].mean())
    log_odds = float(np.log(prior / (1.0 - prior)))
    start = {"zero": 0.0, "prior": log_odds, "wrong_sign": -log_odds, "probability": prior}
    model = keras.Sequential([keras.Input((20,)), layers.Dense(32, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation="sigmoid", bias_initializer=(
                                  keras.initializers.Constant(start[bias])))])  # fmt: skip
    opt = (keras.optimizers.Adam(lr) if optimizer == "adam"
           else keras.optimizers.SGD(lr, momentum=0.9))  # fmt: skip
    objective = _focal(gamma, alpha, focal_form) if loss == "focal" else "binary_crossentropy"
    model.compile(opt, objective, metrics=_binary_metrics())
    class_weight = None
    if weighting != "none":
        balanced = _balanced(y)
        class_weight = {"balanced": balanced, "inverted": {0: balanced[1], 1: balanced[0]},
                        "extreme": {0: 1.0, 1: 1e4}}[weighting]  # fmt: skip
    keywords: dict[str, Any] = {}
    n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
    if sample_weight == "ratio":
        keywords["sample_weight"] = np.where(y == 1, n_neg / n_pos, 1.0).astype("float32")
    elif sample_weight == "int_div":
        keywords["sample_weight"] = np.where(y == 1, n_pos // n_neg, 1.0).astype("float32")
    if resample == "oversample_then_split":
        keywords["validation_split"] = 0.2
    else:
        keywords["validation_data"] = (xval, yval)
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=class_weight, epochs=epochs,
                   batch_size=batch_size, **keywords)  # fmt: skip


def triage_mlp(kit: Kit, *, weighting: str = "none", resample: str = "none",
               drop_class: int = -1, lr: float = 1e-3, batch_size: int = 128,
               epochs: int = 20) -> Any:  # fmt: skip
    """Four-class triage table (6000 training rows, 2000 validation rows; class 0 4 %, 1 70
    %, 2 9 %, 3 17 %): standardised on the training rows, Dense 64 ReLU x 2 -> softmax 4,
    sparse CE, Adam(1e-3), batch 128, 20 epochs, accuracy. Options: `weighting`
    (class_weight: "none"; "balanced": sklearn's n / (k n_c) keyed by the class codes;
    "inverse_count": 1 / n_c keyed correctly (weights ~1e-4 .. 4e-3, the loss scaled down);
    "value_counts_order": `dict(enumerate(n / (k * counts)))` with `counts =
    df.label.value_counts()` (sorted by frequency, so the weights land on the wrong codes:
    class 0, the rarest, gets the majority's 0.36, the majority class 1 gets class 3's 1.5);
    "extreme": {0: 1e4} on the rarest, the rest 1), `resample` ("none"; "oversample": every
    class drawn with replacement to the majority's count, training rows only;
    "undersample": every class cut to the rarest's count, 240 rows a class),
    `drop_class` (>= 0: that class's training rows filtered out, as a leftover
    `df[df.label != k]`; the validation rows keep it), the rate, batch size and epochs."""
    x, xval, y, yval = triage_split()
    mean, sd = x.mean(axis=0), x.std(axis=0)
    x, xval = (x - mean) / sd, (xval - mean) / sd
    if drop_class >= 0:
        keep = y != drop_class
        x, y = x[keep], y[keep]
    if resample == "oversample":
        x, y = _oversample(x, y, DATA_SEED + 434)
    elif resample == "undersample":
        x, y = _undersample(x, y, DATA_SEED + 434)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((16,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    class_weight = None
    counts = np.bincount(y, minlength=4)
    if weighting == "balanced":
        class_weight = _balanced(y)
    elif weighting == "inverse_count":
        class_weight = {c: 1.0 / counts[c] for c in range(4)}
    elif weighting == "value_counts_order":
        by_frequency = np.sort(counts)[::-1]  # pandas value_counts() order
        class_weight = dict(enumerate((len(y) / (4 * by_frequency)).tolist()))
    elif weighting == "extreme":
        class_weight = {0: 1e4, 1: 1.0, 2: 1.0, 3: 1.0}
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=class_weight, epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, yval))  # fmt: skip


def cancer_rare_mlp(kit: Kit, *, scale: str = "standard", weighting: str = "none",
                    resample: str = "none", bias: str = "zero", lr: float = 1e-3,
                    batch_size: int = 16, epochs: int = 40) -> Any:  # fmt: skip
    """Breast cancer at 5 % malignant (263 training rows, 13 malignant; 142 validation rows
    at 25 %): standardised on the training rows, Dense 16 ReLU -> Dense 1 sigmoid, binary
    CE, Adam(1e-3), batch 16, 40 epochs, accuracy + AUC + recall. Options: `scale`
    ("standard"; "none": the raw units, areas in the hundreds to thousands), `weighting`
    ("none"; "balanced"; "inverted": the balanced weights swapped; "extreme": {0: 1, 1:
    1e4}), `resample` ("none"; "undersample": the
    benign rows cut to 13, 26 rows left; "oversample"), `bias` ("zero"; "prior";
    "wrong_sign"), the rate, batch size and epochs."""
    x, xval, y, yval = cancer_rare_split()
    if scale == "standard":
        mean, sd = x.mean(axis=0), x.std(axis=0)
        x, xval = (x - mean) / sd, (xval - mean) / sd
    if resample == "undersample":
        x, y = _undersample(x, y, DATA_SEED + 435)
    elif resample == "oversample":
        x, y = _oversample(x, y, DATA_SEED + 435)
    keras.utils.set_random_seed(kit.seed)
    prior = 13 / 263
    log_odds = float(np.log(prior / (1.0 - prior)))
    start = {"zero": 0.0, "prior": log_odds, "wrong_sign": -log_odds}[bias]
    model = keras.Sequential([keras.Input((30,)), layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid",
                                           bias_initializer=keras.initializers.Constant(start))
                              ])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc"),
                           keras.metrics.Recall(name="recall")])  # fmt: skip
    class_weight = None
    if weighting in ("balanced", "inverted"):
        class_weight = _balanced(y)
        if weighting == "inverted":
            class_weight = {0: class_weight[1], 1: class_weight[0]}
    elif weighting == "extreme":
        class_weight = {0: 1.0, 1: 1e4}
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=class_weight, epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, yval))  # fmt: skip
