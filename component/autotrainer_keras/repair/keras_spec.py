"""The Keras adapter of the repair layer: model <-> TrainingSpec, and what a spec needs to run.

Public Keras APIs only: `keras.saving.serialize_keras_object` / `deserialize_keras_object`
for the model, `keras.optimizers.get({"class_name", "config"})` for the optimizer, the
callback classes by name for the callbacks-as-data.
"""

from __future__ import annotations

import copy
import inspect
import json
from collections.abc import Iterable, Iterator
from typing import Any

import keras
import numpy as np

from autotrainer_keras.config import OptimizerConfig, TrainingConfig
from autotrainer_keras.errors import InputError, ModelSpecError
from autotrainer_keras.measure.layer_map import leaf_layers
from autotrainer_keras.repair.lambda_code import rebuilt_lambdas, with_lambda_modules
from autotrainer_keras.repair.spec import TrainingSpec

CALLBACKS: dict[str, type[keras.callbacks.Callback]] = {
    "reduce_lr_on_plateau": keras.callbacks.ReduceLROnPlateau,
    "early_stopping": keras.callbacks.EarlyStopping,
}


def spec_from_model(
    model: keras.Model,
    training: TrainingConfig,
    *,
    loss: str,
    metrics: list[str | dict[str, Any]],
    seed: int,
    loss_config: dict[str, Any] | None = None,
    output_losses: dict[str, str | dict[str, Any]] | None = None,
    loss_weights: dict[str, float] | None = None,
    output_metrics: dict[str, list[str | dict[str, Any]]] | None = None,
) -> TrainingSpec:
    """The training spec of a (built) model.

    `output_losses`, `loss_weights`, `output_metrics`: a multi-output model's, per output.

    The optimizer is `training.optimizer` when the config sets one (the config's documented
    meaning), else the compiled model's, else Adam with default parameters. It is stored by
    lower-case Keras name with its learning rate and only the settings that differ from that
    optimizer's defaults.

    Raises:
        InputError: The optimizer is not a built-in Keras optimizer.
    """
    serialised = keras.saving.serialize_keras_object(model)
    serialised.pop("compile_config", None)  # the spec holds optimizer, loss and metrics
    with_lambda_modules(config_dicts(serialised), model)
    return TrainingSpec(
        model=json.loads(json.dumps(with_vocabularies(serialised, model))),
        optimizer=_optimizer_spec(training.optimizer, getattr(model, "optimizer", None)),
        loss=loss,
        loss_config=loss_config,
        metrics=tuple(metrics),
        output_losses=output_losses,
        loss_weights=loss_weights,
        output_metrics=output_metrics,
        batch_size=training.batch_size,
        epochs=training.epochs,
        callbacks=tuple(dict(c) for c in training.callbacks),
        seed=seed,
        shuffle=training.shuffle,
        validation_batch_size=training.validation_batch_size,
    )


LOOKUP_LAYERS = ("TextVectorization", "StringLookup", "IntegerLookup")
"""Layers whose state (the vocabulary `adapt` learned) is neither a weight nor in their
config: a model rebuilt from its config alone cannot look anything up ("Table not
initialized")."""


def _lookups(model: keras.Layer) -> dict[str, keras.Layer]:
    """Every lookup layer by name, nested models included; a name held twice is left out."""
    by_name: dict[str, list[keras.Layer]] = {}
    for layer in leaf_layers(model):
        if type(layer).__name__ in LOOKUP_LAYERS and hasattr(layer, "get_vocabulary"):
            by_name.setdefault(layer.name, []).append(layer)
    return {name: layers[0] for name, layers in by_name.items() if len(layers) == 1}


def config_dicts(config: Any) -> Iterator[dict[str, Any]]:
    """Every dict in a serialised model (the objects Keras rebuilds, with their configs)."""
    stack = [config]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            yield node
            stack.extend(node.values())


