"""Layers the training step leaves still although the loss has a gradient for them
(`detect.not_updated`, a `no_gradient` finding): the pure rule, and `Watch` on a class whose
own `train_step` applies gradients to part of its variables (practice batch 34's
`train_step_last_layer_only` and, harmless at the data's ceiling, `..._first_layer_only`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.ceiling import GATED_EVIDENCE, wants_ceiling
from autotrainer_keras.detect.not_updated import not_updated_rule
from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.signals import LossSignals
from autotrainer_keras.problems import SetupProblem
from tests.detect.builders import check, new_history

T = DefaultThresholds()


def _input(first: list[float | None], others: float = 1e-3, first_grad: float = 0.1,
           **changes: Any) -> RuleInput:  # fmt: skip
    """Checks of an MLP whose first layer moves `first[i]` x its norm per step at check i,
    the others `others`; `changes` replace fields of the first layer's stats."""
    history = new_history(budget=10, steps_per_epoch=10)
    for index, update in enumerate(first):
        record = check(index, 10 * (index + 1), update=others, first_update=update,
                       first_grad=first_grad)  # fmt: skip
        record.layers = [replace(record.layers[0], **changes), *record.layers[1:]]
        history.checks.append(record)
    return RuleInput(history, history.checks[-1], None, T)


def test_a_layer_still_at_two_checks_while_others_move_is_named() -> None:
    finding = not_updated_rule(_input([None, 0.0, 0.0]))
    assert finding is not None and finding.problem is SetupProblem.NO_GRADIENT
    assert finding.layer == "dense" and finding.evidence[GATED_EVIDENCE] == 40.0
    assert finding.evidence["largest_update_ratio"] == pytest.approx(1e-3)
    assert "train_step" in finding.reason and "trainable_variables" in finding.reason
    assert wants_ceiling(finding)


def test_one_still_check_or_a_layer_that_moves_again_is_not_named() -> None:
    assert not_updated_rule(_input([None, 0.0])) is None  # the first check has no ratio
    assert not_updated_rule(_input([None, 0.0, 1e-4])) is None
    assert not_updated_rule(_input([None, 1e-9, 0.0])) is None  # tiny, but it moved


def test_every_layer_still_is_no_step_left_out() -> None:
    """Gradient accumulation or skipped mixed-precision steps hold every layer together; steps
    below float32 rounding (a tiny learning rate) may hold a layer of large weights."""
    assert not_updated_rule(_input([None, 0.0, 0.0], others=0.0)) is None
    assert not_updated_rule(_input([None, 0.0, 0.0], others=T.still_moving / 10)) is None


def test_a_layer_without_a_gradient_is_left_to_the_other_readings() -> None:
    assert not_updated_rule(_input([None, 0.0, 0.0], first_grad=1e-6)) is None  # share 1e-5
    assert not_updated_rule(_input([None, 0.0, 0.0], gradless_params=40)) is None
    assert not_updated_rule(_input([None, 0.0, 0.0], kind="Embedding")) is None  # sparse rows


def _signals(progress: float, stalled: bool) -> LossSignals:
    return LossSignals(
        baseline=1.0, baseline_is_start=False, start=1.0, first=1.0, scale=1.0,
        current=1.0 - progress, peak=1.0, floor=1.0 - progress, minimum=1.0 - progress,
        best=1.0 - progress, progress=progress, rate=0.0, epochs_trained=5.0,
        remaining_epochs=5.0, projected=progress, since_best=3, recent_gain=0.0,
        chance_lift=None, stalled=stalled, near_chance=False, struggling=False)  # fmt: skip


def test_where_the_ceiling_is_measured_the_finding_waits_for_a_stall_below_it() -> None:
    """Reference 0.6 (gate 0.75 x 0.6 = 0.45): a network stalled at 0.2 lost what the still
    layers could have given; one at 0.55 is as far along as the data lets a model get."""
    x = _input([None, 0.0, 0.0])
    x.history.reference_progress = 0.6
    assert not_updated_rule(x) is None  # no loss signals yet: nothing stalled
    assert not_updated_rule(replace(x, signals=_signals(0.2, stalled=False))) is None
    assert not_updated_rule(replace(x, signals=_signals(0.55, stalled=True))) is None
    assert not_updated_rule(replace(x, signals=_signals(0.2, stalled=True))) is not None


