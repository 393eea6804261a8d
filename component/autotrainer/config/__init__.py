"""Typed configuration: every default lives here, and only here.

Load with `load_config(path_or_None)`; `AutotrainerConfig()` is the embedded default.
"""

from autotrainer.config.detection import (
    PROFILES,
    DefaultThresholds,
    DetectionConfig,
    PaperThresholds,
)
from autotrainer.config.monitor import MonitorConfig
from autotrainer.config.repair import RepairConfig
from autotrainer.config.root import (
    AutotrainerConfig,
    config_from_dict,
    load_config,
    resolve_config,
)
from autotrainer.config.tracking import TrackingConfig
from autotrainer.config.training import OptimizerConfig, TrainingConfig

__all__ = [
    "PROFILES",
    "AutotrainerConfig",
    "DefaultThresholds",
    "DetectionConfig",
    "MonitorConfig",
    "OptimizerConfig",
    "PaperThresholds",
    "RepairConfig",
    "TrackingConfig",
    "TrainingConfig",
    "config_from_dict",
    "load_config",
    "resolve_config",
]
