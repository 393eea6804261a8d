"""The pre-flight checks wired into a job: facts extracted once, rules run per trained spec.

The `default` profile only (the `paper` profile stays the paper's). The data's facts are
computed once per job; each training (the original, each candidate) adds the model's facts
of its own spec, so a repaired candidate is checked again and a set-up fault it still has
keeps it from being accepted.

Two kinds of finding:
- primary (output/loss/labels mismatch, unscaled inputs, stacked linear layers): faults the
  five problems' repairs cannot reach; they come first and are re-checked on candidates.
- secondary (labels and split, learning rate, dropout rate, penalty, budget): reported on the
  original only, after its training findings; the five problems' plans already cover the
  learning rate, the batch size and dropout, so a learning rate 100x off that shows as
  exploding gradients is repaired as that, and the set-up repair (`lr_default`, `batch`,
  `dropout_down`, `regularizer_down`) runs when training shows nothing else.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import keras
import numpy as np

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.detect.preflight import preflight
from autotrainer_keras.detect.preflight.base import OWN_LOSS
from autotrainer_keras.detect.preflight.binary_loss_multiclass import binary_loss_multiclass
from autotrainer_keras.detect.preflight.collapsed_input import merged_past
from autotrainer_keras.detect.preflight.label_padding import PADDED_ROWS
from autotrainer_keras.detect.preflight.regression_loss_on_classes import regression_loss_on_classes
from autotrainer_keras.engine.callback_modes import monitor_mismatches
from autotrainer_keras.engine.compiled import is_own_loss, loss_name
from autotrainer_keras.engine.rate_schedules import kept_for
from autotrainer_keras.engine.setup import check_target_fits
from autotrainer_keras.errors import InputError, ModelSpecError
from autotrainer_keras.io.arrays import is_named, items, n_rows, take
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.class_balance import heaviest, lightest, weight_shares
from autotrainer_keras.measure.code_columns import target_matrix
from autotrainer_keras.measure.collapsed_inputs import SAMPLE_ROWS as COLLAPSE_ROWS
from autotrainer_keras.measure.collapsed_inputs import (
    SQUASHING,
    Collapse,
    collapses,
    one_id_tables,
)
from autotrainer_keras.measure.history import Task
from autotrainer_keras.measure.input_facts import branch_layers
from autotrainer_keras.measure.label_facts import OutputShape
from autotrainer_keras.measure.lookup_coverage import SAMPLE_ROWS, unknown_share
from autotrainer_keras.measure.loss_weights import focal_class_weights, label_smoothing
from autotrainer_keras.measure.merged_levels import merged_tables
from autotrainer_keras.measure.normalized_spread import normalized_spread
from autotrainer_keras.measure.own_first_layer import own_first_layer
from autotrainer_keras.measure.rate_profile import rate_profile
from autotrainer_keras.measure.seed_state import quiet_predictions
from autotrainer_keras.measure.setup_facts import (
    DataFacts,
    ModelFacts,
    SetupFacts,
    data_facts,
    first_weighted,
    input_side,
    model_facts,
)
from autotrainer_keras.measure.start_loss import StartLoss, start_loss
from autotrainer_keras.measure.step_reach import accumulation_steps, step_cap, step_reach
from autotrainer_keras.measure.target_broadcast import ROWS, broadcast_gap
from autotrainer_keras.measure.weight_decay import decay_per_step, peak_rate
from autotrainer_keras.problems import Finding, SetupProblem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators.ema_default import KERAS_EMA_MOMENTUM
from autotrainer_keras.repair.operators.optimizer import default_learning_rate, optimizer_name
from autotrainer_keras.repair.operators.output_pair import matching_pair
from autotrainer_keras.repair.spec import TrainingSpec

SECONDARY = frozenset({SetupProblem.LABEL_MISMATCH, SetupProblem.VALIDATION_SHIFT,
                       SetupProblem.LEARNING_RATE_RANGE, SetupProblem.SMALL_BUDGET,
                       SetupProblem.HIGH_DROPOUT, SetupProblem.HIGH_PENALTY,
                       SetupProblem.MONITOR_MODE, SetupProblem.STALE_AVERAGE,
                       SetupProblem.FROZEN_RANDOM})  # fmt: skip
MODEL_SUSPICIONS = frozenset({SetupProblem.HIGH_DROPOUT, SetupProblem.HIGH_PENALTY,
                              SetupProblem.FROZEN_RANDOM})
"""Secondary findings read off the model itself, which a callback on the user's own fit
reports too (`keras.Watch`): it cannot retrain to test them, but unlike a learning rate or a
budget (harmless under some architectures, measured) they are rarely harmless: a frozen
layer still at its random draw was meant to hold loaded weights, and of the practice
scripts with a dropout rate above 0.75, 19 are harmful and 6 healthy (Dropout 0.8-0.95 on
tasks solved anyway, session 45). Most of the 19 show no training symptom at all, so
holding the finding until one appears would miss them."""
HIDDEN_FROM_CALLBACKS = SECONDARY - MODEL_SUSPICIONS
CALLBACK_EVIDENCE = frozenset({"accumulation_steps", "step_reach"})
"""Secondary findings a callback reports too when they hold this evidence: a budget of too
few updates under gradient accumulation and a clip that caps plain SGD's steps are read off
the optimizer and the fit's steps by arithmetic, not suspected (practice batch 36)."""
LABEL_TASKS = {"binary": Task.BINARY, "onehot": Task.MULTICLASS, "integer": Task.MULTICLASS}
VALIDATION_SIDE = frozenset({SetupProblem.VALIDATION_SHIFT, SetupProblem.LABEL_MISMATCH})
"""Secondary findings a callback reports when it is given the fit's validation data
(`Watch(validation_data=...)`): they compare the validation rows with the training rows, as
the job does; the data must be fixed, no retraining tests them."""


