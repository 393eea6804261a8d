"""Default-profile rules on the loss level: divergence and slow convergence.

Each rule is pure: `RuleInput -> Finding | None` (detect/rule.py). All
read the training step losses, so they work for regression as well as classification.
"""

from __future__ import annotations

import math

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.ceiling import (
    at_data_ceiling,
    crawling_from_the_start,
    held_out_progress,
    projected_short_of_ceiling,
)
from autotrainer_keras.detect.default_gradients import vanishing_reading, wholly_dead
from autotrainer_keras.detect.gradients import largest_update_ratio, median_update_ratio
from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.setup_stall import spread_growth, two_epochs_before
from autotrainer_keras.detect.signals import LossSignals, loss_scale
from autotrainer_keras.detect.text import accuracy_key, logged, num
from autotrainer_keras.measure.curve_slope import relative_fall, theil_sen_slope
from autotrainer_keras.measure.history import CheckRecord, TrainingHistory
from autotrainer_keras.problems import Finding, Problem


def growth(level: float, reference: float) -> float:
    """How many times `reference` a loss `level` is: level / reference for a positive
    reference; for a reference <= 0 (cosine similarity, Gaussian NLL) 1 + the rise over
    `loss_scale(reference)`, so a negative reference never makes growth infinite."""
    return 1.0 + (level - reference) / loss_scale(reference)


def _spike_from_trained(sig: LossSignals, t: DefaultThresholds) -> bool:
    """A start already eg_loss_growth x below the constant predictor's loss (pretrained
    weights, an earlier fit) whose peak stays below eg_spike_over_baseline x that loss, or
    whose current loss is back below eg_spike_recovered x it: a spike, as fine-tuning with
    BatchNormalization in training mode on small batches gives, or classes the earlier fit
    never saw arriving in a block, not the peak of a divergence (whose loss, if it stays up,
    `divergence_rule` reads against its minimum)."""
    trained = (not sig.baseline_is_start and sig.start > 0
               and sig.start * t.eg_loss_growth < sig.baseline)  # fmt: skip
    return trained and (sig.peak < t.eg_spike_over_baseline * sig.baseline
                        or sig.current < t.eg_spike_recovered * sig.baseline)  # fmt: skip


def _lost_trained_start(history: TrainingHistory, sig: LossSignals,
                        t: DefaultThresholds) -> bool:  # fmt: skip
    """A fit that started trained (its loss on training rows spread over the data at the
    starting weights, `history.initial_loss`, eg_loss_growth x below the constant
    predictor's) whose smoothed loss stayed, all the time since the previous check, at
    eg_loss_growth x that start and at eg_lost_share x the constant predictor's loss: what it
    had learned is gone (practice batch 41: a trained digits MLP recompiled with Adam(0.1),
    0.05 -> 119 in its second step, then 1.7-1.9 for good, 0.33 against 0.97; the blow-up
    inside the reference steps made the reference itself). Read over many rows before the
    first step, not one minibatch's loss; but the first step's loss, at the same weights,
    must be below the constant predictor's too: outputs saturated at one value put most
    rows near 0 and the rest far above (practice batch 66's bags of raw pixels: a median row
    loss of 0.0004 where the first minibatch's mean was 4.5, read as a trained start lost)."""
    start = history.initial_loss
    if start is None or not start > 0 or sig.baseline_is_start or not sig.first < sig.baseline:
        return False
    return (start * t.eg_loss_growth < sig.baseline
            and growth(sig.floor, start) >= t.eg_loss_growth
            and sig.floor >= t.eg_lost_share * sig.baseline)  # fmt: skip


