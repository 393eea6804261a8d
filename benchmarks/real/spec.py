"""A second-zoo training job as plain data: architecture knobs, training recipe, variant.

A base's builder reads `Knobs` (what a fault operator may change in the architecture); the
compile/fit step reads `Training` (optimizer, learning rate and schedule, loss, batch size,
epochs, input scaling). A `Variant` is one base with one set of both: a healthy recipe or a
fault operator's output. All three are frozen and JSON-able.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

HEALTHY = "healthy"


@dataclass(frozen=True)
class Knobs:
    """Architecture choices a fault operator may change (the base decides where they apply).

    Attributes:
        activation: Hidden activation of the layers the base exposes (Dense/Conv heads).
        kernel_init: Keras initializer (name or {"class_name", "config"}) of those layers.
        bias_init: Their bias initializer.
        norm: Whether the base's normalisation layers (BatchNorm) are present.
        extra_depth: Extra hidden Dense layers inserted before the output layer.
        dropout: Dropout rate of the base's dropout layers (None: the base's own).
        freeze_backbone: Pretrained backbone frozen (fine-tuning bases only).
    """

    activation: str = "relu"
    kernel_init: Any = "he_normal"
    bias_init: Any = "zeros"
    norm: bool = True
    extra_depth: int = 0
    dropout: float | None = None
    freeze_backbone: bool = False


@dataclass(frozen=True)
class Training:
    """How the model is compiled and fitted.

    Attributes:
        optimizer: Keras optimizer name (adam, adamw, sgd, rmsprop).
        learning_rate: Peak learning rate (the schedule's scale).
        momentum: SGD/RMSprop momentum.
        schedule: constant, cosine, warmup_cosine, step or cyclical.
        loss_from_logits: The loss told the outputs are logits (wrong: they are probabilities).
        batch_size: Rows per step (0: the whole training set).
        epochs: Epoch budget.
        raw_inputs: Inputs fed unnormalised (pixel range 0-255, tabular features rescaled).
        mixed_precision: Layers under the mixed_float16 policy (loss scaling by Keras).
        sample_weights: Fit with the dataset's training sample weights.
    """

    optimizer: str = "adam"
    learning_rate: float = 1e-3
    momentum: float = 0.0
    schedule: str = "constant"
    loss_from_logits: bool = False
    batch_size: int = 64
    epochs: int = 12
    raw_inputs: bool = False
    mixed_precision: bool = False
    sample_weights: bool = False


@dataclass(frozen=True)
class Variant:
    """One job of the zoo: a base under one recipe (trained under several seeds).

    Attributes:
        variant_id: `<base>--<recipe>` (healthy) or `<base>--<operator>` (faulty).
        base: The base's name.
        recipe: The healthy recipe's or the fault operator's name.
        category: "healthy" or the fault taxonomy's category (activation, learning_rate, ...).
        intent: What the recipe was meant to show (healthy or a problem id); never the label.
        knobs: Architecture choices.
        training: Compile and fit choices.
    """

    variant_id: str
    base: str
    recipe: str
    category: str
    intent: str
    knobs: Knobs = field(default_factory=Knobs)
    training: Training = field(default_factory=Training)

    @property
    def faulty(self) -> bool:
        return self.category != HEALTHY

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Variant:
        return cls(**{**data, "knobs": Knobs(**data["knobs"]),
                      "training": Training(**data["training"])})  # fmt: skip
