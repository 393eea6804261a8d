"""The local twin's body: the container component's launcher, called in-process.

`kfp.local` cannot run container components; the twin has the same interface and parses the
same launcher arguments (`interface.launcher_args`) as the container does, except the
executor input: KFP's Python executor writes the executor output, from the Metrics object.
"""

from __future__ import annotations

from typing import Any

from autotrainer_keras.kfp.interface import EXECUTOR_INPUT_FLAG, launcher_args
from autotrainer_keras.kfp.launcher import launch, parser


def twin_argv(values: dict[str, Any]) -> list[str]:
    """The launcher arguments for the twin's values (artifacts have `.path`)."""
    args = [str(arg) for arg in launcher_args(values)]
    return args[: args.index(EXECUTOR_INPUT_FLAG)]


def run_twin(values: dict[str, Any], metrics: Any) -> None:
    """Launch with the task's values and log the metrics; raise SystemExit when it failed.

    Args:
        values: The twin's arguments: artifacts (with `.path`), output paths, parameters.
        metrics: The task's Metrics artifact (`log_metric`).
    """
    result = launch(vars(parser().parse_args(twin_argv(values))))
    for name, value in result.metrics.items():
        metrics.log_metric(name, value)
    if result.exit_code != 0:
        raise SystemExit(result.exit_code)
