"""Pre-flight checks: pure rules on a `SetupFacts` sheet, run before the first step.

Each rule is `(facts, thresholds) -> Finding | None` in its own file; `RULES` orders them by
how fundamental the fault is (nothing to train first, then an output that cannot fit the
labels, the labels, the inputs, the targets' scale, the architecture, the optimizer, the
budget). `preflight` returns every finding in that order. Only the `default` profile runs them.
"""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import Rule
from autotrainer_keras.detect.preflight.binary_loss_multiclass import binary_loss_multiclass
from autotrainer_keras.detect.preflight.bounded_regression_head import bounded_regression_head
from autotrainer_keras.detect.preflight.categorical_one_unit import categorical_one_unit
from autotrainer_keras.detect.preflight.constant_input import constant_input
from autotrainer_keras.detect.preflight.feature_spread import feature_spread
from autotrainer_keras.detect.preflight.input_scale import input_scale
from autotrainer_keras.detect.preflight.label_classes import label_classes
from autotrainer_keras.detect.preflight.label_encoding import label_encoding
from autotrainer_keras.detect.preflight.learning_rate import learning_rate
from autotrainer_keras.detect.preflight.linear_stack import linear_stack
from autotrainer_keras.detect.preflight.no_trainable_weights import no_trainable_weights
from autotrainer_keras.detect.preflight.probability_loss_head import probability_loss_head
from autotrainer_keras.detect.preflight.rate_loss_head import rate_loss_head
from autotrainer_keras.detect.preflight.regression_loss_on_classes import regression_loss_on_classes
from autotrainer_keras.detect.preflight.sample_weights import sample_weights
from autotrainer_keras.detect.preflight.small_budget import small_budget
from autotrainer_keras.detect.preflight.softmax_multilabel import softmax_multilabel
from autotrainer_keras.detect.preflight.softmax_one_unit import softmax_one_unit
from autotrainer_keras.detect.preflight.target_scale import target_scale
from autotrainer_keras.detect.preflight.tiny_input import tiny_input
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding

RULES: tuple[Rule, ...] = (
    no_trainable_weights,
    softmax_one_unit,
    categorical_one_unit,
    label_encoding,
    softmax_multilabel,
    binary_loss_multiclass,
    regression_loss_on_classes,
    bounded_regression_head,
    probability_loss_head,
    rate_loss_head,
    label_classes,
    constant_input,
    sample_weights,
    input_scale,
    tiny_input,
    feature_spread,
    target_scale,
    linear_stack,
    learning_rate,
    small_budget,
)


def preflight(facts: SetupFacts, thresholds: PreflightThresholds | None = None) -> list[Finding]:
    """Every finding of `RULES` on `facts`, most fundamental first, one per problem."""
    t = thresholds or PreflightThresholds()
    findings: list[Finding] = []
    for rule in RULES:
        finding = rule(facts, t)
        if finding is not None and all(f.problem != finding.problem for f in findings):
            findings.append(finding)
    return findings


__all__ = ["RULES", "Rule", "preflight"]
