"""Pre-flight checks: pure rules on a `SetupFacts` sheet, run before the first step.

Each rule is `(facts, thresholds) -> Finding | None` in its own file; `RULES` orders them by
how fundamental the fault is (nothing to train first, then an output that cannot fit the
labels, the labels, the inputs, the targets' scale, the architecture, the optimizer, the
budget). `preflight` returns every finding in that order. Only the `default` profile runs them.

A multi-output model gets the rules that judge one output against its targets
(`OUTPUT_RULES`) once per output, on that output's own sheet (`preflight_outputs`); each
finding names its output. Its inputs get `INPUT_RULES` on one sheet (`preflight_inputs`).
"""

from __future__ import annotations

from dataclasses import replace

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import Rule
from autotrainer_keras.detect.preflight.binary_loss_multiclass import binary_loss_multiclass
from autotrainer_keras.detect.preflight.bounded_regression_head import (
    bounded_regression_head,
    bounded_skip_correction,
)
from autotrainer_keras.detect.preflight.categorical_one_unit import categorical_one_unit
from autotrainer_keras.detect.preflight.codes_as_numbers import (
    codes_as_numbers,
    indices_as_numbers,
)
from autotrainer_keras.detect.preflight.collapsed_input import (
    collapsed_input,
    unadapted_normalization,
)
from autotrainer_keras.detect.preflight.constant_input import constant_input
from autotrainer_keras.detect.preflight.feature_spread import feature_spread
from autotrainer_keras.detect.preflight.frozen_random import frozen_random
from autotrainer_keras.detect.preflight.hidden_softmax import hidden_softmax
from autotrainer_keras.detect.preflight.high_dropout import high_dropout
from autotrainer_keras.detect.preflight.high_penalty import high_penalty
from autotrainer_keras.detect.preflight.input_scale import input_scale
from autotrainer_keras.detect.preflight.label_classes import label_classes
from autotrainer_keras.detect.preflight.label_encoding import label_encoding
from autotrainer_keras.detect.preflight.label_padding import label_padding
from autotrainer_keras.detect.preflight.learning_rate import learning_rate, schedule_spent
from autotrainer_keras.detect.preflight.linear_stack import linear_stack
from autotrainer_keras.detect.preflight.log_loss_targets import log_loss_targets
from autotrainer_keras.detect.preflight.margin_loss_head import margin_loss_head
from autotrainer_keras.detect.preflight.monitor_mode import monitor_mode
from autotrainer_keras.detect.preflight.negative_class_weight import negative_class_weight
from autotrainer_keras.detect.preflight.no_trainable_weights import no_trainable_weights
from autotrainer_keras.detect.preflight.nonfinite_start_loss import nonfinite_start_loss
from autotrainer_keras.detect.preflight.output_dropout import output_dropout
from autotrainer_keras.detect.preflight.overweighted_class import overweighted_class
from autotrainer_keras.detect.preflight.probability_loss_head import probability_loss_head
from autotrainer_keras.detect.preflight.probability_targets import probability_targets
from autotrainer_keras.detect.preflight.rate_loss_head import rate_loss_head
from autotrainer_keras.detect.preflight.regression_loss_on_classes import regression_loss_on_classes
from autotrainer_keras.detect.preflight.sample_weights import sample_weights
from autotrainer_keras.detect.preflight.sentinel_values import sentinel_values
from autotrainer_keras.detect.preflight.small_budget import small_budget
from autotrainer_keras.detect.preflight.softmax_axis import softmax_axis
from autotrainer_keras.detect.preflight.softmax_multilabel import softmax_multilabel
from autotrainer_keras.detect.preflight.softmax_one_unit import constant_softmax, softmax_one_unit
from autotrainer_keras.detect.preflight.stale_average import stale_average
from autotrainer_keras.detect.preflight.target_broadcast import target_broadcast
from autotrainer_keras.detect.preflight.target_scale import target_scale
from autotrainer_keras.detect.preflight.text_truncated import text_truncated
from autotrainer_keras.detect.preflight.tiny_input import tiny_input
from autotrainer_keras.detect.preflight.uniform_targets import uniform_targets
from autotrainer_keras.detect.preflight.unknown_tokens import unknown_tokens
from autotrainer_keras.detect.preflight.validation_inputs import swapped_inputs, validation_inputs
from autotrainer_keras.detect.preflight.validation_targets import validation_targets
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding

RULES: tuple[Rule, ...] = (
    no_trainable_weights,
    softmax_one_unit,
    constant_softmax,
    softmax_axis,
    output_dropout,
    categorical_one_unit,
    label_encoding,
    softmax_multilabel,
    uniform_targets,
    binary_loss_multiclass,
    probability_targets,
    regression_loss_on_classes,
    bounded_regression_head,
    bounded_skip_correction,
    log_loss_targets,
    probability_loss_head,
    margin_loss_head,
    rate_loss_head,
    label_classes,
    label_padding,
    nonfinite_start_loss,
    negative_class_weight,
    target_broadcast,
    validation_inputs,
    validation_targets,
    swapped_inputs,
    constant_input,
    sample_weights,
    overweighted_class,
    sentinel_values,
    codes_as_numbers,
    indices_as_numbers,
    collapsed_input,
    unadapted_normalization,
    input_scale,
    tiny_input,
    feature_spread,
    text_truncated,
    unknown_tokens,
    target_scale,
    linear_stack,
    hidden_softmax,
    high_dropout,
    high_penalty,
    frozen_random,
    learning_rate,
    schedule_spent,
    stale_average,
    monitor_mode,
    small_budget,
)