def divergence_rule(x: RuleInput) -> Finding | None:
    """EG: since the previous check the smoothed loss peaked at eg_loss_growth x the reference
    loss (median of the first eg_reference_steps steps; a blow-up that then kills units or
    saturates and looks calm is still the explosion it was), or it stayed, all the time since
    the previous check, above the reference and at eg_loss_growth x its minimum before (it
    lost everything it had learned, and more; unless a ReLU layer is wholly dead at this check:
    a dead layer makes the output a constant, so the loss returns to about the constant
    predictor's, and dying ReLU names that), or it peaked at eg_loss_growth x both the first
    step's loss and the constant predictor's (a step size so large that the loss explodes
    within the first eg_reference_steps steps, before the reference is measured), or a fit
    from trained weights lost what they had learned (`_lost_trained_start`). Spikes and
    bounces from a low minimum that come back down are no divergence, nor is a spike from a
    trained start that stays within eg_spike_over_baseline x the constant predictor's loss
    (`_spike_from_trained`). Hard evidence: fires at once (no persistence)."""
    history, check, sig, t = x.history, x.check, x.signals, x.thresholds
    if sig is None:
        return None
    finite = sum(1 for v in history.step_losses if math.isfinite(v))
    if finite < t.smooth_steps + 1:
        return None
    growth_start = growth(sig.peak, sig.start)
    growth_min = growth(sig.floor, sig.minimum)
    from_start = growth_start >= t.eg_loss_growth and not _spike_from_trained(sig, t)
    # A wholly dead ReLU layer explains a model that lost what it had learned (its output no
    # longer depends on the input): dying ReLU names that, once persisted.
    from_min = (sig.floor >= sig.start and growth_min >= t.eg_loss_growth
                and not wholly_dead(check, t))  # fmt: skip
    growth_first = min(growth(sig.peak, sig.first), growth(sig.peak, sig.baseline))
    from_first = not sig.baseline_is_start and growth_first >= t.eg_loss_growth
    lost = _lost_trained_start(history, sig, t) and not wholly_dead(check, t)
    if not (from_start or from_min or from_first or lost):
        return None
    verb = "reached"
    if lost and not (from_start or from_min or from_first):
        level, ref = sig.floor, history.initial_loss or 0.0
        times = growth(level, ref)
        ref_name, verb = "the loss the fit started from", "stayed at or above"
    elif from_start:
        level, ref, ref_name, times = sig.peak, sig.start, "the reference loss", growth_start
    elif from_first:
        level, times = sig.peak, growth_first
        ref, ref_name = max(sig.first, sig.baseline), "the larger of the first step's and the "
        ref_name += "constant predictor's loss"
    else:
        level, ref, ref_name, times = sig.floor, sig.minimum, "its minimum", growth_min
        verb = "stayed at or above"
    return Finding(
        problem=Problem.EXPLODING_GRADIENT,
        epoch=check.epoch,
        step=check.step,
        layer=None,
        evidence={
            "peak_loss": sig.peak,
            "floor_loss": sig.floor,
            "current_loss": sig.current,
            "start_loss": sig.start,
            "first_loss": sig.first,
            "baseline_loss": sig.baseline,
            "min_loss": sig.minimum,
            "loss_growth": times,
        },
        thresholds={
            "eg_loss_growth": t.eg_loss_growth,
            "smooth_steps": float(t.smooth_steps),
            "eg_reference_steps": float(t.eg_reference_steps),
        },
        reason=(
            f"The smoothed training loss {verb} "
            f"{num(level)}, {num(times)} times {ref_name} "
            f"{num(ref)} (>= {num(t.eg_loss_growth)}): training diverges."
        ),
    )


def loss_fall(history: TrainingHistory, sig: LossSignals, t: DefaultThresholds) -> float:
    """How fast the loss falls per epoch as a fraction of its level: the robust (Theil-Sen)
    slope of the last sc_fall_epochs validation losses when at least 3 exist, else the
    recent rate over the current smoothed training loss; NaN when unknown."""
    val = [v for v in logged(history.epochs, "val_loss") if math.isfinite(v)]
    if len(val) >= 3:
        return relative_fall(val[-t.sc_fall_epochs :])
    if sig.rate is None or sig.current <= 0:
        return math.nan
    return sig.rate * sig.baseline / sig.current


def epochs_to_baseline(history: TrainingHistory, sig: LossSignals, t: DefaultThresholds) -> float:
    """Epochs the validation loss needs to come down to the baseline at its recent geometric
    pace (the robust slope of the log of the last sc_fall_epochs validation losses): 0 when
    it is there, inf when it does not fall, NaN with fewer than 3 positive losses. A loss
    far above the constant predictor's shrinks by a fraction per epoch; a straight line
    through it promises the baseline far too soon."""
    val = [v for v in logged(history.epochs, "val_loss") if math.isfinite(v) and v > 0]
    recent = val[-t.sc_fall_epochs :]
    if len(recent) < 3 or sig.baseline <= 0:
        return math.nan
    if recent[-1] <= sig.baseline:
        return 0.0
    slope = theil_sen_slope([math.log(v) for v in recent])
    if slope >= 0:
        return math.inf
    return math.log(sig.baseline / recent[-1]) / slope