def hidden_from_callbacks(validation: bool) -> frozenset[SetupProblem]:
    """The secondary findings a callback leaves to the job (`validation`: it was given the
    fit's validation data, so `VALIDATION_SIDE` is its own to report)."""
    return HIDDEN_FROM_CALLBACKS - VALIDATION_SIDE if validation else HIDDEN_FROM_CALLBACKS


def budget_steps(spec: TrainingSpec, n_train: int) -> int:
    """The optimizer steps of `spec`'s whole budget on `n_train` rows."""
    return spec.epochs * -(-n_train // max(1, spec.batch_size))


def with_rate_profile(facts: ModelFacts, spec: TrainingSpec, steps: int,
                      floor: float) -> ModelFacts:  # fmt: skip
    """`facts` with the learning-rate schedule's profile over `steps` (`rate_profile`: its
    peak, where it falls to `floor` x that, its mean share); as given for a fixed rate."""
    profile = rate_profile(spec.optimizer.get("learning_rate"), steps, floor)
    if profile is None:
        return facts
    return replace(facts, rate_spent_share=profile.spent_share, schedule_peak=profile.peak,
                   rate_mean_share=profile.mean_share)  # fmt: skip


def _fit_budget(name: str, optimizer: dict[str, Any], steps: int) -> dict[str, Any]:
    """`ModelFacts`' budget fields of a compiled optimizer (`name`: its class) over a running
    fit's `steps`."""
    accumulation = accumulation_steps(optimizer)
    rate = peak_rate(optimizer.get("learning_rate"), steps)
    reach = step_reach({**optimizer, "name": name}, rate, steps // accumulation)
    return {"fit_steps": steps, "accumulation_steps": accumulation, "step_reach": reach,
            "step_cap": step_cap(optimizer), "optimizer": name.lower()}


@dataclass(frozen=True)
class PrimaryCheck:
    """What `SetupCheck.primary` read before a fit's first step.

    Attributes:
        findings: The primary findings and model suspicions a callback reports.
        start: The loss at the model's weights as the fit starts, over rows spread over the
            data (None: not read); a model trained before this fit starts far below the
            constant predictor's loss (`TrainingHistory.initial_loss`).
    """

    findings: list[Finding]
    start: StartLoss | None


class SetupCheck:
    """Runs the pre-flight rules; `seconds` adds up the time they took."""

    def __init__(
        self,
        config: AutotrainerConfig,
        data: Dataset,
        output_shape: OutputShape | None = None,
        callbacks: tuple[keras.callbacks.Callback, ...] = (),
    ) -> None:
        """`callbacks`: the caller's own (the job's), read for `monitor_mismatches`."""
        started = time.perf_counter()
        self.thresholds = config.detection.preflight
        self.facts: DataFacts = data_facts(
            data, self.thresholds.sample_rows, output_shape, self.thresholds.sample_entries,
            self.thresholds.val_column_shift,
        )
        self.seconds = time.perf_counter() - started
        self.checked = 0
        self.callbacks = callbacks
        self._token_rows = token_rows(data.x_train)
        named = items(data.x_train) if is_named(data.x_train) else ()
        self._input_tokens = {name: rows for name, values in named
                              if (rows := token_rows(values)) is not None}  # fmt: skip
        self._first_rows = first_rows(data.x_train)
        self._spread_rows = spread_rows(data.x_train)
        self._spread_targets = spread_targets(data, self.facts.label_kind)
        self._target_rows = target_rows(data, output_shape)
        self._loss_rows = loss_rows(data)
        self._misscaled: tuple[Collapse, ...] | None = None  # the first model's
        self._merged: tuple[Collapse, ...] = ()  # the first model's

    def sheet(self, model: keras.Model, spec: TrainingSpec) -> SetupFacts:
        """The fact sheet of `model` trained per `spec` on this job's data."""
        name = optimizer_name(spec.optimizer)
        # A loss of the user's own: the spec's name stands for the task inferred for it, so
        # no rule about a named loss judges it (as `keras.Watch`); practice batch 65's Cox
        # partial likelihood on (time, event) rows was read as "mse" on targets in days.
        own = is_own_loss(spec.loss_config)
        facts = model_facts(
            model,
            loss=OWN_LOSS if own else spec.loss,
            optimizer=name,
            learning_rate=spec.learning_rate,
            default_learning_rate=default_learning_rate(name),
            epochs=spec.epochs,
            batch_size=spec.batch_size,
            from_logits=loss_from_logits(spec.loss_config),
        )
        total_steps = budget_steps(spec, self.facts.n_train)
        facts = with_rate_profile(facts, spec, total_steps, self.thresholds.schedule_floor)
        if spec.optimizer.get("use_ema"):
            momentum = float(spec.optimizer.get("ema_momentum", KERAS_EMA_MOMENTUM))
            facts = replace(facts, ema_momentum=momentum,
                            ema_initial_share=momentum ** total_steps)  # fmt: skip
        running = kept_for(list(self.callbacks), spec.user_schedules, spec.user_stops)
        decay, per_step = decay_per_step(spec.optimizer, total_steps)
        updates = total_steps // accumulation_steps(spec.optimizer)
        rate = facts.learning_rate if facts.learning_rate is not None else facts.schedule_peak
        facts = replace(facts, monitor_mismatches=monitor_mismatches(running, steering=True),
                        weight_decay=decay, decay_per_step=per_step,
                        accumulation_steps=accumulation_steps(spec.optimizer),
                        step_reach=step_reach(spec.optimizer, rate, updates),
                        step_cap=step_cap(spec.optimizer))  # fmt: skip
        gap, start = self._loss_readings(model, lambda: keras_spec.make_loss(spec))
        facts = replace(facts, target_broadcast=gap, own_loss=own,
                        start_loss=start,
                        loss_class_weights=focal_class_weights(spec.loss_config),
                        label_smoothing=label_smoothing(spec.loss_config))  # fmt: skip
        return self._sheet(model, facts, reweighted_facts(self.facts, spec.class_weight))

    def _loss_readings(
        self, model: keras.Model, loss: Callable[[], Any]
    ) -> tuple[float, StartLoss | None]:
        """What the loss `loss()` gives on the first training rows at the model's weights:
        `target_broadcast.broadcast_gap` when their targets are one axis short of a one-unit
        output (else 0), and `start_loss.start_loss` (None: not read). One forward pass."""
        if self._loss_rows is None:
            return 0.0, None
        x, y = self._loss_rows
        try:
            fn = loss()
            fn = keras.losses.get(fn) if isinstance(fn, str) else fn
            predictions = quiet_predictions(model, x)
        except Exception:  # noqa: BLE001 - a loss or model this cannot call says nothing here
            return 0.0, None
        if predictions is None:  # a stateful model: a call would move its state
            return 0.0, None
        gap = 0.0 if self._target_rows is None else broadcast_gap(fn, y, predictions)
        inputs = x if isinstance(x, np.ndarray) else None
        return gap, start_loss(fn, inputs, y, predictions)

    @property
    def input_facts(self) -> DataFacts:
        """The facts the input repairs read (`normalize`, `schedule_stretch`,
        `adapt_normalization`: the Normalization layers of the first model sheeted, the
        job's model as given, that leave the training rows far off the unit scale;
        `more_bins`: its Hashing layers that merge categories the targets tell apart)."""
        return replace(self.facts, misscaled=self._misscaled or (), merged=self._merged)

    def _merged_of(self, found: tuple[Collapse, ...]) -> tuple[Collapse, ...]:
        """The Hashing readings among `found` that `collapsed_input` names."""
        return tuple(c for c in found if c.kind == "merged" and merged_past(c, self.thresholds))

    def _misscaled_of(self, found: tuple[Collapse, ...]) -> tuple[Collapse, ...]:
        """The Normalization readings among `found` whose outputs spread by `collapse_spread`
        at most or `input_scale` at least (what `collapsed_input` and
        `unadapted_normalization` name), with their inputs' statistics."""
        t = self.thresholds
        return tuple(c for c in found if c.kind == "squashed" and c.mean
                     and (c.share <= t.collapse_spread or c.share >= t.input_scale))  # fmt: skip

    def _sheet(
        self, model: keras.Model, facts: ModelFacts, data: DataFacts | None = None
    ) -> SetupFacts:
        layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
        unknown = unknown_share(layers[0] if layers else None, self._token_rows)
        found = (collapses(model, self._first_rows)
                 + collapses(model, self._spread_rows, SQUASHING)
                 + one_id_tables(model, self._spread_rows)
                 + merged_tables(model, self._spread_rows, self._spread_targets))  # fmt: skip
        if self._misscaled is None:
            self._misscaled = self._misscaled_of(found)
            self._merged = self._merged_of(found)
        spread = normalized_spread(model, self._first_rows)
        own = own_first_layer(model, first_weighted(layers), self._first_rows)
        facts = replace(facts, unknown_tokens=unknown, collapses=found, normalized=spread,
                        own_first=own)  # fmt: skip
        return sheet_with_inputs(model, facts, data or self.facts, self._input_tokens)

    def check(self, model: keras.Model, spec: TrainingSpec) -> list[Finding]:
        """The pre-flight findings of one training (secondary ones on the first only)."""
        started = time.perf_counter()
        findings = preflight(self.sheet(model, spec), self.thresholds)
        if self.checked:
            findings = [f for f in findings if f.problem not in SECONDARY]
        self.checked += 1
        self.seconds += time.perf_counter() - started
        return findings

    @staticmethod
    def merge(setup: list[Finding], training: list[Finding]) -> list[Finding]:
        """All findings of a training in order: primary set-up, training, secondary set-up."""
        primary = [f for f in setup if f.problem not in SECONDARY]
        return [*primary, *training, *(f for f in setup if f.problem in SECONDARY)]

    def _output_sheet(
        self,
        model: keras.Model,
        loss: str,
        from_logits: bool | None = None,
        steps: int | None = None,
    ) -> SetupFacts:
        """The facts the output/loss rules read (no budget but the fit's `steps` when known;
        of the optimizer, only a compiled one's weight decay, `MODEL_SUSPICIONS`, at its
        rate's peak over those steps, and with them its updates under gradient accumulation
        and the reach of a clip on plain SGD's steps: `CALLBACK_EVIDENCE`)."""
        facts = model_facts(model, loss=loss, optimizer="adam", learning_rate=None,
                            default_learning_rate=1e-3, epochs=1, batch_size=1,
                            from_logits=from_logits)  # fmt: skip
        optimizer = getattr(model, "optimizer", None)
        if optimizer is not None and hasattr(optimizer, "get_config"):
            config = optimizer.get_config()
            decay, per_step = decay_per_step(config, steps)
            facts = replace(facts, weight_decay=decay, decay_per_step=per_step)
            if steps:
                facts = replace(facts, **_fit_budget(type(optimizer).__name__, config, steps))
        compiled = getattr(model, "loss", None)
        gap, start = self._loss_readings(model, lambda: compiled)
        config = serialized_loss(compiled)
        return self._sheet(model, replace(facts, target_broadcast=gap, start_loss=start,
                                          loss_class_weights=focal_class_weights(config),
                                          label_smoothing=label_smoothing(config)))  # fmt: skip

    def primary(
        self,
        model: keras.Model,
        loss: str,
        from_logits: bool | None,
        steps: int | None = None,
        validation: bool = False,
    ) -> PrimaryCheck:
        """The primary findings of a compiled model on this data (output, loss, labels and
        inputs) and the suspicions read off the model (`MODEL_SUSPICIONS`), without the
        secondary ones about its training settings: what a callback on the user's own `fit`
        can report, since it retrains nothing to test a suspicion about the learning rate or
        the budget (`keras.Watch`), with the loss the model starts from (`PrimaryCheck`).
        `from_logits`: the compiled loss's (None: unknown); `steps`: the fit's optimizer
        steps (None: unknown); `validation`: the data's validation rows are the fit's own
        (`hidden_from_callbacks`)."""
        started = time.perf_counter()
        sheet = self._output_sheet(model, loss, from_logits, steps)
        found = preflight(sheet, self.thresholds)
        self.seconds += time.perf_counter() - started
        shown = CALLBACK_EVIDENCE | {PADDED_ROWS}
        hidden = hidden_from_callbacks(validation)
        kept = [f for f in found if f.problem not in hidden or shown & f.evidence.keys()]
        return PrimaryCheck(kept, sheet.model.start_loss)

    def task_for(self, model: keras.Model, loss: str, task: Task) -> Task:
        """The task the labels say, when a regression loss is trained on class labels or a
        binary loss on 3+ integer classes (the repair and the acceptance then compare
        accuracies); else `task`."""
        sheet = self._output_sheet(model, loss)
        finding = regression_loss_on_classes(sheet, self.thresholds) or (
            self.facts.label_kind == "integer" and binary_loss_multiclass(sheet, self.thresholds)
        )
        return LABEL_TASKS.get(self.facts.label_kind, task) if finding else task

    def repairs_refusal(self, model: keras.Model, loss: str, data: Dataset) -> bool:
        """True when Keras cannot train `loss` on these labels but the pre-flight checks name
        an output/loss mismatch whose repair (`output_pair`: the pair the labels say) makes
        the labels fit: the job then repairs instead of refusing."""
        found = preflight(self._output_sheet(model, loss), self.thresholds)
        if all(f.problem is not SetupProblem.OUTPUT_LOSS_MISMATCH for f in found):
            return False
        try:
            units, _, fitting = matching_pair(self.facts, loss)
            shape = (*tuple(model.output_shape[:-1]), units or model.output_shape[-1])
            for name, y in (("y_train", data.y_train), ("y_val", data.y_val)):
                assert isinstance(y, np.ndarray)
                check_target_fits(name, y, fitting, shape)
        except (InputError, ModelSpecError):
            return False
        return True


def target_rows(
    data: Dataset, output_shape: OutputShape | None
) -> tuple[np.ndarray, np.ndarray] | None:
    """The first training rows (inputs, targets) whose targets are one axis short of a
    one-unit output, (n,) against (n, 1), which a loss of the user's own may broadcast
    (`target_broadcast`); None for other targets, named inputs, or no known output."""
    x, y = data.x_train, data.y_train
    if output_shape is None or not isinstance(x, np.ndarray) or not isinstance(y, np.ndarray):
        return None
    shape = tuple(output_shape)
    if len(shape) != y.ndim + 1 or shape[-1] != 1 or len(y) < 2:
        return None
    return x[:ROWS], y[:ROWS]


def serialized_loss(loss: Any) -> dict[str, Any] | None:
    """A compiled Keras loss object's serialized config (as a spec's `loss_config`); None
    for a name, a function or a loss that does not serialize."""
    if not isinstance(loss, keras.losses.Loss):
        return None
    try:
        config = keras.losses.serialize(loss)
    except Exception:  # noqa: BLE001 - a loss of the user's own that cannot say its config
        return None
    return config if isinstance(config, dict) else None


def loss_rows(data: Dataset) -> tuple[Any, np.ndarray] | None:
    """At most `ROWS` training rows spread evenly over the data (inputs as the model takes
    them, targets) the loss is read on (`SetupCheck._loss_readings`): data sorted by class
    or stage starts with rows alike (a curriculum's second fit, digits 0-4 first, read its
    start as trained on them all); None for targets not in one array (several outputs) or
    inputs this cannot slice."""
    if not isinstance(data.y_train, np.ndarray) or len(data.y_train) < 1:
        return None
    spread = slice(None, None, max(1, -(-len(data.y_train) // ROWS)))
    try:
        x = take(take(data.x_train, spread), slice(0, ROWS))
    except Exception:  # noqa: BLE001 - not rows this can slice
        return None
    return x, data.y_train[spread][:ROWS]


def first_rows(x_train: Any) -> Any:
    """The first training rows as the model takes them (`collapsed_inputs.collapses`):
    arrays or named arrays; None for other inputs (a dataset, a generator)."""
    try:
        return take(x_train, slice(0, COLLAPSE_ROWS))
    except Exception:  # noqa: BLE001 - not rows this can slice
        return None


SPREAD_ROWS = 2048
"""Training rows spread over the data that the Embeddings' ids are read on (`one_id`)."""


def spread_rows(x_train: Any) -> Any:
    """At most `SPREAD_ROWS` evenly spaced training rows as the model takes them (data sorted
    by user or class starts with rows alike); None for other inputs (a dataset)."""
    try:
        step = max(1, -(-n_rows(x_train) // SPREAD_ROWS))
        return take(x_train, slice(None, None, step))
    except Exception:  # noqa: BLE001 - not rows this can slice
        return None


def spread_targets(data: Dataset, kind: str) -> np.ndarray | None:
    """The targets of `spread_rows` as columns to average over categories
    (`code_columns.target_matrix` of the label kind `kind`); None for targets not in one
    array or per step."""
    y = data.y_train
    if not isinstance(y, np.ndarray) or not len(y):
        return None
    return target_matrix(y[:: max(1, -(-len(y) // SPREAD_ROWS))], kind)


def token_rows(x_train: object) -> np.ndarray | None:
    """The first training rows a lookup layer may read (`lookup_coverage.unknown_share`):
    strings, or integer ids of at most 2 axes per row; None for other inputs (images)."""
    if not isinstance(x_train, np.ndarray) or x_train.ndim > 3:
        return None
    if x_train.dtype.kind in "OUS" or (x_train.dtype.kind in "iu" and x_train.ndim <= 2):
        return x_train[:SAMPLE_ROWS]
    return None


def reweighted_facts(facts: DataFacts, class_weight: dict[int, float] | None) -> DataFacts:
    """The data's facts for a training whose class weights replace the data's row weights
    (`TrainingSpec.class_weight`; None: the data's own, `facts` unchanged)."""
    if class_weight is None:
        return facts
    shares = weight_shares(facts.class_rows, class_weight) if class_weight else ()
    return replace(facts, weight_rows=0, zero_weights=0, negative_weights=0,
                   heaviest_class=heaviest(shares), lightest_class=lightest(shares))  # fmt: skip


def sheet_with_inputs(
    model: keras.Model,
    facts: ModelFacts,
    data: DataFacts,
    tokens: dict[str, np.ndarray] | None = None,
) -> SetupFacts:
    """The sheet of `facts` on `data`; with named inputs, one more per input (the model's
    facts read on the layers that input passes through; `tokens`: each input's first
    training rows of tokens, read by the lookup layer that takes that input, if any)."""
    sheet = SetupFacts(facts, data)
    if not data.inputs:
        return sheet
    named = tuple((name, SetupFacts(replace(facts, **input_side(model, name),
                                            unknown_tokens=_unknown(model, name, tokens)), own))
                  for name, own in data.inputs)  # fmt: skip
    return replace(sheet, inputs=named)


def _unknown(model: keras.Model, name: str, tokens: dict[str, np.ndarray] | None) -> float:
    """`lookup_coverage.unknown_share` of the first layer the named input reaches."""
    rows = (tokens or {}).get(name)
    if rows is None:
        return 0.0
    branch = branch_layers(model, name)
    return unknown_share(branch[0] if branch else None, rows)


def loss_from_logits(loss_config: dict[str, Any] | None) -> bool | None:
    """Whether a spec's loss reads logits: False for a loss by name, its `from_logits` for
    a Keras loss object, None (unknown) for a custom one."""
    if loss_config is None:
        return False
    if loss_name(loss_config) is None:
        return None
    config = loss_config.get("config")
    return bool(config.get("from_logits", False)) if isinstance(config, dict) else False


def make_setup_check(
    config: AutotrainerConfig,
    data: Dataset,
    model: keras.Model | None = None,
    callbacks: tuple[keras.callbacks.Callback, ...] = (),
) -> SetupCheck | None:
    """The job's pre-flight checks on `data` (of `model`, whose output shape tells integer
    classes per step from continuous targets; trained with the caller's `callbacks`), or
    None (paper profile, or switched off)."""
    if config.detection.profile != "default" or not config.detection.preflight.enabled:
        return None
    shape = None if model is None else tuple(model.output_shape)
    return SetupCheck(config, data, shape, callbacks)
