"""Warm starts from the user's given weights (repair/warm_start.py) on real Keras models.

A fine-tuning model: a "pretrained" backbone nested as one layer, a new head. Every
candidate keeps the backbone's given weights exactly; only what a repair re-initialises
(changed initializer, new layer, new shape) starts fresh.
"""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest
from sklearn.datasets import make_blobs

import autotrainer_keras
from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import attempt_rng, get_operator
from autotrainer_keras.repair.warm_start import (
    InitialWeights,
    leaf_layers,
    reinitialised_layers,
    warm_start,
)

L = keras.layers


def blobs(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    x, y = make_blobs(900, centers=3, n_features=6, cluster_std=2.5, random_state=seed)
    return x.astype("float32"), y.astype("int64")


def pretrained_backbone(x: np.ndarray, y: np.ndarray) -> keras.Model:
    """A small feature extractor trained on the task with a throw-away head."""
    inputs = keras.Input((6,), name="features_in")
    h = L.Dense(16, activation="relu", name="b1")(inputs)
    h = L.Dense(16, activation="relu", name="b2")(h)
    backbone = keras.Model(inputs, h, name="backbone")
    probe = keras.Sequential([keras.Input((6,)), backbone, L.Dense(3, activation="softmax")])
    probe.compile(keras.optimizers.Adam(0.01), "sparse_categorical_crossentropy")
    probe.fit(x, y, epochs=5, verbose=0)
    # a copy called once only: the dead-unit probe reads a nested model's first call (a
    # backbone also called in `probe` is fed from another graph: a limit of measure/probes.py)
    fresh = keras.models.clone_model(backbone)
    fresh.set_weights(backbone.get_weights())
    return fresh


def fine_tuning_model(seed: int, optimizer: keras.optimizers.Optimizer) -> keras.Model:
    keras.utils.set_random_seed(seed)
    x, y = blobs(seed)
    backbone = pretrained_backbone(x, y)
    backbone.trainable = False  # fine-tuning: the pretrained features stay as they are
    inputs = keras.Input((6,), name="x")
    h = L.Dense(16, activation="relu", name="head")(backbone(inputs))
    model = keras.Model(inputs, L.Dense(3, activation="softmax", name="out")(h), name="tuned")
    model.compile(optimizer, "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def _weights(model: keras.Model) -> dict[str, list[np.ndarray]]:
    return {path: [np.array(w) for w in layer.get_weights()] for path, layer in leaf_layers(model)}


def _same(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return len(a) == len(b) and all(np.array_equal(u, v) for u, v in zip(a, b, strict=True))


@pytest.fixture(scope="module")
def given() -> tuple[keras.Model, object]:
    model = fine_tuning_model(0, keras.optimizers.SGD(0.01))
    spec = keras_spec.spec_from_model(
        model, TrainingConfig(epochs=10), loss="sparse_categorical_crossentropy",
        metrics=["accuracy"], seed=1,
    )  # fmt: skip
    return model, spec


@pytest.mark.medium
@pytest.mark.parametrize(
    ("solution", "fresh"),
    [
        ("adam", set()),  # optimizer: everything warm
        ("lr_down", set()),
        ("clip_rnn", None),  # does not apply: no recurrent layer
        ("bn", {"head_bn"}),  # the inserted layer only; the others keep the given weights
        ("selu", {"head"}),  # its initializer changed with the activation
        ("initial", {"head"}),  # re-initialises the hidden layers it targets, nothing else
    ],
)
def test_candidates_keep_the_given_weights_unless_re_initialised(given, solution, fresh):
    model, spec = given
    initial = InitialWeights.of(model, spec.model)
    operator = get_operator(solution)
    if fresh is None:
        with pytest.raises(Exception, match="no recurrent layer"):
            operator.apply(spec, 0, attempt_rng(0, solution, 0))
        return
    new_spec, _ = operator.apply(spec, 0, attempt_rng(0, solution, 0))
    candidate = keras_spec.build_model(new_spec)
    warm = warm_start(initial, candidate, new_spec.model)
    assert set(warm.fresh) == fresh
    weights, original = _weights(candidate), initial.weights
    for path in ("backbone/b1", "backbone/b2"):  # the pretrained backbone, always kept
        assert _same(weights[path], original[path]), path
    for path in set(weights) - fresh:
        assert _same(weights[path], original[path]), path
    for path in fresh & set(original):  # re-initialised: really new values
        assert not _same(weights[path], original[path]), path


def test_reinitialised_layers_reads_nested_configs() -> None:
    inner = {"class_name": "Functional", "config": {
        "name": "backbone", "layers": [
            {"class_name": "Dense", "config": {"name": "b1", "kernel_initializer": "a"}}],
        "output_layers": [["b1", 0, 0]], "input_layers": []}}  # fmt: skip
    outer = {"class_name": "Sequential", "config": {"layers": [
        {"class_name": "Dense", "config": {"name": "d", "kernel_initializer": "a"}}, inner]}}
    changed = {"class_name": "Sequential", "config": {"layers": [
        {"class_name": "Dense", "config": {"name": "d", "kernel_initializer": "a"}},
        {**inner, "config": {**inner["config"], "layers": [
            {"class_name": "Dense", "config": {"name": "b1", "kernel_initializer": "b"}}]}}]}}
    assert reinitialised_layers(outer, outer) == set()
    assert reinitialised_layers(outer, changed) == {"backbone/b1"}
    assert reinitialised_layers({"class_name": "Custom", "config": {}}, changed) == set()


@pytest.mark.medium
def test_a_repaired_fine_tuning_job_keeps_its_pretrained_backbone(tmp_path: Path) -> None:
    """Slow convergence (SGD 1e-4) on a frozen pretrained backbone: the repaired model's
    backbone holds the given weights to the last bit (a fresh start would have lost them)."""
    model = fine_tuning_model(0, keras.optimizers.SGD(1e-4))
    pretrained = _weights(model)
    x, y = blobs(0)
    result = autotrainer_keras.fit(
        model, x[:600], y[:600], validation_data=(x[600:], y[600:]), epochs=12,
        batch_size=32, tracking=False, output_dir=tmp_path, verbose=False,
    )  # fmt: skip
    assert result.status == "repaired", result.report.get("repair_stop_reason")
    final = _weights(result.model)
    for path in ("backbone/b1", "backbone/b2"):
        assert _same(final[path], pretrained[path]), path
    solved = [r for r in result.repairs if r["outcome"] == "solved"][0]
    assert "Starts from the given weights (warm)." in solved["description"]
    before = result.report["original"]["val_accuracy"]
    assert result.report["final"]["val_accuracy"] > before
