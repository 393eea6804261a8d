"""The fact sheet the pre-flight checks judge: model, loss, optimizer and data, as plain numbers.

Extracted once per job from the data (`data_facts`, a sample of at most `sample_rows` rows) and
once per trained spec from the built Keras model (`model_facts`); the rules in
`detect.preflight` read only these records, so they are pure and testable without Keras.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import keras
import numpy as np

from autotrainer_keras.io.arrays import n_rows, one_output
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.baselines import class_indices
from autotrainer_keras.measure.class_balance import (
    CLASS_KINDS,
    ClassRows,
    WeightShare,
    class_rows,
    entry_shares,
    heaviest,
    lightest,
    weight_shares,
)
from autotrainer_keras.measure.code_columns import (
    CodeColumn,
    code_columns,
    kept_classes,
    target_matrix,
)
from autotrainer_keras.measure.collapsed_inputs import Collapse
from autotrainer_keras.measure.frozen_random import FrozenAtInit, frozen_at_init
from autotrainer_keras.measure.index_readers import VALUE_OPS, index_readers
from autotrainer_keras.measure.input_facts import UNREAD, branch_operations, input_fields
from autotrainer_keras.measure.input_order import input_order
from autotrainer_keras.measure.label_column import label_column
from autotrainer_keras.measure.label_facts import OutputShape, label_facts, minus_one_coded
from autotrainer_keras.measure.layer_graph import (
    DROPOUT_LAYERS,
    highest_dropout,
    highest_penalty,
    linear_stacks,
    one_unit_softmaxes,
    softmax_stacks,
    tightest_cap,
)
from autotrainer_keras.measure.layer_map import activation_name
from autotrainer_keras.measure.normalized_spread import NormalizedSpread
from autotrainer_keras.measure.output_end import (
    bounded_head_input,
    input_skip_output,
    off_axis_softmax,
    output_activation_known,
    output_dropout,
    output_end,
    rescaled_activation,
    skip_correction,
)
from autotrainer_keras.measure.own_first_layer import OwnFirstLayer
from autotrainer_keras.measure.padding_sides import PaddingSides, padding_sides
from autotrainer_keras.measure.recoded_levels import RecodedColumn, recoded_columns
from autotrainer_keras.measure.sample_rows import evenly_spaced, rows_within
from autotrainer_keras.measure.sentinel_values import SentinelColumn
from autotrainer_keras.measure.start_loss import StartLoss

TOKEN_LAYERS = frozenset(
    {"Embedding", "IntegerLookup", "StringLookup", "TextVectorization", "CategoryEncoding",
     "Hashing"}
)  # fmt: skip
"""Layers that read their inputs as ids (a token, a category), not as magnitudes."""


@dataclass(frozen=True)
class DataFacts:
    """What the training data says.

    Attributes:
        n_train: Training rows.
        row_rank: Dimensions of one input row (1: tabular features, 2+: sequences, images).
        max_scale: Largest root mean square of an input feature (last axis).
        median_scale: Median root mean square over the non-constant features.
        widest_feature: Index of the feature with `max_scale`.
        x_min, x_max: Range of the inputs.
        label_kind: binary (0/1), integer (classes 0..K-1 or any integers; per step of a
            sequence head too), onehot, multilabel (0/1 rows with several ones) or continuous.
        soft_rows: Continuous targets whose rows are distributions over 2 or more classes
            (`soft_class_rows`: vote shares, a teacher's probabilities, a policy's moves).
        label_columns: Columns of one label row (1 for a vector of labels; the steps for
            integer classes per step).
        n_classes: Distinct classes (0 for continuous labels).
        y_min, y_max: Range of the labels.
        missing_in_val: Training classes with no validation sample.
        missing_expected: For each of them, the validation rows a split by its training
            share would hold (share x validation rows; inf when the share is not read).
        unseen_in_train: Validation classes with no training sample.
        norm_axis: Axis a Normalization layer should use (-1 per feature, None one scalar).
        norm_mean, norm_variance: Its statistics on the training data (constant features get
            variance 1, so they stay finite on other data).
        y_mean, y_std: Mean and standard deviation of each target column (last axis; one
            for a vector of targets) over the training targets.
        text_words: (median, 95th percentile) of the whitespace-separated words per text of
            text inputs with one text per row ((0, 0) otherwise).
        text_input: The inputs are text (strings for a model that starts with a text
            layer): no magnitudes, so the input statistics above are empty.
        weight_rows, zero_weights, negative_weights: Training rows with a sample weight
            (0 when none are given), and how many of those weights are 0 or below 0.
        heaviest_class: (class, its share of the training rows, its share of the rows'
            total weight) of the class the sample or class weights weigh most, for one class
            label per row; () without weights.
        lightest_class: The same of the class whose share of the weight falls furthest
            below its share of the rows; () without weights.
        class_rows: (class, its share of the training rows) per class, for one class label
            per row (`measure.class_balance`); () otherwise.
        y_val_min, y_val_max: Range of the validation labels (NaN when there are none).
        y_val_low, y_val_high: Their 1st and 99th percentiles (NaN when there are none): the
            range all but a few outlying values keep to.
        minus_one_labels: The sampled training targets hold exactly -1, 0 and 1: -1 the
            usual code of a missing label (an assay not run) beside 0/1 classes.
        residual_low, residual_high: The 5th and 95th percentiles of the targets minus the
            inputs (sampled training rows) when one input array has the targets' shape (a
            denoiser's clean minus noisy images): the correction a residual output must add
            (`ModelFacts.skip_correction`); NaN otherwise.
        y_rank: Dimensions of the training targets (2 for a vector of values per row; more
            for a map or a sequence per row).
        val_distance: How far the validation inputs lie from the training inputs: per
            feature (last axis, varying in training) the root mean square distance of the
            validation values from the training mean, in training standard deviations; the
            median over features (about 1 for rows from the same distribution; 0 when not
            measured: text, no varying feature).
        val_feature_shift, val_shifted_feature: The largest per-feature median (over
            validation rows) distance from the training mean in training standard deviations,
            and that feature's index (-1 when not measured): one column prepared unlike its
            training twin (`measure.validation_distance`).
        val_ks, val_ks_halves: The median over features (last axis, values pooled over
            positions) of the Kolmogorov-Smirnov distance between the validation and the
            training values, and between the second and the first half of the training rows
            (what their order gives: drift, sorted rows; 0 when not measured): values
            transformed in one split within their training spread (bitmaps inverted).
        val_outside, val_outside_feature, val_outside_halves: The largest share over
            features of validation values beyond the training range by more than its width,
            that feature's index (-1 when not measured), and the largest such share of the
            training rows' second half against their first: some rows of one column in other
            units in the validation part only.
        val_outside_columns: The features with 1 % or more of their validation values that
            far out (`validation_distance.OUTSIDE_COUNTED`).
        val_token_distance, val_token_noise: For inputs of token ids, how far the
            validation ids' frequencies lie from the training ids' over the frequent ids, and
            that distance between two parts of the training rows (`measure.token_shift`;
            0 when not measured).
        val_unseen, val_unseen_noise: For string inputs of one value per row, the share of
            validation rows whose value no training row holds, and that share for a part of
            the training rows against the rest (`measure.unseen_values`; 0 when not measured).
        val_moved_columns, val_column_own, val_column_matched, val_column_chance: For tabular
            inputs, (validation column, training column) of the columns the least-distance
            assignment of validation to training columns moves, their mean distance to
            their own and to their assigned training column, and the distance chance gives
            (`measure.column_order`; empty and 0 when not measured or none moves).
        val_moved_inputs: For named inputs, (validation input, training input) of the inputs
            whose channels the least-distance assignment moves onto another input's (a
            validation list in another order); `val_column_own`, `val_column_matched` and
            `val_column_chance` then hold that assignment's distances (`measure.input_order`).
        label_column, label_column_train, label_column_val: For a table with one class
            label per row, the column of codes whose values give the class furthest beyond
            what they give on the validation rows, and how far each split's rows go from the
            commonest class's share to every row (`measure.label_column`; -1 and 0 when not
            measured).
        label_padding: Token rows padded with 0 at one end against their per-step labels
            (`measure.padding_sides`; rows 0 when not read: other inputs or labels).
        sentinel_columns: Tabular input columns filled in part with a far-off repeated value
            (a missing-value sentinel such as -999), most squashed first
            (`measure.sentinel_values`; empty when not measured or none).
        val_recoded: Integer tabular input columns whose ids the targets follow in the
            training rows, with how well the validation rows' ids agree
            (`measure.recoded_levels`: ids encoded another way for validation); empty when
            not measured or none.
        code_columns: Integer-valued tabular input columns that explain some of the targets,
            with how unlike neighbouring values' targets are (`measure.code_columns`:
            category codes read as magnitudes); empty when not measured or none.
        inputs: A model's named inputs (a dict of arrays), each with its own facts: its input
            fields, and the labels' as here; in the data's order. Empty for one input array;
            when set, the input fields above are not read (`input_facts.UNREAD`).
        misscaled: The job's model's Normalization layers whose outputs spread far off the
            unit scale on the training rows (never adapted, or adapted on other data), each
            with its input's statistics there (`collapsed_inputs.Collapse`, `squashed`);
            set by the job's set-up check from the model as given, for `adapt_normalization`.
        merged: The job's model's Hashing layers whose collisions merge categories the
            targets tell apart (`collapsed_inputs.Collapse`, `merged`, past `collapse_merged`
            and `code_signal`); set by the job's set-up check from the model as given, for
            `more_bins`.
    """

    n_train: int
    row_rank: int
    max_scale: float
    median_scale: float
    widest_feature: int
    x_min: float
    x_max: float
    label_kind: str
    label_columns: int
    n_classes: int
    y_min: float
    y_max: float
    missing_in_val: tuple[int, ...]
    unseen_in_train: tuple[int, ...]
    norm_axis: int | None
    norm_mean: tuple[float, ...]
    norm_variance: tuple[float, ...]
    y_mean: tuple[float, ...] = ()
    y_std: tuple[float, ...] = ()
    soft_rows: bool = False
    text_input: bool = False
    text_words: tuple[float, float] = (0.0, 0.0)
    weight_rows: int = 0
    zero_weights: int = 0
    negative_weights: int = 0
    heaviest_class: tuple[int, float, float] | tuple[()] = ()
    lightest_class: tuple[int, float, float] | tuple[()] = ()
    class_rows: ClassRows = ()
    missing_expected: tuple[float, ...] = ()
    y_val_min: float = math.nan
    y_val_max: float = math.nan
    y_val_low: float = math.nan
    y_val_high: float = math.nan
    residual_low: float = math.nan
    residual_high: float = math.nan
    y_rank: int = 2
    minus_one_labels: bool = False
    val_distance: float = 0.0
    val_feature_shift: float = 0.0
    val_shifted_feature: int = -1
    val_ks: float = 0.0
    val_ks_halves: float = 0.0
    val_outside: float = 0.0
    val_outside_feature: int = -1
    val_outside_halves: float = 0.0
    val_outside_columns: int = 0
    val_token_distance: float = 0.0
    val_token_noise: float = 0.0
    val_unseen: float = 0.0
    val_unseen_noise: float = 0.0
    val_moved_columns: tuple[tuple[int, int], ...] = ()
    label_column: int = -1
    label_column_train: float = 0.0
    label_column_val: float = 0.0
    val_column_own: float = 0.0
    val_column_matched: float = 0.0
    val_column_chance: float = 0.0
    val_moved_inputs: tuple[tuple[str, str], ...] = ()
    sentinel_columns: tuple[SentinelColumn, ...] = ()
    code_columns: tuple[CodeColumn, ...] = ()
    val_recoded: tuple[RecodedColumn, ...] = ()
    label_padding: PaddingSides = PaddingSides()
    inputs: tuple[tuple[str, DataFacts], ...] = ()
    misscaled: tuple[Collapse, ...] = ()
    merged: tuple[Collapse, ...] = ()


@dataclass(frozen=True)
class ModelFacts:
    """What the model and its training settings say.

    Attributes:
        loss: Keras loss name.
        output_units: Units of the output (last axis).
        output_activation: Activation that produces the output (`linear` when none).
        output_layer: Name of the layer that computes the output.
        normalizes_input: The first layer is a Normalization, Rescaling or
            BatchNormalization layer (`INPUT_SCALERS`), or the first past weightless layers
            that keep the values (noise, dropout, reshapes: `_first_scaler`).
        transforms_input: A weightless layer before the first weights changes the inputs'
            values in a way not read here (a Lambda, an Activation, a custom layer): the
            scale the first weights see is not the data's.
        softmax_stacks: (Dense or Activation layer with a softmax, the Dense it feeds)
            pairs: a hidden layer squashed onto a simplex (`layer_graph.softmax_stacks`).
        one_unit_softmaxes: Layers that apply a softmax over an axis of one unit (each
            always outputs 1; `layer_graph.one_unit_softmaxes`).
        index_readers: (lookup layer in `int` mode, the layer with a kernel that reads its
            indices as numbers, vocabulary size) (`measure.index_readers`).
        linear_stacks: (Dense or convolution layer without activation, the kernel layer it
            feeds) pairs: together one linear map (`layer_graph.linear_stacks`).
        optimizer: Lower-case Keras optimizer name.
        learning_rate: Its fixed learning rate (None: a schedule).
        default_learning_rate: Keras's default for that optimizer.
        epochs, batch_size: The training budget.
        standardizes_input: That first scaling layer is a Normalization layer.
        input_factor: Largest |scale| of that first Rescaling layer (1.0 without one): what the
            inputs are multiplied by before the first weights see them.
        input_offset: Largest |offset| of that Rescaling layer (0.0 without one).
        first_kernel_normalized: The first layer with weights (after any Rescaling) feeds a
            BatchNormalization layer directly, which undoes the scale of its outputs: the
            inputs' overall scale does not reach the rest of the network.
        output_activation_known: The output's activation is stated (a layer's `activation`,
            an Activation/Softmax/ReLU layer); False after a layer without one (a custom or
            pooling layer), whose output range `output_activation` ("linear") only guesses.
        from_logits: The loss reads the output as logits (`from_logits=True`); None when
            unknown (a custom loss object).
        token_input: The inputs are ids, not magnitudes: the first layer looks them up
            (`TOKEN_LAYERS`, e.g. Embedding); their scale says nothing about the set-up.
        output_factor, output_offset: Scale and offset of a final Rescaling layer (one value,
            or one per output column), which maps what the layers before it learn to the
            predictions; empty without one.
        rescaled_activation: The activation that final Rescaling layer maps (a sigmoid
            scaled to a rating range); "" without one.
        head_input_bounded: The layer whose values in [-1, 1] (a tanh, an LSTM's outputs)
            the output layer reads (`bounded_head_input`); "" when unbounded or unknown.
        output_skip: The layer that adds a model input to the output (`input_skip_output`:
            a residual denoiser's `x - noise(x)`); "" when none does.
        skip_correction: (layer, activation, sign) of the correction such an output adds
            to its input (`skip_correction`: sign -1 for `x - f`); () when unknown.
        trainable_params, frozen_params: Values in the model's trainable weights and in its
            other weights (frozen layers, BatchNormalization statistics); -1 when unknown.
        frozen_layers: The model's own layers that hold weights, none of them trainable.
        max_dropout: The highest dropout rate of the model's own Dropout-like layers and
            recurrent layers (0.0 without dropout); `dropout_layer` holds it.
        input_dropout: The rate of a Dropout-like layer the inputs pass through first (0.0
            without one); `input_dropout_layer` is that layer.
        input_noise: The standard deviation, in the data's own units, of a GaussianNoise
            layer the inputs reach before any layer with weights (through shape, dropout and
            pooling layers and Rescaling, whose factor it undoes); 0.0 without one;
            `input_noise_layer` is that layer.
        accumulation_steps: Batches per optimizer update (the optimizer's
            `gradient_accumulation_steps`; 1 without accumulation).
        step_reach, step_cap: Under plain SGD with a gradient clip, the furthest one weight
            can move in the budget and the clip (`measure.step_reach`); None otherwise.
        fit_steps: The budget's training steps as a running `fit` gives them (a callback's
            `params`: epochs x steps), which the data's rows cannot tell (probe rows, a
            dataset); None: epochs x the batches of the training rows.
        max_penalty: The highest L1/L2 factor of the model's own layers' regularizers (0.0
            without any); `penalty_layer` holds it.
        cap_ratio: Of the model's own layers' MaxNorm / MinMaxNorm constraints, the lowest
            max_value / the median norm of the units it caps, at the given (initial) weights
            (inf without one); `cap_value`, `cap_norm` and `cap_layer` are that
            constraint's max_value, the units' median norm and its layer.
        normalized: The training columns' spreads after the model's first per-column
            Normalization (`measure.normalized_spread`; None without one, or unread).
        own_first: The user's own layer the inputs reach first with weights and the scale
            of its outputs on the first training rows (`measure.own_first_layer`; None when
            that layer is Keras', the model has several inputs, or it was not read).
        frozen_at_init: Frozen layers' main weights against a draw of their own initializer
            (`measure.frozen_random`): a frozen layer still at its random initialisation.
        rate_spent_share: The share of the budget's steps after which the learning-rate
            schedule's rate stays negligible (`measure.rate_profile.collapse_share`); None
            for a fixed rate or a schedule that lasts (set by the job, which knows the
            steps per epoch).
        schedule_peak: The schedule's highest rate over the budget (None: a fixed rate, or
            a schedule that cannot be read); judged like a fixed rate.
        rate_mean_share: The schedule's mean rate over the budget's steps as a share of
            its peak (`measure.rate_profile`; None: a fixed rate or unread).
        weight_decay, decay_per_step: The optimizer's decoupled weight decay, and the share
            of each weight it takes per step at the schedule's peak rate (`weight_decay` x
            rate: `measure.weight_decay`); 0 without weight decay.
        monitor_mismatches: The caller's callbacks whose `mode` is the opposite of what
            their `monitor` needs, as (class, monitor, mode) (set by the job, which has the
            callbacks: `engine.callback_modes`).
        softmax_axis: (axis, rank of the output) of a Softmax layer at the output that
            normalises over another axis than the last, the classes' (None: no such layer).
        text_length: The `output_sequence_length` of a first TextVectorization layer that
            splits on whitespace into token ids (0: none, or no fixed length).
        scalar_normalization: The first layer is a Normalization over no axis: one mean and
            variance for every feature, so columns of different units keep their ratio.
        unknown_tokens: The share of the training tokens a first StringLookup, IntegerLookup
            or TextVectorization maps to its out-of-vocabulary id (`lookup_coverage`; 0: no
            such layer, or not read).
        output_dropout: (name, rate) of a dropout layer after the layer that computes the
            output (None: none there).
        own_loss: The training's loss is the user's own (a function or `Loss` class of
            theirs): `loss` then names only the task inferred for it, and the loss may not
            read the targets at all (a triplet loss on dummy targets).
        ema_momentum: The optimizer's `ema_momentum` when it keeps a moving average of the
            weights (`use_ema`; 0: none).
        ema_initial_share: The share of the initial weights left in that average after the
            budget's steps, ema_momentum ** steps (0: no average, or not known).
        collapses: The readings of the model's Discretization, CategoryEncoding and Hashing
            layers on the first training rows (`measure.collapsed_inputs`; empty: none, or
            not read).
        target_broadcast: How much the loss on a few training rows changes when targets one
            axis short of the output, (n,) against (n, 1), are reshaped like it
            (`target_broadcast.broadcast_gap`; 0: the same, or not that shape).
        start_loss: The loss row by row on the first training rows at the initial weights
            (`measure.start_loss`: rows whose loss is NaN/Inf; None: not read).
        loss_class_weights: The class weights a Keras focal loss applies
            (`measure.loss_weights`; (): none, or another loss).
        label_smoothing: The compiled cross-entropy's `label_smoothing` (0: none; `True`
            is read as 1.0).
    """

    loss: str
    output_units: int
    output_activation: str
    output_layer: str
    normalizes_input: bool
    transforms_input: bool
    linear_stacks: tuple[tuple[str, str], ...]
    optimizer: str
    learning_rate: float | None
    default_learning_rate: float
    epochs: int
    batch_size: int
    standardizes_input: bool = False
    input_factor: float = 1.0
    input_offset: float = 0.0
    first_kernel_normalized: bool = False
    output_activation_known: bool = True
    from_logits: bool | None = None
    token_input: bool = False
    output_factor: tuple[float, ...] = ()
    rescaled_activation: str = ""
    head_input_bounded: str = ""
    output_skip: str = ""
    skip_correction: tuple[str, str, int] | tuple[()] = ()
    output_offset: tuple[float, ...] = ()
    trainable_params: int = -1
    frozen_params: int = -1
    frozen_layers: tuple[str, ...] = ()
    max_dropout: float = 0.0
    dropout_layer: str = ""
    input_dropout: float = 0.0
    input_dropout_layer: str = ""
    input_noise: float = 0.0
    input_noise_layer: str = ""
    accumulation_steps: int = 1
    step_reach: float | None = None
    step_cap: float | None = None
    fit_steps: int | None = None
    max_penalty: float = 0.0
    penalty_layer: str = ""
    cap_ratio: float = math.inf
    cap_value: float = 0.0
    cap_norm: float = 0.0
    cap_layer: str = ""
    normalized: NormalizedSpread | None = None
    own_first: OwnFirstLayer | None = None
    frozen_at_init: tuple[FrozenAtInit, ...] = ()
    rate_spent_share: float | None = None
    schedule_peak: float | None = None
    rate_mean_share: float | None = None
    weight_decay: float = 0.0
    decay_per_step: float = 0.0
    softmax_stacks: tuple[tuple[str, str], ...] = ()
    one_unit_softmaxes: tuple[str, ...] = ()
    index_readers: tuple[tuple[str, str, int], ...] = ()
    monitor_mismatches: tuple[tuple[str, str, str], ...] = ()
    softmax_axis: tuple[int, int] | None = None
    text_length: int = 0
    unknown_tokens: float = 0.0
    scalar_normalization: bool = False
    output_dropout: tuple[str, float] | None = None
    target_broadcast: float = 0.0
    start_loss: StartLoss | None = None
    loss_class_weights: tuple[float, ...] = ()
    label_smoothing: float = 0.0
    own_loss: bool = False
    collapses: tuple[Collapse, ...] = ()
    ema_momentum: float = 0.0
    ema_initial_share: float = 0.0


@dataclass(frozen=True)
class SetupFacts:
    """One fact sheet: the model's and the data's facts together."""

    model: ModelFacts
    data: DataFacts
    inputs: tuple[tuple[str, SetupFacts], ...] = ()
    """A model's named inputs (`DataFacts.inputs`), each with its own sheet: its data, and
    the model's facts read on the layers its values pass through (`input_side`)."""

    @property
    def total_steps(self) -> int:
        """Training steps (batches) of the whole training budget."""
        if self.model.fit_steps is not None:
            return self.model.fit_steps
        return self.model.epochs * math.ceil(self.data.n_train / self.model.batch_size)

    @property
    def total_updates(self) -> int:
        """Optimizer updates of the whole training budget: one every
        `accumulation_steps` batches."""
        return self.total_steps // max(1, self.model.accumulation_steps)


