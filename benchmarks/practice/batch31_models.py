"""Batch-31 control and offline-RL-style supervised learning scripts (keyword options are
the faults, the defaults the healthy choice): behaviour cloning of scripted controllers
(a cart-pole's discrete pushes under softmax, a pendulum's torque in [-2, 2] under a scaled
tanh head, a frame stack of positions into a GRU), a learned cart-pole dynamics model, a
grid world's Monte-Carlo returns regressed per action with the taken action's mask, and a
Bradley-Terry reward model on pairwise preferences. Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch31_data import (
    GRID,
    bandit_log,
    cartpole_log,
    gridworld_log,
    pendulum_log,
    preference_pairs,
)
from benchmarks.practice.kit import Kit


def _stats(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return a.mean(axis=0), a.std(axis=0) + 1e-12


@keras.saving.register_keras_serializable(package="practice_batch31")
class ReturnMAE(keras.metrics.Metric):
    """Mean absolute error of the returns in the healthy script's units (returns / 1000):
    both sides times `factor` (1000 / the script's own divisor); broadcasts as the loss does
    (a four-output model against an (n, 1) target)."""

    def __init__(self, factor: float = 1.0, name: str = "return_mae", **kwargs: Any) -> None:
        super().__init__(name=name, **kwargs)
        self.factor = float(factor)
        self.total = self.add_variable((), initializer="zeros", name="total")
        self.count = self.add_variable((), initializer="zeros", name="count")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        err = ops.abs(ops.cast(y_true, "float32") - ops.cast(y_pred, "float32")) / self.factor
        self.total.assign_add(ops.sum(err))
        self.count.assign_add(ops.cast(ops.size(err), "float32"))

    def result(self) -> Any:
        return self.total / ops.maximum(self.count, 1.0)

    def reset_state(self) -> None:
        self.total.assign(0.0)
        self.count.assign(0.0)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "factor": self.factor}


def _mlp(inputs: Any, *, width: int = 64, depth: int = 2, activation: str = "relu") -> Any:
    h = inputs
    for _ in range(depth):
        h = layers.Dense(width, activation=activation)(h)
    return h


def cartpole_cloning(kit: Kit, *, units: str = "si_z", loss: str = "sparse_ce", depth: int = 2,
                     lr: float = 1e-3, epochs: int = 30) -> Any:  # fmt: skip
    """Behaviour cloning of the cart-pole's scripted controller (3 actions: left, coast,
    right): the four state variables in SI units standardised on the training rows; Dense
    64 x 2 (ReLU) -> Dense(3, softmax); sparse categorical cross-entropy; Adam(1e-3), batch
    64, 30 epochs. Options: `units="raw"` (position and velocity in mm and mm/s, angle and
    angular velocity in degrees and deg/s, as a logger writes them, not scaled), `"si"`
    (SI, not scaled), `loss="mse_onehot"` (the softmax fitted to one-hot actions with MSE),
    `depth`, `lr`."""
    d = cartpole_log()
    x, xval = d["state"], d["val_state"]
    if units == "raw":
        raw = np.array([1000.0, 1000.0, 180 / np.pi, 180 / np.pi])
        x, xval = x * raw, xval * raw
    elif units == "si_z":
        mean, sd = _stats(x)
        x, xval = (x - mean) / sd, (xval - mean) / sd
    y, yval = d["expert"], d["val_expert"]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((4,))
    out = layers.Dense(3, activation="softmax")(_mlp(inputs, depth=depth))
    model = keras.Model(inputs, out)
    if loss == "mse_onehot":
        y, yval = np.eye(3)[y], np.eye(3)[yval]
        model.compile(keras.optimizers.Adam(lr), "mse", metrics=["categorical_accuracy"])
    else:
        model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                      metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def _stack(frames: np.ndarray, episode: np.ndarray, k: int, boundaries: bool) -> np.ndarray:
    """The last k frames for each row (oldest first); at an episode's start the first frame
    is repeated (`boundaries=False`: the previous rows are taken whatever episode they
    belong to, as a `np.roll` stack does)."""
    out = []
    for lag in range(k - 1, -1, -1):
        shifted = np.roll(frames, lag, axis=0)
        if boundaries and lag:
            idx = np.arange(len(frames))
            src = np.maximum(idx - lag, 0)
            start = np.searchsorted(episode, episode, side="left")  # rows are episode-sorted
            src = np.maximum(src, start)
            shifted = frames[src]
        out.append(shifted)
    return np.stack(out, axis=1)


def cartpole_frame_stack(kit: Kit, *, k: int = 4, boundaries: bool = True,
                         shuffle_first: bool = False, epochs: int = 30) -> Any:  # fmt: skip
    """Behaviour cloning from positions only (cart position and pole angle, as a tracker
    gives them, standardised): the last 4 frames of each episode stacked (oldest first) ->
    GRU(32) -> Dense(3, softmax); the velocities the controller uses must be read from the
    stack. Sparse CE, Adam(2e-3), batch 64, 30 epochs. Options: `boundaries=False` (the
    stack crosses episode boundaries), `shuffle_first` (the rows shuffled before the frames
    are stacked), `k`."""
    d = cartpole_log()
    pos, posval = d["state"][:, [0, 2]], d["val_state"][:, [0, 2]]
    mean, sd = _stats(pos)
    pos, posval = (pos - mean) / sd, (posval - mean) / sd
    y, yval = d["expert"], d["val_expert"]
    ep, epval = d["episode"], d["val_episode"]
    if shuffle_first:
        order = np.random.default_rng(kit.seed).permutation(len(pos))
        pos, y, ep = pos[order], y[order], ep[order]
    x = _stack(pos, ep, k, boundaries and not shuffle_first)
    xval = _stack(posval, epval, k, boundaries)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((k, 2))
    h = layers.GRU(32)(inputs)
    model = keras.Model(inputs, layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def pendulum_cloning(kit: Kit, *, head: str = "tanh_scaled", epochs: int = 40) -> Any:
    """Behaviour cloning of the pendulum's swing-up controller (continuous torque in [-2, 2],
    saturated in about two thirds of the rows): (cos, sin, angular velocity / 8) -> Dense 64
    x 2 (tanh) -> Dense(1, tanh) scaled by 2 (a `Rescaling` layer: the action range); MSE +
    mae; Adam(1e-3), batch 64, 40 epochs. Options: `head="tanh"` (the tanh head not scaled:
    it cannot reach |torque| > 1), `"linear"` (no squashing)."""
    d = pendulum_log()
    x, xval = d["obs"] / [1, 1, 8], d["val_obs"] / [1, 1, 8]
    y, yval = d["torque"], d["val_torque"]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((3,))
    h = _mlp(inputs, activation="tanh")
    if head == "linear":
        out = layers.Dense(1)(h)
    else:
        out = layers.Dense(1, activation="tanh")(h)
        if head == "tanh_scaled":
            out = layers.Rescaling(2.0)(out)
    model = keras.Model(inputs, out)
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def cartpole_dynamics(kit: Kit, *, predict: str = "delta", epochs: int = 40) -> Any:
    """A learned cart-pole dynamics model at dt 0.02 s: (state, force) -> next state, all
    standardised with the state's training statistics; the model predicts the change of the
    state (a residual: next = state + Dense(4) scaled by the deltas' sd over the states'),
    Dense 128 x 2 (swish); MSE on the standardised next state, mae; Adam(1e-3), batch 64,
    40 epochs. Options: `predict="next"` (the next state regressed directly: the per-step
    change is 2-30 % of a state's sd)."""
    d = cartpole_log()
    mean, sd = _stats(d["state"])
    s, sval = (d["state"] - mean) / sd, (d["val_state"] - mean) / sd
    n, nval = (d["next"] - mean) / sd, (d["val_next"] - mean) / sd
    f, fval = (d["action"] - 1.0)[:, None], (d["val_action"] - 1.0)[:, None]
    delta_sd = (n - s).std(axis=0)
    keras.utils.set_random_seed(kit.seed)
    state_in, force_in = keras.Input((4,)), keras.Input((1,))
    h = _mlp(layers.Concatenate()([state_in, force_in]), width=128, activation="swish")
    if predict == "delta":
        step = layers.Dense(4)(h)
        out = layers.Add()([state_in, layers.Rescaling(delta_sd.astype("float32"))(step)])
    else:
        out = layers.Dense(4)(h)
    model = keras.Model([state_in, force_in], out)
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, [s, f], n, probe_data=([s, f], n), epochs=epochs, batch_size=64,
                   validation_data=([sval, fval], nval))  # fmt: skip


