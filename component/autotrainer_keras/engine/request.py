"""What a job is asked to do: one typed request, checked once at the boundary.

The CLI, `autotrainer_keras.fit`, the KFP launcher, the scale-out tasks and the demo all build a
`JobRequest` and hand it to `engine.runner.execute`. Nothing here imports Keras, so a bad
request is refused in a moment, before TensorFlow loads.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.errors import InputError
from autotrainer_keras.io.atomic import prepare_output_dir
from autotrainer_keras.record.mlflow_keys import SPOOL_FILE

if TYPE_CHECKING:
    from autotrainer_keras.io.data import Dataset

DEFAULT_OUTPUT = Path("autotrainer-output")
"""Where outputs go when no output directory is given (CLI, API, demo)."""

SPOOL_PROGRESS_FILE = "mlflow-spool.progress.json"


class Mode(StrEnum):
    """Detect only (train under watch and report), or detect and repair."""

    DETECT = "detect"
    REPAIR = "repair"

    @property
    def command(self) -> str:
        """The CLI command of this mode, as report.json names it ("detect" | "run")."""
        return "run" if self is Mode.REPAIR else "detect"


@dataclass(frozen=True)
class JobRequest:
    """One job: what to train on what, how, and where its outputs go.

    Attributes:
        mode: Detect, or detect and repair.
        model: A `.keras`/`.h5` file (only read), or a `keras.Model` object (trained in place).
        data: An `.npz` file, or a loaded `Dataset`.
        config: The typed settings (defaults, file and overrides already merged).
        output_dir: The job's own directory (see `check_request`).
        trust_model_code: Allow Lambda/custom layers from the model file.
        model_label: How the report names an in-memory model (None: the file path).
        data_label: How the report names in-memory data (None: the file path).
        callbacks: The caller's own Keras callbacks, passed to every training of the job (the
            same instances: the original and each candidate).
        custom_objects: The user's own functions and classes by the name a Keras config gives
            them (an unregistered loss function of an in-memory model; what `--custom-objects`
            imported), in scope while the job loads, compiles and rebuilds models.
        notes: What the caller's arguments changed, for the report's warnings (a resumed
            `fit(initial_epoch=k)` trained the epochs left).
    """

    mode: Mode
    model: Path | Any
    data: Path | Dataset
    config: AutotrainerConfig
    output_dir: Path = DEFAULT_OUTPUT
    trust_model_code: bool = False
    model_label: str | None = None
    data_label: str | None = None
    callbacks: tuple[Any, ...] = ()
    custom_objects: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def repair(self) -> bool:
        return self.mode is Mode.REPAIR

    @property
    def model_path(self) -> Path | None:
        return self.model if isinstance(self.model, Path) else None

    @property
    def data_path(self) -> Path | None:
        return self.data if isinstance(self.data, Path) else None

    def with_mode(self, mode: Mode) -> JobRequest:
        return replace(self, mode=mode)


@dataclass(frozen=True)
class CheckedRequest:
    """A request whose inputs were checked and whose output directory the job now owns.

    Attributes:
        request: The request as given.
        out: The output directory, created and writable.
        set_aside: Files of an earlier run renamed out of the job's way (old -> new name).
    """

    request: JobRequest
    out: Path
    set_aside: dict[str, str]


def check_request(request: JobRequest) -> CheckedRequest:
    """Check the input files and make the output directory the job's own, once.

    Refuses (InputError, exit 2) an output directory that holds the input model or data file
    (the job writes `model.keras`, `report.json`, ... there and would overwrite or upload
    them). An earlier run's MLflow spool in the directory is renamed, so this job's spool holds
    this job's records only (`autotrainer-keras replay` of the renamed file: rename it back).

    Raises:
        InputError: An input file is unusable, or the output directory cannot be the job's.
    """
    from autotrainer_keras.io.data import check_data_file
    from autotrainer_keras.io.model_file import check_model_file

    if request.model_path is not None:
        check_model_file(request.model_path, request.trust_model_code)
    if request.data_path is not None:
        check_data_file(request.data_path)
    out = prepare_output_dir(request.output_dir)  # an existing file: "is a file" first
    _refuse_inputs_inside(request)  # the folder existed already: nothing was created
    return CheckedRequest(request, out, _set_aside_earlier_spool(out))


def _refuse_inputs_inside(request: JobRequest) -> None:
    out = request.output_dir.resolve()
    for what, path in (("model", request.model_path), ("data", request.data_path)):
        if path is None:
            continue
        resolved = path.resolve()
        if out == resolved or out in resolved.parents:
            raise InputError(
                f"output directory {request.output_dir} holds the input {what} file {path}; "
                "pass an output directory that contains none of the inputs"
            )


def _set_aside_earlier_spool(out: Path) -> dict[str, str]:
    moved: dict[str, str] = {}
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    for name in (SPOOL_FILE, SPOOL_PROGRESS_FILE):
        path = out / name
        if not path.is_file():
            continue
        stem, _, suffix = name.partition(".")
        target = out / f"{stem}.earlier-{stamp}.{suffix}"
        count = 2
        while target.exists():
            target = out / f"{stem}.earlier-{stamp}-{count}.{suffix}"
            count += 1
        path.rename(target)
        moved[name] = target.name
    return moved
