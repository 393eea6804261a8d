"""The Python API for notebooks and scripts: `autotrainer_keras.fit`, shaped like `model.fit`.

It runs the same engine as the CLI (`engine.runner.execute` of a `JobRequest`) on a model
object and arrays instead of files, and writes the same outputs (report.json,
report.html, plots, model.keras and final_config.yaml when repairing) to `output_dir`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autotrainer_keras.engine.request import DEFAULT_OUTPUT, JobRequest, Mode
from autotrainer_keras.problems import Finding

if TYPE_CHECKING:
    import keras
    import numpy as np

    from autotrainer_keras.config import AutotrainerConfig
    from autotrainer_keras.detect import Detector

__all__ = ["DEFAULT_OUTPUT", "FitResult", "fit"]


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
        from autotrainer_keras.record.report_text import render_summary

        return render_summary(self.report, self.report_path)

    def _repr_html_(self) -> str:
        return f"<pre>{escape(self.summary())}</pre>"


def _config(
    config: AutotrainerConfig | dict[str, Any] | str | Path | None,
) -> AutotrainerConfig:
    from autotrainer_keras.config import resolve_config

    return resolve_config(config)


def _tracking(tracking: bool | str | None) -> dict[str, Any]:
    if tracking is None:
        return {}
    if isinstance(tracking, bool):
        return {"tracking__enabled": tracking}
    return {"tracking__enabled": True, "tracking__tracking_uri": tracking}


def _resumed(initial_epoch: Any, epochs: int | None,
             configured: int) -> tuple[int | None, tuple[str, ...]]:  # fmt: skip
    """(the epochs to train, the report's note) of `fit(epochs=epochs,
    initial_epoch=initial_epoch)`: Keras trains epochs initial_epoch..epochs-1 (`epochs`
    None: the `configured` ones; kept None when nothing is resumed).

    Raises:
        InputError: initial_epoch is not a whole number from 0, or leaves no epoch.
    """
    from autotrainer_keras.errors import InputError

    if isinstance(initial_epoch, bool) or not isinstance(initial_epoch, int) or initial_epoch < 0:
        raise InputError(f"fit(): initial_epoch must be a whole number from 0, got "
                         f"{initial_epoch!r}")  # fmt: skip
    if initial_epoch == 0:
        return epochs, ()
    epochs = configured if epochs is None else epochs
    left = epochs - initial_epoch
    if left < 1:
        raise InputError(f"fit(): initial_epoch={initial_epoch} leaves no epoch of "
                         f"epochs={epochs} to train (Keras trains epochs initial_epoch to "
                         "epochs - 1)")  # fmt: skip
    return left, (f"fit(initial_epoch={initial_epoch}, epochs={epochs}): trained the {left} "
                  "epoch(s) left from the model's current weights, numbered from 0 for the "
                  "callbacks",)  # fmt: skip


def fit(
    model: keras.Model,
    x: Any = None,
    y: Any = None,
    batch_size: int | None = None,
    epochs: int | None = None,
    verbose: bool = True,
    callbacks: list[keras.callbacks.Callback] | None = None,
    validation_split: float | None = None,
    validation_data: Any = None,
    class_weight: dict[int, float] | None = None,
    sample_weight: np.ndarray | dict[str, np.ndarray] | list[np.ndarray] | None = None,
    initial_epoch: int = 0,
    *,
    config: AutotrainerConfig | dict[str, Any] | str | Path | None = None,
    profile: str | None = None,
    repair: bool = True,
    output_dir: str | Path | None = None,
    tracking: bool | str | None = None,
    detector: Detector | None = None,
    shuffle: bool = True,
    steps_per_epoch: int | None = None,
    validation_steps: int | None = None,
    validation_batch_size: int | None = None,
    validation_freq: int = 1,
) -> FitResult:
    """Train `model` under watch, detect training problems, repair them (like `model.fit`).

    The model is trained in place, as `model.fit` would: the original training updates
    `model`'s weights (and compiles it with the resolved optimizer, loss and metrics). Repair
    candidates are new models built from its config; the one accepted (or, when none is, the
    best model seen, which may be a candidate) is returned as `result.model`, so always use
    `result.model` afterwards, not `model`. Outputs go to `output_dir` only.

    The data arguments are those of `keras.Model.fit` (see `autotrainer_keras.fit_inputs`): a
    dataset is read once into memory for the checks and probes; a `tf.data.Dataset` with
    `validation_data` and no sample weights is also trained on as given, iterated anew every
    epoch at its batch size (its random augmentation drawn again, as under Keras' `fit`);
    other datasets, and candidates at another batch size, train on the rows read.
    MLflow autologging, if on, is suspended during the job's trainings: the job records itself.

    A model built and compiled under a `tf.distribute.MirroredStrategy` scope is trained
    under it, and so is every repair candidate (rebuilt in the same scope); the watch's
    statistics are those of the global batch, so the findings are those of one device.

    Args:
        model: A Keras 3 model (compiled or not; its compile settings are the defaults).
        x: Training inputs (an array), or a finite `tf.data.Dataset` / `keras.utils.PyDataset`
            of `(x, y)` or `(x, y, sample_weight)` batches.
        y: Training targets (arrays only; None with a dataset).
        batch_size: None: the dataset's batch size, else `training.batch_size` of the config.
        epochs: Epoch budget of one training; None: `training.epochs` of the config.
        verbose: Print one line per epoch, finding and attempt to stderr.
        callbacks: Your Keras callbacks. The same objects join every training of the job (the
            original and each repair candidate) and see the watched model, which shares your
            model's layers. Keras' EarlyStopping, ReduceLROnPlateau and TerminateOnNaN reset
            themselves when a training starts; ModelCheckpoint(save_best_only=True) keeps its
            best over the whole job; a LearningRateScheduler runs scaled by a candidate's
            learning rate over the original's (`engine.rate_schedules`), so it does not undo
            a learning-rate or optimizer repair. Callbacks given as data in
            `training.callbacks` of the config are re-created for each training.
        validation_split: Hold out the last fraction of the rows (before shuffling, as Keras).
        validation_data: `(x_val, y_val)`, `(x_val, y_val, sample_weight_val)` or a dataset;
            None (and no validation_split): `training.validation_split` of the config, seeded.
        class_weight: `{class index: weight}`, as Keras' `fit`.
        sample_weight: One weight per training row (not with a dataset that yields weights);
            for several outputs that array for all, or one per output (a dict by output name
            or a list in their order), as Keras' `fit` takes them.
        initial_epoch: A training resumed at epoch k (a second `fit` on a trained model):
            the job trains the `epochs - k` epochs left, from the model's current weights (as
            every candidate that keeps them), numbered from 0 for your callbacks; the report
            says so.
        config: An `AutotrainerConfig`, a dict of config sections, or a YAML file path;
            None: the defaults.
        profile: Detection/repair rules, "default" or "paper"; None: from the config.
        repair: False: only train and detect (the CLI's `detect`); True: also repair (`run`).
        output_dir: Where outputs go; None: ./autotrainer-output.
        tracking: None: as configured (MLflow at MLFLOW_TRACKING_URI, else ./mlflow.db);
            False: no MLflow; True: on; a string: on, with that tracking URI.
        detector: The detector to judge the trainings (None: the profile's; any object with
            the `autotrainer_keras.detect.Detector` methods).
        steps_per_epoch, validation_steps: With a dataset, a PyDataset or a generator
            (an infinite one too, as Keras takes it): the job reads that many batches of it
            once, one epoch, and trains every attempt on those rows (an augmenting
            generator's randomness is then that of one epoch); refused next to arrays.
        shuffle: As Keras takes it for arrays: False trains the original and every
            candidate on the rows in their given order (`training.shuffle`).
        validation_batch_size: As Keras takes it: rows per validation batch, for every
            training and evaluation of the job (None: the training batch size;
            `training.validation_batch_size`).
        validation_freq: As Keras takes it (a positive int, or the epochs to validate at);
            the job validates at every epoch end whatever it is (its rules read every
            epoch's validation metrics; the training itself is the same).

    Returns:
        A FitResult with the status, findings, repair attempts, final model and report.

    Raises:
        InputError: The model, data, config or output directory is unusable (nothing
            trained; the message names what was received and what is allowed), or Keras
            runs another backend than TensorFlow, or TensorFlow is not installed
            (`MissingExtraError`, naming the extra to install).
        Interrupted: SIGINT/SIGTERM stopped the job; partial results were written.
    """
    from autotrainer_keras.extras import require_tensorflow, require_tensorflow_backend

    require_tensorflow("autotrainer_keras.fit")
    require_tensorflow_backend("autotrainer_keras.fit")
    from autotrainer_keras.autolog_guard import autologging_suspended
    from autotrainer_keras.engine.runner import execute
    from autotrainer_keras.fit_inputs import fit_data
    from autotrainer_keras.progress import NullProgress, PlainProgress

    _check_validation_batch_size(validation_batch_size)
    _check_shuffle(shuffle)
    _check_validation_freq(validation_freq)
    _refuse_argument_types(repair=repair, output_dir=output_dir)
    settings = _config(config)
    epochs, notes = _resumed(initial_epoch, epochs, settings.training.epochs)
    settings = settings.with_overrides(
        origin="fit()",
        training__epochs=epochs,
        training__batch_size=batch_size,
        training__shuffle=None if shuffle else False,
        training__validation_batch_size=validation_batch_size,
        detection__profile=profile,
        **_tracking(tracking),
    )
    training = settings.training
    from autotrainer_keras.engine.compiled import (
        user_activation_functions,
        user_compile_objects,
        user_layer_classes,
        user_optimizer_classes,
    )

    live = _keras_model(model)
    user_objects = {**user_activation_functions(live), **user_compile_objects(live),
                    **user_layer_classes(live), **user_optimizer_classes(live)}  # fmt: skip
    model = _with_named_inputs(model, user_objects)
    x, y, validation_data = _named(model, x, y, validation_data)
    data = fit_data(
        x,
        y,
        validation_data=validation_data,
        validation_split=validation_split,
        sample_weight=sample_weight,
        class_weight=class_weight,
        config_split=training.validation_split,
        seed=training.seed,
        steps_per_epoch=_steps("steps_per_epoch", steps_per_epoch),
        validation_steps=_steps("validation_steps", validation_steps),
    )
    if batch_size is None and data.batch_size is not None:
        settings = settings.with_overrides(origin="fit()", training__batch_size=data.batch_size)
    request = JobRequest(
        Mode.REPAIR if repair else Mode.DETECT,
        _keras_model(model),
        data.dataset,
        settings,
        output_dir=Path(output_dir) if output_dir is not None else DEFAULT_OUTPUT,
        model_label=f"<in-memory model {getattr(model, 'name', '')}>",
        data_label="<data passed to fit()>",
        callbacks=tuple(_callbacks(callbacks)),
        custom_objects=user_objects,
        notes=notes,
    )
    # a notebook's "interrupt kernel" stops gracefully (signal handlers: main thread only);
    # MLflow autologging is suspended while the job trains (its own runs are the record)
    with autologging_suspended():
        result = execute(
            request,
            PlainProgress() if verbose else NullProgress(),
            detector=detector,
            handle_signals=True,
        )
    return FitResult(
        status=result.status,
        findings=list(result.findings),
        repairs=[attempt.summary().repair_dict() for attempt in result.attempts],
        model=result.final_model,
        report=result.report,
        report_path=result.report_path,
        output_dir=result.output_dir,
    )


def _with_named_inputs(model: keras.Model, user_objects: dict[str, Any]) -> keras.Model:
    """`model`, or the copy of it the job trains when its inputs are unnamed
    (`engine.input_names`: Keras takes those only as a list, the job keeps inputs by name)."""
    from autotrainer_keras.engine.input_names import has_unnamed_inputs, with_named_inputs

    return with_named_inputs(model, user_objects) if has_unnamed_inputs(model) else model


def _named(model: Any, x: Any, y: Any, validation_data: Any) -> tuple[Any, Any, Any]:
    """Inputs and targets given by position (lists, as `keras.Model.fit` takes them for a
    model declared with lists of inputs or outputs) as dicts by the model's names."""
    from autotrainer_keras.engine.output_setup import input_layer_names, output_names
    from autotrainer_keras.fit_inputs import batches_by_name, by_position, dataset_by_name

    try:  # a subclassed model before its first call has no graph ends: nothing to map by
        declared_inputs, declared_outputs = model.input, model.output
    except (AttributeError, ValueError):
        return x, y, validation_data
    inputs = None if isinstance(declared_inputs, dict) else input_layer_names(model)
    outputs = None if isinstance(declared_outputs, dict) else output_names(model)

    def named(given_x: Any, given_y: Any) -> tuple[Any, Any]:
        return by_position(given_x, inputs, "inputs"), by_position(given_y, outputs, "outputs")

    x, y = named(batches_by_name(dataset_by_name(x, inputs), inputs, outputs), y)
    if isinstance(validation_data, tuple | list) and len(validation_data) in (2, 3):
        validation_data = (*named(validation_data[0], validation_data[1]), *validation_data[2:])
    return x, y, batches_by_name(dataset_by_name(validation_data, inputs), inputs, outputs)


def _check_validation_batch_size(value: Any) -> None:
    """`validation_batch_size` as Keras takes it: a positive int or None (the training batch
    size); anything else is refused with an `InputError` naming it."""
    from autotrainer_keras.errors import InputError

    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(
            f"fit(): validation_batch_size must be a positive integer or None, got {value!r}"
        )


def _check_shuffle(value: Any) -> None:
    """`shuffle` as the job takes it: True or False (Keras' "batch" is for HDF5 datasets,
    which the job reads into memory)."""
    from autotrainer_keras.errors import InputError

    if type(value).__name__ not in ("bool", "bool_"):  # a NumPy bool too
        raise InputError(f"fit(): shuffle must be True or False, got {value!r}")


def _check_validation_freq(value: Any) -> None:
    """`validation_freq` as Keras takes it: a positive int or a collection of epoch numbers
    (1-based); anything else is refused with an `InputError` naming it."""
    from autotrainer_keras.errors import InputError

    values = [value] if isinstance(value, int) and not isinstance(value, bool) else value
    try:
        ok = all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in values)
    except TypeError:
        ok = False
    if not ok:
        raise InputError(
            f"fit(): validation_freq must be a positive int or a list of epoch numbers (1 and "
            f"up), got {value!r}"
        )


def _steps(name: str, value: Any) -> int | None:
    """`steps_per_epoch` or `validation_steps`: None or a positive int."""
    from autotrainer_keras.errors import InputError

    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"fit(): {name} must be a positive integer or None, got {value!r}")
    return value


def _refuse_argument_types(repair: Any, output_dir: Any) -> None:
    """`repair` a bool (a string such as "no" would read as True), `output_dir` a path."""
    from autotrainer_keras.errors import InputError

    if not isinstance(repair, bool):
        raise InputError(f"fit(): repair must be True or False, got {repair!r}")
    if output_dir is not None and not isinstance(output_dir, str | os.PathLike):
        raise InputError(
            f"fit(): output_dir must be a path (str or pathlib.Path) or None, got "
            f"{type(output_dir).__name__}"
        )


def _callbacks(callbacks: Any) -> list[keras.callbacks.Callback]:
    import keras

    from autotrainer_keras.errors import InputError

    if callbacks is None:
        return []
    if not isinstance(callbacks, list | tuple) or not all(
        isinstance(c, keras.callbacks.Callback) for c in callbacks
    ):
        raise InputError("fit(): callbacks must be a list of keras.callbacks.Callback objects")
    return list(callbacks)


def _keras_model(model: Any) -> keras.Model:
    import keras

    from autotrainer_keras.errors import InputError

    if not isinstance(model, keras.Model):
        raise InputError(f"fit(): model must be a keras.Model, got {type(model).__name__}")
    return model
