"""Each pre-flight rule on real Keras models (built in milliseconds) and real arrays: it fires
on the set-up bug and stays quiet on the fixed program."""

from __future__ import annotations

import dataclasses
from typing import Any

import keras
import numpy as np
import pytest

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight import RULES, preflight
from autotrainer_keras.detect.preflight.binary_loss_multiclass import binary_loss_multiclass
from autotrainer_keras.detect.preflight.bounded_regression_head import bounded_regression_head
from autotrainer_keras.detect.preflight.categorical_one_unit import categorical_one_unit
from autotrainer_keras.detect.preflight.constant_input import constant_input
from autotrainer_keras.detect.preflight.feature_spread import feature_spread
from autotrainer_keras.detect.preflight.hidden_softmax import hidden_softmax
from autotrainer_keras.detect.preflight.high_dropout import high_dropout
from autotrainer_keras.detect.preflight.high_penalty import high_penalty
from autotrainer_keras.detect.preflight.input_scale import input_scale
from autotrainer_keras.detect.preflight.label_classes import label_classes
from autotrainer_keras.detect.preflight.label_encoding import label_encoding
from autotrainer_keras.detect.preflight.learning_rate import learning_rate, schedule_spent
from autotrainer_keras.detect.preflight.linear_stack import linear_stack
from autotrainer_keras.detect.preflight.probability_loss_head import probability_loss_head
from autotrainer_keras.detect.preflight.probability_targets import probability_targets
from autotrainer_keras.detect.preflight.regression_loss_on_classes import regression_loss_on_classes
from autotrainer_keras.detect.preflight.sample_weights import sample_weights
from autotrainer_keras.detect.preflight.small_budget import small_budget
from autotrainer_keras.detect.preflight.softmax_multilabel import softmax_multilabel
from autotrainer_keras.detect.preflight.softmax_one_unit import constant_softmax, softmax_one_unit
from autotrainer_keras.detect.preflight.tiny_input import tiny_input
from autotrainer_keras.detect.preflight.uniform_targets import uniform_targets
from autotrainer_keras.detect.preflight.validation_inputs import validation_inputs
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.layer_graph import linear_stacks
from autotrainer_keras.measure.output_end import output_activation_known, output_end
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair.operators.nonlinear import linear_feeders

T = PreflightThresholds()
RNG = np.random.default_rng(0)


def mlp(inputs: int, out: int, out_act: str, hidden_act: str = "relu", hidden: int = 1,
        first: keras.layers.Layer | None = None) -> keras.Model:  # fmt: skip
    model = keras.Sequential([keras.Input((inputs,)), *([first] if first else [])])
    for _ in range(hidden):
        model.add(keras.layers.Dense(8, activation=hidden_act))
    model.add(keras.layers.Dense(out, activation=out_act))
    return model


def sheet(model: keras.Model, x: np.ndarray, y: np.ndarray, loss: str, *,
          x_val: np.ndarray | None = None, y_val: np.ndarray | None = None,
          optimizer: str = "adam", lr: float | None = 1e-3, epochs: int = 20,
          batch: int = 32, from_logits: bool | None = False) -> SetupFacts:  # fmt: skip
    data = Dataset(x, y, x if x_val is None else x_val, y if y_val is None else y_val)
    default = 0.01 if optimizer == "sgd" else 1e-3
    facts = model_facts(
        model,
        loss=loss,
        optimizer=optimizer,
        learning_rate=lr,
        default_learning_rate=default,
        epochs=epochs,
        batch_size=batch,
        from_logits=from_logits,
    )
    return SetupFacts(facts, data_facts(data))


X = RNG.standard_normal((400, 4)).astype("float32")
Y01 = (X[:, 0] > 0).astype("float32")
Y3 = np.digitize(X[:, 0], [-0.4, 0.4]).astype("int32")
ONEHOT = np.eye(3, dtype="float32")[Y3]
YREG = (X @ np.array([1.0, -2.0, 0.5, 0.0])).astype("float32").reshape(-1, 1)


def test_softmax_on_one_unit_fires_and_sigmoid_does_not() -> None:
    bad = softmax_one_unit(sheet(mlp(4, 1, "softmax"), X, Y01, "binary_crossentropy"), T)
    assert bad is not None and bad.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    assert "1 unit with softmax" in bad.reason and "always outputs 1" in bad.reason
    assert softmax_one_unit(sheet(mlp(4, 1, "sigmoid"), X, Y01, "binary_crossentropy"), T) is None


@pytest.mark.parametrize("loss", ["categorical_crossentropy", "categorical_focal_crossentropy"])
def test_a_categorical_loss_over_one_unit_fires_and_two_units_do_not(loss: str) -> None:
    """The practice benchmark's `binary_cce`: categorical cross-entropy on one sigmoid unit
    trained at loss 0.000 from the first step, with no other finding."""
    bad = categorical_one_unit(sheet(mlp(4, 1, "sigmoid"), X, Y01, loss), T)
    assert bad is not None and bad.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    assert "is 0 for every label" in bad.reason and "binary_crossentropy" in bad.reason
    assert categorical_one_unit(sheet(mlp(4, 3, "softmax"), X, ONEHOT, loss), T) is None
    assert categorical_one_unit(sheet(mlp(4, 1, "sigmoid"), X, Y01, "binary_crossentropy"),
                                T) is None  # fmt: skip


def test_inputs_of_one_value_everywhere_fire_and_text_or_varying_inputs_do_not() -> None:
    """The practice benchmark's `zero_features` (every input 0 after an integer division)
    was named dying ReLU at epoch 1: true, but the data is the cause."""
    zeros = np.zeros_like(X)
    sparse = "sparse_categorical_crossentropy"
    bad = constant_input(sheet(mlp(4, 3, "softmax"), zeros, Y3, sparse), T)
    assert bad is not None and bad.problem is SetupProblem.CONSTANT_INPUT
    assert "every input value is 0" in bad.reason and "data pipeline" in bad.reason
    assert constant_input(sheet(mlp(4, 3, "softmax"), X, Y3, "sparse_categorical_crossentropy"),
                          T) is None  # fmt: skip
    one_column = X.copy()
    one_column[:, 1:] = 0.0  # one informative feature is enough
    assert constant_input(sheet(mlp(4, 3, "softmax"), one_column, Y3,
                                "sparse_categorical_crossentropy"), T) is None  # fmt: skip


def weighted_sheet(weights: np.ndarray | None) -> SetupFacts:
    data = Dataset(X, Y3, X, Y3, sample_weight=weights)
    facts = model_facts(mlp(4, 3, "softmax"), loss="sparse_categorical_crossentropy",
                        optimizer="adam", learning_rate=1e-3, default_learning_rate=1e-3,
                        epochs=20, batch_size=32, from_logits=False)  # fmt: skip
    return SetupFacts(facts, data_facts(data))


def test_all_zero_or_negative_sample_weights_fire_and_usual_weights_do_not() -> None:
    """Practice batch 3's `sample_weight_zero` (weights `row // n`: all 0) crashed `Watch`'s
    baseline and then read as slow convergence at a loss of 0."""
    zero = sample_weights(weighted_sheet(np.zeros(len(X))), T)
    assert zero is not None and zero.problem is SetupProblem.SAMPLE_WEIGHTS
    assert "every one of the 400 training sample weights is 0" in zero.reason
    negative = np.ones(len(X))
    negative[:7] = -1.0
    flipped = sample_weights(weighted_sheet(negative), T)
    assert flipped is not None and "7 of the 400" in flipped.reason
    some_zero = np.ones(len(X))
    some_zero[::2] = 0.0  # a mask that drops half the rows is a choice, not a bug
    assert sample_weights(weighted_sheet(some_zero), T) is None
    assert sample_weights(weighted_sheet(None), T) is None


def test_softmax_in_a_separate_activation_layer_counts() -> None:
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1),
                              keras.layers.Activation("softmax")])  # fmt: skip
    assert softmax_one_unit(sheet(model, X, Y01, "binary_crossentropy"), T) is not None


@pytest.mark.parametrize("act, y", [("sigmoid", YREG), ("relu", YREG), ("tanh", YREG * 5)])
def test_bounded_regression_head_fires_when_targets_leave_its_range(act: str, y: np.ndarray
                                                                   ) -> None:  # fmt: skip
    finding = bounded_regression_head(sheet(mlp(4, 1, act), X, y, "mse"), T)
    assert finding is not None and act in finding.reason
    assert finding.evidence["y_min"] < finding.evidence["output_min"] or (
        finding.evidence["y_max"] > finding.evidence["output_max"]
    )


def test_bounded_regression_head_quiet_for_linear_or_targets_in_range() -> None:
    assert bounded_regression_head(sheet(mlp(4, 1, "linear"), X, YREG, "mse"), T) is None
    positive = np.abs(YREG) + 0.1
    assert bounded_regression_head(sheet(mlp(4, 1, "relu"), X, positive, "mse"), T) is None


def test_bounded_regression_head_fires_when_only_the_validation_targets_leave_its_range() -> None:
    """Practice batch 5's trend_sigmoid_head: a trending series min-max scaled on its
    training part reaches 1.3 in validation; a sigmoid head cannot follow. Validation
    targets a hair past the range (within 0.1 of the training span), or one outlying value
    past it, stay quiet."""
    trend = np.linspace(0.0, 1.0, 400).astype("float32").reshape(-1, 1)
    past = sheet(mlp(4, 1, "sigmoid"), X, trend, "mse", x_val=X[:100],
                 y_val=np.linspace(1.0, 1.3, 100).astype("float32").reshape(-1, 1))  # fmt: skip
    finding = bounded_regression_head(past, T)
    assert finding is not None and "validation targets range from 1 to 1.3" in finding.reason
    hair = sheet(mlp(4, 1, "sigmoid"), X, trend, "mse", x_val=X[:100],
                 y_val=np.linspace(0.5, 1.05, 100).astype("float32").reshape(-1, 1))  # fmt: skip
    assert bounded_regression_head(hair, T) is None
    outlier = np.linspace(0.0, 0.95, 200).astype("float32").reshape(-1, 1)
    outlier[7] = 1.18  # one value of a table min-max scaled on its training rows
    single = sheet(mlp(4, 1, "sigmoid"), X, trend, "mse", x_val=X[:100], y_val=outlier[:100])
    assert bounded_regression_head(single, T) is None  # practice batch 28's autoencoder
    linear = sheet(mlp(4, 1, "linear"), X, trend, "mse", x_val=X[:100],
                   y_val=np.linspace(1.0, 1.3, 100).astype("float32").reshape(-1, 1))  # fmt: skip
    assert bounded_regression_head(linear, T) is None


def test_boolean_labels_are_read_as_0_and_1() -> None:
    """The validation targets' percentiles (bounded head) on `y > 0` labels: NumPy cannot
    interpolate booleans (without the cast, a TypeError in `data_facts` for any such job)."""
    from autotrainer_keras.io.data import Dataset
    from autotrainer_keras.measure.setup_facts import data_facts

    labels = X[:, 0] > 0
    facts = data_facts(Dataset(X, labels, X, labels))
    assert (facts.y_val_low, facts.y_val_high) == (0.0, 1.0)


def test_regression_loss_on_classes() -> None:
    binary = sheet(mlp(4, 1, "sigmoid"), X, Y01, "mse")
    onehot = sheet(mlp(4, 3, "softmax"), X, ONEHOT, "mean_absolute_error")
    assert regression_loss_on_classes(binary, T) is not None
    found = regression_loss_on_classes(onehot, T)
    assert found is not None and found.evidence["suspicion"] == 1.0  # retraining tests it
    fine = sheet(mlp(4, 3, "softmax"), X, ONEHOT, "categorical_crossentropy")
    assert regression_loss_on_classes(fine, T) is None
    assert regression_loss_on_classes(sheet(mlp(4, 1, "linear"), X, YREG, "mse"), T) is None


