"""Fault operators of the second zoo: each gives a valid compiled model, changed as intended."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import keras
import numpy as np
import pytest

from benchmarks.real import catalogue
from benchmarks.real.bases import BY_NAME as BASES
from benchmarks.real.build import batch_size, build_model, fit_arrays
from benchmarks.real.data import load
from benchmarks.real.faults import BY_NAME as FAULTS
from benchmarks.real.faults import FAULTS as ALL_FAULTS
from benchmarks.real.faults import GRADIENT_FAULTS
from benchmarks.real.spec import Variant


def _layers(model: keras.Model) -> list[keras.layers.Layer]:
    out = []
    for layer in model.layers:
        out += _layers(layer) if isinstance(layer, keras.Model) else [layer]
    return out


def _count(model: keras.Model, kind: type, **config: Any) -> int:
    return sum(isinstance(layer, kind) and all(layer.get_config().get(k) == v
                                               for k, v in config.items())
               for layer in _layers(model))  # fmt: skip


def _lr(model: keras.Model) -> float:
    return float(model.optimizer.learning_rate.numpy())


def _init(model: keras.Model, key: str) -> list[dict[str, Any]]:
    return [layer.get_config()[key] for layer in _layers(model)
            if isinstance(layer, keras.layers.Dense) and layer.name != "output"]  # fmt: skip


Check = Callable[[keras.Model, keras.Model, Variant, Variant], bool]
D = keras.layers.Dense
# operator -> (base it is tried on, what must differ between the base's model and the faulty one)
EXPECTED: dict[str, tuple[str, Check]] = {
    "act_sigmoid": ("mlp_noisy", lambda b, f, vb, vf: _count(f, D, activation="sigmoid") == 7
                    and _count(b, D, activation="sigmoid") == 1),  # the output is sigmoid
    "act_linear": ("mlp_imbalanced", lambda b, f, vb, vf: _count(b, D, activation="relu") == 2
                   and _count(f, D, activation="relu") == 0),
    "init_large": ("mlp_sorted", lambda b, f, vb, vf: all(
        c["config"]["stddev"] == 3.0 for c in _init(f, "kernel_initializer"))
        and all(c["class_name"] == "HeNormal" for c in _init(b, "kernel_initializer"))),
    "init_zeros": ("mlp_sorted", lambda b, f, vb, vf: all(
        c["class_name"] == "Zeros" for c in _init(f, "kernel_initializer"))
        and all(not np.any(w) for w in f.layers[1].get_weights())),
    "bias_negative": ("mlp_weighted", lambda b, f, vb, vf: np.allclose(
        f.layers[1].get_weights()[1], -3.0) and np.allclose(b.layers[1].get_weights()[1], 0.0)),
    "lr_high": ("conv1d_text", lambda b, f, vb, vf: np.isclose(_lr(f), 30 * _lr(b))),
    "lr_huge": ("mlp_diabetes", lambda b, f, vb, vf: isinstance(f.optimizer, keras.optimizers.SGD)
                and np.isclose(_lr(f), 1000 * _lr(b)) and f.optimizer.momentum == 0.9),
    "lr_tiny": ("mlp_imbalanced", lambda b, f, vb, vf: np.isclose(_lr(f), 1e-3 * _lr(b))),
    "sgd_plain": ("mlp_noisy", lambda b, f, vb, vf: isinstance(b.optimizer, keras.optimizers.Adam)
                  and isinstance(f.optimizer, keras.optimizers.SGD)
                  and f.optimizer.momentum == 0.0 and np.isclose(_lr(f), _lr(b))),
    "momentum_high": ("mlp_noisy", lambda b, f, vb, vf: f.optimizer.momentum == 0.99),
    "loss_from_logits": ("mlp_imbalanced", lambda b, f, vb, vf: f.loss.get_config()["from_logits"]
                         and not b.loss.get_config()["from_logits"]),
    "batch_full": ("mlp_noisy", lambda b, f, vb, vf: batch_size(vf, load("tab_noisy")) == 1800
                   and batch_size(vb, load("tab_noisy")) == 64),
    "inputs_unnormalised": ("mlp_noisy", lambda b, f, vb, vf: np.abs(
        fit_arrays(vf)["x_train"]).max() > 100 * np.abs(fit_arrays(vb)["x_train"]).max()),
    "no_batchnorm": ("resnet", lambda b, f, vb, vf: _count(b, keras.layers.BatchNormalization) == 5
                     and _count(f, keras.layers.BatchNormalization) == 0),
    "too_deep": ("mlp_imbalanced", lambda b, f, vb, vf: _count(f, D, activation="tanh") == 18
                 and _count(b, D) + 16 == _count(f, D)),
    "dropout_high": ("mlp_noisy", lambda b, f, vb, vf: _count(f, keras.layers.Dropout, rate=0.85)
                     == 2 and _count(b, keras.layers.Dropout, rate=0.85) == 0),
}


def _sgd_momentum(model: keras.Model) -> bool:
    return (isinstance(model.optimizer, keras.optimizers.SGD) and model.optimizer.momentum == 0.9
            and np.isclose(_lr(model), 0.01))  # fmt: skip


EXPECTED_GRADIENT: dict[str, tuple[str, Check]] = {
    "deep_sigmoid_sgd": ("conv1d_text", lambda b, f, vb, vf: _sgd_momentum(f)
                         and _count(f, D, activation="sigmoid") == 7
                         and _count(f, keras.layers.Conv1D, activation="sigmoid") == 2
                         and _count(b, D) + 6 == _count(f, D)),
    "raw_inputs_sgd": ("vgg", lambda b, f, vb, vf: _sgd_momentum(f)
                       and not _sgd_momentum(b) and fit_arrays(vf)["x_train"].max() == 255.0),
}
EXPECTED.update(EXPECTED_GRADIENT)


def test_every_operator_has_an_expectation_and_applies_somewhere() -> None:
    assert set(EXPECTED) == {fault.name for fault in ALL_FAULTS + GRADIENT_FAULTS}
    used = {v.recipe for v in catalogue.faulty_variants() + catalogue.gradient_variants()}
    assert used == set(EXPECTED)
    assert all(FAULTS[v.recipe].applies(BASES[v.base]) for v in catalogue.gradient_variants())


@pytest.mark.medium
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_operator_gives_a_valid_compiled_model_changed_as_intended(name: str) -> None:
    base_name, check = EXPECTED[name]
    fault, base = FAULTS[name], BASES[base_name]
    assert fault.applies(base)
    default_id = f"{base_name}--default"
    healthy = next(v for v in catalogue.healthy_variants() if v.variant_id == default_id)
    faulty = fault.apply(healthy)
    assert faulty.variant_id == f"{base_name}--{name}" and faulty.faulty
    before, after = build_model(healthy, 0), build_model(faulty, 0)
    data = load(base.dataset)
    for model in (before, after):
        assert model.compiled and model.optimizer is not None
        out = model(fit_arrays(faulty)["x_train"][:2])
        assert tuple(out.shape) == (2, data.n_outputs)
    assert check(before, after, healthy, faulty)
