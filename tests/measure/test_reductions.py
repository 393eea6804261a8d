"""The monitor's per-check reductions (pure numpy) against slow, obviously right loops."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autotrainer_keras.measure.reductions import LayerSlot, WeightSquares, reduce_check

SHAPES = [(4, 8), (8,), (8, 6), (6, 3), (3,)]  # dense1 kernel+bias, dense2 kernel, out k+b
SLOTS = [
    LayerSlot("dense1", "Dense", (0, 1), 0, "relu", 40),
    LayerSlot("dense2", "Dense", (2,), 2, "tanh", 48),
    LayerSlot("out", "Dense", (3, 4), 3, "softmax", 21),
]


def _arrays(seed: int, steps: int) -> tuple[np.ndarray, np.ndarray, list, list]:
    rng = np.random.default_rng(seed)
    previous = [rng.normal(size=s).astype("float32") for s in SHAPES]
    weights = [w + rng.normal(scale=0.01, size=w.shape).astype("float32") for w in previous]
    grad_sq = rng.uniform(0.0, 2.0, size=(steps, len(SHAPES)))
    sizes = [int(np.prod(s)) for s in SHAPES]
    zeros = np.array([[rng.integers(0, n + 1) for n in sizes] for _ in range(steps)], float)
    return grad_sq, zeros, weights, previous


def _slow_layer(slot: LayerSlot, grad_sq, zeros, weights, previous, steps: int) -> dict:
    norms_per_step = [math.sqrt(sum(row[i] for i in slot.indices)) for row in grad_sq]
    w = math.sqrt(sum(float(x) ** 2 for i in slot.indices for x in weights[i].ravel()))
    p = math.sqrt(sum(float(x) ** 2 for i in slot.indices for x in previous[i].ravel()))
    d = math.sqrt(
        sum(
            (float(a) - float(b)) ** 2
            for i in slot.indices
            for a, b in zip(weights[i].ravel(), previous[i].ravel(), strict=True)
        )
    )
    n = sum(weights[i].size for i in slot.indices)
    zero_mean = sum(sum(row[i] for i in slot.indices) for row in zeros) / len(zeros)
    kernel = sum(math.sqrt(row[slot.kernel_index]) for row in grad_sq) / len(grad_sq)
    return {
        "grad_norm": sum(norms_per_step) / len(norms_per_step),
        "kernel_grad_norm": kernel,
        "weight_norm": w,
        "update_ratio": d / p / steps,
        "zero_grad_fraction": zero_mean / n,
    }


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("steps", [1, 5])
def test_layer_statistics_match_slow_loops(seed: int, steps: int) -> None:
    grad_sq, zeros, weights, previous = _arrays(seed, steps)
    record = reduce_check(
        grad_sq, zeros, WeightSquares.of_arrays(weights, previous), SLOTS, {"dense1": 0.25}, steps,
        epoch=3, step=40, source="steps",
    )  # fmt: skip
    assert (record.epoch, record.step, record.source) == (3, 40, "steps")
    assert not record.nonfinite
    for slot, stats in zip(SLOTS, record.layers, strict=True):
        slow = _slow_layer(slot, grad_sq, zeros, weights, previous, steps)
        assert stats.layer == slot.name
        for key, value in slow.items():
            assert getattr(stats, key) == pytest.approx(value, rel=1e-5), key
    assert record.layers[0].dead_fraction == 0.25
    assert record.layers[1].dead_fraction is None
    total = sum(w.size for w in weights)
    assert record.zero_grad_fraction == pytest.approx(zeros.mean(axis=0).sum() / total)


def test_a_weightless_relu_layer_gets_its_own_entry() -> None:
    grad_sq, zeros, weights, previous = _arrays(0, 2)
    record = reduce_check(
        grad_sq, zeros, WeightSquares.of_arrays(weights, previous), SLOTS, {"relu_act": 1.0}, 2,
        epoch=0, step=2, source="steps",
    )  # fmt: skip
    extra = record.layers[-1]
    assert (extra.layer, extra.kind, extra.grad_norm, extra.dead_fraction) == (
        "relu_act",
        "Activation",
        0.0,
        1.0,
    )


def test_nonfinite_weights_or_gradients_are_flagged() -> None:
    grad_sq, zeros, weights, previous = _arrays(0, 2)
    weights[2][0, 0] = np.nan
    record = reduce_check(
        grad_sq,
        zeros,
        WeightSquares.of_arrays(weights, previous),
        SLOTS,
        {},
        2,
        epoch=0,
        step=2,
        source="steps",
    )
    assert record.nonfinite
    assert record.layers[1].weight_norm == math.inf
    grad_sq, zeros, weights, previous = _arrays(1, 2)
    grad_sq[1, 0] = np.inf
    record = reduce_check(
        grad_sq,
        zeros,
        WeightSquares.of_arrays(weights, previous),
        SLOTS,
        {},
        2,
        epoch=0,
        step=2,
        source="steps",
    )
    assert record.nonfinite


def test_no_update_ratio_without_previous_weights() -> None:
    grad_sq, zeros, weights, _ = _arrays(0, 1)
    previous = [np.zeros_like(w) for w in weights]
    record = reduce_check(
        grad_sq,
        zeros,
        WeightSquares.of_arrays(weights, previous),
        SLOTS,
        {},
        1,
        epoch=0,
        step=1,
        source="probe",
    )
    assert all(stats.update_ratio is None for stats in record.layers)