def test_softmax_on_multilabel() -> None:
    multi = (RNG.random((400, 5)) > 0.5).astype("float32")
    multi[multi.sum(axis=1) < 2, :2] = 1.0
    bad = sheet(mlp(4, 5, "softmax"), X, multi, "categorical_crossentropy")
    assert softmax_multilabel(bad, T) is not None
    fine = sheet(mlp(4, 5, "sigmoid"), X, multi, "binary_crossentropy")
    assert softmax_multilabel(fine, T) is None
    assert softmax_multilabel(sheet(mlp(4, 3, "softmax"), X, ONEHOT, "categorical_crossentropy"),
                              T) is None  # fmt: skip
    # a sigmoid head under categorical cross-entropy: Keras scales the outputs to sum to 1
    sigmoid_categorical = sheet(mlp(4, 5, "sigmoid"), X, multi, "categorical_crossentropy")
    found = softmax_multilabel(sigmoid_categorical, T)
    assert found is not None and "binary cross-entropy" in found.reason


def test_label_smoothing_of_one_or_more_makes_every_target_the_same() -> None:
    """`label_smoothing=True` reads as 1.0: every target 1/K (practice batch 42)."""
    base = sheet(mlp(4, 3, "softmax"), X, ONEHOT, "categorical_crossentropy")
    for smoothing, named in ((1.0, True), (1.5, True), (0.9, False), (0.1, False), (0.0, False)):
        smoothed = dataclasses.replace(base.model, label_smoothing=smoothing)
        found = uniform_targets(dataclasses.replace(base, model=smoothed), T)
        assert (found is not None) is named, smoothing
    sparse = sheet(mlp(4, 3, "softmax"), X, Y3, "sparse_categorical_crossentropy")
    one = dataclasses.replace(sparse, model=dataclasses.replace(sparse.model, label_smoothing=1.0))
    assert uniform_targets(one, T) is None  # a sparse loss takes no smoothing


def test_binary_loss_on_three_classes() -> None:
    assert binary_loss_multiclass(sheet(mlp(4, 1, "sigmoid"), X, Y3, "binary_crossentropy"),
                                  T) is not None  # fmt: skip
    onehot = sheet(mlp(4, 3, "softmax"), X, ONEHOT, "binary_crossentropy")
    assert binary_loss_multiclass(onehot, T) is not None
    assert binary_loss_multiclass(sheet(mlp(4, 1, "sigmoid"), X, Y01, "binary_crossentropy"),
                                  T) is None  # fmt: skip


@pytest.mark.parametrize("labels, fires", [(Y01 + 1, True), (2 * Y01 - 1, True), (Y01, False),
                                           (0.1 + 0.8 * Y01, False), (Y3, False)])  # fmt: skip
def test_binary_labels_outside_zero_and_one(labels: np.ndarray, fires: bool) -> None:
    found = probability_targets(sheet(mlp(4, 1, "sigmoid"), X, labels, "binary_crossentropy"), T)
    assert (found is not None) is fires
    if fires:
        assert found.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
        assert found.evidence["target_min"] == labels.min()


def test_binary_labels_in_range_for_training_but_not_validation() -> None:
    facts = sheet(mlp(4, 1, "sigmoid"), X, Y01, "binary_crossentropy", x_val=X, y_val=Y01 + 1)
    assert probability_targets(facts, T) is not None
    assert probability_targets(sheet(mlp(4, 1, "linear"), X, YREG, "mse"), T) is None


@pytest.mark.parametrize("targets, fix", [
    (Y01 + 1, "code the two classes as 0 and 1"),
    (np.linspace(0, 254.8, len(X), dtype="float32"), "divide by 255"),
    (np.linspace(0, 7.5, len(X), dtype="float32"), "divide by 7.5"),
    (np.linspace(-2, 3, len(X), dtype="float32"), "map [-2, 3] onto [0, 1]"),
])  # fmt: skip
def test_binary_cross_entropy_targets_outside_zero_and_one_name_their_fix(
    targets: np.ndarray, fix: str
) -> None:  # practice batch 23's denoiser: image targets 0..255 are not two classes
    found = probability_targets(sheet(mlp(4, 1, "sigmoid"), X, targets, "binary_crossentropy"),
                                T)  # fmt: skip
    assert found is not None and found.reason.endswith(
        fix if "classes" in fix else f"({fix}), or use a regression loss (mse) on them")


def test_minus_one_beside_zero_and_one_reads_as_missing_labels_to_mask_not_to_recode() -> None:
    """Practice batch 77's assays: six tasks, -1 where an assay was not run; the advice had
    been to map [-1, 1] onto [0, 1], which reads the missing labels as negatives (0.648
    against 0.849) or as 0.5."""
    labels = RNG.choice([-1.0, 0.0, 1.0], size=(len(X), 6)).astype("float32")
    found = probability_targets(sheet(mlp(4, 6, "sigmoid"), X, labels, "binary_crossentropy"), T)
    assert found is not None and "usual code of a missing label" in found.reason
    assert "onto [0, 1]" not in found.reason
    signed = RNG.choice([-1.0, 1.0], size=(len(X), 6)).astype("float32")  # no 0: a +-1 code
    found = probability_targets(sheet(mlp(4, 6, "sigmoid"), X, signed, "binary_crossentropy"), T)
    assert found is not None and "missing label" not in found.reason


def test_kl_divergence_on_log_probabilities_or_a_linear_head() -> None:
    probs = np.full((len(X), 3), 1 / 3, dtype="float32")
    assert probability_targets(sheet(mlp(4, 3, "softmax"), X, np.log(probs),
                                     "kl_divergence"), T) is not None  # fmt: skip
    assert probability_targets(sheet(mlp(4, 3, "softmax"), X, probs, "kl_divergence"),
                               T) is None  # fmt: skip
    linear = probability_loss_head(sheet(mlp(4, 3, "linear"), X, probs, "kl_divergence"), T)
    assert linear is not None and "clips them into [1e-7, 1]" in linear.reason
    assert probability_loss_head(sheet(mlp(4, 3, "softmax"), X, probs, "kl_divergence"),
                                 T) is None  # fmt: skip


def test_categorical_cross_entropy_on_logits_or_counts_but_not_on_distributions() -> None:
    """Practice batch 53: a teacher's logits as targets (the loss falls without end) and raw
    vote counts (rows summing to 5); soft targets, one-hot rows and smoothed rows are fine."""
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 4, (len(X), 3)).astype("float32")
    soft = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    votes = rng.multinomial(5, [0.5, 0.3, 0.2], len(X)).astype("float32")
    for targets, words in ((logits, "falls without end"), (votes, "divide each row by its sum")):
        found = probability_targets(sheet(mlp(4, 3, "softmax"), X, targets,
                                          "categorical_crossentropy"), T)  # fmt: skip
        assert found is not None and words in found.reason
        assert found.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    ids = np.arange(len(X)) % 3  # class ids under the categorical loss: label_encoding's
    assert probability_targets(sheet(mlp(4, 3, "softmax"), X, ids, "categorical_crossentropy"),
                               T) is None  # fmt: skip
    for fine in (soft, ONEHOT, 0.9 * ONEHOT + 0.1 / 3):
        assert probability_targets(sheet(mlp(4, 3, "softmax"), X, fine.astype("float32"),
                                         "categorical_crossentropy"), T) is None  # fmt: skip


def test_label_encoding_for_the_other_cross_entropy() -> None:
    sparse_on_onehot = label_encoding(
        sheet(mlp(4, 3, "softmax"), X, ONEHOT, "sparse_categorical_crossentropy"), T
    )
    assert sparse_on_onehot is not None
    assert sparse_on_onehot.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    assert "one-hot (3 columns)" in sparse_on_onehot.reason
    assert "categorical_crossentropy fits" in sparse_on_onehot.reason
    categorical_on_ints = label_encoding(
        sheet(mlp(4, 3, "softmax"), X, Y3, "categorical_crossentropy"), T
    )
    assert categorical_on_ints is not None and "class indices 0..2" in categorical_on_ints.reason
    for y, loss in ((Y3, "sparse_categorical_crossentropy"), (ONEHOT, "categorical_crossentropy")):
        assert label_encoding(sheet(mlp(4, 3, "softmax"), X, y, loss), T) is None


def test_label_classes_single_class_and_split_without_a_class() -> None:
    model = mlp(4, 3, "softmax")
    single = sheet(model, X, np.zeros(400, "int32"), "sparse_categorical_crossentropy")
    assert label_classes(single, T) is not None
    ordered = sheet(model, X[:300], np.sort(Y3)[:300], "sparse_categorical_crossentropy",
                    x_val=X[300:], y_val=np.sort(Y3)[300:])  # fmt: skip
    finding = label_classes(ordered, T)
    assert finding is not None and "ordered by label" in finding.reason
    assert label_classes(sheet(model, X, Y3, "sparse_categorical_crossentropy"), T) is None
    # a loss of the user's own may ignore its targets: dummy zeros for a triplet loss
    assert label_classes(sheet(model, X, np.zeros(400, "int32"), "triplet_loss"), T) is None


def test_input_scale_raw_pixels_and_its_fix() -> None:
    pixels = RNG.integers(0, 256, (300, 8, 8, 1)).astype("float32")
    y = RNG.integers(0, 10, 300).astype("int32")
    cnn = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Flatten(),
                            keras.layers.Dense(10, activation="softmax")])  # fmt: skip
    finding = input_scale(sheet(cnn, pixels, y, "sparse_categorical_crossentropy"), T)
    assert finding is not None and "raw pixel" in finding.reason
    scaled = sheet(cnn, pixels / 255.0, y, "sparse_categorical_crossentropy")
    assert input_scale(scaled, T) is None
    rescaling = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Rescaling(1 / 255),
                                  keras.layers.Flatten(), keras.layers.Dense(10)])  # fmt: skip
    assert input_scale(sheet(rescaling, pixels, y, "sparse_categorical_crossentropy"), T) is None


def test_input_scale_quiet_when_batchnorm_follows_the_first_layer_with_weights() -> None:
    """Conv -> BatchNormalization: the normalisation undoes the scale of large inputs (the
    second zoo's ResNet trains as well on raw 0..255 pixels); a ReLU after the conv does not,
    and tiny inputs are still named (BatchNormalization's epsilon dominates their variance)."""
    pixels = RNG.integers(0, 256, (300, 8, 8, 1)).astype("float32")
    y = RNG.integers(0, 10, 300).astype("int32")
    loss = "sparse_categorical_crossentropy"

    def cnn(after: keras.layers.Layer) -> keras.Model:
        return keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Conv2D(4, 3, use_bias=False),
                                 after, keras.layers.Flatten(),
                                 keras.layers.Dense(10, activation="softmax")])  # fmt: skip

    normalised = sheet(cnn(keras.layers.BatchNormalization()), pixels, y, loss)
    assert normalised.model.first_kernel_normalized and input_scale(normalised, T) is None
    assert input_scale(sheet(cnn(keras.layers.ReLU()), pixels, y, loss), T) is not None
    tiny = sheet(cnn(keras.layers.BatchNormalization()), pixels / 65025.0, y, loss)
    assert tiny_input(tiny, T) is not None


@pytest.mark.parametrize(("activation", "quiet"), [("gelu", True), ("relu", True),
                                                    ("tanh", False), ("sigmoid", False)])
def test_batchnorm_after_a_scale_free_activation_still_scales_the_inputs(activation: str,
                                                                        quiet: bool) -> None:
    """A ConvMixer's stem, Conv2D -> GELU -> BatchNormalization (practice batch 85 on 0..255
    pixels: 0.987 as on 0..1): GELU and ReLU pass large values on, the BatchNormalization
    standardises them; a tanh or a sigmoid saturates first."""
    pixels = RNG.integers(0, 256, (300, 8, 8, 1)).astype("float32")
    y = RNG.integers(0, 10, 300).astype("int32")
    model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Conv2D(4, 2, strides=2),
                              keras.layers.Activation(activation),
                              keras.layers.BatchNormalization(), keras.layers.Flatten(),
                              keras.layers.Dense(10, activation="softmax")])  # fmt: skip
    facts = sheet(model, pixels, y, "sparse_categorical_crossentropy")
    assert facts.model.first_kernel_normalized is quiet
    assert (input_scale(facts, T) is None) is quiet


