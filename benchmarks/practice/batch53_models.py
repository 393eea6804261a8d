"""Batch-53 noisy / weak / semi-supervised label scripts (keyword options are the faults,
the defaults the healthy choice): an MLP on labels with injected noise (symmetric or
class-dependent, label smoothing), knowledge distillation of a digits teacher into a small
student (temperature-scaled soft targets, KL divergence), a pseudo-labelling round on
digits, crowd votes averaged into soft targets (with confidence sample weights) and mixup
in a tf.data pipeline. Each script calls `kit.fit` once (a teacher's fit is a plain `fit`).
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch53_data import crowd_table, digits_split, flip_labels, noisy_table
from benchmarks.practice.kit import Kit


def _mlp(inputs: int, width: int, depth: int, out: int, activation: str | None,
         dropout: float = 0.0) -> keras.Model:  # fmt: skip
    model = keras.Sequential([keras.Input((inputs,))])
    for _ in range(depth):
        model.add(layers.Dense(width, activation="relu"))
        if dropout:
            model.add(layers.Dropout(dropout))
    model.add(layers.Dense(out, activation=activation))
    return model


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    return keras.optimizers.SGD(lr, momentum=0.9) if name == "sgd" else keras.optimizers.Adam(lr)


def noisy_labels_mlp(kit: Kit, *, noise: float = 0.2, kind: str = "symmetric",
                     source: int = 0, target: int = 1, label_smoothing: float = 0.0,
                     optimizer: str = "adam", lr: float = 1e-3, width: int = 64,
                     dropout: float = 0.0, batch_size: int = 32,
                     epochs: int = 20) -> Any:  # fmt: skip
    """A generated 4-class table (3000 training rows, 1000 clean validation rows, 20
    standardised features) whose training labels carry 20 % symmetric noise: Dense 64 ReLU x
    2 -> softmax 4, one-hot labels, CategoricalCrossentropy, Adam(1e-3), batch 32, 20 epochs.
    Options: `noise` (the share of flipped labels), `kind` ("symmetric": to any other class;
    "pair": `noise` of the `source` class relabelled `target`), `label_smoothing`, the
    optimizer ("adam" / "sgd" with momentum 0.9) and rate, width, dropout, batch, epochs."""
    x, xval, y, yval = noisy_table()
    y = flip_labels(y, noise, kind, 4, source, target) if noise else y
    keras.utils.set_random_seed(kit.seed)
    model = _mlp(20, width, 2, 4, "softmax", dropout)
    model.compile(_optimizer(optimizer, lr),
                  keras.losses.CategoricalCrossentropy(label_smoothing=label_smoothing),
                  metrics=["accuracy"])  # fmt: skip
    onehot, onehot_val = keras.utils.to_categorical(y, 4), keras.utils.to_categorical(yval, 4)
    return kit.fit(model, x, onehot, probe_data=(x, onehot), epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, onehot_val))  # fmt: skip


def _swapped_kl(y_true: Any, y_pred: Any) -> Any:
    return keras.losses.kl_divergence(y_pred, y_true)  # the arguments swapped


def distill_student(kit: Kit, *, temperature: float = 4.0, targets: str = "soft",
                    loss: str = "kld", teacher_epochs: int = 20, student_width: int = 32,
                    lr: float = 1e-3, batch_size: int = 32, epochs: int = 20) -> Any:  # fmt: skip
    """Knowledge distillation on sklearn digits (1200 train, 597 validate, 64 pixels / 16):
    a teacher Dense 256 ReLU -> Dense 10 (logits) trained with a plain `fit` (sparse CE
    from_logits, Adam(1e-3), 20 epochs); its training-set logits / T through a softmax (T =
    4) are the student's targets; the student Dense 32 ReLU -> softmax 10 learns them under
    KLDivergence, Adam(1e-3), batch 32, 20 epochs, validated on the true one-hot labels.
    Options: `temperature`, `targets` ("soft"; "logits": the teacher's raw logits handed to
    the probability loss; "hard": one-hot of the teacher's argmax), `loss` ("kld"; "cce":
    categorical_crossentropy on the targets; "kld_swapped": a hand-written loss calling
    kl_divergence(y_pred, y_true)), `teacher_epochs` (0: the teacher never trained)."""
    x, xval, y, yval = digits_split()
    keras.utils.set_random_seed(kit.seed)
    teacher = _mlp(64, 256, 1, 10, None)
    teacher.compile(keras.optimizers.Adam(1e-3),
                    keras.losses.SparseCategoricalCrossentropy(from_logits=True))  # fmt: skip
    if teacher_epochs:
        teacher.fit(x, y, epochs=teacher_epochs, batch_size=32, verbose=0)
    logits = teacher.predict(x, verbose=0)
    if targets == "logits":
        soft = logits
    elif targets == "hard":
        soft = keras.utils.to_categorical(logits.argmax(axis=1), 10)
    else:
        soft = keras.ops.convert_to_numpy(keras.ops.softmax(logits / temperature, axis=-1))
    student = _mlp(64, student_width, 1, 10, "softmax")
    loss_fn = {"kld": keras.losses.KLDivergence(), "cce": "categorical_crossentropy",
               "kld_swapped": _swapped_kl}[loss]  # fmt: skip
    student.compile(keras.optimizers.Adam(lr), loss_fn,
                    metrics=[keras.metrics.CategoricalAccuracy(name="accuracy")])  # fmt: skip
    return kit.fit(student, x, soft, probe_data=(x, soft), epochs=epochs,
                   batch_size=batch_size,
                   validation_data=(xval, keras.utils.to_categorical(yval, 10)))  # fmt: skip


def pseudo_label(kit: Kit, *, labelled: int = 100, threshold: float = 0.8,
                 teacher_epochs: int = 100, weights: str = "none", lr: float = 1e-3,
                 batch_size: int = 32, epochs: int = 20) -> Any:  # fmt: skip
    """Pseudo-labelling on sklearn digits: the first `labelled` (100) training images keep
    their labels, the other 1100 are unlabelled. A teacher Dense 64 ReLU -> softmax 10
    (Adam(1e-3), batch 16, 100 epochs, a plain `fit`) predicts the unlabelled images; those
    with a top probability >= `threshold` (0.8) get its argmax as label; a fresh student of
    the same shape trains on the labelled + pseudo-labelled rows, sparse CE, Adam(1e-3),
    batch 32, 20 epochs, validated on 597 labelled images. Options: `threshold` (0: every
    prediction kept), `teacher_epochs` (0: the teacher never trained), `weights` ("none";
    "confidence": sample_weight 1 for the labelled rows, the top probability for pseudo
    rows)."""
    x, xval, y, yval = digits_split()
    keras.utils.set_random_seed(kit.seed)
    teacher = _mlp(64, 64, 1, 10, "softmax")
    teacher.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    if teacher_epochs:
        teacher.fit(x[:labelled], y[:labelled], epochs=teacher_epochs, batch_size=16,
                    verbose=0)  # fmt: skip
    probs = teacher.predict(x[labelled:], verbose=0)
    keep = probs.max(axis=1) >= threshold
    x_all = np.concatenate([x[:labelled], x[labelled:][keep]])
    y_all = np.concatenate([y[:labelled], probs.argmax(axis=1)[keep]])
    sample_weight = None
    if weights == "confidence":
        sample_weight = np.concatenate([np.ones(labelled, "float32"),
                                        probs.max(axis=1)[keep]]).astype("float32")  # fmt: skip
    student = _mlp(64, 64, 1, 10, "softmax")
    student.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                    metrics=["accuracy"])  # fmt: skip
    return kit.fit(student, x_all, y_all, probe_data=(x_all, y_all), epochs=epochs,
                   batch_size=batch_size, sample_weight=sample_weight,
                   validation_data=(xval, yval), shuffle=True)  # fmt: skip


def crowd_mlp(kit: Kit, *, targets: str = "fractions", weights: str = "none",
              optimizer: str = "adam", lr: float = 1e-3, batch_size: int = 32,
              epochs: int = 20) -> Any:  # fmt: skip
    """Crowd labels: a generated 3-class table (3000 training rows, 16 standardised
    features) labelled by 5 annotators (classes 0 and 1 right 85 % of the time, the hard
    class 2 only 60 %), the votes averaged into soft targets (fractions summing to 1):
    Dense 64 ReLU x 2 -> softmax 3, categorical CE, Adam(1e-3), batch 32, 20 epochs,
    validated on 1000 clean labels. Options: `targets` ("fractions"; "majority": one-hot of
    the majority vote; "counts": the raw vote counts, summing to 5), `weights` ("none";
    "confidence": sample_weight = the winning vote share; "unanimous": weight 1 only for rows
    all 5 annotators agree on, else 0; "column": the share of votes for class 1 (soft[:, 1]
    typed for soft.max(axis=1)), 0 on most class-0 rows), the optimizer ("adam" / "sgd"
    with momentum 0.9) and rate, batch, epochs."""
    x, xval, votes, yval = crowd_table()
    soft = votes / votes.sum(axis=1, keepdims=True)
    y = {"fractions": soft, "counts": votes,
         "majority": keras.utils.to_categorical(votes.argmax(axis=1), 3)}[targets]  # fmt: skip
    sample_weight = {"none": None, "confidence": soft.max(axis=1),
                     "unanimous": (soft.max(axis=1) == 1.0).astype("float32"),
                     "column": soft[:, 1]}[weights]  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    model = _mlp(16, 64, 2, 3, "softmax")
    model.compile(_optimizer(optimizer, lr), "categorical_crossentropy",
                  metrics=[keras.metrics.CategoricalAccuracy(name="accuracy")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   sample_weight=sample_weight,
                   validation_data=(xval, keras.utils.to_categorical(yval, 3)))  # fmt: skip


def mixup_mlp(kit: Kit, *, alpha: float = 0.2, mix: str = "both", noise: float = 0.0,
              lr: float = 1e-3, batch_size: int = 32, epochs: int = 20) -> Any:  # fmt: skip
    """Mixup in a tf.data pipeline on the generated 4-class table (3000 training rows, 1000
    clean validation rows): each shuffled batch of 32 is mixed with a reversed copy of
    itself, lam ~ Beta(alpha, alpha) a batch (alpha 0.2), x = lam x + (1 - lam) x', y = lam
    y + (1 - lam) y' on one-hot labels; Dense 64 ReLU x 2 -> softmax 4, categorical CE,
    Adam(1e-3), 20 epochs. Options: `alpha`, `mix` ("both"; "labels": the labels mixed, the
    inputs left alone; "inputs": the inputs mixed, the labels left alone; "none"), `noise`
    (symmetric label noise on the training labels)."""
    import tensorflow as tf

    x, xval, y, yval = noisy_table()
    y = flip_labels(y, noise) if noise else y
    onehot = keras.utils.to_categorical(y, 4).astype("float32")
    keras.utils.set_random_seed(kit.seed)

    def _mix(xb: Any, yb: Any) -> tuple[Any, Any]:
        g1 = tf.random.gamma([], alpha)
        g2 = tf.random.gamma([], alpha)
        lam = g1 / (g1 + g2)
        xr, yr = tf.reverse(xb, [0]), tf.reverse(yb, [0])
        if mix in ("both", "inputs"):
            xb = lam * xb + (1.0 - lam) * xr
        if mix in ("both", "labels"):
            yb = lam * yb + (1.0 - lam) * yr
        return xb, yb

    data = tf.data.Dataset.from_tensor_slices((x, onehot)).shuffle(3000, seed=kit.seed)
    data = data.batch(batch_size)
    if mix != "none":
        data = data.map(_mix)
    model = _mlp(20, 64, 2, 4, "softmax")
    model.compile(keras.optimizers.Adam(lr), "categorical_crossentropy",
                  metrics=[keras.metrics.CategoricalAccuracy(name="accuracy")])  # fmt: skip
    return kit.fit(model, data, probe_data=(x, onehot), epochs=epochs,
                   validation_data=(xval, keras.utils.to_categorical(yval, 4)))  # fmt: skip
