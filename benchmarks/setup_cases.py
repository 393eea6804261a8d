"""Set-up bugs as Keras users write them: each case a buggy and a fixed program, offline data.

Each case is modelled on a kind of question that recurs on Stack Overflow and in GitHub issues
of Keras projects; the programs are written here, none is ported from the DeepLocalize,
DeepDiagnosis or DeepFD benchmarks nor from Zhang et al. (ISSTA 2018). Keras 3, sklearn's
bundled or generated data.

`source` links one public question or issue where a user hit the same bug and the answer (or
the fix) is the case's fix. The set was written first; the links were found afterwards by
searching stored Stack Exchange pages and GitHub issues for each bug, kept only when the page
was seen and its fix matched, given as the canonical Stack Exchange / GitHub URL (a mirror's
copy gave the question id), and never taken from the benchmarks above (Stack Overflow
52800582, y = x**4 with unscaled inputs, is a DeepLocalize subject and was left out). "" where
no such page was found.

A case's `build(fixed)` returns the compiled model of the buggy (False) or fixed (True)
program and its `data(fixed)` the four arrays; the two programs differ only in the bug.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import keras
import numpy as np
from keras import layers

Arrays = dict[str, np.ndarray]


@dataclass(frozen=True)
class Case:
    """One question: what was asked, the bug, the fix, and what pre-flight should name.

    Attributes:
        case_id: Short id.
        question: The kind of question (as a user would title it).
        bug: The fault in the buggy program.
        fix: The change in the fixed program.
        expected: Problem id pre-flight should name, or "input_error:<text>" when the job
            must refuse the input naming the fault (exit 2 before training).
        build: fixed -> compiled model.
        data: fixed -> arrays.
        source: https URL of a public question or issue with this bug and this fix, or "".
        epochs, batch_size: Training budget of both programs (`fixed_batch_size`: the fixed
            program's batch size when that is the fix).
    """

    case_id: str
    question: str
    bug: str
    fix: str
    expected: str
    build: Callable[[bool], keras.Model]
    data: Callable[[bool], Arrays]
    source: str
    epochs: int = 20
    batch_size: int = 32
    fixed_batch_size: int | None = None  # when the fix is the budget itself
    runtime: bool = False  # named in training (within the first epochs), not before it

    def budget(self, fixed: bool) -> tuple[int, int]:
        """(epochs, batch size) of the buggy or the fixed program."""
        batch = self.fixed_batch_size if fixed and self.fixed_batch_size else self.batch_size
        return self.epochs, batch


def _split(x: np.ndarray, y: np.ndarray, n_val: float = 0.3, seed: int = 0) -> Arrays:
    order = np.random.default_rng(seed).permutation(len(x))
    x, y = x[order].astype("float32"), y[order]
    cut = int(len(x) * (1 - n_val))
    return {"x_train": x[:cut], "y_train": y[:cut], "x_val": x[cut:], "y_val": y[cut:]}


def _standard(x: np.ndarray) -> np.ndarray:
    return (x - x.mean(axis=0)) / np.where(x.std(axis=0) > 0, x.std(axis=0), 1.0)


@cache
def _cancer() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_breast_cancer

    x, y = load_breast_cancer(return_X_y=True)
    return _standard(x), y.astype("float32")


@cache
def _digits() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    x, y = load_digits(return_X_y=True)
    return x / 16.0, y.astype("int32")


@cache
def _wine() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_wine

    x, y = load_wine(return_X_y=True)
    return _standard(x), y.astype("int32")


def _mlp(inputs: int, hidden: list[int], out: int, out_act: str, act: str = "relu",
         loss: str = "binary_crossentropy", optimizer: keras.optimizers.Optimizer | None = None,
         metrics: tuple[str, ...] = ("accuracy",)) -> keras.Model:  # fmt: skip
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((inputs,))])
    for units in hidden:
        model.add(layers.Dense(units, activation=act))
    model.add(layers.Dense(out, activation=out_act))
    model.compile(optimizer or keras.optimizers.Adam(), loss, metrics=list(metrics))
    return model


# --- data per case ---------------------------------------------------------------------


def cancer(fixed: bool) -> Arrays:
    return _split(*_cancer())


def digits_pixels(fixed: bool) -> Arrays:
    x, y = _digits()
    return _split(x if fixed else np.rint(x * 255.0), y)  # the bug: x / 255 forgotten


def house_columns(fixed: bool) -> Arrays:
    from sklearn.datasets import make_regression

    x, y = make_regression(1000, n_features=8, n_informative=6, noise=5.0, random_state=0)
    scales = np.array([1.0, 1.0, 50.0, 3e3, 1e4, 2e5, 1.0, 0.1])  # rooms, m2, year, price...
    x = x * scales + np.array([0, 0, 1990, 0, 5e4, 0, 0, 0])
    y = ((y - y.mean()) / y.std()).astype("float32").reshape(-1, 1)
    return _split(_standard(x) if fixed else x, y)


def diabetes_raw(fixed: bool) -> Arrays:
    from sklearn.datasets import load_diabetes

    x, y = load_diabetes(return_X_y=True)
    return _split(_standard(x), (y / 100.0).astype("float32").reshape(-1, 1))  # 0.25 .. 3.46


def diabetes_targets(fixed: bool) -> Arrays:
    from sklearn.datasets import load_diabetes

    x, y = load_diabetes(return_X_y=True)  # disease progression 25 .. 346: mean 152, std 77
    y = ((y - y.mean()) / y.std()) if fixed else y  # the bug: the targets fed raw
    return _split(_standard(x), y.astype("float32").reshape(-1, 1))


def regression_std(fixed: bool) -> Arrays:
    from sklearn.datasets import make_regression

    x, y = make_regression(800, n_features=10, n_informative=6, noise=10.0, random_state=1)
    return _split(x, ((y - y.mean()) / y.std()).astype("float32").reshape(-1, 1))


def multilabel(fixed: bool) -> Arrays:
    from sklearn.datasets import make_multilabel_classification

    x, y = make_multilabel_classification(1000, n_features=20, n_classes=5, n_labels=2,
                                          allow_unlabeled=False, random_state=0)  # fmt: skip
    return _split(_standard(x), y.astype("float32"))


def wine_onehot(fixed: bool) -> Arrays:
    x, y = _wine()
    return _split(x, np.eye(3, dtype="float32")[y])


def digits_onehot(fixed: bool) -> Arrays:
    x, y = _digits()
    return _split(x, np.eye(10, dtype="float32")[y])


def digits_sparse(fixed: bool) -> Arrays:
    return _split(*_digits())


def circles(fixed: bool) -> Arrays:
    from sklearn.datasets import make_circles

    x, y = make_circles(1000, noise=0.08, factor=0.5, random_state=0)
    return _split(x, y.astype("float32"))


def digits_sorted_split(fixed: bool) -> Arrays:
    x, y = _digits()
    if fixed:
        return _split(x, y)
    order = np.argsort(y, kind="stable")  # the bug: sorted by label, then sliced
    x, y = x[order].astype("float32"), y[order]
    cut = int(len(x) * 0.7)
    return {"x_train": x[:cut], "y_train": y[:cut], "x_val": x[cut:], "y_val": y[cut:]}


def digits_twice(fixed: bool) -> Arrays:
    x, y = _digits()
    return _split(x if fixed else x / 255.0, y)  # the bug: scaled a second time


def labels_shuffled(fixed: bool) -> Arrays:
    from sklearn.datasets import make_classification

    x, y = make_classification(2000, n_features=20, n_informative=8, random_state=0)
    if not fixed:  # the bug: y permuted on its own, after x was
        y = y[np.random.default_rng(1).permutation(len(y))]
    return _split(_standard(x), y.astype("float32"))


def wine_int(fixed: bool) -> Arrays:
    return _split(*_wine())


# --- the cases -----------------------------------------------------------------------------

CASES: tuple[Case, ...] = (
    Case("softmax-1-unit", "Binary classifier stuck at the class ratio; accuracy never moves",
         "Dense(1, activation='softmax') with binary_crossentropy",
         "Dense(1, activation='sigmoid')", "output_loss_mismatch",
         lambda f: _mlp(30, [16], 1, "sigmoid" if f else "softmax"), cancer,
         source="https://stackoverflow.com/questions/65258468"),
    Case("raw-pixels", "MLP on digit images learns nothing / predicts one class",
         "pixels fed raw in 0..255 to a sigmoid MLP", "x / 255 (here x / 16 of the 0..16 data)",
         "unscaled_input",
         lambda f: _mlp(64, [32], 10, "softmax", act="sigmoid",
                        loss="sparse_categorical_crossentropy"), digits_pixels,
         source="https://stats.stackexchange.com/questions/372762"),
    Case("unscaled-columns", "Regression loss huge and the network no better than the mean",
         "tabular columns in their own units (years, money) fed unscaled",
         "StandardScaler on the columns", "unscaled_input",
         lambda f: _mlp(8, [32, 32], 1, "linear", loss="mse", metrics=("mae",)), house_columns,
         source="https://stats.stackexchange.com/questions/284189"),  # nan loss; StandardScaler
    Case("sigmoid-regression", "Regression predictions never exceed 1",
         "Dense(1, activation='sigmoid') on targets in 0.25..3.5",
         "Dense(1) (linear)", "output_loss_mismatch",
         lambda f: _mlp(10, [32], 1, "linear" if f else "sigmoid", loss="mse",
                        metrics=("mae",)), diabetes_raw,
         source="https://stackoverflow.com/questions/9048031",  # not Keras: same bug, same fix
         epochs=60, batch_size=16),  # 20 x 32 left the fixed program worse than the mean
    Case("raw-targets", "Regression loss stays in the thousands; predictions far below the targets",
         "MSE on raw targets in 25..346 (mean 152) through a linear output",
         "standardise the targets, (y - mean) / std (invert on the predictions)",
         "unscaled_target",
         lambda f: _mlp(10, [32], 1, "linear", loss="mse", metrics=("mae",)), diabetes_targets,
         source="https://stats.stackexchange.com/questions/409000"),
         # there: house prices of mean 250,000 under Adam; outputs crept up from 0 for 2,000
         # epochs; starting the output at the mean (what the rescaling does) trained at once
    Case("relu-regression", "Regression model outputs 0 for half the samples",
         "Dense(1, activation='relu') on standardised (signed) targets",
         "Dense(1) (linear)", "output_loss_mismatch",
         lambda f: _mlp(10, [32], 1, "linear" if f else "relu", loss="mse",
                        metrics=("mae",)), regression_std,
         source="https://github.com/ProteomicsML/ProteomicsML/pull/203"),  # a tutorial's fix
    Case("mse-softmax", "Why does this MLP need a learning rate above 1 to converge?",
         "softmax output trained with mean_squared_error on one-hot labels (SGD)",
         "categorical_crossentropy", "output_loss_mismatch",
         lambda f: _mlp(64, [128], 10, "softmax", act="sigmoid",
                        loss="categorical_crossentropy" if f else "mean_squared_error",
                        optimizer=keras.optimizers.SGD(0.1)),
         digits_onehot, source="https://stackoverflow.com/questions/73462535"),
         # there: MNIST's first 1000 images, batch 1000; the answer: MSE is a regression loss
    Case("softmax-multilabel", "Multi-label model predicts at most one tag",
         "softmax + categorical_crossentropy on multi-hot labels",
         "sigmoid + binary_crossentropy", "output_loss_mismatch",
         lambda f: _mlp(20, [32], 5, "sigmoid" if f else "softmax",
                        loss="binary_crossentropy" if f else "categorical_crossentropy"),
         multilabel, source="https://github.com/keras-team/keras/issues/741"),
    Case("bce-onehot", "binary_crossentropy reports 95 % accuracy on 10 classes, predictions wrong",
         "binary_crossentropy with a softmax over 10 one-hot classes",
         "categorical_crossentropy", "output_loss_mismatch",
         lambda f: _mlp(64, [32], 10, "softmax",
                        loss="categorical_crossentropy" if f else "binary_crossentropy"),
         digits_onehot, source="https://stackoverflow.com/questions/42081257"),
    Case("no-activation", "Deeper network is no better than logistic regression",
         "hidden Dense layers without activation", "activation='relu'", "linear_stack",
         lambda f: _mlp(2, [32, 32], 1, "sigmoid", act="relu" if f else "linear"), circles,
         source="https://github.com/keras-team/keras/issues/9286"),
    Case("adam-lr-high", "Loss jumps and accuracy collapses with Adam(learning_rate=0.5)",
         "Adam learning rate 0.5", "Adam() (0.001)", "learning_rate_out_of_range",
         lambda f: _mlp(64, [32], 10, "softmax", loss="sparse_categorical_crossentropy",
                        optimizer=keras.optimizers.Adam(1e-3 if f else 0.5)), digits_sparse,
         source="https://datascience.stackexchange.com/questions/51280"),  # 1e-3 too high there
    Case("sgd-lr-tiny", "Loss barely decreases with SGD",
         "SGD learning rate 1e-5", "SGD(learning_rate=0.01)", "learning_rate_out_of_range",
         lambda f: _mlp(30, [16], 1, "sigmoid",
                        optimizer=keras.optimizers.SGD(1e-2 if f else 1e-5)), cancer,
         source="https://github.com/keras-team/keras/issues/2711"),
         # "Loss not changing when training": a commenter's cause was a learning rate too
         # small, fixed by a bigger one (the thread lists other causes too)
    Case("one-batch-epochs", "Accuracy low after training: fit(..., batch_size=len(x), epochs=3)",
         "full-batch training for 3 epochs: 3 optimizer steps",
         "batch_size=32", "small_budget",
         lambda f: _mlp(64, [32], 10, "softmax", loss="sparse_categorical_crossentropy"),
         digits_sparse, source="https://stackoverflow.com/questions/59073288", epochs=3,
         batch_size=1257, fixed_batch_size=32),  # there: batch 20000, 200 epochs; smaller helps
    Case("sorted-split", "Validation accuracy 0 although training accuracy is high",
         "data sorted by label, then sliced into train / validation",
         "shuffle before splitting", "label_mismatch",
         lambda f: _mlp(64, [32], 10, "softmax", loss="sparse_categorical_crossentropy"),
         digits_sorted_split, source="https://github.com/keras-team/keras/issues/8346"),
    Case("bce-three-classes", "CNN with keras, accuracy not improving (three classes)",
         "Dense(1, sigmoid) + binary_crossentropy on labels 0, 1, 2",
         "Dense(3, softmax) + sparse_categorical_crossentropy", "output_loss_mismatch",
         lambda f: _mlp(13, [16], 3 if f else 1, "softmax" if f else "sigmoid",
                        loss="sparse_categorical_crossentropy" if f else "binary_crossentropy"),
         wine_int, source="https://newbedev.com/cnn-with-keras-accuracy-not-improving",
         epochs=40, batch_size=16),  # a Stack Overflow answer's mirror: Dense(1) -> Dense(3)
    Case("sparse-onehot", "Keras error: target.shape and output.shape incompatible",
         "sparse_categorical_crossentropy on one-hot labels",
         "categorical_crossentropy", "output_loss_mismatch",
         lambda f: _mlp(13, [16], 3, "softmax", loss=("categorical_crossentropy" if f
                                                      else "sparse_categorical_crossentropy")),
         wine_onehot, source="https://github.com/wikibook/tf2/issues/8", epochs=40, batch_size=16),
    Case("double-rescale", "Accuracy stuck at chance after adding rescale=1/255",
         "pixels divided by 255 twice (by hand and by the loader): inputs within 0..0.004",
         "divide once", "unscaled_input",
         lambda f: _mlp(64, [32], 10, "softmax", loss="sparse_categorical_crossentropy"),
         digits_twice, source=""),
    Case("shuffled-labels", "Accuracy stays at chance: x and y shuffled separately",
         "x and y shuffled with two different permutations (labels no longer match inputs)",
         "one permutation for both", "setup_stall",
         lambda f: _mlp(20, [16], 1, "sigmoid"), labels_shuffled,
         source="", runtime=True),
)
