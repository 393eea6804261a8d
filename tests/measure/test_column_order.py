"""`measure.column_order` and the validation-shift reading built on it: validation columns in
another order are found by their distributions, drift and columns of one distribution are not.

Generated with numpy (deterministic on any CPU). Margins: the reversed mixed table reads own /
chance ~5 and own / matched ~5 against thresholds of 2.5; the healthy split ~1 and ~1; drifting
lag windows have a large own distance but match no other column better (own / matched ~1)."""

from __future__ import annotations

import numpy as np
import pytest

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.validation_inputs import validation_inputs
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.column_order import column_order
from autotrainer_keras.measure.setup_facts import SetupFacts, data_facts, model_facts

T = PreflightThresholds()


def _mixed(rows: int = 4000) -> np.ndarray:
    """Five standardised columns of five distributions (a form's metadata)."""
    rng = np.random.default_rng(0)
    bimodal = rng.choice([-1.5, 1.5], rows) + 0.4 * rng.standard_normal(rows)
    table = np.column_stack([rng.standard_normal(rows), rng.exponential(1.0, rows),
                             rng.integers(0, 40, rows).astype(float),
                             rng.uniform(-2, 2, rows), bimodal])  # fmt: skip
    return ((table - table.mean(0)) / table.std(0)).astype("float32")


def _read(x: np.ndarray, x_val: np.ndarray) -> tuple[float, float, int]:
    order = column_order(x[:2000], x_val, 2000)
    if not order.moved:
        return 0.0, 0.0, 0
    return order.own / order.chance, order.own / order.matched, len(order.moved)


def test_reversed_validation_columns_are_read_as_moved() -> None:
    table = _mixed()
    shift, match, moved = _read(table[:3000], table[3000:, ::-1].copy())
    assert moved == 4  # the middle column stays
    assert shift > 2 * T.val_column_shift and match > 1.5 * T.val_column_match


@pytest.mark.parametrize("name", ["random split", "lag windows of a trend", "one distribution"])
def test_healthy_splits_and_drift_do_not_read_as_moved(name: str) -> None:
    rng = np.random.default_rng(1)
    if name == "random split":
        table = _mixed()
    elif name == "lag windows of a trend":
        t = np.arange(4008)
        series = 0.002 * t + np.sin(t / 20) + 0.1 * rng.standard_normal(len(t))
        table = np.stack([series[i:i + 8] for i in range(4000)]).astype("float32")
    else:
        table = rng.standard_normal((4000, 24)).astype("float32")
    shift, match, _ = _read(table[:3000], table[3000:])
    assert shift < T.val_column_shift or match < T.val_column_match / 1.4
    assert match < T.val_column_match / 1.4


def test_the_job_names_validation_columns_in_another_order() -> None:
    import keras

    table = _mixed()
    y = (table[:, 0] + table[:, 1] > 0).astype("float32")
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(1, activation="sigmoid")])
    facts = model_facts(model, loss="binary_crossentropy", optimizer="adam", learning_rate=1e-3,
                        default_learning_rate=1e-3, epochs=5, batch_size=32)  # fmt: skip

    def found(x_val: np.ndarray):
        data = Dataset(table[:3000], y[:3000], x_val, y[3000:])
        return validation_inputs(SetupFacts(facts, data_facts(data)), T)

    finding = found(table[3000:, ::-1].copy())
    assert finding is not None and finding.problem.value == "validation_shift"
    assert "another order" in finding.reason and finding.evidence["moved_columns"] == 4.0
    assert found(table[3000:]) is None
    assert column_order(table, table[:, :3], 2000).chance == 0.0  # other columns: not read
    assert column_order(table, table.reshape(-1, 5, 1), 2000).chance == 0.0
