"""`training:` how the model is trained (a compiled model's own settings are the default)."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from autotrainer_keras.config.base import Section


class OptimizerConfig(Section):
    """An optimizer by Keras name, with its learning rate and any other constructor argument.

    Example: `{name: sgd, learning_rate: 0.01, momentum: 0.9}`.
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    name: str = Field(min_length=1, description="Keras optimizer name: sgd, adam, rmsprop, ...")
    learning_rate: float | None = Field(default=None, gt=0, description="None: Keras default")

    def keras_kwargs(self) -> dict[str, Any]:
        """Constructor arguments other than the name."""
        extra = dict(self.model_extra or {})
        if self.learning_rate is not None:
            extra["learning_rate"] = self.learning_rate
        return extra


class TrainingConfig(Section):
    """How to train. None means: take it from the compiled model, else the stated fallback."""

    epochs: int = Field(default=30, gt=0, le=100_000, description="Epoch budget of one training")
    batch_size: int = Field(default=32, gt=0, le=1_000_000, description="Samples per step")
    optimizer: OptimizerConfig | None = Field(
        default=None, description="None: the compiled model's optimizer, else adam"
    )
    loss: str | dict[str, Any] | None = Field(
        default=None,
        description="Keras loss name, or a loss object as keras.losses.serialize writes it "
        "(e.g. {module: keras.losses, class_name: CategoricalCrossentropy, config: "
        "{from_logits: true}}); None: compiled (with all its arguments) or inferred. A "
        "multi-output model: this one loss for every output; None keeps the compiled loss "
        "per output and loss_weights",
    )
    metrics: list[str | dict[str, Any]] | None = Field(
        default=None,
        description="Keras metric names or objects (keras.metrics.serialize output); None: "
        "accuracy (classifiers; on multi-hot targets the per-label binary accuracy, under "
        "the name accuracy) or mae (regressors), then the compiled model's own metrics "
        "(per output for a multi-output model; a list here: for every output)",
    )
    validation_split: float = Field(
        default=0.3, gt=0, lt=1, description="Used only when the data has no x_val/y_val"
    )
    shuffle: bool = Field(
        default=True,
        description="Shuffle the training rows every epoch, as Keras' fit(shuffle=...): False "
        "trains the original and every candidate on the rows in their given order (a "
        "series whose order the user keeps)",
    )
    validation_batch_size: int | None = Field(
        default=None,
        ge=1,
        description="Rows per validation batch, as Keras' fit(validation_batch_size=...) "
        "and evaluate(batch_size=...) take it: None: the training batch size. A metric "
        "computed within each batch (a ranking's concordance over the validation rows) "
        "reads the whole set only in one batch",
    )
    seed: int = Field(
        default=0,
        ge=0,
        le=2**32 - 1,
        description="Seeds shuffling, splits and initialisation (at most 2**32 - 1, as Keras)",
    )
    callbacks: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Extra callbacks as data, e.g. {name: reduce_lr_on_plateau, factor: 0.2}",
    )
