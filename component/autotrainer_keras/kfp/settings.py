"""Component input values -> settings: the config text, overridden by the other inputs.

Inputs win over the config text, as `autotrainer-keras run` flags win over a config file; an input
that disagrees with a value the text sets is an error rather than a silent override.
"""

from __future__ import annotations

from typing import Any

from autotrainer_keras.config import AutotrainerConfig, config_from_dict
from autotrainer_keras.config.root import parse_yaml
from autotrainer_keras.errors import InputError
from autotrainer_keras.kfp.interface import PARAMETER_INPUTS, ParameterInput


def omitted(param: ParameterInput, value: Any) -> bool:
    """An empty string input is not passed on: the config (or the environment) decides."""
    return value is None or (param.type is str and value == "")


def lookup(data: Any, dotted: str) -> tuple[bool, Any]:
    """(True, value) when the nested mapping `data` has the `section.key` `dotted`."""
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            return False, None
        data = data[part]
    return True, data


def check_agreement(config_text: str, values: dict[str, Any]) -> None:
    """Raise InputError when the config text sets a key to another value than its input.

    A text that is not YAML is left to the config loader, which names the problem.
    """
    try:
        data = parse_yaml(config_text, "config input")
    except InputError:
        return
    for param in PARAMETER_INPUTS:
        value = values.get(param.name)
        if param.config_key is None or omitted(param, value):
            continue
        present, configured = lookup(data, param.config_key)
        if present and configured is not None and str(configured) != str(value):
            raise InputError(
                f"config sets {param.config_key}: {configured!r}, but the {param.name!r} input "
                f"is {value!r} (inputs win over the config text); make them agree"
            )


def settings_from_values(values: dict[str, Any]) -> AutotrainerConfig:
    """The config the inputs describe (for tasks that call the library, not the CLI)."""
    text = str(values.get("config") or "")
    check_agreement(text, values)
    data = parse_yaml(text, "config input")
    overrides = {
        param.config_key.replace(".", "__", 1): values.get(param.name)
        for param in PARAMETER_INPUTS
        if param.config_key is not None and not omitted(param, values.get(param.name))
    }
    return config_from_dict(data, origin="config input").with_overrides(
        origin="component inputs", **overrides
    )
