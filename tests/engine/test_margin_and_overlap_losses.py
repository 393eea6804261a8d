"""Keras' hinge and overlap losses, and users' own functions that share a Keras name.

Practice batch 8: the job refused two healthy scripts (`loss="hinge"` on -1/+1 labels; a
user's own function named `dice`, read as Keras' `dice`, outside the losses it knew), and
missed two faults that follow public reports: a hinge loss under a sigmoid output (its
scores are never negative, sign accuracy 0.505) and Keras' `Dice` on a linear head. Both
faults now have a pre-flight rule and `output_pair` gives them the head the loss needs.
"""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.margin_loss_head import margin_loss_head
from autotrainer_keras.detect.preflight.probability_loss_head import probability_loss_head
from autotrainer_keras.engine.compiled import loss_name
from autotrainer_keras.engine.setup import LOSS_TASKS, resolve_loss
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.history import Task
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts
from autotrainer_keras.problems import SetupProblem

T = PreflightThresholds()
RNG = np.random.default_rng(0)
X = RNG.standard_normal((300, 4)).astype("float32")
SIGNS = np.where(X[:, :1] > 0, 1.0, -1.0).astype("float32")
MASKS = (RNG.random((300, 4)) > 0.7).astype("float32")


def head(units: int, activation: str) -> keras.Model:
    return keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                             keras.layers.Dense(units, activation=activation)])  # fmt: skip


def sheet(model: keras.Model, y: np.ndarray, loss: str) -> SetupFacts:
    facts = model_facts(model, loss=loss, optimizer="adam", learning_rate=1e-3,
                        default_learning_rate=1e-3, epochs=10, batch_size=32,
                        from_logits=None)  # fmt: skip
    return SetupFacts(facts, data_facts(Dataset(X, y, X, y)))


@pytest.mark.parametrize("activation", ["sigmoid", "relu", "softplus"])
@pytest.mark.parametrize("loss", ["hinge", "squared_hinge"])
def test_a_hinge_loss_on_an_output_never_negative_fires(activation: str, loss: str) -> None:
    finding = margin_loss_head(sheet(head(1, activation), SIGNS, loss), T)
    assert finding is not None and finding.problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    assert "never negative" in finding.reason and "linear" in finding.reason


@pytest.mark.parametrize("activation", ["tanh", "linear"])
def test_a_hinge_loss_on_a_signed_output_is_quiet(activation: str) -> None:
    assert margin_loss_head(sheet(head(1, activation), SIGNS, "hinge"), T) is None
    assert margin_loss_head(sheet(head(1, "sigmoid"), SIGNS, "mse"), T) is None


def test_a_sigmoid_head_under_hinge_with_0_1_labels_is_quiet() -> None:
    """0/1 labels are read at 0.5: the sigmoid head classifies (0.983 measured)."""
    labels = (SIGNS > 0).astype("float32")
    assert margin_loss_head(sheet(head(1, "sigmoid"), labels, "hinge"), T) is None


@pytest.mark.parametrize("loss", ["dice", "tversky"])
def test_an_overlap_loss_wants_probabilities(loss: str) -> None:
    bad = probability_loss_head(sheet(head(4, "linear"), MASKS, loss), T)
    assert bad is not None and "probabilities in [0, 1]" in bad.reason
    assert probability_loss_head(sheet(head(4, "sigmoid"), MASKS, loss), T) is None


def test_the_new_losses_have_tasks() -> None:
    assert LOSS_TASKS["hinge"] is Task.REGRESSION  # scored by the loss: no 0.5 threshold
    assert LOSS_TASKS["dice"] is Task.BINARY


def test_a_users_function_named_like_a_keras_loss_is_the_users() -> None:
    """In the job's custom object scope a user's `dice` is theirs (no task assumed for it);
    outside it, and for Keras' own function, the name is Keras'."""

    def dice(y_true, y_pred):  # noqa: ANN001, ANN202 - a user's own, unregistered
        return keras.ops.mean(keras.ops.abs(y_true - y_pred))

    serialised = keras.losses.serialize(dice)
    assert loss_name(keras.losses.serialize(keras.losses.dice)) == "dice"
    with keras.saving.custom_object_scope({"dice": dice}):
        assert loss_name(serialised) is None


@pytest.mark.parametrize(("activation", "expected"),
                         [("sigmoid", "binary_crossentropy"), ("linear", "mse")])  # fmt: skip
def test_a_users_loss_is_a_classification_only_on_a_probability_head(
    activation: str, expected: str
) -> None:
    """A contrastive loss on a distance (0/1 pair labels, one linear unit) was scored by an
    accuracy at 0.5 the distances never meant (0.045 where the pairs were 96 % right)."""

    def contrastive(y_true, y_pred):  # noqa: ANN001, ANN202
        return keras.ops.mean(y_true * y_pred**2)

    model = head(1, activation)
    model.compile("adam", loss=contrastive)
    labels = (X[:, 0] > 0).astype("float32")
    with keras.saving.custom_object_scope({"contrastive": contrastive}):
        assert resolve_loss(model, None, labels) == expected


