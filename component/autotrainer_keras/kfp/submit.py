"""`autotrainer-keras submit`: compile a pipeline and start a run on a KFP endpoint (kfp.Client).

The pipeline is compiled from the package's definitions (the same ones that produce the
checked-in YAML), with the image asked for. Authentication: `KFP_TOKEN` (a bearer token, e.g.
a service-account token in CI), else kfp.Client's own (in-cluster, kube config).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from autotrainer_keras.config.root import parse_yaml
from autotrainer_keras.errors import AutotrainerError, InputError
from autotrainer_keras.kfp.interface import DEFAULT_IMAGE, PARAMETER_INPUTS
from autotrainer_keras.kfp.settings import lookup

PIPELINES = ("ready", "scaleout")
SUCCEEDED = "SUCCEEDED"
TOKEN_ENV = "KFP_TOKEN"


class SubmitError(AutotrainerError):
    """The KFP endpoint refused the run, or the run did not succeed. Exit code 1."""


@dataclass(frozen=True)
class Submitted:
    """A started run: its id, its page, and its final state when waited for."""

    run_id: str
    url: str
    state: str | None = None


def pipeline_for(name: str, image: str = DEFAULT_IMAGE) -> Any:
    """The pipeline called `name` (ready | scaleout), its tasks running `image`."""
    from autotrainer_keras.kfp.components import components
    from autotrainer_keras.kfp.container import container_component
    from autotrainer_keras.kfp.pipelines import ready_pipeline, scaleout_pipeline

    if name == "ready":
        return ready_pipeline(container_component(image), components(image).fail_if_unrepaired)
    if name == "scaleout":
        return scaleout_pipeline(components(image))
    raise InputError(f"unknown pipeline {name!r}; allowed: {', '.join(PIPELINES)}")


def arguments(
    *,
    model_uri: str,
    dataset_uri: str,
    config_text: str | None,
    fail_on_unrepaired: bool,
    **inputs: Any,
) -> dict[str, Any]:
    """The run's arguments: the URIs, the gate, the inputs given (not None), and, for inputs
    not given, the value the config text sets (the pipeline's default would contradict it)."""
    if not model_uri or not dataset_uri:
        raise InputError("--model-uri and --dataset-uri are required")
    given = {name: value for name, value in inputs.items() if value is not None}
    if config_text is not None:
        given["config"] = config_text
        data = parse_yaml(config_text, "--config")
        for param in PARAMETER_INPUTS:
            present, value = lookup(data, param.config_key) if param.config_key else (False, None)
            if present and value is not None and param.name not in given:
                given[param.name] = value
    return {
        "model_uri": model_uri,
        "dataset_uri": dataset_uri,
        "fail_on_unrepaired": fail_on_unrepaired,
        **given,
    }


def submit(
    host: str,
    pipeline: str,
    run_arguments: dict[str, Any],
    *,
    image: str = DEFAULT_IMAGE,
    kfp_experiment: str | None = None,
    run_name: str | None = None,
    namespace: str | None = None,
    service_account: str | None = None,
    wait_seconds: int | None = None,
) -> Submitted:
    """Start a run of `pipeline` on `host`; with `wait_seconds`, wait for it to end.

    Raises:
        SubmitError: The endpoint could not be reached or refused the run.
    """
    import kfp

    pipeline_func = pipeline_for(pipeline, image)
    try:
        client = kfp.Client(
            host=host, namespace=namespace or "kubeflow", existing_token=os.environ.get(TOKEN_ENV)
        )
        run = client.create_run_from_pipeline_func(
            pipeline_func,
            arguments=run_arguments,
            run_name=run_name,
            experiment_name=kfp_experiment,
            namespace=namespace,
            service_account=service_account,
            enable_caching=False,
        )
    except Exception as error:  # noqa: BLE001 - kfp/urllib3/ApiException: one clear line
        raise SubmitError(f"KFP endpoint {host}: {type(error).__name__}: {error}") from None
    url = f"{host.rstrip('/')}/#/runs/details/{run.run_id}"
    if wait_seconds is None:
        return Submitted(run.run_id, url)
    try:
        done = client.wait_for_run_completion(run.run_id, timeout=wait_seconds)
    except Exception as error:  # noqa: BLE001 - timeout or lost endpoint: one clear line
        raise SubmitError(f"run {run.run_id}: {type(error).__name__}: {error}") from None
    return Submitted(run.run_id, url, str(done.state))


EXIT_RUN_FAILED = 3  # as `run --fail-on`: the run failed (with the gate: still unrepaired)


def exit_code_for(state: str | None) -> int:
    """0 when not waited for or SUCCEEDED, 3 when FAILED (the gate fails it), else 1."""
    if state is None or state == SUCCEEDED:
        return 0
    return EXIT_RUN_FAILED if state == "FAILED" else 1


def read_config_text(path: Any) -> str | None:
    """A config file's text, checked as `autotrainer-keras run` checks it (None: no file)."""
    if path is None:
        return None
    from pathlib import Path

    from autotrainer_keras.config import load_config

    load_config(path)
    return Path(path).read_text(encoding="utf-8")


def submit_from_cli(
    *,
    host: str,
    pipeline: str,
    model_uri: str,
    dataset_uri: str,
    config: Any,
    fail_on: str | None,
    image: str | None,
    kfp_experiment: str | None,
    run_name: str | None,
    namespace: str | None,
    service_account: str | None,
    wait_seconds: int | None,
    **inputs: Any,
) -> int:
    """`autotrainer-keras submit`: check, submit, print the run, return the exit code.

    Args:
        fail_on: "unrepaired" turns the pipeline's gate on; "detected" is refused (the
            pipelines gate on unrepaired only); None turns it off.
        inputs: profile, mlflow_tracking_uri, experiment, registered_model_name,
            max_attempts (None: the pipeline's default).
    """
    if fail_on not in (None, "unrepaired"):
        raise InputError("--fail-on: the pipelines can only gate on 'unrepaired'")
    run_arguments = arguments(
        model_uri=model_uri,
        dataset_uri=dataset_uri,
        config_text=read_config_text(config),
        fail_on_unrepaired=fail_on == "unrepaired",
        **inputs,
    )
    done = submit(
        host,
        pipeline,
        run_arguments,
        image=image or DEFAULT_IMAGE,
        kfp_experiment=kfp_experiment,
        run_name=run_name,
        namespace=namespace,
        service_account=service_account,
        wait_seconds=wait_seconds,
    )
    print(f"autotrainer-keras submit: run {done.run_id} ({pipeline}) {done.url}", flush=True)
    if done.state is not None:
        print(f"autotrainer-keras submit: run ended {done.state}", flush=True)
    return exit_code_for(done.state)
