"""The whole config file, its loading, and one-line errors for bad input."""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from autotrainer_keras.config.base import Section
from autotrainer_keras.config.detection import DetectionConfig
from autotrainer_keras.config.monitor import MonitorConfig
from autotrainer_keras.config.repair import RepairConfig
from autotrainer_keras.config.tracking import TrackingConfig
from autotrainer_keras.config.training import TrainingConfig
from autotrainer_keras.config.yaml_safe import MAX_BYTES, YamlLimitError, load_limited
from autotrainer_keras.errors import InputError
from autotrainer_keras.redact import redact_text


class AutotrainerConfig(Section):
    """The config file: one section per layer."""

    training: TrainingConfig = TrainingConfig()
    monitor: MonitorConfig = MonitorConfig()
    detection: DetectionConfig = DetectionConfig()
    repair: RepairConfig = RepairConfig()
    tracking: TrackingConfig = TrackingConfig()

    def with_overrides(self, *, origin: str = "command line", **dotted: Any) -> AutotrainerConfig:
        """A copy with `section__key=value` overrides applied (None values are skipped);
        errors name `origin`, where the values came from (the CLI's flags, `fit()`, ...)."""
        data = self.model_dump(exclude_unset=True)
        for key, value in dotted.items():
            if value is None:
                continue
            section, name = key.split("__", 1)
            data.setdefault(section, {})[name] = value
        return config_from_dict(data, origin=origin)

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.model_dump(mode="json"), sort_keys=False)


def _one_line(error: ValidationError, origin: str) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(top level)"
    if first["type"] == "extra_forbidden":
        parent = first["loc"][:-1]
        allowed = _allowed_keys(parent)
        close = get_close_matches(str(first["loc"][-1]), allowed, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"{origin}: unknown key '{where}'{hint}; allowed here: {', '.join(allowed)}"
    got = first.get("input")
    message = str(first["msg"]).removeprefix("Value error, ")  # a validator's own words
    if first["type"] == "value_error" and repr(got) in message:
        return f"{origin}: {where}: {message}"
    shown = repr(got)
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    return f"{origin}: {where}: {message} (got {shown})"


def _allowed_keys(path: tuple[Any, ...]) -> list[str]:
    model: Any = AutotrainerConfig
    for part in path:
        field = model.model_fields.get(str(part)) if hasattr(model, "model_fields") else None
        if field is None or not hasattr(field.annotation, "model_fields"):
            return sorted(getattr(model, "model_fields", {}))
        model = field.annotation
    return sorted(model.model_fields)


def config_from_dict(data: dict[str, Any] | None, origin: str = "config") -> AutotrainerConfig:
    """Validate a config mapping; raise InputError with a one-line message when it is wrong."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            f"{origin}: expected a YAML mapping of sections, got {type(data).__name__}"
        )
    try:
        return AutotrainerConfig.model_validate(data)
    except ValidationError as error:
        raise InputError(redact_text(_one_line(error, origin))) from None


def load_config(path: str | Path | None) -> AutotrainerConfig:
    """Read a YAML config file (None: the embedded defaults)."""
    if path is None:
        return AutotrainerConfig()
    path = Path(path)
    if path.exists() and not path.is_file() and not path.is_dir():
        raise InputError(f"config file {path} is not a regular file (a device, a pipe?)")
    try:
        with path.open("rb") as handle:  # no more than the limit: a huge file is not read whole
            text = handle.read(MAX_BYTES + 1).decode("utf-8")
    except FileNotFoundError:
        raise InputError(f"config file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"config file {path} cannot be read: {error}") from None
    data = parse_yaml(text, f"config file {path}")
    return config_from_dict(data, origin=f"config {path.name}")


def parse_yaml(text: str, origin: str) -> Any:
    """YAML config text as data, within the limits of config/yaml_safe.py (None when empty).

    Raises:
        InputError: One line naming `origin` and what is wrong (syntax, alias, size, depth).
    """
    if not text.strip():
        return None
    try:
        return load_limited(text)
    except YamlLimitError as error:
        raise InputError(f"{origin} refused: {error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise InputError(f"{origin} is not valid YAML{where}") from None


def resolve_config(
    config: AutotrainerConfig | dict[str, Any] | str | Path | None,
) -> AutotrainerConfig:
    """A config given as an object, a dict of sections, a YAML file path, or None (defaults).

    Raises:
        InputError: The config is invalid or of another type.
    """
    if config is None or isinstance(config, str | Path):
        return load_config(config)
    if isinstance(config, AutotrainerConfig):
        return config
    if isinstance(config, dict):
        return config_from_dict(config, origin="config")
    raise InputError(
        f"config must be an AutotrainerConfig, a dict or a YAML file path, "
        f"got {type(config).__name__}"
    )