def test_a_users_loss_on_class_logits_stays_a_classification() -> None:
    """A cross-entropy of the user's own on a linear head of 3 units: the classes are read
    by their argmax, which logits give as well as probabilities (scored as a regression it
    got an `mae` metric of (rows,) labels against (rows, 3) logits, and Keras raised)."""

    def own_ce(y_true, logits):  # noqa: ANN001, ANN202
        return keras.losses.sparse_categorical_crossentropy(y_true, logits, from_logits=True)

    model = head(3, "linear")
    model.compile("adam", loss=own_ce)
    classes = np.digitize(X[:, 0], [-0.5, 0.5]).astype("int32")
    with keras.saving.custom_object_scope({"own_ce": own_ce}):
        assert resolve_loss(model, None, classes) == "sparse_categorical_crossentropy"


@pytest.mark.medium
def test_a_hinge_job_trains_and_a_sigmoid_head_is_repaired(tmp_path: Path) -> None:
    """End to end: `loss="hinge"` on -1/+1 labels is trained, not refused; under a sigmoid
    head the pre-flight names it and `output_pair` makes the head linear, loss kept."""
    import autotrainer_keras

    keras.utils.set_random_seed(0)
    model = head(1, "sigmoid")
    model.compile(keras.optimizers.Adam(1e-2), loss="hinge")
    result = autotrainer_keras.fit(model, X, SIGNS, epochs=4, batch_size=32,
                                   validation_split=0.25, output_dir=tmp_path,
                                   tracking=False, verbose=False)  # fmt: skip
    assert result.findings and result.findings[0].problem is SetupProblem.OUTPUT_LOSS_MISMATCH
    pair = [r for r in result.repairs if r["solution"] == "output_pair"]
    assert pair, result.repairs
    assert pair[0]["params"]["activation"] == "linear" and pair[0]["params"]["loss"] == "hinge"


@pytest.mark.parametrize(("loss", "y", "activation"), [
    ("dice", MASKS, "sigmoid"),
    ("tversky", np.eye(4, dtype="float32")[RNG.integers(0, 4, 300)], "softmax"),
    ("squared_hinge", SIGNS, "linear"),
])  # fmt: skip
def test_output_pair_keeps_the_loss_and_gives_the_head_it_needs(
    loss: str, y: np.ndarray, activation: str
) -> None:
    from autotrainer_keras.repair.operators.output_pair import matching_pair

    units, chosen, kept = matching_pair(data_facts(Dataset(X, y, X, y)), loss)
    assert (units, chosen, kept) == (None, activation, loss)


def test_masks_of_0_and_255_under_an_overlap_loss_are_named() -> None:
    """Practice batch 9's `tversky_masks_255`: the loss went to -2.3; `Watch` said nothing
    (the job refused the labels)."""
    from autotrainer_keras.detect.preflight.probability_targets import probability_targets

    bad = probability_targets(sheet(head(4, "sigmoid"), MASKS * 255, "tversky"), T)
    assert bad is not None and "divide by 255" in bad.reason
    assert probability_targets(sheet(head(4, "sigmoid"), MASKS, "tversky"), T) is None


def test_a_softplus_head_under_mape_on_standardised_targets_is_named() -> None:
    """Practice batch 9's `mape_standardised_target`: loss stuck at 100 from epoch 2."""
    from autotrainer_keras.detect.preflight.bounded_regression_head import (
        bounded_regression_head,
    )

    standardised = RNG.standard_normal((300, 1)).astype("float32")
    mape = "mean_absolute_percentage_error"
    bad = bounded_regression_head(sheet(head(1, "softplus"), standardised, mape), T)
    assert bad is not None and "softplus" in bad.reason
    amounts = 20 + 380 * RNG.random((300, 1)).astype("float32")
    assert bounded_regression_head(sheet(head(1, "softplus"), amounts, mape), T) is None


def test_a_categorical_hinge_on_a_softmax_is_not_a_sign_problem() -> None:
    """`categorical_hinge` compares the classes' scores (an argmax): a softmax output still
    classifies, so the never-negative rule leaves it alone."""
    onehot = np.eye(3, dtype="float32")[RNG.integers(0, 3, 300)]
    assert margin_loss_head(sheet(head(3, "softmax"), onehot, "categorical_hinge"), T) is None


@pytest.mark.medium
def test_a_job_with_a_users_cross_entropy_on_logits_trains(tmp_path: Path) -> None:
    import autotrainer_keras

    def logits_ce(y_true, logits):  # noqa: ANN001, ANN202
        return keras.losses.sparse_categorical_crossentropy(y_true, logits, from_logits=True)

    keras.utils.set_random_seed(0)
    model = head(3, "linear")
    model.compile("adam", loss=logits_ce)
    classes = np.digitize(X[:, 0], [-0.5, 0.5]).astype("int32")
    result = autotrainer_keras.fit(model, X, classes, epochs=2, repair=False,
                                   validation_split=0.25, output_dir=tmp_path,
                                   tracking=False, verbose=False)  # fmt: skip
    assert result.report["task"] == "multiclass"
    assert result.status in ("healthy", "detected")