def paced_progress(sig: LossSignals, t: DefaultThresholds) -> float:
    """The progress the model ends the budget at if its best loss keeps the pace of its last
    stall_epochs epochs (`LossSignals.recent_gain`; the progress now when that is unknown or
    not a gain). Unlike `LossSignals.projected` (the best of several one-epoch rates), it
    reads the best loss only, which noise does not lift. A loss whose floor is far above 0 (a
    density's entropy) sheds a small share of its level while it learns well: practice batch
    62's MADE, 0.381 -> 0.347 at 30 % of the budget (progress 0.089, 1.2 % of its level an
    epoch), 0.299 at its end; its pace read 0.38 by the end."""
    gain = sig.recent_gain if math.isfinite(sig.recent_gain) else 0.0
    return sig.progress + max(gain, 0.0) / t.stall_epochs * sig.remaining_epochs


def slow_convergence_rule(x: RuleInput) -> Finding | None:
    """SC: the model has still learned next to nothing (progress < sc_progress) and is stuck
    there: stalled (no new best validation loss for stall_epochs, small rate) or its accuracy
    near chance with a flat loss (`LossSignals.stalled`, `near_chance`). Judged after
    sc_min_budget of the budget when the optimizer's steps are evidently too small (median
    update ratio < sc_small_update), else only after sc_patient_budget (slow starts that
    speed up are common and healthy). With steps that small, a model still worse than the
    constant predictor is slow whatever its pace; so is one that, at its recent pace
    (`LossSignals.projected`), ends the budget still worse than the constant predictor.
    Vanishing gradients' reading (`vanishing_reading`: a gradient ratio below beta_1 with
    first layers that barely move): SC then leaves it to VG (an output bias fitting the class
    prior makes early progress that closes no gate here). With steps of a healthy size, a
    model at chance whose predictions spread stall_spread_growth x or more over two epochs is
    leaving a plateau, not stuck (`leaving_plateau`). A model as far along as an off-the-shelf
    model gets on the same rows, which is below sc_progress too, is at the data's ceiling
    (`ceiling.at_data_ceiling`).

    With steps of a healthy size the model is called slow only when its loss has stopped
    falling steadily: `loss_fall` below sc_min_fall of its level per epoch. A loss still
    falling steadily is a budget too short for it, not a slow optimizer (the `more_epochs`
    candidate answers that at the end of the budget); unless the model is still worse than the
    constant predictor with its accuracy near chance (|chance lift| < chance_margin) and, at
    its recent geometric pace (`epochs_to_baseline`), still will be at the end of the budget:
    a loss far above the constant predictor's falls fast while overconfident wrong outputs
    shrink (unscaled inputs), and nothing is learned by either measure.

    With no constant predictor's loss and no accuracy (a loss of the user's own), where the
    loss's floor lies is unknown: with steps of a healthy size, a loss sc_own_loss_progress
    of the way below the start loss has learned, at whatever ceiling.

    With steps of a healthy size, a model past the constant predictor whose best loss keeps a
    pace that ends the budget at sc_pace_factor x sc_progress or more (`paced_progress`) is
    neither stalled nor crawling: a loss whose floor is far above 0 sheds a small share of
    its level while it learns.

    At any progress, steps too small from the start (`ceiling.crawling_from_the_start`: the
    median update ratio over the layers that moved below sc_small_update at every check from
    the second epoch on) are slow when, at the network's recent pace, it ends the budget
    below sc_ceiling_share x what off-the-shelf models get on the same rows
    (`ceiling.projected_short_of_ceiling`; the reference is read before any finding while
    the steps crawl): a learning rate a schedule or the optimizer shrinks from the first
    steps, which a steady fall would otherwise leave to `more_epochs`."""
    history, check, sig, t = x.history, x.check, x.signals, x.thresholds
    if sig is None:
        return None
    update = median_update_ratio(check)
    small_steps = update is not None and update < t.sc_small_update
    wait = t.sc_min_budget if small_steps else t.sc_patient_budget
    if sig.epochs_trained < wait * history.epochs_budget:
        return None
    frozen = small_steps and frozen_since_start(sig, t) and not converged_steps(history, t)
    # Steps too small from the start, and at its pace the network ends the budget well short
    # of what off-the-shelf models get on the same rows (practice batch 36: boundaries in
    # epochs read as steps, 0.247 of the way against a reference of 0.584).
    short = (projected_short_of_ceiling(history, sig, t)
             if crawling_from_the_start(history, t) else None)  # fmt: skip
    if (sig.progress >= t.sc_progress and not frozen and short is None
            and not memorised_at_chance(history, sig, t)):  # fmt: skip
        return None
    # A loss of the user's own (no constant predictor's loss) without an accuracy: how far
    # below the start its floor lies is unknown (a Cox partial likelihood's is mostly the log
    # of its risk sets: practice batch 65's DeepSurv, 4.10 -> 3.82 in two epochs, then flat
    # at its data's ceiling, concordance 0.713 of 0.723; a flow's density), so a loss that
    # moved sc_own_loss_progress of the way on healthy steps is not called stuck.
    if (sig.baseline_is_start and sig.chance_lift is None and not small_steps
            and sig.progress >= t.sc_own_loss_progress and short is None):  # fmt: skip
        return None
    fall = loss_fall(history, sig, t)
    # At its recent pace the loss ends the budget still worse than the constant predictor's.
    hopeless = sig.projected is not None and sig.projected < 0
    # Worse than the constant predictor with the accuracy near chance, and at its recent
    # geometric pace still worse at the end of the budget: nothing learned by either measure,
    # however fast the loss falls (a loss far above the constant predictor's shrinks with the
    # overconfident wrong outputs; a slow start about to cross it is not held here).
    worse_at_chance = (sig.progress < 0 and sig.chance_lift is not None
                       and abs(sig.chance_lift) < t.chance_margin
                       and epochs_to_baseline(history, sig, t) > sig.remaining_epochs)  # fmt: skip
    if (not (small_steps or hopeless or worse_at_chance) and math.isfinite(fall)
            and fall >= t.sc_min_fall):  # fmt: skip
        return None
    # Worse than the constant predictor and crawling (judged once the pace is measured, so
    # vanishing gradients, which also make steps tiny, are named first when they are the cause).
    still_worse = small_steps and sig.progress < 0 and sig.rate is not None
    # With steps of a healthy size, past the constant predictor and on a pace that ends the
    # budget well past sc_progress, a model is learning however small a share of its level the
    # loss sheds (`paced_progress`).
    passing = (not small_steps and sig.progress > 0
               and paced_progress(sig, t) >= t.sc_pace_factor * t.sc_progress)  # fmt: skip
    # Without an accuracy (regression), a loss crawling below sc_min_fall of its level per
    # epoch is slow too (with one, a crawl at an accuracy far from chance is learning).
    crawling = (sig.chance_lift is None and math.isfinite(fall) and fall < t.sc_min_fall
                and not passing)  # fmt: skip
    stuck = (still_worse or hopeless or worse_at_chance or (sig.stalled and not passing)
             or sig.near_chance or crawling)  # fmt: skip
    if not (stuck or short is not None):
        return None
    if vanishing_reading(check, t):
        return None  # vanishing gradients' reading: VG names it
    if not small_steps and leaving_plateau(history, check, sig, t):
        return None  # predictions spreading out of a plateau (`setup_stall`): not stuck
    if at_data_ceiling(history, sig, t):
        return None  # as far along as an off-the-shelf model gets on these rows
    evidence = sig.evidence()
    if history.reference_progress is not None:
        evidence["reference_progress"] = history.reference_progress
    if math.isfinite(fall):
        evidence["val_loss_fall_per_epoch"] = fall
    if update is not None:
        evidence["median_update_ratio"] = update
        evidence["largest_update_ratio"] = largest_update_ratio(check)
    key = accuracy_key(history.epochs, "val_")
    if key is not None and history.chance_accuracy is not None:
        evidence["best_val_accuracy"] = max(logged(history.epochs, key))
        evidence["chance_accuracy"] = history.chance_accuracy
    base = "the start loss" if sig.baseline_is_start else "the constant predictor's loss"
    if short is not None and (sig.progress >= t.sc_progress or not stuck):
        evidence["projected_held_out_progress"] = short
        reason = (
            f"After {num(sig.epochs_trained)} epochs the optimizer's steps have been too small "
            f"since the start (median update ratio {num(update)} < {num(t.sc_small_update)} "
            f"at every check): at its recent pace the network ends the budget "
            f"{num(short)} of the way below {base} on held-out rows "
            f"(now {num(held_out_progress(history, sig))}), short of "
            f"{num(t.sc_ceiling_share)} x the {num(history.reference_progress or 0.0)} that "
            "off-the-shelf models fitted on the same rows reach: a learning rate too small "
            "for the budget, or one a schedule or the optimizer shrinks from the first steps."
        )
    elif frozen and sig.progress >= t.sc_progress:
        reason = (
            f"After {num(sig.epochs_trained)} epochs the loss has made no new best for "
            f"{sig.since_best} epochs, at only {num(sig.progress)} of the way below {base} "
            f"{num(sig.baseline)} (< {num(t.sc_frozen_progress)}): the optimizer's steps are "
            f"too small to learn (median update ratio {num(update)} < "
            f"{num(t.sc_small_update)})."
        )
    elif sig.progress >= t.sc_progress:  # memorised_at_chance
        best_val = min(v for v in logged(history.epochs, "val_loss") if math.isfinite(v))
        reason = (
            f"After {num(sig.epochs_trained)} epochs the training loss fell to {num(sig.best)}, "
            f"but the best validation loss {num(best_val)} is not {num(t.sc_progress)} of the "
            f"way below {base} {num(sig.baseline)} and {sig.gate_text()}: the training rows "
            "are memorised, nothing that carries to new rows is learned."
        )
    else:
        reason = _slow_reason(sig, t, base, fall, update, crawling=crawling,
                              worse_at_chance=worse_at_chance, hopeless=hopeless,
                              still_worse=still_worse)  # fmt: skip
    fallen = rate_fall(history.learning_rates)
    if fallen is not None:  # context for the user: a schedule or callback shrank the steps
        evidence["learning_rate_start"], evidence["learning_rate_now"] = fallen
        reason += (
            f" The learning rate fell from {num(fallen[0])} to {num(fallen[1])} during "
            "training (a decaying schedule or a callback such as LearningRateScheduler)."
        )
    return Finding(
        problem=Problem.SLOW_CONVERGENCE,
        epoch=check.epoch,
        step=check.step,
        layer=None,
        evidence=evidence,
        thresholds={
            "sc_progress": t.sc_progress,
            "sc_ceiling_signal": t.sc_ceiling_signal,
            "sc_ceiling_share": t.sc_ceiling_share,
            "sc_min_budget": t.sc_min_budget,
            "sc_small_update": t.sc_small_update,
            "sc_patient_budget": t.sc_patient_budget,
            "sc_min_fall": t.sc_min_fall,
            "sc_pace_factor": t.sc_pace_factor,
            "sc_own_loss_progress": t.sc_own_loss_progress,
            "sc_frozen_progress": t.sc_frozen_progress,
            "stall_epochs": float(t.stall_epochs),
            "stall_rate": t.stall_rate,
            "chance_margin": t.chance_margin,
            "beta_1": t.beta_1,
        },
        reason=reason,
    )


