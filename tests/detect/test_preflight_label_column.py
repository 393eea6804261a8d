"""A label leaked through a column filled only in training (practice batch 32's patient model:
a "discharge code" that is the outcome in the training rows and 0, not yet known, in the
validation rows; plain training scores the base rate, 0.66 against 0.78): `measure.label_column`
and the pre-flight's `validation_shift` reading of it, on one table and on a named input."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight import preflight
from autotrainer_keras.engine.setup_check import sheet_with_inputs
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.label_column import label_column
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts
from autotrainer_keras.problems import SetupProblem

T = PreflightThresholds()


def _patients(seed: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Four standardised columns and an outcome (a third of the rows) they partly predict."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, 4)).astype("float32")
    y = (x[:, 0] + rng.standard_normal(rows) > 0.6).astype("float32")
    return x, y


def _with(x: np.ndarray, column: np.ndarray) -> np.ndarray:
    return np.concatenate([x, column[:, None].astype("float32")], axis=1)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_column_that_is_the_training_label_only_is_read(seed: int) -> None:
    (x, y), (x_val, y_val) = _patients(seed, 800), _patients(seed + 10, 300)
    read = label_column(_with(x, y), _with(x_val, np.zeros(len(y_val))), y, y_val, 2000)
    assert read.column == 4
    assert read.train_gain == pytest.approx(1.0)
    assert read.val_gain == pytest.approx(0.0)  # every validation row reads class 0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_column_that_gives_the_class_in_both_splits_or_in_neither_is_not(seed: int) -> None:
    (x, y), (x_val, y_val) = _patients(seed, 800), _patients(seed + 10, 300)
    both = label_column(_with(x, y), _with(x_val, y_val), y, y_val, 2000)
    assert both.train_gain - both.val_gain < 0.05
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, 5, len(y)), rng.integers(0, 5, len(y_val))  # a 5-value code
    neither = label_column(_with(x, codes[0]), _with(x_val, codes[1]), y, y_val, 2000)
    assert neither.train_gain < 0.2
    # a column of many values (a measurement) is not read as codes at all
    assert label_column(x, x_val, y, y_val, 2000).column == -1


def test_few_rows_per_code_or_few_validation_rows_are_not_read() -> None:
    (x, y), (x_val, y_val) = _patients(0, 100), _patients(1, 300)
    codes = np.arange(len(y)) % 15  # 15 codes of under 10 rows each: chance purity
    assert label_column(_with(x, codes), _with(x_val, y_val * 0), y, y_val, 2000).column == -1
    assert label_column(_with(x, y), _with(x_val[:10], y_val[:10] * 0), y, y_val[:10],
                        2000).column == -1  # fmt: skip


def _model(named: bool, columns: int) -> keras.Model:
    if named:
        vitals, static = keras.Input((6, 2), name="vitals"), keras.Input((columns,), name="static")
        joined = keras.layers.Concatenate()([keras.layers.Flatten()(vitals), static])
        hidden = keras.layers.Dense(8, activation="relu")(joined)
        return keras.Model({"vitals": vitals, "static": static},
                           keras.layers.Dense(1, activation="sigmoid")(hidden))  # fmt: skip
    inputs = keras.Input((columns,))
    hidden = keras.layers.Dense(8, activation="relu")(inputs)
    return keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))


def _sheet(model: keras.Model, data: Dataset) -> SetupFacts:
    facts = model_facts(model, loss="binary_crossentropy", optimizer="adam", learning_rate=1e-3,
                        default_learning_rate=1e-3, epochs=10, batch_size=32,
                        from_logits=False)  # fmt: skip
    return sheet_with_inputs(model, facts, data_facts(data))


@pytest.mark.parametrize("named", [False, True])
def test_the_preflight_names_the_leak_validation_shift(named: bool) -> None:
    (x, y), (x_val, y_val) = _patients(3, 800), _patients(4, 300)
    leaked, unknown = _with(x, y), _with(x_val, np.zeros(len(y_val)))
    rng = np.random.default_rng(5)

    def inputs(table: np.ndarray) -> object:
        vitals = rng.standard_normal((len(table), 6, 2)).astype("float32")
        return {"vitals": vitals, "static": table} if named else table

    model = _model(named, 5)
    found = preflight(_sheet(model, Dataset(inputs(leaked), y, inputs(unknown), y_val)))
    shift = [f for f in found if f.problem is SetupProblem.VALIDATION_SHIFT]
    assert len(shift) == 1 and "input column 4 gives the class" in shift[0].reason
    assert shift[0].evidence["label_column_train"] >= T.label_column_train
    assert ("input 'static'" in shift[0].reason) is named
    kept = preflight(_sheet(model, Dataset(inputs(leaked), y, inputs(_with(x_val, y_val)),
                                           y_val)))  # fmt: skip
    assert all(f.problem is not SetupProblem.VALIDATION_SHIFT for f in kept)
