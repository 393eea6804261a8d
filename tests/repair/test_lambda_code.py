"""Lambda layers whose closure holds a module (`import keras` inside the model's builder)."""

from __future__ import annotations

import json

import keras
import numpy as np
from keras.src.utils import python_utils

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.repair.keras_spec import build_model, spec_from_model
from autotrainer_keras.repair.lambda_code import rebuilt_lambdas, with_lambda_modules
from tests.api.lambda_globals import closure_module_model


def test_a_closure_over_modules_rebuilds_with_the_modules_imported_by_name() -> None:
    """Keras writes a module in a closure as a placeholder naming it and loads the
    placeholder (a dict) into the cell: the rebuilt lambda called `dict.ops` and the
    candidate failed to build (its shape could not be inferred), so it was skipped."""
    model = closure_module_model()
    spec = spec_from_model(model, TrainingConfig(), loss="binary_crossentropy", metrics=[],
                           seed=0).evolve(trust_code=True)  # fmt: skip
    json.dumps(spec.model)
    rebuilt = build_model(spec)
    rebuilt.set_weights(model.get_weights())
    x = np.random.default_rng(0).standard_normal((8, 2)).astype("float32")
    np.testing.assert_allclose(np.asarray(rebuilt(x)), np.asarray(model(x)), rtol=1e-6)


def test_a_module_object_in_a_serialised_closure_is_kept_by_name() -> None:
    """A closure dumped with the module object itself (`python_utils.func_dump`) is written
    as the placeholder, so the spec stays JSON, and loads back with the module."""
    import numpy as onp

    code, _, closure = python_utils.func_dump(lambda t: onp.abs(t) * 2.0)
    function = {"class_name": "__lambda__",
                "config": {"code": code, "defaults": None, "closure": closure}}  # fmt: skip
    layer = {"class_name": "Lambda", "config": {"name": "l", "function": function}}
    with_lambda_modules([layer], keras.Sequential([keras.Input((1,))]))
    layer = json.loads(json.dumps(layer))
    (loaded,) = rebuilt_lambdas([layer]).values()
    assert loaded(-3.0) == 6.0


def test_a_lambda_with_default_arguments_rebuilds_after_json() -> None:
    """Practice batch 58's `Lambda(lambda c, i=i: c[:, i])`, one per categorical column:
    its defaults come back from JSON as a list, which Python refuses for a function's
    defaults ("arg 4 (defaults) must be None or tuple"); every candidate was skipped."""
    inputs = keras.Input((3,))
    columns = [keras.layers.Lambda(lambda c, i=i: c[:, i : i + 1])(inputs) for i in range(3)]
    model = keras.Model(inputs, keras.layers.Dense(1)(keras.layers.Concatenate()(columns[::-1])))
    spec = spec_from_model(model, TrainingConfig(), loss="mse", metrics=[],
                           seed=0).evolve(trust_code=True)  # fmt: skip
    spec = spec.evolve(model=json.loads(json.dumps(spec.model)))
    rebuilt = build_model(spec)
    rebuilt.set_weights(model.get_weights())
    x = np.arange(12, dtype="float32").reshape(4, 3)
    np.testing.assert_allclose(np.asarray(rebuilt(x)), np.asarray(model(x)), rtol=1e-6)
