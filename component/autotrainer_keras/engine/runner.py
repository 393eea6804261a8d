"""The one entry to the engine: `execute(request)` for the CLI, the API, KFP and the demo.

    result = execute(JobRequest(Mode.REPAIR, Path("m.keras"), Path("d.npz"), config))

Order: the request is checked and the output directory made the job's own (no TensorFlow
yet, so bad input is refused in a moment); runs an earlier killed job left open in MLflow
are closed; the model and data are loaded; the job trains, repairs and writes its outputs.
With `handle_signals` (main thread only), SIGINT/SIGTERM abort at once while loading and stop
gracefully while training (every further signal is ignored until the outputs are written).
"""

from __future__ import annotations

import sys
import threading
from contextlib import AbstractContextManager, ExitStack, nullcontext
from typing import TYPE_CHECKING

from autotrainer_keras.engine.request import CheckedRequest, JobRequest, check_request
from autotrainer_keras.progress import NullProgress, Progress

if TYPE_CHECKING:
    from autotrainer_keras.detect import Detector
    from autotrainer_keras.engine.attempt import StopFlag
    from autotrainer_keras.engine.job import PreparedJob
    from autotrainer_keras.engine.result import JobResult
    from autotrainer_keras.record.sink import Sink


def _warn(text: str) -> None:
    print(f"autotrainer: warning: {text}", file=sys.stderr, flush=True)


def prepare(
    request: JobRequest | CheckedRequest,
    progress: Progress | None = None,
    *,
    stop_flag: StopFlag | None = None,
    sink: Sink | None = None,
    detector: Detector | None = None,
) -> PreparedJob:
    """Check the request (unless checked already), load its inputs, set up the job."""
    checked = request if isinstance(request, CheckedRequest) else check_request(request)
    for old, new in checked.set_aside.items():
        _warn(f"an earlier run's {old} in {checked.out} was renamed {new}")
    from autotrainer_keras.record.open_runs import close_left_open

    tracking = checked.request.config.tracking
    uri = tracking.resolved_tracking_uri() if tracking.enabled else None
    close_left_open(checked.out, _warn, uri)
    from autotrainer_keras.engine.earlier_outputs import remove_earlier_outputs
    from autotrainer_keras.engine.job import prepare_loaded

    progress = progress or NullProgress()
    job = prepare_loaded(checked, progress, stop_flag=stop_flag, sink=sink, detector=detector)
    removed = remove_earlier_outputs(checked.out)  # the inputs are good: this job's directory
    if removed:  # what a rerun into its directory expects: a note, not a warning
        progress.message(f"an earlier run's {', '.join(removed)} in {checked.out} removed")
    return job


def execute(
    request: JobRequest | CheckedRequest,
    progress: Progress | None = None,
    *,
    stop_flag: StopFlag | None = None,
    sink: Sink | None = None,
    detector: Detector | None = None,
    handle_signals: bool = False,
) -> JobResult:
    """Run one job end to end and return its typed result.

    Args:
        request: What to do (checked here if it is not a `CheckedRequest` yet).
        progress: The progress view (None: nothing shown).
        stop_flag: Set to stop the training gracefully (None: a new one).
        sink: Where tracking goes (None: from `config.tracking`).
        detector: The detector (None: the configured profile's).
        handle_signals: Install SIGINT/SIGTERM handlers (only in the main thread).

    Raises:
        InputError: Bad input (nothing trained, nothing overwritten).
        Interrupted: A signal stopped the job; partial results were written.
    """
    from autotrainer_keras.signals import abort_on_signals, stop_on_signals

    signals = handle_signals and threading.current_thread() is threading.main_thread()
    checked = request if isinstance(request, CheckedRequest) else check_request(request)
    loading: AbstractContextManager[object] = abort_on_signals() if signals else nullcontext()
    with ExitStack() as user_objects:
        with loading:  # importing TensorFlow, loading: nothing to keep, stop at once
            from autotrainer_keras.engine.attempt import StopFlag
            from autotrainer_keras.engine.job import run
            from autotrainer_keras.engine.strategy_scope import strategy_scope

            user_objects.enter_context(custom_objects_scope(checked.request))
            flag = stop_flag or StopFlag()
            job = prepare(checked, progress, stop_flag=flag, sink=sink, detector=detector)
        training: AbstractContextManager[object] = (
            stop_on_signals(flag) if signals else nullcontext()
        )
        with training, strategy_scope(job.model):  # the user's tf.distribute strategy, if any
            return run(job)


def custom_objects_scope(request: JobRequest | CheckedRequest) -> AbstractContextManager[object]:
    """Keras' custom object scope of the request's own functions and classes (loading the
    model file, compiling the loss, rebuilding every candidate find them by name); nothing
    when there are none."""
    request = request.request if isinstance(request, CheckedRequest) else request
    if not request.custom_objects:
        return nullcontext()
    import keras

    return keras.saving.custom_object_scope(dict(request.custom_objects))