def leaving_plateau(
    history: TrainingHistory, check: CheckRecord, sig: LossSignals, t: DefaultThresholds
) -> bool:
    """Nothing learned yet (accuracy near chance, when there is one; predictions not ordered
    like the labels, now or two epochs before) while the predictions' spread grew
    stall_spread_growth x or more over those two epochs: the symmetry of a plateau breaking
    (practice batch 17's LSTM on a 60-step marker, at chance for six epochs, then 1.0; batch
    24's BiGRU at the majority class for five epochs, its spread 2.2 x and its label
    correlation 0.08 -> 0.25 as it left, then 0.96). A model that learned a little and
    crawls (a frozen random base under a trainable head, 0.35 on 10 classes: its predictions
    ordered like the labels all along) is not this."""
    growth = spread_growth(history.checks, check)
    out, before = check.output, two_epochs_before(history.checks, check)
    if growth is None or growth < t.stall_spread_growth or out is None or before is None:
        return False
    if out.label_correlation is None:
        return False
    ordered = [c for c in (before.label_correlation, out.label_correlation) if c is not None]
    if all(c >= t.stall_correlation for c in ordered):
        return False  # ordered like the labels all along: a crawl, not a plateau left
    return sig.chance_lift is None or abs(sig.chance_lift) < t.chance_margin