OUTPUT_RULES: tuple[Rule, ...] = tuple(
    rule for rule in RULES
    if rule in (softmax_one_unit, softmax_axis, output_dropout, categorical_one_unit,
                label_encoding, softmax_multilabel, uniform_targets, binary_loss_multiclass,
                probability_targets,
                regression_loss_on_classes, bounded_regression_head, bounded_skip_correction,
                log_loss_targets,
                probability_loss_head,
                margin_loss_head, rate_loss_head, label_classes, label_padding, target_scale,
                validation_targets)
)  # fmt: skip
"""The rules that judge one output's activation, units and loss against its own targets."""


INPUT_RULES: tuple[Rule, ...] = (
    validation_inputs, constant_input, sentinel_values, codes_as_numbers, input_scale,
    tiny_input, feature_spread, text_truncated, unknown_tokens,
)  # fmt: skip
"""The rules that judge one input array's values (and the layers they first pass through)."""


SETTINGS_RULES: tuple[Rule, ...] = (learning_rate, schedule_spent)
"""The rules about the optimizer's rate over the budget: the same for every output, judged
once on a multi-output model (`preflight_settings`)."""


GRAPH_RULES: tuple[Rule, ...] = (indices_as_numbers, linear_stack, hidden_softmax)
"""The rules about the architecture that read only how the layers are wired: they judge a
multi-output model's whole graph too (`preflight_graph`)."""


def preflight(facts: SetupFacts, thresholds: PreflightThresholds | None = None) -> list[Finding]:
    """Every finding of `RULES` on `facts`, most fundamental first, one per problem. A model
    with named inputs (`facts.inputs`) gets `INPUT_RULES` on each input's own sheet (in the
    model's order; the reason starts with the input's name, the evidence holds `inputs`)."""
    return _findings(RULES, facts, thresholds or PreflightThresholds())


def preflight_inputs(
    facts: SetupFacts, thresholds: PreflightThresholds | None = None
) -> list[Finding]:
    """`INPUT_RULES` alone on `facts`, as `preflight` runs them, and `swapped_inputs` over
    all the inputs at once: the input checks of a model whose outputs are judged one by one."""
    return _findings((*INPUT_RULES, swapped_inputs), facts, thresholds or PreflightThresholds())


def preflight_graph(
    facts: SetupFacts, thresholds: PreflightThresholds | None = None
) -> list[Finding]:
    """`GRAPH_RULES` alone on `facts`: a multi-output model's wiring, judged once."""
    return _findings(GRAPH_RULES, facts, thresholds or PreflightThresholds())


def preflight_settings(
    facts: SetupFacts, thresholds: PreflightThresholds | None = None
) -> list[Finding]:
    """`SETTINGS_RULES` alone on `facts`: a multi-output model's learning rate, judged once."""
    return _findings(SETTINGS_RULES, facts, thresholds or PreflightThresholds())


def _findings(rules: tuple[Rule, ...], facts: SetupFacts, t: PreflightThresholds) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        for finding in _rule_findings(rule, facts, t):
            if all(f.problem != finding.problem for f in findings):
                findings.append(finding)
    return findings


def _rule_findings(rule: Rule, facts: SetupFacts, t: PreflightThresholds) -> list[Finding]:
    if not facts.inputs or rule not in INPUT_RULES:
        found = rule(facts, t)
        return [] if found is None else [found]
    named = ((name, rule(sheet, t)) for name, sheet in facts.inputs)
    return [
        replace(f, reason=f"input '{name}': {f.reason}",
                evidence={**f.evidence, "inputs": float(len(facts.inputs))})
        for name, f in named if f is not None
    ]  # fmt: skip


def preflight_outputs(
    sheets: dict[str, SetupFacts], thresholds: PreflightThresholds | None = None
) -> list[Finding]:
    """`OUTPUT_RULES` on each output's sheet of a multi-output model (by output name, in the
    model's order), one finding per problem (the first output's), most fundamental first.
    Each reason starts with the output's name, its evidence holds `outputs` (how many the
    model has: a finding about one of several), its layer is the output's layer and its
    `outputs` the names of every output the problem was found on (the first one's first)."""
    t = thresholds or PreflightThresholds()
    found: list[Finding] = []
    for rule in OUTPUT_RULES:
        for name, facts in sheets.items():
            f = rule(facts, t)
            if f is None:
                continue
            same = [i for i, g in enumerate(found) if g.problem == f.problem]
            if same and name not in found[same[0]].outputs:  # the problem on another output
                first = found[same[0]]
                found[same[0]] = replace(first, outputs=(*first.outputs, name))
            elif not same:
                found.append(replace(
                    f, reason=f"output '{name}': {f.reason}",
                    evidence={**f.evidence, "outputs": float(len(sheets))},
                    layer=f.layer or facts.model.output_layer, outputs=(name,),
                ))  # fmt: skip
    return found


__all__ = [
    "GRAPH_RULES", "INPUT_RULES", "OUTPUT_RULES", "RULES", "Rule", "preflight", "preflight_graph",
    "preflight_inputs",
    "preflight_outputs",
]  # fmt: skip
