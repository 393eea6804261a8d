"""Default profile on realistic training (issue 13): each false alarm of the old rules, on a
scripted history, next to the true positive the new rules still find."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autotrainer_keras.detect.default import DefaultDetector
from autotrainer_keras.measure.baselines import baseline_loss, chance_accuracy
from autotrainer_keras.measure.history import Task
from autotrainer_keras.problems import Problem

from .builders import Run, accuracy_logs, curve, new_history, noisy

# mlp_weighted--default--s11 of the second zoo (class-balancing weights, 93/7 %): the logged
# losses and accuracy are weighted.
WEIGHTED_VAL = [0.578, 0.518, 0.486, 0.467, 0.453, 0.441, 0.431, 0.423, 0.415, 0.408, 0.401,
                0.394]  # fmt: skip
WEIGHTED_ACC = [0.688, 0.756, 0.771, 0.787, 0.798, 0.791, 0.798, 0.806, 0.812, 0.814, 0.818,
                0.821]  # fmt: skip


def _balanced_labels() -> tuple[np.ndarray, np.ndarray]:
    """93/7 % binary labels and the class-balancing weights n / (2 n_c)."""
    y = (np.arange(1000) < 70).astype("float32")
    w = np.where(y == 1, 1000 / (2 * 70), 1000 / (2 * 930))
    return y, w


def test_the_baseline_of_a_weighted_loss_is_the_weighted_constant_predictors() -> None:
    """Keras weighs each row's loss (mean of weight x loss): under class-balancing weights
    the best constant is the balanced prior 0.5 and its loss ln 2, not the unweighted prior's
    0.254 (against which a healthy weighted model never made progress)."""
    y, w = _balanced_labels()
    weighted = baseline_loss(Task.BINARY, "binary_crossentropy", y, y, w, w)
    assert weighted == pytest.approx(math.log(2), rel=1e-6)
    unweighted = baseline_loss(Task.BINARY, "binary_crossentropy", y, y)
    assert unweighted == pytest.approx(0.2536, abs=1e-3)


def test_class_balancing_weights_are_not_slow_convergence() -> None:
    """Against the weighted constant predictor's loss (ln 2) the weighted loss makes steady
    progress: no finding (the unweighted 0.268 made it look worse than learning nothing, and
    the old rules called it slow convergence at epoch 9). The weighted accuracy stays below
    the unweighted majority class's 0.924: far below chance is no collapse either."""
    y, w = _balanced_labels()
    baseline = baseline_loss(Task.BINARY, "binary_crossentropy", y, y, w, w)
    history = new_history(budget=12, steps_per_epoch=29, baseline=baseline, chance=0.924)
    run = Run(DetectorUnderTest(), history)
    for epoch, (val, acc) in enumerate(zip(WEIGHTED_VAL, WEIGHTED_ACC, strict=True)):
        steps = noisy([val - 0.02] * 29, 0.05, seed=epoch)
        logs = accuracy_logs(acc, loss=val)
        assert run.epoch(steps, logs=logs, update=1e-3) is None, epoch


def test_a_stuck_model_with_the_same_labels_is_slow_convergence() -> None:
    """The same task when the model learns nothing: accuracy at the majority class, loss at
    the constant predictor's, tiny steps."""
    history = new_history(budget=12, steps_per_epoch=29, baseline=0.268, chance=0.924)
    run = Run(DetectorUnderTest(), history)
    for epoch in range(5):
        run.epoch(noisy([0.27] * 29, 0.02, seed=epoch), logs=accuracy_logs(0.924, loss=0.27))
    found = run.first()
    assert found is not None and found.problem is Problem.SLOW_CONVERGENCE


def prior_fit(t: float) -> float:
    """An imbalanced binary task (baseline 0.25): the untrained model starts at ln 2 and its
    output bias fits the class prior within the first epoch, after which nothing moves."""
    return 0.25 + (math.log(2) - 0.25) * math.exp(-6 * t)


@pytest.mark.parametrize(("first_grad", "problem"), [(1e-6, Problem.VANISHING_GRADIENT),
                                                     (0.1, Problem.SLOW_CONVERGENCE)])  # fmt: skip
def test_vanishing_gradients_are_named_before_slow_convergence(
    first_grad: float, problem: Problem
) -> None:
    """The early drop from ln 2 to the prior's loss is no learning; with a gradient ratio
    below beta_1 it is vanishing gradients (the old rules named slow convergence first),
    with a healthy ratio and tiny steps slow convergence."""
    history = new_history(budget=20, steps_per_epoch=20, baseline=0.25, chance=0.9)
    run = Run(DetectorUnderTest(), history)
    for epoch in range(8):
        run.epoch(curve(prior_fit, epoch, 20), logs=accuracy_logs(0.9, loss=0.25),
                  first_grad=first_grad)  # fmt: skip
    found = run.first()
    assert found is not None and found.problem is problem


