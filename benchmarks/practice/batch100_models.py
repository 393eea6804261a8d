"""Batch-100 EEG / brain-computer-interface decoding scripts (keyword options are the faults, the
defaults the healthy choice): EEGNet (temporal convolution -> depthwise spatial convolution
over the channels with a max-norm constraint -> separable convolution, BatchNorm, ELU,
average pooling) on motor-imagery trials, a ShallowConvNet (temporal conv -> spatial conv ->
BatchNorm -> square -> average pool -> log) on the same trials, a compact EEGNet-style
P300 / ERP detector with a sigmoid head and class weights, and a band-power MLP baseline.
Inputs are (channels x time samples x 1); the signals arrive in microvolts and are
standardised per channel with training statistics. Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops
from keras.constraints import max_norm

from benchmarks.practice.batch100_data import mi_band_power, motor_imagery, p300_oddball
from benchmarks.practice.kit import Kit

UNITS = {"uV": 1.0, "mV": 1e-3, "V": 1e-6}  # MNE's get_data() gives volts


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "sgd_plain":
        return keras.optimizers.SGD(lr)
    return keras.optimizers.Adam(lr)


def _split(y: np.ndarray, subject: np.ndarray, split: str, seed: int = 10050
           ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Training / validation indices: "random" (pooled trials, a stratified 80 / 20 split:
    within-subject decoding) or "cross_subject" (the last subject held out)."""
    if split == "cross_subject":
        last = subject.max()
        return np.flatnonzero(subject != last), np.flatnonzero(subject == last)
    from sklearn.model_selection import train_test_split

    return train_test_split(np.arange(len(y)), test_size=0.2, stratify=y, random_state=seed)


def _standardise(x: np.ndarray, xval: np.ndarray, how: str) -> tuple[np.ndarray, np.ndarray]:
    """"channel": per-channel mean / std over the training trials and samples; "trial": each
    trial's channels z-scored on their own; "none"."""
    if how == "channel":
        mean = x.mean(axis=(0, 2), keepdims=True)
        std = x.std(axis=(0, 2), keepdims=True)
        return (x - mean) / std, (xval - mean) / std
    if how == "trial":
        def z(a: np.ndarray) -> np.ndarray:
            return (a - a.mean(-1, keepdims=True)) / (a.std(-1, keepdims=True) + 1e-8)

        return z(x), z(xval)
    return x, xval


def _mi_arrays(units: str, standardise: str, tmin: int, split: str, layout: str,
               subject_order: str) -> tuple[np.ndarray, ...]:  # fmt: skip
    """The motor-imagery epochs as a practitioner prepares them: 1 s (128 samples) from `tmin`
    (the cue is at 64), converted to `units`, split, standardised, (n, C, T, 1)."""
    x, y, subject = motor_imagery()
    x = x[..., tmin:tmin + 128] * UNITS[units]
    if subject_order == "sorted_as_text":
        # the label files globbed in another order than the data files: each subject's labels
        # concatenated in a different subject order than its trials
        order = [5, 4, 3, 2, 1, 0]
        y = np.concatenate([y[subject == s] for s in order])
    train, val = _split(y, subject, split)
    xtr, xval = _standardise(x[train], x[val], standardise)
    if layout == "reshape":
        # the loader gives (n, T, C); reshaped, not transposed, to (n, C, T)
        xtr = np.ascontiguousarray(xtr.transpose(0, 2, 1)).reshape(xtr.shape)
        xval = np.ascontiguousarray(xval.transpose(0, 2, 1)).reshape(xval.shape)
    return (xtr[..., None].astype("float32"), y[train], xval[..., None].astype("float32"),
            y[val])  # fmt: skip


