"""Batch-87 audio enhancement and source separation scripts (keyword options are the faults,
the defaults the healthy choice): a BiLSTM over STFT frames that estimates a sigmoid ratio
mask multiplied into the noisy magnitude, a Conv2D U-Net over the mixture's log spectrogram
with a softmax mask over two sources (harmonic / percussive), and a TasNet-like Conv1D
encoder / mask / decoder on raw waveforms. Losses on magnitudes or samples (MSE / MAE), SNR
(dB) as a metric beside a mean absolute error the labels read. Each script calls `kit.fit`
once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch87_data import enhancement_set, enhancement_spectra, separation_set
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def _metrics(prefix: str) -> list[Any]:
    """SNR (dB) of the estimate against the reference, per example, and the mean absolute
    error (named `<prefix>_mae`, the figure the labels read)."""
    def snr(y_true: Any, y_pred: Any) -> Any:
        axes = tuple(range(1, len(y_true.shape)))
        signal = ops.sum(ops.square(y_true), axis=axes)
        error = ops.sum(ops.square(y_true - y_pred), axis=axes)
        return 10.0 * ops.log((signal + 1e-8) / (error + 1e-8)) / np.log(10.0)

    def mae(y_true: Any, y_pred: Any) -> Any:
        return ops.mean(ops.abs(y_true - y_pred))

    mae.__name__ = f"{prefix}_mae"
    return [mae, snr]


def _features(mag: np.ndarray, kind: str) -> np.ndarray:
    """The network input computed from a magnitude spectrogram."""
    if kind == "raw":
        return mag
    if kind == "db":
        return (20.0 * np.log10(mag + 1e-8)).astype("float32")
    if kind == "log_norm":
        logmag = np.log(mag + 1e-6)
        mean = logmag.mean(axis=(1, 2), keepdims=True)
        std = logmag.std(axis=(1, 2), keepdims=True)
        return ((logmag - mean) / (std + 1e-6)).astype("float32")
    return np.log1p(mag).astype("float32")


def log_spectral_mse(y_true: Any, y_pred: Any) -> Any:
    """MSE between log(1 + magnitude)s."""
    return ops.mean(ops.square(ops.log1p(ops.relu(y_pred)) - ops.log1p(y_true)), axis=-1)


def enhance_bilstm(kit: Kit, *, features: str = "log1p", val_features: str = "",
                   rnn: str = "bilstm", units: int = 64, mask: str = "sigmoid",
                   apply_mask: bool = True, loss: str = "mse", target_offset: int = 0,
                   shuffle_pairs: bool = False, dropout: float = 0.0,
                   optimizer: str = "adam", lr: float = 1e-3, epochs: int = 8,
                   batch_size: int = 32) -> Any:  # fmt: skip
    """Speech-style enhancement of generated voiced clips under coloured noise (-5..5 dB SNR;
    1000 train, 250 validate): log1p(|STFT|) frames (32 x 128) -> Bidirectional(LSTM 64,
    return_sequences) -> Dense 128 sigmoid (a ratio mask per frame) -> Multiply with the
    noisy magnitude; MSE against the clean magnitude, SNR and mag_mae, Adam(1e-3), batch 32,
    8 epochs. Options: `features` ("log1p"; "raw" magnitude; "db": 20 log10 unnormalised;
    "log_norm": per-utterance standardised log), `val_features` (the validation inputs
    computed another way), `rnn` ("bilstm", "lstm", "gru"), `units`, `mask` (the mask
    layer's activation), `apply_mask` (False: the mask itself is the output, compared with
    the clean magnitude), `loss` ("mse", "mae", "log_spectral"), `target_offset` (the clean
    training spectrograms rolled by this many frames against their mixtures), `shuffle_pairs`
    (clean targets shuffled apart from their mixtures), dropout, optimizer, rate, epochs,
    batch."""
    mixmag, cleanmag, mixmagval, cleanmagval = enhancement_spectra()
    x = _features(mixmag, features)
    xval = _features(mixmagval, val_features or features)
    y = cleanmag
    if target_offset:
        y = np.roll(y, target_offset, axis=1)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_pairs:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    feats = keras.Input((32, 128), name="features")
    noisy = keras.Input((32, 128), name="noisy_mag")
    if rnn == "gru":
        h = layers.Bidirectional(layers.GRU(units, return_sequences=True))(feats)
    elif rnn == "lstm":
        h = layers.LSTM(2 * units, return_sequences=True)(feats)
    else:
        h = layers.Bidirectional(layers.LSTM(units, return_sequences=True))(feats)
    if dropout:
        h = layers.Dropout(dropout)(h)
    m = layers.Dense(128, activation=mask, name="mask")(h)
    out = layers.Multiply(name="enhanced")([m, noisy]) if apply_mask else m
    model = keras.Model([feats, noisy], out)
    loss_fn = log_spectral_mse if loss == "log_spectral" else loss
    model.compile(_optimizer(optimizer, lr), loss_fn, metrics=_metrics("mag"))
    return kit.fit(model, [x, mixmag], y, probe_data=([x, mixmag], y), epochs=epochs,
                   batch_size=batch_size,
                   validation_data=([xval, mixmagval], cleanmagval))  # fmt: skip


def _block(h: Any, filters: int, batchnorm: bool, made: list[Any] | None = None) -> Any:
    for _ in range(2):
        conv = layers.Conv2D(filters, 3, padding="same", use_bias=not batchnorm)
        if made is not None:
            made.append(conv)
        h = conv(h)
        if batchnorm:
            h = layers.BatchNormalization()(h)
        h = layers.Activation("relu")(h)
    return h


def separate_unet(kit: Kit, *, features: str = "log_norm", output: str = "softmax_mask",
                  softmax_axis: int = -1, skips: bool = True, batchnorm: bool = False,
                  loss: str = "mae", val_swap_sources: bool = False,
                  freeze_encoder: bool = False, optimizer: str = "adam", lr: float = 1e-3,
                  epochs: int = 6, batch_size: int = 32) -> Any:  # fmt: skip
    """Harmonic / percussive separation of generated mixtures (sustained notes + decaying
    clicks at -5..5 dB; the first 600 of the 1000 training clips, 250 validate): the
    mixture's per-utterance standardised log magnitude (32 frames x 128 bins x 1) -> a U-Net
    (8 / 16 / 32 filters, [Conv 3x3
    ReLU] x 2, MaxPool, Conv2DTranspose up, concatenated skips) -> Conv 1x1 2 with a softmax
    over the two sources (masks summing to one) -> multiplied into the mixture magnitude;
    MAE (L1) on the two source magnitudes, SNR and src_mae, Adam(1e-3), batch 32, 6 epochs.
    Options: `features` ("log_norm", "log1p", "raw", "db"), `output` ("softmax_mask";
    "sigmoid_mask": independent sigmoid masks; "relu_direct" / "sigmoid_direct" /
    "linear_direct": the magnitudes regressed directly, no mask), `softmax_axis` (the axis
    of the softmax), `skips`, `batchnorm`, the loss, `val_swap_sources` (the validation
    targets stacked percussive first), `freeze_encoder` (the encoder convs left
    trainable=False), optimizer, rate, epochs, batch."""
    mixmag, sources, mixmagval, sourcesval = separation_set()
    mixmag, sources = mixmag[:600], sources[:600]
    x, xval = _features(mixmag, features)[..., None], _features(mixmagval, features)[..., None]
    if val_swap_sources:
        sourcesval = sourcesval[..., ::-1]
    keras.utils.set_random_seed(kit.seed)
    feats = keras.Input((32, 128, 1), name="features")
    mix = keras.Input((32, 128), name="mix_mag")
    encoder: list[Any] = []
    e1 = _block(feats, 8, batchnorm, encoder)
    e2 = _block(layers.MaxPooling2D(2)(e1), 16, batchnorm, encoder)
    b = _block(layers.MaxPooling2D(2)(e2), 32, batchnorm)
    h = b
    for skip, filters in ((e2, 16), (e1, 8)):
        h = layers.Conv2DTranspose(filters, 2, strides=2, padding="same")(h)
        if skips:
            h = layers.Concatenate()([h, skip])
        h = _block(h, filters, batchnorm)
    if output.endswith("_direct"):
        out = layers.Conv2D(2, 1, activation=output.split("_")[0], name="sources")(h)
    else:
        logits = layers.Conv2D(2, 1, name="mask_logits")(h)
        if output == "sigmoid_mask":
            masks = layers.Activation("sigmoid", name="masks")(logits)
        else:
            masks = layers.Softmax(axis=softmax_axis, name="masks")(logits)
        stacked = layers.Reshape((32, 128, 1))(mix)
        stacked = layers.Concatenate()([stacked, stacked])
        out = layers.Multiply(name="sources")([masks, stacked])
    model = keras.Model([feats, mix], out)
    if freeze_encoder:
        for conv in encoder:
            conv.trainable = False
    model.compile(_optimizer(optimizer, lr), loss, metrics=_metrics("src"))
    return kit.fit(model, [x, mixmag], sources, probe_data=([x, mixmag], sources),
                   epochs=epochs, batch_size=batch_size,
                   validation_data=([xval, mixmagval], sourcesval))  # fmt: skip


def tasnet_wave(kit: Kit, *, filters: int = 64, kernel: int = 16, encoder_act: str = "relu",
                mask: str = "sigmoid", blocks: int = 4, norm: bool = True,
                loss: str = "mse", input_scale: float = 1.0, target_scale: float = 1.0,
                delay: int = 0, shuffle_pairs: bool = False, val_gain: float = 1.0,
                optimizer: str = "adam", lr: float = 1e-3, epochs: int = 8,
                batch_size: int = 32) -> Any:  # fmt: skip
    """TasNet-like enhancement on raw waveforms (the same voiced clips under noise, 4224
    samples at 8 kHz, the first 600 training clips, 250 validate): Conv1D encoder (64
    filters, kernel 16, stride 8, ReLU) -> LayerNorm -> Conv1D 1x1 32 -> 4 residual dilated
    Conv1D blocks
    (kernel 3, dilation 1, 2, 4, 8, ReLU, then 1x1) -> Conv1D 1x1 64 sigmoid (the mask) ->
    Multiply with the encoder output -> Conv1DTranspose(1, 16, stride 8) decoder; MSE on the
    samples, SNR and wave_mae, Adam(1e-3), batch 32, 8 epochs. Options: `filters`,
    `kernel`, `encoder_act`, `mask` activation, `blocks`, `norm` (the LayerNorm), the loss
    ("mse", "mae", "neg_snr"), `input_scale` / `target_scale` (waveforms multiplied, e.g.
    32768 when int16 PCM is not divided), `delay` (the clean training targets delayed by
    this many samples), `shuffle_pairs`, `val_gain` (the validation mixtures and targets
    scaled by it), optimizer, rate, epochs, batch."""
    mix, clean, mixval, cleanval = enhancement_set()
    mix, clean = mix[:600], clean[:600]
    x, xval = mix[..., None] * input_scale, mixval[..., None] * input_scale * val_gain
    y, yval = clean[..., None] * target_scale, cleanval[..., None] * target_scale * val_gain
    if delay:
        y = np.roll(y, delay, axis=1)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_pairs:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    inputs = keras.Input((None, 1))
    enc = layers.Conv1D(filters, kernel, strides=kernel // 2, padding="same",
                        activation=encoder_act, name="encoder")(inputs)  # fmt: skip
    h = layers.LayerNormalization()(enc) if norm else enc
    h = layers.Conv1D(32, 1)(h)
    for i in range(blocks):
        r = layers.Conv1D(32, 3, padding="same", dilation_rate=2**i, activation="relu")(h)
        r = layers.Conv1D(32, 1)(r)
        h = layers.Add()([h, r])
    m = layers.Conv1D(filters, 1, activation=mask, name="mask")(h)
    masked = layers.Multiply()([enc, m])
    outputs = layers.Conv1DTranspose(1, kernel, strides=kernel // 2, padding="same",
                                     name="decoder")(masked)  # fmt: skip
    model = keras.Model(inputs, outputs)
    loss_fn: Any = loss
    if loss == "neg_snr":
        def neg_snr(y_true: Any, y_pred: Any) -> Any:
            signal = ops.sum(ops.square(y_true), axis=(1, 2))
            error = ops.sum(ops.square(y_true - y_pred), axis=(1, 2))
            return -10.0 * ops.log((signal + 1e-8) / (error + 1e-8)) / np.log(10.0)

        loss_fn = neg_snr
    model.compile(_optimizer(optimizer, lr), loss_fn, metrics=_metrics("wave"))
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