@pytest.mark.parametrize(
    ("first_update", "problem"),
    [(1e-7, Problem.VANISHING_GRADIENT), (1e-3, Problem.SLOW_CONVERGENCE),
     (5e-3, Problem.SLOW_CONVERGENCE)],
)  # fmt: skip
def test_a_small_gradient_ratio_is_vanishing_only_when_the_first_layers_starve(
    first_update: float, problem: Problem
) -> None:
    """A model stuck at chance with a first/output gradient ratio of 1e-5. Under plain SGD
    the first layer moves 1e-4 x as fast as the output layer (the second zoo's deep sigmoid
    stacks: 4e-6 to 1.5e-2): vanishing gradients. Under Adam the first layer moves like the
    others or faster (the zoo's sigmoid Conv1D text model, 1.7 to 400 x; a transformer whose
    attention query kernel has the small gradient, 0.06 to 1.6 x): its layers learn, so the
    stall is slow convergence, named once the patient budget has passed."""
    history = new_history(budget=20, steps_per_epoch=20, baseline=0.69, chance=0.5)
    run = Run(DetectorUnderTest(), history)
    for epoch in range(10):
        run.epoch(noisy([0.69] * 20, 0.01, seed=epoch), logs=accuracy_logs(0.5, loss=0.69),
                  first_grad=1e-6, update=1e-3, first_update=first_update)  # fmt: skip
    found = run.first()
    assert found is not None and found.problem is problem
    if problem is Problem.VANISHING_GRADIENT:
        assert found.evidence["first_to_output_update_ratio"] == pytest.approx(1e-4)
        assert found.thresholds["vg_update_ratio"] == 0.01 and found.epoch <= 2
    else:
        assert found.epoch >= 0.3 * 20 - 1


@pytest.mark.parametrize(("val_acc", "problem"), [(0.5, Problem.SLOW_CONVERGENCE), (0.8, None)])
def test_a_loss_falling_far_above_the_constant_predictors_at_chance_is_slow(
    val_acc: float, problem: Problem | None
) -> None:
    """Unscaled tabular features (the second zoo's mlp_noisy--inputs_unnormalised, dev): the
    loss starts at 125 x the constant predictor's and falls by a third every epoch as the
    huge wrong logits shrink, still above it at the end, with the accuracy at chance all
    along. Falling that fast read as "a budget too short" (missed, or named at epoch 10-11
    of 12); worse than learning nothing at chance accuracy, it is slow convergence once the
    patient budget has passed. The same fall with the accuracy well above chance is
    learning: no finding."""
    history = new_history(budget=12, steps_per_epoch=20, baseline=0.69, chance=0.5)
    run = Run(DetectorUnderTest(), history)
    for epoch in range(8):
        level = 86.0 * (2 / 3) ** epoch
        logs = {"loss": 2 * level, "accuracy": 0.5, "val_loss": level, "val_accuracy": val_acc}
        run.epoch(noisy([2 * level] * 20, 0.05, seed=epoch), logs=logs, update=1e-3)
    found = run.first()
    assert (found.problem if found else None) is problem
    if found:
        assert found.epoch <= 4 and "near chance" in found.reason


def test_a_slow_start_about_to_cross_the_constant_predictors_loss_is_not_slow() -> None:
    """A healthy ReLU net whose untrained output sits on the wrong side (the old zoo's
    two-blob case: loss 2.3 x the constant predictor's at the majority-class accuracy),
    falling a fifth per epoch: at that pace it crosses the constant predictor's loss within
    about two epochs, long before the budget ends; then it learns. No finding."""
    history = new_history(budget=10, steps_per_epoch=11, baseline=0.70, chance=0.44)
    run = Run(DetectorUnderTest(), history)
    for epoch in range(10):
        level = max(1.6 * 0.8**epoch, 0.9 * 0.7**epoch)
        acc = 0.44 if level > 0.7 else 0.95
        logs = {"loss": level, "accuracy": acc, "val_loss": level, "val_accuracy": acc}
        assert run.epoch(noisy([level] * 11, 0.02, seed=epoch), logs=logs, update=1e-3) is None


@pytest.mark.parametrize(("rows", "problem"), [("training", Problem.VANISHING_GRADIENT),
                                               ("validation", None)])  # fmt: skip
def test_a_regression_baseline_of_training_rows_is_judged_on_the_training_loss(
    rows: str, problem: Problem | None
) -> None:
    """The Watch's baseline of a standardised regression comes from its probe (training)
    rows: 1.0; the validation targets' variance is 0.836 (the second zoo's diabetes split).
    A deep sigmoid stack under SGD learns nothing: training loss 1.0, validation 0.836. Read
    against the validation loss that is progress 0.16, which shut the harm gate (the zoo's
    mlp_diabetes--deep_sigmoid_sgd, missed on 2 of 3 dev seeds); against the training loss it
    is none: vanishing gradients. A baseline of validation rows keeps the validation loss."""
    history = new_history(task=Task.REGRESSION, budget=30, steps_per_epoch=11, baseline=1.0)
    history.baseline_rows = rows
    run = Run(DetectorUnderTest(), history)
    for epoch in range(10):
        logs = {"loss": 1.007, "val_loss": 0.836}
        run.epoch(noisy([1.007] * 11, 0.01, seed=epoch), logs=logs, dead=None,
                  first_grad=1e-5, update=1e-4)  # fmt: skip
    found = run.first()
    assert (found.problem if found else None) is problem
    if found:
        assert found.evidence["progress"] < 0.01 and found.epoch <= 5