def _returns(reward: np.ndarray, episode: np.ndarray, gamma: float, forward: bool) -> np.ndarray:
    """Discounted returns G_t = r_t + gamma G_{t+1} within each episode (rows in time
    order); `forward`: accumulated from the episode's start instead (G_t = r_t + gamma
    G_{t-1}), a loop run the wrong way."""
    out = np.zeros(len(reward))
    order = range(len(reward)) if forward else range(len(reward) - 1, -1, -1)
    acc, last = 0.0, None
    for i in order:
        if episode[i] != last:
            acc, last = 0.0, episode[i]
        acc = reward[i] + gamma * acc
        out[i] = acc
    return out


def gridworld_q_returns(kit: Kit, *, target: str = "td", mask: str = "taken",
                        scale: float = 1000.0, gamma: float = 0.95, forward: bool = False,
                        epochs: int = 30) -> Any:  # fmt: skip
    """Fitted Q regression on the grid world's log: the cell one-hot (36) -> Dense 64 x 2
    (ReLU) -> Dense(4), one Q-value per action; the taken action picked by a one-hot mask
    input (`Dot` of the Q-values and the mask); the target r + 0.95 V(s') with V a
    converged target network's value (the optimal one), divided by 1000 (the reward scale:
    targets -1000..1000); `target="mc"`: the discounted Monte-Carlo return (gamma 0.95)
    from that row on instead (the behaviour policy's, noisy); MSE;
    Adam(1e-3), batch 64, 30 epochs. `return_mae` reads every variant in the healthy
    units (returns / 1000). Options: `scale=1` (the returns in reward units), `mask="none"` (the
    four-output model fitted to the (n, 1) return, broadcast over every action),
    `"next_row"` (the action column read one row off), `gamma`, `forward` (the returns
    accumulated from the episode's start)."""
    d = gridworld_log()

    def prep(p: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        cell = np.eye(GRID * GRID)[d[p + "row"] * GRID + d[p + "col"]]
        action = d[p + "action"]
        if mask == "next_row":
            action = np.roll(action, -1)
        if target == "mc":
            g = _returns(d[p + "reward"], d[p + "episode"], gamma, forward) / scale
        else:
            g = (d[p + "reward"] + gamma * d[p + "next_value"]) / scale
        return cell, np.eye(4)[action], g[:, None]

    x, a, y = prep("")
    xval, aval, yval = prep("val_")
    metric = ReturnMAE(1000.0 / scale)
    keras.utils.set_random_seed(kit.seed)
    cell_in, action_in = keras.Input((GRID * GRID,)), keras.Input((4,))
    q = layers.Dense(4)(_mlp(cell_in))
    if mask == "none":
        model = keras.Model(cell_in, q)
        inputs, inputs_val = x, xval
    else:
        model = keras.Model([cell_in, action_in], layers.Dot(axes=1)([q, action_in]))
        inputs, inputs_val = [x, a], [xval, aval]
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=[metric])
    return kit.fit(model, inputs, y, probe_data=(inputs, y), epochs=epochs, batch_size=64,
                   validation_data=(inputs_val, yval))  # fmt: skip


