"""Typed configuration: every default lives here, and only here.

Load with `load_config(path_or_None)`; `AutotrainerConfig()` is the embedded default.
"""

from autotrainer_keras.config.detection import (
    PROFILES,
    DefaultThresholds,
    DetectionConfig,
    PaperThresholds,
)
from autotrainer_keras.config.monitor import MonitorConfig
from autotrainer_keras.config.repair import RepairConfig
from autotrainer_keras.config.root import (
    AutotrainerConfig,
    config_from_dict,
    load_config,
    resolve_config,
)
from autotrainer_keras.config.tracking import TrackingConfig
from autotrainer_keras.config.training import OptimizerConfig, TrainingConfig

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
