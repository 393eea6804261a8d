"""`step_reach`: how far plain SGD under a gradient clip can move one weight in a budget."""

from __future__ import annotations

import pytest

from autotrainer_keras.measure.step_reach import step_cap, step_reach


def test_reach_is_updates_times_rate_times_cap_over_one_minus_momentum() -> None:
    sgd = {"name": "SGD", "momentum": 0.9, "clipvalue": 1e-4, "clipnorm": 1.0}  # as data
    assert step_cap(sgd) == 1e-4
    assert step_reach(sgd, 0.05, 1500) == pytest.approx(0.075)  # practice batch 36
    assert step_reach({"name": "sgd", "global_clipnorm": 1.0}, 0.01, 300) == pytest.approx(3.0)


@pytest.mark.parametrize("optimizer", [
    {"name": "adam", "clipvalue": 1e-4},  # adaptive: the clip's scale cancels
    {"name": "sgd"},                      # no clip
    {"name": "sgd", "clipvalue": 1e-4, "momentum": 1.0},
])  # fmt: skip
def test_no_reach_without_a_cap_on_plain_sgd_steps(optimizer: dict) -> None:
    assert step_reach(optimizer, 0.05, 1500) is None


def test_no_reach_without_a_rate() -> None:
    assert step_reach({"name": "sgd", "clipvalue": 1e-4}, None, 1500) is None