@pytest.mark.parametrize("first", ["batch_norm", "layer_norm"])
def test_a_batchnorm_first_layer_scales_raw_columns_and_a_layernorm_does_not(first: str) -> None:
    """Practice batch 14's raw mixed-unit columns (ages, incomes to 2e5) behind a
    BatchNormalization first layer train as well as behind a scaler; a LayerNormalization
    standardises each row over its mixed-unit features instead, so they are still named."""
    columns = np.column_stack([RNG.uniform(18, 90, 400), RNG.uniform(1e4, 2e5, 400),
                               RNG.uniform(0, 1, 400)]).astype("float32")  # fmt: skip
    layer = (keras.layers.BatchNormalization() if first == "batch_norm"
             else keras.layers.LayerNormalization())  # fmt: skip
    model = keras.Sequential([keras.Input((3,)), layer, keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    found = input_scale(sheet(model, columns, RNG.integers(0, 2, 400).astype("float32"),
                              "binary_crossentropy"), T)  # fmt: skip
    assert (found is None) == (first == "batch_norm")


@pytest.mark.parametrize("front", ["gaussian_noise", "dropout", "flatten_then_dense"])
def test_a_normalization_behind_noise_or_dropout_still_scales_the_inputs(front: str) -> None:
    """Practice batch 60: GaussianNoise(0.1) put before the adapted Normalization (on the
    raw units, harmless: 0.877 against 0.882) was read as inputs left unscaled, since only
    a first layer counted. Layers that keep the values are walked past; a Dense before the
    Normalization is not (its weights see the raw scale)."""
    columns = np.column_stack([RNG.uniform(18, 90, 400), RNG.uniform(1e4, 2e5, 400),
                               RNG.uniform(0, 1, 400)]).astype("float32")  # fmt: skip
    norm = keras.layers.Normalization()
    norm.adapt(columns)
    before = {"gaussian_noise": [keras.layers.GaussianNoise(0.1)],
              "dropout": [keras.layers.Dropout(0.1), keras.layers.GaussianDropout(0.1)],
              "flatten_then_dense": [keras.layers.Flatten(), keras.layers.Dense(3)]}[front]
    model = keras.Sequential([keras.Input((3,)), *before, norm,
                              keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    facts = sheet(model, columns, RNG.integers(0, 2, 400).astype("float32"),
                  "binary_crossentropy")  # fmt: skip
    quiet = front != "flatten_then_dense"
    assert facts.model.normalizes_input == quiet
    assert (input_scale(facts, T) is None) == quiet


def test_input_scale_quiet_behind_a_weightless_transform_and_not_behind_a_shape_layer() -> None:
    """Raw counts through `Lambda(ops.log1p)` (practice batch 5's `lambda_ops_counts`): the
    first weights see log counts, not the data's scale; Flatten or Dropout in front change
    no value, so the raw pixels behind them are still named."""
    rng = np.random.default_rng(5)  # its own draws: the module RNG's depend on test order
    # counts of mean 80, half of them 0: root mean square ~57 per column, input_scale 30
    counts = rng.poisson(80.0, (300, 12)).astype("float32") * rng.integers(0, 2, (300, 12))
    y = RNG.integers(0, 4, 300).astype("int32")
    loss = "sparse_categorical_crossentropy"
    logged = sheet(mlp(12, 4, "softmax", first=keras.layers.Lambda(keras.ops.log1p)),
                   counts, y, loss)  # fmt: skip
    assert logged.model.transforms_input and input_scale(logged, T) is None
    assert tiny_input(sheet(mlp(12, 4, "softmax", first=keras.layers.Lambda(keras.ops.log1p)),
                            counts / 1e6, y, loss), T) is None  # fmt: skip
    raw = sheet(mlp(12, 4, "softmax"), counts, y, loss)
    assert not raw.model.transforms_input and input_scale(raw, T) is not None
    dropped = sheet(mlp(12, 4, "softmax", first=keras.layers.Dropout(0.1)), counts, y, loss)
    assert not dropped.model.transforms_input and input_scale(dropped, T) is not None
    pixels = RNG.integers(0, 256, (300, 8, 8, 1)).astype("float32")
    augmented = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.RandomFlip(),
                                  keras.layers.Resizing(6, 6), keras.layers.Flatten(),
                                  keras.layers.Dense(4, activation="softmax")])  # fmt: skip
    raw_pixels = sheet(augmented, pixels, y, loss)
    assert not raw_pixels.model.transforms_input and input_scale(raw_pixels, T) is not None


def test_tiny_input_pixels_divided_twice_and_the_healthy_scales() -> None:
    pixels = RNG.integers(0, 256, (300, 8, 8, 1)).astype("float32")
    y = RNG.integers(0, 10, 300).astype("int32")
    loss = "sparse_categorical_crossentropy"

    def cnn(*first: keras.layers.Layer) -> keras.Model:
        return keras.Sequential([keras.Input((8, 8, 1)), *first, keras.layers.Flatten(),
                                 keras.layers.Dense(10, activation="softmax")])  # fmt: skip

    twice = tiny_input(sheet(cnn(), pixels / 255.0 / 255.0, y, loss), T)
    assert twice is not None and twice.problem is SetupProblem.UNSCALED_INPUT
    assert "scaled twice" in twice.reason and twice.evidence["seen_scale"] < T.input_tiny / 2
    # the same fault inside the model: data divided by hand, then a Rescaling(1/255) layer
    layer = tiny_input(sheet(cnn(keras.layers.Rescaling(1 / 255)), pixels / 255.0, y, loss), T)
    assert layer is not None and "multiplies them by" in layer.reason
    # [0, 1] pixels, standardised features, Rescaling on raw pixels, [-1, 1] by an offset,
    # a Normalization layer, and features as small as daily returns (~0.015): quiet
    quiet = [
        sheet(cnn(), pixels / 255.0, y, loss),
        sheet(cnn(keras.layers.Rescaling(1 / 255)), pixels, y, loss),
        sheet(cnn(keras.layers.Rescaling(1 / 127.5, offset=-1)), pixels, y, loss),
        sheet(cnn(keras.layers.Normalization(mean=0.0, variance=1e-5)), pixels / 65025.0, y,
              loss),
        sheet(mlp(4, 1, "sigmoid"), X, Y01, "binary_crossentropy"),
        sheet(mlp(4, 1, "sigmoid"), X * 0.015, Y01, "binary_crossentropy"),
    ]  # fmt: skip
    assert [tiny_input(facts, T) for facts in quiet] == [None] * len(quiet)
    assert tiny_input(sheet(mlp(4, 1, "sigmoid"), X * 0, Y01, "binary_crossentropy"), T) is None


def test_feature_spread_on_tabular_columns() -> None:
    columns = X * np.array([1.0, 1.0, 1.0, 2e4], dtype="float32")
    finding = feature_spread(sheet(mlp(4, 1, "linear"), columns, YREG, "mse"), T)
    assert finding is not None and finding.evidence["ratio"] >= T.feature_spread
    assert feature_spread(sheet(mlp(4, 1, "linear"), X, YREG, "mse"), T) is None


@pytest.mark.parametrize(("axis", "fires"), [(None, True), (-1, False)])
def test_feature_spread_behind_a_normalization_over_no_axis(axis: int | None,
                                                           fires: bool) -> None:  # fmt: skip
    """Practice batch 16's `Normalization(axis=None)`: one mean and variance for six
    mixed-unit columns keeps their ratio (0.476 against 0.741 per column); per column it
    does not."""
    columns = X * np.array([1.0, 1.0, 1.0, 2e4], dtype="float32")
    layer = keras.layers.Normalization(axis=axis)
    layer.adapt(columns)
    model = keras.Sequential([keras.Input((4,)), layer, keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1)])  # fmt: skip
    assert (feature_spread(sheet(model, columns, YREG, "mse"), T) is not None) == fires


@pytest.mark.parametrize("optimizer, lr, fires", [
    ("adam", 0.5, True), ("adam", 1e-6, True), ("sgd", 1e-5, True),
    ("adam", 1e-3, False), ("adam", 3e-3, False), ("sgd", 0.1, False), ("adam", None, False),
])  # fmt: skip
def test_learning_rate_far_outside_usual_range(optimizer: str, lr: float | None,
                                               fires: bool) -> None:  # fmt: skip
    facts = sheet(mlp(4, 1, "sigmoid"), X, Y01, "binary_crossentropy", optimizer=optimizer, lr=lr)
    assert (learning_rate(facts, T) is not None) is fires


def _scheduled(**schedule_facts: float | None) -> SetupFacts:
    """The sheet of an MLP under a schedule (no fixed rate) with these schedule facts."""
    facts = sheet(mlp(4, 1, "sigmoid"), X, Y01, "binary_crossentropy", lr=None)
    return SetupFacts(dataclasses.replace(facts.model, **schedule_facts), facts.data)


@pytest.mark.parametrize("peak, fires", [(10.0, True), (1e-7, True), (3e-3, False), (None, False)])
def test_a_schedules_peak_is_judged_like_a_fixed_rate(peak: float | None, fires: bool) -> None:
    finding = learning_rate(_scheduled(schedule_peak=peak), T)
    assert (finding is not None) is fires
    if finding is not None:
        assert finding.reason.startswith("the schedule's highest rate")


@pytest.mark.parametrize("share, fires", [(0.05, True), (0.5, True), (0.6, False), (None, False)])
def test_a_schedule_spent_early_in_the_budget(share: float | None, fires: bool) -> None:
    finding = schedule_spent(_scheduled(rate_spent_share=share), T)
    assert (finding is not None) is fires
    if finding is not None:
        assert finding.problem is SetupProblem.LEARNING_RATE_RANGE
        assert "epochs instead of optimizer steps" in finding.reason


@pytest.mark.parametrize("mean, fires", [(0.015, True), (0.05, True), (0.15, False), (None, False)])
def test_a_schedule_too_steep_over_the_budget(mean: float | None, fires: bool) -> None:
    finding = schedule_spent(_scheduled(rate_spent_share=None, rate_mean_share=mean), T)
    assert (finding is not None) is fires
    if finding is not None:
        assert finding.problem is SetupProblem.LEARNING_RATE_RANGE
        assert finding.evidence["mean_rate_share"] == mean
        assert "averages" in finding.reason
        assert "epochs instead of optimizer steps" in finding.reason


def test_a_spent_schedule_is_named_as_spent_whatever_its_mean() -> None:
    finding = schedule_spent(_scheduled(rate_spent_share=0.1, rate_mean_share=0.01), T)
    assert finding is not None and "spent_share" in finding.evidence


def test_small_budget() -> None:
    model = mlp(4, 1, "sigmoid")
    tiny = sheet(model, X, Y01, "binary_crossentropy", epochs=2, batch=400)
    finding = small_budget(tiny, T)
    assert finding is not None and finding.evidence["steps"] == 2
    assert small_budget(sheet(model, X, Y01, "binary_crossentropy", epochs=5), T) is None


@pytest.mark.parametrize(("accumulation", "fires"), [(64, True), (4, False), (1, False)])
def test_small_budget_counts_updates_under_gradient_accumulation(accumulation: int,
                                                                 fires: bool) -> None:  # fmt: skip
    facts = sheet(mlp(4, 1, "sigmoid"), X, Y01, "binary_crossentropy", epochs=20, batch=32)
    facts = dataclasses.replace(
        facts, model=dataclasses.replace(facts.model, accumulation_steps=accumulation))
    finding = small_budget(facts, T)  # 20 x 13 batches: 260, 65, 4 updates
    assert (finding is not None) == fires
    if fires:
        assert finding.evidence["steps"] == 260 // 64
        assert finding.evidence["accumulation_steps"] == 64
        assert "gradient_accumulation_steps" in finding.reason


@pytest.mark.parametrize(("reach", "fires"), [(0.075, True), (3.0, False), (None, False)])
def test_a_clip_that_caps_sgd_steps_is_a_learning_rate_suspicion(reach: float | None,
                                                                 fires: bool) -> None:  # fmt: skip
    facts = sheet(mlp(4, 1, "sigmoid"), X, Y01, "binary_crossentropy", optimizer="sgd",
                  lr=0.05)  # fmt: skip
    facts = dataclasses.replace(facts, model=dataclasses.replace(
        facts.model, step_reach=reach, step_cap=None if reach is None else 1e-4))
    finding = learning_rate(facts, T)
    assert (finding is not None) == fires
    if fires:
        assert finding.problem.value == "learning_rate_out_of_range"
        assert finding.evidence == {"step_reach": 0.075, "clip": 1e-4}
        assert "no weight can move by more than 0.075" in finding.reason


def test_linear_stack_with_and_without_activation() -> None:
    linear = mlp(4, 1, "sigmoid", hidden_act="linear", hidden=2)
    finding = linear_stack(sheet(linear, X, Y01, "binary_crossentropy"), T)
    assert finding is not None and finding.evidence["linear_pairs"] == 2
    assert linear_stack(sheet(mlp(4, 1, "sigmoid", hidden=2), X, Y01, "binary_crossentropy"),
                        T) is None  # fmt: skip
    separate = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8),
            keras.layers.Activation("relu"),
            keras.layers.Dense(1),
        ]
    )
    assert linear_stack(sheet(separate, X, YREG, "mse"), T) is None


