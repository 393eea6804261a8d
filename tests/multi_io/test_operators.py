"""Every repair operator on a functional two-input, two-output graph: the spec keeps the
per-output losses (from_logits), loss weights and metrics, the graph keeps its inputs and
outputs, and the rebuilt model trains (medium: each build costs a second)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.engine.output_setup import resolve_outputs
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.registry import OPERATORS, PAPER_OPERATORS
from autotrainer_keras.repair.spec import TrainingSpec

from .models import two_output_model

pytestmark = pytest.mark.medium


def _data(n: int = 64) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    rng = np.random.default_rng(0)
    x = {"a": rng.normal(size=(n, 4)).astype("float32"),
         "b": rng.normal(size=(n, 3)).astype("float32")}  # fmt: skip
    y = {"label": rng.integers(0, 3, n), "score": rng.normal(size=(n, 1)).astype("float32")}
    return x, y


@pytest.fixture(scope="module")
def spec() -> TrainingSpec:
    model = two_output_model(two_inputs=True, depth=3)
    _, y = _data()
    outputs = resolve_outputs(model, None, None, y)
    return keras_spec.spec_from_model(
        model, TrainingConfig(batch_size=16, epochs=4), loss=outputs.names["label"],
        metrics=[], seed=0, output_losses=outputs.losses, loss_weights=outputs.loss_weights,
        output_metrics=outputs.metrics,
    )  # fmt: skip


def _ends(model: dict[str, Any]) -> tuple[Any, Any]:
    return model["config"]["input_layers"], model["config"]["output_layers"]


def _every_application(spec: TrainingSpec) -> list[tuple[str, str, int, TrainingSpec]]:
    applied = []
    for profile, operators in (("default", OPERATORS), ("paper", PAPER_OPERATORS)):
        for op in operators.values():
            for try_index in range(op.max_tries):
                try:
                    new, _ = op.apply(spec, try_index, np.random.default_rng(try_index))
                except ModelSpecError:
                    continue
                applied.append((profile, op.id, try_index, new))
    return applied


def test_every_operator_keeps_inputs_outputs_and_per_output_setup(spec: TrainingSpec) -> None:
    applications = _every_application(spec)
    ids = {op_id for _, op_id, _, _ in applications}
    assert ids == set(OPERATORS), f"not applicable here: {set(OPERATORS) - ids}"
    for profile, op_id, try_index, new in applications:
        where = f"{profile} {op_id} try {try_index}"
        assert _ends(new.model) == _ends(spec.model), where
        assert mc.output_layer_names(new.model) == ["label", "score"], where
        assert new.output_losses == spec.output_losses, where
        assert new.output_losses["label"]["config"]["from_logits"] is True, where  # type: ignore[index]
        assert new.loss_weights == {"label": 1.0, "score": 0.5}, where
        assert new.output_metrics == spec.output_metrics, where


CHAINS = [
    ["selu", "bn", "GN", "dropout"],
    ["tanh", "leaky", "initial", "regular"],
    ["relu", "gradient", "momentum", "ReduceLR"],
    ["adam", "lr_up", "batch", "estop"],
]


@pytest.mark.parametrize("chain", CHAINS, ids=["+".join(c) for c in CHAINS])
def test_repaired_graph_rebuilds_compiles_per_output_and_trains(
    spec: TrainingSpec, chain: list[str]
) -> None:
    for op_id in chain:
        spec, _ = OPERATORS[op_id].apply(spec, 0, np.random.default_rng(0))
    model = keras_spec.build_model(spec)
    assert [t.name for t in model.inputs] == ["a", "b"]
    assert sorted(model.output_names) == ["label", "score"]
    compiled = model.get_compile_config()
    assert compiled["loss"]["label"]["config"]["from_logits"] is True
    assert compiled["loss_weights"] == {"label": 1.0, "score": 0.5}
    if "bn" in chain:
        assert any(type(layer).__name__ == "BatchNormalization" for layer in model.layers)
    x, y = _data()
    model.run_eagerly = True  # one step: tracing would cost more than the step
    logs = model.train_on_batch(x, y, return_dict=True)
    assert np.isfinite(logs["loss"]), f"{spec.applied}: loss {logs['loss']}"
    assert {"label_accuracy", "score_mae"} <= set(logs), sorted(logs)
