"""`detection:` which rules judge the measurements, with every threshold in one place."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from autotrainer.config.base import Section

Profile = Literal["default", "paper"]
PROFILES: tuple[str, ...] = ("default", "paper")


class PaperThresholds(Section):
    """The AutoTrainer paper's thresholds (spec section 2), as its public code uses them."""

    check_period_epochs: int = Field(default=3, ge=1, description="A check every N epochs")
    beta_1: float = Field(default=1e-3, gt=0, description="VG: grad_ratio below this")
    beta_2: float = Field(default=1e-4, gt=0, description="VG: first-kernel grad norm below this")
    beta_3: float = Field(default=70.0, gt=0, description="EG: grad_ratio above this")
    gamma: float = Field(default=0.7, gt=0, le=1, description="DR: zero-gradient fraction")
    zeta: float = Field(default=0.03, gt=0, description="OL: local max - paired local min")
    eta: float = Field(default=0.2, gt=0, description="OL: oscillations per epoch so far")
    delta: float = Field(default=0.01, gt=0, description="SC: largest one-epoch accuracy rise")
    theta: float = Field(default=0.7, gt=0, le=1, description="Target accuracy: the gate")
    judgment_point: float = Field(default=0.3, ge=0, le=1, description="Fraction of the budget")
    nan_loss: float = Field(default=1e5, gt=0, description="EG: val loss at least this")


class DefaultThresholds(Section):
    """Thresholds of the improved `default` profile."""


class DetectionConfig(Section):
    """Detection profile and thresholds."""

    profile: Profile = "default"
    stop_on_detection: bool = Field(
        default=True, description="Stop training at the first detection (repair takes over)"
    )
    paper: PaperThresholds = PaperThresholds()
    default: DefaultThresholds = DefaultThresholds()