def _column_stats(y: np.ndarray) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """(mean, standard deviation) of each target column (the last axis)."""
    columns = y.reshape(-1, y.shape[-1]) if y.ndim > 1 else y.reshape(-1, 1)
    if not columns.size:
        return (), ()
    mean, std = columns.mean(axis=0), columns.std(axis=0)
    return tuple(float(v) for v in mean), tuple(float(v) for v in std)


def data_facts(
    data: Dataset,
    sample_rows: int = 2000,
    output_shape: OutputShape | None = None,
    sample_entries: int | None = None,
    column_gate: float = 0.0,
) -> DataFacts:
    """The data's facts; the inputs' on at most `sample_rows` training rows, evenly spaced,
    and fewer when those rows would hold more than `sample_entries` values (None: no such
    bound); the targets' mean and spread on rows within `sample_entries` too, their range and
    classes on every row. One input array or a dict of named ones (`DataFacts.inputs`), and
    one target array (a multi-output model: one call per output); `output_shape`: the
    model's, which tells integer classes per step of a sequence head (`label_facts`) from
    continuous targets; `column_gate`: `input_fields`'."""
    assert isinstance(data.y_train, np.ndarray) and isinstance(data.y_val, np.ndarray)
    kind, columns, train_classes = label_facts(data.y_train, output_shape)
    if isinstance(data.x_train, dict):  # a dict of inputs: each read on its own (`inputs`)
        inputs = tuple(
            (name, {**input_fields(x, _named_val(data.x_val, name), sample_rows,
                                   sample_entries, column_gate),
                    **_label_column(data, kind, x, _named_val(data.x_val, name), sample_rows),
                    **_code_columns(data, kind, x, _named_val(data.x_val, name), sample_entries)})
            for name, x in data.x_train.items()
        )
        fields = UNREAD
    else:
        inputs = ()
        fields = {**input_fields(data.x_train, data.x_val, sample_rows, sample_entries,
                                 column_gate),
                  **_label_column(data, kind, data.x_train, data.x_val, sample_rows),
                  **_code_columns(data, kind, data.x_train, data.x_val, sample_entries)}
    _, _, val_classes = (label_facts(data.y_val, output_shape) if kind != "continuous"
                         else ("", 0, None))  # fmt: skip
    if kind == "continuous" or val_classes is None:
        missing: tuple[int, ...] = ()
        unseen: tuple[int, ...] = ()
        expected: tuple[float, ...] = ()
        n_classes = 0
    else:
        train_set, val_set = set(train_classes.tolist()), set(val_classes.tolist())
        missing = tuple(sorted(train_set - val_set)) if len(val_classes) else ()
        unseen = tuple(sorted(val_set - train_set))
        shares = dict(class_rows(kind, data.y_train))
        val_rows = n_rows(data.y_val)
        if not shares and kind in ("binary", "integer"):
            # several labels a row (pointer pairs, tags per step): each label's share of the
            # entries, against the validation entries (practice batch 64's span end at
            # position 28: 5 of 6,000 training entries, so 1.3 of 1,600 expected, not inf)
            shares, val_rows = entry_shares(data.y_train), int(np.asarray(data.y_val).size)
        expected = tuple(shares.get(c, math.inf) * val_rows for c in missing)
        n_classes = columns if kind in ("onehot", "multilabel") else len(train_set | val_set)
    y, y_val = np.asarray(data.y_train), np.asarray(data.y_val)
    weights = one_output(data.sample_weight)
    weighted = class_weight_shares(kind, data.y_train, weights, data.class_weight)
    sampled = np.asarray(evenly_spaced(y, rows_within(y, len(y), sample_entries)), np.float64)
    y_mean, y_std = _column_stats(sampled)
    residual = _residual_range(data.x_train, y, sample_entries)
    facts = DataFacts(
        n_train=data.n_train,
        label_kind=kind,
        label_columns=columns,
        n_classes=n_classes,
        y_min=float(np.min(y)) if y.size else 0.0,
        y_max=float(np.max(y)) if y.size else 0.0,
        missing_in_val=missing,
        missing_expected=expected,
        unseen_in_train=unseen,
        y_mean=y_mean,
        y_std=y_std,
        soft_rows=kind == "continuous" and soft_class_rows(sampled),
        y_val_min=float(np.min(y_val)) if y_val.size else math.nan,
        y_val_max=float(np.max(y_val)) if y_val.size else math.nan,
        y_val_low=float(np.percentile(y_val.astype(np.float64), 1)) if y_val.size else math.nan,
        y_val_high=(float(np.percentile(y_val.astype(np.float64), 99)) if y_val.size
                    else math.nan),  # fmt: skip
        y_rank=max(2, y.ndim),
        residual_low=residual[0],
        residual_high=residual[1],
        minus_one_labels=minus_one_coded(sampled),
        **fields,
        **_weight_counts(weights),
        heaviest_class=heaviest(weighted),
        lightest_class=lightest(weighted),
        class_rows=class_rows(kind, data.y_train),
        label_padding=_label_padding(data, kind, columns, sample_rows),
    )
    if not inputs:
        return facts
    named = tuple((name, replace(facts, **own)) for name, own in inputs)
    facts = replace(facts, inputs=named)
    order = input_order(data.x_train, data.x_val, column_gate)
    if not order.moved:
        return facts
    return replace(facts, val_moved_inputs=order.moved, val_column_own=order.order.own,
                   val_column_matched=order.order.matched, val_column_chance=order.order.chance)