def gridworld_cloning(kit: Kit, *, mask_illegal: bool = True, epochs: int = 30) -> Any:
    """Behaviour cloning of the grid world's shortest-path policy with action masking: the
    cell as (row, col) / 5 and its 4 legal-move flags -> Dense 64 x 2 (ReLU) -> 4 logits;
    illegal moves get -1e9 added before the softmax (a `Lambda`-free `Add` of a mask input
    times -1e9); sparse CE on the expert's action; Adam(1e-3), batch 64, 30 epochs. Options:
    `mask_illegal=False` (the mask not applied: the softmax over all four moves)."""
    d = gridworld_log()

    def prep(p: str) -> tuple[np.ndarray, np.ndarray]:
        pos = np.stack([d[p + "row"], d[p + "col"]], axis=1) / (GRID - 1)
        return np.column_stack([pos, d[p + "legal"]]).astype("float32"), d[p + "best"]

    (x, y), (xval, yval) = prep(""), prep("val_")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((6,))
    logits = layers.Dense(4)(_mlp(inputs))
    if mask_illegal:
        legal = inputs[:, 2:]
        logits = layers.Add()([logits, layers.Rescaling(1e9, offset=-1e9)(legal)])
    model = keras.Model(inputs, layers.Activation("softmax")(logits))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def preference_reward_model(kit: Kit, *, features: str = "log_z", label_order: str = "after",
                            epochs: int = 30) -> Any:  # fmt: skip
    """A Bradley-Terry reward model on pairwise preferences: each pair shown in a random
    order (the chosen segment first or second), label 1 when the first is the chosen one;
    the segment features log1p'd and standardised on the training rows; one scorer (Dense
    32 x 2, ReLU -> Dense(1)) shared by both segments; sigmoid(score_a - score_b); BCE +
    accuracy; Adam(1e-3), batch 64, 30 epochs. Options: `features="raw"` (the features in
    their units, 1 to ~10^4), `label_order="before"` (the label taken from the pair as
    exported, chosen first, and the pair then shuffled: winner and loser swapped in half the
    pairs, the label unchanged)."""
    d = preference_pairs()
    rng = np.random.default_rng(kit.seed)
    ref = np.log1p(np.concatenate([d["chosen"], d["rejected"]]))
    mean, sd = _stats(ref)

    def prep(p: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        chosen, rejected = d[p + "chosen"], d[p + "rejected"]
        if features == "log_z":
            chosen, rejected = (np.log1p(chosen) - mean) / sd, (np.log1p(rejected) - mean) / sd
        first = rng.random(len(chosen)) < 0.5
        a = np.where(first[:, None], chosen, rejected)
        b = np.where(first[:, None], rejected, chosen)
        label = np.ones(len(a)) if label_order == "before" else first.astype(float)
        return a, b, label

    xa, xb, y = prep("")
    xaval, xbval, yval = prep("val_")
    keras.utils.set_random_seed(kit.seed)
    scorer = keras.Sequential([keras.Input((8,)), layers.Dense(32, activation="relu"),
                               layers.Dense(32, activation="relu"), layers.Dense(1)])  # fmt: skip
    in_a, in_b = keras.Input((8,)), keras.Input((8,))
    diff = layers.Subtract()([scorer(in_a), scorer(in_b)])
    model = keras.Model([in_a, in_b], layers.Activation("sigmoid")(diff))
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, [xa, xb], y, probe_data=([xa, xb], y), epochs=epochs, batch_size=64,
                   validation_data=([xaval, xbval], yval))  # fmt: skip