def _eegnet_features(inputs: Any, n_channels: int, *, f1: int, d: int, f2: int,
                     kernel_length: int, dropout: float, activation: str, pool: str,
                     constraint: bool, freeze_temporal: bool = False,
                     batchnorm: bool = True, pools: tuple[int, int] = (4, 8)) -> Any:  # fmt: skip
    """EEGNet's feature extractor (Lawhern et al. 2018) on (C, T, 1) inputs."""
    pooling = layers.AveragePooling2D if pool == "average" else layers.MaxPooling2D
    temporal = layers.Conv2D(f1, (1, kernel_length), padding="same", use_bias=False,
                             trainable=not freeze_temporal)  # fmt: skip
    h = temporal(inputs)
    if batchnorm:
        h = layers.BatchNormalization()(h)
    spatial_norm = max_norm(1.0) if constraint else None
    h = layers.DepthwiseConv2D((n_channels, 1), use_bias=False, depth_multiplier=d,
                               depthwise_constraint=spatial_norm)(h)  # fmt: skip
    if batchnorm:
        h = layers.BatchNormalization()(h)
    h = layers.Activation(activation)(h)
    h = pooling((1, pools[0]))(h)
    h = layers.Dropout(dropout)(h)
    h = layers.SeparableConv2D(f2, (1, 16), padding="same", use_bias=False)(h)
    if batchnorm:
        h = layers.BatchNormalization()(h)
    h = layers.Activation(activation)(h)
    h = pooling((1, pools[1]))(h)
    h = layers.Dropout(dropout)(h)
    return layers.Flatten()(h)


def eegnet_mi(kit: Kit, *, units: str = "uV", standardise: str = "channel", tmin: int = 64,
              split: str = "random", layout: str = "channels_time",
              subject_order: str = "same", f1: int = 8, d: int = 2, f2: int = 16,
              kernel_length: int = 32, dropout: float = 0.25, activation: str = "elu",
              pool: str = "average", constraint: bool = True, batchnorm: bool = True,
              freeze_temporal: bool = False, output: str = "softmax",
              loss: str = "categorical_crossentropy", optimizer: str = "adam",
              lr: float = 1e-3, epochs: int = 30, batch_size: int = 16) -> Any:  # fmt: skip
    """EEGNet-8,2 on 3-class motor imagery (16 channels x 128 samples at 128 Hz, 1 s from the
    cue; 576 train / 144 validate, pooled subjects): Conv2D(8, (1, 32)) -> BN ->
    DepthwiseConv2D((16, 1), D=2, max_norm(1)) -> BN -> ELU -> AvgPool(1, 4) -> Dropout 0.25
    -> SeparableConv2D(16, (1, 16)) -> BN -> ELU -> AvgPool(1, 8) -> Dropout -> Flatten ->
    Dense(3, max_norm(0.25)) softmax; one-hot labels, categorical CE, Adam(1e-3), batch 16,
    30 epochs. Options: `units` ("uV"; "mV", "V": the signal as MNE or the EEGNet examples
    give it), `standardise` ("channel", "trial", "none"), `tmin` (the window's first sample;
    the cue is at 64), `split` ("random" or "cross_subject"), `layout` ("reshape": (n, T, C)
    reshaped instead of transposed), `subject_order` ("sorted_as_text": the labels
    concatenated in another subject order than the trials), the EEGNet sizes, dropout,
    activation, pooling, constraints, BatchNorm, a frozen temporal conv, the output
    activation, loss, optimizer, rate, epochs and batch size."""
    x, y, xval, yval = _mi_arrays(units, standardise, tmin, split, layout, subject_order)
    keras.utils.set_random_seed(kit.seed)
    if loss == "sparse_categorical_crossentropy":
        t, tval = y, yval
    else:
        t, tval = keras.utils.to_categorical(y, 3), keras.utils.to_categorical(yval, 3)
    inputs = keras.Input(x.shape[1:])
    h = _eegnet_features(inputs, x.shape[1], f1=f1, d=d, f2=f2, kernel_length=kernel_length,
                         dropout=dropout, activation=activation, pool=pool,
                         constraint=constraint, freeze_temporal=freeze_temporal,
                         batchnorm=batchnorm)  # fmt: skip
    outputs = layers.Dense(3, activation=output,
                           kernel_constraint=max_norm(0.25) if constraint else None)(h)  # fmt: skip
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=["accuracy"])
    return kit.fit(model, x, t, probe_data=(x, t), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, tval))  # fmt: skip