RESIDUAL_SHARES = (5.0, 95.0)
"""Percentiles of the targets minus the inputs read as the correction's range."""


def _residual_range(x: object, y: np.ndarray, sample_entries: int | None
                    ) -> tuple[float, float]:  # fmt: skip
    """(`residual_low`, `residual_high`): the targets minus the inputs on evenly spaced
    training rows, when `x` is one numeric array of the targets' shape; NaNs otherwise."""
    if not isinstance(x, np.ndarray) or x.shape != y.shape or not y.size:
        return math.nan, math.nan
    if not (np.issubdtype(x.dtype, np.number) and np.issubdtype(y.dtype, np.number)):
        return math.nan, math.nan
    rows = rows_within(y, len(y), sample_entries)
    residual = (np.asarray(evenly_spaced(y, rows), np.float64)
                - np.asarray(evenly_spaced(x, rows), np.float64))  # fmt: skip
    if not np.isfinite(residual).any():
        return math.nan, math.nan
    low, high = np.nanpercentile(residual[np.isfinite(residual)], RESIDUAL_SHARES)
    return float(low), float(high)


def _label_column(
    data: Dataset, kind: str, x: object, x_val: object, sample_rows: int
) -> dict[str, Any]:
    """The label-column fields of one input table (`measure.label_column`), for one class
    label per row; unmeasured otherwise."""
    if kind not in CLASS_KINDS or not isinstance(x, np.ndarray):
        return {}
    assert isinstance(data.y_train, np.ndarray)
    read = label_column(x, x_val, data.y_train, data.y_val, sample_rows)
    return {"label_column": read.column, "label_column_train": read.train_gain,
            "label_column_val": read.val_gain}  # fmt: skip


