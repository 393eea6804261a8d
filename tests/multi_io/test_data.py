"""Several inputs and outputs as data (fast): the `.npz` naming convention, `fit` arguments as
dicts, targets Keras accepts (soft BCE targets, one-hot along a sequence's last axis), and
the combined constant-predictor baseline."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from autotrainer_keras.engine.setup import check_target_fits, task_of
from autotrainer_keras.errors import InputError
from autotrainer_keras.fit_inputs import fit_data
from autotrainer_keras.io.data import check_data_file, load_dataset
from autotrainer_keras.measure.baselines import baseline_loss, combined_baseline_loss
from autotrainer_keras.measure.history import Task

RNG = np.random.default_rng(0)
A, B = RNG.normal(size=(40, 4)), RNG.normal(size=(40, 3))
LABEL, SCORE = RNG.integers(0, 3, 40), RNG.normal(size=(40, 1))


def _npz(path: Path, **arrays: np.ndarray) -> Path:
    np.savez(path, **arrays)
    return path


def test_npz_keys_per_input_and_output_name_load_as_dicts(tmp_path: Path) -> None:
    path = _npz(tmp_path / "d.npz", x_train__a=A, x_train__b=B, y_train__label=LABEL,
                y_train__score=SCORE)  # fmt: skip
    check_data_file(path)
    data = load_dataset(path, 0.25, seed=0)
    assert isinstance(data.x_train, dict) and isinstance(data.y_val, dict)
    assert sorted(data.x_train) == ["a", "b"] and sorted(data.y_val) == ["label", "score"]
    assert data.n_train == 30 and len(data.x_val["b"]) == 10  # type: ignore[index]
    # the split keeps rows together across the named arrays
    train_a, train_label = data.x_train["a"], data.y_train["label"]  # type: ignore[index]
    for row, label in zip(train_a, train_label, strict=True):
        assert LABEL[np.flatnonzero((row == A).all(axis=1))[0]] == label


def test_npz_with_named_validation_arrays(tmp_path: Path) -> None:
    path = _npz(tmp_path / "d.npz", x_train__a=A[:30], x_train__b=B[:30], y_train=LABEL[:30],
                x_val__a=A[30:], x_val__b=B[30:], y_val=LABEL[30:])  # fmt: skip
    data = load_dataset(path, 0.3, seed=0)
    assert not data.split_from_train and isinstance(data.y_train, np.ndarray)
    assert data.x_val["b"].shape == (10, 3)  # type: ignore[index]


@pytest.mark.parametrize(
    ("arrays", "message"),
    [
        ({"x_train": A, "x_train__b": B, "y_train": LABEL}, "both as one array and per name"),
        ({"x_train__": A, "y_train": LABEL}, "names no input or output"),
        ({"x_train__a": A, "x_train__b": B[:30], "y_train": LABEL}, "different row counts"),
        ({"x_train__a": A[:30], "y_train": LABEL[:30], "x_val__b": B[30:], "y_val": LABEL[30:]},
         "x_val names ['b'] but x_train names ['a']"),
        ({"x_train__a": A, "y_train__label": LABEL}, "missing key(s) x_train"),
    ],  # fmt: skip
)
def test_bad_named_npz_is_one_clear_error(tmp_path: Path, arrays: dict, message: str) -> None:
    if "missing" in message:
        arrays = {"x_train_a": A, "y_train": LABEL}  # a typo: one underscore
    path = _npz(tmp_path / "d.npz", **arrays)
    with pytest.raises(InputError) as error:
        check_data_file(path)
    assert message in str(error.value) and "\n" not in str(error.value)


def _fit(x: object, y: object, **kwargs: object) -> object:
    settings = {"validation_data": None, "validation_split": None, "sample_weight": None,
                "class_weight": None, "config_split": 0.25, "seed": 0}  # fmt: skip
    return fit_data(x, y, **{**settings, **kwargs}).dataset  # type: ignore[arg-type]


def test_fit_takes_dicts_and_splits_them_like_keras() -> None:
    data = _fit({"a": A, "b": B}, {"label": LABEL, "score": SCORE}, validation_split=0.25)
    assert data.y_val["score"].shape == (10, 1)  # type: ignore[attr-defined, index]
    np.testing.assert_array_equal(data.x_val["a"], A[30:])  # type: ignore[index]


def test_fit_takes_a_dataset_of_dict_batches() -> None:
    tf = pytest.importorskip("tensorflow")
    batches = tf.data.Dataset.from_tensor_slices(({"a": A, "b": B}, LABEL)).batch(16)
    data = _fit(batches, None, validation_data=({"a": A[:8], "b": B[:8]}, LABEL[:8]))
    np.testing.assert_allclose(data.x_train["b"], B)  # type: ignore[index]


def test_fit_refuses_a_list_of_input_arrays() -> None:
    with pytest.raises(InputError, match="pass a dict of arrays by input name"):
        _fit([A, B], LABEL)


def test_soft_targets_under_binary_crossentropy_are_accepted_and_scored_by_loss() -> None:
    soft = RNG.random((40, 16))
    check_target_fits("y_train", soft, "binary_crossentropy", (None, 16))
    assert task_of("binary_crossentropy", soft) is Task.REGRESSION
    assert task_of("binary_crossentropy", (soft > 0.5).astype(float)) is Task.BINARY
    with pytest.raises(InputError, match=r"only 0 and 1 \(or soft targets in \[0, 1\]\)"):
        check_target_fits("y_train", soft * 2, "binary_crossentropy", (None, 16))


def test_kl_divergence_takes_probabilities_and_refuses_log_probabilities() -> None:
    probs = RNG.dirichlet(np.ones(10), 40)
    check_target_fits("y_train", probs, "kl_divergence", (None, 10))
    with pytest.raises(InputError, match=r"probabilities in \[0, 1\].*log-probabilities"):
        check_target_fits("y_val", np.log(probs), "kl_divergence", (None, 10))


def test_soft_bce_baseline_is_the_best_constant_per_column() -> None:
    soft = RNG.random((200, 3)) * np.array([0.2, 0.5, 1.0])
    value = baseline_loss(Task.REGRESSION, "binary_crossentropy", soft, soft)
    best = [soft[:, j].mean() for j in range(3)]
    assert value is not None
    for shift in (-0.05, 0.05):  # the per-column mean is the minimiser
        p = np.clip(np.array(best) + shift, 1e-7, 1 - 1e-7)
        moved = -np.mean(soft * np.log(p) + (1 - soft) * np.log(1 - p))
        assert moved > value + 1e-4
    hard = (RNG.random(200) > 0.3).astype(float)
    p = hard.mean()
    old = -np.mean(np.where(hard == 1, np.log(p), np.log(1 - p)))  # the 0/1-label formula
    assert baseline_loss(Task.BINARY, "binary_crossentropy", hard, hard) == pytest.approx(old)


def test_one_hot_labels_along_a_sequence_last_axis_are_accepted() -> None:
    steps = np.eye(5)[RNG.integers(0, 5, (40, 7))]  # (rows, time, classes)
    check_target_fits("y_train", steps, "categorical_crossentropy", (None, 7, 5))
    check_target_fits("y_train", steps, "categorical_crossentropy", (None, None, 5))
    classes = steps.argmax(axis=-1)
    check_target_fits("y_train", classes, "sparse_categorical_crossentropy", (None, 7, 5))
    with pytest.raises(InputError, match="is one-hot"):
        check_target_fits("y_train", steps, "sparse_categorical_crossentropy", (None, 7, 5))
    with pytest.raises(InputError, match="along the last axis"):
        check_target_fits("y_train", steps[:, :, :4], "categorical_crossentropy", (None, 7, 5))


def test_combined_baseline_is_the_loss_weighted_sum_of_the_outputs() -> None:
    y = {"label": LABEL, "score": SCORE}
    tasks = {"label": Task.MULTICLASS, "score": Task.REGRESSION}
    losses = {"label": "sparse_categorical_crossentropy", "score": "mse"}
    label = baseline_loss(Task.MULTICLASS, losses["label"], LABEL, LABEL)
    score = baseline_loss(Task.REGRESSION, "mse", SCORE, SCORE)
    assert label is not None and score is not None
    weights = {"label": 1.0, "score": 0.5}
    total = combined_baseline_loss(tasks, losses, weights, y, y)
    assert total == pytest.approx(label + 0.5 * score)
    assert combined_baseline_loss(tasks, losses, None, y, y) == pytest.approx(label + score)
    huber = {**losses, "score": "huber"}  # no baseline for Huber: the whole total has none
    assert combined_baseline_loss(tasks, huber, weights, y, y) is None
    assert combined_baseline_loss({**tasks, "score": None}, losses, weights, y, y) is None
