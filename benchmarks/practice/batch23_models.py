"""Batch-23 computer-vision scripts (keyword options are the faults, the defaults the healthy
choice): a small CNN with `Rescaling(1/255)` on 0..255 shapes, augmentation layers inside the
model on orientation stripes, a BatchNorm mini-ResNet and a SeparableConv2D + GAP net on
channels-first colour shapes, a pretrained backbone fine-tuned frozen as a nested model, a
tf.data pipeline with map / shuffle / batch / prefetch, label smoothing under a cosine
decay, multi-label tags, a denoising autoencoder and a dropout CNN on digits. Each calls
`kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from benchmarks.practice.batch23_data import (
    colour_shapes_chw,
    digits_16,
    grey_shapes,
    noisy_shapes,
    stripes,
    tagged_blobs,
)
from benchmarks.practice.kit import Kit


def shapes_rescaling_cnn(kit: Kit, *, prescaled: bool = False, rescale_layer: bool = True,
                         epochs: int = 10) -> Any:  # fmt: skip
    """Grey shapes (0..255, 20x20x1, 4 classes): `Rescaling(1/255)` as the model's first
    layer, Conv 16 -> MaxPool -> Conv 32 -> MaxPool -> Flatten -> Dense 64 -> softmax 4;
    sparse CE; Adam(1e-3), batch 32, 10 epochs. Faults: `prescaled`, the images divided by
    255 in NumPy too (a tutorial's `x / 255.` kept beside the model's Rescaling layer: inputs
    in [0, 1/255]); `rescale_layer=False`, no scaling at all on the 0..255 values."""
    x, xv, y, yv = grey_shapes()
    if prescaled:
        x, xv = x / 255.0, xv / 255.0
    keras.utils.set_random_seed(kit.seed)
    stack: list[Any] = [keras.Input((20, 20, 1))]
    if rescale_layer:
        stack.append(layers.Rescaling(1.0 / 255))
    stack += [layers.Conv2D(16, 3, activation="relu"), layers.MaxPooling2D(),
              layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(),
              layers.Flatten(), layers.Dense(64, activation="relu"),
              layers.Dense(4, activation="softmax")]  # fmt: skip
    model = keras.Sequential(stack)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def stripes_augment(kit: Kit, *, tutorial_augment: bool = False, epochs: int = 15) -> Any:
    """Stripe orientation (horizontal, vertical, '/', '\\'; 16x16x1 in [0, 1]): augmentation
    layers inside the model (active in training only), RandomTranslation(0.1, 0.1) ->
    RandomZoom(0.1) -> RandomContrast(0.2), then Conv 16 -> MaxPool -> Conv 32 -> MaxPool ->
    Flatten -> Dense 32 -> softmax 4; sparse CE; Adam(1e-3), batch 32, 15 epochs. Fault:
    `tutorial_augment`, the cats-vs-dogs tutorial's block copied, RandomFlip("horizontal_and_
    vertical") -> RandomRotation(0.5): a flip turns '/' into '\\', a rotation of up to 180
    degrees any orientation into another, while the label stays."""
    x, xv, y, yv = stripes()
    keras.utils.set_random_seed(kit.seed)
    if tutorial_augment:
        augment = [layers.RandomFlip("horizontal_and_vertical"), layers.RandomRotation(0.5)]
    else:
        augment = [layers.RandomTranslation(0.1, 0.1), layers.RandomZoom(0.1),
                   layers.RandomContrast(0.2)]  # fmt: skip
    model = keras.Sequential([keras.Input((16, 16, 1)), *augment,
                              layers.Conv2D(16, 3, activation="relu"), layers.MaxPooling2D(),
                              layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(),
                              layers.Flatten(), layers.Dense(32, activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def _channels_last(x: np.ndarray, reshape: bool) -> np.ndarray:
    """(n, 3, h, w) -> (n, h, w, 3): the transpose, or (fault) a reshape to the same shape."""
    if reshape:
        return x.reshape(len(x), x.shape[2], x.shape[3], 3)
    return np.transpose(x, (0, 2, 3, 1))


def colour_mini_resnet(kit: Kit, *, reshape_channels: bool = False, epochs: int = 10) -> Any:
    """Colour shapes stored channels-first (n, 3, 16, 16) -> `np.transpose(x, (0, 2, 3, 1))`;
    a mini-ResNet: Conv 16 -> BN -> ReLU, a residual block (Conv-BN-ReLU-Conv-BN + identity,
    ReLU), a downsampling block (stride 2, 1x1 projection on the skip, 32 filters), GAP ->
    softmax 4; sparse CE; Adam(1e-3), batch 32, 10 epochs. Fault: `reshape_channels`,
    `x.reshape(n, 16, 16, 3)` instead of the transpose (Stack Overflow "reshape vs
    transpose for channels-last"): the shape's pixels scattered across rows and channels."""
    x, xv, y, yv = colour_shapes_chw()
    x, xv = _channels_last(x, reshape_channels), _channels_last(xv, reshape_channels)
    keras.utils.set_random_seed(kit.seed)

    def conv_bn(h: Any, filters: int, stride: int = 1, relu: bool = True) -> Any:
        h = layers.Conv2D(filters, 3, strides=stride, padding="same", use_bias=False)(h)
        h = layers.BatchNormalization()(h)
        return layers.ReLU()(h) if relu else h

    inp = keras.Input((16, 16, 3))
    h = conv_bn(inp, 16)
    r = conv_bn(conv_bn(h, 16), 16, relu=False)
    h = layers.ReLU()(layers.Add()([h, r]))
    r = conv_bn(conv_bn(h, 32, stride=2), 32, relu=False)
    skip = layers.BatchNormalization()(layers.Conv2D(32, 1, strides=2, use_bias=False)(h))
    h = layers.ReLU()(layers.Add()([skip, r]))
    out = layers.Dense(4, activation="softmax")(layers.GlobalAveragePooling2D()(h))
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def colour_separable_gap(kit: Kit, *, conv_activation: str | None = "relu",
                         epochs: int = 12) -> Any:  # fmt: skip
    """Colour shapes (channels-first -> transpose): SeparableConv2D 32 -> MaxPool ->
    SeparableConv2D 64 -> MaxPool -> SeparableConv2D 64 -> GlobalAveragePooling2D ->
    softmax 4; sparse CE; Adam(2e-3), batch 32, 12 epochs. Fault: `conv_activation=None`,
    the convolutions written without `activation=` (Keras' default is linear; "my CNN's
    accuracy is stuck", a DeepFD / AUTOTRAINER activation fault): only the max-pools are
    non-linear."""
    x, xv, y, yv = colour_shapes_chw()
    x, xv = _channels_last(x, False), _channels_last(xv, False)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((16, 16, 3)),
        layers.SeparableConv2D(32, 3, padding="same", activation=conv_activation),
        layers.MaxPooling2D(),
        layers.SeparableConv2D(64, 3, padding="same", activation=conv_activation),
        layers.MaxPooling2D(),
        layers.SeparableConv2D(64, 3, padding="same", activation=conv_activation),
        layers.GlobalAveragePooling2D(),
        layers.Dense(4, activation="softmax"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def digits_finetune_frozen(kit: Kit, *, finetune_lr: float | None = None,
                           epochs: int = 8) -> Any:  # fmt: skip
    """Transfer: a backbone (Conv 16 -> BN -> ReLU -> MaxPool -> Conv 32 -> BN -> ReLU ->
    MaxPool -> Flatten; BN momentum 0.9) pretrained in the script on digits 0-4 (16x16,
    10 epochs, plain `fit`), then nested
    in a new functional model, `base.trainable = False` and called with `training=False`,
    Dense 32 -> softmax 5 head on digits 5-9; sparse CE; Adam(3e-3), batch 32, 8 epochs.
    Fault: `finetune_lr`, the backbone unfrozen (`base.trainable = True`) and compiled with
    Adam(finetune_lr) kept from a from-scratch recipe (Keras' guide asks for ~1e-5): large
    updates wreck the pretrained filters and BN scales on ~720 images."""
    x, xv, y, yv = digits_16()
    keras.utils.set_random_seed(kit.seed)
    base = keras.Sequential([
        keras.Input((16, 16, 1)),
        layers.Conv2D(16, 3, padding="same", use_bias=False),
        layers.BatchNormalization(momentum=0.9),
        layers.ReLU(), layers.MaxPooling2D(),
        layers.Conv2D(32, 3, padding="same", use_bias=False),
        layers.BatchNormalization(momentum=0.9),
        layers.ReLU(), layers.MaxPooling2D(), layers.Flatten(),
    ], name="backbone")  # fmt: skip
    source = keras.Sequential([base, layers.Dense(5, activation="softmax")])
    source.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    source.fit(x[y < 5], y[y < 5], batch_size=32, epochs=10, verbose=0)
    base.trainable = finetune_lr is not None
    inp = keras.Input((16, 16, 1))
    h = base(inp, training=False)
    out = layers.Dense(5, activation="softmax")(layers.Dense(32, activation="relu")(h))
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(finetune_lr or 3e-3),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    xs, ys, xvs, yvs = x[y >= 5], y[y >= 5] - 5, xv[yv >= 5], yv[yv >= 5] - 5
    return kit.fit(model, xs, ys, probe_data=(xs, ys), epochs=epochs, batch_size=32,
                   validation_data=(xvs, yvs))  # fmt: skip


def shapes_tfdata_pipeline(kit: Kit, *, shuffle_separately: bool = False,
                           augment_validation: bool = False, epochs: int = 10) -> Any:  # fmt: skip
    """Grey shapes (0..255) through tf.data: `from_tensor_slices((x, y))` -> map(cast, / 255)
    -> map(RandomFlip("horizontal") + RandomTranslation(0.1, 0.1), training=True) ->
    shuffle -> batch 32 -> prefetch; validation map(/ 255) -> batch; Conv 16 -> MaxPool ->
    Conv 32 -> MaxPool -> Flatten -> Dense 64 -> softmax 4; sparse CE; Adam(1e-3), 10 epochs.
    Faults: `shuffle_separately`, images and labels made into two datasets, each shuffled on
    its own, then zipped (Stack Overflow "tf.data zip shuffle accuracy at chance"): every
    epoch pairs images with random labels; `augment_validation`, one `prepare(ds, augment=
    True)` helper used for both datasets, so the validation images are flipped / shifted."""
    x, xv, y, yv = grey_shapes()
    keras.utils.set_random_seed(kit.seed)
    augment = keras.Sequential([layers.RandomFlip("horizontal", seed=kit.seed),
                                layers.RandomTranslation(0.1, 0.1, seed=kit.seed)])  # fmt: skip

    def scale(img: Any, label: Any) -> Any:
        return tf.cast(img, tf.float32) / 255.0, label

    def aug(img: Any, label: Any) -> Any:
        return augment(img, training=True), label

    if shuffle_separately:
        images = tf.data.Dataset.from_tensor_slices(x).shuffle(len(x), seed=kit.seed)
        labels = tf.data.Dataset.from_tensor_slices(y).shuffle(len(y), seed=kit.seed + 1)
        train = tf.data.Dataset.zip((images, labels)).map(scale).map(aug)
    else:
        train = tf.data.Dataset.from_tensor_slices((x, y)).map(scale).map(aug)
        train = train.shuffle(len(x), seed=kit.seed)
    train = train.batch(32).prefetch(tf.data.AUTOTUNE)
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).map(scale)
    if augment_validation:
        val = val.map(aug)
    val = val.batch(128).prefetch(tf.data.AUTOTUNE)
    model = keras.Sequential([keras.Input((20, 20, 1)),
                              layers.Conv2D(16, 3, activation="relu"), layers.MaxPooling2D(),
                              layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(),
                              layers.Flatten(), layers.Dense(64, activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def digits_smoothing_cosine(kit: Kit, *, head: str = "softmax",
                            loss: str = "categorical_crossentropy",
                            epochs: int = 12) -> Any:  # fmt: skip
    """Digits 16x16, one-hot labels (`to_categorical`): Conv 32 -> MaxPool -> Conv 64 ->
    MaxPool -> Flatten -> Dense 64 -> softmax 10; `CategoricalCrossentropy(label_smoothing=
    0.1)`; Adam over `CosineDecay(2e-3, decay_steps=epochs x steps)`, batch 64, 12 epochs.
    Faults: `loss="binary_crossentropy"` with the softmax head (a Keras-blog binary example's
    loss kept for ten one-hot classes; "accuracy" then means binary accuracy), and
    `head="sigmoid"` under the categorical loss (ten independent sigmoids for one-hot
    classes)."""
    x, xv, y, yv = digits_16()
    y1, yv1 = keras.utils.to_categorical(y, 10), keras.utils.to_categorical(yv, 10)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((16, 16, 1)),
                              layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(),
                              layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(),
                              layers.Flatten(), layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation=head)])  # fmt: skip
    steps = int(np.ceil(len(x) / 64)) * epochs
    schedule = keras.optimizers.schedules.CosineDecay(2e-3, decay_steps=steps)
    loss_fn = (keras.losses.CategoricalCrossentropy(label_smoothing=0.1)
               if loss == "categorical_crossentropy" else loss)  # fmt: skip
    model.compile(keras.optimizers.Adam(schedule), loss_fn, metrics=["accuracy"])
    return kit.fit(model, x, y1, probe_data=(x, y1), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv1))  # fmt: skip