def with_vocabularies(serialised: dict[str, Any], model: keras.Model) -> dict[str, Any]:
    """`serialised` with each adapted lookup layer's vocabulary written into its config
    (Keras builds the layer with it), so every candidate rebuilt from the spec reads its
    inputs as the user's model does."""
    layers = _lookups(model)
    for node in config_dicts(serialised):
        config = node.get("config")
        if node.get("class_name") not in LOOKUP_LAYERS or not isinstance(config, dict):
            continue
        layer = layers.get(config.get("name", ""))
        if layer is None or config.get("vocabulary") is not None:
            continue
        vocabulary = layer.get_vocabulary(include_special_tokens=False)
        if vocabulary:
            config["vocabulary"] = [_json_token(v) for v in vocabulary]
    return serialised


def _json_token(token: Any) -> Any:
    """A vocabulary entry as JSON holds it: a bytes token as UTF-8 text (Keras' own
    encoding), an `IntegerLookup`'s numpy integer as a Python int."""
    if isinstance(token, bytes):
        return token.decode()
    return token.item() if isinstance(token, np.generic) else token


def unregistered_classes(config: Any) -> list[str]:
    """Classes in a serialised model that Keras cannot find again when it rebuilds it: a
    custom layer (or other object) from outside Keras that is not registered with
    `keras.saving.register_keras_serializable` (Keras imports no user module to find it)."""
    found: set[str] = set()
    for node in config_dicts(config):
        name = node.get("class_name")
        module = str(node.get("module") or "")
        own = module == "keras" or module.startswith("keras.") or module == "builtins"
        custom = "module" in node and "config" in node and not own
        if (
            custom
            and isinstance(name, str)
            and not name.startswith("__")
            and keras.saving.get_registered_object(node.get("registered_name") or name) is None
        ):
            found.add(name)
    return sorted(found)


def _optimizer_spec(configured: OptimizerConfig | None, compiled: Any) -> dict[str, Any]:
    if configured is not None:
        optimizer = _make(configured.name, configured.keras_kwargs())
    elif compiled is not None:
        optimizer = compiled
    else:
        optimizer = keras.optimizers.Adam()
    if isinstance(optimizer, keras.optimizers.LossScaleOptimizer):
        optimizer = optimizer.inner_optimizer
    name = type(optimizer).__name__.lower()
    defaults = _make(name, {}).get_config()  # also fails here for a non-Keras optimizer class
    config = optimizer.get_config()
    rate = config["learning_rate"]
    spec: dict[str, Any] = {
        "name": name,
        "learning_rate": float(f"{rate:.7g}") if isinstance(rate, float) else rate,
    }
    for key, value in config.items():
        if key not in ("name", "learning_rate") and value != defaults.get(key):
            spec[key] = value
    return json.loads(json.dumps(spec))


def _optimizer(name: str, kwargs: dict[str, Any]) -> keras.optimizers.Optimizer:
    """A Keras optimizer by its lower-case class name: `keras.optimizers.get` knows only
    some of them by that name (not Lamb or Muon), so the class is looked up in
    `keras.optimizers` when it does not."""
    try:
        return keras.optimizers.get({"class_name": name, "config": kwargs})
    except ValueError:
        found: list[type[keras.optimizers.Optimizer]] = [
            cls for key, cls in vars(keras.optimizers).items()
            if key.lower() == name and isinstance(cls, type)
            and issubclass(cls, keras.optimizers.Optimizer)
        ]  # fmt: skip
        if not found:
            raise
        return found[0].from_config(kwargs)


def _make(name: str, kwargs: dict[str, Any]) -> keras.optimizers.Optimizer:
    try:
        return _optimizer(name, kwargs)
    except (ValueError, TypeError) as error:
        raise InputError(f"optimizer {name!r} with {kwargs} cannot be built: {error}") from None


