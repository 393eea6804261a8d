"""Batch-48 audio scripts (keyword options are the faults, the defaults the healthy choice):
a 2-D CNN on log-mel spectrograms with a per-bin `Normalization` and SpecAugment-style
masking, a 1-D CNN over the spectrogram's frames, and a 1-D CNN on the raw waveform. All
on the generated six-class clips of `batch48_data`; each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch48_data import CLASSES, spectrograms, waveforms
from benchmarks.practice.batch48_data import int16_scale as _int16
from benchmarks.practice.kit import Kit


class SpecMask(layers.Layer):
    """SpecAugment-style masking in training: one time band of up to `time_width` frames and
    one frequency band of up to `freq_width` bins set to zero (the mean, after a
    `Normalization`), a fresh band for each clip; identity at inference."""

    def __init__(self, time_width: int, freq_width: int, seed: int = 0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.time_width, self.freq_width = time_width, freq_width
        self.generator = keras.random.SeedGenerator(seed)

    def _band(self, batch: Any, size: int, width: int) -> Any:
        w = keras.random.randint((batch, 1), 0, width + 1, seed=self.generator)
        start = keras.random.randint((batch, 1), 0, size, seed=self.generator)
        start = ops.minimum(start, size - w)
        pos = ops.arange(size)[None, :]
        return ops.cast((pos >= start) & (pos < start + w), "float32")

    def call(self, x: Any, training: bool | None = None) -> Any:
        if not training:
            return x
        batch = ops.shape(x)[0]
        keep_t = 1.0 - self._band(batch, x.shape[1], self.time_width)
        keep_f = 1.0 - self._band(batch, x.shape[2], self.freq_width)
        return x * keep_t[:, :, None, None] * keep_f[:, None, :, None]

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "time_width": self.time_width,
                "freq_width": self.freq_width}  # fmt: skip


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr)
    if name == "sgd_momentum":
        return keras.optimizers.SGD(lr, momentum=0.9)
    return keras.optimizers.Adam(lr)


def _normalization(norm: str, x: np.ndarray) -> layers.Layer | None:
    axes = {"per_bin": -2, "global": None, "per_frame": 1}
    if norm == "none":
        return None
    layer = layers.Normalization(axis=axes[norm])
    layer.adapt(x)
    return layer


def spec_cnn(kit: Kit, *, features: str = "log_mel", norm: str = "per_bin", blocks: int = 3,
             pool: int = 2, mask: int = 0, head: str = "softmax", dropout: float = 0.2,
             optimizer: str = "adam", lr: float = 1e-3, batch_size: int = 32,
             epochs: int = 8, val_labels: str = "same") -> Any:  # fmt: skip
    """Log-mel spectrograms (61 frames x 32 mel bins x 1) of the six-class clips (1800
    train, 600 validate): Normalization(axis=-2) adapted on the training set (per mel bin)
    -> [SpecMask] -> `blocks` x (Conv2D 16 / 32 / 64 3x3 ReLU same -> MaxPooling2D(2, same))
    -> GlobalAveragePooling2D -> Dropout(0.2) -> Dense 6 softmax, sparse CE, Adam(1e-3),
    batch 32, 8 epochs. Options: `features` ("log_mel"; "db": 10 log10; "linear": the mel
    magnitude of the int16-scale clip, no log; "linear_float": of the [-1, 1] clip),
    `norm` ("per_bin"; "global": one mean / sd; "per_frame": axis=1, the time axis; "none"),
    `blocks` / `pool` (the pooling size: 4 x 3 blocks leave a 1 x 1 map), `mask` (> 0:
    SpecMask of up to `mask` frames and `mask // 2` bins), `head` (the output activation),
    `dropout`, `optimizer` ("adam", "sgd", "sgd_momentum"), rate, batch size, epochs,
    `val_labels` ("same"; "alphabetical": the validation clips' class ids taken from
    `sorted(os.listdir(val_dir))` while the training ids follow the class list, so five of
    the six validation classes carry another class's id)."""
    x, xval, y, yval = spectrograms(features)
    if val_labels == "alphabetical":
        yval = np.array([sorted(CLASSES).index(CLASSES[k]) for k in yval], dtype=np.int64)
    x, xval = x[..., None], xval[..., None]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((61, 32, 1))
    h = inputs
    normalise = _normalization(norm, x)
    if normalise is not None:
        h = normalise(h)
    if mask:
        h = SpecMask(mask, mask // 2, seed=kit.seed)(h)
    for i in range(blocks):
        h = layers.Conv2D(min(16 * 2**i, 64), 3, padding="same", activation="relu")(h)
        h = layers.MaxPooling2D(pool, padding="same")(h)
    h = layers.GlobalAveragePooling2D()(h)
    if dropout:
        h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(6, activation=head)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def frame_cnn(kit: Kit, *, layout: str = "time_major", pooling: str = "max",
              norm: bool = True, lr: float = 1e-3, batch_size: int = 32,
              epochs: int = 10) -> Any:  # fmt: skip
    """The log-mel spectrogram as a sequence of 61 frames with the 32 mel bins as channels:
    Normalization(axis=-1) (per bin) -> Conv1D 64 5 ReLU -> Conv1D 64 5 ReLU ->
    GlobalMaxPooling1D (over time) -> Dense 64 ReLU -> Dense 6 softmax, sparse CE,
    Adam(1e-3), batch 32, 10 epochs. Options: `layout` ("time_major"; "freq_major": the
    arrays transposed to (32 bins, 61 frames), as `librosa.feature.melspectrogram` returns
    them, fed to the same code: it convolves and pools over frequency, the frames become
    channels), `pooling` ("max"; "avg"; "flatten"), `norm` (the Normalization layer), rate,
    batch size, epochs."""
    x, xval, y, yval = spectrograms("log_mel")
    if layout == "freq_major":
        x, xval = np.transpose(x, (0, 2, 1)), np.transpose(xval, (0, 2, 1))
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(x.shape[1:])
    h = inputs
    if norm:
        normalise = layers.Normalization(axis=-1)
        normalise.adapt(x)
        h = normalise(h)
    h = layers.Conv1D(64, 5, activation="relu")(h)
    h = layers.Conv1D(64, 5, activation="relu")(h)
    pooled = {"max": layers.GlobalMaxPooling1D, "avg": layers.GlobalAveragePooling1D,
              "flatten": layers.Flatten}[pooling]  # fmt: skip
    h = layers.Dense(64, activation="relu")(pooled()(h))
    outputs = layers.Dense(6, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def wave_cnn(kit: Kit, *, scale: str = "float", kernel: int = 16, stride: int = 4,
             batchnorm: bool = False, head: str = "softmax", optimizer: str = "adam",
             lr: float = 1e-3, batch_size: int = 32, epochs: int = 10) -> Any:  # fmt: skip
    """A 1-D CNN on the raw waveform (2048 samples, float in [-1, 1]): Conv1D 32 16 stride 4
    ReLU -> MaxPooling1D(4) -> Conv1D 64 7 ReLU -> MaxPooling1D(4) -> Conv1D 64 5 ReLU ->
    GlobalAveragePooling1D -> Dense 6 softmax, sparse CE, Adam(1e-3), batch 32, 10 epochs.
    Options: `scale` ("float"; "int16": the samples as `wavfile.read` returns a 16-bit file,
    +-32768, fed unscaled), `kernel` / `stride` of the first convolution, `batchnorm`
    (BatchNormalization after the first convolution), `head`, `optimizer`, rate, batch
    size, epochs."""
    x, xval, y, yval = waveforms()
    if scale == "int16":
        x, xval = _int16(x), _int16(xval)
    x, xval = x[..., None], xval[..., None]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((2048, 1))
    h = layers.Conv1D(32, kernel, strides=stride)(inputs)
    if batchnorm:
        h = layers.BatchNormalization()(h)
    h = layers.MaxPooling1D(4, padding="same")(layers.Activation("relu")(h))
    h = layers.Conv1D(64, 7, activation="relu", padding="same")(h)
    h = layers.MaxPooling1D(4, padding="same")(h)
    h = layers.Conv1D(64, 5, activation="relu", padding="same")(h)
    outputs = layers.Dense(6, activation=head)(layers.GlobalAveragePooling1D()(h))
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
