"""A model that learns in training mode and not in inference mode: on the same probe rows,
with the same weights, its loss with training-mode layers has fallen far below the constant
predictor's while its loss with inference-mode layers has not, and its validation loss (an
inference-mode loss too) stays near the constant predictor's. BatchNormalization whose moving
statistics lag behind the batch statistics does this (momentum 0.9999; or Keras' 0.99 with
too few steps for them to catch up): the model is evaluated and used in inference mode.

Not this problem: overfitting (other rows; here the rows are the same), dropout (it only makes
training mode worse), a model that learned nothing (training mode has learned too).

Moving statistics lag in every BatchNormalization model early on, and catch up at a pace
that depends on the steps per epoch (the practice benchmark's healthy `cnn_batchnorm`,
momentum 0.99 and 45 steps an epoch, is at chance in inference mode until its 8th-9th epoch
of 15, then reaches 0.96): so the rule waits until im_patient_budget of the budget is trained
and, like the other inferred rules, for persist_checks consecutive checks.

Pure: `RuleInput -> Finding | None` (detect/rule.py), on `CheckRecord.mode_losses`.
"""

from __future__ import annotations

import math

from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.text import num
from autotrainer_keras.problems import Finding, SetupProblem


def inference_mismatch_rule(x: RuleInput) -> Finding | None:
    """Fires at an epoch-end check of a BatchNormalization model (the only ones measured)
    once im_patient_budget of the budget is trained, when on the probe rows the training-mode
    loss has made at least im_learned progress over the constant predictor and the
    inference-mode loss less than im_unlearned, and the validation loss (when logged) less
    than im_unlearned too."""
    history, check, t = x.history, x.check, x.thresholds
    modes, baseline = check.mode_losses, history.baseline_loss
    if modes is None or baseline is None or not math.isfinite(baseline) or baseline <= 0:
        return None
    if not (math.isfinite(modes.training) and math.isfinite(modes.inference)):
        return None  # NaN/Inf: the non-finite rule's
    trained = history.steps_done / max(1, history.steps_per_epoch)
    if trained < t.im_patient_budget * history.epochs_budget:
        return None
    learned = 1.0 - modes.training / baseline
    unlearned = 1.0 - modes.inference / baseline
    if learned < t.im_learned or unlearned >= t.im_unlearned:
        return None
    epoch = history.epochs[-1] if history.epochs else None
    val_loss = epoch.logs.get("val_loss") if epoch is not None else None
    val_progress = None
    if val_loss is not None and math.isfinite(val_loss):
        val_progress = 1.0 - float(val_loss) / baseline
        if val_progress >= t.im_unlearned:
            return None  # validation (inference mode, other rows) has learned: no harm seen
    evidence = {
        "training_mode_loss": modes.training,
        "inference_mode_loss": modes.inference,
        "baseline_loss": float(baseline),
        "training_mode_progress": learned,
        "inference_mode_progress": unlearned,
        "epochs_trained": trained,
    }
    validation = ""
    if val_progress is not None:
        evidence["val_loss"] = float(val_loss)  # type: ignore[arg-type]
        evidence["val_progress"] = val_progress
        validation = f" and the validation loss {num(val_loss)} (progress {num(val_progress)})"
    return Finding(
        problem=SetupProblem.INFERENCE_MISMATCH,
        epoch=check.epoch,
        step=check.step,
        layer=None,
        evidence=evidence,
        thresholds={
            "im_learned": t.im_learned,
            "im_unlearned": t.im_unlearned,
            "im_patient_budget": t.im_patient_budget,
        },  # fmt: skip
        reason=(
            f"After {num(trained)} epochs, on the same probe rows the loss with training-mode "
            f"layers is {num(modes.training)} (progress {num(learned)} over the constant "
            f"predictor's {num(baseline)}, >= {num(t.im_learned)}) but with inference-mode "
            f"layers {num(modes.inference)} (progress {num(unlearned)} < "
            f"{num(t.im_unlearned)}){validation}: the model learns in training mode only, as "
            "when BatchNormalization's moving statistics lag far behind the batch statistics "
            "(a momentum too close to 1 for the steps trained); evaluation and prediction "
            "use the moving statistics."
        ),
    )