def test_linear_stack_in_a_functional_graph() -> None:
    """The functional API's Dense -> Dropout -> Dense without an activation is one linear map
    too (the second zoo's `act_linear` MLPs are functional models); an Activation layer, a
    merge of two branches or a Dense with an activation in between breaks the stack."""
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(8, name="first")(inputs)
    hidden = keras.layers.Dropout(0.2)(hidden)
    hidden = keras.layers.Dense(8, name="second")(hidden)
    outputs = keras.layers.Dense(1, activation="sigmoid", name="head")(hidden)
    finding = linear_stack(sheet(keras.Model(inputs, outputs), X, Y01, "binary_crossentropy"), T)
    assert finding is not None and finding.layer == "first"
    assert finding.evidence["linear_pairs"] == 2

    inputs = keras.Input((4,))
    left = keras.layers.Dense(8)(inputs)
    right = keras.layers.Dense(8, activation="relu")(inputs)
    merged = keras.layers.Concatenate()([keras.layers.Activation("relu")(left), right])
    outputs = keras.layers.Dense(1)(keras.layers.Dense(8, activation="tanh")(merged))
    assert linear_stack(sheet(keras.Model(inputs, outputs), X, YREG, "mse"), T) is None


def test_a_linear_bottleneck_is_no_linear_stack() -> None:
    """An autoencoder's linear code narrower than what it reads and what reads it is a low
    rank on purpose (practice batch 28: five healthy autoencoders were flagged); a linear
    layer as wide as its reader, or wider than its input, is still a forgotten activation."""
    def autoencoder(code: int, width_in: int = 20) -> keras.Model:
        inputs = keras.Input((width_in,))
        hidden = keras.layers.Dense(32, activation="relu")(inputs)
        hidden = keras.layers.Dense(code, name="code")(hidden)
        hidden = keras.layers.Dense(32, activation="relu")(hidden)
        return keras.Model(inputs, keras.layers.Dense(width_in)(hidden))

    x = np.random.default_rng(0).normal(size=(64, 20)).astype("float32")
    assert linear_stack(sheet(autoencoder(4), x, x, "mse"), T) is None
    assert linear_stacks(autoencoder(31)) == ()
    assert [first for first, _ in linear_stacks(autoencoder(32))] == ["code"]  # as its reader
    expanding = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, name="wide"),
                                  keras.layers.Dense(32, activation="relu"),
                                  keras.layers.Dense(1)])  # fmt: skip
    assert [first for first, _ in linear_stacks(expanding)] == ["wide"]


def test_a_bias_free_projection_is_no_linear_stack() -> None:
    """Additive attention's projection W e_j of a linear encoding, added to the query's
    (practice batch 86's pointer network: seven healthy variants were flagged), is written so
    on purpose; the same Dense with a bias, or a bias-free one a BatchNormalization reads, is
    still read as a forgotten activation, and `nonlinear` agrees."""
    def pointer(use_bias: bool) -> keras.Model:
        points, query = keras.Input((16, 2)), keras.Input((2,))
        encoded = keras.layers.Dense(8, name="encoded")(
            keras.layers.Dense(8, activation="relu")(points))  # fmt: skip
        projected = keras.layers.Dense(8, use_bias=use_bias, name="w1")(encoded)
        asked = keras.layers.RepeatVector(16)(keras.layers.Dense(8, use_bias=False)(
            keras.layers.Dense(8)(query)))  # the query's projection repeated over the points
        joint = keras.layers.Activation("tanh")(keras.layers.Add()([projected, asked]))
        scores = keras.layers.Dense(1, use_bias=False)(joint)
        return keras.Model([points, query], keras.layers.Flatten()(scores))

    assert linear_stacks(pointer(use_bias=False)) == ()
    assert linear_stacks(pointer(use_bias=True)) == (("encoded", "w1"),)
    config = keras.saving.serialize_keras_object(pointer(use_bias=False))
    assert linear_feeders(config) == []
    # a bias-free Dense before a BatchNormalization is no projection: still a stack
    before_norm = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, name="first"),
                                    keras.layers.Dense(8, use_bias=False, name="second"),
                                    keras.layers.BatchNormalization(),
                                    keras.layers.Activation("relu"), keras.layers.Dense(1)])
    assert linear_stacks(before_norm) == (("first", "second"),)
    config = keras.saving.serialize_keras_object(before_norm)
    assert [entry["config"]["name"] for entry in linear_feeders(config)] == ["first"]


def test_linear_stack_of_convolutions_through_pooling() -> None:
    """A convolution without activation that reaches a Dense through flattening or pooling,
    or another convolution through a pooling layer, is one linear map with it (practice batch
    23's separable CNN written without `activation=`, the second zoo's separable `act_linear`
    with its Activation("linear") layers); two convolutions back to back (a linear
    bottleneck, written that way on purpose) and keras.applications' MobileNetV2 are not."""
    def cnn(activation: str | None) -> keras.Model:
        return keras.Sequential([
            keras.Input((8, 8, 3)),
            keras.layers.SeparableConv2D(4, 3, padding="same", activation=activation),
            keras.layers.BatchNormalization(), keras.layers.Activation("linear"),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(4, 3, padding="same", activation=activation),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(1, activation="sigmoid"),
        ])  # fmt: skip

    x = RNG.standard_normal((64, 8, 8, 3)).astype("float32")
    finding = linear_stack(sheet(cnn(None), x, Y01[:64], "binary_crossentropy"), T)
    assert finding is not None and finding.evidence["linear_pairs"] == 2
    assert "no activation" in finding.reason
    assert linear_stack(sheet(cnn("relu"), x, Y01[:64], "binary_crossentropy"), T) is None

    inputs = keras.Input((8, 8, 3))
    hidden = keras.layers.Conv2D(8, 3, activation="relu")(inputs)
    hidden = keras.layers.Conv2D(4, 1)(hidden)  # projection: linear on purpose
    hidden = keras.layers.BatchNormalization()(hidden)
    hidden = keras.layers.Conv2D(16, 1)(hidden)  # expansion, then its activation
    hidden = keras.layers.ReLU()(keras.layers.BatchNormalization()(hidden))
    outputs = keras.layers.Dense(1, activation="sigmoid")(
        keras.layers.GlobalAveragePooling2D()(hidden))
    bottleneck = keras.Model(inputs, outputs)
    assert linear_stack(sheet(bottleneck, x, Y01[:64], "binary_crossentropy"), T) is None
    mobilenet = keras.applications.MobileNetV2(input_shape=(32, 32, 3), weights=None, classes=2)
    assert linear_stacks(mobilenet) == ()


def test_a_linear_projection_read_by_a_residual_add_too_is_no_stack() -> None:
    """Practice batch 16's residual blocks: a linear input projection that feeds both the
    block's Dense and the residual Add is the residual stream; the other path keeps the two
    maps apart (it was named a linear stack on a healthy model)."""
    inputs = keras.Input((4,))
    stream = keras.layers.Dense(16, name="projection")(inputs)
    for _ in range(2):
        update = keras.layers.Dense(16)(keras.layers.Dense(16, activation="gelu")(stream))
        stream = keras.layers.LayerNormalization()(keras.layers.Add()([stream, update]))
    outputs = keras.layers.Dense(1, activation="sigmoid")(stream)
    assert linear_stack(sheet(keras.Model(inputs, outputs), X, Y01, "binary_crossentropy"),
                        T) is None  # fmt: skip


@pytest.mark.parametrize(
    ("layer", "fires"),
    [
        (keras.layers.Dropout(0.9), True),
        (keras.layers.SpatialDropout1D(0.8), True),
        (keras.layers.Dropout(0.5), False),
        (keras.layers.LSTM(8, recurrent_dropout=0.85), True),
        (keras.layers.Bidirectional(keras.layers.GRU(8, dropout=0.8)), True),
        (keras.layers.LSTM(8, dropout=0.3, recurrent_dropout=0.3), False),
    ],
)
def test_high_dropout_reads_dropout_layers_and_recurrent_rates(layer, fires: bool) -> None:
    inputs = keras.Input((6, 4))
    hidden = layer(keras.layers.Dense(4)(inputs))  # hidden rates (the inputs' own: below)
    hidden = hidden if len(hidden.shape) == 2 else keras.layers.GlobalAveragePooling1D()(hidden)
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    x = RNG.standard_normal((64, 6, 4)).astype("float32")
    finding = high_dropout(sheet(model, x, Y01[:64], "binary_crossentropy"), T)
    assert (finding is not None) == fires
    if fires:
        assert finding.layer == layer.name and finding.evidence["dropout_rate"] > 0.75
        assert "share dropped" in finding.reason


@pytest.mark.parametrize(("rate", "on_input", "fires"), [
    (0.5, True, True),    # practice batch 26's attention pooling: 0.62 against 0.95
    (0.2, True, False),   # its point-coordinate dropout: harmless
    (0.5, False, False),  # a hidden layer's usual rate
])  # fmt: skip
def test_dropout_on_the_inputs_is_high_from_half(rate: float, on_input: bool,
                                                 fires: bool) -> None:  # fmt: skip
    inputs = keras.Input((4,))
    dropped = keras.layers.Dropout(rate, name="drop")
    hidden = (keras.layers.Dense(16, activation="relu")(dropped(inputs)) if on_input
              else dropped(keras.layers.Dense(16, activation="relu")(inputs)))  # fmt: skip
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    finding = high_dropout(sheet(model, X, Y01, "binary_crossentropy"), T)
    assert (finding is not None) == fires
    if fires:
        assert finding.layer == "drop" and finding.evidence["on_input"] == 1.0
        assert "input features" in finding.reason


@pytest.mark.parametrize(("spread", "stddev", "rescale", "fires"), [
    (0.38, 1.0, None, True),     # practice batch 36: GaussianNoise(1.0) on [0, 1] pixels
    (0.5, 1.0, None, True),      # batch 12: on signals of sd 0.5
    (0.38, 0.05, None, False),   # their usual noise
    (1.0, 0.3, None, False),     # strong augmentation of standardised data
    (80.0, 0.1, 1 / 255, False),  # Rescaling(1/255) then noise: 25.5 in the data's units
    (80.0, 0.5, 1 / 255, True),  # 127.5 in the data's units
])  # fmt: skip
def test_input_noise_is_high_from_the_inputs_own_spread(spread: float, stddev: float,
                                                        rescale: float | None,
                                                        fires: bool) -> None:  # fmt: skip
    x = (RNG.standard_normal((400, 6, 6, 1)) * spread).astype("float32")
    inputs = keras.Input((6, 6, 1))
    h = keras.layers.Rescaling(rescale)(inputs) if rescale else inputs
    h = keras.layers.GaussianNoise(stddev, name="noise")(h)
    h = keras.layers.Flatten()(keras.layers.Conv2D(4, 3, activation="relu")(h))
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(h))
    y = (x[:, 0, 0, 0] > 0).astype("float32")
    finding = high_dropout(sheet(model, x, y, "binary_crossentropy"), T)
    assert (finding is not None) == fires
    if fires:
        assert finding.layer == "noise" and "more noise than signal" in finding.reason
        assert finding.evidence["input_noise"] >= 1.5 * finding.evidence["input_spread"]


def test_noise_after_the_first_weights_is_not_read_against_the_inputs() -> None:
    inputs = keras.Input((4,))
    h = keras.layers.GaussianNoise(1.0)(keras.layers.Dense(8, activation="relu")(inputs))
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(h))
    small = (X * 0.1).astype("float32")
    assert high_dropout(sheet(model, small, Y01, "binary_crossentropy"), T) is None