CODE_ROWS = 20_000
"""Training rows the code columns are read on at most (evenly spaced): a column of 1000
product ids needs a few rows per id."""
CODE_ENTRIES = 1_000_000
"""Values the code columns are read on at most (fewer rows of a wider table)."""
CODE_MAX_COLUMNS = 128
"""Wider inputs are not read for codes: a flattened image, a bag of words or a long token
sequence is no table of categories (784 uint8 pixel columns cost 11 s to read)."""


def _code_columns(data: Dataset, kind: str, x: object, x_val: object,
                  sample_entries: int | None) -> dict[str, Any]:  # fmt: skip
    """The `code_columns` and `val_recoded` fields of one input table, read against the
    targets of the same rows; unmeasured for other inputs or targets per step or pixel."""
    if not isinstance(x, np.ndarray) or x.ndim != 2 or x.dtype.kind not in "fiub":
        return {}
    if x.shape[1] > CODE_MAX_COLUMNS:
        return {}
    assert isinstance(data.y_train, np.ndarray) and isinstance(data.y_val, np.ndarray)
    classes = kept_classes(data.y_train) if kind in ("binary", "integer") else None
    targets = target_matrix(data.y_train, kind, classes)
    if targets is None or len(targets) != len(x):
        return {}
    entries = CODE_ENTRIES if sample_entries is None else min(sample_entries, CODE_ENTRIES)
    rows = rows_within(x, CODE_ROWS, entries)
    x_rows, t_rows = evenly_spaced(x, rows), evenly_spaced(targets, rows)
    fields: dict[str, Any] = {"code_columns": code_columns(x_rows, t_rows)}
    val_targets = target_matrix(data.y_val, kind, classes) if len(data.y_val) else None
    if (isinstance(x_val, np.ndarray) and x_val.ndim == 2 and x_val.dtype.kind in "fiub"
            and val_targets is not None and val_targets.shape[1:] == targets.shape[1:]):
        val_rows = rows_within(x_val, CODE_ROWS, entries)
        fields["val_recoded"] = recoded_columns(x_rows, t_rows, evenly_spaced(x_val, val_rows),
                                                evenly_spaced(val_targets, val_rows))  # fmt: skip
    return fields


