"""The default profile's runtime set-up rules on scripted numbers: abnormal data, improper
output, set-up stall; each fires on its pattern and stays quiet on healthy numbers, with
margins around every threshold. No Keras."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.abnormal_data import abnormal_data_rule
from autotrainer_keras.detect.default import DefaultDetector
from autotrainer_keras.detect.improper_output import improper_output_rule
from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.setup_stall import setup_stall_rule
from autotrainer_keras.detect.signals import loss_signals
from autotrainer_keras.detect.validation_unlike import validation_unlike_rule
from autotrainer_keras.measure.history import (
    ActivationStats,
    CheckRecord,
    EpochRecord,
    LayerStats,
    OutputStats,
    Task,
)
from autotrainer_keras.problems import Problem, SetupProblem, is_setup_finding
from tests.detect.builders import accuracy_logs, check, new_history

T = DefaultThresholds()
HEALTHY_OUT = OutputStats("sigmoid", saturated_fraction=0.1, range=0.9, spread_ratio=0.7)


def rule_input(
    *,
    losses: list[float],
    epochs: int,
    activations: list[ActivationStats] | None = None,
    output: OutputStats | None = HEALTHY_OUT,
    input_scale: float | None = 1.0,
    update: float | None = 1e-3,
    val_losses: list[float] | None = None,
) -> RuleInput:
    """A 30-epoch history (10 steps each, baseline loss 1.0) after `epochs` epochs of `losses`
    per step, with one check at the end carrying the probe statistics."""
    history = new_history(budget=30, steps_per_epoch=10)
    history.step_losses.extend(losses)
    for epoch in range(epochs):
        logs = {"loss": losses[min(len(losses) - 1, 10 * epoch + 9)]}
        if val_losses is not None:
            logs["val_loss"] = val_losses[epoch]
        history.epochs.append(EpochRecord(epoch, 10 * (epoch + 1), logs))
    record: CheckRecord = check(epochs - 1, len(losses), update=update)
    record.activations = activations or [ActivationStats("dense", "relu", 1.0, 3.0)]
    record.output = output
    record.input_scale = input_scale
    history.checks.append(record)
    return RuleInput(history, record, loss_signals(history, T), T)


# --- abnormal data -------------------------------------------------------------------------


def test_abnormal_data_fires_on_large_inputs_and_activations():
    big = [ActivationStats("dense", "relu", 3 * T.ad_activation_scale, 500.0)]
    found = abnormal_data_rule(rule_input(losses=[0.7] * 10, epochs=1, activations=big,
                                          input_scale=3 * T.ad_input_scale))  # fmt: skip
    assert found is not None and found.problem is SetupProblem.ABNORMAL_DATA
    assert found.layer == "dense" and "not scaled" in found.reason
    assert not is_setup_finding(found)  # seen in training, not before it


def test_abnormal_data_fires_on_stuck_bounded_units():
    stuck = [ActivationStats("dense", "sigmoid", 0.9, 0.0, stuck_fraction=0.9)]
    found = abnormal_data_rule(rule_input(losses=[0.7] * 10, epochs=1, activations=stuck,
                                          input_scale=10 * T.ad_input_scale))  # fmt: skip
    assert found is not None and found.evidence["stuck_fraction"] == 0.9


@pytest.mark.parametrize(
    ("input_scale", "rms", "stuck"),
    [
        (0.3 * T.ad_input_scale, 10 * T.ad_activation_scale, None),  # scaled data, big weights
        (10 * T.ad_input_scale, 0.3 * T.ad_activation_scale, None),  # large inputs, tame layer
        (10 * T.ad_input_scale, 0.5, 0.2 * T.ad_stuck_fraction),  # sigmoid mostly alive
        (None, 10 * T.ad_activation_scale, None),  # not measured (paper profile)
    ],
)
def test_abnormal_data_needs_both_the_data_and_the_activations(input_scale, rms, stuck):
    act = "sigmoid" if stuck is not None else "relu"
    layers = [ActivationStats("dense", act, rms, 1.0, stuck_fraction=stuck)]
    x = rule_input(losses=[0.7] * 10, epochs=1, activations=layers, input_scale=input_scale)
    assert abnormal_data_rule(x) is None


# --- improper output -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("after", "fires"),
    [("BatchNormalization", False), ("LayerNormalization", False), ("Conv2D", True)],
)
def test_large_outputs_that_the_next_layer_normalises_are_not_abnormal(after, fires):
    """Raw pixels (input rms 124) into a linear stem convolution (outputs rms 172, 5.7 x
    ad_activation_scale) and BatchNorm right after it (rms 1.06), then ReLU (0.8): the
    second zoo's resnet--inputs_unnormalised (dev), healthy on its seeds, was named abnormal
    data. The normalisation rescales them before any non-linearity: no finding. The same
    stem feeding another convolution (no normalisation) still fires."""
    acts = [ActivationStats("conv2d", "linear", 172.0, 900.0),
            ActivationStats("next", "linear", 1.06 if after != "Conv2D" else 60.0, 8.0),
            ActivationStats("activation", "relu", 0.8, 5.0)]  # fmt: skip
    x = rule_input(losses=[0.7] * 10, epochs=1, activations=acts, input_scale=124.0)
    x.check.layers += [LayerStats("conv2d", "Conv2D", 0.1, 0.1), LayerStats("next", after, 0.1)]
    found = abnormal_data_rule(x)
    assert (found is not None) is fires
    if found:
        assert found.layer == "conv2d" and found.evidence["activation_rms"] == 172.0


@pytest.mark.parametrize(("first", "fires"), [("Embedding", False), ("Dense", True)])
def test_token_ids_into_an_embedding_are_no_unscaled_data(first, fires):
    """Token ids 0-49 have root mean square about 25 (the second zoo's text models: 24.3);
    with an Embedding first they are indices, not features, and a blow-up that follows (the
    Conv1D text model under momentum 0.99, dying ReLU by its label) was named abnormal data."""
    acts = [ActivationStats("conv1d", "relu", 3 * T.ad_activation_scale, 400.0)]
    x = rule_input(losses=[0.7] * 10, epochs=1, activations=acts, input_scale=24.3)
    x.check.layers.insert(0, LayerStats("embedding", first, 0.1))
    assert (abnormal_data_rule(x) is not None) is fires


def test_stuck_bounded_units_before_a_normalisation_layer_are_still_abnormal():
    """A sigmoid layer pinned at its bounds stays pinned whatever normalises it after."""
    acts = [ActivationStats("dense", "sigmoid", 0.9, 0.0, stuck_fraction=0.95),
            ActivationStats("bn", "linear", 1.0, 4.0)]  # fmt: skip
    x = rule_input(losses=[0.7] * 10, epochs=1, activations=acts, input_scale=124.0)
    x.check.layers.append(LayerStats("bn", "BatchNormalization", 0.1))
    found = abnormal_data_rule(x)
    assert found is not None and found.layer == "dense"


def test_constant_output_of_a_varying_hidden_layer_is_improper():
    out = OutputStats("softmax", saturated_fraction=1.0, range=0.0, spread_ratio=0.0)
    found = improper_output_rule(rule_input(losses=[0.7] * 10, epochs=1, output=out))
    assert found is not None and found.problem is SetupProblem.IMPROPER_OUTPUT
    assert "same value" in found.reason


def test_constant_output_of_a_dead_network_is_not_the_output_layers_fault():
    out = OutputStats("sigmoid", saturated_fraction=0.0, range=0.0, spread_ratio=0.0)
    dead = [ActivationStats("dense", "relu", 0.0, 0.0)]
    assert improper_output_rule(rule_input(losses=[0.7] * 10, epochs=1, output=out,
                                           activations=dead)) is None  # fmt: skip


def test_pinned_outputs_without_progress_are_improper():
    out = OutputStats("sigmoid", saturated_fraction=0.98, range=1.0, spread_ratio=0.9)
    found = improper_output_rule(rule_input(losses=[1.5] * 10, epochs=1, output=out))
    assert found is not None and found.evidence["saturated_fraction"] == 0.98
    # a sigmoid fits the (binary) history's task: the reason points at the pre-activations
    assert "inputs are off scale" in found.reason and "does not fit" not in found.reason


def test_pinned_outputs_of_an_activation_unfit_for_the_task_blame_the_activation():
    out = OutputStats("softmax", saturated_fraction=0.98, range=1.0, spread_ratio=0.9)
    found = improper_output_rule(rule_input(losses=[1.5] * 10, epochs=1, output=out))
    assert found is not None and "does not fit the loss and labels" in found.reason


def test_pinned_outputs_of_a_model_that_learned_are_fine():
    out = OutputStats("sigmoid", saturated_fraction=0.98, range=1.0, spread_ratio=0.95)
    assert improper_output_rule(rule_input(losses=[0.05] * 10, epochs=1, output=out)) is None
    half = replace(out, saturated_fraction=0.5 * T.io_saturated)
    assert improper_output_rule(rule_input(losses=[1.5] * 10, epochs=1, output=half)) is None


# --- set-up stall --------------------------------------------------------------------------

FLAT = [1.0 + 0.001 * ((i % 3) - 1) for i in range(100)]  # at the baseline, not moving
COLLAPSED = OutputStats("softmax", saturated_fraction=0.0, range=0.01, spread_ratio=0.01)


def test_a_flat_loss_with_collapsed_predictions_and_healthy_steps_is_a_setup_stall():
    found = setup_stall_rule(rule_input(losses=FLAT, epochs=10, output=COLLAPSED))
    assert found is not None and found.problem is SetupProblem.SETUP_STALL
    assert found.evidence["spread_ratio"] == 0.01


def test_a_loss_falling_towards_the_constant_predictor_with_collapsed_predictions_stalls():
    from_above = [1.6 - 0.006 * i for i in range(100)]  # 1.6 -> 1.0: no better than constant
    assert setup_stall_rule(rule_input(losses=from_above, epochs=10, output=COLLAPSED))


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"update": 1e-6}, "tiny steps: slow convergence"),
        ({"output": replace(COLLAPSED, spread_ratio=3 * T.stall_collapse)}, "predictions vary"),
        ({"epochs": 5, "losses": FLAT[:50]}, "too early"),
        ({"losses": [1.0 - 0.006 * i for i in range(100)]}, "the loss is moving"),
        ({"output": None}, "not measured"),
    ],
)
def test_no_setup_stall(change, why):
    kwargs = {"losses": FLAT, "epochs": 10, "output": COLLAPSED, **change}
    assert setup_stall_rule(rule_input(**kwargs)) is None, why


def test_the_detector_names_the_stall_before_slow_convergence():
    detector = DefaultDetector(DefaultThresholds(persist_checks=1))  # one check: no persistence
    x = rule_input(losses=FLAT, epochs=10, output=COLLAPSED)
    assert detector.detect(x.history).problem is SetupProblem.SETUP_STALL
    x.check.output = replace(COLLAPSED, spread_ratio=0.5)
    assert detector.detect(x.history).problem is Problem.SLOW_CONVERGENCE


def test_small_predictions_that_follow_the_labels_are_a_slow_start_not_a_setup_stall():
    """A deep sigmoid stack on a noisy task (the second zoo's mlp_noisy--act_sigmoid) leaves
    its plateau with predictions of a tiny spread that already rank the inputs like the labels
    (correlation about 0.4): it is learning, nothing in the set-up is wrong."""
    ordered = replace(COLLAPSED, label_correlation=2 * T.stall_correlation)
    assert setup_stall_rule(rule_input(losses=FLAT, epochs=10, output=ordered)) is None
    unordered = replace(COLLAPSED, label_correlation=0.25 * T.stall_correlation)
    found = setup_stall_rule(rule_input(losses=FLAT, epochs=10, output=unordered))
    assert found is not None and found.evidence["label_correlation"] == unordered.label_correlation


def _spreading(growth: float, correlation: float = 0.0,
               earlier_correlation: float | None = None) -> RuleInput:  # fmt: skip
    """A flat loss at chance whose predictions' spread grew `growth` x since a check two
    epochs before (the LSTM on practice batch 17's 60-step marker: 1.5-2.0 x), their label
    correlation `earlier_correlation` then (default: as now)."""
    now = replace(COLLAPSED, label_correlation=correlation)
    x = rule_input(losses=FLAT, epochs=10, output=now)
    earlier = check(7, 80, update=1e-3)
    then = correlation if earlier_correlation is None else earlier_correlation
    earlier.output = replace(now, spread_ratio=now.spread_ratio / growth, label_correlation=then)
    x.history.checks.insert(0, earlier)
    return x


def test_predictions_spreading_out_of_a_plateau_are_no_stall_yet():
    from autotrainer_keras.detect.default_curves import slow_convergence_rule

    leaving = _spreading(growth=1.6 * T.stall_spread_growth / 1.3)  # 1.6 x over two epochs
    assert setup_stall_rule(leaving) is None
    assert slow_convergence_rule(leaving) is None
    detector = DefaultDetector(DefaultThresholds(persist_checks=1))
    assert detector.detect(leaving.history) is None
    still = _spreading(growth=1.1)  # the SimpleRNN that never learns the marker: 1.15 x
    found = setup_stall_rule(still)
    assert found is not None and found.evidence["spread_growth"] == pytest.approx(1.1)
    assert detector.detect(still.history) is not None


def test_a_crawl_above_chance_with_growing_predictions_is_still_slow():
    """A frozen random base under a trainable head (practice batch 3): its predictions grow
    and follow the labels a little; spreading alone does not excuse slow convergence."""
    from autotrainer_keras.detect.default_curves import slow_convergence_rule

    ordered = _spreading(growth=2.0, correlation=2 * T.stall_correlation)
    assert slow_convergence_rule(ordered) is not None


def test_predictions_becoming_ordered_as_they_spread_leave_a_plateau():
    """Practice batch 24's BiGRU at the majority class for five epochs of 12 (seed 22): its
    predictions' spread grew 2.2 x over two epochs as their label correlation rose from 0.08
    to 0.25, and it learned to 0.96; an ordering that appears as the predictions spread is a
    plateau left, not a crawl (ordered all along: the test above)."""
    from autotrainer_keras.detect.default_curves import slow_convergence_rule

    leaving = _spreading(growth=2.2, correlation=1.25 * T.stall_correlation,
                         earlier_correlation=0.4 * T.stall_correlation)  # fmt: skip
    assert slow_convergence_rule(leaving) is None
    crawl = _spreading(growth=2.2, correlation=1.25 * T.stall_correlation)
    assert slow_convergence_rule(crawl) is not None


# --- validation unlike training -------------------------------------------------------------


def unlike_input(train: list[float], val: list[float], classes: int | None = 10) -> RuleInput:
    """A 10-class history whose epochs logged these training and validation accuracies."""
    history = new_history(task=Task.MULTICLASS, chance=0.1)
    history.classes = classes
    for epoch, (acc, val_acc) in enumerate(zip(train, val, strict=True)):
        history.epochs.append(EpochRecord(epoch, 10 * (epoch + 1), accuracy_logs(acc, val_acc)))
    record = check(len(train) - 1, 10 * len(train))
    history.checks.append(record)
    return RuleInput(history, record, None, T)


def test_validation_unlike_training_fires_on_fitted_rows_scored_far_below_guessing() -> None:
    finding = validation_unlike_rule(unlike_input([0.5, 0.8, 0.9], [0.3, 0.01, 0.02]))
    assert finding is not None and finding.problem is SetupProblem.LABEL_MISMATCH
    assert finding.evidence["val_accuracy"] == 0.02 and finding.evidence["classes"] == 10
    assert not is_setup_finding(finding)  # seen in training, not before it
    assert "validation_split" in finding.reason


@pytest.mark.parametrize(
    ("train", "val", "classes", "why"),
    [
        ([0.9, 0.9], [0.06, 0.3], 10, "one epoch near chance only"),
        ([0.9, 0.95], [0.06, 0.06], 10, "above half of guessing (0.05)"),
        ([0.5, 0.52], [0.04, 0.04], 10, "training not fitted: gap below 0.5"),
        ([0.99, 0.99], [0.3, 0.26], 2, "binary: above 0.25"),
        ([0.99], [0.0], 10, "one epoch"),
        ([0.9, 0.9], [0.0, 0.0], None, "classes unknown (regression, multi-hot)"),
        ([0.9, 0.9], [0.0, math.nan], 10, "a NaN accuracy"),
    ],
)
def test_validation_unlike_training_stays_quiet(
    train: list[float], val: list[float], classes: int | None, why: str
) -> None:
    assert validation_unlike_rule(unlike_input(train, val, classes)) is None, why


def test_validation_unlike_training_needs_both_accuracies() -> None:
    x = unlike_input([0.9, 0.9], [0.0, 0.0])
    for record in x.history.epochs:
        del record.logs["val_accuracy"]
    assert validation_unlike_rule(x) is None


# --- single-class training labels (Watch) ---------------------------------------------------


def single_class_input(train: list[float], val: list[float], baseline: float = 1e-7,
                       rows: str = "training") -> RuleInput:  # fmt: skip
    """A binary history whose probe rows (its baseline's) hold one class: a constant-predictor
    loss of ~1e-7 (the clipped log), as `Watch` reads it."""
    x = unlike_input(train, val, classes=2)
    x.history.task, x.history.baseline_loss, x.history.baseline_rows = Task.BINARY, baseline, rows
    return x


def test_single_class_training_rows_against_other_validation_classes_are_named() -> None:
    from autotrainer_keras.detect.validation_unlike import single_class_rule

    finding = single_class_rule(single_class_input([1.0, 1.0], [0.37, 0.37]))
    assert finding is not None and finding.problem is SetupProblem.LABEL_MISMATCH
    assert finding.evidence["val_accuracy"] == 0.37 and "never show" in finding.reason
    quiet = [
        single_class_input([1.0, 1.0], [0.95, 0.95]),  # validation the same class, mostly
        single_class_input([1.0, 1.0], [0.37, 0.37], baseline=0.3),  # two classes
        single_class_input([1.0, 1.0], [0.37, 0.37], rows="validation"),  # the job's baseline
        single_class_input([0.9, 0.9], [0.37, 0.37]),  # not fitted
        single_class_input([1.0], [0.37]),  # one epoch
    ]
    assert [single_class_rule(x) for x in quiet] == [None] * len(quiet)