@pytest.mark.parametrize(
    ("settings", "fires"),
    [
        ({"kernel_regularizer": keras.regularizers.L2(10.0)}, True),
        ({"activity_regularizer": keras.regularizers.L1(1.0)}, True),
        ({"bias_regularizer": keras.regularizers.L1L2(l1=0.0, l2=0.6)}, True),
        ({"kernel_regularizer": keras.regularizers.L2(0.01)}, False),  # Keras' own default
        ({"activity_regularizer": keras.regularizers.L1(1e-5)}, False),
        ({}, False),
    ],
)
def test_high_penalty_reads_every_regularizer_of_a_layer(settings: dict, fires: bool) -> None:
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu",
                              name="code", **settings), keras.layers.Dense(1)])  # fmt: skip
    finding = high_penalty(sheet(model, X, YREG, "mse"), T)
    assert (finding is not None) == fires
    if fires:
        assert finding.layer == "code" and "L1/L2 penalty" in finding.reason


def test_high_penalty_sees_recurrent_layers_inside_bidirectional() -> None:
    rnn = keras.layers.LSTM(4, recurrent_regularizer=keras.regularizers.L2(5.0))
    model = keras.Sequential([keras.Input((6, 4)), keras.layers.Bidirectional(rnn, name="bi"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    x = RNG.standard_normal((64, 6, 4)).astype("float32")
    finding = high_penalty(sheet(model, x, Y01[:64], "binary_crossentropy"), T)
    assert finding is not None and finding.layer == "bi"
    assert finding.evidence["penalty_factor"] == pytest.approx(5.0)


@pytest.mark.parametrize(
    ("constraint", "fires"),
    [
        (keras.constraints.MaxNorm(0.001), True),  # a weight-decay value typed in (batch 18)
        (keras.constraints.MinMaxNorm(0.0, 0.01), True),
        (keras.constraints.MaxNorm(0.0), True),  # every weight zeroed: no ratio to print
        (keras.constraints.MaxNorm(3.0), False),  # the dropout paper's recipe
        (keras.constraints.MaxNorm(1.0), False),
        (keras.constraints.UnitNorm(), False),  # norm 1 on purpose: not a cap
        (None, False),
    ],
)
def test_high_penalty_reads_a_norm_cap_against_the_initial_norms(constraint, fires) -> None:
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(
        32, activation="relu", name="capped", kernel_constraint=constraint), keras.layers.Dense(1)])
    finding = high_penalty(sheet(model, RNG.standard_normal((64, 64)).astype("float32"),
                                 YREG[:64], "mse"), T)  # fmt: skip
    assert (finding is not None) == fires
    if fires:
        assert finding.layer == "capped" and "norm constraint" in finding.reason
        assert finding.evidence["cap_ratio"] <= 0.05  # initial unit norms near 1: 1/100+


def test_high_penalty_reads_a_convolution_cap_over_its_kernel_axes() -> None:
    """Keras' advice for a Conv2D: MaxNorm(axis=[0, 1, 2]), the norm of each filter."""
    cap = keras.constraints.MaxNorm(0.01, axis=[0, 1, 2])
    model = keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Conv2D(
        4, 3, name="conv", kernel_constraint=cap), keras.layers.Flatten(), keras.layers.Dense(1)])
    x = RNG.standard_normal((64, 8, 8, 3)).astype("float32")
    finding = high_penalty(sheet(model, x, YREG[:64], "mse"), T)
    assert finding is not None and finding.layer == "conv"
    assert finding.evidence["initial_norm"] > 0.3  # a filter's 27 weights, not one row


@pytest.mark.parametrize("loss", ["mse", "huber", "mae"])
def test_label_classes_names_training_targets_of_one_value(loss: str) -> None:
    """Practice batch 21's `np.clip(y, hi, lo)`: every training target one bound (0.0 after a
    RobustScaler, read as a binary label kind); varying targets stay quiet."""
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
    flat = np.zeros((400, 1), "float32")
    finding = label_classes(sheet(model, X, flat, loss, y_val=YREG), T)
    assert finding is not None and finding.problem is SetupProblem.LABEL_MISMATCH
    assert "every training target is 0" in finding.reason
    assert label_classes(sheet(model, X, flat - 2.5, loss, y_val=YREG), T) is not None
    assert label_classes(sheet(model, X, YREG, loss), T) is None


def test_label_classes_leaves_a_centre_every_row_is_mapped_to_alone() -> None:
    """Deep SVDD maps every row to one centre; at 0, every target of its 8-unit output is 0
    (practice batch 63's `svdd_centre_zero` trains as well as its healthy counterpart)."""
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, use_bias=False)])
    centre = np.zeros((400, 8), "float32")
    assert label_classes(sheet(model, X, centre, "mse", y_val=centre), T) is None


def test_validation_inputs_left_unscaled_fire_and_random_splits_do_not() -> None:
    """Practice batch 5's val_not_scaled: a StandardScaler fitted and applied to the training
    part only. Random splits of raw prices, pixels, skewed counts and standardised columns
    lie about 1 training standard deviation from the training mean: far from 10."""
    prices = RNG.lognormal(5.0, 0.6, (600, 6)).astype("float32")
    mean, std = prices[:450].mean(0), prices[:450].std(0)
    scaled_train = (prices[:450] - mean) / std
    y = RNG.integers(0, 2, 600).astype("float32")
    left = sheet(mlp(6, 1, "sigmoid"), scaled_train, y[:450], "binary_crossentropy",
                 x_val=prices[450:], y_val=y[450:])  # fmt: skip
    finding = validation_inputs(left, T)
    assert finding is not None and finding.problem is SetupProblem.VALIDATION_SHIFT
    assert left.data.val_distance > 50 and "scaler" in finding.reason
    pixels = RNG.integers(0, 256, (600, 8, 8, 1)).astype("float32")
    counts = RNG.poisson(3.0, (600, 6)).astype("float32") ** 2
    for x in (prices, pixels, counts, (prices - mean) / std):
        order = RNG.permutation(600)
        train, val = x[order[:450]], x[order[450:]]
        model = mlp(6, 1, "sigmoid") if x.ndim == 2 else keras.Sequential(
            [keras.Input((8, 8, 1)), keras.layers.Flatten(), keras.layers.Dense(1, "sigmoid")])
        facts = sheet(model, train, y[:450], "binary_crossentropy", x_val=val, y_val=y[450:])
        assert facts.data.val_distance < 2 and validation_inputs(facts, T) is None


def test_one_validation_column_prepared_unlike_its_training_twin_fires() -> None:
    """Practice batch 7's parcels: the validation columns in another order (km where grams
    were). One column moves; the median over features stays about 1. A few outlying
    validation rows in a heavy-tailed column do not make a shifted column."""
    km = RNG.gamma(2.0, 30.0, 600)
    grams = RNG.gamma(2.0, 1500.0, 600)
    rest = RNG.standard_normal((600, 4))
    x = np.column_stack([km, grams, rest]).astype("float32")
    mean, std = x[:450].mean(0), x[:450].std(0)
    train, val = (x[:450] - mean) / std, (x[450:] - mean) / std
    swapped = val.copy()
    swapped[:, [0, 1]] = ((x[450:, [1, 0]] - mean[[0, 1]]) / std[[0, 1]])
    y = RNG.integers(0, 2, 600).astype("float32")
    facts = sheet(mlp(6, 1, "sigmoid"), train, y[:450], "binary_crossentropy", x_val=swapped,
                  y_val=y[450:])  # fmt: skip
    finding = validation_inputs(facts, T)
    assert finding is not None and finding.problem is SetupProblem.VALIDATION_SHIFT
    assert facts.data.val_distance < 2 and facts.data.val_shifted_feature == 0  # grams read as km
    assert "input feature 0" in finding.reason
    outliers = val.copy()
    outliers[:5, 0] = 200.0  # five rows 200 standard deviations out, the rest as in training
    calm = sheet(mlp(6, 1, "sigmoid"), train, y[:450], "binary_crossentropy", x_val=outliers,
                 y_val=y[450:])  # fmt: skip
    assert calm.data.val_feature_shift < 2 and validation_inputs(calm, T) is None


def _texts(rng: np.random.Generator, rows: int, vocab: int = 800, length: int = 40,
           zipf: bool = True) -> np.ndarray:  # fmt: skip
    """Post-padded id rows of 10 to `length` words; ids by word rank (1 the commonest), drawn
    as words in text are (Zipf) or evenly (generated vocabularies)."""
    weights = 1.0 / np.arange(1, vocab) if zipf else np.ones(vocab - 1)
    ids = rng.choice(np.arange(1, vocab), size=(rows, length), p=weights / weights.sum())
    words = rng.integers(10, length + 1, rows)
    return np.where(np.arange(length) < words[:, None], ids, 0).astype("int64")


