"""The probe-batch reductions of `measure.activation_stats` and the robust slope of
`measure.curve_slope`, each next to a slow, obviously right version."""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pytest

from autotrainer_keras.measure.activation_stats import (
    activation_stats,
    input_scale,
    label_matrix,
    output_stats,
    stuck_fraction,
)
from autotrainer_keras.measure.curve_slope import relative_fall, theil_sen_slope


def test_input_scale_is_the_largest_feature_rms():
    x = np.array([[1.0, 100.0], [-1.0, -100.0], [1.0, 100.0]])
    assert input_scale(x) == pytest.approx(100.0)
    images = np.full((4, 3, 3, 2), 2.0)
    images[..., 1] = 255.0
    assert input_scale(images) == pytest.approx(255.0)


def test_stuck_units_sit_at_one_bound_for_every_row():
    mins = np.array([0.0, 0.9995, 0.2, 0.0])
    maxs = np.array([0.0005, 1.0, 0.8, 1.0])  # stuck low, stuck high, healthy, spans both
    assert stuck_fraction(mins, maxs, "sigmoid") == pytest.approx(0.5)
    assert stuck_fraction(np.array([-1.0]), np.array([-0.9999]), "tanh") == 1.0
    assert stuck_fraction(mins, maxs, "relu") is None


def test_activation_stats_rms_and_range():
    mean_sq = np.array([4.0, 16.0])  # rms over all entries: sqrt(10)
    stats = activation_stats("dense", "relu", mean_sq, np.array([0.0, 1.0]), np.array([3.0, 2.0]))
    assert stats.rms == pytest.approx(math.sqrt(10.0))
    assert stats.range == pytest.approx(3.0)
    assert stats.stuck_fraction is None


def test_integer_labels_become_one_hot_for_a_softmax_output():
    assert label_matrix(np.array([0, 2, 1]), 3).tolist() == [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
    assert label_matrix(np.array([0.5, 1.5]), 1).tolist() == [[0.5], [1.5]]


def test_output_stats_saturation_range_and_spread():
    y = np.array([0, 1, 0, 1], dtype=np.float64)
    pinned = output_stats(np.array([[1.0], [0.0], [0.9999], [0.0002]]), y, "sigmoid")
    assert pinned.saturated_fraction == 1.0
    assert pinned.range == pytest.approx(1.0)
    constant = output_stats(np.full((4, 1), 1.0), y, "softmax")
    assert constant.range == 0.0 and constant.spread_ratio == 0.0
    following = output_stats(y[:, None] * 0.8 + 0.1, y, "sigmoid")
    assert following.spread_ratio == pytest.approx(0.8)
    assert following.saturated_fraction == 0.0
    assert output_stats(np.ones((4, 1)), y, "linear").saturated_fraction is None


@pytest.mark.parametrize("seed", [0, 1])
def test_label_correlation_is_numpys_pearson_averaged_over_varying_units(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, 200)
    pred = np.eye(3)[y] * 1e-4 + rng.normal(0, 1e-4, (200, 3))  # tiny, but ordered like y
    pred[:, 2] = 0.5  # one constant unit: left out
    stats = output_stats(pred, y, "softmax")
    onehot = np.eye(3)[y]
    expected = np.mean([np.corrcoef(pred[:, j], onehot[:, j])[0, 1] for j in (0, 1)])
    assert stats.label_correlation == pytest.approx(expected)
    assert stats.label_correlation > 0.3 and stats.spread_ratio < 0.01
    assert output_stats(np.full((4, 1), 0.5), y[:4], "sigmoid").label_correlation is None


def test_spread_ratio_is_one_when_the_labels_do_not_vary():
    assert output_stats(np.zeros((3, 1)), np.ones(3), "linear").spread_ratio == 1.0


def _slow_theil_sen(values: list[float]) -> float:
    slopes = [(values[j] - values[i]) / (j - i) for i, j in combinations(range(len(values)), 2)]
    return float(sorted(slopes)[len(slopes) // 2]) if len(slopes) % 2 else float(
        np.mean(sorted(slopes)[len(slopes) // 2 - 1 : len(slopes) // 2 + 1])
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_theil_sen_matches_the_slow_version(seed):
    values = list(np.random.default_rng(seed).normal(size=7))
    assert theil_sen_slope(values) == pytest.approx(_slow_theil_sen(values))


def test_one_outlier_does_not_turn_a_falling_curve():
    falling = [1.0, 0.95, 0.9, 5.0, 0.8, 0.75]  # one spike
    assert relative_fall(falling) == pytest.approx(0.05 / 0.925)  # slope / median level
    assert relative_fall([1.0, 1.0, 1.0]) == 0.0
    assert math.isnan(relative_fall([1.0]))
    assert math.isnan(relative_fall([0.0, 0.0, 0.0]))
