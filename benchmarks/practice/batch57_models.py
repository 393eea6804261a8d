"""Batch-57 scripts: self-supervised pretraining then a supervised stage (keyword options
are the faults, the defaults the healthy choice): a SimCLR-style two-view contrastive
pretext (NT-Xent written with `keras.ops`) on digits then a linear probe or a fine-tuning of
the encoder, a rotation-prediction pretext on digits then frozen-then-unfrozen fine-tuning,
and a masked-feature (VIME-style) or denoising pretext on a table, the encoder shared by two
pretext heads, then fine-tuned under a classification head. The pretext stage is a plain
`fit` inside the script; the supervised stage's fit is the watched `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch57_data import digits_ssl, table_ssl
from benchmarks.practice.kit import Kit


def nt_xent(temperature: float) -> Any:
    """The NT-Xent loss of SimCLR on a model whose output is the two views' projections side
    by side, (batch, 2 d); `y_true` is a dummy. Each view's positive is the other view of the
    same image, its 2 N - 2 negatives the other images' views."""

    def loss(y_true: Any, y_pred: Any) -> Any:
        del y_true
        d = ops.shape(y_pred)[-1] // 2
        z = ops.concatenate([y_pred[:, :d], y_pred[:, d:]], axis=0)
        z = ops.normalize(z, axis=-1)
        n2 = ops.shape(z)[0]
        n = n2 // 2
        logits = ops.matmul(z, ops.transpose(z)) / temperature
        logits = logits - 1e9 * ops.eye(n2)  # no self-similarity
        labels = ops.concatenate([ops.arange(n) + n, ops.arange(n)])
        return ops.mean(keras.losses.sparse_categorical_crossentropy(labels, logits,
                                                                     from_logits=True))

    return loss


def _digits_encoder(batch_norm: bool) -> keras.Model:
    inputs = keras.Input((8, 8, 1))
    h = layers.Flatten()(inputs)
    for width in (128, 64):
        h = layers.Dense(width, use_bias=not batch_norm)(h)
        if batch_norm:
            h = layers.BatchNormalization()(h)
        h = layers.ReLU()(h)
    return keras.Model(inputs, h, name="encoder")


def _augmenter(augment: str) -> keras.Sequential:
    if augment == "none":  # both views are the image itself
        return keras.Sequential([layers.Identity()], name="augment")
    return keras.Sequential([layers.RandomTranslation(0.15, 0.15, fill_mode="constant"),
                             layers.GaussianNoise(0.1), layers.Dropout(0.2)],
                            name="augment")  # fmt: skip


