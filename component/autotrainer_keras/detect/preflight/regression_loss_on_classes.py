"""Mean squared or absolute error trained on class labels with a classifier's output."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import REGRESSION_LOSSES, setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import SUSPICION, Finding, SetupProblem


def regression_loss_on_classes(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires for a regression loss on 0/1 labels with a sigmoid/softmax output, or on one-hot
    labels with one output unit per class. A suspicion (`problems.SUSPICION`): a mistake by
    convention that trained as well as a cross-entropy in every practice script that made
    it (wine and digits in batch 1, cart-pole actions in batch 31), so the job withdraws it
    when the matching pair, retrained, is no better."""
    m, d = facts.model, facts.data
    if m.loss not in REGRESSION_LOSSES:
        return None
    binary = d.label_kind == "binary" and m.output_activation in ("sigmoid", "softmax")
    one_hot = d.label_kind == "onehot" and m.output_units == d.label_columns > 1
    if not (binary or one_hot):
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the loss is {m.loss}, a regression loss, but the labels are {d.n_classes} classes "
        f"({d.label_kind}) and the output is a {m.output_activation} classifier: its gradients can "
        "vanish when the prediction is confidently wrong; a cross-entropy fits",
        {"classes": float(d.n_classes), "output_units": float(m.output_units), SUSPICION: 1.0},
        layer=m.output_layer,
    )