def make_optimizer(optimizer: dict[str, Any]) -> keras.optimizers.Optimizer:
    """A fresh Keras optimizer from a spec's optimizer dict (clipping, momentum, a serialised
    learning-rate schedule and any other constructor argument included).
    """
    kwargs = {key: copy.deepcopy(value) for key, value in optimizer.items() if key != "name"}
    try:
        return _optimizer(optimizer["name"], kwargs)
    except (ValueError, TypeError) as error:
        raise ModelSpecError(f"cannot build optimizer {optimizer}: {error}") from None


def _loss(loss: str | dict[str, Any]) -> str | keras.losses.Loss | Any:
    if isinstance(loss, str):
        return loss
    try:
        return keras.losses.deserialize(copy.deepcopy(loss))
    except (ValueError, TypeError, KeyError) as error:
        raise ModelSpecError(f"cannot rebuild the loss {loss}: {error}") from None


def make_loss(spec: TrainingSpec) -> str | keras.losses.Loss | dict[str, Any] | Any:
    """The spec's loss for `compile`: a fresh object from `loss_config` (the user's compiled
    loss with all its arguments), else the loss name; per output name for a multi-output
    model (`output_losses`)."""
    if spec.output_losses is not None:
        return {name: _loss(loss) for name, loss in spec.output_losses.items()}
    return _loss(spec.loss if spec.loss_config is None else spec.loss_config)


def _metrics(metrics: Iterable[str | dict[str, Any]]) -> list[Any]:
    try:
        return [
            m if isinstance(m, str) else keras.metrics.deserialize(copy.deepcopy(m))
            for m in metrics
        ]
    except (ValueError, TypeError, KeyError) as error:
        raise ModelSpecError(f"cannot rebuild the metrics {metrics}: {error}") from None


def make_metrics(spec: TrainingSpec) -> list[Any] | dict[str, list[Any]]:
    """The spec's metrics for `compile`: names as they are, objects built fresh from their
    config (each training gets its own metric state); per output name for a multi-output
    model (`output_metrics`)."""
    if spec.output_metrics is not None:
        return {name: _metrics(metrics) for name, metrics in spec.output_metrics.items()}
    return _metrics(spec.metrics)


def compile_model(model: keras.Model, spec: TrainingSpec) -> None:
    """Compile `model` with the spec's optimizer (a fresh one), loss(es), loss weights and
    metrics."""
    model.compile(
        optimizer=make_optimizer(spec.optimizer),
        loss=make_loss(spec),
        loss_weights=copy.deepcopy(spec.loss_weights),
        metrics=make_metrics(spec),
    )


UNBUILT = "cannot build the model"
"""How a `build_model` error starts: Keras could not rebuild the config (not the operator)."""


def build_model(spec: TrainingSpec) -> keras.Model:
    """A new compiled model from the spec: fresh weights, seeded with `spec.seed`.

    Raises:
        ModelSpecError: Keras cannot build the model config or the optimizer.
    """
    keras.utils.set_random_seed(spec.seed)
    config = copy.deepcopy(spec.model)
    try:  # a Lambda's code only when trusted: in safe mode Keras refuses it, naming it
        functions = rebuilt_lambdas(config_dicts(config)) if spec.trust_code else {}
        model = keras.saving.deserialize_keras_object(
            config, custom_objects=functions, safe_mode=not spec.trust_code
        )
    except (ValueError, TypeError, KeyError, NotImplementedError, NameError) as error:
        applied = ", ".join(spec.applied) or "none"
        raise ModelSpecError(f"{UNBUILT} (solutions applied: {applied}): {error}") from None
    if not isinstance(model, keras.Model):
        raise ModelSpecError(f"the spec's model config builds a {type(model).__name__}")
    compile_model(model, spec)
    return model


