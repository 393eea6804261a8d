"""The container component (component.yaml), generated from `autotrainer_keras.kfp.interface`.

Its container runs the launcher, which runs `autotrainer-keras run` with one flag per input and then
fills the KFP outputs. `python -m autotrainer_keras.kfp.build` writes it to component.yaml.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from kfp import dsl
from kfp.dsl.container_component_class import ContainerComponent

from autotrainer_keras.kfp.interface import (
    ARTIFACT_INPUTS,
    COMPONENT_NAME,
    DEFAULT_IMAGE,
    LAUNCHER_COMMAND,
    OUTPUTS,
    PARAMETER_INPUTS,
    ArtifactInput,
    OutputSpec,
    ParameterInput,
    description,
    launcher_args,
)

ARTIFACT_CLASSES: dict[str, type[dsl.Artifact]] = {
    "Model": dsl.Model,
    "Dataset": dsl.Dataset,
    "Artifact": dsl.Artifact,
    "Metrics": dsl.Metrics,
    "HTML": dsl.HTML,
    "Markdown": dsl.Markdown,
}


def _annotation(kind: str, output: bool) -> Any:
    if kind == "str":
        return dsl.OutputPath(str)
    wrapper = dsl.Output if output else dsl.Input
    return wrapper[ARTIFACT_CLASSES[kind]]  # type: ignore[index]


def signature(output_kind: Callable[[str], Any] | None = None) -> inspect.Signature:
    """The component function's signature: artifacts and outputs first, then parameters.

    Args:
        output_kind: Maps an output kind to its annotation (default: `dsl.Output[...]`, and
            `dsl.OutputPath(str)` for strings).
    """
    keyword = inspect.Parameter.POSITIONAL_OR_KEYWORD
    to_output = output_kind or (lambda kind: _annotation(kind, output=True))
    params = [
        inspect.Parameter(a.name, keyword, annotation=_annotation(a.artifact, output=False))
        for a in ARTIFACT_INPUTS
    ]
    params += [inspect.Parameter(o.name, keyword, annotation=to_output(o.kind)) for o in OUTPUTS]
    params += [
        inspect.Parameter(p.name, keyword, annotation=p.type, default=p.default)
        for p in PARAMETER_INPUTS
    ]
    return inspect.Signature(params)


def docstring() -> str:
    """Google-style docstring: KFP reads the input and output descriptions from it."""
    lines = [description(), "", "Args:"]
    items: list[ArtifactInput | ParameterInput | OutputSpec] = [
        *ARTIFACT_INPUTS,
        *PARAMETER_INPUTS,
        *OUTPUTS,
    ]
    lines += [f"    {item.name}: {item.description}" for item in items]
    return "\n".join(lines) + "\n"


def container_component(image: str = DEFAULT_IMAGE) -> ContainerComponent:
    """The autotrainer container component, running `image`."""

    sig = signature()

    def body(*args: Any, **kwargs: Any) -> dsl.ContainerSpec:
        values = sig.bind(*args, **kwargs).arguments  # KFP passes placeholders positionally
        return dsl.ContainerSpec(
            image=image, command=list(LAUNCHER_COMMAND), args=launcher_args(values)
        )

    body.__name__ = body.__qualname__ = COMPONENT_NAME
    body.__doc__ = docstring()
    body.__signature__ = sig  # type: ignore[attr-defined]
    return dsl.container_component(body)
