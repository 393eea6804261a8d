"""`monitor:` what is measured during training, and how often."""

from __future__ import annotations

from pydantic import Field

from autotrainer_keras.config.base import Section


class MonitorConfig(Section):
    """Measurement schedule. Per-step statistics stay on the device between checks."""

    checks_per_epoch: int = Field(
        default=1,
        ge=1,
        le=1000,
        description="Checks per epoch for the default profile (the last one at the epoch end)",
    )
    probe_batch_size: int = Field(
        default=256, gt=0, description="Samples in the fixed probe batch (dead-unit counting)"
    )
    stats_every_steps: int = Field(
        default=1,
        ge=1,
        le=10_000,
        description="Gradient statistics of every N-th training step (the loss: every step)",
    )