def _text_sheet(x: np.ndarray, x_val: np.ndarray) -> SetupFacts:
    model = keras.Sequential([keras.Input((x.shape[1],), dtype="int64"),
                              keras.layers.Embedding(900, 8),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    y = (x[:, 0] % 2).astype("float32")
    return sheet(model, x, y, "binary_crossentropy", x_val=x_val,
                 y_val=(x_val[:, 0] % 2).astype("float32"))  # fmt: skip


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_validation_texts_of_another_tokenizer_fire_and_random_splits_do_not(seed: int) -> None:
    """Practice batch 11's topics: the validation texts encoded by a second tokenizer that
    reserves id 1, so every word's id is one higher. Over the commonest ids the frequencies
    move by about the commonest word's share (0.14-0.15 here, 6-8x the sampling noise);
    random splits, and validation texts of other lengths (more padding),
    stay near the sampling noise. Ids drawn evenly (a generated vocabulary) have no common
    words: moved ids are invisible to their frequencies, so that case stays quiet."""
    rng = np.random.default_rng(seed)
    texts = _texts(rng, 1500)
    train, val = texts[:1200], texts[1200:]
    moved = _text_sheet(train, np.where(val > 0, val + 1, 0))
    finding = validation_inputs(moved, T)
    assert finding is not None and finding.problem is SetupProblem.VALIDATION_SHIFT
    assert "tokenizer" in finding.reason
    assert moved.data.val_token_distance > 2 * T.val_token_distance
    assert moved.data.val_token_distance > 2 * moved.data.val_token_noise * T.val_token_noise_factor
    longer = _texts(rng, 300, length=40)
    longer[:, :10] = np.where(longer[:, :10] == 0, 5, longer[:, :10])
    for val_rows in (val, longer, np.concatenate([val[:, :30], np.zeros((300, 10), "int64")], 1)):
        calm = _text_sheet(train, val_rows)
        assert calm.data.val_token_distance < 1.5 * calm.data.val_token_noise
        assert validation_inputs(calm, T) is None
    even = _texts(rng, 1500, zipf=False)
    even_val = even[1200:]
    assert validation_inputs(_text_sheet(even[:1200], np.where(even_val > 0, even_val + 1, 0)),
                             T) is None  # fmt: skip


def _city_sheet(train: np.ndarray, val: np.ndarray) -> SetupFacts:
    lookup = keras.layers.StringLookup(vocabulary=sorted(set(train.ravel().tolist())),
                                       output_mode="one_hot")  # fmt: skip
    model = keras.Sequential([keras.Input((1,), dtype="string"), lookup,
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    y = RNG.integers(0, 2, len(train)).astype("float32")
    return sheet(model, train, y, "binary_crossentropy", x_val=val,
                 y_val=RNG.integers(0, 2, len(val)).astype("float32"))  # fmt: skip


def test_validation_strings_spelled_otherwise_fire_and_new_ids_or_free_text_do_not() -> None:
    """Practice batch 12's shop sessions: the validation export lower-cases the city names,
    so a StringLookup reads every validation row as unknown (1.0 of them unseen, 0 of a part
    of the training rows). User ids drawn from a pool larger than the rows are often unseen
    in validation, and as often in a part of the training rows; free text is always unseen:
    neither fires."""
    cities = np.array(["Paris", "Lyon", "Nice", "Prague", "Brno", "Oslo", "Rome", "Turin"])
    rows = cities[RNG.integers(0, 8, (1200, 1))]
    train, val = rows[:900], rows[900:]
    finding = validation_inputs(_city_sheet(train, np.char.lower(val)), T)
    assert finding is not None and finding.problem is SetupProblem.VALIDATION_SHIFT
    assert finding.evidence == {"val_unseen": 1.0, "val_unseen_noise": 0.0}
    assert validation_inputs(_city_sheet(train.astype(object), val.astype(object)), T) is None
    users = np.array([f"u{i:04d}" for i in RNG.integers(0, 1500, 1200)]).reshape(-1, 1)
    assert validation_inputs(_city_sheet(users[:900], users[900:]), T) is None
    words = np.array(["red", "green", "blue", "fast", "slow", "cat", "dog", "car", "sky"])
    texts = np.array([" ".join(RNG.choice(words, 8)) for _ in range(1200)]).reshape(-1, 1)
    free = _city_sheet(texts[:900], texts[900:])
    assert free.data.val_unseen > 0.9 and validation_inputs(free, T) is None


def test_a_softmax_on_hidden_layers_fires_and_attention_weights_or_the_output_do_not() -> None:
    """Practice batch 11's BatchNorm MLP with `Activation("softmax")` in its six blocks; a
    softmax over time steps that weights a Multiply (attention pooling), and the output's,
    are no hidden softmax."""
    blocks = [keras.Input((4,))]
    for _ in range(2):
        blocks += [keras.layers.Dense(8, use_bias=False), keras.layers.BatchNormalization(),
                   keras.layers.Activation("softmax"), keras.layers.Dropout(0.2)]  # fmt: skip
    model = keras.Sequential([*blocks, keras.layers.Dense(3, activation="softmax")])
    finding = hidden_softmax(sheet(model, X, Y3, "sparse_categorical_crossentropy"), T)
    assert finding is not None and finding.problem is SetupProblem.HIDDEN_SOFTMAX
    assert finding.evidence["softmax_layers"] == 2.0
    assert finding.layer is not None and finding.layer.startswith("activation")
    steps = keras.Input((10, 4))
    scores = keras.layers.Softmax(axis=1)(keras.layers.Dense(1)(steps))
    pooled = keras.layers.GlobalAveragePooling1D()(keras.layers.Multiply()([steps, scores]))
    attention = keras.Model(steps, keras.layers.Dense(3, activation="softmax")(
        keras.layers.Dense(8, activation="relu")(pooled)))  # fmt: skip
    x_steps = RNG.standard_normal((400, 10, 4)).astype("float32")
    for quiet in (sheet(attention, x_steps, Y3, "sparse_categorical_crossentropy"),
                  sheet(mlp(4, 3, "softmax", hidden=2), X, Y3,
                        "sparse_categorical_crossentropy")):  # fmt: skip
        assert hidden_softmax(quiet, T) is None


def test_a_softmax_in_a_residual_branch_is_no_hidden_softmax() -> None:
    """Practice batch 85's ViT with a softmax pasted in as its MLP's hidden activation
    (0.958 against 0.967): the MLP's Dense reaches the block's Add through dropout, which
    carries the stream past it; the same MLP without the Add still fires."""
    def block(residual: bool) -> keras.Model:
        tokens = keras.Input((4, 8))
        hidden = keras.layers.Dense(16, activation="softmax")(
            keras.layers.LayerNormalization()(tokens))  # fmt: skip
        branch = keras.layers.Dropout(0.1)(keras.layers.Dense(8)(keras.layers.Dropout(0.1)(
            hidden)))  # fmt: skip
        stream = keras.layers.Add()([tokens, branch]) if residual else branch
        return keras.Model(tokens, keras.layers.Dense(3, activation="softmax")(
            keras.layers.GlobalAveragePooling1D()(stream)))  # fmt: skip

    x_tokens = RNG.standard_normal((400, 4, 8)).astype("float32")
    loss = "sparse_categorical_crossentropy"
    assert hidden_softmax(sheet(block(residual=True), x_tokens, Y3, loss), T) is None
    assert hidden_softmax(sheet(block(residual=False), x_tokens, Y3, loss), T) is not None


def test_a_sigmoid_rescaled_short_of_the_ratings_fires_and_one_that_covers_them_does_not() -> None:
    """Practice batch 13's ratings 1..5 on `Dense(1, sigmoid) -> Rescaling(scale, offset=1)`:
    scale 3 (copied from a 1..4 survey) never predicts a 5; scale 4 covers them."""
    ratings = (1 + RNG.integers(0, 5, 400)).astype("float32")
    found = {}
    for scale in (3.0, 4.0):
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                                  keras.layers.Dense(1, activation="sigmoid"),
                                  keras.layers.Rescaling(scale=scale, offset=1.0)])  # fmt: skip
        found[scale] = bounded_regression_head(sheet(model, X, ratings, "mse"), T)
    assert found[4.0] is None
    assert found[3.0] is not None and found[3.0].problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    assert found[3.0].evidence["output_max"] == 4.0 and "sigmoid x 3 + 1" in found[3.0].reason


def test_healthy_setups_raise_nothing_and_findings_come_in_rule_order() -> None:
    healthy = [
        sheet(mlp(4, 1, "sigmoid"), X, Y01, "binary_crossentropy"),
        sheet(mlp(4, 3, "softmax"), X, Y3, "sparse_categorical_crossentropy"),
        sheet(mlp(4, 3, "softmax"), X, ONEHOT, "categorical_crossentropy"),
        sheet(mlp(4, 1, "linear"), X, YREG, "mse"),
    ]
    assert all(preflight(facts) == [] for facts in healthy)
    many = sheet(mlp(4, 1, "softmax", hidden_act="linear", hidden=2), X * 500, Y01,
                 "binary_crossentropy", lr=0.5)  # fmt: skip
    problems = [f.problem for f in preflight(many)]
    assert problems == [
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        SetupProblem.UNSCALED_INPUT,
        SetupProblem.LINEAR_STACK,
        SetupProblem.LEARNING_RATE_RANGE,
    ]
    assert len(RULES) == 50


@pytest.mark.parametrize(
    ("out_act", "units", "y", "loss"),
    [
        ("relu", 3, Y3, "sparse_categorical_crossentropy"),
        ("linear", 3, ONEHOT, "categorical_crossentropy"),
        ("linear", 1, Y01, "binary_crossentropy"),
        ("tanh", 1, Y01, "binary_crossentropy"),
    ],
)
def test_cross_entropy_on_an_output_that_gives_no_probabilities_fires(
    out_act: str, units: int, y: np.ndarray, loss: str
) -> None:
    """A practitioner fault (a ReLU or linear head under a cross-entropy read as
    probabilities) was named by no rule; training showed only slow convergence."""
    bad = probability_loss_head(sheet(mlp(4, units, out_act), X, y, loss), T)
    assert bad is not None and bad.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    assert f"ends in {out_act}" in bad.reason and "from_logits=True" in bad.reason
    wanted = "sigmoid" if loss == "binary_crossentropy" else "softmax"
    assert f"use a {wanted} output" in bad.reason
    good = sheet(mlp(4, units, wanted), X, y, loss)
    assert probability_loss_head(good, T) is None
    # the same head read as logits (but a ReLU, which cuts logits at 0), a custom loss
    # (unknown), a head of unknown range: quiet
    logits = probability_loss_head(sheet(mlp(4, units, out_act), X, y, loss, from_logits=True),
                                   T)  # fmt: skip
    assert (logits is not None) == (out_act == "relu")
    unknown = sheet(mlp(4, units, out_act), X, y, loss, from_logits=None)
    assert probability_loss_head(unknown, T) is None
    pooled = keras.Sequential([keras.Input((4, 3)), keras.layers.GlobalAveragePooling1D()])
    assert probability_loss_head(sheet(pooled, X[:, :, None].repeat(3, -1), ONEHOT,
                                       "categorical_crossentropy"), T) is None  # fmt: skip


def test_relu_logits_fire_and_linear_logits_do_not() -> None:
    """Practice batch 3's `relu_logits` (Dense(10, relu) read as logits: 0.88 vs 0.98)."""
    relu = sheet(mlp(4, 3, "relu"), X, Y3, "sparse_categorical_crossentropy", from_logits=True)
    bad = probability_loss_head(relu, T)
    assert bad is not None and "cuts them at 0" in bad.reason and "linear" in bad.reason
    linear = sheet(mlp(4, 3, "linear"), X, Y3, "sparse_categorical_crossentropy",
                   from_logits=True)  # fmt: skip
    assert probability_loss_head(linear, T) is None


def test_a_focal_loss_from_logits_on_a_sigmoid_fires_and_the_cross_entropies_do_not() -> None:
    """Practice batch 5's focal_sigmoid_from_logits (0.844 vs 0.967): the focal loss squashes
    the sigmoid's probabilities again. Keras' cross-entropies read the logits a sigmoid or
    softmax output keeps, so from_logits=True there trains as without (measured harmless)."""
    focal = sheet(mlp(4, 1, "sigmoid"), X, Y01, "binary_focal_crossentropy", from_logits=True)
    bad = probability_loss_head(focal, T)
    assert bad is not None and "squashed twice" in bad.reason
    for out, units, y, loss in (("sigmoid", 1, Y01, "binary_crossentropy"),
                                ("softmax", 3, Y3, "sparse_categorical_crossentropy"),
                                ("linear", 1, Y01, "binary_focal_crossentropy")):  # fmt: skip
        quiet = sheet(mlp(4, units, out), X, y, loss, from_logits=True)
        assert probability_loss_head(quiet, T) is None


def test_a_per_step_head_is_read_through_time_distributed() -> None:
    """Practice batch 3's `seq2seq_no_softmax`: TimeDistributed(Dense(10)) under sparse CE
    (from_logits=False) was of unknown activation, so no rule judged it."""
    seq = keras.Sequential([keras.Input((6, 4)), keras.layers.GRU(8, return_sequences=True),
                            keras.layers.TimeDistributed(keras.layers.Dense(3))])  # fmt: skip
    xs, ys = RNG.standard_normal((50, 6, 4)).astype("float32"), RNG.integers(0, 3, (50, 6))
    bad = probability_loss_head(sheet(seq, xs, ys, "sparse_categorical_crossentropy"), T)
    assert bad is not None and "ends in linear" in bad.reason
    seq = keras.Sequential([keras.Input((6, 4)), keras.layers.GRU(8, return_sequences=True),
                            keras.layers.TimeDistributed(keras.layers.Dense(3, "softmax"))])
    assert probability_loss_head(sheet(seq, xs, ys, "sparse_categorical_crossentropy"),
                                 T) is None  # fmt: skip


def test_a_sigmoid_head_on_integer_grades_fires_and_a_classifier_does_not() -> None:
    """Practice batch 3's `ordinal_sigmoid`: grades 0..4 learned through a sigmoid (Huber)."""
    grades = Y3.astype("float32") * 2  # 0, 2, 4: integer targets of one column
    bad = bounded_regression_head(sheet(mlp(4, 1, "sigmoid"), X, grades, "huber"), T)
    assert bad is not None and "sigmoid" in bad.reason
    assert bounded_regression_head(sheet(mlp(4, 1, "linear"), X, grades, "huber"), T) is None
    # integer labels on one unit per class are a classifier's: not this rule's
    assert bounded_regression_head(sheet(mlp(4, 3, "softmax"), X, Y3, "mse"), T) is None


def test_from_logits_comes_from_the_spec_loss() -> None:
    from autotrainer_keras.engine.setup_check import loss_from_logits

    assert loss_from_logits(None) is False  # a loss by name
    logits = keras.losses.serialize(keras.losses.BinaryCrossentropy(from_logits=True))
    assert loss_from_logits(logits) is True
    probs = keras.losses.serialize(keras.losses.SparseCategoricalCrossentropy())
    assert loss_from_logits(probs) is False
    custom = {"module": "mypkg", "class_name": "Mine", "config": {}, "registered_name": "p>M"}
    assert loss_from_logits(custom) is None


def test_token_ids_read_by_an_embedding_are_not_unscaled_inputs() -> None:
    """A keras-io text model (vocabulary 10,000) was named unscaled_input and 'repaired' by a
    Normalization layer in front of its Embedding; ids have no scale to judge."""
    tokens = RNG.integers(1, 10_000, size=(300, 20)).astype("float32")
    tokens[:, 0] = 101  # a constant start token: a spread of column scales, too
    labels = (tokens[:, 1] < 5000).astype("float32")
    inputs = keras.Input((20,), dtype="int32")
    hidden = keras.layers.GlobalAveragePooling1D()(keras.layers.Embedding(10_000, 8)(inputs))
    for model in (
        keras.Sequential([keras.Input((20,)), keras.layers.Embedding(10_000, 8),
                          keras.layers.GlobalAveragePooling1D(),
                          keras.layers.Dense(1, activation="sigmoid")]),
        keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden)),
    ):  # fmt: skip
        facts = sheet(model, tokens, labels, "binary_crossentropy")
        assert facts.model.token_input
        assert preflight(facts) == [], [f.reason for f in preflight(facts)]
    dense = sheet(mlp(20, 1, "sigmoid"), tokens, labels, "binary_crossentropy")
    assert not dense.model.token_input  # the same numbers as features: unscaled
    assert input_scale(dense, T) is not None


