"""Batch-89 board-game policy / value scripts, AlphaZero-style supervised training on generated
positions (keyword options are the faults, the defaults the healthy choice): a small residual
conv tower with BatchNorm, a policy head (softmax over flat move indices, illegal moves masked
out before the softmax) and a value head (win / draw / loss softmax, or tanh with MSE) in one
two-output functional model with loss weights; tic-tac-toe positions labelled by minimax, and
connect-four tactical positions from a scripted player's games. The policy targets are soft
(uniform over the equally good moves), so the accuracy is `move_acc`: the share of positions
whose top move is one of the good ones. Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch89_data import connect4, tictactoe
from benchmarks.practice.kit import Kit


@keras.saving.register_keras_serializable(package="practice89")
class MaskIllegal(keras.layers.Layer):
    """Adds -penalty to the logits of illegal moves: inputs [logits (n, moves), legal (n,
    moves) in {0, 1}]."""

    def __init__(self, penalty: float = 1e9, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.penalty = penalty

    def call(self, inputs: Any) -> Any:
        logits, legal = inputs
        return logits - self.penalty * (1.0 - legal)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "penalty": self.penalty}


def move_acc(y_true: Any, y_pred: Any) -> Any:
    """1 where the predicted top move carries target mass (one of the good moves)."""
    top = ops.argmax(y_pred, axis=-1)
    hit = ops.take_along_axis(y_true, ops.expand_dims(top, -1), axis=-1)[:, 0]
    return ops.cast(hit > 0, "float32")


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "sgd_plain":
        return keras.optimizers.SGD(lr)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def _conv(h: Any, filters: int, kernel: int, batchnorm: bool, l2: float, init: str,
          activation: str | None) -> Any:  # fmt: skip
    reg = keras.regularizers.L2(l2) if l2 else None
    h = layers.Conv2D(filters, kernel, padding="same", use_bias=not batchnorm,
                      kernel_regularizer=reg, kernel_initializer=init)(h)  # fmt: skip
    if batchnorm:
        h = layers.BatchNormalization()(h)
    return layers.Activation(activation)(h) if activation else h


def _tower(inputs: Any, *, blocks: int, filters: int, batchnorm: bool, residual: bool,
           activation: str, l2: float, init: str) -> Any:  # fmt: skip
    """Stem conv, then `blocks` residual blocks (conv-BN-act-conv-BN + skip, act); without
    `residual` the same convs stacked plainly."""
    h = _conv(inputs, filters, 3, batchnorm, l2, init, activation)
    for _ in range(blocks):
        y = _conv(h, filters, 3, batchnorm, l2, init, activation)
        y = _conv(y, filters, 3, batchnorm, l2, init, None)
        h = layers.Add()([h, y]) if residual else y
        h = layers.Activation(activation)(h)
    return h


def _policy_head(h: Any, legal: Any, moves: int, *, batchnorm: bool, l2: float, init: str,
                 output: str, mask: str, dropout: float, activation: str) -> Any:  # fmt: skip
    p = _conv(h, 2, 1, batchnorm, l2, init, activation)
    p = layers.Flatten()(p)
    if dropout:
        p = layers.Dropout(dropout)(p)
    reg = keras.regularizers.L2(l2) if l2 else None
    logits = layers.Dense(moves, kernel_regularizer=reg, kernel_initializer=init)(p)
    if mask == "add":
        logits = MaskIllegal()([logits, legal])
    elif mask == "inverted":  # the occupied squares passed as "legal"
        logits = MaskIllegal()([logits, layers.Lambda(lambda t: 1.0 - t)(legal)])
    if output == "masked_multiply":  # softmax first, then zero the illegal moves
        probs = layers.Activation("softmax")(logits)
        return layers.Multiply(name="policy")([probs, legal])
    return layers.Activation(output, name="policy")(logits)


def _value_head(h: Any, *, batchnorm: bool, l2: float, init: str, head: str, hidden: int,
                activation: str) -> Any:  # fmt: skip
    v = _conv(h, 1, 1, batchnorm, l2, init, activation)
    v = layers.Flatten()(v)
    reg = keras.regularizers.L2(l2) if l2 else None
    v = layers.Dense(hidden, activation=activation, kernel_regularizer=reg,
                     kernel_initializer=init)(v)  # fmt: skip
    if head == "wdl":
        return layers.Dense(3, activation="softmax", name="value")(v)
    return layers.Dense(1, activation=head, name="value")(v)


def ttt_policy_value(kit: Kit, *, planes: str = "relative", side_plane: bool = True,
                     layout: str = "nhwc", blocks: int = 2, filters: int = 32,
                     batchnorm: bool = True, residual: bool = True, activation: str = "relu",
                     init: str = "glorot_uniform", l2: float = 1e-4, policy_output: str =
                     "softmax", mask: str = "add", from_logits: bool = False,
                     value_head: str = "wdl", value_target: str = "wdl",
                     value_weight: float = 1.0, policy_weight: float = 1.0,
                     dropout: float = 0.0, augment: bool = False, augment_targets: bool = True,
                     shuffle_policy: bool = False, label_smoothing: float = 0.0,
                     freeze_tower: bool = False, optimizer: str = "adam", lr: float = 1e-3,
                     epochs: int = 20, batch_size: int = 64) -> Any:  # fmt: skip
    """Tic-tac-toe policy / value net on every reachable position (3616 train, 904 validate),
    labelled by minimax: input (3, 3, 2) own / opponent planes plus a side-to-move plane
    (1 when X is to move) -> Conv 3x3 32 BN ReLU -> 2 residual blocks -> policy head (Conv 1x1
    2 BN ReLU, Flatten, Dense 9, illegal moves masked by -1e9 on their logits, softmax; soft
    targets over the optimal moves, categorical CE) and value head (Conv 1x1 1 BN ReLU,
    Flatten, Dense 32 ReLU, Dense 3 softmax: win / draw / loss, sparse CE); L2 1e-4, loss
    weights 1 / 1, Adam(1e-3), batch 64, 20 epochs. Options: `planes` ("relative"; "absolute":
    X / O planes whatever the side to move; "codes": one plane of 0 / 1 / 2 cell codes),
    `side_plane`, `layout` ("nhwc"; "nchw_reshape": the planes built channels-first and
    reshaped, not transposed, to (3, 3, C)), the tower's size, BatchNorm, skips, activation,
    initialiser and L2, `policy_output` (the policy's final activation; "masked_multiply":
    softmax first, then the illegal moves multiplied by 0), `mask` ("add"; "none";
    "inverted": the occupied squares passed as the legal ones), `from_logits`, `value_head`
    ("wdl"; "tanh" / "sigmoid" / "linear": one unit under MSE) and `value_target` ("wdl":
    +1 / 0 / -1 for a one-unit head; "index": the 0 / 1 / 2 class index fed to it), loss
    weights, head dropout, `augment` (the 8 board symmetries of the training positions;
    `augment_targets` False leaves the policy targets untransformed), `shuffle_policy` (the
    policy targets shuffled apart from their boards), label smoothing, `freeze_tower`
    (the stem and residual blocks frozen at their initial weights), optimizer, rate, epochs
    and batch size."""
    x, pol, wdl, side, xval, polval, wdlval, sideval = tictactoe()
    if augment:
        xs, ps, ws, ss = [], [], [], []
        grid = pol.reshape(-1, 3, 3)
        for k in range(4):
            for flip in (False, True):
                bx = np.rot90(x, k, axes=(1, 2))
                bp = np.rot90(grid, k, axes=(1, 2)) if augment_targets else grid
                if flip:
                    bx = bx[:, :, ::-1]
                    bp = bp[:, :, ::-1] if augment_targets else bp
                xs.append(bx)
                ps.append(bp.reshape(-1, 9))
                ws.append(wdl)
                ss.append(side)
        x, pol, wdl, side = (np.concatenate(a) for a in (xs, ps, ws, ss))
    legal, legalval = (1.0 - x.sum(-1)).reshape(-1, 9), (1.0 - xval.sum(-1)).reshape(-1, 9)

    def encode(b: np.ndarray, s: np.ndarray) -> np.ndarray:
        if planes == "absolute":  # plane 0 X, plane 1 O
            b = np.where((s == 1)[:, None, None, None], b, b[..., ::-1])
        elif planes == "codes":  # one plane: 0 empty, 1 own, 2 opponent
            b = (b[..., :1] + 2.0 * b[..., 1:])
        if side_plane:
            b = np.concatenate([b, np.broadcast_to((s == 1)[:, None, None, None],
                                                   b.shape[:3] + (1,))], -1)  # fmt: skip
        b = np.ascontiguousarray(b, dtype="float32")
        if layout == "nchw_reshape":
            b = np.transpose(b, (0, 3, 1, 2)).reshape(b.shape)
        return b

    x, xval = encode(x, side), encode(xval, sideval)
    y_value, y_valueval = wdl, wdlval
    if value_head != "wdl":
        y_value, y_valueval = (
            (a.astype("float32") if value_target == "index" else 1.0 - a.astype("float32"))
            for a in (wdl, wdlval))  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    if shuffle_policy:
        pol = pol[np.random.default_rng(kit.seed).permutation(len(pol))]
    board = keras.Input(x.shape[1:], name="board")
    legal_in = keras.Input((9,), name="legal")
    h = _tower(board, blocks=blocks, filters=filters, batchnorm=batchnorm, residual=residual,
               activation=activation, l2=l2, init=init)  # fmt: skip
    policy = _policy_head(h, legal_in, 9, batchnorm=batchnorm, l2=l2, init=init,
                          output=policy_output, mask=mask, dropout=dropout,
                          activation=activation)  # fmt: skip
    value = _value_head(h, batchnorm=batchnorm, l2=l2, init=init, head=value_head, hidden=32,
                        activation=activation)  # fmt: skip
    model = keras.Model([board, legal_in], [policy, value])
    if freeze_tower:  # "keep the trunk, train only the heads"
        for layer in keras.Model(board, h).layers:
            layer.trainable = False
    value_loss = "sparse_categorical_crossentropy" if value_head == "wdl" else "mse"
    model.compile(
        _optimizer(optimizer, lr),
        loss={"policy": keras.losses.CategoricalCrossentropy(
                  from_logits=from_logits, label_smoothing=label_smoothing),
              "value": value_loss},
        loss_weights={"policy": policy_weight, "value": value_weight},
        metrics={"policy": [move_acc]})  # fmt: skip
    return kit.fit(model, {"board": x, "legal": legal}, {"policy": pol, "value": y_value},
                   probe_data=({"board": x, "legal": legal}, {"policy": pol, "value": y_value}),
                   epochs=epochs, batch_size=batch_size,
                   validation_data=({"board": xval, "legal": legalval},
                                    {"policy": polval, "value": y_valueval}))  # fmt: skip


def c4_policy_value(kit: Kit, *, side_plane: bool = True, planes: str = "relative",
                    layout: str = "nhwc", blocks: int = 2, filters: int = 32,
                    batchnorm: bool = True, residual: bool = True, activation: str = "relu",
                    init: str = "he_normal", l2: float = 1e-4, mask: str = "add",
                    policy_output: str = "softmax", from_logits: bool = False,
                    value_head: str = "tanh", value_weight: float = 1.0,
                    mirror: bool = True, mirror_targets: bool = True, dropout: float = 0.0,
                    shuffle: str = "", optimizer: str = "adam", lr: float = 1e-3,
                    epochs: int = 8, batch_size: int = 64) -> Any:  # fmt: skip
    """Connect-four policy / value net on tactical positions from a scripted player's games
    (4000 train, 1000 validate; the side to move has an immediate win or must block): input
    (6, 7, 2) own / opponent planes plus a side-to-move plane, each training position also
    mirrored left-right (the policy target's columns reversed with it) -> Conv 3x3 32 BN ReLU
    -> 2 residual blocks -> policy head (Conv 1x1 2 BN ReLU, Flatten, Dense 7, full columns
    masked by -1e9, softmax; soft targets over the winning / blocking columns, categorical
    CE) and value head (Conv 1x1 1 BN ReLU, Flatten, Dense 32 ReLU, Dense 1 tanh; the game's
    result for the side to move, MSE); He-normal, L2 1e-4, loss weights 1 / 1, Adam(1e-3),
    batch 64, 8 epochs. Options: `side_plane`, `planes` ("relative"; "absolute": first /
    second player's planes), `layout` ("nchw_reshape": planes built channels-first and
    reshaped to (6, 7, C)), the tower, `mask`, `policy_output`, `from_logits`, `value_head`
    (the value unit's activation: "tanh", "sigmoid", "linear"), `value_weight`, `mirror` /
    `mirror_targets` (False: the boards mirrored, the policy targets not), head dropout,
    `shuffle` ("policy": the policy targets shuffled apart from their boards), optimizer,
    rate, epochs and batch size."""
    x, pol, val, side, xval, polval, valval, sideval = connect4()
    if mirror:
        x = np.concatenate([x, x[:, :, ::-1]])
        pol = np.concatenate([pol, pol[:, ::-1] if mirror_targets else pol])
        val, side = np.concatenate([val, val]), np.concatenate([side, side])
    legal, legalval = (1.0 - x[:, 0].sum(-1)), (1.0 - xval[:, 0].sum(-1))

    def encode(b: np.ndarray, s: np.ndarray) -> np.ndarray:
        if planes == "absolute":
            b = np.where((s == 1)[:, None, None, None], b, b[..., ::-1])
        if side_plane:
            b = np.concatenate([b, np.broadcast_to((s == 1)[:, None, None, None],
                                                   b.shape[:3] + (1,))], -1)  # fmt: skip
        b = np.ascontiguousarray(b, dtype="float32")
        if layout == "nchw_reshape":
            b = np.transpose(b, (0, 3, 1, 2)).reshape(b.shape)
        return b

    x, xval = encode(x, side), encode(xval, sideval)
    keras.utils.set_random_seed(kit.seed)
    if shuffle == "policy":
        pol = pol[np.random.default_rng(kit.seed).permutation(len(pol))]
    board = keras.Input(x.shape[1:], name="board")
    legal_in = keras.Input((7,), name="legal")
    h = _tower(board, blocks=blocks, filters=filters, batchnorm=batchnorm, residual=residual,
               activation=activation, l2=l2, init=init)  # fmt: skip
    policy = _policy_head(h, legal_in, 7, batchnorm=batchnorm, l2=l2, init=init,
                          output=policy_output, mask=mask, dropout=dropout,
                          activation=activation)  # fmt: skip
    value = _value_head(h, batchnorm=batchnorm, l2=l2, init=init, head=value_head, hidden=32,
                        activation=activation)  # fmt: skip
    model = keras.Model([board, legal_in], [policy, value])
    model.compile(
        _optimizer(optimizer, lr),
        loss={"policy": keras.losses.CategoricalCrossentropy(from_logits=from_logits),
              "value": "mse"},
        loss_weights={"policy": 1.0, "value": value_weight},
        metrics={"policy": [move_acc], "value": ["mae"]})  # fmt: skip
    return kit.fit(model, {"board": x, "legal": legal}, {"policy": pol, "value": val},
                   probe_data=({"board": x, "legal": legal}, {"policy": pol, "value": val}),
                   epochs=epochs, batch_size=batch_size,
                   validation_data=({"board": xval, "legal": legalval},
                                    {"policy": polval, "value": valval}))  # fmt: skip