# --- measured on real training (medium) ----------------------------------------------------


def _step_model(update: str, inputs_dim: int, seed: int) -> Any:
    import keras
    import tensorflow as tf

    class PartStep(keras.Model):
        """A functional model whose own train_step applies gradients to the first ("first")
        or the last ("last") Dense layer's two variables only, or to all ("all")."""

        def __init__(self, *args: Any, update: str = "all", **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.update = update

        def train_step(self, data: Any) -> Any:
            x, y = data[0], data[1]
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
            variables = list(self.trainable_variables)
            variables = {"first": variables[:2], "last": variables[-2:]}.get(self.update,
                                                                              variables)
            self.optimizer.apply(tape.gradient(loss, variables), variables)
            for metric in self.metrics:
                metric.update_state(loss) if metric.name == "loss" else metric.update_state(
                    y, y_pred)
            return {m.name: m.result() for m in self.metrics}

    keras.utils.set_random_seed(seed)
    inputs = keras.Input((inputs_dim,))
    hidden = keras.layers.Dense(32, activation="relu", name="hidden_1")(inputs)
    hidden = keras.layers.Dense(32, activation="relu", name="hidden_2")(hidden)
    outputs = keras.layers.Dense(3, activation="softmax", name="head")(hidden)
    model = PartStep(inputs, outputs, update=update)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model


def _classes(rows: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Three classes from a non-linear score of 12 columns (a hidden layer helps)."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, 12)).astype("float32")
    score = x[:, 0] * x[:, 1] + np.sin(2 * x[:, 2]) + 0.5 * x[:, 3]
    return x, np.digitize(score, np.quantile(score, [1 / 3, 2 / 3])).astype("int64")


def _watched(update: str, rows: int, seed: int, epochs: int) -> list[Any]:
    from autotrainer_keras.keras import Watch

    x, y = _classes(rows, 0)
    x_val, y_val = _classes(rows // 2, 1)
    watch = Watch(probe_data=(x, y), verbose=0)
    _step_model(update, x.shape[1], seed).fit(
        x, y, epochs=epochs, batch_size=64, validation_data=(x_val, y_val), callbacks=[watch],
        verbose=0)  # fmt: skip
    return [f for f in watch.findings if f.problem is SetupProblem.NO_GRADIENT]


@pytest.mark.medium
@pytest.mark.parametrize("seed", [0, 1])
def test_watch_names_hidden_layers_a_train_step_leaves_out(seed: int) -> None:
    """512 probe rows: too few for the data's ceiling, so the mechanism alone names it."""
    found = _watched("last", 512, seed, epochs=4)
    assert found and found[0].layer == "hidden_1" and found[0].evidence["layers"] == 2.0
    assert _watched("all", 512, seed, epochs=4) == []


def _linear_classes(rows: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Three classes from a linear score of 12 columns: logistic regression reads 0.86 of the
    way below the constant predictor on held-out rows."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, 12)).astype("float32")
    score = x[:, 0] + 0.5 * x[:, 1] - 0.5 * x[:, 2]
    return x, np.digitize(score, np.quantile(score, [1 / 3, 2 / 3])).astype("int64")


@pytest.mark.medium
@pytest.mark.parametrize("seed", [0, 1])
def test_under_a_measured_ceiling_the_left_out_layers_are_named_once_the_loss_stalls(
    seed: int,
) -> None:
    """2400 probe rows: the ceiling is measured (0.86). The random hidden layers hold the
    network at 0.18-0.25 of the way (seeds 0-3); its loss stalls at epochs 16-19 of 30."""
    from autotrainer_keras.keras import Watch

    x, y = _linear_classes(2400, 0)
    watch = Watch(probe_data=(x, y), verbose=0)
    _step_model("last", x.shape[1], seed).fit(
        x, y, epochs=30, batch_size=64, validation_data=_linear_classes(1200, 1),
        callbacks=[watch], verbose=0)  # fmt: skip
    assert watch.history is not None and watch.history.reference_progress is not None
    assert watch.history.reference_progress > 0.7
    found = [f for f in watch.findings if f.problem is SetupProblem.NO_GRADIENT]
    assert found and found[0].layer == "hidden_1" and 8 <= found[0].epoch <= 28
