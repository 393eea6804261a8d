"""Targets of shape (n,) against a one-unit output of (n, 1) under a loss of the user's own
that broadcasts them: `y_pred - y_true` becomes a (batch, batch) matrix, every prediction is
compared with every target, and the model learns their mean (Stack Overflow "my regression
model predicts the mean"; practice batch 17's hand-written RMSE: validation loss 1.04 against
0.18 with the targets reshaped). Measured (`measure.target_broadcast`), not read off the code.
"""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def target_broadcast(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the loss on the first training rows changes by `target_broadcast` or more
    once targets one axis short of the output are reshaped like it."""
    gap = facts.model.target_broadcast
    if gap < t.target_broadcast:
        return None
    return setup_finding(
        SetupProblem.TARGET_BROADCAST,
        "the targets have one axis fewer than the model's output ((n,) against (n, 1)) and "
        f"the loss changes by {gap:.1%} on the first training rows when they are reshaped "
        "like it: the loss broadcasts them to (batch, batch), comparing every prediction "
        "with every target, so the model can only learn their mean; reshape the targets to "
        "(n, 1), or bring both to the same shape inside the loss",
        {"loss_change": gap, "threshold": t.target_broadcast},
    )


def one_unit_for_columns(layer: str, columns: int, loss: str) -> Finding:
    """A one-unit output trained against targets of `columns` > 1 columns under the value
    loss `loss`: Keras broadcasts the one prediction against every column without an error,
    so the unit learns their mean (practice batch 21: a `Dense(1)` head kept from a
    single-target script for three targets). Read off the shapes (`Watch`; the job refuses
    such data, naming the shapes)."""
    return setup_finding(
        SetupProblem.TARGET_BROADCAST,
        f"the output layer '{layer}' has 1 unit but the targets have {columns} columns: the "
        f"{loss} loss broadcasts the one prediction against all {columns}, so the unit can "
        f"only learn their mean; give the output {columns} units (or one output per target)",
        {"output_units": 1.0, "target_columns": float(columns)},
        layer=layer,
    )


def one_column_for_units(layer: str, units: int, loss: str) -> Finding:
    """An output of `units` > 1 trained against one target column under the value loss
    `loss`: Keras broadcasts the column against every unit without an error, so each unit
    learns the same target (practice batch 31's fitted Q-values: one output per action
    fitted to the taken action's return without its mask, 0.13 against 0.004). Read off
    the shapes (`Watch`; the job refuses such data, naming the shapes)."""
    return setup_finding(
        SetupProblem.TARGET_BROADCAST,
        f"the output layer '{layer}' has {units} units but the targets have 1 column: the "
        f"{loss} loss broadcasts the one target against all {units} outputs, so each learns "
        "the same value; give the targets one column per unit, or select the unit each "
        "target is for (a mask of the taken action multiplied in, or a gather) before the "
        "loss",
        {"output_units": float(units), "target_columns": 1.0},
        layer=layer,
    )


def one_target_for_steps(layer: str, steps: int | None, loss: str) -> Finding:
    """An output with more axes than the targets (a sequence, `(steps, 1)` per row, against
    one target per row) under the value loss `loss`: Keras broadcasts the target against
    every step without an error, so each step learns the same value (practice batch 45's
    `return_sequences=True` left on the last LSTM before `Dense(1)`: validation loss 0.49
    against 0.024). Read off the shapes (`Watch`)."""
    many = f"all {steps}" if steps else "every one"
    return setup_finding(
        SetupProblem.TARGET_BROADCAST,
        f"the output layer '{layer}' gives {steps or 'several'} values per row along an axis "
        f"the targets do not have: the {loss} loss broadcasts each row's target against "
        f"{many}, so every step learns the same value; leave return_sequences off the last "
        "recurrent layer (or pool the steps) for one target per row, or give one target per "
        "step",
        {"output_steps": float(steps or 0), "target_rank": 1.0},
        layer=layer,
    )
