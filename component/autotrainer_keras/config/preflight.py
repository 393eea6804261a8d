"""`detection.preflight:` the set-up checks run before the first step (default profile only)."""

from __future__ import annotations

from pydantic import Field

from autotrainer_keras.config.base import Section


class PreflightThresholds(Section):
    """Pre-flight checks of the model, loss, optimizer and data (rules in `detect.preflight`)."""

    enabled: bool = Field(
        default=True,
        description="Run the pre-flight checks before training (default profile only; the paper "
        "profile never runs them)",
    )
    input_scale: float = Field(
        default=30.0,
        gt=0,
        description="Unscaled input: some input feature's root mean square is above this "
        "(raw pixels 0..255 are about 100; standardised data about 1)",
    )
    input_tiny: float = Field(
        default=0.01,
        gt=0,
        description="Tiny input: every input feature's root mean square, as the first weights "
        "see it (after a Rescaling first layer), is below this (pixels divided by 255 twice "
        "are at most 0.004; [0, 1] or standardised data 0.3 to 1)",
    )
    feature_spread: float = Field(
        default=1e3,
        gt=1,
        description="Unscaled input: the largest feature scale is at least this x the median "
        "feature scale (tabular columns of very different units)",
    )
    normalized_off: float = Field(
        default=10.0,
        gt=1,
        description="Unscaled input: after the model's first per-column Normalization some "
        "varying training column's standard deviation is at least this, or at most its "
        "inverse (adapted on the training features every column has about 1; adapted on the "
        "targets, practice batch 21's Friedman #2 columns were left at 1.2 to 0.0008)",
    )
    feature_spread_min_scale: float = Field(
        default=10.0,
        gt=0,
        description="Unscaled input: the spread rule needs the largest feature scale above this",
    )
    head_val_excess: float = Field(
        default=0.1,
        ge=0,
        description="Bounded regression head: with training targets inside the output "
        "activation's range, the validation targets leaving it by more than this fraction "
        "of the training targets' span fire too (a trending series min-max scaled on its "
        "training part reaches 1.3 in validation)",
    )
    skip_excess: float = Field(
        default=0.25,
        ge=0,
        le=1,
        description="Residual output (x + f or x - f) whose correction f ends in a bounded "
        "activation: fires when at least this share of the span of the corrections the "
        "targets need (targets minus inputs, 5th to 95th percentile) lies outside what f can "
        "add (a ReLU noise head under x - f removes noise of one sign only)",
    )
    skip_min_share: float = Field(
        default=0.1,
        ge=0,
        description="Residual output: the needed corrections' span must be at least this "
        "share of the targets' standard deviation to matter",
    )
    decay_per_step: float = Field(
        default=5e-3,
        gt=0,
        description="High penalty from the optimizer: its decoupled weight decay takes at "
        "least this share of every weight per step (weight_decay x the peak learning rate; "
        "Keras' AdamW default 0.004 x 1e-3 is 4e-6, recipes run 1e-6 to about 1e-3): the "
        "weights halve in at most 139 steps from the decay alone (AdamW(weight_decay=5.0) "
        "at 2e-3, a coupled L2 value read as a decoupled rate: accuracy 0.57 vs 0.72)",
    )
    val_recode_reference: float = Field(
        default=0.6,
        gt=0,
        le=1,
        description="Ids encoded another way for validation (tabular id columns): a part "
        "of the training rows and the rest must agree by at least this on each id's mean target "
        "(a correlation over ids: the ids matter and are read well; measure/recoded_levels.py)",
    )
    val_recode_positions: int = Field(
        default=2,
        ge=1,
        description="Ids encoded another way for validation, sequences of ids (each position "
        "read as a column): at least this many positions must show it, each with a part of "
        "the training rows and the rest agreeing by val_recode_sequence_reference or more "
        "(40 positions of generated texts give one spurious position with 5-8 ids at up "
        "to 0.90; practice batch 96's word index fitted again on the validation utterances: "
        "four positions at 0.92-0.98, agreement 0.05-0.41)",
    )
    val_recode_sequence_reference: float = Field(
        default=0.9,
        gt=0,
        le=1,
        description="... (see val_recode_positions)",
    )
    val_recode_drop: float = Field(
        default=0.35,
        gt=0,
        le=2,
        description="Ids encoded another way for validation: the training and validation "
        "rows agree on each id's mean target by at least this much less than a part of the "
        "training rows and the rest do (50 generated city ids encoded alike: -0.04 to 0.11 "
        "less; permuted or shifted by one: 0.7-1.2 less; practice batch 49's lookup adapted "
        "again on the validation rows: 0.57 less)",
    )
    val_distance: float = Field(
        default=10.0,
        gt=0,
        description="Validation shift: the validation inputs lie at least this many training "
        "standard deviations from the training mean (per feature, root mean square distance; "
        "the median over features; about 1 for rows drawn like the training rows): a "
        "transformation (a scaler, a /255) applied to the training part only",
    )
    val_feature_shift: float = Field(
        default=10.0,
        gt=0,
        description="Validation shift of one column: the median over validation rows of one "
        "feature's distance from its training mean is at least this many training standard "
        "deviations (about 0.7 for rows drawn like the training rows; the healthy scripts "
        "of the practice benchmark and the second zoo read at most 2.2 on their worst "
        "feature): columns in another order, or one column in other units, in the "
        "validation part only",
    )
    val_ks: float = Field(
        default=0.45,
        gt=0,
        le=1,
        description="Validation values distributed unlike the training values within their "
        "spread: their Kolmogorov-Smirnov distance (per feature, last axis, values pooled "
        "over positions; the median over features) is at least this (inverted validation "
        "bitmaps 0.77-0.88, pixels left unscaled 0.46-0.64, a level standardised per split "
        "0.93; healthy scripts of practice batches 60-92 at most 0.32: a domain-adaptation "
        "target domain, a permuted-pixel task)",
    )
    val_outside: float = Field(
        default=0.05,
        gt=0,
        le=1,
        description="Validation rows of one column prepared otherwise: at least this share "
        "of one feature's validation values (last axis, values pooled over positions) lie "
        "beyond the training values' range by more than its width (practice batch 97: one "
        "site's creatinine in umol/L in the validation part only, 0.26 of the values), "
        "while the features' distributions mostly agree (val_ks below its bound)",
    )
    val_outside_factor: float = Field(
        default=4.0,
        gt=1,
        description="... and at least this many times the share of the training rows' second "
        "half beyond their first half's widened range (what order gives: a trend)",
    )
    val_outside_columns: int = Field(
        default=2,
        ge=1,
        description="... in at most this many features (those with 1 % or more of their "
        "validation values that far out): one or two columns in other units, not a task "
        "moved on purpose (practice batch 71's permuted digits: 7 of 61 pixel columns)",
    )
    val_ks_factor: float = Field(
        default=4.0,
        gt=1,
        description="... and at least this many times the distance between the training "
        "rows' first and second half (what order gives: a drifting series split in time "
        "reads 0.5-0.8 against halves 0.6-0.9; sorted rows)",
    )
    val_ks_spread: float = Field(
        default=4.0,
        gt=0,
        description="... with the validation values at most this many training standard "
        "deviations from the training mean (val_distance's reading; about 1 for rows drawn "
        "like the training rows): a transformation within the training spread, not "
        "validation rows drawn from a wider range on purpose (practice batch 79's "
        "arithmetic units tested on inputs up to 10 x the training range: 8.5, and 0.81 "
        "from the training values; inverted bitmaps 2.6, bands reordered 1.8)",
    )
    label_column_train: float = Field(
        default=0.95,
        gt=0,
        le=1,
        description="Label leaked through a column, in training: a table column of codes (at "
        "most 20 values) whose values give the training rows' class at least this far from "
        "the commonest class's share to every row (0: no better than always guessing it; a "
        "column that is the label reads 1.0), while `label_column_val` says it does not "
        "give the validation rows' class",
    )
    label_column_val: float = Field(
        default=0.5,
        le=1,
        description="Label leaked through a column, in validation: mapped as in training, "
        "the column gives the validation rows' class at most this far (a discharge code "
        "that is the outcome in training and 0, not yet known, in validation: 1.0 and 0.0; "
        "plain training then scores the base rate, 0.66 against 0.78 without the column). A "
        "column that gives the class in both splits is a feature the model may use",
    )
    val_token_distance: float = Field(
        default=0.05,
        gt=0,
        le=1,
        description="Validation shift of token ids: over the training's most frequent ids "
        "(half its tokens; padding id 0 left out), the validation id frequencies differ from "
        "the training ones by at least this total variation distance. Moving every id by one "
        "moves about the commonest word's share (0.1-0.15 on Zipf-like texts, 0.151 on "
        "practice batch 11's topics); the healthy token data of the practice benchmark and "
        "the second zoo read 0.013-0.062",
    )
    val_unseen_excess: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="Validation shift of a string input (one value per row): the share of "
        "validation rows whose value no training row holds exceeds the same share for a part "
        "of the training rows by at least this (city names lower-cased in the validation "
        "export: 1.0 against 0; free text is unseen in both)",
    )
    target_broadcast: float = Field(
        default=1e-3,
        gt=0,
        description="Targets one axis short of a one-unit output, (n,) against (n, 1): the "
        "loss on the first training rows changes by at least this share when they are "
        "reshaped like the output (a loss of the user's own broadcasts them to (batch, "
        "batch); Keras's own losses give the same value to the last digit: 0; practice "
        "batch 17's hand-written RMSE: 0.09 at initialisation)",
    )
    sentinel_share: float = Field(
        default=0.02,
        gt=0,
        le=1,
        description="Sentinel-filled columns (tabular inputs): the repeated far-off value "
        "(-999 for a missing one) must fill at least this share of the sampled rows",
    )
    sentinel_spread: float = Field(
        default=0.01,
        gt=0,
        lt=0.1,
        description="Sentinel-filled columns: the other values' standard deviation is at most "
        "this fraction of their median's distance from the sentinel, so scaling the column "
        "as a whole squashes them (measure/sentinel_values.py; practice batch 17's "
        "fillna(-999) on standardised columns: 0.001; a flag or codes with fewer than 11 "
        "values are not judged)",
    )
    code_signal: float = Field(
        default=0.05,
        gt=0,
        le=1,
        description="Category codes read as magnitudes (tabular inputs): an integer column "
        "of 10 or more values whose levels explain at least this share of the targets' "
        "variance beyond chance (measure/code_columns.py; 50 generated city ids: 0.10-0.17 "
        "of a binary target, batch 47's 40 zip codes: 0.11 of log prices; below about 0.03 "
        "the roughness of a count's levels is noise)",
    )
    code_roughness: float = Field(
        default=0.5,
        gt=0,
        description="Category codes read as magnitudes: neighbouring values' targets differ "
        "by at least this share of what any two values' do (about 1 for ids whose order "
        "says nothing; at most 0.2 for ages, counts and hours measured on generated data), "
        "so a line through the column cannot carve the categories out",
    )
    ema_initial_share: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="An optimizer with use_ema whose moving average still holds at least this "
        "share of the initial weights at the end of the budget's steps (ema_momentum ** "
        "steps: Keras' average has no bias correction); validation through SwapEMAWeights "
        "and the model fit leaves behind read it (practice batch 19's 0.9999 over ~700 "
        "steps: 0.93; Keras' default 0.99 over 700 steps: 0.001)",
    )
    collapse_one_bin: float = Field(
        default=1.0,
        gt=0.5,
        le=1,
        description="A Discretization in the model that puts at least this share of the "
        "sampled training rows into one bin while its input takes several values: its bin "
        "boundaries are in other units than the input (years on a standardised age: every "
        "row in the first bin), so the feature is a constant (measure/collapsed_inputs.py; "
        "practice batch 19's boundaries in years after a StandardScaler: 1.0; bins that "
        "spread the values: 0.37)",
    )
    collapse_dropped: float = Field(
        default=0.2,
        gt=0,
        le=1,
        description="A CategoryEncoding (one_hot, multi_hot, count) in the model that "
        "encodes at least this share of the sampled training rows as all zeros: their codes "
        "are at or above its num_tokens (practice batch 19's num_tokens=10 on codes 0..39: "
        "0.77; codes that fit: 0)",
    )
    collapse_spread: float = Field(
        default=0.1,
        gt=0,
        lt=1,
        description="Collapsed input: a Normalization layer whose output features spread by "
        "at most this (standard deviation on the sampled training rows; adapted on its own "
        "input: about 1) was adapted on other data (practice batch 47's square feet scaled "
        "by the price column: 0.011 and 0.077)",
    )
    collapse_merged: float = Field(
        default=0.8,
        gt=0,
        lt=1,
        description="A Hashing layer in the model whose buckets keep at most this share of "
        "what its input's values tell about the targets (the values explaining at least "
        "code_signal of their variance): hash collisions merge categories whose targets "
        "differ (measure/merged_levels.py; practice batch 49's 50 cities in 64 bins: 0.73, "
        "in 2 bins: 0.001; batch 19's 120 merchants in 8 bins: 0.15, in a healthy 1024: "
        "0.94)",
    )
    unknown_tokens: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="A first StringLookup, IntegerLookup or TextVectorization that maps at "
        "least this share of the training tokens to its out-of-vocabulary id (padding left "
        "out): its vocabulary is too small or was adapted on other data (practice batch 14's "
        "max_tokens=6 on 20 letters: 0.72; healthy word vocabularies leave the rare words "
        "unknown, a few per cent)",
    )
    frozen_init_distance: float = Field(
        default=1.0,
        gt=0,
        description="A frozen layer whose main weight lies at most this x the 0.001-level "
        "critical Kolmogorov-Smirnov distance from a draw of its own initializer (and within "
        "frozen_init_spread of its spread) is still at its random initialisation "
        "(frozen_random, with frozen_init_spread and frozen_init_reach; a layer built in "
        "this process whose initializer gives its weights again is named without them; two "
        "draws: 0.4-0.8)",
    )
    frozen_init_spread: float = Field(
        default=0.1,
        gt=0,
        description="... and its standard deviation within this fraction of the draw's",
    )
    frozen_init_reach: float = Field(
        default=0.02,
        ge=0,
        description="... and its largest |value| at most this fraction above the draw's "
        "(training moves some weights past a uniform or truncated initializer's bound: batch "
        "23's conv backbone pretrained 10 epochs, frozen: 1.44 x, at KS 0.95 x the critical "
        "distance; two draws: within 0.01 %; an untruncated normal initializer's draws "
        "differ by more, and are then not named)",
    )
    label_pad_mirrored: float = Field(
        default=0.95,
        gt=0,
        le=1,
        description="Token rows padded with 0 at one end whose per-step labels are 0 on at "
        "least this share of as many positions at the other end are padded on the opposite "
        "side (label_mismatch, with label_pad_aligned; practice batch 25's tags padded 'pre' "
        "against words padded 'post': 1.0; aligned: 0.24, the short rows' own padding)",
    )
    label_pad_aligned: float = Field(
        default=0.8,
        ge=0,
        le=1,
        description="... and whose labels are 0 on at most this share of the padded "
        "positions themselves (aligned labels are padded there too: 1.0; batch 25's shifted "
        "tags: 0.24)",
    )
    label_pad_rows: int = Field(
        default=20,
        ge=1,
        description="Rows with padding at one end needed before label_pad_mirrored is read",
    )
    val_missing_rows: float = Field(
        default=5.0,
        ge=0,
        description="A training class absent from the validation split is named (label_mismatch) "
        "when a split by its training share would give it at least this many validation rows "
        "(a rarer class is absent by chance: practice batch 22's 15 species, one of them 1 % "
        "of the rows; the last class of a validation split coded by an encoder refitted on it "
        "would hold about 40)",
    )
    val_target_gap: float = Field(
        default=5.0,
        gt=0,
        description="Validation targets on another scale (continuous targets): the middle 98 % "
        "of the validation targets lie beyond the training targets' whole range by at least "
        "this many training standard deviations (practice batch 47's log price trained on, "
        "raw dollars validated: about 2e5)",
    )
    val_column_shift: float = Field(
        default=2.5,
        gt=1,
        description="Validation columns in another order (tabular inputs): the columns the "
        "least-distance assignment of validation to training columns moves must lie, on "
        "average, this many times the chance Kolmogorov-Smirnov distance from their own "
        "training column (measure/column_order.py; healthy practice and zoo data at most "
        "2.3, batch 13's reversed metadata 3.4)",
    )
    val_column_match: float = Field(
        default=2.5,
        gt=1,
        description="Validation columns in another order: ... and this many times closer to "
        "the training columns they are assigned to than to their own (healthy data at most "
        "1.8, columns of one distribution match each other by chance; batch 13's reversed "
        "metadata 4.7)",
    )
    val_token_noise_factor: float = Field(
        default=2.5,
        gt=1,
        description="Validation shift of token ids: the distance must also be this many times "
        "the same distance between two parts of the training rows (its sampling noise): "
        "0.6-1.4x on healthy token data, 3.5-8.4x on Zipf-like texts of 800 to 20,000 words "
        "with every id moved by one (10.9x on batch 11's topics)",
    )
    target_scale: float = Field(
        default=50.0,
        gt=0,
        description="Unscaled target: a regression loss on a linear output, and some target "
        "column's max(|mean|, std), in the units the output layer learns (after a final "
        "Rescaling layer), is at least this. Measured (benchmarks/target_scale.py, MLP, 30 "
        "epochs): at 50 Adam's validation MSE / variance is 1.6x (centred targets) to 8.6-10x "
        "(mean 4 std from 0) what standardised targets reach, and SGD(0.01) diverged at every "
        "std >= 25; Boston housing and Auto MPG prices (about 23), which train well raw, "
        "stay below",
    )
    target_scale_bounded: float = Field(
        default=10.0,
        gt=0,
        description="Unscaled target behind bounded features: `target_scale` when the output "
        "layer reads values in [-1, 1] (a tanh layer, an LSTM's or GRU's outputs) and an "
        "adaptive optimizer (not SGD) trains it: the output's reach then grows only with its "
        "own weights, by steps of the learning rate. Measured (benchmarks/target_scale.py "
        "--hidden tanh / lstm, Adam, seeds 0-1): validation MSE / variance 1.7-2.2x what "
        "standardised targets reach at std 10 (tanh), 2.8-4x at 20 (11x with an LSTM), "
        "1.1-1.3x at 3; the ReLU MLP 1.5x at 50. Practice batch 79's running sums (mean 45) "
        "through an LSTM: 200x the standardised error",
    )
    target_scale_small: float = Field(
        default=0.05,
        gt=0,
        description="Unscaled target, the small side: some varying target column's max(|mean|, "
        "std), as the output layer learns it, is at most this. Measured (benchmarks/"
        "target_scale.py --scales 0.1 0.03 0.01, seeds 0-1): validation MSE / variance with "
        "Adam 0.12 at std 0.1, 0.9-1.1 at 0.03 (no better than the mean), 8 at 0.01, against "
        "0.028 standardised; practice batch 30's oscillator in metres (std 0.023): 5x its "
        "standardised twin's error. No other practice target is below 0.1",
    )
    output_dominance: float = Field(
        default=100.0,
        gt=1,
        description="Unscaled target of one output of several: a linear regression output's "
        "loss at the start (its targets' mean scale^2 for MSE) times its loss weight is at "
        "least this many times another output's (a classifier's log(classes)), and at least "
        "a tenth of it without the weight. Practice batch 29's box in pixels beside a class "
        "head: ~160x, class accuracy 0.43-0.64 against 0.98 with boxes / 32; batch 28's load "
        "in kW: ~1e6x; batch 28's healthy load weight 10 on standardised targets: ~9x",
    )
    dropout_rate: float = Field(
        default=0.75,
        gt=0,
        le=1,
        description="High dropout: some Dropout-like layer's rate, or a recurrent layer's "
        "dropout or recurrent_dropout, is above this (Keras' rate is the share dropped; "
        "0.1-0.5 is usual, and TF1's keep_prob written as a rate gives 0.8-0.9)",
    )
    input_dropout_rate: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="High dropout: a Dropout-like layer the inputs pass through first drops "
        "at least this share of the input features (input dropout is usually 0.1-0.2: "
        "Srivastava et al. 2014; practice batch 26's 0.5 on a set's element features: 0.62 "
        "against 0.95, its 0.2 on point coordinates harmless)",
    )
    input_noise_share: float = Field(
        default=1.0,
        gt=0,
        description="High dropout: a GaussianNoise layer the inputs reach before any weights "
        "adds noise with a standard deviation of at least this share of the data's own "
        "(median over the features; noise augmentation is usually 0.05-0.3 of it: practice "
        "batch 36's 1.0 on pixels of sd 0.38, 0.92 against 1.00, batch 12's 1.0 on signals "
        "of sd 0.5; their 0.05 harmless)",
    )
    penalty_factor: float = Field(
        default=0.5,
        gt=0,
        description="High penalty: some layer's kernel, bias, activity or recurrent L1/L2 "
        "regularizer has a factor at or above this (usual: 1e-5 to 1e-2; Keras' L2() "
        "default is 0.01)",
    )
    cap_ratio: float = Field(
        default=0.1,
        gt=0,
        description="High penalty: some layer's MaxNorm / MinMaxNorm constraint caps its "
        "units' weight norms at this share of their initial median norm or less (recipes use "
        "MaxNorm(2) to MaxNorm(4), above the initial norms of 0.3-1.5; MaxNorm(0.001), a "
        "weight-decay value typed into the constraint, caps them at 1/700)",
    )
    class_weight_under: float = Field(
        default=3.0,
        gt=1,
        description="Under-weighted class: the sample or class weights give a minority class "
        "(under half the rows) less than its share of the rows divided by this (inverted "
        "balancing weights {0: n_neg / n_pos, 1: 1} on 3.5 % positives give it 1/25 of its "
        "share: AUC 0.65 against 0.90 balanced and 0.90 unweighted; the practice scripts' "
        "other inverted weights 1/4.7 and 1/8.3; their healthy weighted scripts at most "
        "1/1.04)",
    )
    class_weight_share: float = Field(
        default=0.9,
        gt=0.5,
        lt=1,
        description="Over-weighted class: the sample or class weights give one class at least "
        "this share of the training loss's total weight while it holds under half of this "
        "share of the rows (balanced weights give each of K classes 1/K; {0: 1, 1: 500} on 7 "
        "% positives gives 0.97)",
    )
    text_cut: float = Field(
        default=2.0,
        gt=1,
        description="Truncated text: the median text has at least this x the words a first "
        "TextVectorization layer's output_sequence_length keeps",
    )
    lr_factor: float = Field(
        default=100.0,
        gt=1,
        description="Learning rate out of range: at least this x, or at most 1/this x, the "
        "optimizer's Keras default",
    )
    clip_reach: float = Field(
        default=0.25,
        gt=0,
        description="Learning rate out of range: under plain SGD, the furthest a gradient "
        "clip (`clipvalue`, `clipnorm`, `global_clipnorm`) lets one weight move in the whole "
        "budget, updates x rate x cap / (1 - momentum), is below this (practice batch 36's "
        "clipvalue=1e-4 at 0.05 with momentum 0.9 over 1500 updates: 0.075, 0.68 against "
        "0.89; clipnorm=1 at 0.01 over 300 updates: 3)",
    )
    schedule_floor: float = Field(
        default=1e-3,
        gt=0,
        lt=1,
        description="Schedule ends early: a learning-rate schedule's rate counts as spent "
        "once it stays at or below this x its peak to the end of the budget",
    )
    schedule_spent_share: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="Schedule ends early: named when the schedule's rate is spent (see "
        "schedule_floor) within this share of the budget's steps (decay_steps given in "
        "epochs instead of steps: a few percent; a schedule over the whole budget: 0.98)",
    )
    schedule_mean_share: float = Field(
        default=0.05,
        gt=0,
        lt=1,
        description="Schedule too steep: named when the schedule's mean rate over the "
        "budget's steps is at most this share of its peak, though never spent (practice "
        "batch 46's InverseTimeDecay(decay_steps=1, decay_rate=0.5) meant per epoch: 0.015 "
        "over 820 steps; a cosine decay or one-cycle: about 0.5, a constant rate 1)",
    )
    min_steps: int = Field(
        default=50,
        ge=1,
        description="Small budget: fewer optimizer steps than this in the whole training",
    )
    sample_rows: int = Field(
        default=2000,
        ge=100,
        description="Input statistics (scales, the Normalization layer's mean and variance) "
        "are computed on at most this many training rows",
    )
    sample_entries: int = Field(
        default=8_388_608,
        ge=1_000,
        description="... and on at most this many input values (fewer rows of large images, at "
        "least 32; 2000 rows of 128 x 128 x 3 would be 98 million); the targets' mean and "
        "spread on rows within it too (their range and classes: on every row)",
    )
