"""What every repair operator is: `validate -> transform -> validate` on a TrainingSpec.

An operator's transform is a pure function `(spec, try_index, rng) -> (spec, params)` on plain
dicts (never Keras objects). `RepairOperator.apply` wraps it with the checks every operator
shares, so each family module holds only its transformation.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.step_reach import CAP_KEYS
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.spec import TrainingSpec

Params = dict[str, Any]
Result = tuple[TrainingSpec, Params]
Transform = Callable[[TrainingSpec, int, np.random.Generator], Result]

CLIP_KEYS: tuple[str, ...] = CAP_KEYS  # the optimizer settings that cap a gradient
FRESH_LAYERS = "fresh_layers"
"""Params key: layers a candidate must not take over from its base's weights (they restart
from fresh weights even when the loop warm-starts the candidate)."""


@dataclass(frozen=True)
class RepairOperator:
    """One repair solution of the paper (spec section 4).

    Attributes:
        id: Solution id as the paper names it (`selu`, `gradient`, `ReduceLR`, ...).
        family: What it changes: activation, batch_norm, clipping, initializer, batch_size,
            learning_rate, optimizer, regulariser, overfitting, and the set-up repairs'
            input, output, budget and loss_weights.
        max_tries: How many distinct tries it has (`try_index` runs from 0 to this - 1).
        transform: The pure transformation; may raise ModelSpecError when it does not apply.
        sentence: Turns the params of one application into one sentence for reports.
        changes_output: It may change the output layer (the set-up repairs that fit the output
            to the labels); every other operator must leave the output block alone.
    """

    id: str
    family: str
    max_tries: int
    transform: Transform
    sentence: Callable[[Params], str]
    changes_output: bool = False

    def describe(self, params: Params) -> str:
        """One sentence saying what an application with these params changed."""
        return self.sentence(params)

    def apply(self, spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        """Validate `spec`, transform it, validate the result.

        Args:
            spec: The spec to repair; never modified.
            try_index: Which try of this operator (0-based, below `max_tries`).
            rng: Source of every random draw (seed it to reproduce an attempt).

        Returns:
            The new spec (with this id appended to `applied`) and the params actually used.

        Raises:
            ModelSpecError: The operator does not apply to this spec (nothing to change, a
                setting it needs is missing, or the result would be invalid).
            ValueError: `try_index` is out of range.
        """
        if not 0 <= try_index < self.max_tries:
            raise ValueError(f"{self.id}: try_index {try_index} not in [0, {self.max_tries})")
        validate_spec(spec)
        new, params = self.transform(spec, try_index, rng)
        if _training_of(new) == _training_of(spec):
            raise ModelSpecError(f"{self.id}: changes nothing in this spec")
        validate_spec(new)
        if not self.changes_output:
            _check_outputs_untouched(spec.model, new.model, self.id)
        return new.evolve(applied=(*spec.applied, self.id)), params


def attempt_rng(
    seed: int, solution_id: str, try_index: int, round_index: int = 0
) -> np.random.Generator:
    """The random generator of one attempt: the same arguments always give the same draws,
    and different tries or rounds of one operator draw independently.

    Record (seed, solution_id, try_index, round_index) with an attempt to reproduce it.
    """
    key = zlib.crc32(solution_id.encode("utf-8"))
    return np.random.default_rng([seed, key, round_index, try_index])


def names(layers: list[str], shown: int = 4) -> str:
    """`a, b, c` or `a, b, c, d and 3 more`, for report sentences."""
    if len(layers) <= shown:
        return ", ".join(layers)
    return f"{', '.join(layers[:shown])} and {len(layers) - shown} more"


def _training_of(spec: TrainingSpec) -> tuple[Any, ...]:
    return (spec.model, spec.optimizer, spec.loss, spec.loss_config, spec.batch_size, spec.epochs,
            spec.callbacks, spec.user_schedules, spec.user_stops, spec.class_weight,
            spec.shuffle, spec.output_losses, spec.loss_weights)


def _editable(model: dict[str, Any]) -> bool:
    try:
        mc.model_kind(model)
    except ModelSpecError:
        return False
    return True


def _check_outputs_untouched(old: dict[str, Any], new: dict[str, Any], op: str) -> None:
    if not _editable(old):
        return
    for name in mc.output_block(old):
        if mc.find_layer(new, name)["config"] != mc.find_layer(old, name)["config"]:
            raise ModelSpecError(f"{op}: would change the output layer {name!r}")


def validate_spec(spec: TrainingSpec) -> None:
    """Raise ModelSpecError naming the first thing wrong with `spec`."""
    if not isinstance(spec, TrainingSpec):
        raise ModelSpecError(f"expected a TrainingSpec, got {type(spec).__name__}")
    model = spec.model
    if not isinstance(model, dict) or not isinstance(model.get("config"), dict):
        raise ModelSpecError("spec.model must be a serialised Keras model (a dict with config)")
    if _editable(model):
        mc.validate_model(model)
    _validate_optimizer(spec.optimizer)
    if not isinstance(spec.loss, str) or not spec.loss:
        raise ModelSpecError(f"spec.loss must be a Keras loss name, got {spec.loss!r}")
    for name, value in (("batch_size", spec.batch_size), ("epochs", spec.epochs)):
        if not isinstance(value, int) or value <= 0:
            raise ModelSpecError(f"spec.{name} must be a positive integer, got {value!r}")
    for callback in spec.callbacks:
        if not isinstance(callback, dict) or not isinstance(callback.get("name"), str):
            raise ModelSpecError(f"spec.callbacks entries need a 'name', got {callback!r}")


def _validate_optimizer(optimizer: dict[str, Any]) -> None:
    if not isinstance(optimizer, dict) or not isinstance(optimizer.get("name"), str):
        raise ModelSpecError(f"spec.optimizer needs a 'name', got {optimizer!r}")
    rate = optimizer.get("learning_rate")
    if isinstance(rate, dict):
        if "class_name" not in rate:
            raise ModelSpecError(f"spec.optimizer learning_rate schedule is malformed: {rate!r}")
    elif rate is not None and (
        not isinstance(rate, int | float) or not math.isfinite(rate) or rate <= 0
    ):
        raise ModelSpecError(f"spec.optimizer learning_rate must be > 0, got {rate!r}")
    clips = [key for key in CLIP_KEYS if optimizer.get(key) is not None]
    if len(clips) > 1:
        raise ModelSpecError(f"spec.optimizer sets more than one of {CLIP_KEYS}: {clips}")
