"""`repair:` the budgeted, verified repair loop."""

from __future__ import annotations

import math
from typing import Literal

from pydantic import Field

from autotrainer_keras.config.base import Section

WarmStartMode = Literal["initial", "detection", "fresh"]
"""Where a default-profile repair candidate starts (see `RepairConfig.warm_start`)."""

PAPER_MAX_ROUNDS = 10
"""The paper profile's round budget: the original code repairs a chain of up to 10 problems."""


class RepairConfig(Section):
    """Repair budget and acceptance."""

    enabled: bool = True
    max_attempts: int = Field(
        default=8,
        ge=0,
        le=200,
        description="Candidate trainings in all (paper profile: no cap unless set explicitly, "
        "as in the original code)",
    )
    max_rounds: int = Field(
        default=3,
        ge=1,
        le=10,
        description="Problems repaired in a chain (default profile; paper: PAPER_MAX_ROUNDS = 10)",
    )
    time_budget_factor: float = Field(
        default=1.5,
        gt=0,
        description="Time for repair, in units of the original training, both measured in "
        "this process's CPU time (all threads), so the load of other processes does not "
        "move it (a scale-out candidate: wall time)",
    )
    accept_margin: float = Field(
        default=0.0, ge=0, description="A repair must beat the original's best metric by this"
    )
    accept_margin_stopped: float = Field(
        default=0.01,
        ge=0,
        description="Default profile, tasks with an accuracy: when the original was stopped "
        "by its detection before its budget, a repair must beat its best validation accuracy "
        "by at least this (its best so far understates what its whole training would reach; "
        "nothing accepted, the original trains on and the best model seen is kept); an equal "
        "best with a lower validation loss is still a repair",
    )
    accept_prior_loss_gain: float = Field(
        default=0.2,
        ge=0,
        lt=1,
        description="Default profile, tasks with an accuracy: when the original's best "
        "validation loss never fell this share below the constant predictor's, a candidate "
        "at least as accurate whose best validation loss does is a repair too: on rare "
        "positives the accuracy barely moves (practice batch 98: clicks at 3.7 %, raw "
        "counts; the original at the majority's 0.963 with a loss of 11.8, `normalize` at "
        "0.974 with 0.098 against the prior's 0.158, short of the target 0.983)",
    )
    accept_over_chance: float = Field(
        default=0.02,
        ge=0,
        description="Default profile, tasks with an accuracy: a repair must also beat the "
        "majority class's validation accuracy (chance) by at least this: a candidate at "
        "chance learned nothing, however far below chance the original ended (practice "
        "batch 81: shuffled labels 'repaired' by selu at 0.550, chance 0.544)",
    )
    accept_over_chance_noise: float = Field(
        default=2.5,
        ge=0,
        description="Default profile, tasks with an accuracy: ... and by at least this many "
        "standard errors of an accuracy at chance on the validation rows (sqrt(p (1 - p) / "
        "rows)), when that is more than accept_over_chance: the best of several candidates "
        "that learned nothing lands above chance by the rows' noise alone (practice batch "
        "93: shuffled labels 'repaired' by bn at 0.330 on 400 rows, chance 0.300, 0.023 a "
        "standard error; batch 92: 0.059 against 0.042 on 288 rows)",
    )
    warm_start: WarmStartMode = Field(
        default="initial",
        description="Default profile: where candidates start. initial: from the user's model's "
        "weights as given (pretrained layers kept; a layer restarts fresh only when the repair "
        "changed its initializer or shape, or it is new: repair/warm_start.py); detection: "
        "from the original's weights at detection; fresh: a new random initialisation. The "
        "paper profile always continues from the weights at detection",
    )
    continue_pace: bool = Field(
        default=True,
        description="Default profile: a first-round candidate for a problem of pace (slow "
        "convergence with steps below sc_small_update, a set-up stall, a small budget) that "
        "changes only how "
        "the model is trained (learning rate, optimizer, clipping, batch size) continues from "
        "the original's weights at detection instead of a fresh draw, for up to a whole "
        "budget (stop_converged ends it once it settles; the AutoTrainer code trains only the "
        "epochs the original had left: zoo dev vgg--sgd_plain 0.918 that way, 0.978 with a "
        "whole budget); the weights at detection are not what is wrong with such a model (a "
        "dying-ReLU, vanishing- or exploding-gradient or oscillating model's are, and those "
        "candidates start as warm_start says)",
    )
    stall_rate_factor: float = Field(
        default=10.0,
        gt=1,
        description="Default profile: a model whose first training finding is a stall at "
        "chance (slow convergence or a set-up stall) under a fixed learning rate at least this "
        "x its optimizer's Keras default gets lr_default (then adam) first, as a pre-flight "
        "rate suspicion would; below the pre-flight's lr_factor, so a healthy run at such a "
        "rate is not reported (practice batch 25's Transformer under Adam(0.05): selu accepted "
        "at 0.57, the default rate trains it to 0.82)",
    )
    continue_min_epochs: int = Field(
        default=2,
        ge=1,
        description="continue_pace: only when the original trained at least one whole epoch "
        "and has at least this many epochs left (else the candidate starts over)",
    )
    continue_max_update: float = Field(
        default=1e-3,
        gt=0,
        description="continue_pace: slow convergence is a matter of pace only when every "
        "layer's steps were small (the finding's largest per-step update ratio below this); "
        "a model whose saturated sigmoid layers barely move beside an embedding stepping "
        "1e-2 has weights that are part of its fault (zoo dev conv1d_text--act_sigmoid: "
        "lr_up continued from them was accepted at 0.51, selu from the given weights "
        "reaches 0.99)",
    )
    screen: bool = Field(
        default=False,
        description="Default profile: screen a round's candidates first (successive halving): "
        "each trains screen_fraction of the epochs, then only the best screen_keep of those "
        "still free of problems train on (from where they stopped) to the full budget; the "
        "acceptance rule is unchanged. Paper profile: never. Off by default: on 12 faulty "
        "zoo models it raised the median job/plain CPU ratio 2.72 -> 3.88 (the plan's first "
        "candidate usually wins, and failing candidates already stop within 1-2 epochs)",
    )
    screen_fraction: float = Field(
        default=0.2,
        gt=0,
        lt=1,
        description="Screening: the fraction of the epoch budget each candidate trains first",
    )
    screen_min_epochs: int = Field(
        default=2, ge=1, description="Screening: at least this many epochs per candidate"
    )
    screen_keep: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="Screening: the fraction of the screened candidates (rounded up) that "
        "train on, best validation metric first",
    )
    min_loss_gain: float = Field(
        default=0.02,
        ge=0,
        description="Default profile, tasks judged by validation loss (regression): a repair "
        "must lower the original's best validation loss by at least this fraction of the "
        "larger of that loss and the constant predictor's loss, and end below the constant "
        "predictor's loss (a model worse than predicting the mean is not repaired)",
    )
    output_max_drop: float = Field(
        default=0.01,
        ge=0,
        description="Default profile: a candidate is not accepted (nor kept in the "
        "original's place) when the validation accuracy of any classification output of a "
        "multi-output model, or any metric of the user's own named as an accuracy or AUC "
        "(seq_acc, auc), falls by more than this below the original's (0.01: one point), or "
        "the validation loss of any other output rises by more than min_loss_gain of the "
        "original's: the total loss weighs outputs by their loss units and loss_weights, and "
        "the loss can fall while the user's metric gets worse",
    )
    patience: int = Field(
        default=5,
        ge=0,
        description="Default profile: stop a candidate after this many epochs without a lower "
        "val_loss, keeping its best weights (0: never)",
    )
    stop_converged: bool = Field(
        default=True,
        description="Default profile: stop a candidate once it would be accepted (no problem, "
        "it beats the original) and the rest of its budget would add little: over the last "
        "more_epochs_window epochs the robust slopes of its validation loss and (tasks with "
        "an accuracy) validation accuracy, carried on over the epochs left, change them by "
        "less than converged_max_fall of the loss and converged_max_gain of accuracy; its "
        "best weights are kept when patience is on",
    )
    converged_max_fall: float = Field(
        default=0.02,
        gt=0,
        description="stop_converged: most projected further change of the validation loss, "
        "either way, as a fraction of its level (a rising loss has not settled: patience "
        "stops it with its best weights kept)",
    )
    converged_max_gain: float = Field(
        default=0.01,
        gt=0,
        description="stop_converged, tasks with an accuracy: most projected further rise of the "
        "validation accuracy (0.01: one point) that stopping may forgo",
    )
    confirm_progress: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Default profile: a repair accepted over an original its detection "
        "stopped before its budget at a stall (slow convergence or a set-up stall: it may "
        "still catch up) whose best score goes less than this of the way from "
        "chance to 1 (accuracy) or from the constant predictor's loss to 0 (judged by loss) "
        "stands only if it also beats the original trained on to its budget "
        "(finish_original); else the job ends unrepaired with that original (practice batch "
        "26: selu accepted at 0.505 of 4 classes over a PointNet stopped at epoch 3, whose "
        "plain training reached 0.533)",
    )
    finish_original: bool = Field(
        default=True,
        description="Default profile: when no repair is accepted, train the original from where "
        "detection stopped it to its full budget, so the result is never worse than plain "
        "training (the better of the two is kept)",
    )
    more_epochs: float = Field(
        default=0.5,
        ge=0,
        le=10,
        description="Default profile: when no problem was found and the validation loss is "
        "still falling at the end of the budget, train on from the final weights for this "
        "fraction of the epochs more (at least 1), kept only when it beats the original's best "
        "validation metric (not tried when it cannot: an original at full validation accuracy; "
        "0: never)",
    )
    more_epochs_window: int = Field(
        default=5,
        ge=3,
        description="More epochs (and stop_converged): the last this many epochs' validation "
        "curves are judged",
    )
    more_epochs_min_fall: float = Field(
        default=0.005,
        gt=0,
        description="More epochs: the validation loss still falls when its robust slope "
        "(Theil-Sen, over the window) is at least this fraction of its level per epoch",
    )
    seed: int = Field(default=0, ge=0, description="Seeds every random draw of the operators")
    order: Literal["plan", "random"] = Field(
        default="plan",
        description="plan: the profile's ordered plan; random: every solution once in a "
        "seeded random order (the benchmark's random-repair baseline)",
    )

    def attempt_budget(self, profile: str) -> float:
        """Candidate trainings allowed under `profile`.

        `max_attempts`, except under `paper` when it was not set explicitly: the original code
        has no cap beyond its solution lists and rounds (math.inf).
        """
        if profile == "paper" and "max_attempts" not in self.model_fields_set:
            return math.inf
        return float(self.max_attempts)

    def round_budget(self, profile: str) -> int:
        """Problems repaired in a chain: `PAPER_MAX_ROUNDS` under `paper`, else `max_rounds`."""
        return PAPER_MAX_ROUNDS if profile == "paper" else self.max_rounds

    def screening(self, profile: str) -> bool:
        """Screen candidates first: under the default profile when `screen` is set."""
        return self.screen and profile != "paper"