def bandit_click_model(kit: Kit, *, weights: str = "ips_clipped", epochs: int = 30) -> Any:
    """A contextual bandit's click model trained on the logging policy's log, corrected by
    inverse-propensity weights (1 / p, clipped at 20, normalised to mean 1) passed as
    `sample_weight`: context (6) and the arm one-hot -> Dense 32 x 2 (ReLU) -> Dense(1,
    sigmoid); BCE + AUC; Adam(1e-3), batch 64, 30 epochs; validated on the randomised
    bucket (arms uniform). Options: `weights="propensity"` (p instead of 1 / p),
    `"ips_raw"` (1 / p unclipped and not normalised: up to ~10^3), `"none"`."""
    d = bandit_log()
    x = np.column_stack([d["x"], np.eye(4)[d["arm"]]])
    xval = np.column_stack([d["val_x"], np.eye(4)[d["val_arm"]]])
    y, yval, p = d["click"], d["val_click"], d["propensity"]
    sample_weight = {
        "ips_clipped": np.minimum(1 / p, 20.0),
        "ips_raw": 1 / p,
        "propensity": p,
        "none": np.ones_like(p),
    }[weights]
    if weights in ("ips_clipped", "propensity"):
        sample_weight = sample_weight / sample_weight.mean()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((10,))
    model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(_mlp(inputs, width=32)))
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy",
                  metrics=[keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), sample_weight=sample_weight, epochs=epochs,
                   batch_size=64, validation_data=(xval, yval))  # fmt: skip
