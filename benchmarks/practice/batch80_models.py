"""Batch-80 localisation and keypoint scripts (keyword options are the faults, the defaults the
healthy choice): single-object bounding-box regression with a class head (two outputs, two
losses; MSE or a GIoU loss; boxes as xyxy or decoded from centre / size), landmark regression
on generated faces (three points, PCK metric), keypoint heatmaps read out by a spatial
soft-argmax, and a CenterNet-like head (class heatmaps with a penalty-reduced focal loss and a
size map with a masked L1 loss). Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch80_data import SIZE, face_landmarks, shape_boxes
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    return keras.optimizers.SGD(lr, momentum=0.9) if name == "sgd" else keras.optimizers.Adam(lr)


def _box_iou(a: Any, b: Any, generalised: bool = False) -> Any:
    """IoU (or GIoU) of two batches of (x_min, y_min, x_max, y_max) boxes."""
    ax0, ay0, ax1, ay1 = (a[:, i] for i in range(4))
    bx0, by0, bx1, by1 = (b[:, i] for i in range(4))
    iw = ops.maximum(ops.minimum(ax1, bx1) - ops.maximum(ax0, bx0), 0.0)
    ih = ops.maximum(ops.minimum(ay1, by1) - ops.maximum(ay0, by0), 0.0)
    inter = iw * ih
    area_a = ops.maximum(ax1 - ax0, 0.0) * ops.maximum(ay1 - ay0, 0.0)
    area_b = ops.maximum(bx1 - bx0, 0.0) * ops.maximum(by1 - by0, 0.0)
    union = area_a + area_b - inter + 1e-7
    iou = inter / union
    if not generalised:
        return iou
    hull = (ops.maximum(ax1, bx1) - ops.minimum(ax0, bx0)) * (
        ops.maximum(ay1, by1) - ops.minimum(ay0, by0)) + 1e-7  # fmt: skip
    return iou - (hull - union) / hull


def giou_loss(y_true: Any, y_pred: Any) -> Any:
    return 1.0 - _box_iou(y_true, y_pred, generalised=True)


def iou_loss(y_true: Any, y_pred: Any) -> Any:
    return 1.0 - _box_iou(y_true, y_pred)


def iou50_acc(y_true: Any, y_pred: Any) -> Any:
    """Localisation accuracy: the share of predicted boxes with IoU >= 0.5."""
    return ops.cast(_box_iou(y_true, y_pred) >= 0.5, "float32")


class BoxDecode(layers.Layer):
    """(cx, cy, w, h) -> (x_min, y_min, x_max, y_max); `half=False` is the decode that forgets
    to halve the size (x_min = cx - w)."""

    def __init__(self, half: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.half = half

    def call(self, boxes: Any) -> Any:
        centre, size = boxes[:, :2], boxes[:, 2:]
        if self.half:
            size = size / 2.0
        return ops.concatenate([centre - size, centre + size], axis=-1)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "half": self.half}


def _conv_block(h: Any, filters: int, activation: str = "relu", batchnorm: bool = False) -> Any:
    h = layers.Conv2D(filters, 3, padding="same", use_bias=not batchnorm)(h)
    if batchnorm:
        h = layers.BatchNormalization()(h)
    return layers.Activation(activation)(h)


def box_cls_cnn(kit: Kit, *, coords: str = "normalised", head: str = "xyxy",
                box_output: str = "sigmoid", half: bool = True, box_loss: str = "mse",
                cls_output: str = "softmax", box_weight: float = 1.0, flip_aug: bool = False,
                flip_boxes: bool = True, shuffle_boxes: bool = False, pixels: str = "unit",
                pooling: str = "flatten", optimizer: str = "adam", lr: float = 1e-3,
                epochs: int = 15, batch_size: int = 32) -> Any:  # fmt: skip
    """One shape per 32 x 32 image (3 classes; 2000 train, 500 validate): [Conv 3x3 ReLU ->
    MaxPool] x 3 (16 / 32 / 64) -> Flatten -> Dense 128 ReLU -> two heads, "box" Dense 4
    sigmoid (x_min, y_min, x_max, y_max normalised) and "cls" Dense 3 softmax; losses MSE and
    sparse CE, IoU >= 0.5 accuracy and class accuracy, Adam(1e-3), batch 32, 15 epochs.
    Options: `coords` ("normalised"; "pixel": box targets in pixels, 0..32), `head` ("xyxy";
    "cxcywh": the head predicts centre and size, `BoxDecode` turns them into corners, `half`
    False forgets the / 2), `box_output` activation, `box_loss` ("mse", "giou", "iou",
    "huber"), `cls_output`, `box_weight` (the box loss weight), `flip_aug` (the training set
    doubled by horizontal flips; `flip_boxes` False leaves the flipped images' boxes
    unflipped), `shuffle_boxes` (training boxes shuffled apart from their images), `pixels`
    ("unit"; "byte": 0..255), `pooling` ("flatten"; "gap"), the optimizer, rate, epochs and
    batch size."""
    x, box, cls, xval, boxval, clsval = shape_boxes()
    if flip_aug:
        flipped = box.copy()
        if flip_boxes:
            flipped[:, 0], flipped[:, 2] = 1.0 - box[:, 2], 1.0 - box[:, 0]
        x = np.concatenate([x, x[:, :, ::-1]])
        box, cls = np.concatenate([box, flipped]), np.concatenate([cls, cls])
    if coords == "pixel":
        box, boxval = box * SIZE, boxval * SIZE
    if pixels == "byte":
        x, xval = np.round(x * 255.0), np.round(xval * 255.0)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_boxes:
        box = box[np.random.default_rng(kit.seed).permutation(len(box))]
    inputs = keras.Input((SIZE, SIZE, 1))
    h = inputs
    for filters in (16, 32, 64):
        h = _conv_block(h, filters)
        h = layers.MaxPooling2D(2)(h)
    h = layers.Flatten()(h) if pooling == "flatten" else layers.GlobalAveragePooling2D()(h)
    h = layers.Dense(128, activation="relu")(h)
    if head == "cxcywh":
        raw = layers.Dense(4, activation=box_output)(h)
        box_out = BoxDecode(half, name="box")(raw)
    else:
        box_out = layers.Dense(4, activation=box_output, name="box")(h)
    cls_out = layers.Dense(3, activation=cls_output, name="cls")(h)
    model = keras.Model(inputs, {"box": box_out, "cls": cls_out})
    losses = {"mse": "mse", "huber": "huber", "giou": giou_loss, "iou": iou_loss}
    metric = iou50_acc
    if coords == "pixel":
        def iou50_acc_px(y_true: Any, y_pred: Any) -> Any:
            return iou50_acc(y_true / SIZE, y_pred / SIZE)
        metric = iou50_acc_px
    model.compile(_optimizer(optimizer, lr),
                  loss={"box": losses[box_loss], "cls": "sparse_categorical_crossentropy"},
                  loss_weights={"box": box_weight, "cls": 1.0},
                  metrics={"box": [metric], "cls": ["accuracy"]})  # fmt: skip
    return kit.fit(model, x, {"box": box, "cls": cls}, probe_data=(x, {"box": box, "cls": cls}),
                   epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, {"box": boxval, "cls": clsval}))  # fmt: skip


def _pck(threshold: float) -> Any:
    """PCK: the share of keypoints within `threshold` (in the targets' units) of the truth;
    points are (x, y) pairs laid out as x1, y1, x2, y2, ..."""

    def pck_acc(y_true: Any, y_pred: Any) -> Any:
        t = ops.reshape(y_true, (-1, ops.shape(y_true)[-1] // 2, 2))
        p = ops.reshape(y_pred, (-1, ops.shape(y_pred)[-1] // 2, 2))
        dist = ops.sqrt(ops.sum(ops.square(t - p), axis=-1))
        return ops.mean(ops.cast(dist <= threshold, "float32"), axis=-1)

    return pck_acc


def _face_inputs(order: str, flip_aug: bool, swap_on_flip: bool, seed: int
                 ) -> list[np.ndarray]:  # fmt: skip
    x, pts, xval, ptsval = face_landmarks()
    if order == "random":  # each image's three points listed in the annotation tool's order
        rng = np.random.default_rng(seed)
        p = pts.reshape(-1, 3, 2)
        perm = np.argsort(rng.random((len(p), 3)), axis=1)
        pts = np.take_along_axis(p, perm[..., None], axis=1).reshape(-1, 6)
    if flip_aug:
        flipped = pts.reshape(-1, 3, 2).copy()
        flipped[..., 0] = 1.0 - flipped[..., 0]
        if swap_on_flip:  # the image's left eye is now the right one
            flipped = flipped[:, [1, 0, 2]]
        x = np.concatenate([x, x[:, :, ::-1]])
        pts = np.concatenate([pts, flipped.reshape(-1, 6)])
    return [x, pts.astype("float32"), xval, ptsval]


def landmark_cnn(kit: Kit, *, coords: str = "normalised", output: str = "sigmoid",
                 pooling: str = "flatten", order: str = "fixed", flip_aug: bool = False,
                 swap_on_flip: bool = True, loss: str = "mse", batchnorm: bool = False,
                 activation: str = "relu", depth: int = 3, dropout: float = 0.0,
                 optimizer: str = "adam", lr: float = 1e-3, epochs: int = 20,
                 batch_size: int = 32) -> Any:  # fmt: skip
    """Three face landmarks (left eye, right eye, mouth) on generated 32 x 32 faces (2000
    train, 500 validate): [Conv 3x3 ReLU -> MaxPool] x 3 (16 / 32 / 64) -> Flatten -> Dense
    128 ReLU -> Dense 6 sigmoid (x, y normalised), MSE, PCK@0.05 (of the image size),
    Adam(1e-3), batch 32, 20 epochs. Options: `coords` ("normalised"; "pixel": targets in
    pixels, the PCK threshold 1.6 px), `output` activation, `pooling` ("flatten"; "gap"),
    `order` ("fixed"; "random": each image's points in arbitrary order), `flip_aug`
    (horizontal flips added; `swap_on_flip` False keeps the eyes' labels), `loss`,
    `batchnorm`, `activation`, `depth` (conv blocks; past 3 without pooling), `dropout`
    before the head, the optimizer, rate, epochs and batch size."""
    x, pts, xval, ptsval = _face_inputs(order, flip_aug, swap_on_flip, kit.seed)
    threshold = 0.05
    if coords == "pixel":
        pts, ptsval, threshold = pts * SIZE, ptsval * SIZE, 0.05 * SIZE
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((SIZE, SIZE, 1))
    h = inputs
    for i in range(depth):
        h = _conv_block(h, (16, 32, 64)[min(i, 2)], activation, batchnorm)
        if i < 3:
            h = layers.MaxPooling2D(2)(h)
    h = layers.Flatten()(h) if pooling == "flatten" else layers.GlobalAveragePooling2D()(h)
    h = layers.Dense(128, activation=activation)(h)
    if dropout:
        h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(6, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=[_pck(threshold)])
    return kit.fit(model, x, pts, probe_data=(x, pts), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, ptsval))  # fmt: skip


class SpatialSoftArgmax(layers.Layer):
    """Heatmap logits (batch, H, W, K) -> the expected (x, y) of each keypoint under a softmax
    over the H x W positions (times `beta`), coordinates of the cell centres normalised to
    0..1 (`units="pixels"`: in heatmap cells). `axis="channels"`: the softmax taken over the K
    maps instead of the positions (each map then normalised by its sum). `grid="swapped"`:
    the x and y grids exchanged (the meshgrid's indexing mixed up). Returns (batch, 2 K) as
    x1, y1, x2, y2, ..."""

    def __init__(self, beta: float = 1.0, axis: str = "spatial", grid: str = "xy",
                 units: str = "normalised", **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.beta, self.axis, self.grid, self.units = beta, axis, grid, units

    def call(self, logits: Any) -> Any:
        height, width, k = logits.shape[1], logits.shape[2], logits.shape[3]
        logits = logits * self.beta
        if self.axis == "channels":
            probs = ops.softmax(logits, axis=-1)
            probs = probs / (ops.sum(probs, axis=(1, 2), keepdims=True) + 1e-7)
        else:
            flat = ops.softmax(ops.reshape(logits, (-1, height * width, k)), axis=1)
            probs = ops.reshape(flat, (-1, height, width, k))
        ys = (np.arange(height, dtype="float32") + 0.5)
        xs = (np.arange(width, dtype="float32") + 0.5)
        if self.units == "normalised":
            ys, xs = ys / height, xs / width
        grid_y, grid_x = np.meshgrid(ys, xs, indexing="ij")
        if self.grid == "swapped":
            grid_y, grid_x = grid_x, grid_y
        ex = ops.sum(probs * grid_x[None, :, :, None], axis=(1, 2))
        ey = ops.sum(probs * grid_y[None, :, :, None], axis=(1, 2))
        return ops.reshape(ops.stack([ex, ey], axis=-1), (-1, 2 * k))

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "beta": self.beta, "axis": self.axis,
                "grid": self.grid, "units": self.units}  # fmt: skip


def heatmap_keypoints(kit: Kit, *, axis: str = "spatial", grid: str = "xy",
                      units: str = "normalised", beta: float = 1.0, logits_act: str = "linear",
                      order: str = "fixed", flip_aug: bool = False, swap_on_flip: bool = True,
                      loss: str = "mse", optimizer: str = "adam", lr: float = 1e-3,
                      epochs: int = 8, batch_size: int = 32) -> Any:  # fmt: skip
    """The face landmarks read out from heatmaps: a small encoder-decoder (Conv 16 -> MaxPool
    -> Conv 32 x 2 -> MaxPool -> Conv 32 -> UpSampling 2 + the 16 x 16 skip -> Conv 16) ->
    Conv 1x1 3 heatmap logits (16 x 16) -> `SpatialSoftArgmax` -> (x, y) x 3 normalised; MSE
    on the coordinates, PCK@0.05, Adam(1e-3), batch 32, 8 epochs. Options: the soft-argmax's
    `axis`, `grid`, `units` and `beta`, `logits_act` (an activation on the heatmap logits),
    `order`, `flip_aug` / `swap_on_flip` as `landmark_cnn`, the loss, optimizer, rate, epochs
    and batch size."""
    x, pts, xval, ptsval = _face_inputs(order, flip_aug, swap_on_flip, kit.seed)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((SIZE, SIZE, 1))
    h = _conv_block(inputs, 16)
    h = layers.MaxPooling2D(2)(h)
    skip = _conv_block(_conv_block(h, 32), 32)
    h = layers.MaxPooling2D(2)(skip)
    h = _conv_block(h, 32)
    h = layers.UpSampling2D(2)(h)
    h = _conv_block(layers.Concatenate()([h, skip]), 16)
    logits = layers.Conv2D(3, 1, activation=logits_act, name="heatmaps")(h)
    outputs = SpatialSoftArgmax(beta, axis, grid, units, name="soft_argmax")(logits)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=[_pck(0.05)])
    return kit.fit(model, x, pts, probe_data=(x, pts), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, ptsval))  # fmt: skip


def _centre_targets(box: np.ndarray, cls: np.ndarray, stride: int, sigma: float,
                    swap_xy: bool) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """CenterNet targets on a (32 / stride)^2 grid: per class a Gaussian (sigma in cells)
    around the box centre's cell, 1 exactly at that cell; a (w, h) size map (normalised) at
    the centre cell only. `swap_xy`: the peak written at [x, y] instead of [y, x]."""
    cells = SIZE // stride
    heat = np.zeros((len(box), cells, cells, 3), dtype="float32")
    size = np.zeros((len(box), cells, cells, 2), dtype="float32")
    yy, xx = np.mgrid[0:cells, 0:cells]
    for i, (b, c) in enumerate(zip(box, cls, strict=True)):
        cx = min(int((b[0] + b[2]) / 2 * SIZE / stride), cells - 1)
        cy = min(int((b[1] + b[3]) / 2 * SIZE / stride), cells - 1)
        if swap_xy:
            cx, cy = cy, cx
        heat[i, :, :, c] = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * sigma**2))
        size[i, cy, cx] = (b[2] - b[0], b[3] - b[1])
    return heat, size


def centernet_focal(y_true: Any, y_pred: Any) -> Any:
    """CenterNet's penalty-reduced focal loss (alpha 2, beta 4) over the heatmap, divided by
    the number of peaks."""
    y_pred = ops.clip(y_pred, 1e-6, 1.0 - 1e-6)
    pos = ops.cast(y_true >= 1.0 - 1e-4, "float32")
    pos_loss = -ops.log(y_pred) * ops.square(1.0 - y_pred) * pos
    neg_loss = (-ops.log(1.0 - y_pred) * ops.square(y_pred) * ops.power(1.0 - y_true, 4.0)
                * (1.0 - pos))  # fmt: skip
    peaks = ops.maximum(ops.sum(pos, axis=(1, 2, 3)), 1.0)
    return ops.sum(pos_loss + neg_loss, axis=(1, 2, 3)) / peaks


def masked_l1(y_true: Any, y_pred: Any) -> Any:
    """L1 on the size map at the cells that hold a size (the centres) only."""
    mask = ops.cast(ops.sum(y_true, axis=-1, keepdims=True) > 0, "float32")
    return ops.sum(ops.abs(y_true - y_pred) * mask, axis=(1, 2, 3)) / ops.maximum(
        ops.sum(mask, axis=(1, 2, 3)), 1.0)  # fmt: skip


def center_acc(y_true: Any, y_pred: Any) -> Any:
    """The strongest predicted peak (cell and class) is the true centre's."""
    t = ops.argmax(ops.reshape(y_true, (ops.shape(y_true)[0], -1)), axis=-1)
    p = ops.argmax(ops.reshape(y_pred, (ops.shape(y_pred)[0], -1)), axis=-1)
    return ops.cast(ops.equal(t, p), "float32")


def centernet_shapes(kit: Kit, *, heat_output: str = "sigmoid", heat_loss: str = "focal",
                     prior_bias: float = -2.19, sigma: float = 1.0, swap_xy: bool = False,
                     size_loss: str = "masked_l1", size_weight: float = 0.1,
                     pixels: str = "unit", head_act: str = "relu", optimizer: str = "adam",
                     lr: float = 1e-3, epochs: int = 10, batch_size: int = 32) -> Any:  # fmt: skip
    """CenterNet-like detector of the one shape per image (3 classes; 2000 train, 500
    validate) at stride 4: Conv 16 -> MaxPool -> Conv 32 x 2 -> MaxPool -> Conv 64 (8 x 8) ->
    two heads, "heatmap" Conv 3x3 32 ReLU -> Conv 1x1 3 sigmoid (bias -2.19, the prior 0.1)
    and "size" Conv 3x3 32 ReLU -> Conv 1x1 2 (w, h); penalty-reduced focal loss on the
    Gaussian heatmaps (sigma 1 cell) and masked L1 at the centre (weight 0.1), centre accuracy
    (peak cell and class), Adam(1e-3), batch 32, 10 epochs. Options: `heat_output`
    activation, `heat_loss` ("focal"; "bce"; "mse"), `prior_bias` of the heatmap's last conv,
    `sigma`, `swap_xy` (the targets' peaks written at [x, y]), `size_loss` ("masked_l1";
    "l1": over every cell), `size_weight`, `pixels`, `head_act`, the optimizer, rate, epochs
    and batch size."""
    x, box, cls, xval, boxval, clsval = shape_boxes()
    heat, size = _centre_targets(box, cls, 4, sigma, swap_xy)
    heatval, sizeval = _centre_targets(boxval, clsval, 4, sigma, swap_xy)
    if pixels == "byte":
        x, xval = np.round(x * 255.0), np.round(xval * 255.0)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((SIZE, SIZE, 1))
    h = _conv_block(inputs, 16)
    h = layers.MaxPooling2D(2)(h)
    h = _conv_block(_conv_block(h, 32), 32)
    h = layers.MaxPooling2D(2)(h)
    h = _conv_block(h, 64)
    hh = layers.Conv2D(32, 3, padding="same", activation=head_act)(h)
    heat_out = layers.Conv2D(3, 1, activation=heat_output, name="heatmap",
                             bias_initializer=keras.initializers.Constant(prior_bias))(hh)
    hs = layers.Conv2D(32, 3, padding="same", activation=head_act)(h)
    size_out = layers.Conv2D(2, 1, name="size")(hs)
    model = keras.Model(inputs, {"heatmap": heat_out, "size": size_out})
    heat_losses = {"focal": centernet_focal, "bce": "binary_crossentropy", "mse": "mse"}
    size_losses = {"masked_l1": masked_l1, "l1": "mae"}
    model.compile(_optimizer(optimizer, lr),
                  loss={"heatmap": heat_losses[heat_loss], "size": size_losses[size_loss]},
                  loss_weights={"heatmap": 1.0, "size": size_weight},
                  metrics={"heatmap": [center_acc]})  # fmt: skip
    y, yval = {"heatmap": heat, "size": size}, {"heatmap": heatval, "size": sizeval}
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
