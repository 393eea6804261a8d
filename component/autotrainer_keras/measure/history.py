"""What the monitor measured during one training run: framework-free records.

Monitors (the Keras adapter) fill a `TrainingHistory`; detectors read it and never touch the
model. Everything here is plain Python and numbers, so detector tests can script it.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Task(StrEnum):
    """What the model's loss asks of it; decides which metric rules read."""

    BINARY = "binary"
    MULTICLASS = "multiclass"
    REGRESSION = "regression"
    MULTI_OUTPUT = "multi_output"
    """Several outputs: the rules read the total loss; accuracies are per output."""

    @property
    def has_accuracy(self) -> bool:
        return self not in (Task.REGRESSION, Task.MULTI_OUTPUT)


@dataclass
class LayerStats:
    """Statistics of one trainable layer at one check.

    Gradient values are means over the optimizer steps since the previous check when the
    record's source is "steps", or the values on the fixed probe batch when it is "probe".

    Attributes:
        layer: Layer name.
        kind: Layer class name (Dense, Conv2D, LSTM, ...).
        grad_norm: L2 norm of the gradient of all the layer's trainable weights.
        kernel_grad_norm: L2 norm of the gradient of the layer's main kernel (None if none).
        zero_grad_fraction: Fraction of the layer's gradient entries that are exactly 0.
        weight_norm: L2 norm of all the layer's trainable weights.
        update_ratio: ||weights after step - before|| / ||weights before||, or None if unknown.
        dead_fraction: For ReLU-family activations, the fraction of units that output 0 for
            every sample of the probe batch; None for other layers.
        activation: The activation's name when the layer has one (relu, tanh, ...).
        n_params: Number of trainable scalars.
        gradless_params: Trainable scalars of the layer whose variables got no gradient at
            any training step since the previous check (nothing connects them to the loss);
            0 when not measured (probe gradients, or no step measured).
        bypassed: The inputs reach the outputs around the layer (a residual branch:
            `measure.layer_graph.bypassed_layers`): dead or without a gradient, it leaves the
            model a path to learn on.
    """

    layer: str
    kind: str
    grad_norm: float
    kernel_grad_norm: float | None = None
    zero_grad_fraction: float = 0.0
    weight_norm: float = 0.0
    update_ratio: float | None = None
    dead_fraction: float | None = None
    activation: str | None = None
    n_params: int = 0
    gradless_params: int = 0
    bypassed: bool = False


@dataclass(frozen=True)
class ActivationStats:
    """The outputs of one hidden layer on the probe batch (`measure.activation_stats`).

    Attributes:
        layer: Layer name.
        activation: The layer's activation by name (`linear` when none).
        rms: Root mean square of all its outputs.
        range: Largest spread (max - min) of one of its units over the probe rows.
        stuck_fraction: For bounded activations (sigmoid, tanh, ...): the fraction of units
            whose output sits at one bound for every probe sample; None for others.
    """

    layer: str
    activation: str
    rms: float
    range: float = 0.0
    stuck_fraction: float | None = None


@dataclass(frozen=True)
class OutputStats:
    """The model's outputs on the probe batch, next to the probe labels.

    Attributes:
        activation: The output activation by name (`linear` when none).
        saturated_fraction: For sigmoid/softmax outputs, the fraction of output values within
            a hair of 0 or 1; None for other activations.
        range: Largest spread (max - min) of one output unit over the probe rows: 0 when the
            model gives every input the same output.
        spread_ratio: Standard deviation of the predictions over the probe rows divided by
            that of the labels (one-hot for classes), averaged over units: about 0 when the
            predictions collapsed to one constant, about 1 when they follow the labels.
        label_correlation: Pearson correlation between each output unit and its label
            column over the probe rows, averaged over units: whether the predictions order
            the inputs like the labels do, however small their spread; None when no unit
            and label both vary (or not measured: recordings made before it existed).
    """

    activation: str
    saturated_fraction: float | None
    range: float
    spread_ratio: float
    label_correlation: float | None = None


