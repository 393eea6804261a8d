"""A cross-entropy loss on an output that does not give probabilities (ReLU, linear, tanh)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import (
    BINARY_LOSSES,
    KL_DIVERGENCE,
    OVERLAP_LOSSES,
    head_finding,
)
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding

PROBABILITY_LOSSES = BINARY_LOSSES | {
    KL_DIVERGENCE,
    "categorical_crossentropy",
    "sparse_categorical_crossentropy",
    "categorical_focal_crossentropy",
}
PROBABILITY_HEADS = frozenset({"sigmoid", "softmax", "hard_sigmoid"})
CLIPPED_LOGIT_HEADS = frozenset({"relu", "relu6"})
FOCAL_LOSSES = frozenset({"binary_focal_crossentropy", "categorical_focal_crossentropy"})
"""Losses that squash `from_logits` outputs themselves: Keras' three cross-entropies instead
read the logits a sigmoid or softmax output keeps (`_keras_logits`, with a warning), so
those train as if from_logits were False (practice `softmax_from_logits`, second zoo
`loss_from_logits`: no harm measured); the focal ones squash the probabilities again."""


def probability_loss_head(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a cross-entropy loss without `from_logits=True` is trained on an output
    whose stated activation is not sigmoid or softmax: Keras reads the outputs as
    probabilities, clips what lies outside (0, 1) and learns little or nothing. With
    `from_logits=True`, fires on a ReLU output: a logit cut at 0 passes no gradient, so a
    class whose unit went negative for an input cannot be learned back for it."""
    m = facts.model
    if m.loss in OVERLAP_LOSSES:
        return _overlap_head(facts)
    if m.loss in PROBABILITY_LOSSES and m.from_logits is True:
        return _clipped_logits(facts)
    if m.loss not in PROBABILITY_LOSSES or m.from_logits is not False:
        return None
    wanted = "sigmoid" if m.loss in BINARY_LOSSES else "softmax"
    if not m.output_activation_known:
        return _measured_non_probabilities(facts, wanted)
    if m.output_activation in PROBABILITY_HEADS:
        return None
    if m.loss == KL_DIVERGENCE:  # no from_logits: Keras clips the outputs into [1e-7, 1]
        return head_finding(
            facts,
            f"the output layer '{m.output_layer}' ends in {m.output_activation}, but "
            f"{m.loss} reads its outputs as probabilities and clips them into [1e-7, 1]: "
            "outputs at or below 0 pass no gradient and the loss can fall below 0; use a "
            "softmax output",
        )
    return head_finding(
        facts,
        f"the output layer '{m.output_layer}' ends in {m.output_activation}, but "
        f"{m.loss} (from_logits=False) reads its outputs as probabilities, which "
        f"{m.output_activation} does not give: use a {wanted} output, or keep the output "
        "and pass from_logits=True to the loss",
    )


PROBABILITY_SLACK = 1e-6
"""How far outside [0, 1] a measured output may lie and still read as a probability."""


def _measured_non_probabilities(facts: SetupFacts, wanted: str) -> Finding | None:
    """An output of unknown activation (a layer of the user's own ends the model) that the
    start loss measured outside [0, 1] (`measure.start_loss`: the predictions' range on the
    first training rows at the initial weights): scores, not probabilities (practice batch
    86's span reader and pointer network, their positions' logits masked to -1e9 by a layer
    of their own, under sparse cross-entropy with from_logits=False: accuracy 0.000 and
    0.099 against 1.000 and 0.924). None while unmeasured or inside [0, 1]."""
    m, start = facts.model, facts.model.start_loss
    if start is None or not start.rows or m.loss == KL_DIVERGENCE:
        return None
    low, high = start.output_min, start.output_max
    if low >= -PROBABILITY_SLACK and high <= 1.0 + PROBABILITY_SLACK:
        return None
    return head_finding(
        facts,
        f"the output '{m.output_layer}' (a layer of unknown activation) gives values from "
        f"{low:.3g} to {high:.3g} on the first training rows at the initial weights, but "
        f"{m.loss} (from_logits=False) reads its outputs as probabilities and clips what "
        f"lies outside (0, 1): pass from_logits=True to the loss, or end in a {wanted}",
    )


def _overlap_head(facts: SetupFacts) -> Finding | None:
    """Keras' Dice and Tversky losses on an output that does not give probabilities: they
    have no `from_logits`, and a linear output's values below 0 or above 1 make the overlap
    ratio meaningless (it can pass 1, or divide by a sum near 0)."""
    m = facts.model
    if not m.output_activation_known or m.output_activation in PROBABILITY_HEADS:
        return None
    wanted = "sigmoid" if m.output_units == 1 else "sigmoid (or softmax over classes)"
    return head_finding(
        facts,
        f"the output layer '{m.output_layer}' ends in {m.output_activation}, but {m.loss} "
        "scores the overlap of the masks with probabilities in [0, 1], which "
        f"{m.output_activation} does not give (it has no from_logits): use a {wanted} output",
    )


def _clipped_logits(facts: SetupFacts) -> Finding | None:
    m = facts.model
    if m.loss in FOCAL_LOSSES and m.output_activation in ("sigmoid", "softmax"):
        return _squashed_twice(facts)
    if not m.output_activation_known or m.output_activation not in CLIPPED_LOGIT_HEADS:
        return None
    return head_finding(
        facts,
        f"the output layer '{m.output_layer}' ends in {m.output_activation}, but {m.loss} "
        "(from_logits=True) reads its outputs as logits, which must be free to go negative: "
        f"{m.output_activation} cuts them at 0 and passes no gradient there, so a class "
        "pushed below 0 stays there; leave the output linear",
    )


def _squashed_twice(facts: SetupFacts) -> Finding:
    """A focal loss with `from_logits=True` on a sigmoid or softmax output: it applies the
    activation again, so a sigmoid output's probabilities become 0.5..0.73 and every row
    reads as positive (practice batch 5's focal_sigmoid_from_logits: validation accuracy
    0.844, the negative rate, against 0.967)."""
    m = facts.model
    return head_finding(
        facts,
        f"the output layer '{m.output_layer}' ends in {m.output_activation}, but {m.loss} "
        f"(from_logits=True) applies {m.output_activation} to its outputs again: the "
        "probabilities it scores are squashed twice (a sigmoid's into 0.5..0.73) and cannot "
        "fit the labels; pass from_logits=False, or leave the output linear",
    )
