"""What a candidate must beat: the original's best score with the acceptance margins, and
the tie-break by a lower loss (the pure rules are `policy.acceptance_target`,
`policy.final_margin` and `policy.judge`; this reads them off the job's attempts)."""

from __future__ import annotations

import math

import keras
import numpy as np

from autotrainer_keras.config.repair import RepairConfig
from autotrainer_keras.engine.attempt import AttemptResult, spec_baseline_loss
from autotrainer_keras.io.arrays import Arrays, one_output
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.baselines import row_weights
from autotrainer_keras.problems import retrain_checked
from autotrainer_keras.repair import keras_spec, policy
from autotrainer_keras.repair.spec import TrainingSpec

CHANCE_TIE = 0.01
"""A tie at the original's best accuracy is broken by a lower loss only when that accuracy is
more than this above chance (the majority class's): a candidate back at chance with a
slightly lower loss is no repair (test lstm_text--batch_full: 0.5617, the class prior)."""


def lower_loss(original: AttemptResult | None, candidate: AttemptResult) -> bool:
    """The candidate's best validation loss is below the original's (tasks with an accuracy:
    `policy.judge` breaks a tie at the target with it), and the original's best accuracy is
    above chance (`CHANCE_TIE`).

    Not when the original's findings are only pre-flight suspicions that its training did not
    confirm (`problems.RETRAIN_CHECKED`): the tie-break credits a candidate that no longer
    diverges, and a model that trained well is not repaired by a fix that only ties its
    accuracy (a linear stack on a linearly separable task, 1.0 -> 1.0 with a lower loss from a
    later candidate of the plan, `lr_up`, was "repaired" whenever the time budget let that
    candidate run: the suspicion is withdrawn instead, `policy.withdraws`)."""
    if original is None or not candidate.history.task.has_accuracy:
        return False
    if original.findings and all(retrain_checked(f) for f in original.findings):
        return False
    chance = original.history.chance_accuracy
    if chance is not None and original.best_score <= chance + CHANCE_TIE:
        return False
    return candidate.best_val_loss < original.best_val_loss


def past_the_prior(
    original: AttemptResult | None, candidate: AttemptResult, cfg: RepairConfig
) -> bool:
    """Tasks with an accuracy whose original's best validation loss never got
    `repair.accept_prior_loss_gain` below the constant predictor's: the candidate, under the
    same loss, does (`policy.judge` then accepts it at the original's best accuracy or
    above). On rare positives an accuracy cannot show what was learned: the majority's share
    is most of it (practice batch 98's click models: probabilities read as logits, 0.148
    against the prior's 0.158 at 0.974; a sigmoid output, 0.097 at 0.974). Not when the
    original's findings are only unconfirmed suspicions (as `lower_loss`)."""
    if original is None or not candidate.history.task.has_accuracy:
        return False
    if original.findings and all(retrain_checked(f) for f in original.findings):
        return False
    baseline = original.history.baseline_loss
    if baseline is None or not math.isfinite(baseline) or baseline <= 0:
        return False
    needed = (1.0 - cfg.accept_prior_loss_gain) * baseline
    if not same_loss(original.spec, candidate.spec) or original.best_val_loss <= needed:
        return False
    return candidate.best_val_loss <= needed


def acceptance_target(original: AttemptResult, cfg: RepairConfig) -> float:
    """The score a candidate must beat (`policy.acceptance_target`): the original's best
    validation accuracy (by `repair.accept_margin_stopped` more when its detection stopped it
    before its budget; above its `chance_floor` by `over_chance`), or, judged by loss, a
    meaningful fall of its best validation loss to below the constant predictor's."""
    by_loss = not original.history.task.has_accuracy
    margin = cfg.accept_margin
    if not by_loss and original.epochs_run < original.spec.epochs:
        margin = max(margin, cfg.accept_margin_stopped)
    return policy.acceptance_target(
        original.best_score, margin, by_loss=by_loss,
        baseline_loss=original.history.baseline_loss, min_loss_gain=cfg.min_loss_gain,
        chance=original.history.chance_floor,
        over_chance=over_chance(original.history.chance_floor, original.history.chance_rows,
                                cfg),
    )  # fmt: skip


