"""The autotrainer's `Watch` riding along a plain run, so its detectors can be replayed offline.

`RecordingWatch` attaches `autotrainer_keras.keras.Watch` (default profile, `on_problem="warn"`:
it never stops or changes training; its probe runs the model in inference mode on a fixed
batch) and keeps everything it measured (`TrainingHistory.to_dict()`), which goes into the
run's curves JSON as `watch_history`. Any rule set can then be judged against the labels on
every recorded run in seconds (`benchmarks.real.replay`), instead of retraining the zoo per
change. A Watch that cannot follow a model (an unsupported loss, say) records its error and
steps aside: the plain run is never lost to it.
"""

from __future__ import annotations

import warnings
from typing import Any

import keras


class RecordingWatch(keras.callbacks.Callback):
    """Forwards to a `Watch` until it raises; then records why and does nothing more.

    Args:
        x: Training inputs (the probe batch is drawn from them, stratified).
        y: Training targets.
        sample_weight: The training rows' weights when the run trains with them (the Watch's
            baseline is then the weighted constant predictor's loss, as Keras weighs the loss).
    """

    def __init__(self, x: Any, y: Any, sample_weight: Any = None) -> None:
        super().__init__()
        self.error = ""
        self._watch: Any = None
        try:
            from autotrainer_keras.keras import Watch

            probe = (x, y) if sample_weight is None else (x, y, sample_weight)
            self._watch = Watch(profile="default", on_problem="warn", probe_data=probe, verbose=0)
        except Exception as error:  # noqa: BLE001 - the plain run goes on without it
            self.error = f"{type(error).__name__}: {error}"[:300]

    def set_model(self, model: keras.Model) -> None:
        super().set_model(model)
        if self._watch is not None:
            self._watch.set_model(model)

    def set_params(self, params: dict[str, Any]) -> None:
        super().set_params(params)
        if self._watch is not None:
            self._watch.set_params(params)

    def _forward(self, hook: str, *args: Any) -> None:
        if self._watch is None:
            return
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                getattr(self._watch, hook)(*args)
        except Exception as error:  # noqa: BLE001 - see the module docstring
            self.error = f"{hook}: {type(error).__name__}: {error}"[:300]
            self._watch = None

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._forward("on_train_begin", logs)

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._forward("on_epoch_begin", epoch, logs)

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        self._forward("on_train_batch_end", batch, logs)

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._forward("on_epoch_end", epoch, logs)

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        self._forward("on_train_end", logs)

    def record(self) -> dict[str, Any]:
        """`{"history": TrainingHistory dict or None, "findings": [...], "error": str}`."""
        watch = self._watch
        history = None if watch is None or watch.history is None else watch.history.to_dict()
        findings = [] if watch is None else [f.problem for f in watch.findings]
        return {"history": history, "findings": findings, "error": self.error}
