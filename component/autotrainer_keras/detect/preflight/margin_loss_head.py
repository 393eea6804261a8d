"""A margin (hinge) loss on an output that cannot go negative (sigmoid, softmax, ReLU)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import MARGIN_LOSSES, head_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding

NON_NEGATIVE_HEADS = frozenset(
    {"sigmoid", "softmax", "hard_sigmoid", "relu", "relu6", "softplus", "exponential"}
)


def margin_loss_head(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a hinge loss is trained on labels coded -1/+1 and an output whose stated
    activation is never negative: with such labels a class is predicted by the score's sign,
    so an output that cannot go below 0 predicts the positive class for every row (practice
    batch 8's `hinge_sigmoid_output`: validation sign accuracy 0.505, the healthy tanh
    script 0.92). With 0/1 labels (Keras turns them into -1/+1 inside the loss) the output
    is read at 0.5 and a sigmoid head classifies as well as a linear one (0.983 against
    0.947 on a two-feature task, 15 epochs): not a fault."""
    m = facts.model
    if m.loss not in MARGIN_LOSSES or not m.output_activation_known:
        return None
    if not facts.data.y_min < 0:  # 0/1 labels: read at 0.5, a sigmoid head classifies fine
        return None
    if m.output_activation not in NON_NEGATIVE_HEADS:
        return None
    return head_finding(
        facts,
        f"the output layer '{m.output_layer}' ends in {m.output_activation}, which is never "
        f"negative, but {m.loss} reads its outputs as signed scores against -1/+1 labels: "
        "every row scores on the positive side, so the negative class is never predicted; "
        "leave the output linear (or tanh)",
    )