RATE_FALL = 0.01
"""A learning rate at most this share of its highest so far is named in the reason."""


def rate_fall(rates: list[float]) -> tuple[float, float] | None:
    """(highest, last) learning rate when the last is at most `RATE_FALL` of the highest
    (several epochs read), else None."""
    if len(rates) < 2 or max(rates) <= 0:
        return None
    peak, last = max(rates), rates[-1]
    return (peak, last) if last <= RATE_FALL * peak else None


def memorised_at_chance(history: TrainingHistory, sig: LossSignals, t: DefaultThresholds) -> bool:
    """The validation accuracy near chance with a flat loss (`near_chance`) and the validation
    loss never sc_progress below the constant predictor's, whatever the training loss made:
    the progress in `best` is the training rows memorised (features shuffled apart from their
    labels), nothing that carries to new rows. Not while the validation loss is at its best
    and falls by sc_memorised_fall of its level per epoch or more (`loss_fall`), and not when
    the model fails its own training rows in inference mode
    (`_unlearned_in_inference_mode`)."""
    val = [v for v in logged(history.epochs, "val_loss") if math.isfinite(v)]
    if not sig.near_chance or not val:
        return False
    if (sig.baseline - min(val)) / sig.scale >= t.sc_progress:
        return False
    if val[-1] <= min(val) and loss_fall(history, sig, t) >= t.sc_memorised_fall:
        return False  # a new best on a steady fall: learning starts slowly
    return not _unlearned_in_inference_mode(history, t)


