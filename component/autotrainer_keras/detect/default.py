"""The `default` profile: AutoTrainer's five problems, judged earlier and more robustly.

What it fixes (spec section 6) and how:

- A check at least once per epoch (more with monitor.checks_per_epoch; monitor.
  first_epoch_checks in the first epoch, so units killed or gradients broken by the set-up
  are confirmed within it), on statistics of the training steps since the previous check;
  every rule may fire from the first check on, except slow convergence, which waits for
  sc_min_budget of the budget.
- No user target accuracy: progress is judged against the best constant predictor's loss
  (history.baseline_loss), so the rules read losses and cover regression too.
- Stall and harm replace the accuracy gate (`LossSignals.struggling`): the accuracy near
  chance with a flat loss, or no new best validation loss for stall_epochs with little
  progress over the constant predictor. A task's achievable-loss ceiling is no gate.
- Persistence: a symptom must be seen on persist_checks consecutive checks before it is a
  finding (the rules are re-run on the history as it stood at the earlier checks); hard
  evidence (`HARD_EVIDENCE`: NaN/Inf, a measured loss or gradient explosion) fires at once.
  While a rule's symptom waits for its confirmation, no rule below it fires.
- Slow convergence judges the current state and recent pace, so one lucky jump cannot switch
  it off; a model that has reached low loss is never called slow.
- Dying ReLU counts dead units (LayerStats.dead_fraction), not zero gradient entries.

Priority when several rules fire (one finding is returned): the order of
`autotrainer_keras.detect.rules.DEFAULT_RULES`.
"""

from __future__ import annotations

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.ceiling import crawling_from_the_start
from autotrainer_keras.detect.rule import Rule, RuleInput
from autotrainer_keras.detect.rules import DEFAULT_RULES, HARD_EVIDENCE
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

    def wants_reference(self, history: TrainingHistory) -> bool:
        """The data's ceiling is read by slow convergence before any finding: steps too
        small from the start (`detect.ceiling.crawling_from_the_start`)."""
        return crawling_from_the_start(history, self.t)

    def detect(self, history: TrainingHistory) -> Finding | None:
        """The first finding of the rules, in priority order, at the newest check, or None."""
        if not history.checks:
            return None
        now = self._input(history)
        earlier: list[RuleInput] | None = None
        waiting = False  # a symptom seen now but not yet persisted holds lower inferred rules
        for rule in self.rules:
            hard = rule in HARD_EVIDENCE
            if waiting and not hard:
                continue
            finding = rule(now)
            if finding is None:
                continue
            if hard or self.t.persist_checks <= 1:
                return finding
            if earlier is None:
                earlier = self._earlier(history)
            if len(earlier) < self.t.persist_checks - 1 or any(
                rule(before) is None for before in earlier
            ):
                waiting = True  # seen now, not yet on the checks before: wait; measured
                continue  # evidence below (NaN, an explosion) may still fire at once
            finding.evidence["persisted_checks"] = float(self.t.persist_checks)
            finding.thresholds["persist_checks"] = float(self.t.persist_checks)
            return finding
        return None

    def _input(self, history: TrainingHistory) -> RuleInput:
        return RuleInput(history, history.checks[-1], loss_signals(history, self.t), self.t)

    def _earlier(self, history: TrainingHistory) -> list[RuleInput]:
        """The rule inputs of the persist_checks - 1 checks before the newest (fewer early)."""
        count = len(history.checks)
        first = max(1, count - self.t.persist_checks + 1)
        return [self._input(history.upto_check(n - 1)) for n in range(first, count)]
