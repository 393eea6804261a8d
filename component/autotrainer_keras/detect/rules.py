"""The default profile's rules, in priority order: the first that fires is the finding.

Adding a rule: write `def my_rule(x: RuleInput) -> Finding | None` (detect/rule.py) in a
module of its own (or next to its kin), and insert it here where its priority lies.

Why this order (spec section 6):

1. exploding gradient from NaN/Inf, then from loss divergence: training is already broken
   and every other signal is unreliable;
2. dying ReLU (a dead layer also silences gradients, so it explains VG/EG ratios below it);
3. exploding gradient from gradient growth or grad_ratio > beta_3;
4. vanishing gradient;
5. oscillating loss, before
6. slow convergence: a loss that swings widely also progresses slowly, and the slow-
   convergence repair (a larger learning rate) would make oscillation worse.
"""

from __future__ import annotations

from autotrainer_keras.detect.default_curves import divergence_rule, slow_convergence_rule
from autotrainer_keras.detect.default_gradients import (
    dying_relu_rule,
    exploding_ratio_rule,
    grad_growth_rule,
    nonfinite_rule,
    vanishing_rule,
)
from autotrainer_keras.detect.default_oscillation import oscillation_rule
from autotrainer_keras.detect.rule import Rule

DEFAULT_RULES: tuple[Rule, ...] = (
    nonfinite_rule,
    divergence_rule,
    dying_relu_rule,
    grad_growth_rule,
    exploding_ratio_rule,
    vanishing_rule,
    oscillation_rule,
    slow_convergence_rule,
)
