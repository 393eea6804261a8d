"""One target column against an output of several units under a value loss: Keras
broadcasts it and every unit learns the same target (practice batch 31's fitted Q-values
without the taken action's mask). The job refuses such data in one line that says so;
`Watch` names it `target_broadcast` (tests/watch/test_watch.py)."""

from __future__ import annotations

import numpy as np
import pytest

from autotrainer_keras.engine.setup import check_target_fits
from autotrainer_keras.errors import InputError


def test_one_column_for_four_units_is_refused_naming_the_broadcast() -> None:
    with pytest.raises(InputError) as error:
        check_target_fits("y_train", np.zeros((20, 1), "float32"), "mse", (None, 4))
    message = str(error.value)
    assert message.startswith("data: y_train rows have shape (1,) but the model outputs (4,)")
    assert "broadcast the one column over every unit" in message and "\n" not in message


def test_other_mismatches_keep_the_plain_message() -> None:
    with pytest.raises(InputError) as error:
        check_target_fits("y_train", np.zeros((20, 3), "float32"), "mse", (None, 4))
    assert "broadcast" not in str(error.value)
    check_target_fits("y_train", np.zeros((20, 4), "float32"), "mse", (None, 4))  # fits
