"""A vocabulary that leaves most training tokens unknown: a first `StringLookup`,
`IntegerLookup` or `TextVectorization` whose `max_tokens` was kept from a tutorial's toy
vocabulary, or that was adapted on other data, maps most tokens to one out-of-vocabulary id,
and the model cannot tell them apart (practice batch 14's `lookup_max_tokens_6`: 16 of 20
letters unknown, 0.60 against 0.98)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def unknown_tokens(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the model's first lookup layer maps at least `unknown_tokens` of the
    training tokens to its out-of-vocabulary id (`ModelFacts.unknown_tokens`)."""
    share = facts.model.unknown_tokens
    if share < t.unknown_tokens:
        return None
    return setup_finding(
        SetupProblem.UNKNOWN_TOKENS,
        f"the model's first lookup layer maps {share:.0%} of the training tokens to its "
        "out-of-vocabulary id: its vocabulary is too small (a max_tokens kept from a smaller "
        "task?) or was adapted on other data, so the model cannot tell those tokens apart; "
        "adapt it on the training data with a max_tokens that covers them",
        {"unknown_tokens": share, "threshold": t.unknown_tokens},
    )