class TokenAndPosition(keras.layers.Layer):
    """The keras-io Transformer layout: token and position Embeddings held by one layer."""

    def __init__(self, length: int, vocabulary: int, width: int) -> None:
        super().__init__()
        self.tokens = keras.layers.Embedding(vocabulary, width)
        self.positions = keras.layers.Embedding(length, width)

    def call(self, ids):  # type: ignore[no-untyped-def]
        return self.tokens(ids) + self.positions(keras.ops.arange(keras.ops.shape(ids)[-1]))


def test_token_ids_read_by_a_custom_layer_holding_an_embedding_are_not_unscaled() -> None:
    """The practice benchmark's Transformer (token ids 0-399 into a token-and-position layer)
    was named unscaled_input before training on every seed."""
    tokens = RNG.integers(0, 400, size=(300, 20)).astype("int64")
    labels = (tokens[:, 1] < 200).astype("float32")
    inputs = keras.Input((20,), dtype="int64")
    hidden = keras.layers.GlobalAveragePooling1D()(TokenAndPosition(20, 400, 8)(inputs))
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    facts = sheet(model, tokens.astype("float32"), labels, "binary_crossentropy")
    assert facts.model.token_input and input_scale(facts, T) is None


def test_documents_of_ids_read_by_a_word_encoder_per_sentence_are_not_unscaled() -> None:
    """Practice batch 99's hierarchical attention networks: [sentences x words] ids, a word
    encoder (a model starting with an Embedding) applied to each sentence by TimeDistributed;
    every healthy script had been named `unscaled_input`."""
    rng = np.random.default_rng(3)
    documents = rng.integers(1, 400, (128, 6, 10)).astype("float32")
    labels = rng.integers(0, 2, 128).astype("float32")
    words = keras.Input((10,))
    encoded = keras.layers.GlobalAveragePooling1D()(keras.layers.Embedding(400, 8)(words))
    encoder = keras.Model(words, encoded)
    inputs = keras.Input((6, 10))
    sentences = keras.layers.TimeDistributed(encoder)(inputs)
    hidden = keras.layers.GlobalAveragePooling1D()(sentences)
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    facts = sheet(model, documents, labels, "binary_crossentropy")
    assert facts.model.token_input and input_scale(facts, T) is None
    dense = keras.Sequential([keras.Input((6, 10)), keras.layers.TimeDistributed(
        keras.layers.Dense(4)), keras.layers.Flatten(), keras.layers.Dense(1, "sigmoid")])
    facts = sheet(dense, documents, labels, "binary_crossentropy")
    assert not facts.model.token_input and input_scale(facts, T) is not None  # magnitudes


COUNTS = RNG.poisson(np.exp(X[:, :1]) * 8.0).astype("float32")  # float counts 0..~60


@pytest.mark.parametrize("loss", ["poisson", "mse", "mae", "huber", "log_cosh"])
def test_count_targets_under_a_value_loss_are_not_read_as_classes(loss: str) -> None:
    """Practice batch 4's `poisson_counts`: float counts (< 50 distinct values) under the
    Poisson loss were read as classes: "the validation split holds no sample of class(es)
    21, 22, 25" on a healthy model."""
    order = np.argsort(COUNTS[:, 0])
    y = COUNTS[order]
    facts = sheet(mlp(4, 1, "exponential"), X[:300], y[:300], loss, x_val=X[300:],
                  y_val=y[300:])  # fmt: skip
    assert facts.data.missing_in_val  # the data alone looks like classes
    assert label_classes(facts, T) is None


@pytest.mark.parametrize("out_act", ["linear", "tanh"])
def test_a_poisson_loss_on_an_output_that_can_go_negative_fires(out_act: str) -> None:
    """Practice batch 4's `poisson_linear_output`: Keras' Poisson loss takes the log of the
    prediction, NaN for a negative one; the job saw only exploding gradients."""
    bad = [f for f in preflight(sheet(mlp(4, 1, out_act), X, COUNTS, "poisson"), T)
           if f.problem is SetupProblem.OUTPUT_LOSS_MISMATCH]  # fmt: skip
    assert len(bad) == 1 and f"ends in {out_act}" in bad[0].reason
    assert "softplus" in bad[0].reason
    for good in ("exponential", "softplus"):
        assert preflight(sheet(mlp(4, 1, good), X, COUNTS, "poisson"), T) == []
    assert probability_loss_head(sheet(mlp(4, 1, "linear"), X, COUNTS, "mse"), T) is None


def test_a_model_with_no_trainable_weight_is_named_and_a_frozen_base_is_not() -> None:
    """Practice batch 4's `frozen_everything` (`trainable = False` on the whole classifier
    instead of its encoder): named only as slow convergence, and the job "repaired" it with
    `selu`, which re-initialised a layer that stayed frozen."""
    from autotrainer_keras.detect.preflight.no_trainable_weights import no_trainable_weights

    base = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu")],
                            name="base")  # fmt: skip
    model = keras.Sequential([base, keras.layers.Dense(3, activation="softmax", name="head")])
    base.trainable = False
    assert no_trainable_weights(sheet(model, X, Y3, "sparse_categorical_crossentropy"), T) is None
    model.trainable = False
    found = preflight(sheet(model, X, Y3, "sparse_categorical_crossentropy"), T)
    assert [f.problem for f in found] == [SetupProblem.NO_TRAINABLE_WEIGHTS]
    assert "none of the model's 67 weights is trainable" in found[0].reason
    assert "'base', 'head'" in found[0].reason


def test_one_hot_tags_per_step_are_one_hot_not_multi_label() -> None:
    """A sequence tagger's one-hot tags (rows of shape (steps, K)) under a softmax and the
    categorical cross-entropy are a classifier's labels (read per row they held several
    ones, and `softmax_multilabel` named a healthy tagger); under the sparse loss they are
    the encoding mismatch they are."""
    seq = keras.Sequential([keras.Input((6, 4)), keras.layers.GRU(8, return_sequences=True),
                            keras.layers.Dense(3, activation="softmax")])  # fmt: skip
    xs = RNG.standard_normal((50, 6, 4)).astype("float32")
    tags = np.eye(3, dtype="float32")[RNG.integers(0, 3, (50, 6))]
    data = data_facts(Dataset(xs, tags, xs, tags), output_shape=tuple(seq.output_shape))
    assert (data.label_kind, data.label_columns, data.n_classes) == ("onehot", 3, 3)

    def found(loss: str) -> list[SetupProblem]:
        facts = model_facts(seq, loss=loss, optimizer="adam", learning_rate=1e-3,
                            default_learning_rate=1e-3, epochs=200, batch_size=10)  # fmt: skip
        return [f.problem for f in preflight(SetupFacts(facts, data), T)]

    assert found("categorical_crossentropy") == []
    assert found("sparse_categorical_crossentropy") == [SetupProblem.OUTPUT_LOSS_MISMATCH]
    multi = (RNG.random((50, 6, 3)) > 0.5).astype("float32")  # several tags per step
    kind = data_facts(Dataset(xs, multi, xs, multi), output_shape=tuple(seq.output_shape))
    assert kind.label_kind == "multilabel"


def _tagger(softmax: keras.layers.Layer | None) -> keras.Model:
    layers = [keras.Input((12, 3)), keras.layers.LSTM(8, return_sequences=True),
              keras.layers.TimeDistributed(keras.layers.Dense(5))]  # fmt: skip
    return keras.Sequential([*layers, *([softmax] if softmax is not None else [])])


def test_softmax_over_the_steps_of_a_tagger_is_named_and_over_the_classes_is_not() -> None:
    from autotrainer_keras.detect.preflight.softmax_axis import softmax_axis

    x = RNG.standard_normal((60, 12, 3)).astype("float32")
    tags = RNG.integers(0, 5, (60, 12))
    loss = "sparse_categorical_crossentropy"
    found = softmax_axis(sheet(_tagger(keras.layers.Softmax(axis=1)), x, tags, loss), T)
    assert found is not None and "axis 1 of the 3-axis output" in found.reason
    assert found.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    for quiet in (keras.layers.Softmax(), keras.layers.Softmax(axis=2),
                  keras.layers.Activation("softmax"), None):  # fmt: skip
        assert softmax_axis(sheet(_tagger(quiet), x, tags, loss), T) is None
    flat = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3),
                             keras.layers.Softmax(axis=1)])  # fmt: skip
    assert softmax_axis(sheet(flat, X, RNG.integers(0, 3, 400), loss), T) is None  # the last


def test_weights_that_make_a_rare_class_nearly_all_of_the_loss_are_named() -> None:
    from autotrainer_keras.detect.preflight.overweighted_class import overweighted_class

    y = (RNG.random(400) < 0.07).astype("float32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])

    def weighted(weights: dict[int, float] | None, sample: np.ndarray | None = None) -> Any:
        data = Dataset(X, y, X, y, sample_weight=sample, class_weight=weights)
        facts = model_facts(model, loss="binary_crossentropy", optimizer="adam",
                            learning_rate=1e-3, default_learning_rate=1e-3, epochs=5,
                            batch_size=32)  # fmt: skip
        return overweighted_class(SetupFacts(facts, data_facts(data)), T)

    found = weighted({0: 1.0, 1: 500.0})
    assert found is not None and found.problem is SetupProblem.SAMPLE_WEIGHTS
    assert found.evidence["class"] == 1.0 and found.evidence["class_weight_share"] > 0.95
    assert weighted(None, np.where(y == 1, 500.0, 1.0)) is not None  # as sample weights
    balanced = len(y) / (2 * y.sum())
    assert weighted({0: 1.0, 1: float(balanced)}) is None  # each class about a half
    assert weighted({0: 1.0, 1: 3 * float(balanced)}) is None  # favoured, not overwhelming
    assert weighted(None) is None  # no weights
    majority = Dataset(X, 1 - y, X, 1 - y, class_weight={0: 1.0, 1: 1.0})
    facts = model_facts(model, loss="binary_crossentropy", optimizer="adam", learning_rate=1e-3,
                        default_learning_rate=1e-3, epochs=5, batch_size=32)  # fmt: skip
    assert overweighted_class(SetupFacts(facts, data_facts(majority)), T) is None  # its rows
    # inverted: the balancing ratio given to the majority class (practice batch 33)
    inverted = weighted({0: float(balanced), 1: 1.0})
    assert inverted is not None and inverted.problem is SetupProblem.SAMPLE_WEIGHTS
    assert inverted.evidence["class"] == 1.0
    assert inverted.evidence["class_weight_share"] < inverted.evidence["class_rows"] / 3
    assert "never to predict it" in inverted.reason
    assert weighted(None, np.where(y == 1, 1.0, float(balanced))) is not None  # as sample weights
    assert weighted({0: 2.0, 1: 1.0}) is None  # down-weighted twice: under the threshold
    assert weighted(None, RNG.uniform(0.5, 2.0, len(y))) is None  # weights unrelated to class


def test_sample_weights_on_soft_targets_are_read_by_each_rows_likeliest_class() -> None:
    """Practice batch 53: crowd vote shares as targets, `sample_weight = soft[:, 1]` typed
    for `soft.max(axis=1)` leaves the other classes next to none of the loss; the confidence meant
    weighs every class alike."""
    from autotrainer_keras.detect.preflight.overweighted_class import overweighted_class
    from autotrainer_keras.measure.setup_facts import soft_class_rows

    rng = np.random.default_rng(3)
    truth = rng.integers(0, 3, len(X))  # 5 annotators, each right 85 % of the time
    wrong = (truth[:, None] + rng.integers(1, 3, (len(X), 5))) % 3
    said = np.where(rng.random((len(X), 5)) < 0.85, truth[:, None], wrong)
    votes = np.stack([(said == c).sum(axis=1) for c in range(3)], axis=1) + 0.0
    soft = (votes / 5).astype("float32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
    facts = model_facts(model, loss="categorical_crossentropy", optimizer="adam",
                        learning_rate=1e-3, default_learning_rate=1e-3, epochs=5,
                        batch_size=32)  # fmt: skip

    def weighted(sample: np.ndarray) -> Any:
        data = Dataset(X, soft, X, soft, sample_weight=sample)
        return overweighted_class(SetupFacts(facts, data_facts(data)), T)

    found = weighted(soft[:, 1])
    assert found is not None and found.problem is SetupProblem.SAMPLE_WEIGHTS
    assert found.evidence["class"] != 1.0 and "never to predict it" in found.reason
    assert weighted(soft.max(axis=1)) is None
    assert soft_class_rows(soft) and not soft_class_rows(votes.astype("float32"))
    assert not soft_class_rows(soft[:, :1]) and not soft_class_rows(np.log(soft + 0.1))


def test_dropout_after_the_output_layer_is_named_and_before_it_is_not() -> None:
    from autotrainer_keras.detect.preflight.output_dropout import output_dropout

    y = X[:, 0] - X[:, 1]
    after = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1), keras.layers.Dropout(0.5)])  # fmt: skip
    found = output_dropout(sheet(after, X, y, "mse"), T)
    assert found is not None and found.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    assert "after the output layer" in found.reason and found.layer == after.layers[1].name
    before = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                               keras.layers.Dropout(0.5), keras.layers.Dense(1)])  # fmt: skip
    assert output_dropout(sheet(before, X, y, "mse"), T) is None
    assert preflight(sheet(before, X, y, "mse"), T) == []