def test_dead_units_at_a_task_ceiling_are_no_finding_but_at_chance_they_are() -> None:
    """Overlapping classes (fc-blob-ol-2 of the first zoo): 72 % dead units at the ceiling,
    validation accuracy 0.65 against chance 0.33, the loss flat at 0.75 of the baseline.
    The old 'off track' gate (0.5 of the way) fired; at chance the same units are DR."""
    for acc, expected in ((0.65, None), (0.34, Problem.DYING_RELU)):
        history = new_history(task=Task.MULTICLASS, budget=30, baseline=1.1, chance=0.33)
        run = Run(DetectorUnderTest(), history)
        for epoch in range(12):
            level = 1.1 * (0.75 + 0.25 * math.exp(-2 * epoch)) if acc > 0.5 else 1.1
            run.epoch(level, logs=accuracy_logs(acc, loss=level), dead=0.72, update=1e-3)
        found = run.first()
        assert (found.problem if found else None) is expected, acc


def test_low_r2_regression_at_its_ceiling_is_no_finding() -> None:
    """Diabetes-like regression: R^2 about 0.45 (loss 0.55 of the constant predictor's),
    reached by epoch 5 and flat after, with a low gradient ratio: no finding."""
    history = new_history(task=Task.REGRESSION, budget=40, baseline=6000.0)
    run = Run(DetectorUnderTest(), history)
    for epoch in range(40):
        losses = curve(lambda t: 6000.0 * (0.55 + 0.45 * math.exp(-t)), epoch, 10)
        logs = {"loss": losses[-1], "val_loss": losses[-1] * 1.02}
        assert run.epoch(noisy(losses, 0.01, seed=epoch), logs=logs, dead=None,
                         first_grad=5e-5, update=1e-3) is None, epoch  # fmt: skip


def test_cosine_similarity_loss_is_judged_by_its_scale() -> None:
    """A loss from -0.05 to -0.9 (cosine similarity): no baseline is known and the reference
    is below 0. Learning gives no finding; a flat one near 0 is slow convergence."""
    learning = Run(DetectorUnderTest(), new_history(task=Task.REGRESSION, baseline=None))
    for epoch in range(30):
        losses = curve(lambda t: -0.05 - 0.85 * (1 - math.exp(-t / 3)), epoch, 10)
        assert learning.epoch(losses, logs={"loss": losses[-1], "val_loss": losses[-1]},
                              dead=None, update=1e-3) is None, epoch  # fmt: skip
    flat = Run(DetectorUnderTest(), new_history(task=Task.REGRESSION, baseline=None))
    for _ in range(12):
        flat.epoch(-0.05, logs={"loss": -0.05, "val_loss": -0.05}, dead=None)
    found = flat.first()
    assert found is not None and found.problem is Problem.SLOW_CONVERGENCE


def test_multi_hot_labels_get_a_per_label_baseline() -> None:
    """Five independent labels: the constant predictor is a Bernoulli per label (binary
    cross-entropy), a normalised label mass (categorical cross-entropy with multi-hot rows);
    chance is each label's majority value. The argmax of a row would drop all labels but one."""
    rng = np.random.default_rng(0)
    rates = np.array([0.5, 0.3, 0.2, 0.1, 0.6])
    y = (rng.random((4000, 5)) < rates).astype("float32")
    p = y.mean(axis=0)
    bernoulli = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert baseline_loss(Task.BINARY, "binary_crossentropy", y, y) == pytest.approx(bernoulli)
    mass = p / p.sum()
    softmax = -np.mean(np.sum(y * np.log(mass), axis=1))
    assert baseline_loss(Task.MULTICLASS, "categorical_crossentropy", y, y) == pytest.approx(
        softmax
    )
    assert chance_accuracy(y, y) == pytest.approx(np.mean(y == (p >= 0.5)))
    one_hot = np.eye(3)[rng.integers(0, 3, 600)]
    sparse = baseline_loss(Task.MULTICLASS, "sparse_categorical_crossentropy",
                           one_hot.argmax(1), one_hot.argmax(1))  # fmt: skip
    dense = baseline_loss(Task.MULTICLASS, "categorical_crossentropy", one_hot, one_hot)
    assert dense == pytest.approx(sparse)


def DetectorUnderTest() -> DefaultDetector:  # noqa: N802 - reads as the class it returns
    """The default profile with its default thresholds."""
    return DefaultDetector()