def over_chance(chance: float | None, rows: int | None, cfg: RepairConfig) -> float:
    """How far above chance a repair's accuracy must be: `repair.accept_over_chance`, or
    `repair.accept_over_chance_noise` standard errors of an accuracy at chance on `rows`
    validation rows when that is more."""
    if chance is None or not rows:
        return cfg.accept_over_chance
    noise = math.sqrt(max(chance * (1.0 - chance), 0.0) / rows)
    return max(cfg.accept_over_chance, cfg.accept_over_chance_noise * noise)


def final_margin(original: AttemptResult, cfg: RepairConfig) -> float:
    """`policy.final_margin` of the job's original: a meaningful gain, the larger of
    `accept_margin` and `accept_margin_stopped` of accuracy, or `min_loss_gain` of its loss."""
    by_loss = not original.history.task.has_accuracy
    margin = max(cfg.accept_margin, cfg.accept_margin_stopped)
    return policy.final_margin(original.best_score, by_loss, margin, cfg.min_loss_gain)


def same_loss(a: TrainingSpec, b: TrainingSpec) -> bool:
    """Both specs train the same loss (name and arguments, and a multi-output model's loss
    weights): their losses share units."""
    return (a.loss, a.loss_config, a.output_losses, a.loss_weights) == (
        b.loss, b.loss_config, b.output_losses, b.loss_weights
    )  # fmt: skip


def reweighted_best_loss(original: AttemptResult, spec: TrainingSpec) -> float | None:
    """The original's best total validation loss under `spec`'s loss weights (the same losses
    per output), from its outputs' own logged losses (Keras logs them unweighted). None: not
    a multi-output model with the same output losses, or an output's loss was not logged."""
    losses = spec.output_losses
    if losses is None or losses != original.spec.output_losses:
        return None
    weights = spec.loss_weights or {}
    series = [original.history.series(f"val_{name}_loss") for name in losses]
    if not all(series) or len({len(s) for s in series}) != 1:
        return None
    factors = [float(weights.get(name, 1.0)) for name in losses]
    totals = [sum(w * value for w, value in zip(factors, row, strict=True))
              for row in zip(*series, strict=True)]  # fmt: skip
    finite = [total for total in totals if math.isfinite(total)]
    return min(finite) if finite else None


def target_in_units_of(
    original: AttemptResult, spec: TrainingSpec, data: Dataset, x_val: Arrays, cfg: RepairConfig
) -> float | None:
    """The acceptance target of a candidate that trains another loss than the original, on a
    task judged by loss (a regression whose `output_pair` replaced a loss the targets do not
    fit): the original's validation loss read again under the candidate's loss (its weights as
    they are now), and the constant predictor's under it, so both are judged in one unit (a
    mean squared error is no lower than a mean squared logarithmic one because it is better).
    A multi-output model's candidate with other loss weights (`scale_target`): the original's
    best total loss under those weights (`reweighted_best_loss`). None: the losses are the
    same, the task has an accuracy, the model has several outputs whose losses differ, or the
    original cannot be read so."""
    if original.history.task.has_accuracy or same_loss(original.spec, spec):
        return None
    if spec.output_losses is not None or original.spec.output_losses is not None:
        best = reweighted_best_loss(original, spec)  # a repair that changed the loss weights
        if best is None:
            return None
        return policy.acceptance_target(-best, cfg.accept_margin, by_loss=True,
                                        min_loss_gain=cfg.min_loss_gain)  # fmt: skip
    try:
        loss = keras.losses.get(keras_spec.make_loss(spec))
        per_row = getattr(loss, "call", loss)  # a Loss object's unreduced values
        predicted = original.model.predict(x_val, verbose=0)
        values = np.asarray(per_row(np.asarray(data.y_val, "float32"), predicted), np.float64)
        weights = one_output(data.val_sample_weight)
        value = float(np.average(values.reshape(len(values), -1).mean(axis=1),
                                 weights=None if weights is None else row_weights(weights)))
    except Exception:  # noqa: BLE001 - a loss or model this cannot read: judged as before
        return None
    if not math.isfinite(value):
        return None
    return policy.acceptance_target(
        -value, cfg.accept_margin, by_loss=True,
        baseline_loss=spec_baseline_loss(original.history.task, spec, data),
        min_loss_gain=cfg.min_loss_gain,
    )  # fmt: skip
