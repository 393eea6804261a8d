"""Batch-61 scripts: knowledge distillation and model compression (keyword options are the
faults, the defaults the healthy choice): a digits student trained on a teacher's soft
targets packed next to the one-hot labels (a custom loss splits them), a table student
distilled by a `Distiller` model whose `compute_loss` runs the frozen teacher on each batch,
a low-rank factorised student (two thin Dense layers for each wide one, initialised from the
teacher's SVD), magnitude pruning as fixed masks multiplied into the kernels, and weight
sharing (each kernel a codebook of k shared values). The teacher (or the dense model that is
compressed) is trained first inside the script with a plain `fit`; the student's fit is the
watched `kit.fit`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch2_data import DATA_SEED
from benchmarks.practice.batch61_data import digits_flat, table6
from benchmarks.practice.kit import Kit


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(axis=1, keepdims=True)).astype("float32")


@cache
def _digits_teacher(seed: int, epochs: int) -> keras.Model:
    """The digits teacher: Dense 256 ReLU -> Dropout(0.2) -> Dense 256 ReLU -> Dense 10
    logits, Adam(1e-3), batch 64, `epochs` epochs (0: never trained). Cached a seed."""
    x, _, y, _ = digits_flat()
    keras.utils.set_random_seed(seed + 1000)
    teacher = keras.Sequential([keras.Input((64,)), layers.Dense(256, activation="relu"),
                                layers.Dropout(0.2), layers.Dense(256, activation="relu"),
                                layers.Dense(10)], name="teacher")  # fmt: skip
    teacher.compile(keras.optimizers.Adam(1e-3),
                    keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    if epochs:
        teacher.fit(x, y, epochs=epochs, batch_size=64, verbose=0)
    return teacher


@cache
def _table_teacher(seed: int, epochs: int) -> keras.Model:
    """The table teacher: Dense 256 ReLU x 2 -> Dense 6 logits, Adam(1e-3), batch 64,
    `epochs` epochs (0: never trained). Cached a seed."""
    x, _, y, _ = table6()
    keras.utils.set_random_seed(seed + 1000)
    teacher = keras.Sequential([keras.Input((20,)), layers.Dense(256, activation="relu"),
                                layers.Dense(256, activation="relu"), layers.Dense(6)],
                               name="teacher")  # fmt: skip
    teacher.compile(keras.optimizers.Adam(1e-3),
                    keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    if epochs:
        teacher.fit(x, y, epochs=epochs, batch_size=64, verbose=0)
    return teacher


@cache
def _digits_dense(seed: int) -> keras.Model:
    """The dense digits model that is compressed: Dense 256 ReLU -> Dense 128 ReLU -> softmax
    10, Adam(1e-3), batch 32, 20 epochs. Cached a seed."""
    x, _, y, _ = digits_flat()
    keras.utils.set_random_seed(seed + 2000)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(256, activation="relu"),
                              layers.Dense(128, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    model.fit(x, y, epochs=20, batch_size=32, verbose=0)
    return model


def distillation_loss(classes: int, temperature: float, alpha: float, order: str,
                      form: str, t_squared: bool) -> Any:  # fmt: skip
    """The student's loss on packed targets `[one-hot labels | soft targets]` and its
    logits: alpha * CE(labels, softmax(z)) + (1 - alpha) * T^2 * KL(soft || softmax(z / T))
    (`form` "soft_ce": the cross-entropy -sum soft * log softmax(z / T) instead; `order`
    "swapped": KL(softmax(z / T) || soft))."""

    def loss(y_true: Any, y_pred: Any) -> Any:
        hard, soft = y_true[:, :classes], y_true[:, classes:]
        hard_loss = keras.losses.categorical_crossentropy(hard, y_pred, from_logits=True)
        if form == "soft_ce":
            soft_loss = -ops.sum(soft * ops.log_softmax(y_pred / temperature), axis=-1)
        else:
            student = ops.softmax(y_pred / temperature)
            soft_loss = (keras.losses.kl_divergence(student, soft) if order == "swapped"
                         else keras.losses.kl_divergence(soft, student))  # fmt: skip
        scale = temperature**2 if t_squared else 1.0
        return alpha * hard_loss + (1.0 - alpha) * scale * soft_loss

    return loss


def hard_accuracy(y_true: Any, y_pred: Any) -> Any:
    """Accuracy on the one-hot half of the packed targets (the first 10 columns)."""
    return ops.cast(ops.equal(ops.argmax(y_true[:, :10], axis=-1),
                              ops.argmax(y_pred, axis=-1)), "float32")  # fmt: skip


def digits_distill(kit: Kit, *, temperature: float = 4.0, alpha: float = 0.1,
                   teacher_epochs: int = 20, soft: str = "softmax", order: str = "teacher_first",
                   form: str = "kl", teacher_rows: str = "aligned", t_squared: bool = True,
                   student: str = "small", lr: float = 1e-3, epochs: int = 30,
                   batch_size: int = 32) -> Any:  # fmt: skip
    """Digits (1437 train, 360 validate): a teacher (Dense 256 x 2, 20 ep, a plain fit)
    predicts logits, turned into soft targets softmax(z / 4) and packed next to the one-hot
    labels; the student (Dense 32 ReLU -> Dense 10 logits) is trained on 0.1 CE + 0.9 T^2 KL,
    Adam(1e-3), batch 32, 30 ep, the validation rows packed the same way. Options:
    `temperature`, `alpha` (the hard labels' weight), `teacher_epochs` (0: an untrained
    teacher), `soft` ("softmax"; "logits": the teacher's raw logits packed as if they were
    probabilities), `order` ("swapped": the KL's arguments swapped), `form` ("soft_ce"),
    `teacher_rows` ("shuffled": the teacher's predictions made on the rows in another order
    than the student's), `t_squared` (False: no T^2 factor), `student` ("same": the teacher's
    own architecture, self-distillation), the rate, epochs and batch."""
    x, xval, y, yval = digits_flat()
    teacher = _digits_teacher(kit.seed, teacher_epochs)
    rows = np.arange(len(y))
    if teacher_rows == "shuffled":  # predicted on x after an unrelated shuffle
        rows = np.random.default_rng(DATA_SEED + 612).permutation(len(y))
    logits = teacher.predict(x[rows], verbose=0, batch_size=256)
    logits_val = teacher.predict(xval, verbose=0, batch_size=256)
    if soft == "logits":
        targets, targets_val = logits.astype("float32"), logits_val.astype("float32")
    else:
        targets, targets_val = _softmax(logits / temperature), _softmax(logits_val / temperature)
    eye = np.eye(10, dtype="float32")
    packed = np.concatenate([eye[y], targets], axis=1)
    packed_val = np.concatenate([eye[yval], targets_val], axis=1)
    keras.utils.set_random_seed(kit.seed)
    widths = (256, 256) if student == "same" else (32,)
    model = keras.Sequential([keras.Input((64,))]
                             + [layers.Dense(w, activation="relu") for w in widths]
                             + [layers.Dense(10)], name="student")  # fmt: skip
    model.compile(keras.optimizers.Adam(lr),
                  distillation_loss(10, temperature, alpha, order, form, t_squared),
                  metrics=[hard_accuracy])  # fmt: skip
    return kit.fit(model, x, packed, probe_data=(x, packed), epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, packed_val))  # fmt: skip


class Distiller(keras.Model):
    """The student with a frozen teacher inside: `call` is the student's, `compute_loss`
    runs the teacher on the same batch and mixes the hard-label CE with T^2 KL."""

    def __init__(self, student: keras.Model, teacher: keras.Model, temperature: float,
                 alpha: float, order: str, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.student = student
        self.teacher = teacher
        self.temperature = temperature
        self.alpha = alpha
        self.order = order

    def call(self, inputs: Any, training: bool = False) -> Any:
        return self.student(inputs, training=training)

    def compute_loss(self, x: Any = None, y: Any = None, y_pred: Any = None,
                     sample_weight: Any = None, training: bool = True) -> Any:  # fmt: skip
        t = self.temperature
        teacher_soft = ops.softmax(self.teacher(x, training=False) / t)
        student_soft = ops.softmax(y_pred / t)
        if self.order == "swapped":
            kl = keras.losses.kl_divergence(student_soft, teacher_soft)
        else:
            kl = keras.losses.kl_divergence(teacher_soft, student_soft)
        hard = keras.losses.sparse_categorical_crossentropy(y, y_pred, from_logits=True)
        return ops.mean(self.alpha * hard + (1.0 - self.alpha) * t * t * kl)


def table_distill(kit: Kit, *, temperature: float = 3.0, alpha: float = 0.3,
                  teacher_epochs: int = 20, order: str = "teacher_first",
                  freeze_teacher: bool = True, width: int = 16, lr: float = 1e-3,
                  epochs: int = 30, batch_size: int = 64) -> Any:  # fmt: skip
    """The 6-class table (4000 train, 1000 validate, standardised): a teacher (Dense 256 ReLU
    x 2, 20 ep, a plain fit), then a `Distiller` around a student Dense 16 ReLU -> Dense 6
    logits, 0.3 CE + 0.7 T^2 KL at T = 3, the teacher run on each batch, Adam(1e-3), batch 64,
    30 ep. Options: `temperature`, `alpha`, `teacher_epochs` (0: an untrained teacher),
    `order` ("swapped" KL), `freeze_teacher` (False: `teacher.trainable` left True, so the
    KL term also trains the teacher), `width` of the student, the rate, epochs and batch."""
    x, xval, y, yval = table6()
    teacher = _table_teacher(kit.seed, teacher_epochs)
    if not freeze_teacher:  # a fresh copy, so the cached teacher stays as it was
        trained = teacher
        teacher = keras.models.clone_model(trained)
        teacher.set_weights(trained.get_weights())
    teacher.trainable = not freeze_teacher
    keras.utils.set_random_seed(kit.seed)
    student = keras.Sequential([keras.Input((20,)), layers.Dense(width, activation="relu"),
                                layers.Dense(6)], name="student")  # fmt: skip
    model = Distiller(student, teacher, temperature, alpha, order)
    model.compile(keras.optimizers.Adam(lr), metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def table_lowrank(kit: Kit, *, rank: int = 8, init: str = "svd", bias: float = 0.0,
                  lr: float = 1e-3, epochs: int = 15, batch_size: int = 64) -> Any:  # fmt: skip
    """The table teacher (Dense 256 ReLU x 2 -> Dense 6, 20 ep, a plain fit) compressed: each
    Dense(256) replaced by Dense(rank, no bias) -> Dense(256, ReLU), initialised from the
    teacher kernel's truncated SVD (U_r sqrt(S_r), sqrt(S_r) V_r^T, the teacher's bias) and
    the teacher's output layer copied; fine-tuned on the hard labels, sparse CE from logits,
    Adam(1e-3), batch 64, 15 ep. Options: `rank`, `init` ("random": the factorised model
    trained from Keras' default initialisation, the wide layers' bias Constant(`bias`)), the
    rate, epochs and batch."""
    x, xval, y, yval = table6()
    teacher = _table_teacher(kit.seed, 20)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((20,))
    h = inputs
    pairs = []
    for i in range(2):
        thin = layers.Dense(rank, use_bias=False, name=f"thin{i}")
        wide = layers.Dense(256, activation="relu", name=f"wide{i}",
                            bias_initializer=keras.initializers.Constant(bias))  # fmt: skip
        h = wide(thin(h))
        pairs.append((thin, wide))
    head = layers.Dense(6, name="head")
    model = keras.Model(inputs, head(h))
    if init == "svd":
        dense = [layer for layer in teacher.layers if isinstance(layer, layers.Dense)]
        for (thin, wide), source in zip(pairs, dense[:2], strict=True):
            kernel, b = source.get_weights()
            u, s, vt = np.linalg.svd(kernel, full_matrices=False)
            root = np.sqrt(s[:rank])
            thin.set_weights([(u[:, :rank] * root).astype("float32")])
            wide.set_weights([(root[:, None] * vt[:rank]).astype("float32"), b])
        head.set_weights(dense[2].get_weights())
    model.compile(keras.optimizers.Adam(lr),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class MaskedDense(layers.Layer):
    """A Dense layer whose kernel is multiplied by a fixed 0/1 mask in every call (the mask a
    non-trainable weight): pruned connections stay zero while the rest is fine-tuned."""

    def __init__(self, units: int, activation: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)

    def build(self, input_shape: Any) -> None:
        n = input_shape[-1]
        self.kernel = self.add_weight(shape=(n, self.units), initializer="glorot_uniform",
                                      name="kernel")  # fmt: skip
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")
        self.mask = self.add_weight(shape=(n, self.units), initializer="ones",
                                    trainable=False, name="mask")  # fmt: skip

    def call(self, inputs: Any) -> Any:
        return self.activation(ops.matmul(inputs, self.kernel * self.mask) + self.bias)


def digits_prune(kit: Kit, *, sparsity: float = 0.8, scope: str = "hidden",
                 keep: str = "largest", apply: str = "mask", lr: float = 5e-4,
                 epochs: int = 10, batch_size: int = 32) -> Any:  # fmt: skip
    """A dense digits model (Dense 256 ReLU -> Dense 128 ReLU -> softmax 10, 20 ep, a plain
    fit) pruned by magnitude: in each hidden layer the 80 % smallest |w| masked to zero (a
    `MaskedDense` with the trained weights and a fixed mask), then fine-tuned, sparse CE,
    Adam(5e-4), batch 32, 10 ep. Options: `sparsity` (the fraction zeroed), `scope` ("first":
    only the first layer; "all": the output layer too), `keep` ("smallest": the comparison
    the wrong way round, the largest weights pruned), `apply` ("once": the pruned weights
    zeroed once in plain Dense layers and not masked in training, so they grow back), the
    rate, epochs and batch."""
    x, xval, y, yval = digits_flat()
    dense = _digits_dense(kit.seed)
    keras.utils.set_random_seed(kit.seed)
    pruned = {"first": (0,), "hidden": (0, 1), "all": (0, 1, 2)}[scope]
    activations = ("relu", "relu", "softmax")
    units = (256, 128, 10)
    model = keras.Sequential([keras.Input((64,))])
    for i, source in enumerate(dense.layers):
        kernel, b = source.get_weights()
        mask = np.ones_like(kernel)
        if i in pruned:
            cut = np.quantile(np.abs(kernel), sparsity if keep == "largest" else 1 - sparsity)
            mask = ((np.abs(kernel) > cut) if keep == "largest"
                    else (np.abs(kernel) < cut)).astype("float32")  # fmt: skip
        if apply == "once":
            layer = layers.Dense(units[i], activation=activations[i])
            model.add(layer)
            layer.set_weights([kernel * mask, b])
        else:
            layer = MaskedDense(units[i], activation=activations[i])
            model.add(layer)
            layer.set_weights([kernel, b, mask])
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class SharedDense(layers.Layer):
    """A Dense layer whose kernel is `codebook[index]`: each weight one of k shared values
    (the trainable codebook), the index matrix fixed."""

    def __init__(self, index: np.ndarray, codebook: np.ndarray, bias: np.ndarray,
                 activation: str | None = None, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.index = index.astype("int32")
        self.start = codebook.astype("float32")
        self.start_bias = bias.astype("float32")
        self.activation = keras.activations.get(activation)

    def build(self, input_shape: Any) -> None:
        self.codebook = self.add_weight(shape=self.start.shape, name="codebook",
                                        initializer=keras.initializers.Constant(self.start))
        self.bias = self.add_weight(shape=self.start_bias.shape, name="bias",
                                    initializer=keras.initializers.Constant(self.start_bias))

    def call(self, inputs: Any) -> Any:
        kernel = ops.take(self.codebook, ops.convert_to_tensor(self.index))
        return self.activation(ops.matmul(inputs, kernel) + self.bias)


def digits_shared(kit: Kit, *, clusters: int = 16, centroids: str = "kmeans",
                  lr: float = 1e-3, epochs: int = 10, batch_size: int = 32) -> Any:  # fmt: skip
    """The dense digits model (as `digits_prune`'s) compressed by weight sharing: each
    layer's weights clustered into `clusters` values (1-d k-means on the trained kernel),
    the kernel rebuilt as codebook[index] in a `SharedDense`, the codebooks and biases
    fine-tuned, sparse CE, Adam(1e-3), batch 32, 10 ep. Options: `clusters`, `centroids`
    ("linear": the codebook started evenly spaced between the kernel's min and max, each
    weight assigned to the nearest), the rate, epochs and batch."""
    from sklearn.cluster import KMeans

    x, xval, y, yval = digits_flat()
    dense = _digits_dense(kit.seed)
    keras.utils.set_random_seed(kit.seed)
    activations = ("relu", "relu", "softmax")
    model = keras.Sequential([keras.Input((64,))])
    for i, source in enumerate(dense.layers):
        kernel, b = source.get_weights()
        flat = kernel.reshape(-1, 1)
        if centroids == "linear":
            codebook = np.linspace(flat.min(), flat.max(), clusters)
            index = np.abs(flat - codebook[None, :]).argmin(axis=1)
        else:
            km = KMeans(n_clusters=clusters, n_init=1, random_state=DATA_SEED + 613).fit(flat)
            codebook, index = km.cluster_centers_[:, 0], km.labels_
        model.add(SharedDense(index.reshape(kernel.shape), codebook, b, activations[i]))
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
