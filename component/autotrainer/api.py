"""The Python API for notebooks and scripts: `autotrainer.fit`, shaped like `model.fit`.

It runs the same engine as the CLI (`engine.job.prepare_loaded` + `engine.job.execute`) on a
model object and arrays instead of files, and writes the same outputs (report.json,
report.html, plots, model.keras and final_config.yaml when repairing) to `output_dir`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autotrainer.problems import Finding

if TYPE_CHECKING:
    import keras
    import numpy as np

    from autotrainer.config import AutotrainerConfig

DEFAULT_OUTPUT = Path("autotrainer-output")
"""Where outputs go when `output_dir` is not given (the CLI's default too)."""


@dataclass(frozen=True)
class FitResult:
    """What `fit` returns.

    Attributes:
        status: "healthy", "detected" (repair=False), "repaired" or "unrepaired".
        findings: The problems detected in the original training, first one first.
        repairs: One record per repair attempt (attempt, solution, params, outcome, metrics).
        model: The model the job ended with: the accepted repair, else the best model seen
            (`report["final"]["attempt"]` names it; "original" means the object passed to
            `fit`, trained).
        report: The report.json document.
        report_path: Path of report.json.
        output_dir: Where every output was written.
    """

    status: str
    findings: list[Finding]
    repairs: list[dict[str, Any]]
    model: keras.Model | None
    report: dict[str, Any] = field(repr=False)
    report_path: Path
    output_dir: Path

    @property
    def html_path(self) -> Path | None:
        """Path of report.html, if it was written."""
        path = self.output_dir / "report.html"
        return path if path.is_file() else None

    @property
    def repaired(self) -> bool:
        return self.status == "repaired"

    def summary(self) -> str:
        """The few lines the CLI prints after a job."""
        from autotrainer.record.report_text import render_summary

        return render_summary(self.report, self.report_path)

    def _repr_html_(self) -> str:
        return f"<pre>{escape(self.summary())}</pre>"


def _config(
    config: AutotrainerConfig | dict[str, Any] | str | Path | None,
) -> AutotrainerConfig:
    from autotrainer.config import AutotrainerConfig, config_from_dict, load_config
    from autotrainer.errors import InputError

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


def _tracking(tracking: bool | str | None) -> dict[str, Any]:
    if tracking is None:
        return {}
    if isinstance(tracking, bool):
        return {"tracking__enabled": tracking}
    return {"tracking__enabled": True, "tracking__tracking_uri": tracking}


def fit(
    model: keras.Model,
    x: np.ndarray,
    y: np.ndarray,
    validation_data: tuple[np.ndarray, np.ndarray] | None = None,
    epochs: int | None = None,
    batch_size: int | None = None,
    config: AutotrainerConfig | dict[str, Any] | str | Path | None = None,
    profile: str | None = None,
    repair: bool = True,
    output_dir: str | Path | None = None,
    tracking: bool | str | None = None,
    verbose: bool = True,
) -> FitResult:
    """Train `model` under watch, detect training problems, repair them (like `model.fit`).

    The model is trained in place, as `model.fit` would: the original training updates
    `model`'s weights (and compiles it with the resolved optimizer, loss and metrics). Repair
    candidates are new models built from its config; the one accepted (or, when none is, the
    best model seen, which may be a candidate) is returned as `result.model`, so always use
    `result.model` afterwards, not `model`. Outputs go to `output_dir` only.

    Args:
        model: A Keras 3 model (compiled or not; its compile settings are the defaults).
        x: Training inputs, one row per sample.
        y: Training targets.
        validation_data: `(x_val, y_val)`; None: `training.validation_split` of `x` is held out.
        epochs: Epoch budget of one training; None: `training.epochs` of the config.
        batch_size: None: `training.batch_size` of the config.
        config: An `AutotrainerConfig`, a dict of config sections, or a YAML file path;
            None: the defaults.
        profile: Detection/repair rules, "default" or "paper"; None: from the config.
        repair: False: only train and detect (the CLI's `detect`); True: also repair (`run`).
        output_dir: Where outputs go; None: ./autotrainer-output.
        tracking: None: as configured (MLflow at MLFLOW_TRACKING_URI, else ./mlflow.db);
            False: no MLflow; True: on; a string: on, with that tracking URI.
        verbose: Print one line per epoch, finding and attempt to stderr.

    Returns:
        A FitResult with the status, findings, repair attempts, final model and report.

    Raises:
        InputError: The model, data, config or output directory is unusable (nothing
            trained; the message names what was received and what is allowed).
        Interrupted: SIGINT/SIGTERM stopped the job; partial results were written.
    """
    from autotrainer.engine.attempt import StopFlag
    from autotrainer.engine.job import execute, prepare_loaded
    from autotrainer.io.data import dataset_from_arrays
    from autotrainer.progress import NullProgress, PlainProgress
    from autotrainer.signals import stop_on_signals

    settings = _config(config).with_overrides(
        training__epochs=epochs,
        training__batch_size=batch_size,
        detection__profile=profile,
        **_tracking(tracking),
    )
    arrays = {"x_train": x, "y_train": y}
    if validation_data is not None:
        arrays["x_val"], arrays["y_val"] = _pair(validation_data)
    training = settings.training
    data = dataset_from_arrays(arrays, training.validation_split, training.seed, origin="fit()")
    flag = StopFlag()
    job = prepare_loaded(
        _keras_model(model),
        data,
        settings,
        Path(output_dir) if output_dir is not None else DEFAULT_OUTPUT,
        command="run" if repair else "detect",
        model_file=Path(f"<in-memory model {getattr(model, 'name', '')}>"),
        data_file="<arrays passed to fit()>",
        progress=PlainProgress() if verbose else NullProgress(),
        stop_flag=flag,
    )
    if threading.current_thread() is threading.main_thread():
        with stop_on_signals(flag):  # a notebook's "interrupt kernel" stops gracefully
            result = execute(job, repair=repair)
    else:  # signal handlers can only be set in the main thread
        result = execute(job, repair=repair)
    report = result.report
    return FitResult(
        status=report["status"],
        findings=[Finding.from_dict(d) for d in report.get("detections", [])],
        repairs=list(report.get("repairs", [])),
        model=result.final_model,
        report=report,
        report_path=result.report_path,
        output_dir=job.out,
    )


def _pair(validation_data: Any) -> tuple[Any, Any]:
    from autotrainer.errors import InputError

    if not isinstance(validation_data, tuple | list) or len(validation_data) != 2:
        raise InputError("fit(): validation_data must be a pair (x_val, y_val)")
    return validation_data[0], validation_data[1]


def _keras_model(model: Any) -> keras.Model:
    import keras

    from autotrainer.errors import InputError

    if not isinstance(model, keras.Model):
        raise InputError(f"fit(): model must be a keras.Model, got {type(model).__name__}")
    return model
