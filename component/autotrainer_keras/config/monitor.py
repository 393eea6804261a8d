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
    first_epoch_checks: int = Field(
        default=4,
        ge=1,
        le=1000,
        description="Checks in the first epoch (the last one at its end; at least "
        "`checks_per_epoch`): broken units and gradients are measurable within the first steps, "
        "so a finding that needs two checks comes within the first epoch",
    )
    probe_batch_size: int = Field(
        default=256, gt=0, description="Samples in the fixed probe batch (dead-unit counting)"
    )
    probe_gradient_rows: int = Field(
        default=64,
        gt=0,
        description="Rows of the probe batch (a stratified sample of it) whose loss gradients "
        "`Watch` measures at a check; its activations and dead units are read on all rows",
    )
    stats_every_steps: int | None = Field(
        default=None,
        ge=1,
        le=10_000,
        description=(
            "Gradient statistics of every N-th training step (the loss: every step; N is at "
            "most the steps between two checks); unset: N is chosen from the measured step "
            "time so that they take at most `stats_time_budget` of it"
        ),
    )
    stats_time_budget: float = Field(
        default=0.015,
        gt=0.0,
        le=1.0,
        description="Fraction of the training step time the per-step gradient statistics may "
        "take when `stats_every_steps` is unset (as `stats_cost` measures them: the sampled "
        "step's real extra cost read 1.1-1.4x that on the overhead MLP, and the checks and the "
        "host's per-step work add ~1 %: 0.015 keeps the whole watch within 3 %)",
    )
    stats_max_rows: int = Field(
        default=256,
        ge=2,
        le=100_000,
        description="Sampled steps' gradient rows kept between two checks (a fixed bound: "
        "the stride grows so that the steps between two checks fit)",
    )
    loss_max_rows: int = Field(
        default=65_536,
        ge=8,
        le=10_000_000,
        description="Step losses kept between two checks (a fixed bound; past it the oldest "
        "are dropped and their steps get the mean loss of their span)",
    )