def make_callbacks(spec: TrainingSpec) -> list[keras.callbacks.Callback]:
    """The Keras callbacks of the spec's callbacks-as-data (`{"name": ..., **kwargs}`).

    Raises:
        ModelSpecError: A callback name is unknown (known: `CALLBACKS`) or its arguments
            are wrong.
    """
    callbacks = []
    for entry in spec.callbacks:
        kwargs = {key: value for key, value in entry.items() if key != "name"}
        name = entry.get("name")
        cls = CALLBACKS.get(name) if isinstance(name, str) else None
        if cls is None:
            what = f"unknown callback {name!r}" if "name" in entry else "a callback without name"
            raise ModelSpecError(f"{what}; known: {', '.join(CALLBACKS)}")
        for key, value in kwargs.items():  # Keras takes patience="x" and fails mid-training
            problem = argument_problem(cls, key, value)
            if problem:
                raise ModelSpecError(f"callback {name!r}: {problem}")
        try:
            callbacks.append(cls(**kwargs))
        except (TypeError, ValueError) as error:  # ValueError: Keras' own argument checks
            raise ModelSpecError(f"callback {name!r}: {error}") from None
    return callbacks


def argument_problem(cls: type, key: str, value: Any) -> str:
    """Why `value` does not fit the type of `key`'s default in `cls`'s constructor ("" when
    it does, or when the default or the value says nothing: None, or no such parameter)."""
    if value is None:  # Keras' "none" for many arguments (a loss's reduction=None)
        return ""
    parameter = inspect.signature(cls).parameters.get(key)
    default = parameter.default if parameter is not None else None
    if isinstance(default, bool):
        fits, kind = isinstance(value, bool), "true or false"
    elif isinstance(default, int | float):
        fits, kind = isinstance(value, int | float) and not isinstance(value, bool), "a number"
    elif isinstance(default, str):
        fits, kind = isinstance(value, str), "a string"
    else:
        return ""
    return "" if fits else f"{key} must be {kind} (default {default!r}), got {value!r}"


def transfer_optimizer_state(
    source: keras.optimizers.Optimizer | None,
    target: keras.optimizers.Optimizer | None,
    variables: list[Any],
) -> bool:
    """Copy `source`'s state (its step count, the learning rate a callback set, the moments
    and other slots) into `target`, built on `variables` if it is not yet: a training that
    goes on from another's weights then also goes on where its optimizer was (a schedule's
    step, Adam's bias correction and moments), as one longer `fit` would have.

    Returns:
        True when copied; False, `target` untouched, when either optimizer is missing or
        not built, their classes differ, their variables do not match one to one in shape,
        or the source holds a non-finite value.
    """
    if source is None or target is None or type(source) is not type(target):
        return False
    if not source.built:
        return False
    if not target.built:
        target.build(variables)
    pairs = list(zip(target.variables, source.variables, strict=False))
    if len(target.variables) != len(source.variables) or any(
        tuple(mine.shape) != tuple(theirs.shape) for mine, theirs in pairs
    ):
        return False
    values = [keras.ops.convert_to_numpy(theirs) for _, theirs in pairs]
    if not all(np.isfinite(value).all() for value in values if value.dtype.kind == "f"):
        return False
    for (mine, _), value in zip(pairs, values, strict=True):
        mine.assign(value)
    return True


def transfer_weights(
    source: keras.Model, target: keras.Model, fresh: Iterable[str] = ()
) -> list[str]:
    """Copy weights layer by layer, matched by name, where every weight's shape matches.

    Layers that are new in `target` (an inserted BatchNormalization, ...) or changed shape
    keep their fresh weights, and so do layers named in `fresh` (e.g. recurrent layers whose
    activation a repair changed) and layers whose source weights hold NaN or Inf: a candidate
    never restarts from non-finite weights (the AutoTrainer code rebuilds such layers).

    Returns:
        The names of the layers copied.
    """
    by_name = {layer.name: layer for layer in source.layers}
    keep_fresh = set(fresh)
    copied = []
    for layer in target.layers:
        other = by_name.get(layer.name)
        if other is None or not layer.weights or layer.name in keep_fresh:
            continue
        weights = other.get_weights()
        shapes = [tuple(w.shape) for w in layer.weights]
        if [w.shape for w in weights] == shapes and all(np.isfinite(w).all() for w in weights):
            layer.set_weights(weights)
            copied.append(layer.name)
    return copied