class BalancedAccuracy(keras.metrics.Metric):
    """The mean of the target and non-target recalls at a 0.5 threshold (what P300 papers
    report with one target in five: the plain accuracy of "never a target" is 0.8)."""

    def __init__(self, name: str = "balanced_acc", **kwargs: Any) -> None:
        super().__init__(name=name, **kwargs)
        self.counts = self.add_variable(shape=(4,), initializer="zeros", name="counts")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        truth = ops.cast(ops.reshape(y_true, (-1,)) > 0.5, "float32")
        guess = ops.cast(ops.reshape(y_pred[..., :1], (-1,)) > 0.5, "float32")
        self.counts.assign_add(ops.stack([ops.sum(truth * guess), ops.sum(truth),
                                          ops.sum((1 - truth) * (1 - guess)),
                                          ops.sum(1 - truth)]))  # fmt: skip

    def result(self) -> Any:
        c = self.counts
        return 0.5 * (c[0] / ops.maximum(c[1], 1.0) + c[2] / ops.maximum(c[3], 1.0))

    def reset_state(self) -> None:
        self.counts.assign(ops.zeros((4,)))


@keras.saving.register_keras_serializable(package="practice100")
class SafeLog(layers.Layer):
    """log(max(x, eps)), ShallowConvNet's nonlinearity after the mean-square pooling."""

    def __init__(self, eps: float = 1e-6, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.eps = eps

    def call(self, x: Any) -> Any:
        return ops.log(ops.maximum(x, self.eps)) if self.eps else ops.log(x)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "eps": self.eps}