def blob_tags_multilabel(kit: Kit, *, softmax: bool = False, epochs: int = 12) -> Any:
    """Multi-label tags (red / green / blue blob, stripes; multi-hot (n, 4)) on 16x16x3:
    Conv 16 -> MaxPool -> Conv 32 -> MaxPool -> Flatten -> Dense 32 -> Dense 4 sigmoid; BCE,
    binary accuracy (threshold 0.5); Adam(1e-3), batch 32, 12 epochs. Fault: `softmax`,
    Dense 4 softmax + categorical CE kept from a single-label classifier on multi-hot
    targets (Stack Overflow "multi-label softmax"): the tags compete for one unit of
    probability, two or three present tags cannot all pass 0.5."""
    x, xv, y, yv = tagged_blobs()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((16, 16, 3)),
                              layers.Conv2D(16, 3, activation="relu"), layers.MaxPooling2D(),
                              layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(),
                              layers.Flatten(), layers.Dense(32, activation="relu"),
                              layers.Dense(4, activation="softmax" if softmax else "sigmoid")
                              ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3),
                  "categorical_crossentropy" if softmax else "binary_crossentropy",
                  metrics=[keras.metrics.BinaryAccuracy(name="binary_accuracy")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def shapes_denoiser(kit: Kit, *, scale_targets: bool = True, epochs: int = 12) -> Any:
    """Denoising autoencoder as in Keras' convolutional-autoencoder example (16x16x1, noise
    std 60 on 0..255): inputs and targets / 255; Conv 16 -> MaxPool -> Conv 16 ->
    Conv2DTranspose 16 (stride 2) -> Conv 1 sigmoid; binary crossentropy per pixel, MSE as a
    metric; Adam(1e-3), batch 32, 12 epochs. Fault: `scale_targets=False`, the noisy inputs
    divided by 255 but the clean targets left at 0..255 (a common autoencoder-tutorial
    slip): BCE with targets above 1 has no lower bound."""
    noisy, noisy_v, clean, clean_v = noisy_shapes()
    x, xv = noisy / 255.0, noisy_v / 255.0
    t, tv = (clean / 255.0, clean_v / 255.0) if scale_targets else (clean, clean_v)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        layers.Conv2D(16, 3, padding="same", activation="relu"), layers.MaxPooling2D(),
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2D(1, 3, padding="same", activation="sigmoid"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["mse"])
    return kit.fit(model, x, t, probe_data=(x, t), epochs=epochs, batch_size=32,
                   validation_data=(xv, tv))  # fmt: skip


def digits_dropout_cnn(kit: Kit, *, keep_prob_as_rate: bool = False, epochs: int = 12) -> Any:
    """Digits 16x16: Conv 32 -> MaxPool -> Dropout(0.25) -> Conv 64 -> MaxPool ->
    Dropout(0.25) -> Flatten -> Dense 128 -> Dropout(0.5) -> softmax 10; sparse CE;
    Adam(1e-3), batch 64, 12 epochs. Fault: `keep_prob_as_rate`, a TF1 script's
    `keep_prob=0.9` ported as `Dropout(0.9)` at all three places (Keras' rate is the share
    dropped)."""
    x, xv, y, yv = digits_16()
    r1, r2 = (0.9, 0.9) if keep_prob_as_rate else (0.25, 0.5)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((16, 16, 1)),
                              layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(),
                              layers.Dropout(r1),
                              layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(),
                              layers.Dropout(r1), layers.Flatten(),
                              layers.Dense(128, activation="relu"), layers.Dropout(r2),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip
