"""The second zoo's datasets: generated or sklearn-bundled, deterministic, no downloads.

Each dataset is a `Data` (train/validation arrays, the task, output size, optional training
sample weights) plus the loss of the best constant prediction (`baseline`) and the accuracy of
always predicting the training set's majority class (`chance`), both on the validation rows.

- digits_img: sklearn digits as 8x8x1 images (ResNet, VGG, separable, fine-tune).
- digits_sorted: sklearn digits as 64 features, training rows sorted by class.
- shapes_img: generated 8x8 images of bars, diagonals and blobs (the pretraining task).
- tokens_count: token ids; is the sentiment count positive? (Embedding + LSTM/GRU).
- tokens_motif: token ids; which of 4 three-token motifs is planted? (Conv1D, GRU).
- tokens_order: token ids; does marker A come before marker B? (Transformer encoder).
- tab_imbalanced: 3 classes at 80/15/5 %, 20 features (make_classification).
- tab_noisy: 2 classes, 25 % of labels flipped in both halves (an accuracy ceiling near 75 %).
- tab_weighted: 2 classes at 93/7 %, class-balancing training sample weights.
- diabetes: sklearn's diabetes regression, standardised (R^2 ceiling about 0.5).
- friedman: make_friedman1 with heavy noise, standardised (low-R^2 regression).
- directions: 8-d target directions, cosine-similarity loss (a negative loss).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np

DATA_SEED = 0


@dataclass(frozen=True)
class Data:
    """Training and validation arrays of one dataset and what the model builder needs."""

    name: str
    task: str  # multiclass, binary, regression or cosine
    n_outputs: int
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    sample_weight: np.ndarray | None = None

    @property
    def classify(self) -> bool:
        return self.task in ("multiclass", "binary")

    @property
    def tokens(self) -> bool:
        return self.x_train.dtype.kind == "i"


def _split(x: np.ndarray, y: np.ndarray, n_train: int) -> tuple[np.ndarray, ...]:
    order = np.random.default_rng(DATA_SEED).permutation(len(x))
    x, y = x[order], y[order]
    return x[:n_train], y[:n_train], x[n_train:], y[n_train:]


def _standardise(x_train: np.ndarray, x_val: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, std = x_train.mean(axis=0), x_train.std(axis=0) + 1e-8
    return ((x_train - mean) / std).astype("float32"), ((x_val - mean) / std).astype("float32")


def _digits(image: bool) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    x, y = load_digits(return_X_y=True)
    x = (x / 16.0).astype("float32")
    if image:
        x = x.reshape(-1, 8, 8, 1)
    return x, y.astype("int32")


def digits_img() -> Data:
    x, y = _digits(image=True)
    return Data("digits_img", "multiclass", 10, *_split(x, y, 1300))


def digits_sorted() -> Data:
    x, y = _digits(image=False)
    xt, yt, xv, yv = _split(x, y, 1300)
    order = np.argsort(yt, kind="stable")
    return Data("digits_sorted", "multiclass", 10, xt[order], yt[order], xv, yv)


def shapes_img() -> Data:
    rng = np.random.default_rng(DATA_SEED + 1)
    n = 1600
    y = rng.integers(0, 4, n).astype("int32")
    x = rng.normal(0.0, 0.25, (n, 8, 8)).astype("float32")
    rows, cols = np.mgrid[0:8, 0:8]
    for i in range(n):
        r, c, size = rng.integers(0, 4), rng.integers(0, 4), rng.integers(2, 4)
        if y[i] == 0:  # horizontal bar
            x[i, r, c : c + size + 2] += 1.0
        elif y[i] == 1:  # vertical bar
            x[i, r : r + size + 2, c] += 1.0
        elif y[i] == 2:  # diagonal
            for k in range(size + 1):
                x[i, r + k, c + k] += 1.0
        else:  # filled blob
            x[i] += ((rows - r - 2) ** 2 + (cols - c - 2) ** 2 <= size) * 1.0
    return Data("shapes_img", "multiclass", 4, *_split(x[..., None], y, 1200))


VOCAB = 40
SEQ_LEN = 24


def _tokens(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(3, VOCAB, (n, SEQ_LEN)).astype("int32")


def tokens_count() -> Data:
    rng = np.random.default_rng(DATA_SEED + 2)
    x = _tokens(2400, DATA_SEED + 2)
    positive, negative = np.isin(x, range(3, 9)).sum(1), np.isin(x, range(9, 15)).sum(1)
    tie = positive == negative
    x[tie, rng.integers(0, SEQ_LEN, tie.sum())] = 3  # break ties towards positive
    positive, negative = np.isin(x, range(3, 9)).sum(1), np.isin(x, range(9, 15)).sum(1)
    y = (positive > negative).astype("float32")
    return Data("tokens_count", "binary", 1, *_split(x, y, 1800))


MOTIFS = ((3, 4, 5), (5, 4, 3), (6, 7, 6), (7, 6, 7))


def tokens_motif() -> Data:
    rng = np.random.default_rng(DATA_SEED + 3)
    x = _tokens(2400, DATA_SEED + 3)
    y = rng.integers(0, len(MOTIFS), len(x)).astype("int32")
    for i, label in enumerate(y):
        start = rng.integers(0, SEQ_LEN - 3)
        x[i, start : start + 3] = MOTIFS[label]
    return Data("tokens_motif", "multiclass", len(MOTIFS), *_split(x, y, 1800))


def tokens_order() -> Data:
    rng = np.random.default_rng(DATA_SEED + 4)
    x = np.random.default_rng(DATA_SEED + 4).integers(3, VOCAB, (2400, SEQ_LEN)).astype("int32")
    x[x <= 2] = 3
    for i in range(len(x)):
        first, second = rng.choice(SEQ_LEN, 2, replace=False)
        x[i, first], x[i, second] = 1, 2  # markers A=1 and B=2, once each
    y = (np.argmax(x == 1, axis=1) < np.argmax(x == 2, axis=1)).astype("float32")
    return Data("tokens_order", "binary", 1, *_split(x, y, 1800))


def tab_imbalanced() -> Data:
    from sklearn.datasets import make_classification

    x, y = make_classification(3000, n_features=20, n_informative=8, n_redundant=4,
                               n_classes=3, weights=[0.8, 0.15, 0.05], class_sep=1.0,
                               random_state=DATA_SEED)  # fmt: skip
    xt, yt, xv, yv = _split(x, y.astype("int32"), 2000)
    xt, xv = _standardise(xt, xv)
    return Data("tab_imbalanced", "multiclass", 3, xt, yt, xv, yv)


def tab_noisy() -> Data:
    from sklearn.datasets import make_classification

    x, y = make_classification(2500, n_features=12, n_informative=6, class_sep=1.5,
                               flip_y=0.0, random_state=DATA_SEED + 1)  # fmt: skip
    flip = np.random.default_rng(DATA_SEED).random(len(y)) < 0.25
    y = np.where(flip, 1 - y, y).astype("float32")
    xt, yt, xv, yv = _split(x, y, 1800)
    xt, xv = _standardise(xt, xv)
    return Data("tab_noisy", "binary", 1, xt, yt, xv, yv)


def tab_weighted() -> Data:
    from sklearn.datasets import make_classification

    x, y = make_classification(2500, n_features=16, n_informative=6, weights=[0.93, 0.07],
                               class_sep=1.2, random_state=DATA_SEED + 2)  # fmt: skip
    xt, yt, xv, yv = _split(x, y.astype("float32"), 1800)
    xt, xv = _standardise(xt, xv)
    share = yt.mean()
    weight = np.where(yt == 1, 0.5 / share, 0.5 / (1 - share)).astype("float32")
    return Data("tab_weighted", "binary", 1, xt, yt, xv, yv, sample_weight=weight)


def _regression(name: str, x: np.ndarray, y: np.ndarray, n_train: int) -> Data:
    xt, yt, xv, yv = _split(x, y, n_train)
    xt, xv = _standardise(xt, xv)
    mean, std = yt.mean(), yt.std()
    scale = lambda v: ((v - mean) / std).astype("float32").reshape(-1, 1)  # noqa: E731
    return Data(name, "regression", 1, xt, scale(yt), xv, scale(yv))


def diabetes() -> Data:
    from sklearn.datasets import load_diabetes

    x, y = load_diabetes(return_X_y=True)
    return _regression("diabetes", x, y, 330)


def friedman() -> Data:
    from sklearn.datasets import make_friedman1

    x, y = make_friedman1(2000, n_features=10, noise=4.0, random_state=DATA_SEED)
    return _regression("friedman", x, y, 1500)


def directions() -> Data:
    rng = np.random.default_rng(DATA_SEED + 5)
    x = rng.normal(size=(2000, 16)).astype("float32")
    hidden = np.tanh(x @ rng.normal(size=(16, 24)) / 4.0)
    y = hidden @ rng.normal(size=(24, 8)) + 0.3 * rng.normal(size=(2000, 8))
    y = (y / np.linalg.norm(y, axis=1, keepdims=True)).astype("float32")
    return Data("directions", "cosine", 8, *_split(x, y, 1500))


GENERATORS: dict[str, Callable[[], Data]] = {
    f.__name__: f
    for f in (digits_img, digits_sorted, shapes_img, tokens_count, tokens_motif, tokens_order,
              tab_imbalanced, tab_noisy, tab_weighted, diabetes, friedman, directions)
}  # fmt: skip


@cache
def load(name: str) -> Data:
    """The named dataset (generated once per process)."""
    if name not in GENERATORS:
        raise ValueError(f"unknown dataset {name!r}; known: {', '.join(GENERATORS)}")
    return GENERATORS[name]()


def val_weights(data: Data) -> np.ndarray | None:
    """Validation sample weights under the training weights' rule (class-balanced), or None."""
    if data.sample_weight is None:
        return None
    y_train, y_val = data.y_train.ravel(), data.y_val.ravel()
    by_class = {c: float(data.sample_weight[y_train == c][0]) for c in np.unique(y_train)}
    return np.array([by_class[c] for c in y_val], dtype="float32")


def baseline(data: Data, weighted: bool = False) -> tuple[float, float | None]:
    """(validation loss of the best constant prediction, chance accuracy or None).

    `weighted`: both under the sample weights (training prior weighted, validation loss and
    accuracy weighted: what Keras reports with weighted validation data and metrics).
    """
    if weighted and data.sample_weight is not None:
        w_train, w_val = data.sample_weight, val_weights(data)
        assert w_val is not None
        y_train, y_val = data.y_train.ravel(), data.y_val.ravel()
        p = float(np.clip(np.sum(w_train * y_train) / np.sum(w_train), 1e-7, 1 - 1e-7))
        losses = -(y_val * np.log(p) + (1 - y_val) * np.log(1 - p))
        correct = y_val == float(p >= 0.5)
        return float(np.mean(w_val * losses)), float(np.sum(w_val * correct) / np.sum(w_val))
    if data.task == "regression":
        return float(np.mean((data.y_val - data.y_train.mean()) ** 2)), None
    if data.task == "cosine":
        direction = data.y_train.mean(axis=0)
        direction /= np.linalg.norm(direction)
        return float(-np.mean(data.y_val @ direction)), None
    y_train, y_val = data.y_train.astype("int64").ravel(), data.y_val.astype("int64").ravel()
    prior = np.bincount(y_train, minlength=max(2, data.n_outputs)) / len(y_train)
    prior = np.clip(prior, 1e-7, 1.0)
    loss = float(-np.mean(np.log(prior[y_val])))
    return loss, float(np.mean(y_val == np.argmax(prior)))