def shallow_convnet(kit: Kit, *, units: str = "uV", standardise: str = "channel",
                    split: str = "random", square: bool = True, eps: float = 1e-6,
                    batchnorm: bool = True, filters: int = 40, pool: int = 35,
                    stride: int = 7, dropout: float = 0.5, output: str = "softmax",
                    optimizer: str = "adam", lr: float = 1e-3, epochs: int = 20,
                    batch_size: int = 32) -> Any:  # fmt: skip
    """ShallowConvNet (Schirrmeister et al. 2017, the band-power decoder) on the motor-imagery
    trials (the same 1 s windows and split as `eegnet_mi`): Conv2D(40, (1, 13)) -> Conv2D(40,
    (16, 1), no bias) -> BN -> square -> AvgPool((1, 35), strides (1, 7)) -> log(max(x, 1e-6))
    -> Dropout 0.5 -> Flatten -> Dense 3 softmax; integer labels, sparse CE, Adam(1e-3), batch
    32, 20 epochs. Options: `units`, `standardise`, `split` (as `eegnet_mi`), `square`
    (False: the square left out, the log applied to the pooled filter outputs), `eps` (0:
    a plain log), `batchnorm`, the sizes, dropout, the output activation, optimizer, rate,
    epochs and batch size."""
    x, y, xval, yval = _mi_arrays(units, standardise, 64, split, "channels_time", "same")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(x.shape[1:])
    h = layers.Conv2D(filters, (1, 13))(inputs)
    h = layers.Conv2D(filters, (x.shape[1], 1), use_bias=not batchnorm)(h)
    if batchnorm:
        h = layers.BatchNormalization()(h)
    if square:
        h = layers.Activation(ops.square)(h)
    h = layers.AveragePooling2D((1, pool), strides=(1, stride))(h)
    h = SafeLog(eps)(h)
    h = layers.Dropout(dropout)(h)
    h = layers.Flatten()(h)
    outputs = layers.Dense(3, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def p300_eegnet(kit: Kit, *, baseline: str = "mean", units: str = "uV",
                standardise: str = "channel", weights: str = "balanced",
                output: str = "sigmoid", n_out: int = 1, kernel_length: int = 32,
                dropout: float = 0.25, activation: str = "elu", optimizer: str = "adam",
                lr: float = 1e-3, epochs: int = 20, batch_size: int = 64) -> Any:  # fmt: skip
    """Target / non-target detection in a P300 oddball (8 channels x 96 samples, 0-0.75 s
    after the stimulus; one target in five; 1440 train / 360 validate, pooled subjects) by a
    compact EEGNet (F1 8, D 2, F2 16, kernel 32, pools 4 / 4) -> Dense 1 sigmoid; each epoch's
    per-channel mean removed first (the electrode offsets), then per-channel standardisation;
    binary CE with class_weight {0: 1, 1: 4}, balanced accuracy and AUC, Adam(1e-3), batch 64,
    20 epochs.
    Options: `baseline` ("mean"; "none": no offset removal), `units`, `standardise`,
    `weights` ("balanced"; "none"; "inverted": {0: 4, 1: 1}), `output` / `n_out`
    (the head), the kernel length, dropout, activation, optimizer, rate, epochs and batch
    size."""
    x, y, subject = p300_oddball()
    if baseline == "mean":
        x = x - x.mean(-1, keepdims=True)
    x = x * UNITS[units]
    train, val = _split(y, subject, "random")
    xtr, xval = _standardise(x[train], x[val], standardise)
    xtr, xval = xtr[..., None], xval[..., None]
    t, tval = y[train].astype("float32"), y[val].astype("float32")
    class_weight = {"balanced": {0: 1.0, 1: 4.0}, "inverted": {0: 4.0, 1: 1.0}}.get(weights)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(xtr.shape[1:])
    h = _eegnet_features(inputs, xtr.shape[1], f1=8, d=2, f2=16, kernel_length=kernel_length,
                         dropout=dropout, activation=activation, pool="average",
                         constraint=True, pools=(4, 4))  # fmt: skip
    outputs = layers.Dense(n_out, activation=output, kernel_constraint=max_norm(0.25))(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "binary_crossentropy",
                  metrics=[BalancedAccuracy(), keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, xtr, t, probe_data=(xtr, t), class_weight=class_weight,
                   epochs=epochs, batch_size=batch_size, validation_data=(xval, tval))  # fmt: skip


def bandpower_mlp(kit: Kit, *, log: bool = True, scaler: str = "standard", start: int = 64,
                  split: str = "random", hidden: int = 64, activation: str = "relu",
                  dropout: float = 0.3, output: str = "softmax",
                  loss: str = "sparse_categorical_crossentropy", optimizer: str = "adam",
                  lr: float = 1e-3, epochs: int = 40, batch_size: int = 32) -> Any:  # fmt: skip
    """The band-power baseline: theta / mu / beta / gamma power per channel (Welch on the 1 s
    window after the cue; 64 features), log10, StandardScaler fitted on the training trials
    -> Dense 64 ReLU -> Dropout 0.3 -> Dense 3 softmax; sparse CE, Adam(1e-3), batch 32, 40
    epochs. Options: `log` (False: the power in microvolts squared), `scaler` ("standard";
    "none"; "per_trial": each trial's 64 features z-scored across themselves, the axis
    mistaken), `start` (the window's first sample), `split`, the hidden layer, dropout, the
    output activation, loss, optimizer, rate, epochs and batch size."""
    power, y, subject = mi_band_power(start)
    features = np.log10(power) if log else power
    train, val = _split(y, subject, split)
    x, xval = features[train], features[val]
    if scaler == "standard":
        from sklearn.preprocessing import StandardScaler

        fitted = StandardScaler().fit(x)
        x, xval = fitted.transform(x), fitted.transform(xval)
    elif scaler == "per_trial":
        def z(a: np.ndarray) -> np.ndarray:
            return (a - a.mean(1, keepdims=True)) / a.std(1, keepdims=True)

        x, xval = z(x), z(xval)
    x, xval = x.astype("float32"), xval.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = layers.Dense(hidden, activation=activation)(inputs)
    h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(3, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=["accuracy"])
    return kit.fit(model, x, y[train], probe_data=(x, y[train]), epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, y[val]))  # fmt: skip
