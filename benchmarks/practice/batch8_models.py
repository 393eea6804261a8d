"""Batch-8 scripts, image and pair models: a TimeDistributed CNN + GRU over three digit
frames, a two-tower similarity model with a hand-written contrastive loss, a CNN with
GroupNormalization, ELU, SpatialDropout2D and GlobalMaxPooling2D under Adamax, and a strided
Conv / Conv2DTranspose denoising autoencoder (sigmoid output, binary cross-entropy). Each
script calls `kit.fit`; keyword options are the faults of `cases.py` (each default is the
healthy script's choice); each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers, ops

from benchmarks.practice.batch3_data import digit_images
from benchmarks.practice.batch8_data import digit_frames, digit_pairs_flat, noisy_digits
from benchmarks.practice.kit import Kit


def frames_counter(kit: Kit, *, epochs: int = 10) -> Any:
    """Three digit images per sample, the label how many show an even digit (0..3): a small
    CNN applied to every frame by `TimeDistributed` (Conv 16, MaxPool, Flatten), a GRU(32)
    over the frames, softmax(4); sparse CE, Adam(2e-3), batch 64. Healthy only."""
    x, y, xv, yv = digit_frames()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((3, 8, 8, 1)),
        layers.TimeDistributed(layers.Conv2D(16, 3, padding="same", activation="relu")),
        layers.TimeDistributed(layers.MaxPooling2D(2)),
        layers.TimeDistributed(layers.Flatten()),
        layers.GRU(32),
        layers.Dense(4, activation="softmax"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def contrastive_loss(margin: float = 1.0) -> Any:
    """y = 1 for a similar pair: pull its distance to 0; y = 0: push it beyond the margin."""

    def loss(y_true: Any, distance: Any) -> Any:
        y_true = ops.cast(y_true, distance.dtype)
        far = ops.square(ops.maximum(margin - distance, 0.0))
        return ops.mean(y_true * ops.square(distance) + (1.0 - y_true) * far)

    return loss


def pair_accuracy(y_true: Any, distance: Any) -> Any:
    """A pair is called similar when its distance is below 0.5."""
    similar = ops.cast(distance < 0.5, "float32")
    return ops.mean(ops.cast(ops.equal(similar, ops.cast(y_true, "float32")), "float32"))


def contrastive_pairs(kit: Kit, *, same_label: int = 1, epochs: int = 15) -> Any:
    """Are two digit images the same digit? A shared encoder (Dense 64 ReLU, Dense 16) on
    both images, the Euclidean distance of the two embeddings (a `Lambda` with keras.ops,
    output_shape given), a hand-written contrastive loss (margin 1) and a pair accuracy at
    distance 0.5; Adam(1e-3), batch 64. Fault: the pair labels built with the other
    convention, 0 = same pair (as in Hadsell et al.'s paper) while the loss treats 1 as
    similar (Stack Overflow / GitHub "siamese network contrastive loss not decreasing,
    accuracy 50 %": label convention flipped)."""
    a, b, same, av, bv, same_v = digit_pairs_flat()
    y = same if same_label == 1 else 1.0 - same
    yv = same_v if same_label == 1 else 1.0 - same_v
    y, yv = y.reshape(-1, 1), yv.reshape(-1, 1)
    keras.utils.set_random_seed(kit.seed)
    encoder = keras.Sequential([keras.Input((64,)), layers.Dense(64, activation="relu"),
                                layers.Dense(16)], name="encoder")  # fmt: skip
    left, right = keras.Input((64,), name="left"), keras.Input((64,), name="right")
    distance = layers.Lambda(
        lambda t: ops.sqrt(ops.maximum(ops.sum(ops.square(t[0] - t[1]), axis=1, keepdims=True),
                                       1e-7)),
        output_shape=(1,), name="distance")([encoder(left), encoder(right)])  # fmt: skip
    model = keras.Model([left, right], distance)
    model.compile(keras.optimizers.Adam(1e-3), contrastive_loss(1.0), metrics=[pair_accuracy])
    return kit.fit(model, [a, b], y, probe_data=([a, b], y), batch_size=64, epochs=epochs,
                   validation_data=([av, bv], yv))  # fmt: skip


def groupnorm_cnn(kit: Kit, *, channels_first: bool = False, epochs: int = 12) -> Any:
    """Digits (8x8x1, / 16): Conv 32 -> GroupNormalization(8 groups) -> ELU, twice,
    SpatialDropout2D(0.1), GlobalMaxPooling2D, softmax; Adamax(3e-3), batch 32. Fault: the
    images transposed to channels-first, (1, 8, 8), as in a PyTorch tutorial, and fed to
    Keras' channels-last layers, which read 8 rows of height 1 with 8 channels (Stack
    Overflow "Keras Conv2D channels_first / channels_last input shape, accuracy low")."""
    x, y, xv, yv = digit_images()
    shape = (8, 8, 1)
    if channels_first:
        x, xv = x.transpose(0, 3, 1, 2), xv.transpose(0, 3, 1, 2)
        shape = (1, 8, 8)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input(shape),
        layers.Conv2D(32, 3, padding="same"), layers.GroupNormalization(groups=8),
        layers.Activation("elu"),
        layers.Conv2D(32, 3, padding="same"), layers.GroupNormalization(groups=8),
        layers.Activation("elu"),
        layers.SpatialDropout2D(0.1),
        layers.GlobalMaxPooling2D(),
        layers.Dense(10, activation="softmax"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adamax(3e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def denoising_autoencoder(kit: Kit, *, head: str = "sigmoid", epochs: int = 15) -> Any:
    """Noisy digit images in, clean ones out, pixels in [0, 1]: Conv 16 and 32 with stride
    2, Conv2DTranspose 32 and 16 with stride 2, a 3x3 Conv(1) output; binary cross-entropy,
    metric MSE, Adam(2e-3), batch 32. Fault: a tanh output layer (copied from a GAN
    generator, whose images are in [-1, 1]) under binary cross-entropy (Stack Overflow
    "autoencoder binary_crossentropy negative loss / grey images with tanh")."""
    x, clean, xv, clean_v = noisy_digits()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((8, 8, 1)),
        layers.Conv2D(16, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2D(32, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2DTranspose(32, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2D(1, 3, padding="same", activation=head),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy", metrics=["mse"])
    return kit.fit(model, x, clean, probe_data=(x, clean), batch_size=32, epochs=epochs,
                   validation_data=(xv, clean_v))  # fmt: skip
