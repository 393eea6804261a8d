"""docs/config.md, generated from the config models (so the docs never restate a default).

python -m autotrainer_keras.config.docs > docs/config.md
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from autotrainer_keras.config.root import AutotrainerConfig

HEADER = """# Configuration reference

Generated from `component/autotrainer_keras/config/` by
`python -m autotrainer_keras.config.docs`; a test
fails when this file and the code drift. Every key is optional; unknown keys are errors.

```yaml
training:
  epochs: 30
  batch_size: 32
  optimizer: {name: sgd, learning_rate: 0.01, momentum: 0.9}
detection:
  profile: default        # or paper
repair:
  max_attempts: 8
tracking:
  experiment: autotrainer
```
"""


def _type_name(annotation: Any) -> str:
    text = getattr(annotation, "__name__", None) or str(annotation)
    text = text.replace("typing.", "").replace("autotrainer_keras.config.", "")
    return text.replace("|", "\\|")


def _default(value: Any) -> str:
    if isinstance(value, BaseModel):
        return "(section)"
    return f"`{json.dumps(value)}`"


def _section(title: str, model: type[BaseModel], lines: list[str]) -> None:
    lines += [f"\n## `{title}`\n", (model.__doc__ or "").strip().splitlines()[0], ""]
    lines += ["| key | type | default | meaning |", "|---|---|---|---|"]
    nested = []
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            nested.append((f"{title}.{name}", annotation))
            continue
        default = field.get_default(call_default_factory=True)
        meaning = (field.description or "").replace("|", "\\|")
        lines.append(f"| `{name}` | {_type_name(annotation)} | {_default(default)} | {meaning} |")
    for sub_title, sub_model in nested:
        _section(sub_title, sub_model, lines)


def render() -> str:
    lines = [HEADER]
    for name, field in AutotrainerConfig.model_fields.items():
        _section(name, field.annotation, lines)  # type: ignore[arg-type]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
