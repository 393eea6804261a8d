"""Every transformed test model builds with Keras and trains one step (medium)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc

from .helpers import apply, spec_for
from .models import keras_models, load_configs, sample_batch, serialised

pytestmark = pytest.mark.medium

MODELS = ("seq_mlp", "fun_mlp", "seq_layers", "seq_conv2d", "fun_conv1d", "seq_rnn", "fun_rnn",
          "fun_shared")
# Each chain is applied in order and built once (a build and a step cost ~0.5-2 s here);
# together they cover every structural operator and try, and their composition.
CHAINS = [
    [("selu", 0), ("bn", 0), ("GN", 0), ("dropout", 0)],
    [("tanh", 0), ("leaky", 1), ("initial", 0), ("regular", 0)],
    [("relu", 0), ("leaky", 0)],
    [("leaky", 2)],
]
# Where an operator has nothing to change: fun_rnn has only recurrent layers, all tanh.
NOT_APPLICABLE = {("fun_rnn", s) for s in ("selu", "relu", "tanh", "leaky", "initial", "regular")}


@pytest.fixture(scope="module")
def keras_spec() -> Any:
    from autotrainer_keras.repair import keras_spec

    return keras_spec


def test_stored_configs_are_what_keras_serialises_today() -> None:
    import keras

    keras.utils.clear_session()  # auto-generated names (e.g. RNN cells) count per session
    stored = load_configs()
    for name, model in keras_models().items():
        assert serialised(model) == stored[name], (
            f"{name}: Keras serialises differently now; run `python -m tests.repair.models`"
        )


@pytest.mark.parametrize("name", MODELS)
def test_each_transformed_model_builds_and_trains_one_step(name: str, keras_spec: Any) -> None:
    x, y, loss = sample_batch(name)
    for chain in CHAINS:
        spec = spec_for(name, loss=loss)
        for solution, try_index in chain:
            try:
                spec, _ = apply(solution, spec, try_index)
            except ModelSpecError:
                assert (name, solution) in NOT_APPLICABLE, f"{solution} should apply to {name}"
                continue
            assert (name, solution) not in NOT_APPLICABLE
        if not spec.applied:
            continue
        model = keras_spec.build_model(spec)
        built = [layer.name for layer in model.layers if layer.__class__.__name__ != "InputLayer"]
        assert built == [mc.layer_name(e) for e in mc.layers(spec.model)], spec.applied
        model.run_eagerly = True  # one step: tracing would cost more than the step
        logs = model.train_on_batch(x, y, return_dict=True)
        assert np.isfinite(logs["loss"]), f"{name} + {spec.applied}: loss {logs['loss']}"
