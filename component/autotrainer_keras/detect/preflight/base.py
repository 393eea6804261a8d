"""What every pre-flight rule shares: its signature, the finding it returns, loss families."""

from __future__ import annotations

from collections.abc import Callable

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

Rule = Callable[[SetupFacts, PreflightThresholds], Finding | None]

OWN_LOSS = "own_loss"
"""How the pre-flight checks name a loss of the user's own (no rule about a loss knows it)."""

REGRESSION_LOSSES = frozenset(
    {
        "mse",
        "mean_squared_error",
        "mae",
        "mean_absolute_error",
        "huber",
        "log_cosh",
        "mean_squared_logarithmic_error",
    }
)
VALUE_LOSSES = REGRESSION_LOSSES | {"mean_absolute_percentage_error", "poisson"}
"""Losses whose targets are amounts or counts, never class labels, whatever values they hold
(float counts 0..40 look like 41 integer classes to the data alone)."""
BINARY_LOSSES = frozenset({"binary_crossentropy", "binary_focal_crossentropy"})
KL_DIVERGENCE = "kl_divergence"  # reads targets and outputs as probabilities, no from_logits
OVERLAP_LOSSES = frozenset({"dice", "tversky"})
"""Segmentation losses scoring the overlap of 0/1 masks with probabilities (no from_logits)."""
MARGIN_LOSSES = frozenset({"hinge", "squared_hinge"})
"""Losses scoring a raw score's sign and margin against -1/+1 labels (0/1 converted); not
`categorical_hinge`, which compares the classes' scores with each other (an argmax, so a
softmax output still classifies)."""
CLASS_KINDS = frozenset({"binary", "integer", "onehot"})
LABEL_LOSSES = BINARY_LOSSES | OVERLAP_LOSSES | MARGIN_LOSSES | {
    "categorical_crossentropy", "sparse_categorical_crossentropy",
    "categorical_focal_crossentropy", "categorical_hinge",
}  # fmt: skip
"""Keras's losses that read their targets as class labels: a loss of the user's own may
ignore them (a triplet or contrastive loss trained on dummy targets of zeros)."""


def setup_finding(
    problem: SetupProblem,
    reason: str,
    evidence: dict[str, float],
    thresholds: dict[str, float] | None = None,
    layer: str | None = None,
) -> Finding:
    """A finding before the first step (epoch 0, step 0)."""
    return Finding(problem, 0, 0, layer, evidence, thresholds or {}, reason)


def head_finding(facts: SetupFacts, reason: str) -> Finding:
    """An output/loss mismatch found on the output layer (its units as evidence)."""
    m = facts.model
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        reason,
        {"output_units": float(m.output_units)},
        layer=m.output_layer,
    )
