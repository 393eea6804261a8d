"""Batch-67 domain-shift scripts (keyword options are the faults, the defaults the healthy
choice): DANN with a gradient-reversal layer and a domain head on the shifted digits and the
rotated two moons, importance-weighted training with weights from a domain classifier on a
covariate-shifted table, and fine-tuning a source-trained model on a few labelled target
images. Each script calls `kit.fit` once; the task head is validated on labelled target rows
unless an option says otherwise.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from benchmarks.practice.batch2_data import DATA_SEED
from benchmarks.practice.batch67_data import (
    covariate_shift_table,
    digits_domains,
    moons_domains,
)
from benchmarks.practice.kit import Kit


class GradientReversal(layers.Layer):
    """Identity forward, the gradient multiplied by -lam backward (Ganin & Lempitsky).

    `how="custom_gradient"` is the `tf.custom_gradient` recipe, `how="stop_gradient"` the
    backend-neutral trick `s + sign * lam * (x - s)` with `s = stop_gradient(x)`. `reverse`
    False is the sign left unflipped (the gradient multiplied by +lam)."""

    def __init__(self, lam: float = 1.0, reverse: bool = True, how: str = "custom_gradient",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.lam, self.reverse, self.how = float(lam), reverse, how

    def call(self, x: Any) -> Any:
        sign = -1.0 if self.reverse else 1.0
        scale = sign * self.lam
        if self.how == "stop_gradient":
            frozen = keras.ops.stop_gradient(x)
            return frozen + scale * (x - frozen)

        @tf.custom_gradient
        def _flip(t: Any) -> Any:
            def grad(dy: Any) -> Any:
                return scale * dy

            return tf.identity(t), grad

        return _flip(x)


def _scale_digits(xs: np.ndarray, xt: np.ndarray, xv: np.ndarray,
                  scale: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """Pixels / 16 in both domains ("divide"); each domain standardised with its own scalar
    mean / sd ("per_domain"); the source standardised per pixel (StandardScaler) and the
    target left at 0..16 ("source_only")."""
    if scale == "divide":
        return xs / 16.0, xt / 16.0, xv / 16.0
    if scale == "per_domain":
        ms, ss = xs.mean(), xs.std()
        mt, st = xt.mean(), xt.std()
        return (xs - ms) / ss, (xt - mt) / st, (xv - mt) / st
    if scale == "source_only":
        from sklearn.preprocessing import StandardScaler

        return StandardScaler().fit_transform(xs).astype("float32"), xt, xv
    raise ValueError(f"unknown scale {scale!r}")


def _dann(inputs: int, classes: int, width: int, lam: float, reverse: bool, how: str,
          dropout: float) -> keras.Model:  # fmt: skip
    x_in = keras.Input((inputs,), name="x")
    h = layers.Dense(width, activation="relu")(x_in)
    h = layers.Dense(width, activation="relu", name="features")(h)
    if dropout:
        h = layers.Dropout(dropout)(h)
    label = layers.Dense(classes, activation="softmax", name="label")(h)
    r = GradientReversal(lam, reverse, how, name="grl")(h)
    r = layers.Dense(width, activation="relu")(r)
    domain = layers.Dense(1, activation="sigmoid", name="domain")(r)
    return keras.Model(x_in, {"label": label, "domain": domain})


def _dann_fit(kit: Kit, model: keras.Model, xs: np.ndarray, ys: np.ndarray, xt: np.ndarray,
              xval: np.ndarray, yval: np.ndarray, *, domain_labels: str, label_weight: float,
              domain_weight: float, lr: float, epochs: int, batch_size: int,
              shuffle: bool) -> Any:  # fmt: skip
    """Source rows (labelled, domain 0) and target rows (unlabelled: label 0 with sample
    weight 0, domain 1) in one array; the label loss masked to the source rows; validated on
    labelled target rows (domain 1)."""
    x = np.concatenate([xs, xt]).astype("float32")
    y = np.concatenate([ys, np.zeros(len(xt), np.int64)])
    d = np.concatenate([np.zeros(len(xs)), np.ones(len(xt))]).astype("float32")
    if domain_labels == "all_one":  # d = np.ones(len(x)): the copy-pasted target line
        d = np.ones(len(x), "float32")
    w_label = np.concatenate([np.ones(len(xs)), np.zeros(len(xt))]).astype("float32")
    w_domain = np.ones(len(x), "float32")
    if shuffle:
        order = np.random.default_rng(kit.seed).permutation(len(x))
        x, y, d, w_label = x[order], y[order], d[order], w_label[order]
    model.compile(keras.optimizers.Adam(lr),
                  loss={"label": "sparse_categorical_crossentropy",
                        "domain": "binary_crossentropy"},
                  loss_weights={"label": label_weight, "domain": domain_weight},
                  metrics={"label": ["accuracy"]})  # fmt: skip
    yval_d = np.ones(len(xval), "float32")
    return kit.fit(model, x, {"label": y, "domain": d}, probe_data=(x, {"label": y, "domain": d}),
                   sample_weight={"label": w_label, "domain": w_domain}, epochs=epochs,
                   batch_size=batch_size, shuffle=shuffle,
                   validation_data=(xval, {"label": yval, "domain": yval_d}))  # fmt: skip


def dann_digits(kit: Kit, *, lam: float = 0.3, reverse: bool = True,
                how: str = "custom_gradient", domain_labels: str = "true",
                label_weight: float = 1.0, domain_weight: float = 1.0, lr: float = 1e-3,
                scale: str = "divide", validate: str = "target", epochs: int = 30,
                batch_size: int = 64, shuffle: bool = True, dropout: float = 0.0,
                width: int = 128) -> Any:  # fmt: skip
    """DANN on the digits: 750 labelled source images (150 more held back) and 500 unlabelled
    rotated / noisy target images, pixels / 16; Dense 128 ReLU x 2 (features) -> softmax 10
    (label head) and -> GradientReversal(lam 0.3, tf.custom_gradient) -> Dense 128 ReLU ->
    sigmoid (domain head); sparse CE + binary CE, loss_weights 1 / 1, the label loss masked
    to the source rows by sample_weight, Adam(1e-3), batch 64, 30 ep; validated on the 397
    labelled target images. Options: `lam` (the reversal strength), `reverse` (False: the
    sign not flipped), `how` ("custom_gradient" / "stop_gradient"), `domain_labels`
    ("true"; "all_one": every row labelled domain 1), the loss weights, the rate, `scale`
    ("divide"; "per_domain": each domain standardised with its own mean / sd;
    "source_only": the source standardised, the target left at 0..16), `validate`
    ("target"; "source": the 150 held-back source images), epochs, batch size, `shuffle`
    (False: the rows stay source first, then target, and fit does not shuffle), dropout
    after the features, width."""
    xs, ys, xt, _, xv, yv = digits_domains()
    xs, xt, xv = _scale_digits(xs, xt, xv, scale)
    xs_held, ys_held = xs[750:], ys[750:]
    xs, ys = xs[:750], ys[:750]
    if validate == "source":
        xv, yv = xs_held, ys_held
    keras.utils.set_random_seed(kit.seed)
    model = _dann(64, 10, width, lam, reverse, how, dropout)
    return _dann_fit(kit, model, xs, ys, xt, xv, yv, domain_labels=domain_labels,
                     label_weight=label_weight, domain_weight=domain_weight, lr=lr,
                     epochs=epochs, batch_size=batch_size, shuffle=shuffle)  # fmt: skip


def dann_moons(kit: Kit, *, lam: float = 1.0, reverse: bool = True,
               how: str = "stop_gradient", domain_labels: str = "true",
               label_weight: float = 1.0, domain_weight: float = 1.0, lr: float = 3e-3,
               scale: str = "source_stats", epochs: int = 40, batch_size: int = 64,
               shuffle: bool = True, degrees: float = 40.0) -> Any:  # fmt: skip
    """DANN on the two moons: 800 labelled source points, 800 unlabelled target points
    rotated by 40 degrees, both standardised with the source's mean / sd; Dense 32 ReLU x 2
    -> softmax 2 and -> GradientReversal(lam 1.0, the stop_gradient trick) -> Dense 32 ReLU
    -> sigmoid; Adam(3e-3), batch 64, 40 ep; validated on 400 labelled rotated points.
    Options as `dann_digits` (`scale`: "source_stats"; "per_domain": each domain with its
    own mean / sd; "source_only": the target left in raw coordinates), `degrees` of the
    rotation."""
    xs, ys, xt, _, xv, yv = moons_domains(degrees)
    mean, sd = xs.mean(axis=0), xs.std(axis=0)
    if scale == "per_domain":
        mt, st = xt.mean(axis=0), xt.std(axis=0)
        xt, xv = (xt - mt) / st, (xv - mt) / st
    elif scale == "source_stats":
        xt, xv = (xt - mean) / sd, (xv - mean) / sd
    xs = (xs - mean) / sd
    keras.utils.set_random_seed(kit.seed)
    model = _dann(2, 2, 32, lam, reverse, how, 0.0)
    return _dann_fit(kit, model, xs, ys, xt, xv, yv, domain_labels=domain_labels,
                     label_weight=label_weight, domain_weight=domain_weight, lr=lr,
                     epochs=epochs, batch_size=batch_size, shuffle=shuffle)  # fmt: skip


def _importance_weights(xs: np.ndarray, xt: np.ndarray, weights: str) -> np.ndarray | None:
    """p(target | x) / p(source | x) from a logistic-regression domain classifier on the
    standardised inputs. "normalised": clipped to [0.1, 10] and divided by its mean;
    "none": no weights; "raw_odds": the odds of an unregularised MLP domain classifier
    (128 x 2, alpha 0, 300 iterations) read on the rows it was fitted on, unclipped (p only
    kept in [1e-6, 1 - 1e-6]) and unnormalised (1e-6 .. 13.7, mean 0.13, 709 of 2000 rows
    below 1e-3); "inverted": the
    normalised weights' reciprocal (p(source) / p(target), the classifier's classes taken
    the wrong way round)."""
    from sklearn.linear_model import LogisticRegression

    if weights == "none":
        return None
    both = np.concatenate([xs, xt])
    domain = np.concatenate([np.zeros(len(xs)), np.ones(len(xt))])
    if weights == "raw_odds":
        from sklearn.neural_network import MLPClassifier

        clf = MLPClassifier((128, 128), alpha=0.0, max_iter=300, random_state=0).fit(both,
                                                                                   domain)
        p = np.clip(clf.predict_proba(xs)[:, 1], 1e-6, 1.0 - 1e-6)
        return (p / (1.0 - p)).astype("float32")
    clf = LogisticRegression(C=1.0, max_iter=2000).fit(both, domain)
    p = clf.predict_proba(xs)[:, 1]
    w = np.clip(p / (1.0 - p), 0.1, 10.0)
    w = w / w.mean()
    if weights == "inverted":
        w = 1.0 / w
        w = w / w.mean()
    return w.astype("float32")


def iw_table(kit: Kit, *, weights: str = "normalised", scale: str = "source_stats",
             validate: str = "target", lr: float = 1e-3, epochs: int = 30,
             batch_size: int = 32, width: int = 32, optimizer: str = "adam") -> Any:  # fmt: skip
    """Importance-weighted training on the covariate-shifted table: 2000 labelled source
    rows, 2000 unlabelled target rows; standardised with the source's mean / sd; a
    logistic-regression domain classifier gives w = p(target | x) / p(source | x) for the
    source rows (clipped to [0.1, 10], divided by its mean); Dense 32 ReLU x 2 -> sigmoid,
    binary CE, Adam(1e-3), batch 32, 30 ep, `sample_weight=w`; validated on the 1000
    labelled target rows. Options: `weights` (see `_importance_weights`), `scale`
    ("source_stats"; "source_only": the source standardised, the target rows (the domain
    classifier's and the validation's) left raw), `validate` ("target"; "source": 20 % of
    the source rows held out), the rate, epochs, batch size, width, `optimizer` ("adam" /
    "sgd": SGD(lr) momentum 0.9)."""
    xs, ys, xt, _, xv, yv = covariate_shift_table()
    mean, sd = xs.mean(axis=0), xs.std(axis=0)
    xs = (xs - mean) / sd
    if scale == "source_stats":
        xt, xv = (xt - mean) / sd, (xv - mean) / sd
    w = _importance_weights(xs, xt, weights)
    if validate == "source":
        cut = int(0.8 * len(xs))
        xv, yv = xs[cut:], ys[cut:]
        xs, ys = xs[:cut], ys[:cut]
        w = None if w is None else w[:cut]
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(width, activation="relu"),
                              layers.Dense(width, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    opt = keras.optimizers.Adam(lr) if optimizer == "adam" else keras.optimizers.SGD(
        lr, momentum=0.9)  # fmt: skip
    model.compile(opt, "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, xs, ys, probe_data=(xs, ys), sample_weight=w, epochs=epochs,
                   batch_size=batch_size, validation_data=(xv, yv))  # fmt: skip


def finetune_digits(kit: Kit, *, n_target: int = 100, lr: float = 1e-3,
                    pretrain_lr: float = 1e-3, freeze: str = "none", scale: str = "divide",
                    epochs: int = 40, batch_size: int = 16, mix_source: bool = False,
                    recompile: bool = True, reinit_head: bool = False) -> Any:  # fmt: skip
    """Fine-tuning on a few labelled target images: Dense 128 ReLU -> Dense 64 ReLU ->
    softmax 10 trained on the 900 source digits (plain `fit`, Adam(1e-3), batch 32, 20 ep),
    then compiled again and fine-tuned on `n_target` labelled rotated / noisy target images
    (100) with Adam(1e-3), batch 16, 40 ep (the watched `kit.fit`); validated on the 397
    labelled target images. Options: `n_target`, the fine-tuning `lr`, `freeze` ("none";
    "base": the two hidden layers frozen; "all": `model.trainable = False`, nothing
    trains), `scale` ("divide"; "per_domain"; "source_only": the source standardised per
    pixel, the target left at 0..16), epochs, batch size, `mix_source` (the fine-tuning set
    is the target images plus the 900 source images, shuffled), `recompile` (False: the
    freeze set after the first compile and fit goes on with the old compiled step),
    `reinit_head` (the softmax layer replaced by a fresh one before fine-tuning)."""
    xs, ys, xt, yt, xv, yv = digits_domains()
    xs, xt, xv = _scale_digits(xs, xt, xv, scale)
    xt, yt = xt[:n_target], yt[:n_target]
    keras.utils.set_random_seed(kit.seed)
    base = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                             layers.Dense(64, activation="relu")], name="base")  # fmt: skip
    head = layers.Dense(10, activation="softmax", name="head")
    model = keras.Sequential([base, head])
    model.compile(keras.optimizers.Adam(pretrain_lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    model.fit(xs, ys, epochs=20, batch_size=32, verbose=0)
    if reinit_head:
        model = keras.Sequential([base, layers.Dense(10, activation="softmax", name="head2")])
    if freeze == "base":
        base.trainable = False
    elif freeze == "all":
        model.trainable = False
    if recompile or reinit_head:
        model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                      metrics=["accuracy"])  # fmt: skip
    if mix_source:
        order = np.random.default_rng(DATA_SEED + 677).permutation(len(xs) + len(xt))
        xt, yt = np.concatenate([xs, xt])[order], np.concatenate([ys, yt])[order]
    return kit.fit(model, xt, yt, probe_data=(xt, yt), epochs=epochs, batch_size=batch_size,
                   validation_data=(xv, yv))  # fmt: skip
