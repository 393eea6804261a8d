"""The training spec: everything a repair may change, as plain data.

A repair operator is a pure function `TrainingSpec -> TrainingSpec`; the Keras adapter turns a
spec into a compiled model and fit arguments. Nothing here imports Keras.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class TrainingSpec:
    """A model and how to train it.

    Attributes:
        model: The Keras model serialised with `keras.saving.serialize_keras_object`
            (`{"class_name": "Sequential" | "Functional", "config": {...}, ...}`).
        optimizer: `{"name": <keras optimizer name>, "learning_rate": float, **kwargs}`, where
            kwargs may hold `momentum`, `clipvalue`, `clipnorm`, `global_clipnorm`, ...
        loss: Keras loss name (it decides the task and the constant-predictor baseline); for
            a multi-output model the first output's (the task is then `multi_output`).
        loss_config: The user's loss object as `keras.losses.serialize` writes it (from_logits,
            label_smoothing, delta, reduction, a registered custom loss, ...), compiled
            instead of `loss` so every training gets the set-up the user compiled; None: the
            name alone. Changing `loss` with `evolve` drops it (a repair's deliberate change).
        metrics: Keras metric names, or metric objects as `keras.metrics.serialize` writes
            them (the compiled model's own, with all their arguments).
        output_losses: A multi-output model's loss per output name (a name or a serialised
            loss object each), compiled instead of `loss`/`loss_config`; None: one output.
        loss_weights: Per output name, the weight of its loss in the total loss; None: 1 each.
        output_metrics: A multi-output model's metrics per output name (logged as
            `<output>_<metric>`); None: `metrics` (one output).
        batch_size: Samples per optimizer step.
        epochs: Epoch budget.
        callbacks: Extra training callbacks as data, e.g.
            `{"name": "reduce_lr_on_plateau", "monitor": "val_loss", "factor": 0.2, ...}`.
        seed: Seeds weight initialisation and shuffling of a training of this spec.
        applied: Solution ids applied so far, oldest first (for lineage and reports).
        trust_code: Rebuild the model with Keras' safe mode off, so a Lambda layer's Python
            code is rebuilt too: the user's own in-memory model (its code runs in their
            process already), or a model file run with `--trust-model-code`.
        user_schedules: Class names of the caller's steering callbacks that run in a
            training of this spec (`LearningRateScheduler`, `ReduceLROnPlateau`, and any
            callback watching its metric the wrong way round: `rate_schedules`); the job
            sets them from the callbacks it was given, `schedule_off` leaves them out.
        user_stops: Class names of the caller's callbacks that end a training early
            (`EarlyStopping`) that run in a training of this spec; the job sets them from
            the callbacks it was given, `early_stop_off` leaves them out.
        class_weight: Keras' `class_weight` a training of this spec uses *instead of* the
            data's class and sample weights ({}: every row weighs 1); None: the data's own
            (`balanced_weights` sets it).
        shuffle: Shuffle the training rows every epoch (Keras' `fit(shuffle=...)`).
        validation_batch_size: Rows per validation batch (Keras'
            `fit(validation_batch_size=...)`); None: `batch_size`.
    """

    model: dict[str, Any]
    optimizer: dict[str, Any]
    loss: str
    loss_config: dict[str, Any] | None = None
    metrics: tuple[str | dict[str, Any], ...] = ()
    output_losses: dict[str, str | dict[str, Any]] | None = None
    loss_weights: dict[str, float] | None = None
    output_metrics: dict[str, list[str | dict[str, Any]]] | None = None
    batch_size: int = 32
    epochs: int = 30
    callbacks: tuple[dict[str, Any], ...] = ()
    seed: int = 0
    applied: tuple[str, ...] = field(default_factory=tuple)
    trust_code: bool = False
    user_schedules: tuple[str, ...] = ()
    user_stops: tuple[str, ...] = ()
    class_weight: dict[int, float] | None = None
    shuffle: bool = True
    validation_batch_size: int | None = None

    def evolve(self, **changes: Any) -> TrainingSpec:
        """A copy with some fields replaced; nested dicts are deep-copied, never shared."""
        base = {k: copy.deepcopy(v) for k, v in changes.items()}
        if "loss" in base and base["loss"] != self.loss and "loss_config" not in base:
            base["loss_config"] = None  # another loss on purpose: the old object's config goes
        return replace(self, **base)

    def model_copy(self) -> dict[str, Any]:
        """A deep copy of the model config, free to edit."""
        return copy.deepcopy(self.model)

    @property
    def learning_rate(self) -> float | None:
        """The optimizer's fixed learning rate; None when unset or a schedule (a dict)."""
        value = self.optimizer.get("learning_rate")
        return None if value is None or isinstance(value, dict) else float(value)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["metrics"] = list(self.metrics)
        data["callbacks"] = [dict(c) for c in self.callbacks]
        data["applied"] = list(self.applied)
        data["user_schedules"] = list(self.user_schedules)
        data["user_stops"] = list(self.user_stops)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainingSpec:
        return cls(
            model=copy.deepcopy(data["model"]),
            optimizer=dict(data["optimizer"]),
            loss=str(data["loss"]),
            loss_config=copy.deepcopy(data.get("loss_config")),
            metrics=tuple(data.get("metrics", ())),
            output_losses=copy.deepcopy(data.get("output_losses")),
            loss_weights=copy.deepcopy(data.get("loss_weights")),
            output_metrics=copy.deepcopy(data.get("output_metrics")),
            batch_size=int(data.get("batch_size", 32)),
            epochs=int(data.get("epochs", 30)),
            callbacks=tuple(dict(c) for c in data.get("callbacks", ())),
            seed=int(data.get("seed", 0)),
            applied=tuple(data.get("applied", ())),
            trust_code=bool(data.get("trust_code", False)),
            user_schedules=tuple(data.get("user_schedules", ())),
            user_stops=tuple(data.get("user_stops", ())),
            class_weight=_class_weight(data.get("class_weight")),
            shuffle=bool(data.get("shuffle", True)),
        )


def _class_weight(given: dict[Any, Any] | None) -> dict[int, float] | None:
    """Class weights read back from JSON, whose keys are strings."""
    return None if given is None else {int(c): float(w) for c, w in given.items()}