def simclr_digits(kit: Kit, *, temperature: float = 0.1, augment: str = "shift_noise_mask",
                  pretrain: bool = True, pretext_epochs: int = 40, probe_on: str = "encoder",
                  bn_training: bool = False, batch_norm: bool = True, stage: str = "probe",
                  lr: float = 1e-3, finetune_lr: float = 1e-4, epochs: int = 60,
                  normalise: bool = False, head: str = "linear", head_bias: float = 0.0,
                  batch_size: int = 16) -> Any:  # fmt: skip
    """SimCLR on sklearn digits: the 1297 unlabeled images, two augmented views each
    (RandomTranslation(0.15) + GaussianNoise(0.1) + Dropout(0.2) as pixel masking), a shared
    encoder (Flatten -> Dense 128 -> BN -> ReLU -> Dense 64 -> BN -> ReLU) and a projection
    head (Dense 64 ReLU -> Dense 32), NT-Xent at temperature 0.1, Adam(1e-3), batch 128, 40
    epochs (a plain fit); then a linear probe on the frozen encoder's 64-d output (Dense 10
    softmax, Adam(1e-3), batch 16, 60 epochs) on 10 labeled images a digit, validated on 500
    other images. Options: `temperature` (1e-3, 100), `augment` ("none": both views the same
    image), `pretrain` (False: the pretext fit skipped, the frozen encoder random),
    `probe_on` ("projection": the projection head kept and probed), `bn_training` (the
    frozen encoder called with training=True), `stage` ("finetune": after the probe, a plain
    fit, the encoder unfrozen and fine-tuned with Adam(`finetune_lr`), this fit watched),
    `normalise` (the embedding L2-normalised before the head), `head` ("relu": Dense 64 ReLU
    before the softmax) with `head_bias` (its bias initialiser), `batch_norm` (False: no BN
    in the encoder)."""
    pool, x, xval, y, yval = digits_ssl()
    keras.utils.set_random_seed(kit.seed)
    encoder = _digits_encoder(batch_norm)
    projector = keras.Sequential([keras.Input((64,)), layers.Dense(64, activation="relu"),
                                  layers.Dense(32)], name="projector")  # fmt: skip
    if pretrain:
        augmenter = _augmenter(augment)
        images = keras.Input((8, 8, 1))
        z1 = projector(encoder(augmenter(images)))
        z2 = projector(encoder(augmenter(images)))
        pretext = keras.Model(images, layers.Concatenate()([z1, z2]))
        pretext.compile(keras.optimizers.Adam(1e-3), nt_xent(temperature))
        pretext.fit(pool, np.zeros((len(pool), 1), "float32"), batch_size=128,
                    epochs=pretext_epochs, shuffle=True, verbose=0)  # fmt: skip
    encoder.trainable = False
    inputs = keras.Input((8, 8, 1))
    h = encoder(inputs, training=True) if bn_training else encoder(inputs, training=False)
    if probe_on == "projection":
        projector.trainable = False
        h = projector(h)
    if normalise:
        h = layers.UnitNormalization()(h)
    if head == "relu":
        h = layers.Dense(64, activation="relu",
                         bias_initializer=keras.initializers.Constant(head_bias))(h)  # fmt: skip
    outputs = layers.Dense(10, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    keywords = {"epochs": epochs, "batch_size": batch_size, "validation_data": (xval, yval)}
    if stage == "probe":
        return kit.fit(model, x, y, probe_data=(x, y), **keywords)
    model.fit(x, y, verbose=0, **keywords)
    encoder.trainable = True
    model.compile(keras.optimizers.Adam(finetune_lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), **keywords)


def _rotations(images: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Each image four times, turned 0, 90, 180 and 270 degrees; labels 0..3; shuffled."""
    turned = np.concatenate([np.rot90(images, k, axes=(1, 2)) for k in range(4)])
    labels = np.repeat(np.arange(4), len(images))
    order = np.random.default_rng(seed).permutation(len(labels))
    return turned[order], labels[order]


def rotation_digits(kit: Kit, *, pretrain: bool = True, pretext_epochs: int = 8,
                    frozen_epochs: int = 30, finetune_lr: float = 1e-4,
                    finetune_epochs: int = 30, labels: str = "digits",
                    freeze_first: bool = True, optimizer: str = "adam",
                    batch_size: int = 16) -> Any:  # fmt: skip
    """Rotation prediction (RotNet) on sklearn digits: the 1297 unlabeled images each turned
    0 / 90 / 180 / 270 degrees (5188 rows), a CNN encoder (Conv 16 3x3 ReLU -> Conv 32 3x3
    ReLU -> MaxPool -> Flatten -> Dense 64 ReLU) with a softmax-4 rotation head, Adam(1e-3),
    batch 64, 8 epochs (a plain fit); then a new softmax-10 head on the encoder, the encoder
    frozen for 30 epochs (Adam(1e-3), a plain fit), then unfrozen and fine-tuned with
    Adam(1e-4) for 30 epochs (the watched fit), batch 16, on 10 labeled images a digit,
    validated on 500 other images. Options: `pretrain` (False: the pretext fit skipped),
    `finetune_lr` (1.0), `labels` ("rotation": the pretext's rotation labels of the first
    100 pretext rows reused as the labeled set's labels), `freeze_first` (False: no frozen
    stage, the whole network fine-tuned from the start), `optimizer` of the fine-tuning
    ("adam" / "sgd")."""
    pool, x, xval, y, yval = digits_ssl()
    keras.utils.set_random_seed(kit.seed)
    turned, turns = _rotations(pool, kit.seed)
    encoder = keras.Sequential([
        keras.Input((8, 8, 1)), layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.Conv2D(32, 3, padding="same", activation="relu"), layers.MaxPooling2D(),
        layers.Flatten(), layers.Dense(64, activation="relu")], name="encoder")  # fmt: skip
    if pretrain:
        rotnet = keras.Sequential([encoder, layers.Dense(4, activation="softmax")])
        rotnet.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                       metrics=["accuracy"])  # fmt: skip
        rotnet.fit(turned, turns, batch_size=64, epochs=pretext_epochs, verbose=0)
    if labels == "rotation":  # `y_train` left over from the pretext cell
        y = turns[:len(y)]
    model = keras.Sequential([encoder, layers.Dense(10, activation="softmax")])
    keywords = {"batch_size": batch_size, "validation_data": (xval, yval)}
    if freeze_first:
        encoder.trainable = False
        model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                      metrics=["accuracy"])  # fmt: skip
        model.fit(x, y, epochs=frozen_epochs, verbose=0, **keywords)
        encoder.trainable = True
    tuner = (keras.optimizers.SGD(finetune_lr, momentum=0.9) if optimizer == "sgd"
             else keras.optimizers.Adam(finetune_lr))  # fmt: skip
    model.compile(tuner, "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=finetune_epochs, **keywords)


def _corrupt(x: np.ndarray, p: float, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """VIME's corruption: each cell masked with probability p and replaced by the same
    column's value from another random row. Returns the corrupted rows and the mask."""
    mask = (rng.random(x.shape) < p).astype("float32")
    shuffled = np.stack([rng.permutation(x[:, j]) for j in range(x.shape[1])], axis=1)
    return (x * (1 - mask) + shuffled * mask).astype("float32"), mask


def table_pretext(kit: Kit, *, pretext: str = "vime", mask_p: float = 0.3,
                  noise: float = 0.5, pretrain: bool = True, pretext_epochs: int = 20,
                  scale: str = "standard", freeze: bool = False, normalise: bool = False,
                  head_bias: float = 0.0, dropout: float = 0.0, lr: float = 1e-3,
                  batch_size: int = 32, epochs: int = 40) -> Any:  # fmt: skip
    """A self-supervised pretext on a generated 4-class table (3000 unlabeled rows, 240
    labeled, 1000 validation; 24 columns in raw units, standardised with a StandardScaler
    fitted on the unlabeled pool): an encoder (Dense 64 ReLU x 2) shared by two heads,
    VIME-style (30 % of the cells replaced by the column's value from another row; a
    Dense-24 sigmoid head predicts the mask (binary CE), a Dense-24 head the original row
    (MSE, weight 2)), Adam(1e-3), batch 128, 20 epochs (a plain fit); then the encoder
    fine-tuned under a Dense 32 ReLU -> Dense 4 softmax head, Adam(1e-3), batch 32, 40
    epochs (the watched fit). Options: `pretext` ("vime"; "denoise": a denoising
    autoencoder, Gaussian noise of sd `noise` in, the clean row out, MSE), `mask_p` (0: no
    cell masked, so the pretext is the identity), `pretrain` (False: skipped), `scale`
    ("standard"; "pool_only": the scaler applied to the pretext rows only, the labeled and
    validation rows passed raw; "none"), `freeze` (the encoder frozen: a probe through the
    ReLU head), `normalise` (the embedding L2-normalised before the head) with `head_bias`
    (the ReLU head's bias initialiser), `dropout` before the softmax."""
    pool, x, xval, y, yval = table_ssl()
    if scale != "none":
        mean, sd = pool.mean(axis=0), pool.std(axis=0)
        pool = (pool - mean) / sd
        if scale == "standard":
            x, xval = (x - mean) / sd, (xval - mean) / sd
    keras.utils.set_random_seed(kit.seed)
    rng = np.random.default_rng(kit.seed)
    encoder = keras.Sequential([keras.Input((24,)), layers.Dense(64, activation="relu"),
                                layers.Dense(64, activation="relu")], name="encoder")  # fmt: skip
    if pretrain:
        rows = keras.Input((24,))
        if pretext == "vime":
            corrupted, mask = _corrupt(pool, mask_p, rng)
            h = encoder(rows)
            outputs = {"mask": layers.Dense(24, activation="sigmoid", name="mask")(h),
                       "feature": layers.Dense(24, name="feature")(h)}  # fmt: skip
            model = keras.Model(rows, outputs)
            model.compile(keras.optimizers.Adam(1e-3),
                          loss={"mask": "binary_crossentropy", "feature": "mse"},
                          loss_weights={"mask": 1.0, "feature": 2.0})  # fmt: skip
            model.fit(corrupted, {"mask": mask, "feature": pool}, batch_size=128,
                      epochs=pretext_epochs, verbose=0)  # fmt: skip
        else:
            noisy = (pool + rng.normal(0, noise, pool.shape)).astype("float32")
            model = keras.Sequential([rows, encoder, layers.Dense(24)])
            model.compile(keras.optimizers.Adam(1e-3), "mse")
            model.fit(noisy, pool, batch_size=128, epochs=pretext_epochs, verbose=0)
    encoder.trainable = not freeze
    inputs = keras.Input((24,))
    h = encoder(inputs)
    if normalise:
        h = layers.UnitNormalization()(h)
    h = layers.Dense(32, activation="relu",
                     bias_initializer=keras.initializers.Constant(head_bias))(h)  # fmt: skip
    if dropout:
        h = layers.Dropout(dropout)(h)
    classifier = keras.Model(inputs, layers.Dense(4, activation="softmax")(h))
    classifier.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                       metrics=["accuracy"])  # fmt: skip
    return kit.fit(classifier, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