def test_a_dot_product_score_under_binary_cross_entropy_is_a_linear_head() -> None:
    """A two-tower recommender's `Dot` output is a raw score: its activation is known
    (linear), so a loss that reads probabilities names it (batch 11's
    `two_tower_linear_dot_bce`, slow convergence only before)."""
    users, items = keras.Input((1,)), keras.Input((1,))
    u = keras.layers.Flatten()(keras.layers.Embedding(20, 4)(users))
    v = keras.layers.Flatten()(keras.layers.Embedding(20, 4)(items))
    score = keras.layers.Dot(axes=1)([u, v])
    model = keras.Model([users, items], score)
    ids = RNG.integers(0, 20, (400, 1))
    facts = sheet(keras.Model([users, items], score), ids, Y01, "binary_crossentropy")
    assert facts.model.output_activation == "linear" and facts.model.output_activation_known
    found = preflight(facts, T)
    assert found and found[0].problem is SetupProblem.OUTPUT_LOSS_MISMATCH, found
    assert model.output_shape == (None, 1)


def test_a_rare_class_absent_from_validation_is_chance_and_a_common_one_is_named() -> None:
    """Practice batch 22: 15 species, one of them 1 % of the rows and absent from a random
    validation split of a healthy script (the job named it label_mismatch); a validation
    split coded by an encoder refitted on it loses its last class, a common one."""
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(4, activation="softmax")])
    draws = np.random.default_rng(7).random(400)  # its own: the module's RNG is order-bound
    rare = np.where(draws < 0.01, 3, Y3).astype("int32")  # class 3: ~4 rows
    rare[0] = 3  # at least one
    val = Y3[:200]  # classes 0-2 only: 3 is missing
    quiet = label_classes(sheet(model, X, rare, "sparse_categorical_crossentropy",
                                x_val=X[:200], y_val=val), T)  # fmt: skip
    assert quiet is None  # ~2 expected validation rows: absent by chance
    common = np.where(X[:, 1] > 0.5, 3, Y3).astype("int32")  # class 3: ~30 % of the rows
    named = label_classes(sheet(model, X, common, "sparse_categorical_crossentropy",
                                x_val=X[:200], y_val=val), T)  # fmt: skip
    assert named is not None and named.problem is SetupProblem.LABEL_MISMATCH
    assert "class(es) 3" in named.reason and named.evidence["missing_in_val"] == 1.0


def test_several_labels_a_row_are_counted_by_their_entries() -> None:
    """Practice batch 64's span pointer: a (start, end) pair of positions 0-29 a row. Its
    end at 28 is 5 of 6,000 training entries, absent from validation by chance (1.3
    expected); one-label-a-row shares did not apply and the rule took the expectation for
    infinite. A position common in training and absent from validation is still named."""
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8),
                              keras.layers.Reshape((2, 4)),
                              keras.layers.Softmax()])  # fmt: skip
    rng = np.random.default_rng(3)
    pairs = rng.integers(0, 3, (400, 2)).astype("int64")
    pairs[:2, 1] = 3  # position 3: 2 of 800 entries
    val = rng.integers(0, 3, (200, 2)).astype("int64")

    def facts(y: np.ndarray) -> SetupFacts:
        base = sheet(model, X, y, "sparse_categorical_crossentropy", x_val=X[:200], y_val=val)
        data = Dataset(X, y, X[:200], val)
        return SetupFacts(base.model, data_facts(data, output_shape=model.output_shape))

    rare = facts(pairs)
    assert rare.data.label_kind == "integer" and rare.data.missing_in_val == (3,)
    assert label_classes(rare, T) is None
    pairs[:120, 1] = 3  # now 15 % of the entries: 60 expected
    named = label_classes(facts(pairs), T)
    assert named is not None and "class(es) 3" in named.reason


@pytest.mark.parametrize(("rate", "fires"), [(0.9, True), (0.1, False)])
def test_high_dropout_reads_the_attention_weights_dropout(rate: float, fires: bool) -> None:
    """Practice batch 44: MultiHeadAttention(dropout=0.9): an encoder at 0.88 against 0.99."""
    inputs = keras.Input((6, 4))
    attended = keras.layers.MultiHeadAttention(2, 4, dropout=rate)(inputs, inputs)
    pooled = keras.layers.GlobalAveragePooling1D()(attended)
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(pooled))
    x = RNG.standard_normal((64, 6, 4)).astype("float32")
    finding = high_dropout(sheet(model, x, Y01[:64], "binary_crossentropy"), T)
    assert (finding is not None) == fires



def pointer_head(end: str) -> keras.Model:
    """Practice batch 75's pointer: ReLU-encoded candidates, their dot products with a query
    computed by operations (no layer), then a Softmax layer (or, faulty, an Activation("relu"))
    over the 8 positions; the ReLU Dense comes last among the layers before the Softmax."""
    cand, query = keras.Input((8, 4)), keras.Input((4,))
    encoded = keras.layers.Dense(6, activation="relu")(cand)
    asked = keras.layers.Dense(6)(query)
    scores = keras.ops.sum(encoded * asked[:, None, :], axis=-1) / 0.5
    head = keras.layers.Softmax() if end == "softmax" else keras.layers.Activation(end)
    return keras.Model([cand, query], head(scores))


@pytest.mark.parametrize("end", ["softmax", "relu", "linear"])
def test_an_output_activation_fed_by_operations_is_read_as_the_output(end: str) -> None:
    """The walk back from the output follows the graph, not the layers' order: the softmax
    over operations' scores is the output (no mismatch), not the ReLU Dense listed before it;
    a ReLU or linear activation there is read as itself."""
    model = pointer_head(end)
    assert output_end(model) == (end, model.layers[-1].name)
    assert output_activation_known(model)
    sequential = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="relu"),
                                   keras.layers.Dense(3), keras.layers.Softmax()])  # fmt: skip
    assert output_end(sequential) == ("softmax", sequential.layers[1].name)


def test_a_softmax_over_one_unit_inside_the_model_fires_and_over_the_choices_does_not() -> None:
    """Practice batch 75's pointer head (a Dense(1, activation="softmax") per candidate, then
    flattened: 0.117 against 0.835): every score is 1. The same scores without the softmax,
    then a softmax over the 8 candidates, are quiet; a one-unit softmax output is
    `softmax_one_unit`'s, not named twice."""
    def scored(activation: str, tail: list[keras.layers.Layer]) -> keras.Model:
        return keras.Sequential([keras.Input((8, 4)), keras.layers.Dense(6, activation="relu"),
                                 keras.layers.Dense(1, activation=activation),
                                 keras.layers.Flatten(), *tail])  # fmt: skip

    x, y = np.zeros((16, 8, 4), "float32"), np.arange(16) % 8
    model = scored("softmax", [])
    bad = constant_softmax(sheet(model, x, y, "sparse_categorical_crossentropy"), T)
    assert bad is not None and bad.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    assert bad.layer == model.layers[1].name
    assert "single unit" in bad.reason and "Flatten" in bad.reason
    good = scored("linear", [keras.layers.Softmax()])
    assert constant_softmax(sheet(good, x, y, "sparse_categorical_crossentropy"), T) is None
    one = mlp(4, 1, "softmax")
    facts = sheet(one, X, Y01, "binary_crossentropy")
    assert softmax_one_unit(facts, T) is not None and constant_softmax(facts, T) is None


@pytest.mark.parametrize("wrapped", [False, True])
def test_a_nested_model_at_the_output_is_read_by_its_own_last_activation(wrapped: bool) -> None:
    """Practice batch 73's relation network: a Sequential comparator ending in a sigmoid,
    applied per class through TimeDistributed, read as a sigmoid (was: linear); a nested
    model whose end says nothing stays unknown."""
    head = keras.Sequential([keras.Input((6,)), keras.layers.Dense(4, activation="relu"),
                             keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    shape = (5, 6) if wrapped else (6,)
    inputs = keras.Input(shape)
    scored = keras.layers.TimeDistributed(head)(inputs) if wrapped else head(inputs)
    model = keras.Model(inputs, scored)
    assert output_end(model)[0] == "sigmoid" and output_activation_known(model)
    opaque = keras.Sequential([keras.Input((6,)), keras.layers.Lambda(lambda v: v * 2)])
    plain = keras.Input((6,))
    assert not output_activation_known(keras.Model(plain, opaque(plain)))


def test_a_layer_of_the_user_s_own_at_the_output_says_nothing_of_its_activation() -> None:
    """Practice batch 76's hypernetwork target net: a layer of the user's own taking
    `activation="tanh"` for its hidden units and ending linear was read as a tanh head
    (`bounded_regression_head` on targets spanning -3..3, healthy 0.012). Its activation is
    unknown now; Keras' own Dense at the output is still read."""

    class TargetNet(keras.layers.Layer):
        def __init__(self, activation: str = "tanh", **kwargs) -> None:
            super().__init__(**kwargs)
            self.activation = activation

        def build(self, input_shape) -> None:
            self.inner = self.add_weight(shape=(input_shape[-1], 8), name="inner")
            self.outer = self.add_weight(shape=(8, 1), name="outer")

        def call(self, x):
            hidden = keras.activations.get(self.activation)(x @ self.inner)
            return hidden @ self.outer

        def get_config(self) -> dict:
            return {**super().get_config(), "activation": self.activation}

    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8), TargetNet()])
    assert not output_activation_known(model)
    y = np.linspace(-3, 3, len(X)).astype("float32")
    assert bounded_regression_head(sheet(model, X, y, "mse"), T) is None
    assert bounded_regression_head(sheet(mlp(4, 1, "tanh"), X, y, "mse"), T) is not None


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_one_context_id_per_row_drawn_alike_is_no_validation_shift(seed: int) -> None:
    """Practice batch 76: a context id of six per row, the same draw for both splits, read as
    validation texts of another tokenizer (distance 0.080 against one split's noise 0.029).
    The noise has a floor now: what sampling alone gives for that many ids (quiet on 300 of
    300 seeds, the largest distance 0.885 of the limit); a real shift still stands far above
    it (Zipf-like texts of another tokenizer:
    `test_validation_texts_of_another_tokenizer_fire_and_random_splits_do_not`)."""
    from autotrainer_keras.measure.token_shift import token_shift

    rng = np.random.default_rng(seed)
    train, val = rng.integers(6, size=256), rng.integers(6, size=1500)
    shift = token_shift(train, val, 512, None)
    assert shift.distance < T.val_token_noise_factor * shift.noise
    assert shift.noise >= 0.03  # the floor, about 0.033 here (batch 76's one split: 0.029)


def test_the_output_is_read_along_the_graph_of_layers_called_twice() -> None:
    """A candidate the job builds again calls the same layer objects twice: each layer's
    parent is then listed once per call (`output_pair` on batch 15's BatchNormalization after
    the softmax, turned into a linear Activation, was read as a linear output and refused)."""
    given = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax"),
                              keras.layers.Activation("linear"),
                              keras.layers.Activation("linear")])  # fmt: skip
    model = keras.Sequential.from_config(given.get_config())  # Keras builds it twice
    assert output_end(model) == ("softmax", model.layers[0].name)