def _label_padding(data: Dataset, kind: str, columns: int, sample_rows: int) -> PaddingSides:
    """`padding_sides` of token rows and their integer labels per step, on at most
    `sample_rows` training rows evenly spaced; nothing for other inputs or labels."""
    x, y = data.x_train, data.y_train
    if kind != "integer" or columns < 2 or not isinstance(x, np.ndarray) or x.ndim != 2:
        return PaddingSides()
    assert isinstance(y, np.ndarray)
    return padding_sides(evenly_spaced(x, sample_rows), evenly_spaced(y, sample_rows))


def _named_val(x_val: object, name: str) -> object:
    return x_val.get(name) if isinstance(x_val, dict) else None


def _weight_counts(weights: np.ndarray | None) -> dict[str, Any]:
    """`DataFacts`' sample-weight counts (all 0 without weights)."""
    if weights is None:
        return {}
    w = np.asarray(weights, np.float64).reshape(-1)
    return {"weight_rows": int(w.size), "zero_weights": int(np.sum(w == 0)),
            "negative_weights": int(np.sum(w < 0))}  # fmt: skip


def soft_class_rows(y: np.ndarray) -> bool:
    """Targets of one row per sample that are distributions over 2 or more classes (soft
    labels: vote shares, a teacher's probabilities): in [0, 1], each row summing to 1."""
    if y.ndim != 2 or y.shape[1] < 2 or y.dtype.kind != "f" or not len(y):
        return False
    rows = y.astype(np.float64)
    return bool(np.all((rows >= 0) & (rows <= 1)) and np.allclose(rows.sum(axis=1), 1.0,
                                                                    atol=1e-3))  # fmt: skip


