"""Stopping a candidate early once it would be accepted and the rest of its budget would add
little (`repair.stop_converged`): the pure rule, then the callback on a real Keras fit."""

from __future__ import annotations

import math

import keras
import numpy as np
import pytest

from autotrainer_keras.config import RepairConfig
from autotrainer_keras.engine.candidate_stops import ConvergedStop
from autotrainer_keras.repair.policy import converged

CFG = RepairConfig()
W, FALL, GAIN = CFG.more_epochs_window, CFG.converged_max_fall, CFG.converged_max_gain


def settled(epochs: int, floor: float = 0.3) -> list[float]:
    """Falls fast, then sits at `floor` (falls < 1e-4 of it per epoch at the end)."""
    return [floor + math.exp(-0.8 * e) for e in range(epochs)]


def slow(epochs: int, rate: float) -> list[float]:
    """Falls by `rate` of its level per epoch."""
    return [math.exp(-rate * e) for e in range(epochs)]


def test_a_settled_loss_that_beats_the_target_has_converged():
    assert converged(settled(20), 0.9, 0.6, W, remaining=10, max_fall=FALL)


def test_a_settled_loss_below_the_target_trains_on():
    assert not converged(settled(20), 0.55, 0.6, W, remaining=10, max_fall=FALL)


def test_a_slow_fall_with_many_epochs_left_trains_on_and_stops_near_the_end():
    curve = slow(12, FALL / 4)  # a quarter of the allowance per epoch
    assert not converged(curve, 0.9, 0.6, W, remaining=8, max_fall=FALL)  # ~2 x allowance
    assert converged(curve, 0.9, 0.6, W, remaining=2, max_fall=FALL)  # ~half of it


def test_a_rising_loss_has_not_settled_and_trains_on():
    """A bouncing candidate (the demo's lr_down: best 0.35, then 1.03 and 0.72) is left to
    patience, which keeps its best weights; a rise within the allowance has settled."""
    bouncing = [0.52, 0.46, 0.35, 1.03, 0.72]
    assert not converged(bouncing, 0.86, 0.51, W, remaining=21, max_fall=FALL)
    creeping = [0.3 * (1 + FALL / 4) ** e for e in range(12)]  # a quarter of the allowance
    assert not converged(creeping, 0.9, 0.6, W, remaining=8, max_fall=FALL)
    assert converged(creeping, 0.9, 0.6, W, remaining=2, max_fall=FALL)


def test_an_accuracy_still_climbing_on_a_flat_loss_trains_on():
    climbing = [0.20 + GAIN * e for e in range(20)]  # a point per epoch, 10 epochs left
    assert not converged(settled(20), 0.9, 0.6, W, remaining=10, max_fall=FALL,
                         val_accuracies=climbing, max_gain=GAIN)  # fmt: skip


def test_a_settled_accuracy_on_a_settled_loss_has_converged():
    flat = [0.85, 0.852, 0.849, 0.851, 0.85] * 4  # jitter, no trend
    assert converged(settled(20), 0.9, 0.6, W, remaining=10, max_fall=FALL,
                     val_accuracies=flat, max_gain=GAIN)  # fmt: skip


@pytest.mark.parametrize(
    "curve",
    [
        [1.0, 0.5, 0.4],  # shorter than the window
        [0.4, 0.4, math.nan, 0.4, 0.4, 0.4],  # a broken epoch in the window
        [-0.9, -0.95, -0.97, -0.98, -0.98, -0.98],  # cosine similarity: no level, not judged
    ],
)
def test_short_broken_or_levelless_curves_never_stop(curve):
    assert not converged(curve, 0.9, 0.0, 5, remaining=10, max_fall=FALL)


def _fit(target: float, epochs: int = 40, patience: bool = True) -> tuple[int, float]:
    """A linear binary task with 10 % label noise trained with Adam; returns (epochs run,
    final val accuracy). `patience`: with the candidates' EarlyStopping (best weights kept)."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 4)).astype("float32")
    y = (x[:, 0] + x[:, 1] > 0).astype("float32")
    flip = rng.random(400) < 0.1  # label noise: the loss has a floor it settles at
    y[flip] = 1 - y[flip]
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(0.05), "binary_crossentropy", metrics=["accuracy"])
    stop = ConvergedStop(target, by_loss=False, budget=epochs, cfg=CFG, restores_best=patience)
    callbacks: list[keras.callbacks.Callback] = [stop]
    if patience:
        callbacks.insert(0, keras.callbacks.EarlyStopping(patience=CFG.patience,
                                                          restore_best_weights=True))  # fmt: skip
    history = model.fit(x[:300], y[:300], validation_data=(x[300:], y[300:]), epochs=epochs,
                        batch_size=32, verbose=0, callbacks=callbacks)  # fmt: skip
    return len(history.history["loss"]), float(model.evaluate(x[300:], y[300:], verbose=0)[1])


@pytest.mark.medium
def test_the_callback_stops_an_accepted_candidate_once_converged_and_keeps_its_best():
    ran, accuracy = _fit(target=0.5)  # chance: any trained model beats it
    assert ran <= 30  # stopped well before its budget of 40
    assert accuracy > 0.75  # its best weights kept (the noise caps it near 0.9)


@pytest.mark.medium
def test_the_callback_never_stops_a_candidate_that_would_not_be_accepted():
    ran, _ = _fit(target=1.01, epochs=12, patience=False)  # unreachable: trains its budget
    assert ran == 12


class _Replay(keras.callbacks.Callback):
    """Hands the next epoch's validation loss from a list to the callbacks after it."""

    def __init__(self, losses: list[float]) -> None:
        super().__init__()
        self.losses = losses

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        assert logs is not None
        logs["val_loss"] = self.losses[epoch]


def _stopped_after(losses: list[float], patience: int = 5) -> int:
    from autotrainer_keras.engine.candidate_stops import Patience

    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile("sgd", "mse")
    x = np.zeros((8, 1), "float32")
    history = model.fit(x, x, epochs=len(losses), verbose=0,
                        callbacks=[_Replay(losses), Patience(patience)])  # fmt: skip
    return len(history.epoch)


def test_patience_holds_while_the_loss_comes_back_toward_a_lucky_first_best():
    # practice batch 70's BatchNorm candidate: best at its first epoch, then back down
    bump = [0.506, 0.725, 0.837, 0.796, 0.705, 0.666, 0.77, 0.62, 0.58, 0.54, 0.50, 0.47,
            *np.linspace(0.45, 0.25, 18)]  # a budget of 30 epochs, as there
    assert _stopped_after(bump) == len(bump)
    # a fall too slow to come back below the best in the epochs left: stopped as by Keras
    slow = [0.3, 0.9, 0.89, 0.88, 0.87, 0.86, 0.85, 0.84, 0.83, 0.82]
    assert _stopped_after(slow) == 6


def test_patience_stops_an_overfitting_or_flat_curve_as_keras_does():
    rising = [0.5, 0.52, 0.55, 0.6, 0.66, 0.7, 0.75, 0.8, 0.85, 0.9]
    assert _stopped_after(rising) == 6
    flat = [0.5, 0.6, 0.58, 0.61, 0.59, 0.62, 0.6, 0.61, 0.6, 0.59]
    assert _stopped_after(flat) == 6
