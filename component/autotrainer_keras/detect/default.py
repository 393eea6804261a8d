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

Priority when several rules fire (one finding is returned): the order of
`autotrainer_keras.detect.rules.DEFAULT_RULES`.
"""

from __future__ import annotations

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.rule import Rule, RuleInput
from autotrainer_keras.detect.rules import DEFAULT_RULES
from autotrainer_keras.detect.signals import loss_signals
from autotrainer_keras.measure.history import TrainingHistory
from autotrainer_keras.problems import Finding


class DefaultDetector:
    """The improved rules, thresholds from `DefaultThresholds`.

    Args:
        thresholds: None: the defaults.
        rules: The rules in priority order (None: `DEFAULT_RULES`).
    """

    gradient_source = "steps"
    reads_activations = True  # hidden activations and outputs on the probe batch

    def __init__(
        self, thresholds: DefaultThresholds | None = None, rules: tuple[Rule, ...] | None = None
    ) -> None:
        self.t = thresholds or DefaultThresholds()
        self.rules = DEFAULT_RULES if rules is None else rules

    def check_due(self, history: TrainingHistory, epoch: int, at_epoch_end: bool) -> bool:
        """Every check point the monitor offers (at least each epoch end)."""
        return True

    def detect(self, history: TrainingHistory) -> Finding | None:
        """The first finding of the rules, in priority order, at the newest check, or None."""
        if not history.checks:
            return None
        check = history.checks[-1]
        rule_input = RuleInput(history, check, loss_signals(history, self.t), self.t)
        for rule in self.rules:
            finding = rule(rule_input)
            if finding is not None:
                return finding
        return None
