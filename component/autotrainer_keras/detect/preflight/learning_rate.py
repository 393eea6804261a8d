"""A learning rate far outside the optimizer's usual range."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def learning_rate(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the fixed learning rate, or a schedule's highest rate over the budget, is at
    least `lr_factor` x the optimizer's Keras default, or at most 1/`lr_factor` x. Else
    `clipped_steps`."""
    m = facts.model
    rate = m.learning_rate if m.learning_rate is not None else m.schedule_peak
    if rate is None or rate <= 0:
        return clipped_steps(facts, t)
    ratio = rate / m.default_learning_rate
    if 1 / t.lr_factor < ratio < t.lr_factor:
        return clipped_steps(facts, t)
    effect = (
        "steps overshoot and training diverges or swings"
        if ratio > 1
        else ("steps are too small to learn in the budget")
    )
    what = "the learning rate" if m.learning_rate is not None else "the schedule's highest rate"
    return setup_finding(
        SetupProblem.LEARNING_RATE_RANGE,
        f"{what} {num(rate)} is {num(ratio)} x {m.optimizer}'s usual "
        f"{num(m.default_learning_rate)}: {effect}",
        {"learning_rate": rate, "ratio_to_default": ratio},
        {"lr_factor": t.lr_factor},
    )


def clipped_steps(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when plain SGD's gradient clip lets no weight move by `clip_reach` or more in
    the whole budget (`ModelFacts.step_reach`: updates x rate x cap / (1 - momentum)): a
    `clipvalue=1e-4` meant as `clipnorm=1` makes every step a crawl (practice batch 36:
    0.68 against 0.89)."""
    m = facts.model
    if m.step_reach is None or m.step_cap is None or m.step_reach >= t.clip_reach:
        return None
    return setup_finding(
        SetupProblem.LEARNING_RATE_RANGE,
        f"{m.optimizer}'s gradient clip of {num(m.step_cap)} caps every step: over the "
        f"whole budget no weight can move by more than {num(m.step_reach)} (updates x rate x "
        "clip / (1 - momentum)), so the steps are too small to learn in the budget (a clip "
        "is usually 0.5-5)",
        {"step_reach": m.step_reach, "clip": m.step_cap},
        {"clip_reach": t.clip_reach},
    )


def schedule_spent(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the learning-rate schedule's rate stays at most `schedule_floor` x its peak
    from within `schedule_spent_share` of the budget's steps to its end, or its mean rate
    over the budget is at most `schedule_mean_share` of its peak (`spent_schedule`)."""
    return spent_schedule(facts.model.rate_spent_share, t, facts.model.rate_mean_share)


def spent_schedule(
    share: float | None, t: PreflightThresholds, mean_share: float | None = None
) -> Finding | None:
    """The finding of a schedule spent `share` into the budget's steps (None: it lasts):
    the steps after that change nothing (step counts given in epochs, or for another
    budget); else of one whose mean rate over the budget is `mean_share` of its peak or
    less (`steep_schedule`). `keras.Watch` reads both off the user's optimizer and `fit`
    budget."""
    if share is None or share > t.schedule_spent_share:
        return steep_schedule(mean_share, t)
    return setup_finding(
        SetupProblem.LEARNING_RATE_RANGE,
        f"the learning-rate schedule falls to {num(t.schedule_floor)} x its peak or less "
        f"{num(100 * share)}% into the budget's steps and stays there: the rest of the "
        "training barely moves the weights (are its step counts, such as decay_steps, "
        "given in epochs instead of optimizer steps?)",
        {"spent_share": share},
        {"schedule_floor": t.schedule_floor, "schedule_spent_share": t.schedule_spent_share},
    )


def steep_schedule(mean_share: float | None, t: PreflightThresholds) -> Finding | None:
    """The finding of a schedule whose mean rate over the budget's steps is at most
    `schedule_mean_share` of its peak although it never quite reaches nothing: the whole
    budget moves the weights about as far as that share of its steps at the peak rate
    would (`InverseTimeDecay(decay_steps=1)` meant per epoch)."""
    if mean_share is None or not mean_share <= t.schedule_mean_share:
        return None
    return setup_finding(
        SetupProblem.LEARNING_RATE_RANGE,
        f"the learning-rate schedule's rate averages {num(100 * mean_share)}% of its peak "
        "over the budget's steps: the whole training moves the weights about as far as "
        f"{num(100 * mean_share)}% of its steps at the peak rate would (are its step counts, "
        "such as decay_steps, given in epochs instead of optimizer steps?)",
        {"mean_rate_share": mean_share},
        {"schedule_mean_share": t.schedule_mean_share},
    )
