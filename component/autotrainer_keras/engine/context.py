"""What every training of one job shares: data, config, detector, recorder, stop flag."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import keras

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.detect.detector import Detector
from autotrainer_keras.engine.attempt import AttemptResult, AttemptTraining, StopFlag
from autotrainer_keras.engine.rate_schedules import (
    for_candidate,
    kept_for,
    rate_factor,
    rate_setters,
    witnessed,
)
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.history import Task
from autotrainer_keras.measure.reference_fit import LazyReference
from autotrainer_keras.progress import Progress
from autotrainer_keras.record.recorder import Recorder
from autotrainer_keras.record.sink import Sink
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.spec import TrainingSpec
from autotrainer_keras.repair.warm_start import InitialWeights


@dataclass
class JobContext:
    """Collaborators of one job, injected (no globals)."""

    data: Dataset
    task: Task
    config: AutotrainerConfig
    detector: Detector
    recorder: Recorder
    stop_flag: StopFlag = field(default_factory=StopFlag)
    original: AttemptResult | None = None  # set once the original training is done
    original_training: AttemptTraining | None = None
    """The original's training, kept to train on (`engine.more_epochs`)."""
    setup: Any = None  # engine.setup_check.SetupCheck: pre-flight checks (default profile)
    user_callbacks: list[keras.callbacks.Callback] = field(default_factory=list)
    """The caller's own callback objects, passed to every training (the same instances; a
    `LearningRateScheduler` scaled to a candidate's own rate: `engine.rate_schedules`)."""
    original_callbacks: list[keras.callbacks.Callback] = field(default_factory=list)
    """The callbacks the original trained with, the user's own classes `witnessed`."""
    initial: InitialWeights | None = None
    """The user's model's weights as given, before the original trained (warm starts)."""
    references: dict[str | None, LazyReference] = field(default_factory=dict)
    """The data's ceiling per loss (`measure.reference_fit`), fitted once for the job's
    trainings (the original and each candidate train on the same rows)."""
    unbuilt: list[str] = field(default_factory=list)
    """Why candidates Keras could not build from their config were skipped, one line each
    (an object of the user's own Keras finds by no name): the report says so when none
    trained."""

    @property
    def sink(self) -> Sink:
        return self.recorder.sink

    @property
    def rate_setters(self) -> list[keras.callbacks.Callback]:
        """The user's own callbacks that set the learning rate while the original trained
        (a candidate runs them at its own rate: `engine.rate_schedules.RateScaled`)."""
        return rate_setters(self.original_callbacks)

    @property
    def progress(self) -> Progress:
        return self.recorder.progress

    def train(
        self,
        name: str,
        model: keras.Model,
        spec: TrainingSpec,
        extra_callbacks: list[keras.callbacks.Callback] | None = None,
        stop_on_detection: bool | None = None,
    ) -> AttemptResult:
        """Train one attempt (open in the recorder: the caller started it and ends it);
        under the default profile the pre-flight checks run first on the attempt's model."""
        training = self.start(name, model, spec, extra_callbacks, stop_on_detection)
        training.fit(spec.epochs)
        return self.result_of(training)

    def start(
        self,
        name: str,
        model: keras.Model,
        spec: TrainingSpec,
        extra_callbacks: list[keras.callbacks.Callback] | None = None,
        stop_on_detection: bool | None = None,
    ) -> AttemptTraining:
        """An attempt's training, set up but not run (`fit` it in one or more segments, then
        `result_of`); the pre-flight checks (default profile) run on its model first."""
        user = kept_for(self.user_callbacks, spec.user_schedules, spec.user_stops)
        user = [_fresh_swap(c) for c in user
                if spec.optimizer.get("use_ema") or not _is_swap(c)]  # fmt: skip
        if self.original is not None:  # a candidate: the user's schedules at its own rate
            user = for_candidate(user, rate_factor(self.original.spec, spec), self.rate_setters)
        else:  # the original: which of the user's own callbacks set the rate
            user = self.original_callbacks = witnessed(user)
        setup_findings = self.setup.check(model, spec) if self.setup is not None else []
        for finding in setup_findings:
            self.recorder.finding(finding)
        training = AttemptTraining(
            name,
            model,
            spec,
            reweighted(self.data, spec.class_weight),
            self.task,
            self.config,
            self.detector,
            self.recorder,
            compile_model=keras_spec.compile_model,
            callbacks=[
                *keras_spec.make_callbacks(spec),
                *user,
                *(extra_callbacks or []),
            ],
            stop_flag=self.stop_flag,
            stop_on_detection=stop_on_detection,
            references=self.references,
        )
        training.setup_findings = setup_findings
        return training

    def result_of(self, training: AttemptTraining) -> AttemptResult:
        """The training's result so far, its pre-flight findings merged in."""
        result = training.result()
        if self.setup is not None:
            result.findings[:] = self.setup.merge(training.setup_findings, result.findings)
        return result


def _is_swap(callback: keras.callbacks.Callback) -> bool:
    return isinstance(callback, keras.callbacks.SwapEMAWeights)


def _fresh_swap(callback: keras.callbacks.Callback) -> keras.callbacks.Callback:
    """A caller's `SwapEMAWeights` as a new instance per training (any other callback as it
    is). Its instance remembers that the average was swapped into the model at the end of the
    last epoch, and swaps "back" at the next `fit`'s first epoch: a candidate's model then
    got its new optimizer's average slots (every ReLU dead at the first check). A candidate
    whose optimizer keeps no average leaves it out (Keras raises in it)."""
    if not _is_swap(callback):
        return callback
    return keras.callbacks.SwapEMAWeights(swap_on_epoch=callback.swap_on_epoch)


def reweighted(data: Dataset, class_weight: dict[int, float] | None) -> Dataset:
    """The data a training of a spec sees: its class weights in place of the data's class
    and sample weights (`TrainingSpec.class_weight`; None: `data` as it is). Validation
    sample weights are kept: every attempt is scored alike."""
    if class_weight is None:
        return data
    return replace(data, sample_weight=None, class_weight=class_weight or None)
