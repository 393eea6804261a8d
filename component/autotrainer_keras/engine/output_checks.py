"""The pre-flight checks of a multi-output model: the rules that judge one output against
its targets (`OUTPUT_RULES`: the output's activation and units vs its loss and labels, the
labels, the targets' scale), once per output, each on that output's head and targets; and
the rules about the inputs' values (`INPUT_RULES`) once, on the model's input side.

Of the rules about the architecture, those that read only the layers' wiring (`GRAPH_RULES`:
linear layers stacked into one map, a softmax feeding a Dense) run once on the whole graph
(practice batch 42: a fine head fed only by the coarse head's 10 probabilities); the others
read a one-output model: not run here. The rules about the learning rate (`SETTINGS_RULES`) run
once per training in the job (`check`), on the optimizer and budget. The same interface as
`SetupCheck` for the job (`check`, `merge`, `seconds`; `facts` None: the repairs built from an
output's targets, `output_pair` and `scale_target`, change the model's single output, so none
is built for a finding about one output of several; `input_facts` for the repairs that read
only the inputs, `normalize`) and for `Watch` (`primary`).
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

import keras
import numpy as np

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.detect.preflight import (
    preflight_graph,
    preflight_inputs,
    preflight_outputs,
    preflight_settings,
)
from autotrainer_keras.detect.preflight.dominant_output import dominant_output
from autotrainer_keras.detect.preflight.silenced_output import silenced_outputs
from autotrainer_keras.engine.compiled import loss_name
from autotrainer_keras.engine.output_setup import measured_outputs, output_names
from autotrainer_keras.engine.setup_check import (
    SECONDARY,
    SetupCheck,
    budget_steps,
    hidden_from_callbacks,
    loss_from_logits,
    sheet_with_inputs,
    with_rate_profile,
)
from autotrainer_keras.io.arrays import output_weights, take
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.layer_graph import linear_stacks, softmax_stacks
from autotrainer_keras.measure.seed_state import quiet_call
from autotrainer_keras.measure.setup_facts import DataFacts, SetupFacts, data_facts, model_facts
from autotrainer_keras.measure.start_loss import StartLoss, start_loss
from autotrainer_keras.measure.target_broadcast import ROWS
from autotrainer_keras.problems import Finding
from autotrainer_keras.repair.operators.optimizer import default_learning_rate, optimizer_name
from autotrainer_keras.repair.spec import TrainingSpec

Serialised = str | dict[str, Any] | None


def whole_graph(sheet: SetupFacts, model: keras.Model) -> SetupFacts:
    """`sheet` (one output's head) with the wiring `GRAPH_RULES` read taken from the whole
    multi-output `model`: a stack on another output's branch counts too."""
    whole = replace(sheet.model, linear_stacks=linear_stacks(model),
                    softmax_stacks=softmax_stacks(model))  # fmt: skip
    return replace(sheet, model=whole)


def output_heads(model: keras.Model) -> dict[str, keras.Model]:
    """Per output name, the model from the inputs to that output alone (its last layer is
    the output's: what `model_facts` reads as the head)."""
    return {name: keras.Model(model.inputs, tensor)
            for name, tensor in zip(output_names(model), model.outputs, strict=True)}  # fmt: skip


class OutputChecks:
    """Per-output pre-flight checks; `seconds` adds up the time they took."""

    facts: DataFacts | None = None

    def __init__(self, config: AutotrainerConfig, data: Dataset, model: keras.Model) -> None:
        started = time.perf_counter()
        self.thresholds = config.detection.preflight
        y, y_val = data.y_train, data.y_val
        assert isinstance(y, dict) and isinstance(y_val, dict)
        self.output_facts = {
            name: data_facts(Dataset(data.x_train, y[name], data.x_val, y_val[name],
                                     sample_weight=output_weights(data.sample_weight, name)),
                             self.thresholds.sample_rows, tuple(tensor.shape),
                             self.thresholds.sample_entries, self.thresholds.val_column_shift)
            for name, tensor in zip(output_names(model), model.outputs, strict=True)
            if name in y and name in y_val
        }  # fmt: skip
        self._rows = _output_rows(data)
        self._inputs = next(iter(self.output_facts.values()), None)
        self._auxiliary = _auxiliary_outputs(model, list(self.output_facts))
        self.seconds = time.perf_counter() - started
        self.checked = 0

    def findings(
        self,
        model: keras.Model,
        losses: dict[str, Serialised],
        weights: dict[str, float] | None = None,
    ) -> list[Finding]:
        """The findings of `model` trained with `losses` (per output name: a loss name or a
        serialised Keras loss; an output without a Keras loss is not judged) weighted by
        `weights` (`loss_weights`; None: 1 each)."""
        started = time.perf_counter()
        try:
            heads = output_heads(model)
        except Exception:  # noqa: BLE001 - a check this graph cannot give never stops its job
            heads = {}
        sheets: dict[str, SetupFacts] = {}
        starts = self._start_losses(model, losses)
        for name, facts in self.output_facts.items():
            loss = losses.get(name)
            known = loss_name(loss) if loss is not None else None
            if known is None or name not in heads:
                continue
            config = loss if isinstance(loss, dict) else None
            head = model_facts(heads[name], loss=known, optimizer="adam", learning_rate=None,
                               default_learning_rate=1e-3, epochs=1, batch_size=1,
                               from_logits=loss_from_logits(config))  # fmt: skip
            head = replace(head, start_loss=starts.get(name))
            if name in self._auxiliary:  # its validation is not what the user reads
                facts = replace(facts, missing_in_val=(), missing_expected=())
            sheets[name] = SetupFacts(head, facts)
        found = preflight_outputs(sheets, self.thresholds)
        dominant = dominant_output(sheets, weights, self.thresholds)
        if dominant is not None and all(f.problem is not dominant.problem for f in found):
            found.append(dominant)
        silenced = silenced_outputs(dict(losses), weights)
        found += [silenced] if silenced is not None else []
        if heads and self._inputs is not None:  # the inputs' side: any output's head has it
            head = next(iter(heads.values()))
            side = model_facts(head, loss="mse", optimizer="adam", learning_rate=None,
                               default_learning_rate=1e-3, epochs=1, batch_size=1)  # fmt: skip
            sheet = sheet_with_inputs(model, side, self._inputs)
            found += preflight_inputs(sheet, self.thresholds)
            found += preflight_graph(whole_graph(sheet, model), self.thresholds)
        self.seconds += time.perf_counter() - started
        return found

    def _start_losses(self, model: keras.Model, losses: dict[str, Serialised]
                      ) -> dict[str, StartLoss]:  # fmt: skip
        """Per output with a Keras loss, its loss on the first training rows at the model's
        weights (`measure.start_loss`: the predictions' range too, which tells scores read as
        probabilities behind a layer of the user's own). One forward pass of the model."""
        if self._rows is None:
            return {}
        x, targets = self._rows
        try:
            outputs = quiet_call(model, x)
        except Exception:  # noqa: BLE001 - a model this cannot call says nothing here
            return {}
        if isinstance(outputs, dict):
            by_name = dict(outputs)
        elif isinstance(outputs, list | tuple):
            by_name = dict(zip(output_names(model), outputs, strict=False))
        else:
            return {}
        found: dict[str, StartLoss] = {}
        for name, output in by_name.items():
            loss = losses.get(name)
            if loss is None or loss_name(loss) is None or name not in targets:
                continue
            try:
                fn = keras.losses.get(loss)
            except (ValueError, TypeError):
                continue
            predictions = np.asarray(keras.ops.convert_to_numpy(output))
            start = start_loss(fn, x if isinstance(x, np.ndarray) else None, targets[name],
                               predictions)  # fmt: skip
            if start is not None:
                found[name] = start
        return found

    @property
    def input_facts(self) -> DataFacts | None:
        """The inputs' facts (and the number of rows) for the repairs that read only those
        (`normalize`, `schedule_stretch`); their target fields are one output's."""
        return self._inputs

    def check(self, model: keras.Model, spec: TrainingSpec) -> list[Finding]:
        """The findings of one training (the labels' ones on the first only), with the
        rules about the learning rate (`SETTINGS_RULES`: they read the optimizer and the
        budget, the same for every output)."""
        found = self.findings(model, dict(spec.output_losses or {}), spec.loss_weights)
        found += self._settings(model, spec)
        if self.checked:
            found = [f for f in found if f.problem not in SECONDARY]
        self.checked += 1
        return found

    def _settings(self, model: keras.Model, spec: TrainingSpec) -> list[Finding]:
        """`SETTINGS_RULES` on a sheet of the optimizer's settings and the budget (practice
        batch 96: a joint intent and slot model under Adam(0.1) had no finding)."""
        if self._inputs is None:
            return []
        try:
            head = next(iter(output_heads(model).values()))  # one output: what the facts read
        except Exception:  # noqa: BLE001 - a check this graph cannot give never stops its job
            return []
        name = optimizer_name(spec.optimizer)
        facts = model_facts(head, loss="mse", optimizer=name, learning_rate=spec.learning_rate,
                            default_learning_rate=default_learning_rate(name),
                            epochs=spec.epochs, batch_size=spec.batch_size)  # fmt: skip
        steps = budget_steps(spec, self._inputs.n_train)
        facts = with_rate_profile(facts, spec, steps, self.thresholds.schedule_floor)
        return preflight_settings(SetupFacts(facts, self._inputs), self.thresholds)

    merge = staticmethod(SetupCheck.merge)

    def primary(
        self,
        model: keras.Model,
        losses: dict[str, Serialised],
        weights: dict[str, float] | None = None,
        validation: bool = False,
    ) -> list[Finding]:
        """The findings a callback on the user's own fit reports (`keras.Watch`;
        `validation`: given the fit's validation data, `hidden_from_callbacks`)."""
        found = self.findings(model, losses, weights)
        hidden = hidden_from_callbacks(validation)
        return [f for f in found if f.problem not in hidden]


def _output_rows(data: Dataset) -> tuple[Any, dict[str, np.ndarray]] | None:
    """At most `ROWS` training rows spread evenly over the data: the inputs as the model
    takes them, and each output's targets; None for inputs this cannot slice."""
    y = data.y_train
    if not isinstance(y, dict) or not y:
        return None
    count = len(next(iter(y.values())))
    spread = slice(None, None, max(1, -(-count // ROWS)))
    try:
        x = take(take(data.x_train, spread), slice(0, ROWS))
    except Exception:  # noqa: BLE001 - not rows this can slice
        return None
    return x, {name: np.asarray(values)[spread][:ROWS] for name, values in y.items()}


def _auxiliary_outputs(model: keras.Model, names: list[str]) -> frozenset[str]:
    """The outputs without metrics of a model that compiled metrics for some others."""
    try:
        measured = measured_outputs(model)
    except Exception:  # noqa: BLE001 - a compile config this cannot read: every output judged
        return frozenset()
    return frozenset(names) - measured if measured else frozenset()


def make_output_checks(
    config: AutotrainerConfig, data: Dataset, model: keras.Model
) -> OutputChecks | None:
    """A multi-output job's pre-flight checks, or None (paper profile, or switched off)."""
    if config.detection.profile != "default" or not config.detection.preflight.enabled:
        return None
    return OutputChecks(config, data, model)