@dataclass(frozen=True)
class ModeLosses:
    """The compiled loss on the probe batch in both modes of the model's layers
    (`measure.mode_losses`): the same rows, the same weights.

    Attributes:
        training: With training-mode layers (BatchNormalization by the batch's statistics,
            dropout on), as the training steps compute it.
        inference: With inference-mode layers (moving averages, no dropout), as evaluation
            and prediction compute it.
    """

    training: float
    inference: float


@dataclass
class CheckRecord:
    """One check: per-layer statistics, in model order (the last entry is the output layer).

    `activations`, `output` and `input_scale` come from the probe batch and are measured
    only for detectors that read them (the `default` profile); empty/None otherwise.
    `mode_losses` too, and only at epoch-end checks of models with BatchNormalization.
    """

    epoch: int
    step: int
    source: str  # "steps" (training-step statistics) or "probe" (fixed batch, paper style)
    layers: list[LayerStats]
    nonfinite: bool = False  # NaN/Inf in loss, gradients or weights since the last check
    zero_grad_fraction: float = 0.0  # over all trainable parameters
    activations: list[ActivationStats] = field(default_factory=list)
    output: OutputStats | None = None
    input_scale: float | None = None  # largest root mean square of one probe input feature
    mode_losses: ModeLosses | None = None  # probe loss in training and in inference mode

    def layer(self, name: str) -> LayerStats:
        for stats in self.layers:
            if stats.layer == name:
                return stats
        raise KeyError(name)

    @property
    def first_kernel_layer(self) -> LayerStats | None:
        return next((s for s in self.layers if s.kernel_grad_norm is not None), None)

    @property
    def output_layer(self) -> LayerStats | None:
        with_kernel = [s for s in self.layers if s.kernel_grad_norm is not None]
        return with_kernel[-1] if with_kernel else None


@dataclass
class EpochRecord:
    """Keras logs at the end of one epoch (loss, metrics, val_*)."""

    epoch: int
    step: int
    logs: dict[str, float]


