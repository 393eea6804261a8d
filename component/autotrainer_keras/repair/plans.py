"""Which solutions to try, in which order, for each problem: `plan_for(problem, profile)`.

`paper` is the table of spec section 4, as the paper's code runs it (`lr` going up for
slow convergence and down otherwise; the paper profile's operators: `operators.paper`).

`default` is short, because its repair budget is about 1.5 trainings in all (a failed
candidate is stopped at its first symptom, so only a success costs a whole training, and an
operator that does not apply costs nothing). Its order follows the evidence:

- In the paper's results the first solution of each list did most of the work, and the
  initializer and batch-size changes repaired almost nothing (the paper's tries continue
  from the faulty weights). Those are left out.
- Measured with these operators (fresh rebuild as the default profile does; an MLP on
  sklearn digits, 15 epochs, one seed, so a rough guide; best val accuracy, original first):
  - exploding, SGD lr 1.0, 4x64 relu: 0.08 -> lr_down 0.98, bn 0.98, adam 0.98, relu 0.12,
    selu NaN, gradient 0.08 (a clip value near 10 does not stop steps that are too large).
  - vanishing, 8x32 sigmoid: 0.08 -> selu 0.97, bn 0.96, relu 0.73, adam 0.18.
  - dying ReLU from bias -1: 0.08 -> selu 0.93, initial 0.61, bn 0.17, leaky 0.08;
    from SGD lr 0.5: 0.30 -> bn 0.98, lr_down 0.93, leaky 0.93 (NaN later), selu NaN.
  - slow, SGD lr 1e-4: 0.12 -> adam 0.97, optimizer (adam) 0.97, lr_up 0.20, batch 0.12.
  - oscillating, Adam lr 0.05: 0.96 -> lr_down 0.98, adam 0.97, ReduceLR 0.97, batch 0.96.
- So: exploding -> lr_down, adam, bn; vanishing -> selu, bn; dying_relu -> selu, bn (the
  paper's first two, each repairing one of the two causes); slow_convergence -> adam, lr_up
  (`adam` does not apply to a model already on default Adam, then `lr_up` runs at once);
  oscillating_loss -> adam (it also resets an oversized Adam rate), lr_down.
- Slow convergence of a deep saturating stack (sigmoid layers stuck at chance, no gradient
  ratio extreme enough for a vanishing-gradient finding) is cured by neither the optimizer nor
  the step size: after them the plan falls back to `selu`, then `bn`, as the set-up stall's
  does (dev conv1d_text--act_sigmoid: batch and lr_up stopped at their first symptom, stuck
  at chance, 0.26; selu reached 0.99 when the same run was named vanishing gradient). A
  failing candidate stops at its first symptom, so the fallbacks cost little where they do
  not help.
- Slow convergence found with optimizer steps of a healthy size (the finding's own evidence,
  `steps_were_healthy`) is no matter of pace: `selu` and `bn` then come before the optimizer
  and step-size repairs (`SC_HEALTHY_STEPS`), since the policy accepts the first candidate
  that beats the original, and a better pace lifts such a model a little (dev
  finetune--act_sigmoid: `lr_up` accepted at 0.45 of 13 classes where `selu` reaches 0.92).
- Slow convergence from too few steps (full-batch training: one step per epoch) is not cured
  by a better optimizer alone: `batch` (32) follows `adam`, and builds on it when `adam`
  helped (the repair loop stacks a candidate that improved but still shows the problem).
- Dropout above 0.5 lets too little signal through for training to get anywhere: lowering it
  (`dropout_down`) comes first for slow convergence; it applies only to such models, so it
  costs nothing elsewhere. An L1/L2 penalty above 0.01, or a norm constraint below 0.25,
  likewise (`regularizer_down`, next; batch 18's MaxNorm(0.001) keeps every unit at norm 0.001):
  practice batch 5's L2(1.0) CNN and batch 6's L2(10) and L1(10)-activity autoencoders
  collapse to a constant.
- A fixed-scale or constant initialisation (`RandomNormal(stddev=3)`, zero kernels, a bias of
  -3) causes each of the gradient problems and saturated outputs; the standard one for the
  activation (`init_default`) repairs the cause and keeps the user's activations. It applies
  only to such models, so it costs nothing elsewhere. It comes first for exploding gradients
  (after `clip_rnn`), slow convergence (after `dropout_down`) and saturated outputs (after
  `output_pair`): dev vgg--init_large, outputs saturated from the first epoch, was repaired
  by none of the step-size candidates (0.18 -> 0.97); first zoo cnn-mnist1d-eg-1 unrepaired
  0.15 -> 0.37. For vanishing gradients and dying ReLU it follows `selu`: first, it ended
  below selu on the first zoo's deep tanh/sigmoid stacks (fc-digits-vg-2 0.89 -> 0.57,
  rnn-mnist1d-vg-0 0.21 -> 0.13, fc-blob-dr 0.01-0.03 lower) and on 2 of 4 dev init/bias runs.
- Recurrent models: clipping the gradient norm is the usual cure for exploding gradients
  (`clip_rnn`, global norm 1.0; it applies to recurrent models only, so it comes first and
  costs nothing elsewhere). A linear stack (Dense layers with no activation between them)
  with exploding gradients gets a non-linearity (`nonlinear`, last: it applies only there).
- With screening (`repair.screen`, off by default) every applicable candidate of a round
  trains a short segment first and the best half train on, so the order matters less; without
  it (the default) the order decides which candidate is tried first.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from autotrainer_keras.config.detection import PROFILES, DefaultThresholds
from autotrainer_keras.errors import InputError
from autotrainer_keras.problems import (
    AnyProblem,
    Finding,
    Problem,
    SetupProblem,
    retrain_checked,
)

Plan = list[tuple[str, int]]

PAPER_PLANS: dict[Problem, Plan] = {
    Problem.VANISHING_GRADIENT: [("selu", 1), ("relu", 1), ("bn", 1)],
    Problem.EXPLODING_GRADIENT: [("selu", 1), ("relu", 1), ("gradient", 2), ("tanh", 1), ("bn", 1)],
    Problem.DYING_RELU: [("selu", 1), ("bn", 1), ("initial", 3), ("leaky", 3)],
    Problem.SLOW_CONVERGENCE: [("optimizer", 3), ("lr_up", 3), ("initial", 3)],
    Problem.OSCILLATING_LOSS: [
        ("adam", 1),
        ("lr_down", 3),
        ("ReduceLR", 1),
        ("batch", 4),
        ("momentum", 3),
        ("GN", 1),
        ("initial", 3),
    ],
}

DEFAULT_PLANS: dict[Problem, Plan] = {
    Problem.VANISHING_GRADIENT: [("selu", 1), ("init_default", 1), ("bn", 1)],
    Problem.EXPLODING_GRADIENT: [
        ("float32_head", 1),  # mixed-precision outputs in float16 only
        ("clip_rnn", 1),
        ("init_default", 1),
        ("lr_down", 1),
        ("adam", 1),
        ("bn", 1),
        ("nonlinear", 1),
    ],
    Problem.DYING_RELU: [("selu", 1), ("init_default", 1), ("bn", 1)],
    Problem.SLOW_CONVERGENCE: [
        ("dropout_down", 1),
        ("regularizer_down", 1),
        ("init_default", 1),
        ("adam", 1),
        ("batch", 1),
        ("lr_up", 1),
        ("selu", 1),
        ("bn", 1),
    ],
    Problem.OSCILLATING_LOSS: [("adam", 1), ("lr_down", 1)],
}

SC_HEALTHY_STEPS: Plan = [
    ("dropout_down", 1),
    ("regularizer_down", 1),
    ("init_default", 1),
    ("selu", 1),
    ("bn", 1),
    ("adam", 1),
    ("batch", 1),
    ("lr_up", 1),
]
"""Slow convergence found with optimizer steps of a healthy size (`steps_were_healthy`): the
pace is not what holds the model back, so the activation and normalisation repairs come
before the optimizer and step-size ones (which the policy, accepting the first candidate
that beats the original, would otherwise accept at a poor score: dev finetune--act_sigmoid,
a sigmoid head on a pretrained backbone, median update ratio 6.4e-4: `lr_up` accepted at
0.45 of 13 classes, `batch` on `adam` at 0.31; `selu` reaches 0.92)."""

DR_LARGE_STEPS: Plan = [
    ("lr_down", 1),
    ("adam", 1),
    ("selu", 1),
    ("init_default", 1),
    ("bn", 1),
]
"""Dying ReLU found while the steps were large (`steps_were_large`): an oversized step drove
the units below zero (the plans' own measurement above: DR from SGD lr 0.5 is repaired by
`lr_down`, where `selu` ends in NaN), so the step-size and optimizer repairs come first;
units killed by their initialisation barely move and keep `selu` first."""

SETUP_PLANS: dict[SetupProblem, Plan] = {
    SetupProblem.OUTPUT_LOSS_MISMATCH: [("output_pair", 1)],
    # a Normalization of the model's own that leaves its input far off the unit scale
    # (never adapted: practice batch 47) is restated first; raw inputs get a new one
    SetupProblem.UNSCALED_INPUT: [("adapt_normalization", 1), ("normalize", 1)],
    SetupProblem.UNSCALED_TARGET: [("scale_target", 1)],
    SetupProblem.CONSTANT_INPUT: [],  # nothing to learn from: the data pipeline must be fixed
    # which layers the user meant to train (the head? all?) is theirs to say: every repair
    # would train a still-frozen model, re-initialising a layer at best
    SetupProblem.NO_TRAINABLE_WEIGHTS: [],
    # weights that push the model to one class or leave nothing to learn: balanced class
    # weights in their place (every row 1 for a regression target)
    SetupProblem.SAMPLE_WEIGHTS: [("balanced_weights", 2)],  # balanced, then unweighted
    SetupProblem.LABEL_MISMATCH: [],  # the split or the labels must be fixed in the data
    SetupProblem.VALIDATION_SHIFT: [],  # the validation inputs must be prepared as the training's
    SetupProblem.LEARNING_RATE_RANGE: [("clip_loose", 1), ("lr_default", 1),
                                       ("schedule_stretch", 1)],
    SetupProblem.SMALL_BUDGET: [("accumulation_off", 1), ("epochs_up", 1), ("batch", 1)],
    SetupProblem.LINEAR_STACK: [("nonlinear", 1)],
    SetupProblem.HIDDEN_SOFTMAX: [("nonlinear", 1)],  # relu where the softmax was
    SetupProblem.HIGH_DROPOUT: [("dropout_down", 1)],
    SetupProblem.HIGH_PENALTY: [("regularizer_down", 1)],
    SetupProblem.ABNORMAL_DATA: [("normalize", 1)],
    # outputs stuck at a bound although the output fits the labels: training drove them
    # there (a step too large), so the step-size repairs follow
    SetupProblem.IMPROPER_OUTPUT: [
        ("output_pair", 1),
        ("init_default", 1),
        ("lr_down", 1),
        ("adam", 1),
    ],
    # predictions collapsed to a constant with healthy steps: after the set-up repairs, the
    # activation and normalisation repairs (a saturated sigmoid stack collapses so; dev
    # finetune--act_sigmoid 0.08 -> 0.70 and mlp_noisy--act_sigmoid 0.52 -> 0.71 by selu)
    # a dropout rate written as keep_prob (0.9) collapses them too: `dropout_down` applies
    # only to rates above 0.5 and keeps every weight
    SetupProblem.SETUP_STALL: [
        ("output_pair", 1),
        ("dropout_down", 1),
        ("regularizer_down", 1),
        ("normalize", 1),
        ("selu", 1),
        ("bn", 1),
    ],
    # the model learns in training mode only: moving statistics that keep up
    SetupProblem.INFERENCE_MISMATCH: [("bn_momentum", 1)],
    # a callback of the caller's watching its metric the wrong way round (a ReduceLROnPlateau,
    # an EarlyStopping, a ModelCheckpoint): left out of a candidate
    SetupProblem.MONITOR_MODE: [("schedule_off", 1)],
    # texts cut off before the model reads them: a sequence length that covers them
    SetupProblem.TEXT_TRUNCATED: [("text_length", 1)],
    # a vocabulary that leaves most training tokens unknown: it must be built again (a
    # larger max_tokens, adapted on the training texts)
    SetupProblem.UNKNOWN_TOKENS: [],
    SetupProblem.TARGET_BROADCAST: [],  # the targets' shape (or the user's loss) must change
    SetupProblem.SENTINEL_VALUES: [],  # the missing values must be imputed in the data
    # ids read as one number: the column must be encoded (a lookup, an Embedding)
    SetupProblem.CODES_AS_NUMBERS: [],
    # a Normalization adapted on other data is restated on its input's training values, a
    # Hashing whose collisions merge categories gets more bins; a Discretization or
    # CategoryEncoding must be set up for the data by its user
    SetupProblem.COLLAPSED_INPUT: [("adapt_normalization", 1), ("more_bins", 1)],
    SetupProblem.STALE_AVERAGE: [("ema_default", 1)],
    # weights no gradient reaches (a stop_gradient, a tensor taken out of the graph): the
    # model's code must change; the job trains the original on
    SetupProblem.NO_GRADIENT: [],
    # a loss minimised by outputs running off to infinity: the loss or the targets must change
    SetupProblem.UNBOUNDED_LOSS: [],
    SetupProblem.FROZEN_RANDOM: [("unfreeze", 1)],  # a suspicion: withdrawn when no better
    SetupProblem.STILL_IMPROVING: [],  # never a finding: `repair_loop.more_epochs` tries it
}
"""The set-up repairs of the pre-flight findings and of the set-up problems seen in training
(found by the `default` profile only). An operator that changes nothing (the output already
fits the labels, the model already normalises its inputs) is skipped at no cost."""

ONE_OF_SEVERAL_OUTPUTS: frozenset[str] = frozenset({"scale_target", "output_pair"})
"""The set-up repairs that can change the outputs of a multi-output model: `scale_target`
(`operators.scale_outputs`: each regression output standardised, its loss weight with it)
and `output_pair` (`operators.outputs_pair`: the output the finding names gets the pair its
labels call for). Any other pre-flight finding about one output of several (its evidence's
`outputs` > 1) gets no candidate: its reason names the output, and the job trains the
original on (`repair.finish_original`)."""

_PLANS = {"paper": PAPER_PLANS, "default": DEFAULT_PLANS}


def steps_were_healthy(finding: Finding) -> bool:
    """The slow-convergence rule's own reading of its finding: the median update ratio it
    measured is at least the `sc_small_update` it judged by (steps of a healthy size, the
    loss stalled anyway), not below it (steps too small: a matter of pace)."""
    update = finding.evidence.get("median_update_ratio")
    small = finding.thresholds.get("sc_small_update")
    return update is not None and small is not None and update >= small


def steps_were_small(finding: Finding) -> bool:
    """The other side of `steps_were_healthy`: the median update ratio was measured and is
    below the `sc_small_update` the rule judged by (steps too small: a matter of pace)."""
    update = finding.evidence.get("median_update_ratio")
    return update is not None and "sc_small_update" in finding.thresholds and not (
        steps_were_healthy(finding)
    )


def steps_were_large(finding: Finding) -> bool:
    """The dying-ReLU rule's reading of its finding: the median update ratio when the units
    died is at least the `dr_large_update` it carries (steps too large killed them)."""
    update = finding.evidence.get("median_update_ratio")
    large = finding.thresholds.get("dr_large_update")
    return update is not None and large is not None and update >= large


def evidence_for_plan(findings: list[Finding]) -> Finding | None:
    """The finding whose evidence may order the plan (`plan_for`): the first one, unless a
    pre-flight small-budget finding is among them: then a step of a healthy size says
    nothing about the pace, since there are too few steps (set-up bench one-batch-epochs:
    one step per epoch of update ratio 5e-3; `selu` and `bn` first spent the repair's time
    where `batch` repairs it, 0.08 -> 0.83). A small budget a callback made at the end of
    training (`cut_by_callback`) is no such finding: its own evidence picks its plan. Nor
    is a loss NaN at the initial weights (`outside_domain`), whatever the budget."""
    if not findings:
        return None
    if any(f.problem is SetupProblem.SMALL_BUDGET and not cut_by_callback(f) for f in findings):
        return next((f for f in findings if outside_domain(f)), None)
    return findings[0]


SUSPICION_FIXES: dict[SetupProblem, tuple[str, ...]] = {
    SetupProblem.LEARNING_RATE_RANGE: ("clip_loose", "lr_default", "schedule_stretch"),
    SetupProblem.HIGH_DROPOUT: ("dropout_down",),
    SetupProblem.HIGH_PENALTY: ("regularizer_down",),
    SetupProblem.MONITOR_MODE: ("schedule_off",),
    SetupProblem.STALE_AVERAGE: ("ema_default",),
    SetupProblem.FROZEN_RANDOM: ("unfreeze",),
}
"""A pre-flight suspicion about a training setting, and the repairs that undo it (one of
`lr_default` and `schedule_stretch` applies: a fixed rate, or a schedule; `clip_loose` only
to plain SGD under a clip below 0.1, whose steps the clip caps)."""

CONFIRMED_FIXES: dict[SetupProblem, tuple[str, ...]] = {
    SetupProblem.LEARNING_RATE_RANGE: ("adam",),
}
"""Fixes of a suspicion tried after its `SUSPICION_FIXES` when another finding confirms a
problem (a suspicion alone is tested by undoing it, and withdrawn when that is no better). A
rate far off may also need another optimizer: the default rate of plain SGD can be too slow
for the budget (practice batch 24's BiGRU under SGD(1.0): SGD(0.01) stayed at the majority
class for 12 epochs, as the original did; Adam reached 0.94). Under an Adam of Keras'
other defaults it is the same candidate as `lr_default`, which the job then skips."""


def suspected_first(
    plan: Plan, findings: list[Finding], rate_ratio: float | None = None,
    stall_rate_factor: float = math.inf,
) -> Plan:
    """`plan` with the fix of each pre-flight suspicion among `findings` first (in the
    findings' order): when training then shows a problem, the setting read off before the
    first step is its likeliest cause (practice batch 7's tanh under RMSprop at 0.1:
    vanishing gradients, whose plan accepted `bn` at 0.64 where the optimizer's default rate
    trains the model to 0.97). Each fix is tried once, whether or not the plan held it.

    A rate below the pre-flight's gate counts as a confirmed rate suspicion too when it is at
    least `stall_rate_factor` x the optimizer's default (`rate_ratio`: the fixed rate over
    it; None: a schedule or unknown) and the first training finding is a stall at chance
    (`stalled_at_chance`): practice batch 25's Transformer under Adam(0.05), 50 x, slow
    convergence at chance, where `selu` was accepted at 0.57 and the default rate trains it
    to 0.82."""
    suspicions = [f.problem for f in findings if isinstance(f.problem, SetupProblem)]
    if (rate_ratio is not None and rate_ratio >= stall_rate_factor
            and SetupProblem.LEARNING_RATE_RANGE not in suspicions
            and stalled_at_chance(findings)):  # fmt: skip
        suspicions.append(SetupProblem.LEARNING_RATE_RANGE)
    confirmed = not all(retrain_checked(f) for f in findings)
    fixes = {p: SUSPICION_FIXES.get(p, ()) + (CONFIRMED_FIXES.get(p, ()) if confirmed else ())
             for p in suspicions}  # fmt: skip
    first = list(dict.fromkeys(fix for p in suspicions for fix in fixes[p]))
    if not first:
        return plan
    return [(fix, 1) for fix in first] + [step for step in plan if step[0] not in first]


def shuffled_first(plan: Plan, shuffle: bool, problem: AnyProblem) -> Plan:
    """`plan` with `shuffle_on` first when the training rows were not shuffled (`shuffle`
    False: the caller's `fit(shuffle=False)`) and `problem` is one training showed (one of
    the five, or a set-up stall): an order that holds the classes or a trend together makes
    every batch one-sided, and every candidate that kept it would fail as the original did
    (practice batch 27's two-tower model on rows stored positives first). A set-up finding
    read before training has its own cause."""
    if shuffle or not (isinstance(problem, Problem) or problem is SetupProblem.SETUP_STALL):
        return plan
    return [("shuffle_on", 1), *(step for step in plan if step[0] != "shuffle_on")]


STALLS = frozenset({Problem.SLOW_CONVERGENCE, SetupProblem.SETUP_STALL})
CHANCE_MARGIN = float(DefaultThresholds.model_fields["chance_margin"].default)
"""Near chance, for a stall whose finding does not carry the `chance_margin` it was read with."""


def first_stall(findings: list[Finding]) -> Finding | None:
    """The first finding that is no pre-flight suspicion (`RETRAIN_CHECKED`), when it is slow
    convergence or a set-up stall (a model that may still catch up, not one whose weights
    went wrong); None otherwise. A set-up fault named before training (texts cut to 3
    tokens) comes first and explains the stall itself."""
    first = next((f for f in findings if not retrain_checked(f)), None)
    return first if first is not None and first.problem in STALLS else None


CATCHING_UP = STALLS | {SetupProblem.ABNORMAL_DATA}
"""First training findings after which an original stopped early may still catch up: a
stall, or data on a scale the network was not built for (its weights are sound, its training
slow: practice batch 60's raw units under input noise reached 0.592 in plain training, while
its `normalize` candidate, 0.336, was accepted over the original's 0.271 at epoch 0)."""


def may_catch_up(findings: list[Finding]) -> bool:
    """The first finding that is no pre-flight suspicion (`RETRAIN_CHECKED`) is one of
    `CATCHING_UP`."""
    first = next((f for f in findings if not retrain_checked(f)), None)
    return first is not None and first.problem in CATCHING_UP


def stalled_at_chance(findings: list[Finding]) -> bool:
    """`first_stall` read with the accuracy near chance (its evidence's `chance_lift` within
    the `chance_margin` of its thresholds, or the default's)."""
    first = first_stall(findings)
    if first is None:
        return False
    lift = first.evidence.get("chance_lift")
    return lift is not None and abs(lift) < first.thresholds.get("chance_margin", CHANCE_MARGIN)


DATA_TO_FIX = frozenset({SetupProblem.VALIDATION_SHIFT, SetupProblem.LABEL_MISMATCH})
"""Findings about the validation data itself: no training setting changes them."""
READ_ON_VALIDATION = frozenset({Problem.SLOW_CONVERGENCE, Problem.OSCILLATING_LOSS})
"""Training problems read off the validation curves, which a validation set unlike the
training rows explains."""


def data_to_fix(findings: list[Finding]) -> Finding | None:
    """The finding about the validation data that stands behind the first training finding,
    when that one is read off the validation curves: no candidate can then be judged fairly
    (each is scored on the same validation rows), so the job tries none (practice batch 7's
    parcels with two validation columns swapped: slow convergence, and three candidates
    tried in vain for 2.5 trainings). None: repair as planned."""
    data = next((f for f in findings if f.problem in DATA_TO_FIX), None)
    trained = next((f for f in findings if isinstance(f.problem, Problem)), None)
    if data is None or trained is None or trained.problem not in READ_ON_VALIDATION:
        return None
    return data


EVIDENCE_ORDERS: dict[Problem, tuple[Callable[[Finding], bool], Plan]] = {
    Problem.SLOW_CONVERGENCE: (steps_were_healthy, SC_HEALTHY_STEPS),
    Problem.DYING_RELU: (steps_were_large, DR_LARGE_STEPS),
}
"""Default profile: a problem whose finding's own evidence reorders its plan (the reading,
and the plan it then follows)."""


def plan_for(problem: AnyProblem, profile: str, finding: Finding | None = None) -> Plan:
    """The ordered `(solution_id, tries)` to attempt for `problem` under `profile`.

    Raises:
        InputError: Unknown profile (allowed: `config.detection.PROFILES`).
    """
    if profile not in PROFILES or profile not in _PLANS:
        raise InputError(f"unknown profile {profile!r}; allowed: {', '.join(PROFILES)}")
    if isinstance(problem, SetupProblem):
        plan = SETUP_PLANS[problem]
        if finding is not None and finding.problem is problem and cut_by_callback(finding):
            return list(CUT_BY_CALLBACK)
        if finding is not None and finding.problem is problem and outside_domain(finding):
            return list(OUTSIDE_DOMAIN)
        if finding is not None and finding.problem is problem and (
            finding.evidence.get("outputs", 1.0) > 1
        ):
            return [step for step in plan if step[0] in ONE_OF_SEVERAL_OUTPUTS]
        return list(plan)
    plan = list(_PLANS[profile][Problem(problem)])
    reordered = EVIDENCE_ORDERS.get(Problem(problem)) if profile == "default" else None
    if reordered and finding is not None and finding.problem is problem:
        applies, evidence_plan = reordered
        if applies(finding):
            plan = list(evidence_plan)
    if profile == "default" and finding is not None and rate_collapsed(finding):
        plan = [("schedule_off", 1), *(step for step in plan if step[0] != "schedule_off")]
    return plan


CUT_BY_CALLBACK: Plan = [("early_stop_off", 1)]
"""The plan of a small budget that a callback of the caller's made: it stopped training on
the way down (`detect.ended_early.cut_while_falling`), so the candidate trains without it."""


OUTSIDE_DOMAIN: Plan = [("positive_output", 1)]
"""The plan of an output/loss mismatch measured as a loss that is NaN at the initial weights
(`nonfinite_start_loss`): an output kept above 0. `output_pair` would pick a pair from the
labels and replace a loss of the user's own, whose domain is the fault."""


def outside_domain(finding: Finding) -> bool:
    """An output/loss mismatch read from the loss's NaN rows at the initial weights (its
    evidence's `nonfinite_rows`), not from the output's activation and the labels."""
    return finding.problem is SetupProblem.OUTPUT_LOSS_MISMATCH and (
        "nonfinite_rows" in finding.evidence
    )


def cut_by_callback(finding: Finding) -> bool:
    """A small-budget finding read at the end of a training that a callback stopped right
    after a new best validation loss still falling (its evidence's
    `previous_best_val_loss` and `val_loss_fall_per_epoch`)."""
    return finding.problem is SetupProblem.SMALL_BUDGET and {
        "previous_best_val_loss", "val_loss_fall_per_epoch"
    } <= set(finding.evidence)


def rate_collapsed(finding: Finding) -> bool:
    """A slow-convergence finding whose learning rate fell to 1 % of its peak or less during
    the training (its evidence's `learning_rate_now`): a callback of the caller's that set it
    so rides along in every candidate, so leaving it out (`schedule_off`, when the spec names
    one) comes first; practice batch 8's `lrs_times_0.1` tried five candidates in vain."""
    return finding.problem is Problem.SLOW_CONVERGENCE and "learning_rate_now" in finding.evidence
