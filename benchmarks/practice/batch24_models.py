"""Batch-24 signal and sensor scripts (keyword options are the faults, the defaults the healthy
choice): activity recognition from channels-first accelerometer windows (Conv1D + GAP, an
LSTM, a two-input accelerometer + gyroscope model), ECG-like beats (a Conv1D abnormal-beat
detector with class weights, a bidirectional GRU over three beat classes), machine vibration
(a NumPy spectrogram into a 2D CNN, an FFT spectrum into an MLP), a reconstruction
autoencoder on plant sensors, and a dilated causal Conv1D over sliding windows cut from a
continuous stream. Each calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers
from sklearn.preprocessing import StandardScaler
from sklearn.utils.class_weight import compute_class_weight

from benchmarks.practice.batch24_data import (
    activity_stream,
    ecg_beats,
    har_windows,
    plant_sensor_windows,
    vibration_records,
)
from benchmarks.practice.kit import Kit


def _time_last_to_channels_last(x: np.ndarray, reshape: bool = False) -> np.ndarray:
    """(n, channels, time) -> (n, time, channels): the transpose, or (fault) a reshape."""
    if reshape:
        return x.reshape(len(x), x.shape[2], x.shape[1])
    return np.transpose(x, (0, 2, 1))


def _standardise(x: np.ndarray, xv: np.ndarray, per_window: bool = False
                 ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Per-channel z-scores with the training windows' statistics (over windows and time);
    or (fault) each window z-normalised over its own time axis."""
    if per_window:
        def own(a: np.ndarray) -> np.ndarray:
            return (a - a.mean(axis=1, keepdims=True)) / (a.std(axis=1, keepdims=True) + 1e-8)
        return own(x), own(xv)
    mean, std = x.mean(axis=(0, 1), keepdims=True), x.std(axis=(0, 1), keepdims=True)
    return (x - mean) / std, (xv - mean) / std


