"""The default profile's rules, in priority order: the first that fires is the finding.

Adding a rule: write `def my_rule(x: RuleInput) -> Finding | None` (detect/rule.py) in a
module of its own (or next to its kin), and insert it here where its priority lies.

Why this order (spec section 6):

1. exploding gradient from NaN/Inf, then from loss divergence: training is already broken
   and every other signal is unreliable;
1a. weights no gradient reaches: a fact of the model's graph, measured at the first check,
   which no other rule's symptom explains; weights a penalty pulled to zero (they pass no
   gradient back either); and a loss falling without bound (its minimum is at infinity:
   every other reading follows from that);
2. abnormal data (inputs off scale driving hidden activations to extremes): the data
   explains the dead units and odd gradients the rules below would see;
3. an inference mismatch (the model learns in training mode only, as under lagging
   BatchNorm statistics): measured on the same rows in both modes, it explains what the
   inference-mode probes below (outputs, activations) and a validation loss stuck at the
   constant predictor's would otherwise be read as;
4. dying ReLU (a dead layer also silences gradients, so it explains VG/EG ratios below it;
   and a constant output, so it comes before improper output);
5. improper output activation/loss seen in training (constant or pinned outputs);
6. exploding gradient from gradient growth or grad_ratio > beta_3;
7. vanishing gradient;
8. validation rows unlike the training rows (a validation accuracy far below random guessing
   while the training rows are fitted): the validation curve it reads is no evidence for
   the rules below;
9. oscillating loss;
10. a set-up stall (collapsed predictions that do not follow the labels, flat loss, healthy
   steps), before
11. slow convergence: a loss that swings widely also progresses slowly, and the slow-
   convergence repair (a larger learning rate) would make oscillation worse; a loss that
   cannot move because of the set-up is no matter of pace.
"""

from __future__ import annotations

from autotrainer_keras.detect.abnormal_data import abnormal_data_rule
from autotrainer_keras.detect.collapsed_weights import collapsed_weights_rule
from autotrainer_keras.detect.default_curves import divergence_rule, slow_convergence_rule
from autotrainer_keras.detect.default_gradients import (
    dying_relu_rule,
    exploding_ratio_rule,
    grad_growth_rule,
    nonfinite_rule,
    vanishing_rule,
)
from autotrainer_keras.detect.default_oscillation import oscillation_rule
from autotrainer_keras.detect.improper_output import improper_output_rule
from autotrainer_keras.detect.inference_mismatch import inference_mismatch_rule
from autotrainer_keras.detect.no_gradient import no_gradient_rule
from autotrainer_keras.detect.not_updated import not_updated_rule
from autotrainer_keras.detect.rule import Rule
from autotrainer_keras.detect.setup_stall import setup_stall_rule
from autotrainer_keras.detect.unbounded_loss import unbounded_loss_rule
from autotrainer_keras.detect.validation_unlike import single_class_rule, validation_unlike_rule

HARD_EVIDENCE: frozenset[Rule] = frozenset(
    {nonfinite_rule, divergence_rule, grad_growth_rule, no_gradient_rule, not_updated_rule,
     collapsed_weights_rule}
)  # fmt: skip
"""Rules whose evidence is measured, not inferred (NaN/Inf, a loss or gradient explosion,
weights without a gradient, weights pulled to zero at two checks): they fire at once; every
other rule needs its symptom on `persist_checks` consecutive checks."""

DEFAULT_RULES: tuple[Rule, ...] = (
    nonfinite_rule,
    divergence_rule,
    no_gradient_rule,
    not_updated_rule,
    collapsed_weights_rule,
    unbounded_loss_rule,
    abnormal_data_rule,
    inference_mismatch_rule,
    dying_relu_rule,
    improper_output_rule,
    grad_growth_rule,
    exploding_ratio_rule,
    vanishing_rule,
    validation_unlike_rule,
    single_class_rule,
    oscillation_rule,
    setup_stall_rule,
    slow_convergence_rule,
)