@dataclass
class TrainingHistory:
    """Everything measured in one training run, growing as training goes.

    Attributes:
        task: Binary, multi-class or regression.
        epochs_budget: The number of epochs the run was asked for.
        steps_per_epoch: Optimizer steps per epoch.
        baseline_loss: Validation loss of the best constant predictor (class priors, or the
            mean target for regression): "learned nothing" on this data.
        loss_floor: The lowest loss any prediction gets on the same targets: under
            cross-entropy the targets' own entropy, above 0 for soft targets (label
            smoothing, mixup); 0 for hard labels and other losses. Progress is measured over
            the range from the baseline down to it (`detect.signals.loss_signals`).
        chance_accuracy: Validation accuracy of always predicting the majority class.
        chance_floor: The best validation accuracy a constant class gets (the validation
            rows' majority share), which a repair must beat (`policy.acceptance_target`);
            None where it is no floor: under class or sample weights (a useful model may
            trade accuracy for the minority's recall: balanced weights at 0.90 against a
            majority of 0.93), or over classes pooled across steps or pixels (a padding id
            that a masked loss and metric skip may be their majority).
        chance_rows: The validation rows `chance_floor` was read on (its sampling noise).
        output_chance: A multi-output model's chance accuracy per classification output, by
            output name (Keras logs their accuracies as `<name>_accuracy`).
        classes: A single-output classifier's number of classes (2 for binary; the labels'
            or the output's width, whichever is larger), None for other tasks or multi-hot
            targets: the accuracy of guessing a class at random is 1 / classes.
        baseline_rows: Whose targets gave `baseline_loss` (and `chance_accuracy`):
            "validation" (the wrapped job: its validation loss is the comparable one) or
            "training" (the `Watch`: its probe rows, taken from the training data, so the
            epoch-mean training loss is; a Keras callback never sees the validation targets,
            whose spread may differ: 0.836 against 1.0 on a standardised regression).
        epochs: One record per finished epoch.
        checks: One record per check.
        step_losses: Training loss of every optimizer step so far (read once per check).
        learning_rates: The optimizer's learning rate at the end of each finished epoch, as
            far as the monitor could read it (may be shorter than `epochs`).
        reference_progress: How far below the constant predictor an off-the-shelf model
            fitted on the same rows gets on held-out rows (`measure.reference_fit`); None
            until a monitor measures it (only when a slow-convergence finding is due), or
            when it cannot.
        initial_loss: The mean row loss on the first training rows at the weights the
            fit starts from (`measure.start_loss`, read by the pre-flight); None when not
            read. Far below the constant predictor's: a start trained before this fit.
    """

    task: Task
    epochs_budget: int
    steps_per_epoch: int
    baseline_loss: float | None = None
    chance_accuracy: float | None = None
    chance_floor: float | None = None
    chance_rows: int | None = None
    output_chance: dict[str, float] = field(default_factory=dict)
    loss_floor: float = 0.0
    baseline_rows: str = "validation"
    classes: int | None = None
    epochs: list[EpochRecord] = field(default_factory=list)
    checks: list[CheckRecord] = field(default_factory=list)
    step_losses: list[float] = field(default_factory=list)
    learning_rates: list[float] = field(default_factory=list)
    reference_progress: float | None = None
    initial_loss: float | None = None

    @property
    def epochs_done(self) -> int:
        return len(self.epochs)

    @property
    def steps_done(self) -> int:
        return len(self.step_losses)

    def series(self, key: str) -> list[float]:
        """Per-epoch values of one Keras log key (NaN where an epoch lacks it)."""
        return [float(r.logs.get(key, math.nan)) for r in self.epochs]

    def has(self, key: str) -> bool:
        return bool(self.epochs) and key in self.epochs[-1].logs

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["task"] = self.task.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainingHistory:
        """The history `to_dict` wrote (e.g. kept beside a run to replay detectors on it)."""
        return cls(
            task=Task(data["task"]),
            epochs_budget=int(data["epochs_budget"]),
            steps_per_epoch=int(data["steps_per_epoch"]),
            baseline_loss=data.get("baseline_loss"),
            loss_floor=float(data.get("loss_floor", 0.0)),
            chance_accuracy=data.get("chance_accuracy"),
            chance_floor=data.get("chance_floor"),
            chance_rows=data.get("chance_rows"),
            output_chance={str(k): float(v) for k, v in data.get("output_chance", {}).items()},
            baseline_rows=str(data.get("baseline_rows", "validation")),
            classes=None if data.get("classes") is None else int(data["classes"]),
            epochs=[EpochRecord(**record) for record in data.get("epochs", [])],
            checks=[_check_from_dict(record) for record in data.get("checks", [])],
            step_losses=[float(v) for v in data.get("step_losses", [])],
            reference_progress=data.get("reference_progress"),
            initial_loss=data.get("initial_loss"),
        )

    def upto_check(self, index: int) -> TrainingHistory:
        """The history as a detector saw it right after check `index` (0-based): the epochs
        and step losses up to that check's step, the checks up to it."""
        check = self.checks[index]
        return TrainingHistory(
            task=self.task,
            epochs_budget=self.epochs_budget,
            steps_per_epoch=self.steps_per_epoch,
            baseline_loss=self.baseline_loss,
            loss_floor=self.loss_floor,
            chance_accuracy=self.chance_accuracy,
            chance_floor=self.chance_floor,
            chance_rows=self.chance_rows,
            output_chance=self.output_chance,
            baseline_rows=self.baseline_rows,
            classes=self.classes,
            epochs=[record for record in self.epochs if record.step <= check.step],
            checks=self.checks[: index + 1],
            step_losses=self.step_losses[: check.step],
            reference_progress=self.reference_progress,
            initial_loss=self.initial_loss,
        )


def _check_from_dict(data: dict[str, Any]) -> CheckRecord:
    fields = dict(data)
    fields["layers"] = [LayerStats(**layer) for layer in data.get("layers", [])]
    fields["activations"] = [ActivationStats(**item) for item in data.get("activations", [])]
    output = data.get("output")
    fields["output"] = None if output is None else OutputStats(**output)
    modes = data.get("mode_losses")
    fields["mode_losses"] = None if modes is None else ModeLosses(**modes)
    return CheckRecord(**fields)
