"""`autotrainer-keras local`: the shipped `component.yaml` run for real in its container on this
machine, through KFP's local Docker runner, the way a cluster would run it.

    autotrainer-keras local --model M --data D [--image IMAGE] [--pipeline-root DIR] [inputs...]

The Docker SDK checks first that a Docker engine answers and that the image is there (pulling
it when it is not), so a machine without Docker gets one clear line instead of a stack trace.
Then the ready pipeline (the container component, not its lightweight twin) runs under
`kfp.local.DockerRunner`: the model and data are imported as artifacts, the task's outputs
are written under the pipeline root, and the status decides the exit code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from autotrainer_keras.errors import InputError
from autotrainer_keras.kfp.interface import DEFAULT_IMAGE

EXIT_UNREPAIRED = 3
"""As `autotrainer-keras run --fail-on unrepaired`: problems remain after repair."""


class DockerUnavailable(InputError):
    """No Docker engine answers here (or the image cannot be had)."""


def check_docker(image: str, pull: bool = True) -> str:
    """Ping the Docker engine and make sure `image` is present; return the engine's version.

    Raises:
        DockerUnavailable: When the SDK is missing, no engine answers, or the image is neither
            present nor pullable.
    """
    try:
        import docker
        from docker.errors import DockerException, ImageNotFound
    except ImportError:
        raise DockerUnavailable(
            "autotrainer-keras local needs the docker package (pip install docker)"
        ) from None
    try:
        client = docker.from_env(timeout=10)
        client.ping()
        version = str(client.version().get("Version", "?"))
    except DockerException as error:
        raise DockerUnavailable(
            f"no Docker engine answers here ({type(error).__name__}); start Docker or use "
            "`autotrainer-keras run` (same job, no container)"
        ) from None
    try:
        client.images.get(image)
    except ImageNotFound:
        if not pull:
            raise DockerUnavailable(f"image {image!r} is not present locally") from None
        try:
            client.images.pull(image)
        except DockerException as error:
            raise DockerUnavailable(
                f"image {image!r} is neither present nor pullable ({type(error).__name__}); "
                "build it with `docker build -t IMAGE .` and pass --image IMAGE"
            ) from None
    return version


def run_local(
    model: Path,
    data: Path,
    *,
    image: str = DEFAULT_IMAGE,
    pipeline_root: Path = Path("autotrainer-local"),
    inputs: dict[str, Any] | None = None,
) -> tuple[str, Path]:
    """Run the ready pipeline's container component in Docker; return (status, outputs dir).

    Args:
        model: The Keras model file (mounted read-only by KFP's importer path handling).
        data: The .npz data file.
        image: The component's image (must hold this version of autotrainer).
        pipeline_root: Where KFP writes the task outputs.
        inputs: Other component inputs (profile, experiment, ...; None values left out).
    """
    for path, what in ((model, "--model"), (data, "--data")):
        if not Path(path).is_file():
            raise InputError(f"{what} {path}: no such file")
    check_docker(image)
    from kfp import local

    from autotrainer_keras.kfp.submit import pipeline_for

    pipeline_root = Path(pipeline_root).resolve()
    pipeline_root.mkdir(parents=True, exist_ok=True)
    local.init(runner=local.DockerRunner(), pipeline_root=str(pipeline_root))
    given = {k: v for k, v in (inputs or {}).items() if v is not None}
    task = pipeline_for("ready", image)(
        model_uri=str(Path(model).resolve()),
        dataset_uri=str(Path(data).resolve()),
        fail_on_unrepaired=False,
        **given,
    )
    report = Path(task.outputs["report"].path)
    return str(task.outputs["status"]), report


def exit_code_for(status: str, fail_on_unrepaired: bool) -> int:
    """0, or EXIT_UNREPAIRED when asked to fail on an unrepaired model."""
    return EXIT_UNREPAIRED if fail_on_unrepaired and status == "unrepaired" else 0