def class_weight_shares(
    kind: str,
    y: np.ndarray,
    sample_weight: np.ndarray | None,
    class_weight: dict[int, float] | None,
) -> tuple[WeightShare, ...]:
    """Each class's (class, share of the rows, share of the total weight), for class labels
    (`kind` binary, integer or onehot; soft rows, `soft_class_rows`, by their likeliest
    class) with one label per row; () when there are no weights or no such labels, or the
    weights sum to 0."""
    if sample_weight is None:
        return weight_shares(class_rows(kind, y), class_weight) if class_weight else ()
    if kind == "continuous" and soft_class_rows(y):
        kind = "onehot"  # each row's likeliest class (practice batch 53's crowd votes)
    if kind not in CLASS_KINDS or y.ndim > 2 or (y.ndim == 2 and kind != "onehot"
                                                  and y.shape[1] != 1):  # fmt: skip
        return ()  # a label per step or per pixel: row weights do not align
    labels = class_indices(y)
    w = np.asarray(sample_weight, np.float64).reshape(-1)
    if len(w) != len(labels) or not np.isfinite(w).all() or w.sum() <= 0:
        return ()
    classes, index = np.unique(labels, return_inverse=True)
    weights, rows = np.bincount(index, weights=w), np.bincount(index)
    return tuple((int(c), float(n / len(labels)), float(v / w.sum()))
                 for c, n, v in zip(classes, rows, weights, strict=True))  # fmt: skip


def _reads_ids(layer: keras.layers.Layer) -> bool:
    """A token layer; a nested model whose first layer reads ids; a wrapper of either (a
    `TimeDistributed` word encoder applied to each sentence of a document, practice batch
    99: its id tensors had been read as unscaled magnitudes); or a custom layer holding a
    token layer as an attribute (keras-io's token-and-position embedding wraps its
    `Embedding` layers so)."""
    if type(layer).__name__ in TOKEN_LAYERS:
        return True
    if isinstance(layer, keras.Model):
        return token_input(layer)
    if isinstance(layer, keras.layers.Wrapper):
        return _reads_ids(layer.layer)
    held = [value for value in vars(layer).values() if isinstance(value, keras.layers.Layer)]
    return any(type(value).__name__ in TOKEN_LAYERS for value in held)


