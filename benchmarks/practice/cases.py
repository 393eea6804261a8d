"""The catalogue: healthy scripts, and faulty ones that differ from a healthy counterpart by
one real-world bug pattern (DeepFD, defects4ML, AUTOTRAINER's Stack Overflow / GitHub faults).

`expect` is what naming the bug means, fixed before any run: the Watch problem ids that point
at the fault (a set-up id such as output_loss_mismatch, or the training problem it causes).
Whether a fault is harmful is not assumed: `results.py` labels it from the runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import keras

from benchmarks.practice import sequence, tabular, vision
from benchmarks.practice.kit import Kit

SEEDS = (11, 22, 33)


@dataclass(frozen=True)
class Case:
    name: str
    script: Callable[[Kit], keras.callbacks.History]
    kind: str = "healthy"  # or "faulty"
    counterpart: str = ""  # the healthy case a faulty one is compared with
    expect: frozenset[str] = field(default_factory=frozenset)
    note: str = ""


def healthy(name: str, script: Callable[..., keras.callbacks.History], note: str,
            **options: object) -> Case:  # fmt: skip
    return Case(name, partial(script, **options), note=note)


def faulty(name: str, counterpart: str, expect: str, note: str, **options: object) -> Case:
    script = {c.name: c.script for c in HEALTHY}[counterpart]
    assert isinstance(script, partial)
    return Case(name, partial(script.func, **{**script.keywords, **options}), "faulty",
                counterpart, frozenset(expect.split()), note)  # fmt: skip


HEALTHY = [
    healthy("cnn_digits", vision.cnn_digits, "Conv+MaxPool+Dropout, Adam, batch 128, 12 ep"),
    healthy("cnn_augment", vision.cnn_augment, "RandomRotation/Zoom/Translation in model, 20 ep"),
    healthy("cnn_batchnorm", vision.cnn_batchnorm, "Conv-BN-ReLU, GAP, Adam, batch 32, 15 ep"),
    healthy("mlp_digits", vision.mlp_digits, "Dense 256-128 + Dropout, RMSprop, 5 ep"),
    healthy("onehot_smoothing", vision.onehot_label_smoothing, "one-hot labels, "
            "label_smoothing 0.1, 6 ep"),
    healthy("tfdata_logits", vision.tfdata_pipeline, "tf.data, logits + "
            "from_logits, 8 ep"),
    healthy("denoising_ae", vision.autoencoder, "denoising autoencoder, MSE, no accuracy, 15 ep"),
    healthy("two_heads", vision.two_heads, "multi-output (softmax + sigmoid), 10 ep"),
    healthy("text_pooling", sequence.text_pooling, "Embedding + GAP1D, Adam, 8 ep"),
    healthy("text_expdecay", sequence.text_pooling, "Embedding + GAP1D, ExponentialDecay, 3 ep",
            schedule=True, epochs=3),
    healthy("text_bilstm", sequence.text_bilstm, "Bidirectional LSTM, mask_zero, 5 ep"),
    healthy("text_transformer", sequence.text_transformer, "one Transformer block, 6 ep"),
    healthy("signal_conv1d", sequence.signal_conv1d, "Conv1D series, ReduceLROnPlateau, 12 ep"),
    healthy("cancer_mlp", tabular.cancer_mlp, "StandardScaler, binary sigmoid head, 20 ep"),
    healthy("cancer_short", tabular.cancer_mlp, "StandardScaler, binary, batch 16, 4 ep",
            batch_size=16, epochs=4),
    healthy("wine_normalization", tabular.wine_normalization, "adapted Normalization, one-hot"),
    healthy("wine_sgd", tabular.wine_sgd, "SGD(0.01, momentum 0.9), 25 ep"),
    healthy("imbalanced_weighted", tabular.imbalanced_weighted, "92/8 %, class_weight, AUC"),
    healthy("diabetes_regression", tabular.diabetes_regression, "MSE + mae, 30 ep"),
    healthy("two_inputs", tabular.two_inputs, "multi-input functional model, 10 ep"),
    healthy("moons_callbacks", tabular.moons_callbacks, "EarlyStopping + ReduceLROnPlateau"),
    healthy("moons_cosine", tabular.moons_cosine, "CosineDecay schedule, tanh, 20 ep"),
]

FAULTY = [
    faulty("double_softmax", "cnn_digits", "output_loss_mismatch",
           "softmax output, SparseCategoricalCrossentropy(from_logits=True)",
           loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True)),
    faulty("linear_no_logits", "mlp_digits", "output_loss_mismatch improper_output",
           "linear output, sparse_categorical_crossentropy (from_logits=False)", head=None),
    faulty("sigmoid_cce", "wine_normalization", "output_loss_mismatch",
           "sigmoid output with categorical_crossentropy on 3 classes", head="sigmoid"),
    faulty("mse_onehot", "wine_normalization", "output_loss_mismatch",
           "MSE loss on one-hot classification", loss="mse"),
    faulty("unscaled_pixels", "cnn_digits", "unscaled_input", "pixels 0-255 not scaled",
           scale=False),
    faulty("unscaled_features", "cancer_mlp", "unscaled_input",
           "no StandardScaler (features 0.001 to 4000)", scale=False),
    faulty("adam_lr_1", "cancer_mlp",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "Adam(learning_rate=1.0)", lr=1.0),
    faulty("adam_lr_10", "cnn_digits",
           "exploding_gradient oscillating_loss dying_relu learning_rate_out_of_range",
           "Adam(learning_rate=10.0)", lr=10.0),
    faulty("lr_1e-6", "cnn_digits", "slow_convergence setup_stall learning_rate_out_of_range",
           "Adam(learning_rate=1e-6)", lr=1e-6),
    faulty("relu_output_regression", "diabetes_regression",
           "improper_output output_loss_mismatch dying_relu slow_convergence setup_stall",
           "ReLU output layer, targets half negative", head="relu"),
    faulty("deep_sigmoid_sgd", "wine_sgd", "vanishing_gradient slow_convergence",
           "8 sigmoid Dense layers, plain SGD(0.01)", depth=8, activation="sigmoid",
           momentum=0.0),
    faulty("zeros_init", "mlp_digits",
           "dying_relu vanishing_gradient slow_convergence setup_stall",
           "kernel_initializer='zeros' everywhere", init="zeros"),
    faulty("full_batch", "mlp_digits", "slow_convergence",
           "batch_size = whole training set (1437), 5 epochs", batch_size=1437),
    faulty("dropout_0.9", "mlp_digits", "slow_convergence", "Dropout(0.9) twice",
           dropout=0.9),
    faulty("labels_1_to_10", "mlp_digits", "label_mismatch",
           "labels shifted to 1..10 with 10 output units", label_shift=1),
    faulty("batchnorm_short", "cnn_batchnorm", "",
           "BatchNorm CNN stopped after 5 epochs: moving statistics still far from the batch "
           "ones (training accuracy high, validation near chance); no Watch problem fits",
           epochs=5),
    faulty("binary_softmax", "cancer_mlp",
           "output_loss_mismatch improper_output setup_stall slow_convergence",
           "Dense(1, activation='softmax') with binary_crossentropy", head="softmax"),
    faulty("binary_cce", "cancer_mlp", "output_loss_mismatch setup_stall slow_convergence",
           "one sigmoid unit with categorical_crossentropy (loss is always 0)",
           loss="categorical_crossentropy"),
]

CASES = {c.name: c for c in HEALTHY + FAULTY}
QUICK = ("cancer_mlp", "text_expdecay", "unscaled_features", "binary_softmax")
