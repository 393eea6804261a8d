"""Targets outside [0, 1] for a loss that reads them as probabilities: two-class labels coded
1/2 or -1/+1 under a binary cross-entropy, masks of 0/255 under Dice or Tversky,
log-probabilities under the KL divergence, a teacher's logits or raw vote counts under the
categorical cross-entropy."""

from __future__ import annotations

import math

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import (
    BINARY_LOSSES,
    KL_DIVERGENCE,
    OVERLAP_LOSSES,
    setup_finding,
)
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

CATEGORICAL_LOSSES = frozenset({"categorical_crossentropy", "categorical_focal_crossentropy"})
"""Losses that read each target row as a distribution over the classes."""


def probability_targets(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a binary cross-entropy, an overlap loss (Dice, Tversky), the KL
    divergence or a categorical cross-entropy is given targets below 0 or above 1 (training
    or validation). Under the
    binary cross-entropy -y log p - (1 - y) log(1 - p) has no minimum there, so the loss
    falls without end (integer labels of three or
    more classes are `binary_loss_multiclass`'s); Keras' KL divergence clips its targets into
    [1e-7, 1], so log-probabilities (all <= 0) all become 1e-7 and nothing is learned."""
    m, d = facts.model, facts.data
    if m.loss not in BINARY_LOSSES | OVERLAP_LOSSES | CATEGORICAL_LOSSES | {KL_DIVERGENCE}:
        return None
    if m.loss in BINARY_LOSSES and d.label_kind == "integer" and d.n_classes >= 3:
        return None
    if m.loss in CATEGORICAL_LOSSES and d.label_kind in ("integer", "binary"):
        return None  # class ids, not rows of probabilities: `label_encoding`'s
    low = min(d.y_min, d.y_val_min) if not math.isnan(d.y_val_min) else d.y_min
    high = max(d.y_max, d.y_val_max) if not math.isnan(d.y_val_max) else d.y_max
    if low >= 0.0 and high <= 1.0:
        return None
    if m.loss == KL_DIVERGENCE:
        reason = (
            f"the targets run from {low:g} to {high:g} but {m.loss} takes probabilities "
            "(rows in [0, 1] that sum to 1) and clips everything else into [1e-7, 1]: "
            "log-probabilities or logits as targets teach nothing; pass probabilities"
        )
    elif m.loss in CATEGORICAL_LOSSES:  # practice batch 53's distillation and crowd votes
        reason = (
            f"the targets run from {low:g} to {high:g} but {m.loss} takes each row as "
            "probabilities of the classes (in [0, 1], summing to 1): "
            + ("below 0 the loss has no minimum and falls without end (a teacher's logits "
               "as targets?); pass softmax(logits / temperature)" if low < 0 else
               "counts (votes, occurrences) weight every row by its total and do not say "
               "how likely each class is; divide each row by its sum")
        )
    elif m.loss in OVERLAP_LOSSES:  # practice batch 9's tversky_masks_255: loss -1.8 to -2.3
        reason = (
            f"the masks run from {low:g} to {high:g} but {m.loss} scores the overlap of 0/1 "
            "masks with probabilities: outside [0, 1] the loss falls below 0 without end; "
            f"code the masks as 0 and 1{' (divide by 255)' if high == 255 else ''}"
        )
    else:
        reason = (
            f"the labels run from {low:g} to {high:g} but {m.loss} takes targets in [0, 1]: "
            f"outside that range the loss has no minimum and falls without end; "
            f"{_fix(d.label_kind, low, high, d.minus_one_labels)}"
        )
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        reason,
        {"target_min": float(low), "target_max": float(high)},
        layer=m.output_layer,
    )


def _fix(label_kind: str, low: float, high: float, minus_one: bool = False) -> str:
    """What to do: two classes coded otherwise are recoded; -1 beside 0/1 classes (a missing
    label's usual code: practice batch 77's assays) is left out of the loss, not recoded
    (as 0 it reads as a negative: 0.648 against 0.849); many-valued targets (an image a
    denoiser reconstructs, 0..255: practice batch 23's `denoiser_targets_unscaled`) are
    scaled into [0, 1], or trained under a regression loss."""
    if minus_one:
        return ("the labels are -1, 0 and 1, and -1 is the usual code of a missing label: "
                "leave those entries out of the loss (a loss that masks -1, or a sample "
                "weight of 0 per entry) rather than recoding them (as 0 they read as "
                "negatives)")  # fmt: skip
    if label_kind != "continuous":
        return "code the two classes as 0 and 1"
    if low < 0.0:
        scale = f"map [{low:g}, {high:g}] onto [0, 1]"
    else:
        scale = f"divide by {255 if 128.0 < high <= 255.0 else high:g}"
    return f"scale the targets into [0, 1] ({scale}), or use a regression loss (mse) on them"
