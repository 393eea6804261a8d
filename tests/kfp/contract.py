"""component.yaml's container command with local paths, resolved the way KFP does it.

kfp.local's own executor-input and placeholder code (what its DockerRunner uses) turns the
component's command and args into an argv with local paths; the test runs that argv as a
subprocess (the image's `python` is the venv's here) and reads the outputs back with
kfp.local's own reader.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from kfp import components
from kfp.local import executor_input_utils, executor_output_utils, placeholder_utils, utils
from kfp.pipeline_spec import pipeline_spec_pb2


class Resolved:
    """The argv of one task, and what is needed to read its outputs."""

    def __init__(self, component_yaml: Path, arguments: dict[str, Any], task_root: Path) -> None:
        loaded = components.load_component_from_file(str(component_yaml))
        spec = loaded.pipeline_spec
        self.component_spec: pipeline_spec_pb2.ComponentSpec = next(iter(spec.components.values()))
        executor = utils.struct_to_executor_spec(
            spec.deployment_spec["executors"][self.component_spec.executor_label]
        )
        self.image = executor.container.image
        self.executor_input = executor_input_utils.construct_executor_input(
            component_spec=self.component_spec,
            arguments=arguments,
            task_root=str(task_root),
            block_input_artifact=False,
        )
        as_dict = executor_input_utils.executor_input_to_dict(
            executor_input=self.executor_input, component_spec=self.component_spec
        )
        self.argv: list[str] = placeholder_utils.replace_placeholders(
            full_command=[*executor.container.command, *executor.container.args],
            executor_input_dict=as_dict,
            pipeline_resource_name="contract",
            task_resource_name="autotrainer",
            pipeline_root=str(task_root.parent),
            unique_pipeline_id="contract",
        )

    def outputs(self) -> dict[str, Any]:
        """The task's outputs as kfp.local reads them (executor output + parameter files)."""
        return executor_output_utils.get_outputs_for_task(self.executor_input, self.component_spec)


def image_env() -> dict[str, str]:
    """The environment of the container, here: the venv's `python` first on PATH."""
    venv_bin = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("MLFLOW_TRACKING_URI", None)
    return env
