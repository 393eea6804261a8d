"""A model of unnamed inputs, copied so that its inputs are known by name.

A job keeps every input by name (its data, the probes, the pre-flight checks, every
candidate rebuilt from the model's config). An unnamed `keras.Input` has a tensor named
`keras_tensor_N` and a layer named `input_layer_N`, and Keras 3 then takes the inputs only as a
list, by neither name. Rebuilt from its config -- as each candidate is -- the input tensors
take their layers' names, and a dict by those names is accepted. `fit()` therefore trains a
copy of such a model (its config, weights and compile settings; the user's object is not
touched) and hands it the list of inputs by those names (practice batch 22's
`merchant_fraud_embedding`, two unnamed inputs, was refused before).
"""

from __future__ import annotations

from typing import Any

import keras

from autotrainer_keras.engine.output_setup import listed_inputs
from autotrainer_keras.errors import InputError
from autotrainer_keras.repair.keras_spec import config_dicts, with_vocabularies
from autotrainer_keras.repair.lambda_code import rebuilt_lambdas, with_lambda_modules


def has_unnamed_inputs(model: keras.Model) -> bool:
    """Several inputs declared as a list whose tensors are not named as their layers."""
    listed = listed_inputs(model)
    return listed is not None and len(listed[0]) > 1 and not listed[1]


def with_named_inputs(model: keras.Model, custom_objects: dict[str, Any]) -> keras.Model:
    """A copy of `model` (config, weights, compile settings) whose input tensors carry their
    InputLayers' names. `custom_objects`: the compiled loss's and metrics' own functions
    (`compiled.user_compile_objects`). Rebuilt as a trusted model's candidates are
    (`keras_spec.spec_from_model`, `build_model`): a Lambda's code with the globals it reads,
    a lookup layer's adapted vocabulary.

    Raises:
        InputError: The model cannot be rebuilt from its config (then its inputs must be
            named by hand).
    """
    try:
        config = keras.saving.serialize_keras_object(model)  # compile settings included
        with_lambda_modules(config_dicts(config), model)
        config = with_vocabularies(config, model)
        functions = rebuilt_lambdas(config_dicts(config))
        copy = keras.saving.deserialize_keras_object(
            config, custom_objects={**custom_objects, **functions}, safe_mode=False
        )
        copy.set_weights(model.get_weights())
    except Exception as error:  # noqa: BLE001 - any failure is the same advice to the user
        names = ", ".join(t.name for t in model.inputs)
        raise InputError(
            f"model '{model.name}': its {len(model.inputs)} inputs are unnamed ({names}), "
            f"and rebuilding it from its config to name them failed ({_last_line(error)}); "
            "give each keras.Input a name=..., then pass x as a list or a dict by those names"
        ) from None
    if has_unnamed_inputs(copy):
        raise InputError(
            f"model '{model.name}': its inputs are unnamed and could not be named by their "
            "layers; give each keras.Input a name=..., then pass x as a list or a dict by "
            "those names"
        )
    return copy


def _last_line(error: Exception, limit: int = 200) -> str:
    """The last line of Keras' (often many-line) message: where it names the cause."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[-1] if lines else type(error).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."
