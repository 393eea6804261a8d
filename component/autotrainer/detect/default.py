"""The `default` profile: AutoTrainer's five problems, judged earlier and more robustly.

What it fixes (spec section 6) and how:

- A check at least once per epoch (more with monitor.checks_per_epoch), on statistics of the
  training steps since the previous check; every rule may fire from the first check on,
  except slow convergence, which waits for sc_min_budget of the budget.
- No user target accuracy: progress is judged against the best constant predictor's loss
  (history.baseline_loss), so the rules read losses and cover regression too.
- "Off track" replaces the accuracy gate: best progress plus the recent progress rate times
  the remaining budget stays below target_progress.
- Slow convergence judges the current state and recent pace, so one lucky jump cannot switch
  it off; a model that has reached low loss is never called slow.
- Dying ReLU counts dead units (LayerStats.dead_fraction), not zero gradient entries.

Priority when several rules fire (one finding is returned):

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

from autotrainer.config.detection import DefaultThresholds
from autotrainer.detect.default_curves import divergence_rule, slow_convergence_rule
from autotrainer.detect.default_gradients import (
    dying_relu_rule,
    exploding_ratio_rule,
    grad_growth_rule,
    nonfinite_rule,
    vanishing_rule,
)
from autotrainer.detect.default_oscillation import oscillation_rule
from autotrainer.detect.signals import loss_signals
from autotrainer.measure.history import TrainingHistory
from autotrainer.problems import Finding


class DefaultDetector:
    """The improved rules, thresholds from `DefaultThresholds`."""

    gradient_source = "steps"

    def __init__(self, thresholds: DefaultThresholds | None = None) -> None:
        self.t = thresholds or DefaultThresholds()

    def check_due(self, history: TrainingHistory, epoch: int, at_epoch_end: bool) -> bool:
        """Every check point the monitor offers (at least each epoch end)."""
        return True

    def detect(self, history: TrainingHistory) -> Finding | None:
        """The highest-priority finding at the newest check, or None."""
        if not history.checks:
            return None
        t, check = self.t, history.checks[-1]
        finding = nonfinite_rule(history, check)
        if finding is not None:
            return finding
        sig = loss_signals(history, t)
        if sig is None:
            return dying_relu_rule(check, None, t)
        for rule in (
            lambda: divergence_rule(history, check, sig, t),
            lambda: dying_relu_rule(check, sig, t),
            lambda: grad_growth_rule(history, check, sig, t),
            lambda: exploding_ratio_rule(check, sig, t),
            lambda: vanishing_rule(check, sig, t),
            lambda: oscillation_rule(history, check, sig, t),
            lambda: slow_convergence_rule(history, check, sig, t),
        ):
            finding = rule()
            if finding is not None:
                return finding
        return None
