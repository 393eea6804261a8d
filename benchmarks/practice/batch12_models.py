"""Batch-12 scripts, model shapes: a digits CNN fed by a tf.data pipeline that mixes pairs of
images and their one-hot labels (MixUp written by hand, as in keras-io's example), a dilated
CNN with GaussianDropout, raw waveforms through an `STFTSpectrogram` layer inside the model,
and a digits MLP under the Muon optimizer. Each script calls `kit.fit`; keyword options are
the faults of `cases.py`; each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from benchmarks.practice.batch12_data import digits_flat, digits_images, tone_bursts
from benchmarks.practice.kit import Kit


def _small_cnn(head: int = 10) -> keras.Model:
    return keras.Sequential([keras.Input((8, 8, 1)),
                             layers.Conv2D(32, 3, padding="same", activation="relu"),
                             layers.Conv2D(64, 3, padding="same", activation="relu"),
                             layers.MaxPooling2D(), layers.Flatten(),
                             layers.Dense(64, activation="relu"),
                             layers.Dense(head, activation="softmax")])  # fmt: skip


def mixup_cnn(kit: Kit, *, mix_labels: bool = True, epochs: int = 25) -> Any:
    """Digits with one-hot labels through tf.data: two shuffled copies of the training set
    zipped, each pair mixed with lambda ~ Beta(0.2, 0.2) (images and labels alike), batch 64;
    a small CNN; categorical CE, accuracy; Adam(1e-3). Fault: the labels of the first image
    kept while the images are mixed (Stack Overflow / GitHub "mixup implementation: forgot
    to mix the labels, accuracy worse than without mixup")."""
    x, y, xv, yv = digits_images()
    eye = np.eye(10, dtype="float32")
    keras.utils.set_random_seed(kit.seed)

    def mix(one: Any, two: Any) -> Any:
        (x1, y1), (x2, y2) = one, two
        size = tf.shape(x1)[0]
        g1 = tf.random.gamma([size], 0.2)
        g2 = tf.random.gamma([size], 0.2)
        lam = g1 / (g1 + g2)
        images = x1 * tf.reshape(lam, (-1, 1, 1, 1)) + x2 * tf.reshape(1 - lam, (-1, 1, 1, 1))
        labels = y1 * lam[:, None] + y2 * (1 - lam[:, None]) if mix_labels else y1
        return images, labels

    def copy(seed: int) -> tf.data.Dataset:
        return tf.data.Dataset.from_tensor_slices((x, eye[y])).shuffle(
            len(x), seed=seed).batch(64)  # fmt: skip

    train = tf.data.Dataset.zip((copy(kit.seed), copy(kit.seed + 1))).map(mix)
    val = tf.data.Dataset.from_tensor_slices((xv, eye[yv])).batch(256)
    model = _small_cnn()
    model.compile(keras.optimizers.Adam(1e-3), "categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def dilated_gaussian_dropout(kit: Kit, *, rate: float = 0.2, epochs: int = 15) -> Any:
    """Digits: Conv2D(32, 3, dilation_rate 2, same) -> GaussianDropout(rate) -> Conv2D(64, 3)
    -> GlobalAveragePooling2D -> GaussianDropout(rate) -> softmax; sparse CE, accuracy;
    Adam(2e-3), batch 32. Fault: `GaussianDropout(0.95)` (its rate read as the keep
    probability, as in TF1's `keep_prob`; Stack Overflow "GaussianDropout rate meaning,
    accuracy stuck")."""
    x, y, xv, yv = digits_images()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8, 8, 1)),
                              layers.Conv2D(32, 3, dilation_rate=2, padding="same",
                                            activation="relu"),
                              layers.GaussianDropout(rate),
                              layers.Conv2D(64, 3, padding="same", activation="relu"),
                              layers.GlobalAveragePooling2D(), layers.GaussianDropout(rate),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def stft_tones(kit: Kit, *, int16_pcm: bool = False, epochs: int = 12) -> Any:
    """Tone bursts (1024 samples, float in [-1, 1]): `STFTSpectrogram(mode="magnitude",
    frame_length=128, frame_step=64, trainable=False)` in the model -> Conv1D(32, 3, ReLU) ->
    GlobalMaxPooling1D -> Dense 32 (ReLU) -> softmax (4 frequency bands); sparse CE, accuracy;
    Adam(1e-3), batch 32. Fault: the clips fed as 16-bit PCM values (+-32767, the WAV file's
    integers cast to float32 without dividing by 32768; Stack Overflow "audio model loss
    nan / not learning with scipy.io.wavfile data")."""
    x, y, xv, yv = tone_bursts()
    if int16_pcm:
        x = np.clip(x * 32767, -32768, 32767).astype("int16").astype("float32")
        xv = np.clip(xv * 32767, -32768, 32767).astype("int16").astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((1024, 1)),
                              layers.STFTSpectrogram(mode="magnitude", frame_length=128,
                                                     frame_step=64, trainable=False),
                              layers.Conv1D(32, 3, activation="relu"),
                              layers.GlobalMaxPooling1D(), layers.Dense(32, activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def muon_mlp(kit: Kit, *, epochs: int = 12) -> Any:
    """Digits as 64 features in [0, 1]: Dense 256 (ReLU) -> Dense 128 (ReLU) -> Dense(10,
    softmax, name "output_dense"); sparse CE, accuracy; `Muon(learning_rate=0.02,
    adam_lr_ratio=0.1, exclude_layers=["output_dense"])` (hidden kernels orthogonalised, the
    head and biases on AdamW at 2e-3), batch 64."""
    x, y, xv, yv = digits_flat()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(256, activation="relu"),
                              layers.Dense(128, activation="relu"),
                              layers.Dense(10, activation="softmax",
                                           name="output_dense")])  # fmt: skip
    model.compile(keras.optimizers.Muon(learning_rate=0.02, adam_lr_ratio=0.1,
                                        exclude_layers=["output_dense"]),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip
