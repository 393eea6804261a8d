"""Ids encoded one way for training and another for validation (practice batch 49: a lookup
adapted again on the validation rows, or built without the out-of-vocabulary slot): the
reading (`measure/recoded_levels.py`) over seeds, and the job's pre-flight check naming it
`validation_shift` while the same data encoded alike stays quiet."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig, TrainingConfig
from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.engine.setup_check import SetupCheck
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.code_columns import kept_classes, target_matrix
from autotrainer_keras.measure.recoded_levels import recoded_columns
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec

T = PreflightThresholds()
EFFECTS = np.random.default_rng(99).normal(0, 1, 50)


def _split(rng: np.random.Generator, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """A city id (50, each its own effect) and a standardised number; a binary target."""
    city = rng.integers(0, 50, rows)
    number = rng.normal(size=rows)
    y = (rng.random(rows) < 1 / (1 + np.exp(-(EFFECTS[city] + number)))).astype("float32")
    return np.stack([city, number], 1).astype("float32"), y


def _encoded(x_val: np.ndarray, how: str) -> np.ndarray:
    ids = x_val[:, 0].astype(int)
    moved = {"alike": ids, "permuted": np.random.default_rng(5).permutation(50)[ids],
             "shifted": ids + 1}[how]  # fmt: skip
    return np.c_[moved, x_val[:, 1]].astype("float32")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ids_encoded_alike_agree_as_the_training_parts_do_and_recoded_ones_do_not(seed: int):
    rng = np.random.default_rng(seed)
    (x, y), (x_val, y_val) = _split(rng, 4000), _split(rng, 1000)
    classes = kept_classes(y)
    t, t_val = target_matrix(y, "binary", classes), target_matrix(y_val, "binary", classes)
    for how in ("alike", "permuted", "shifted"):
        (read,) = recoded_columns(x, t, _encoded(x_val, how), t_val)
        assert read.column == 0 and read.reference > T.val_recode_reference + 0.1
        drop = read.reference - read.agreement
        if how == "alike":
            assert drop < T.val_recode_drop / 2
        else:
            assert drop > 1.5 * T.val_recode_drop


def _model() -> keras.Model:
    ids, number = keras.Input((1,), dtype="int64"), keras.Input((1,))
    city = keras.layers.Flatten()(keras.layers.Embedding(51, 4)(ids))
    hidden = keras.layers.Dense(8, activation="relu")(keras.layers.Concatenate()([city, number]))
    return keras.Model([ids, number], keras.layers.Dense(1, activation="sigmoid")(hidden))


@pytest.mark.parametrize("how", ["alike", "shifted"])
def test_the_jobs_pre_flight_names_validation_ids_that_mean_other_cities(how: str) -> None:
    """Inputs given by position, as batch 49's pipeline gives them (`#0`, `#1`)."""
    rng = np.random.default_rng(0)
    (x, y), (x_val, y_val) = _split(rng, 4000), _split(rng, 1000)
    x_val = _encoded(x_val, how)
    by_position = {"#0": x[:, :1].astype("int64"), "#1": x[:, 1:]}
    val = {"#0": x_val[:, :1].astype("int64"), "#1": x_val[:, 1:]}
    check = SetupCheck(AutotrainerConfig(), Dataset(by_position, y, val, y_val), (None, 1))
    model = _model()
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="binary_crossentropy",
                                      metrics=["accuracy"], seed=0)  # fmt: skip
    found = [f for f in check.check(model, spec) if f.problem is SetupProblem.VALIDATION_SHIFT]
    assert bool(found) is (how == "shifted"), found
    if found:
        assert "stand for other categories" in found[0].reason


def test_ids_a_dense_reads_are_judged_when_they_read_as_codes() -> None:
    """The non-lookup path: the id column, rough (a code), re-encoded for validation."""
    rng = np.random.default_rng(1)
    (x, y), (x_val, y_val) = _split(rng, 4000), _split(rng, 1000)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="binary_crossentropy",
                                      metrics=["accuracy"], seed=0)  # fmt: skip
    for how in ("alike", "permuted"):
        check = SetupCheck(AutotrainerConfig(), Dataset(x, y, _encoded(x_val, how), y_val),
                           (None, 1))  # fmt: skip
        shifts = [f for f in check.check(model, spec)
                  if f.problem is SetupProblem.VALIDATION_SHIFT]  # fmt: skip
        assert bool(shifts) is (how == "permuted"), shifts


def _utterances(rng: np.random.Generator, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Post-padded rows of 8 word ids (by frequency rank, 0 pads): a verb at position 1 and
    an object at position 3 give one of 4 intents (ids 11-42 and 43-74, 8 per intent,
    rarer), the rest common filler words (1-10)."""
    intents = rng.integers(0, 4, rows)
    x = rng.integers(1, 11, (rows, 8))
    x[:, 1] = 11 + 8 * intents + rng.integers(0, 8, rows)
    x[:, 3] = 43 + 8 * intents + rng.integers(0, 8, rows)
    x[:, 6:] = 0
    return x.astype("int64"), intents.astype("int32")


@pytest.mark.parametrize("how", ["alike", "refitted"])
def test_a_word_index_fitted_again_on_the_validation_texts_is_named(how: str) -> None:
    """Practice batch 96: a tokenizer fitted again on the validation utterances keeps the
    frequent ids (how often ids come barely moves, `_moved_ids`) but gives the rarer words
    other ids: each validation verb and object reads as another intent's (`_recoded_ids`,
    now for id sequences too, over several positions)."""
    rng = np.random.default_rng(3)
    (x, y), (x_val, y_val) = _utterances(rng, 3000), _utterances(rng, 800)
    if how == "refitted":  # the rarer words' ids reordered
        index = np.arange(75)
        index[11:] = 11 + np.random.default_rng(4).permutation(64)
        x_val = index[x_val]
    model = keras.Sequential([keras.Input((8,), dtype="int64"), keras.layers.Embedding(75, 8),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(4, activation="softmax")])  # fmt: skip
    spec = keras_spec.spec_from_model(model, TrainingConfig(),
                                      loss="sparse_categorical_crossentropy",
                                      metrics=["accuracy"], seed=0)  # fmt: skip
    check = SetupCheck(AutotrainerConfig(), Dataset(x, y, x_val, y_val), (None, 4))
    found = [f for f in check.check(model, spec) if f.problem is SetupProblem.VALIDATION_SHIFT]
    assert bool(found) is (how == "refitted"), found
    if found:  # both informative positions, named as positions of the sequences
        assert "position" in found[0].reason and found[0].evidence["columns"] >= 2