def har_conv1d_gap(kit: Kit, *, reshape_channels: bool = False, per_window: bool = False,
                   epochs: int = 12) -> Any:  # fmt: skip
    """Activity windows (n, 3, 96) in milli-g -> `np.transpose(x, (0, 2, 1))` -> per-channel
    standardisation with the training statistics; Conv1D 32 (k5) -> MaxPool -> Conv1D 64 (k5)
    -> GlobalAveragePooling1D -> softmax 5; sparse CE; Adam(1e-3), batch 32, 12 epochs.
    Fault: `per_window`, each window standardised over its own time axis ("normalise every
    sample"), which removes the gravity component that tells sitting, standing and lying
    apart. Mistake harmless in plain runs: `reshape_channels`, `x.reshape(n, 96, 3)` instead
    of the transpose (each "time step" holds three consecutive samples of one axis: the x
    axis in the first third of the window, then y, then z)."""
    x, xv, _, _, y, yv = har_windows()
    x = _time_last_to_channels_last(x, reshape_channels)
    xv = _time_last_to_channels_last(xv, reshape_channels)
    x, xv = _standardise(x, xv, per_window)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((96, 3)),
        layers.Conv1D(32, 5, activation="relu"), layers.MaxPooling1D(2),
        layers.Conv1D(64, 5, activation="relu"), layers.GlobalAveragePooling1D(),
        layers.Dense(5, activation="softmax"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def har_lstm(kit: Kit, *, raw_units: bool = False, epochs: int = 12) -> Any:
    """Activity windows transposed to (n, 96, 3), per-channel standardised; LSTM(32) ->
    Dense(5, softmax); sparse CE; Adam(2e-3), batch 32, 12 epochs. Mistake (harmless in
    plain runs): `raw_units`, the milli-g values fed unscaled (gravity ~1000) into the LSTM's
    tanh gates."""
    x, xv, _, _, y, yv = har_windows()
    x, xv = _time_last_to_channels_last(x), _time_last_to_channels_last(xv)
    if not raw_units:
        x, xv = _standardise(x, xv)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((96, 3)),
                              layers.LSTM(32),
                              layers.Dense(5, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def ecg_abnormal_detector(kit: Kit, *, softmax_head: bool = False, epochs: int = 15) -> Any:
    """ECG-like beats (mV, 96 samples): abnormal (ventricular or atrial premature, ~18 %) vs
    normal; standardised with the training mean and std; Conv1D 16 (k7) -> MaxPool -> Conv1D
    32 (k5) -> GAP -> Dense 16 -> Dense(1, sigmoid); BCE with `compute_class_weight
    ("balanced")` as class_weight; Adam(1e-3), batch 32, 15 epochs. Fault: `softmax_head`,
    `Dense(1, activation="softmax")` (a softmax over one unit is 1.0 for every beat)."""
    x, xv, y, yv = ecg_beats()
    y, yv = (y > 0).astype("int64"), (yv > 0).astype("int64")
    mean, std = x.mean(), x.std()
    x, xv = ((x - mean) / std)[..., None], ((xv - mean) / std)[..., None]
    weights = compute_class_weight("balanced", classes=np.array([0, 1]), y=y)
    class_weight = {0: float(weights[0]), 1: float(weights[1])}
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((96, 1)),
        layers.Conv1D(16, 7, activation="relu"), layers.MaxPooling1D(2),
        layers.Conv1D(32, 5, activation="relu"), layers.GlobalAveragePooling1D(),
        layers.Dense(16, activation="relu"),
        layers.Dense(1, activation="softmax" if softmax_head else "sigmoid"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=class_weight, epochs=epochs,
                   batch_size=32, validation_data=(xv, yv))  # fmt: skip


def ecg_bigru(kit: Kit, *, sgd_lr_1: bool = False, epochs: int = 12) -> Any:
    """ECG-like beats, three classes (normal / ventricular / atrial premature), standardised
    with the training mean and std, (n, 96, 1); Bidirectional(GRU(24)) -> Dense 16 -> softmax
    3; sparse CE; Adam(2e-3), batch 32, 12 epochs. Fault: `sgd_lr_1`, `SGD(learning_rate=1.0)`
    taken from a PTB language-model recipe without its gradient clipping."""
    x, xv, y, yv = ecg_beats()
    mean, std = x.mean(), x.std()
    x, xv = ((x - mean) / std)[..., None], ((xv - mean) / std)[..., None]
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((96, 1)), layers.Bidirectional(layers.GRU(24)),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    optimizer = keras.optimizers.SGD(1.0) if sgd_lr_1 else keras.optimizers.Adam(2e-3)
    model.compile(optimizer, "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def _spectrogram(x: np.ndarray, frame: int = 128, hop: int = 64, log: bool = True
                 ) -> np.ndarray:  # fmt: skip
    """NumPy STFT of each record: Hann frames -> |rfft|^2, (n, freq, frames); log power
    (`np.log(p + 1e-10)`) or (fault) the power itself."""
    starts = range(0, x.shape[1] - frame + 1, hop)
    frames = np.stack([x[:, s:s + frame] for s in starts], axis=1) * np.hanning(frame)
    power = np.abs(np.fft.rfft(frames, axis=-1)) ** 2
    power = np.transpose(power, (0, 2, 1))
    return np.log(power + 1e-10) if log else power


def vibration_spectrogram_cnn(kit: Kit, *, log_power: bool = True, epochs: int = 12) -> Any:
    """Vibration records (m/s^2, 1024 samples) -> NumPy spectrogram (128-sample Hann frames,
    hop 64: 65 frequencies x 15 frames) -> log power -> standardised with the training mean
    and std -> (n, 65, 15, 1); Conv2D 16 -> MaxPool -> Conv2D 32 -> MaxPool -> Flatten ->
    Dense 32 -> softmax 4; sparse CE; Adam(1e-3), batch 32, 12 epochs. Mistake (harmless on
    one seed of two in plain runs): `log_power=
    False`, the power spectrogram without the log (the decibel step forgotten): a few bins
    hold nearly all the variance."""
    x, xv, y, yv = vibration_records()
    s, sv = _spectrogram(x, log=log_power), _spectrogram(xv, log=log_power)
    mean, std = s.mean(), s.std()
    s, sv = ((s - mean) / std)[..., None], ((sv - mean) / std)[..., None]
    s, sv = s.astype("float32"), sv.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input(s.shape[1:]),
        layers.Conv2D(16, 3, activation="relu", padding="same"), layers.MaxPooling2D(2),
        layers.Conv2D(32, 3, activation="relu", padding="same"), layers.MaxPooling2D(2),
        layers.Flatten(), layers.Dense(32, activation="relu"),
        layers.Dense(4, activation="softmax"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, s, y, probe_data=(s, y), epochs=epochs, batch_size=32,
                   validation_data=(sv, yv))  # fmt: skip


def vibration_fft_mlp(kit: Kit, *, sigmoid_stack: bool = False, epochs: int = 20) -> Any:
    """Vibration records -> Hann window -> power spectrum -> 64 band energies (16 Hz each) ->
    log1p -> StandardScaler; Dense 64 -> Dense 32 (ReLU) -> softmax 4; sparse CE; SGD(0.01, momentum
    0.9), batch 32, 20 epochs. Fault: `sigmoid_stack`, eight Dense(64, sigmoid) layers (an
    old "deeper is better" MLP) under the same SGD."""
    x, xv, y, yv = vibration_records()
    window = np.hanning(x.shape[1])

    def band_energies(a: np.ndarray) -> np.ndarray:
        power = np.abs(np.fft.rfft(a * window, axis=1))[:, :512] ** 2
        return np.log1p(power.reshape(len(a), 64, 8).mean(axis=2))

    f, fv = band_energies(x), band_energies(xv)
    scaler = StandardScaler().fit(f)
    f, fv = scaler.transform(f).astype("float32"), scaler.transform(fv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    if sigmoid_stack:
        hidden = [layers.Dense(64, activation="sigmoid") for _ in range(8)]
    else:
        hidden = [layers.Dense(64, activation="relu"), layers.Dense(32, activation="relu")]
    model = keras.Sequential([keras.Input((f.shape[1],)), *hidden,
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, f, y, probe_data=(f, y), epochs=epochs, batch_size=32,
                   validation_data=(fv, yv))  # fmt: skip


def plant_autoencoder(kit: Kit, *, output_activation: str | None = None,
                      epochs: int = 20) -> Any:  # fmt: skip
    """Normal-operation windows from four plant sensors (n, 64, 4), per-channel standardised
    with the training statistics; a Conv1D autoencoder (Conv 16 -> MaxPool -> Conv 8 ->
    MaxPool -> UpSampling -> Conv 16 -> UpSampling -> Conv1D(4), linear output), MSE, Adam(
    1e-3), batch 32, 20 epochs; x -> x (anomalies are windows it reconstructs badly). Fault:
    `output_activation="relu"` on the reconstruction layer of standardised (half negative)
    signals."""
    x, xv = plant_sensor_windows()
    x, xv = _standardise(x, xv)
    x, xv = x.astype("float32"), xv.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((64, 4)),
        layers.Conv1D(16, 5, activation="relu", padding="same"), layers.MaxPooling1D(2),
        layers.Conv1D(8, 5, activation="relu", padding="same"), layers.MaxPooling1D(2),
        layers.UpSampling1D(2), layers.Conv1D(16, 5, activation="relu", padding="same"),
        layers.UpSampling1D(2),
        layers.Conv1D(4, 5, activation=output_activation, padding="same"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return kit.fit(model, x, x, probe_data=(x, x), epochs=epochs, batch_size=32,
                   validation_data=(xv, xv))  # fmt: skip


def acc_gyro_two_inputs(kit: Kit, *, swap_validation: bool = False, dropout: float = 0.2,
                        epochs: int = 12) -> Any:  # fmt: skip
    """Activity windows from two sensors: accelerometer (milli-g) and gyroscope (deg/s), each
    transposed to (n, 96, 3) and standardised per channel; two named inputs, each a Conv1D 32
    -> MaxPool -> Conv1D 32 -> GAP -> Dropout(0.2) branch, concatenated -> Dense 32 ->
    Dropout(0.2) -> softmax 5; sparse CE; Adam(1e-3), batch 32, 12 epochs. Faults:
    `swap_validation`, `validation_data=([gyro_val, acc_val], y_val)` while training takes
    `[acc, gyro]` (a list goes by position); `dropout=0.9`, a TF1 script's keep_prob=0.9
    ported as the Dropout rate at all three places."""
    a, av, g, gv, y, yv = har_windows()
    a, av = _standardise(_time_last_to_channels_last(a), _time_last_to_channels_last(av))
    g, gv = _standardise(_time_last_to_channels_last(g), _time_last_to_channels_last(gv))
    keras.utils.set_random_seed(kit.seed)

    def branch(inp: Any) -> Any:
        h = layers.Conv1D(32, 5, activation="relu")(inp)
        h = layers.Conv1D(32, 5, activation="relu")(layers.MaxPooling1D(2)(h))
        return layers.Dropout(dropout)(layers.GlobalAveragePooling1D()(h))

    acc_in, gyro_in = keras.Input((96, 3), name="acc"), keras.Input((96, 3), name="gyro")
    h = layers.Dense(32, activation="relu")(layers.Concatenate()([branch(acc_in),
                                                                  branch(gyro_in)]))
    h = layers.Dropout(dropout)(h)
    model = keras.Model([acc_in, gyro_in], layers.Dense(5, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    validation = [gv, av] if swap_validation else [av, gv]
    return kit.fit(model, [a, g], y, probe_data=([a, g], y), epochs=epochs, batch_size=32,
                   validation_data=(validation, yv))  # fmt: skip


def stream_dilated_tcn(kit: Kit, *, label_next_window: bool = False,
                       shuffle_apart: bool = False, epochs: int = 12) -> Any:  # fmt: skip
    """A continuous accelerometer stream (milli-g, 32 Hz) split in time (first 80 % to train,
    last 20 % to validate), standardised per channel with the training part's statistics, cut
    into sliding windows (64 samples, step 32), each labelled with the activity at its centre;
    training windows shuffled with one permutation; four causal Conv1D 32 (k3, dilations 1, 2,
    4, 8) -> GAP -> softmax 5; sparse CE; Adam(1e-3), batch 32, 12 epochs. Faults:
    `label_next_window`, windows and window labels zipped off by one (`x[:-1]` with `y[1:]`):
    each window carries the next window's label; `shuffle_apart`, `rng.shuffle(x)` and
    `rng.shuffle(y)` as two calls, so windows and labels are shuffled apart."""
    stream, labels = activity_stream()
    cut = int(len(stream) * 0.8)
    mean, std = stream[:cut].mean(axis=0), stream[:cut].std(axis=0)
    stream = (stream - mean) / std
    window, step = 64, 32

    def windows(part: np.ndarray, part_labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        starts = np.arange(0, len(part) - window + 1, step)
        xs = np.stack([part[s:s + window] for s in starts]).astype("float32")
        ys = part_labels[starts + window // 2]
        if label_next_window:
            xs, ys = xs[:-1], ys[1:]
        return xs, ys

    x, y = windows(stream[:cut], labels[:cut])
    xv, yv = windows(stream[cut:], labels[cut:])
    rng = np.random.default_rng(kit.seed)
    if shuffle_apart:
        x, y = x.copy(), y.copy()
        rng.shuffle(x)
        rng.shuffle(y)
    else:
        order = rng.permutation(len(x))
        x, y = x[order], y[order]
    keras.utils.set_random_seed(kit.seed)
    stack: list[Any] = [keras.Input((window, 3))]
    stack += [layers.Conv1D(32, 3, dilation_rate=d, padding="causal", activation="relu")
              for d in (1, 2, 4, 8)]  # fmt: skip
    stack += [layers.GlobalAveragePooling1D(), layers.Dense(5, activation="softmax")]
    model = keras.Sequential(stack)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip
