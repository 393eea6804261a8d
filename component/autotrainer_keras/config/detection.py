"""`detection:` which rules judge the measurements, with every threshold in one place."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from autotrainer_keras.config.base import Section
from autotrainer_keras.config.preflight import PreflightThresholds

Profile = Literal["default", "paper"]
PROFILES: tuple[str, ...] = ("default", "paper")


class PaperThresholds(Section):
    """The AutoTrainer paper's thresholds (spec section 2), as its public code uses them."""

    check_period_epochs: int = Field(default=3, ge=1, description="A check every N epochs")
    beta_1: float = Field(default=1e-3, gt=0, description="VG: grad_ratio below this")
    beta_2: float = Field(default=1e-4, gt=0, description="VG: first-kernel grad norm below this")
    beta_3: float = Field(default=70.0, gt=0, description="EG: grad_ratio above this")
    gamma: float = Field(default=0.7, gt=0, le=1, description="DR: zero-gradient fraction")
    zeta: float = Field(default=0.03, gt=0, description="OL: local max - paired local min")
    eta: float = Field(default=0.2, gt=0, description="OL: oscillations per epoch so far")
    delta: float = Field(default=0.01, gt=0, description="SC: largest one-epoch accuracy rise")
    theta: float = Field(default=0.7, gt=0, le=1, description="Target accuracy: the gate")
    judgment_point: float = Field(default=0.3, ge=0, le=1, description="Fraction of the budget")
    nan_loss: float = Field(default=1e5, gt=0, description="EG: val loss at least this")


class DefaultThresholds(Section):
    """Thresholds of the improved `default` profile (rules in `autotrainer_keras.detect.default`).

    Losses are judged in units of `baseline_loss`, the validation loss of the best constant
    predictor ("learned nothing"), so one set of values fits classification and regression.
    Progress p = 1 - best loss / baseline_loss: 0 = learned nothing, 1 = perfect.
    """

    # Shared signals.
    smooth_steps: int = Field(
        default=5, ge=1, description="Step losses are smoothed by a rolling median of this many"
    )
    rate_window_epochs: float = Field(
        default=1.0,
        gt=0,
        description="Recent progress rate: step-loss slope over this many epochs (the last "
        "epoch's validation-loss change counts too; the better of the two is used)",
    )
    min_rate_steps: int = Field(
        default=16, ge=4, description="Fewest steps in the rate window before the rate is trusted"
    )
    # Stall and harm: the gate of the ratio and dead-unit rules and of slow convergence.
    stall_epochs: int = Field(
        default=3,
        ge=1,
        description="Stall: the best validation loss (the training loss without validation) "
        "of the last this many epochs beats the best before them by less than stall_min_delta",
    )
    stall_min_delta: float = Field(
        default=0.02,
        ge=0,
        description="Stall: the gain of the best loss over stall_epochs epochs is below this x "
        "the loss scale (baseline_loss; for losses that may be <= 0, max(|reference|, 1))",
    )
    stall_accuracy_gain: float = Field(
        default=0.1,
        gt=0,
        lt=1,
        description="Stall: a model whose best validation accuracy of the last stall_epochs "
        "epochs beats the best before them by at least this fraction of (1 - majority-class "
        "accuracy) is learning, however flat its loss (the loss of a noisy task lags its "
        "accuracy: 0.52 -> 0.68 at an unchanged loss on the second zoo's mlp_noisy)",
    )
    stall_rate: float = Field(
        default=0.01,
        gt=0,
        description="Stall: the recent progress rate (loss scale per epoch) is below this",
    )
    harm_progress: float = Field(
        default=0.1,
        gt=0,
        lt=1,
        description="Harm: a stalled model has made less than this progress over the constant "
        "predictor (1 - best / baseline_loss)",
    )
    chance_margin: float = Field(
        default=0.1,
        gt=0,
        lt=1,
        description="Harm: the latest validation accuracy lies within this fraction of "
        "(1 - majority-class accuracy) of the majority-class accuracy (a metric near chance) "
        "while the recent rate is small",
    )
    persist_checks: int = Field(
        default=2,
        ge=1,
        description="A symptom must be seen on this many consecutive checks before a finding "
        "(hard evidence, NaN/Inf or a measured explosion, fires at once)",
    )
    # A loss that falls without bound.
    ub_fall: float = Field(
        default=100.0,
        gt=1,
        description="Unbounded loss: the smoothed training loss is below 0 and has fallen this "
        "many loss scales below the reference loss (max(|reference|, 1) for a reference <= "
        "0), still making new lows (a negated pinball loss: -2.5, -14, -47, -120 in its "
        "first four epochs; a cosine similarity falls 1 at most, a Gaussian NLL a few)",
    )
    # Exploding gradient.
    eg_loss_growth: float = Field(
        default=10.0,
        gt=1,
        description="EG: smoothed loss peaks, since the last check, at this x the reference "
        "loss, or stays all that time above the reference and at this x its minimum (losses "
        "that may be <= 0: a rise of (this - 1) x the loss scale)",
    )
    eg_spike_over_baseline: float = Field(
        default=2.0,
        gt=1,
        description="EG: on a start already eg_loss_growth x below the constant predictor's "
        "loss (pretrained weights, a continued training), a peak at eg_loss_growth x the "
        "start counts only at this x the constant predictor's loss or more (practice batch "
        "38: fine-tuning at batch 4 with BatchNormalization in training mode spiked from "
        "0.11 to 2.06 against 1.60 and went on to 0.98 accuracy); a loss that stays up is "
        "read against its minimum",
    )
    eg_spike_recovered: float = Field(
        default=0.75,
        gt=0,
        le=1,
        description="EG: a spike from a trained start (as eg_spike_over_baseline) whose "
        "smoothed loss is back below this x the constant predictor's loss at the check is no "
        "divergence at any height: the model still holds what it learned (practice batch 41: "
        "a curriculum's second fit on digits 0-4 then 5-9 unshuffled, each epoch's new classes "
        "spiking the loss from 0.087 to 6.9, 1.46 at the check against 2.30, then 0.968); a "
        "blow-up that kills the units returns to about the constant predictor's, and one "
        "that stays up is read against its minimum",
    )
    eg_lost_share: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="EG from a trained start (`history.initial_loss` eg_loss_growth x below "
        "the constant predictor's): the smoothed loss must stay, since the previous check, "
        "at eg_loss_growth x that start and at this x the constant predictor's loss or more "
        "(what was learned is mostly gone: practice batch 41's recompile with Adam(0.1) sat "
        "at 1.74 against 2.30). The start is read in inference mode and the training loss "
        "runs in training mode (dropout): a trained CNN fine-tuned on reads 0.002 at its "
        "start and 0.022 in training, 11x, yet nothing is lost",
    )
    eg_reference_steps: int = Field(
        default=5,
        ge=1,
        description="EG: the reference loss is the median of the first this many step losses "
        "(one minibatch's loss is too noisy a reference)",
    )
    eg_grad_growth: float = Field(
        default=1e3,
        gt=1,
        description="EG: total gradient norm at least this x the first check's, loss not improved",
    )
    beta_3: float = Field(
        default=70.0,
        gt=0,
        description="EG: grad_ratio above this under the stall-and-harm gate (paper value)",
    )
    # Dying ReLU.
    dr_dead_layer: float = Field(
        default=1.0,
        gt=0,
        le=1,
        description="DR: a ReLU layer with this fraction of dead units fires at once",
    )
    dr_large_update: float = Field(
        default=1e-2,
        gt=0,
        description="DR, repair order only (never a finding): a median per-step "
        "update-to-weight ratio at or above this when the units died says the steps were "
        "too large (dev-half SGD momentum 0.99 runs: 1.7e-2 and 3.9e-2 at their findings; "
        "healthy runs of the same bases 6e-4 to 4.3e-3; units killed by their "
        "initialisation: about 0), so the step-size repairs come first",
    )
    gamma: float = Field(
        default=0.7,
        gt=0,
        le=1,
        description="DR: a ReLU layer with this fraction of dead units fires under the "
        "stall-and-harm gate",
    )
    # Vanishing gradient.
    beta_1: float = Field(
        default=1e-3,
        gt=0,
        description="VG: grad_ratio below this under the stall-and-harm gate (paper value)",
    )
    vg_update_ratio: float = Field(
        default=0.01,
        gt=0,
        lt=1,
        description="VG: the first kernel layer's per-step update ratio is below this x the "
        "output layer's (the first layers barely move); when both are measured, a gradient "
        "ratio below beta_1 whose first layers move as fast as the last (an adaptive optimizer "
        "scales their steps, or one small kernel such as attention's query) is no vanishing "
        "gradient",
    )
    # A layer cut off from the loss's gradient (no_gradient).
    zero_grad_ratio: float = Field(
        default=1e-6,
        gt=0,
        lt=1,
        description="no_gradient: a trainable layer outside the ReLU family whose gradient "
        "norm is at most this x the check's largest, at two checks in a row, while a layer "
        "nearer the input gets zero_grad_flow x or more (the gradient passes by it: no "
        "vanishing gradient); batch 26's softmax over an axis of size 1: 1e-8",
    )
    zero_grad_flow: float = Field(
        default=1e-3,
        gt=0,
        lt=1,
        description="no_gradient: ... the gradient norm of a layer nearer the input, as a "
        "share of the check's largest",
    )
    # Layers the training step does not update although the loss has a gradient for them.
    still_grad_share: float = Field(
        default=1e-3,
        gt=0,
        lt=1,
        description="no_gradient (not updated): a layer whose weights did not change at all "
        "between two checks, at two checks in a row, counts only while its gradient norm on "
        "the loss is at least this share of the check's largest (a layer with a gradient "
        "that the training step leaves out: a custom train_step applying gradients to "
        "trainable_variables[-2:]; practice batch 34: 0.705 against 0.859)",
    )
    still_moving: float = Field(
        default=1e-6,
        gt=0,
        lt=1,
        description="no_gradient (not updated): ... while another layer moves at least this "
        "x its weights' norm per step at both checks (the optimizer steps, by more than "
        "float32 rounding could hide: a layer of large weights under a tiny learning rate "
        "can round every step away); gradient accumulation and skipped mixed-precision "
        "steps hold every layer still together, which this leaves out",
    )
    collapse_rms: float = Field(
        default=1e-6,
        gt=0,
        description="Collapsed weights (high_penalty seen in training): a layer whose "
        "weights' root mean square is at most this at two checks in a row, having been "
        "collapse_fall x larger at an earlier one, was pulled to zero (initial weights are "
        "about 0.01-0.1; practice batch 27's L2(0.01) factor Embeddings: 5e-5 at epoch 0, "
        "5e-9 at epoch 1, 1e-15 at epoch 2, 3e-34 from epoch 5)",
    )
    collapse_fall: float = Field(
        default=1e3,
        gt=1,
        description="Collapsed weights: how many times larger the layer's root mean square "
        "was at an earlier check (a layer that starts at zero and stays there never fell)",
    )
    # Slow convergence.
    sc_progress: float = Field(
        default=0.1,
        gt=0,
        lt=1,
        description="SC: best progress below this counts as 'learned nothing yet'",
    )
    sc_min_budget: float = Field(
        default=0.1,
        ge=0,
        le=1,
        description="SC: fraction of the epoch budget trained before SC may fire when the "
        "steps are evidently too small (median update ratio < sc_small_update)",
    )
    sc_frozen_progress: float = Field(
        default=0.5,
        gt=0,
        lt=1,
        description="SC with steps evidently too small (median update ratio < sc_small_update): "
        "a loss stalled with no new best since the first two epochs is slow below this "
        "progress too (a rate schedule that decays every step, Adadelta at Keras' 0.001: the "
        "first epoch, or the initialisation, already took the loss below the constant "
        "predictor's)",
    )
    sc_ceiling_signal: float = Field(
        default=0.03,
        ge=0,
        lt=1,
        description="SC at the data's ceiling: off-the-shelf models (logistic or linear "
        "regression and gradient-boosted trees, `measure.reference_fit`) fitted on the same "
        "rows get at least this far below the constant predictor on held-out rows, so the "
        "inputs carry some signal (labels shuffled apart from their inputs read -0.03 to "
        "0.013 on 3000 held-out rows of a 7 % event: slow convergence still names those), "
        "...",
    )
    sc_ceiling_share: float = Field(
        default=0.75,
        gt=0,
        le=1,
        description="... and the network's progress is at least this share of theirs: "
        "below sc_progress, the network is about as far along as the data lets a model get "
        "(a churn hazard of 6 % a month: the network 0.088, logistic regression 0.109), "
        "not slow. Read only when a slow-convergence finding is due, on tables under "
        "cross-entropy or squared error",
    )
    sc_small_update: float = Field(
        default=1e-4,
        gt=0,
        description="SC: a median per-step update-to-weight ratio below this means the steps "
        "are too small to learn (a healthy ratio is about 1e-3)",
    )
    sc_patient_budget: float = Field(
        default=0.3,
        ge=0,
        le=1,
        description="SC: fraction of the budget trained before SC may fire when the steps are "
        "of a healthy size (a slow start that then speeds up is not slow convergence)",
    )
    sc_min_fall: float = Field(
        default=0.02,
        gt=0,
        description="SC with healthy steps: not fired while the validation loss still falls "
        "by at least this fraction of its level per epoch (robust slope): a budget too short "
        "is not a slow optimizer",
    )
    sc_memorised_fall: float = Field(
        default=0.005,
        gt=0,
        description="SC's 'training rows memorised' reading (validation loss and accuracy "
        "near the constant predictor's while the training loss falls): not while the "
        "validation loss is at its best and still falls by at least this fraction of its "
        "level per epoch (robust slope): a slow start of learning, not memorising (practice "
        "batch 81: 0.701 -> 0.683 in four epochs, a new best each, then 0.580; memorising "
        "models' validation losses rose, or fell by 0.25 % per epoch or less)",
    )
    sc_fall_epochs: int = Field(
        default=5,
        ge=3,
        description="SC: the last this many epochs' validation losses give that slope (with "
        "fewer than 3, the recent step-loss rate does)",
    )
    sc_own_loss_progress: float = Field(
        default=0.015,
        ge=0,
        description="SC with healthy steps on a loss of the user's own without an accuracy "
        "(no constant predictor's loss; progress from the start loss): a loss this far below "
        "the start is not called stuck, since its floor is unknown (a Cox partial "
        "likelihood's or a density's lies far above 0)",
    )
    sc_pace_factor: float = Field(
        default=3.0,
        gt=0,
        description="SC with healthy steps: a model past the constant predictor whose best "
        "loss, at its pace over the last stall_epochs epochs, ends the budget at least this "
        "x sc_progress of the way is neither stalled nor crawling (a loss whose floor is far "
        "above 0, such as a density's, falls by a small share of its level while it learns)",
    )
    # Oscillating loss.
    ol_blocks_per_epoch: int = Field(
        default=4, ge=1, description="OL: the loss curve is the mean loss of blocks of steps"
    )
    ol_window_blocks: int = Field(default=12, ge=3, description="OL: the most recent blocks judged")
    ol_min_blocks: int = Field(default=8, ge=3, description="OL: fewest blocks before OL may fire")
    ol_amplitude: float = Field(
        default=0.1,
        gt=0,
        description="OL: median change of the detrended curve (blocks or epochs) at least "
        "this x the learned range (see ol_min_range)",
    )
    ol_dominance: float = Field(
        default=2.0, gt=0, description="OL: median change at least this x the trend per point"
    )
    ol_noise: float = Field(
        default=2.0,
        gt=0,
        description="OL: median swing at least this x the swing that step-to-step noise alone "
        "gives (sqrt(2) x the standard error of a block mean)",
    )
    ol_repeat_correlation: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="OL: consecutive epochs whose step-loss patterns (each epoch minus its own "
        "line) correlate this much on average replay one batch order (Keras' shuffle under "
        "set_random_seed); each step position's mean level is then taken out before the block "
        "view. Measured: 1.000 seeded, 0.07-0.28 reshuffled (practice benchmark, diabetes MLP)",
    )
    ol_min_epochs: int = Field(
        default=6, ge=3, description="OL: fewest epochs before the per-epoch loss curve is judged"
    )
    ol_window_epochs: int = Field(
        default=10, ge=3, description="OL: the most recent epochs of the per-epoch loss curve"
    )
    ol_min_range: float = Field(
        default=0.4,
        gt=0,
        le=1,
        description="OL: swings are judged against the learned range (baseline_loss - best "
        "validation loss), at least this x the loss scale",
    )
    ol_harm_epochs: int = Field(
        default=4,
        ge=0,
        description="OL harm gate: no new best validation loss and no new best validation "
        "accuracy (by any margin) for this many epochs (a cyclic or warm-restart schedule "
        "that still makes new bests is not harmed by its swings)",
    )
    # Set-up problems seen in training (AutoTrainer 2024 extension).
    ad_input_scale: float = Field(
        default=10.0,
        gt=0,
        description="Abnormal data: some input feature of the probe batch has a root mean "
        "square above this (standardised data about 1, raw pixels about 100)",
    )
    ad_activation_scale: float = Field(
        default=30.0,
        gt=0,
        description="Abnormal data: a hidden layer's outputs on the probe batch have a root "
        "mean square above this (about 1 on standardised data)",
    )
    ad_stuck_fraction: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="Abnormal data: at least this fraction of a bounded (sigmoid, tanh) hidden "
        "layer's units sit at one bound for every probe sample",
    )
    io_saturated: float = Field(
        default=0.9,
        gt=0,
        le=1,
        description="Improper output: at least this fraction of the sigmoid/softmax outputs on "
        "the probe batch are pinned at 0 or 1 while the model has learned nothing",
    )
    io_constant: float = Field(
        default=1e-6,
        ge=0,
        description="Improper output: every output unit varies by at most this over the probe "
        "batch (the same output for every input) while the last hidden layer varies by at "
        "least 1000 x this (the output layer discards what it receives)",
    )
    stall_collapse: float = Field(
        default=0.05,
        gt=0,
        lt=1,
        description="Set-up stall: the predictions' spread over the probe batch is below this "
        "x the labels' spread (collapsed to the constant predictor) while the steps are healthy",
    )
    stall_correlation: float = Field(
        default=0.2,
        gt=0,
        lt=1,
        description="Set-up stall: predictions whose correlation with the labels over the probe "
        "batch reaches this order the inputs like the labels, however small their spread: the "
        "model is learning (a slow start), not given nothing to learn. About 3 standard errors "
        "of a zero correlation over the 256 probe rows; measured on the second zoo's dev half: "
        "0.28-0.45 on runs leaving a plateau slowly, -0.06-0.04 on a stalled deep sigmoid LSTM",
    )
    cut_while_falling: float = Field(
        default=0.03,
        gt=0,
        lt=1,
        description="`Watch`: training ended by another callback (EarlyStopping) right after a "
        "new best validation loss, at least this share below the best before it, with the "
        "validation loss falling by at least this share of its level per epoch over its "
        "last epochs: the callback's monitor or min_delta does not see the gain (practice "
        "batch 17: EarlyStopping on val_accuracy of a regression, min_delta 0.05 on a loss "
        "of 0.06); an EarlyStopping on the validation loss with no min_delta stops only "
        "after epochs without a new best",
    )
    few_steps_min_fall: float = Field(
        default=0.005,
        gt=0,
        lt=1,
        description="`Watch`: a training of fewer optimizer steps in all than "
        "preflight.min_steps whose validation loss (training loss without validation data) "
        "still falls by at least this share of its level per epoch over its last epochs "
        "is named small_budget at its end (practice batch 18: steps_per_epoch 3 on a repeated "
        "dataset, 36 steps, 1.4 %/epoch at the end; the job's more_epochs reads a loss "
        "still falling at the same 0.5 %)",
    )
    few_steps_max_progress: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="`Watch`, few steps still falling: only while the best loss is less than "
        "this share of the way below the constant predictor's (the batch-18 fault: 0.15); a "
        "model that learned most of the task in few steps is not short of them",
    )
    few_steps_tiny: float = Field(
        default=0.25,
        gt=0,
        le=1,
        description="`Watch`, few steps: a training of at most this share of "
        "preflight.min_steps optimizer steps in all is judged over any number of epochs, "
        "its loss trend unread, when its best loss is less than half few_steps_max_progress "
        "of the way below the constant predictor's (practice batches 48 and 50: one epoch "
        "of 8 steps at batch 256, validation accuracy 0.25-0.39 against 0.98)",
    )
    few_steps_min_epochs: int = Field(
        default=5,
        ge=1,
        description="`Watch`, few steps still falling: only over at least this many epochs, "
        "each then a few steps (the batch-18 fault: 12 epochs of 3 steps; a quick fit of 2-3 "
        "epochs of 15 steps is a choice, not a pipeline bug)",
    )
    at_chance_min_epochs: int = Field(
        default=3,
        ge=1,
        description="Slow convergence judged at the end of a whole budget spent at chance: "
        "only over at least this many epochs (practice batch 18's masked event code: 6 "
        "epochs; a fit(epochs=1) called in a loop ends a budget at every epoch, often near "
        "chance at first)",
    )
    stall_spread_growth: float = Field(
        default=1.3,
        gt=1,
        description="Set-up stall: predictions whose spread over the probe batch grew by this "
        "factor or more over the last two epochs are leaving a plateau (symmetry breaking), "
        "not collapsed: practice batch 17's LSTM on a 60-step marker sat at chance for six "
        "epochs with its spread growing 1.5-2.0 x per two epochs before reaching 1.0; the "
        "SimpleRNN that never learns it grew 1.15 x",
    )
    im_patient_budget: float = Field(
        default=0.7,
        ge=0,
        le=1,
        description="Inference mismatch: fraction of the budget trained before it may fire "
        "(BatchNormalization's moving statistics lag early in every run and catch up at a "
        "pace set by the steps: the practice benchmark's healthy cnn_batchnorm, momentum 0.99, "
        "45 steps an epoch, is at chance in inference mode until epoch 8-9 of 15)",
    )
    im_learned: float = Field(
        default=0.5,
        gt=0,
        lt=1,
        description="Inference mismatch: the probe loss with training-mode layers has made at "
        "least this progress over the constant predictor (1 - loss / baseline_loss)",
    )
    im_unlearned: float = Field(
        default=0.2,
        gt=0,
        lt=1,
        description="Inference mismatch: the probe loss with inference-mode layers, on the same "
        "rows, and the validation loss (when logged) have made less than this progress",
    )
    ol_alternation: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="OL: fraction of consecutive changes that flip sign, at least this",
    )
    unlike_chance_share: float = Field(
        default=0.5,
        gt=0,
        lt=1,
        description="Validation unlike training (label_mismatch in training): the validation "
        "accuracy stays at or below this share of random guessing's (1 / classes) while the "
        "training accuracy is far above it. Rows drawn like the training rows cannot score "
        "far below guessing once the model fits them (an overfitted model falls towards "
        "chance, not below it); validation rows of classes the training never saw (a "
        "validation_split of class-sorted rows) score about 0",
    )
    unlike_gap: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="Validation unlike training: the training accuracy exceeds the validation "
        "accuracy by at least this",
    )
    unlike_epochs: int = Field(
        default=2,
        ge=1,
        description="Validation unlike training: on this many consecutive epoch ends",
    )
    label_map_agreement: float = Field(
        default=0.8,
        gt=0,
        le=1,
        description="Validation labels encoded differently (the job, after a finding read on "
        "the validation curves): at least this share of the validation rows is predicted as "
        "one fixed other class of their label (class 0 as 3, 3 as 1, ...: a LabelEncoder or "
        "class list fitted separately; practice batch 48's class names sorted for the "
        "validation set only: accuracy 0.16, rows on the map 0.9+)",
    )
    label_map_gap: float = Field(
        default=0.3,
        gt=0,
        le=1,
        description="Validation labels encoded differently: the rows on the map exceed the "
        "validation accuracy by at least this share of the rows",
    )
    single_class_gap: float = Field(
        default=0.1,
        gt=0,
        le=1,
        description="Single-class training labels (`Watch`: every probe row one class): the "
        "validation accuracy lies at least this far below a training accuracy of 0.99 or "
        "more on unlike_epochs consecutive epoch ends (labels re-encoded wrongly, y == 2 for "
        "y == 1: validation accuracy 0.37)",
    )


class DetectionConfig(Section):
    """Detection profile and thresholds."""

    profile: Profile = "default"
    stop_on_detection: bool = Field(
        default=True, description="Stop training at the first detection (repair takes over)"
    )
    paper: PaperThresholds = PaperThresholds()
    default: DefaultThresholds = DefaultThresholds()
    preflight: PreflightThresholds = PreflightThresholds()