def _unlearned_in_inference_mode(history: TrainingHistory, t: DefaultThresholds) -> bool:
    """The latest measured inference-mode loss on the probe's training rows made less than
    im_unlearned progress: the rows are not memorised, the model learns in training mode only
    (BatchNormalization's lagging statistics: `inference_mismatch` names that)."""
    measured = [c.mode_losses for c in history.checks if c.mode_losses is not None]
    baseline = history.baseline_loss
    if not measured or baseline is None or not math.isfinite(baseline) or baseline <= 0:
        return False
    inference = measured[-1].inference
    return math.isfinite(inference) and 1.0 - inference / baseline < t.im_unlearned


def frozen_since_start(sig: LossSignals, t: DefaultThresholds) -> bool:
    """Stalled with no new best since the first two epochs, below sc_frozen_progress: what
    the model learned it learned at once (or had from its initialisation), and steps too
    small to move it keep it there (a rate schedule that decays every step, Adadelta at
    Keras' 0.001). A rate decayed late, or by ReduceLROnPlateau, leaves a best made later."""
    return (sig.stalled and sig.progress < t.sc_frozen_progress
            and sig.since_best >= sig.epochs_trained - 2)  # fmt: skip


def converged_steps(history: TrainingHistory, t: DefaultThresholds) -> bool:
    """The steps were of a healthy size when first measured (a median update ratio of at
    least sc_small_update) and shrank under a learning rate that did not fall: the optimizer
    converging where the data's noise leaves no consistent direction (Adam's averaged
    gradient shrinks, its rate does not), not steps too small to learn. Practice batch 31's
    noisy Monte-Carlo returns: the validation loss at its floor from epoch 3 (R^2 0.3), the
    median ratio 6.2e-4 at the first check and 8e-5 by the ninth under Adam(1e-3)."""
    first = next((u for u in map(median_update_ratio, history.checks) if u is not None), None)
    return (first is not None and first >= t.sc_small_update
            and rate_fall(history.learning_rates) is None)  # fmt: skip


def _slow_reason(sig: LossSignals, t: DefaultThresholds, base: str, fall: float,
                 update: float | None, *, crawling: bool, worse_at_chance: bool,
                 hopeless: bool, still_worse: bool) -> str:  # fmt: skip
    return (
        f"After {num(sig.epochs_trained)} epochs the best loss {num(sig.best)} is only "
        f"{num(sig.progress)} of the way below {base} {num(sig.baseline)} (< "
        f"{num(t.sc_progress)}) and "
        + (
            sig.gate_text() + "."
            if sig.stalled or sig.near_chance
            else f"its loss falls by only {num(fall)} of its level per epoch (< "
            f"{num(t.sc_min_fall)})."
            if crawling
            else f"it is still worse than that with the accuracy near chance (lift "
            f"{num(sig.chance_lift or 0.0)} of the way from chance to 1), and at its recent "
            "pace (a fraction of its level per epoch) it stays worse to the end of the "
            "budget."
            if worse_at_chance and not (hopeless or still_worse)
            else f"at its recent pace it ends the budget still worse than that (projected "
            f"progress {num(sig.projected)} < 0)."
            if hopeless and not still_worse
            else f"the optimizer's steps are too small to catch up (median update ratio "
            f"{num(update)} < {num(t.sc_small_update)})."
        )
    )