def token_input(model: keras.Model) -> bool:
    """True when the model's first layer reads its inputs as ids (an Embedding, a lookup,
    directly or inside a nested model or custom layer). An integer-typed input alone does
    not count: raw uint8 pixels are magnitudes."""
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    return bool(layers) and _reads_ids(layers[0])


def _rescaling(layer: keras.layers.Layer | None) -> tuple[float, float]:
    """(largest |scale|, largest |offset|) of a Rescaling layer; (1, 0) for any other."""
    if not isinstance(layer, keras.layers.Rescaling):
        return 1.0, 0.0
    scale = np.abs(np.asarray(layer.scale, dtype=np.float64))
    offset = np.abs(np.asarray(layer.offset, dtype=np.float64))
    return float(scale.max()), float(offset.max())


def _values(value: object) -> tuple[float, ...]:
    return tuple(float(v) for v in np.ravel(np.asarray(value, dtype=np.float64)))


def _final_rescaling(
    layers: list[keras.layers.Layer],
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """(scale, offset) of a final Rescaling layer as value tuples; ((), ()) without one."""
    if not layers or not isinstance(layers[-1], keras.layers.Rescaling):
        return (), ()
    return _values(layers[-1].scale), _values(layers[-1].offset)


SCALE_FREE_ACTIVATIONS = frozenset({"linear", "relu", "gelu", "elu", "selu", "silu", "swish",
                                    "leaky_relu"})  # fmt: skip
"""Activations that pass large values on large (no bound to saturate at): a BatchNormalization
after one still standardises what the first layer made of unscaled inputs."""


def _first_kernel_normalized(layers: list[keras.layers.Layer]) -> bool:
    """True when the first layer with a kernel is read by a BatchNormalization layer next in
    order (one call each: the normalisation reads that layer's output itself), maybe through
    Activation layers of `SCALE_FREE_ACTIVATIONS` (a ConvMixer's stem: Conv2D, GELU,
    BatchNorm; practice batch 85's on 0..255 pixels trained as on 0..1)."""
    for index, layer in enumerate(layers[:-1]):
        if getattr(layer, "kernel", None) is None:
            continue
        source = layer
        for after in layers[index + 1:]:
            try:
                reads = after.input is source.output
            except (AttributeError, ValueError):  # a layer called several times: no one output
                return False
            if not reads:
                return False
            if isinstance(after, keras.layers.BatchNormalization):
                return True
            scale_free = isinstance(after, keras.layers.Activation | keras.layers.ReLU) and (
                activation_name(after) in SCALE_FREE_ACTIVATIONS
                and getattr(after, "max_value", None) is None)  # fmt: skip
            if not scale_free:
                return False
            source = after
        return False
    return False


VALUE_PRESERVING = (
    keras.layers.Flatten, keras.layers.Reshape, keras.layers.Permute, keras.layers.RepeatVector,
    keras.layers.Dropout, keras.layers.SpatialDropout1D, keras.layers.SpatialDropout2D,
    keras.layers.SpatialDropout3D, keras.layers.GaussianNoise, keras.layers.GaussianDropout,
    keras.layers.AlphaDropout, keras.layers.Masking, keras.layers.Cropping1D,
    keras.layers.Cropping2D, keras.layers.Cropping3D, keras.layers.ZeroPadding1D,
    keras.layers.ZeroPadding2D, keras.layers.ZeroPadding3D, keras.layers.MaxPooling1D,
    keras.layers.MaxPooling2D, keras.layers.MaxPooling3D, keras.layers.AveragePooling1D,
    keras.layers.AveragePooling2D, keras.layers.AveragePooling3D, keras.layers.Normalization,
    keras.layers.Rescaling, keras.layers.GlobalAveragePooling1D,
    keras.layers.GlobalAveragePooling2D, keras.layers.GlobalMaxPooling1D,
    keras.layers.GlobalMaxPooling2D, keras.layers.UpSampling1D,
    keras.layers.UpSampling2D, keras.layers.UpSampling3D, keras.layers.Resizing,
    keras.layers.CenterCrop, keras.layers.RandomCrop, keras.layers.RandomFlip,
    keras.layers.RandomRotation, keras.layers.RandomZoom, keras.layers.RandomTranslation,
    keras.layers.RandomContrast, keras.layers.RandomBrightness,
)  # fmt: skip
"""Weightless layers whose outputs keep the inputs' scale: shapes, noise, pooling, resizing
and image augmentation (or set it knowingly: the two scaling layers are read by
`normalizes_input` and `_rescaling`)."""


INPUT_SCALERS = (keras.layers.Normalization, keras.layers.Rescaling,
                 keras.layers.BatchNormalization)  # fmt: skip
"""First layers that put the inputs on a scale of their own: a BatchNormalization first
standardises each feature over the batch (practice batch 14's raw mixed-unit columns train
as well as behind a scaler: 0.752 vs 0.760); a LayerNormalization does not (it standardises
each row over its features, where the largest unit dominates)."""


def _leading(
    layers: list[keras.layers.Layer],
) -> tuple[list[keras.layers.Layer], keras.layers.Layer | None]:
    """The weightless layers the inputs pass first while their values are kept
    (`VALUE_PRESERVING`; input layers passed by), and the layer that ends that run (None
    when none does): the one walk `first_weighted`, `_transforms_input`, `_first_scaler` and
    `_input_noise` each read their answer from."""
    kept: list[keras.layers.Layer] = []
    for layer in layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        if layer.weights or not isinstance(layer, VALUE_PRESERVING):
            return kept, layer
        kept.append(layer)
    return kept, None


def first_weighted(layers: list[keras.layers.Layer]) -> keras.layers.Layer | None:
    """The first of `layers` with weights, reached through weightless layers that keep the
    values (`VALUE_PRESERVING`; input layers passed by); None when another layer comes
    first or none has weights."""
    _, stop = _leading(layers)
    return stop if stop is not None and stop.weights else None


def _transforms_input(layers: list[keras.layers.Layer]) -> bool:
    """Whether a weightless layer before the first one with weights maps the values in a way
    not read here (`ModelFacts.transforms_input`)."""
    _, stop = _leading(layers)
    return stop is not None and not stop.weights


def model_facts(
    model: keras.Model,
    *,
    loss: str,
    optimizer: str,
    learning_rate: float | None,
    default_learning_rate: float,
    epochs: int,
    batch_size: int,
    from_logits: bool | None = None,
) -> ModelFacts:
    """The facts of a built Keras model and its training settings (`from_logits`: of the
    loss, None when unknown)."""
    activation, layer = output_end(model)
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    output_factor, output_offset = _final_rescaling(layers)
    dropout, dropout_layer = highest_dropout(model)
    penalty, penalty_layer = highest_penalty(model)
    cap_ratio, cap_value, cap_norm, cap_layer = tightest_cap(model)
    return ModelFacts(
        loss=loss,
        output_units=int(model.output_shape[-1] or 1),
        output_activation=activation,
        output_layer=layer,
        linear_stacks=linear_stacks(model),
        softmax_stacks=softmax_stacks(model),
        one_unit_softmaxes=one_unit_softmaxes(model),
        index_readers=index_readers(model),
        optimizer=optimizer.lower(),
        learning_rate=learning_rate,
        default_learning_rate=default_learning_rate,
        epochs=epochs,
        batch_size=batch_size,
        output_activation_known=output_activation_known(model),
        **_input_side(layers),
        from_logits=from_logits,
        output_factor=output_factor,
        rescaled_activation=rescaled_activation(layers),
        head_input_bounded=bounded_head_input(model),
        output_skip=input_skip_output(model),
        skip_correction=skip_correction(model) or (),
        output_offset=output_offset,
        trainable_params=_values_in(model.trainable_weights),
        frozen_params=_values_in(model.non_trainable_weights),
        frozen_layers=tuple(
            layer.name for layer in layers if layer.weights and not layer.trainable_weights
        ),
        max_dropout=dropout,
        dropout_layer=dropout_layer,
        max_penalty=penalty,
        penalty_layer=penalty_layer,
        cap_ratio=cap_ratio,
        cap_value=cap_value,
        cap_norm=cap_norm,
        cap_layer=cap_layer,
        softmax_axis=off_axis_softmax(model),
        output_dropout=output_dropout(model),
        frozen_at_init=frozen_at_init(model) if model.non_trainable_weights else (),
    )


def _input_side(layers: list[keras.layers.Layer]) -> dict[str, Any]:
    """`ModelFacts`' fields on how the inputs reach the first weights, read on `layers` (the
    model's own, or those a named input passes through)."""
    first = layers[0] if layers else None
    scaler = _first_scaler(layers)
    factor, offset = _rescaling(scaler)
    return {
        "normalizes_input": scaler is not None,
        "scalar_normalization": isinstance(scaler, keras.layers.Normalization)
        and not tuple(scaler.axis or ()),
        "transforms_input": _transforms_input(layers),
        "standardizes_input": isinstance(scaler, keras.layers.Normalization),
        "input_factor": factor,
        "input_offset": offset,
        "first_kernel_normalized": _first_kernel_normalized(layers),
        "token_input": first is not None and _reads_ids(first),
        "text_length": _text_length(first),
        "input_dropout": float(first.rate) if isinstance(first, DROPOUT_LAYERS) else 0.0,
        "input_dropout_layer": first.name if isinstance(first, DROPOUT_LAYERS) else "",
        **_input_noise(layers),
    }


def _first_scaler(layers: list[keras.layers.Layer]) -> keras.layers.Layer | None:
    """The scaling layer (`INPUT_SCALERS`) the inputs reach before any weights, through
    weightless layers that keep their values (`VALUE_PRESERVING`: practice batch 60's
    GaussianNoise put before the Normalization, harmless), or None."""
    kept, stop = _leading(layers)
    return next((layer for layer in [*kept, stop] if isinstance(layer, INPUT_SCALERS)), None)


def _input_noise(layers: list[keras.layers.Layer]) -> dict[str, Any]:
    """`ModelFacts.input_noise` and `input_noise_layer`: the largest GaussianNoise the inputs
    reach through weightless layers that keep their values (`VALUE_PRESERVING`) or rescale
    them (its stddev divided by the Rescaling factors before it: in the data's units)."""
    factor, noise, where = 1.0, 0.0, ""
    for layer in _leading(layers)[0]:
        if isinstance(layer, keras.layers.Rescaling):
            factor *= _rescaling(layer)[0]
        elif (isinstance(layer, keras.layers.GaussianNoise) and factor > 0
              and float(layer.stddev) / factor > noise):  # fmt: skip
            noise, where = float(layer.stddev) / factor, layer.name
    return {"input_noise": noise, "input_noise_layer": where}


def _text_length(layer: keras.layers.Layer | None) -> int:
    """A whitespace-splitting, id-emitting TextVectorization's fixed sequence length, or 0."""
    if not isinstance(layer, keras.layers.TextVectorization):
        return 0
    config = layer.get_config()
    if config.get("split") != "whitespace" or config.get("output_mode") != "int":
        return 0
    return int(config.get("output_sequence_length") or 0)


def input_side(model: keras.Model, name: str) -> dict[str, Any]:
    """`ModelFacts`' input fields for the named input `name` of a multi-input model, read on
    the layers its values pass through (`branch_layers`); a Concatenate that joins it to
    other inputs keeps its values, so the layer after it stands first."""
    branch = branch_operations(model, name)
    layers = [op for op in branch if isinstance(op, keras.layers.Layer)
              and not isinstance(op, keras.layers.Concatenate)]  # fmt: skip
    side = _input_side(layers)
    if not branch or _op_before_weights(branch):  # no input layer of that name (a dict key
        side["transforms_input"] = True  # Keras maps otherwise), or values an op maps: unknown
    return side


def _op_before_weights(branch: list[Any]) -> bool:
    """An operation other than `VALUE_OPS` (an `ops.log1p`, a division) comes before the
    first layer with weights on the branch: the values the weights see are not the input's."""
    for op in branch:
        if isinstance(op, keras.layers.Layer):
            if op.weights and not isinstance(op, keras.layers.Normalization):
                return False
        elif type(op).__name__ not in VALUE_OPS:
            return True
    return False


def _values_in(weights: list[keras.Variable]) -> int:
    return int(sum(math.prod(w.shape) for w in weights))
