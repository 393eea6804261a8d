"""The user's compiled training set-up as data: loss and metric objects with all their
arguments (`from_logits`, `label_smoothing`, Huber `delta`, `reduction`, AUC's `curve`, a
registered custom object), as `keras.losses.serialize` / `keras.metrics.serialize` write them,
so that every training compiles the same objects again (`repair/keras_spec.py`).

Keras 3's `get_config` of some losses leaves out an argument the loss computes with (Huber's
`delta`, CosineSimilarity's and SparseCategoricalCrossentropy's `axis`: they keep it only in
the wrapped function's keyword arguments), so a loss rebuilt from its config would silently
compute another loss (`loss_config` adds them back).
"""

from __future__ import annotations

import copy
import inspect
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import keras
import numpy as np

from autotrainer_keras.errors import InputError
from autotrainer_keras.io.model_classes import foreign_parts

ACCURACY_ALIASES = frozenset({"accuracy", "acc"})
COMPILE_METRIC_ALIASES = frozenset({"accuracy", "acc", "crossentropy", "ce"})
"""Names `model.compile` resolves itself from the loss (keras.metrics.get does not)."""


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value))


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


LOSS_ALIASES = {
    "mape": "mean_absolute_percentage_error",
    "msle": "mean_squared_logarithmic_error",
    "kld": "kl_divergence",
    "k_l_divergence": "kl_divergence",  # KLDivergence in snake case
}
"""Other names Keras resolves (`keras.losses.get("mape")`, `"MSE"`) -> the one autotrainer uses."""


def canonical_loss(name: str) -> str:
    """A Keras loss name as autotrainer knows it: lower case, aliases resolved."""
    lower = name.lower()
    return LOSS_ALIASES.get(lower, lower)


def loss_name(serialised: str | dict[str, Any]) -> str | None:
    """The Keras loss name of a loss as `keras.losses.serialize` writes it (a Keras class
    `CategoricalCrossentropy` -> `categorical_crossentropy`, a built-in function by its
    name); None for a loss from outside Keras (a custom class or function)."""
    if isinstance(serialised, str):
        return canonical_loss(serialised)
    module, name = str(serialised.get("module") or ""), serialised.get("class_name")
    config = serialised.get("config")
    if module == "builtins" and name == "function" and isinstance(config, str):
        return canonical_loss(config) if _is_keras_function(config) else None
    if (module == "keras" or module.startswith("keras.")) and isinstance(name, str):
        return canonical_loss(_snake(name))
    return None


def is_own_loss(loss_config: dict[str, Any] | None) -> bool:
    """The serialised loss a training compiles is one of the user's own (not Keras'): its
    spec's loss name then only stands for the task inferred for it."""
    return loss_config is not None and loss_name(loss_config) is None


def _is_keras_function(name: str) -> bool:
    """A loss function of Keras' own (`mean_squared_error`), not a user's function that a
    `builtins` config names too (registered: `package>name`; unregistered: its bare name,
    which may be a Keras name too: a user's own `dice` in the job's custom object scope)."""
    own = keras.saving.get_registered_object(name)
    if own is not None and not _from_keras(own):
        return False
    try:
        function = keras.losses.get(name)
    except (ValueError, TypeError):
        return False
    return _from_keras(function)


def _from_keras(item: Any) -> bool:
    return str(getattr(item, "__module__", "")).startswith("keras")


def rebuild_loss(loss: dict[str, Any], origin: str) -> Any:
    """The loss object a serialised loss compiles to.

    Raises:
        InputError: It cannot be rebuilt: an unregistered class, or a lambda or unregistered
            function (which Keras gives back as its bare name).
    """
    try:
        rebuilt = keras.losses.deserialize(_plain(loss))
    except (ValueError, TypeError, KeyError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(
            f"{origin} {loss.get('class_name')!r} cannot be rebuilt from its config ({first}); "
            "a custom loss must be registered with keras.saving.register_keras_serializable"
        ) from None
    if not callable(rebuilt):
        raise InputError(f"{origin} {rebuilt!r} {UNREBUILDABLE}")
    from autotrainer_keras.repair.keras_spec import argument_problem

    arguments = loss.get("config")
    for key, value in arguments.items() if isinstance(arguments, dict) else ():
        problem = argument_problem(type(rebuilt), key, value)  # Huber delta: "x" fails in fit
        if problem:
            raise InputError(f"{origin} {loss.get('class_name')!r}: {problem}")
    return rebuilt


UNREBUILDABLE = (
    "is a Python function Keras cannot rebuild from its config (a lambda, or a function "
    "Keras cannot find by its name), and every training of the job (the original's too, "
    "with repair=False) compiles the loss again: define it with def (an in-memory model's "
    "own function is found; a model file's needs --custom-objects with --trust-model-code) "
    "or decorate it with @keras.saving.register_keras_serializable(), or watch your own "
    "model.fit with autotrainer_keras.keras.Watch"
)
COMPILED_METRICS = "the compiled metrics"
"""How errors name the metrics the user's model was compiled with."""
UNREBUILDABLE_METRIC = (
    "is not a Keras metric and Keras cannot find it by its name, and every training of the "
    "job (the original's too, with repair=False) compiles the metrics again: define it with "
    "def (an in-memory model's own function is found; a model file's needs --custom-objects "
    "with --trust-model-code) or decorate it with "
    "@keras.saving.register_keras_serializable(), or watch your own model.fit with "
    "autotrainer_keras.keras.Watch"
)


def _loss_leaves(loss: Any) -> Iterator[Any]:
    if isinstance(loss, Mapping):
        for value in loss.values():
            yield from _loss_leaves(value)
    elif isinstance(loss, list | tuple):
        for value in loss:
            yield from _loss_leaves(value)
    elif loss is not None and not isinstance(loss, str):
        yield loss


def _compiled_metric_leaves(model: keras.Model) -> Iterator[Any]:
    """The metric objects the model was compiled with, as the user passed them (Keras keeps
    them in its compile config; nothing when it was compiled without metrics)."""
    config = getattr(getattr(model, "_compile_config", None), "config", None)
    metrics = config.get("metrics") if isinstance(config, Mapping) else None
    yield from _loss_leaves(metrics)


def compile_leaves(model: keras.Model) -> Iterator[tuple[str, Any]]:
    """("loss" | "metric", object) for every loss and metric object the model was compiled
    with, as the user passed them (names left out)."""
    for item in _loss_leaves(getattr(model, "loss", None)):
        yield "loss", item
    for item in _compiled_metric_leaves(model):
        yield "metric", item


def user_compile_objects(model: keras.Model) -> dict[str, Any]:
    """The compiled loss's and metrics' own functions and classes from outside Keras that
    Keras cannot find by name (not registered), by the name their config gives them: a job
    compiling them again in a custom object scope of these finds the live objects (a
    lambda is left out: its config is its code, not a name). A Keras wrapper's function
    counts as the user's own (`MeanMetricWrapper(fn)`); closures of one factory with equal
    values are one function.

    Raises:
        InputError: Two different functions or classes of the loss or metrics share one name.
    """
    found: dict[str, Any] = {}
    leaves = (*_loss_leaves(getattr(model, "loss", None)), *_compiled_metric_leaves(model))
    for item in leaves:
        own_class = isinstance(item, keras.losses.Loss | keras.metrics.Metric)
        target = type(item) if own_class else item
        if own_class and _from_keras(target):
            target = _wrapped_function(item)
        if target is None or not callable(target) or _from_keras(target):
            continue
        name = getattr(target, "__name__", "")
        registered = keras.saving.get_registered_name(target)
        if not name or name == "<lambda>" or registered != name:
            continue  # a lambda, or registered: Keras finds it without help
        known = found.get(name, target)
        functions = inspect.isfunction(known) and inspect.isfunction(target)
        if known is not target and not (functions and _same_function(known, target)):
            raise InputError(
                f"the compiled loss and metrics have two different functions or classes "
                f"named {name!r}; Keras finds them by name: give them different names"
            )
        found[name] = target
    return found


def _wrapped_function(item: Any) -> Any:
    """The function of the user's own a Keras wrapper holds (`MeanMetricWrapper(fn)`, a
    loss's `LossFunctionWrapper(fn)`), or None: its config names the function, which Keras
    finds by that name only (practice batch 59: every forecasting script's
    `MeanMetricWrapper` around a closure made each job refuse)."""
    function = getattr(item, "_fn", None) or getattr(item, "fn", None)
    return function if inspect.isfunction(function) else None


def user_layer_classes(model: keras.Model) -> dict[str, type]:
    """The model's own layer classes from outside Keras that Keras cannot find by name (not
    registered), by class name: a job rebuilding the model (the original's config, every
    candidate) in a custom object scope of these finds the live classes (practice batch 44:
    token-and-position embeddings and attention pooling written as Layer subclasses, defined
    in the user's script). Layers nested in layers are found through their attributes.

    Raises:
        InputError: Two different layer classes share one name.
    """
    found: dict[str, type] = {}
    for layer in _own_layers(model):
        target = type(layer)
        module = str(getattr(target, "__module__", "") or "")
        if module == "keras" or module.startswith("keras."):
            continue
        name = target.__name__
        if keras.saving.get_registered_name(target) != name:
            continue  # registered: Keras finds it without help
        if found.get(name, target) is not target:
            raise InputError(
                f"the model has two different layer classes named {name!r}; Keras finds them "
                "by name when it rebuilds the model: give them different names"
            )
        found[name] = target
    return found


def user_activation_functions(model: keras.Model) -> dict[str, Any]:
    """The model's activation functions of the user's own (`Dense(activation=fn)`, from
    outside Keras and not registered), by the name their config gives them: every candidate
    rebuilt from the config finds the live function (practice batch 54's SIREN,
    `activation(z) = sin(30 z)` made by a closure for each layer). Functions that share a
    name are kept when they are one function (the same code and closed-over values); a name
    held by two different functions is left out (Keras finds functions by name: candidates
    then cannot be built, and say so)."""
    found: dict[str, Any] = {}
    clashes: set[str] = set()
    for layer in _own_layers(model):
        function = getattr(layer, "activation", None)
        module = str(getattr(function, "__module__", "") or "")
        if not inspect.isfunction(function) or module == "keras" or module.startswith("keras."):
            continue
        name = function.__name__
        if name == "<lambda>" or keras.saving.get_registered_name(function) != name:
            continue  # a lambda's config is its code; registered: Keras finds it
        if name in found and not _same_function(found[name], function):
            clashes.add(name)
        found.setdefault(name, function)
    return {name: fn for name, fn in found.items() if name not in clashes}


def _same_function(a: Any, b: Any) -> bool:
    """Two functions that compute the same: one object, or the same code closing over equal
    values (closures made by one factory with the same arguments)."""
    if a is b:
        return True
    if a.__code__ is not b.__code__:
        return False
    cells = [(x.cell_contents, y.cell_contents)
             for x, y in zip(a.__closure__ or (), b.__closure__ or (), strict=True)]  # fmt: skip
    try:
        return all(bool(np.all(x == y)) for x, y in cells)
    except Exception:  # noqa: BLE001 - values that do not compare: not known to be equal
        return False


def user_optimizer_classes(model: keras.Model) -> dict[str, type]:
    """The compiled optimizer's own classes from outside Keras that Keras cannot find by
    name (not registered), by class name: the optimizer itself (a subclass of the user's)
    and its learning-rate schedule (practice batch 46: a triangular cyclical
    `LearningRateSchedule` written in the script), which every candidate's optimizer is
    rebuilt from.

    Raises:
        InputError: Two different classes of the optimizer share one name.
    """
    optimizer = getattr(model, "optimizer", None)
    inner = getattr(optimizer, "inner_optimizer", None)  # a LossScaleOptimizer's own
    found: dict[str, type] = {}
    schedules = (getattr(o, "_learning_rate", None) for o in (optimizer, inner))
    for item in (optimizer, inner, *schedules):
        if item is None or not isinstance(
            item, keras.optimizers.Optimizer | keras.optimizers.schedules.LearningRateSchedule
        ):
            continue
        target = type(item)
        module = str(getattr(target, "__module__", "") or "")
        name = target.__name__
        if module == "keras" or module.startswith("keras.") or (
            keras.saving.get_registered_name(target) != name
        ):
            continue  # Keras' own, or registered: Keras finds it without help
        if found.get(name, target) is not target:
            raise InputError(f"the optimizer has two different classes named {name!r}; Keras "
                             "finds them by name: give them different names")  # fmt: skip
        found[name] = target
    return found


def _own_layers(model: keras.Model) -> list[keras.layers.Layer]:
    """Every layer inside `model`: its layers, their layers and the layers a layer holds as
    attributes (alone, or in a list or tuple), each once."""
    seen: dict[int, keras.layers.Layer] = {}
    stack = list(getattr(model, "layers", []))
    while stack:
        layer = stack.pop()
        if id(layer) in seen:
            continue
        seen[id(layer)] = layer
        held = list(getattr(layer, "layers", []) if isinstance(layer, keras.Model) else [])
        for value in vars(layer).values():
            items = value if isinstance(value, list | tuple) else [value]
            held += [v for v in items if isinstance(v, keras.layers.Layer)]
        stack += held
    return list(seen.values())


def _plain_argument(value: Any) -> Any:
    """A loss argument as JSON holds it (a numpy array or number as a list or number)."""
    return value.tolist() if isinstance(value, np.ndarray | np.generic) else value


def loss_config(loss: Any) -> dict[str, Any]:
    """`keras.losses.serialize(loss)` as plain data, with every argument the loss computes
    with: an argument of the loss's constructor that its `get_config` leaves out (Huber's
    `delta`) is taken from the keyword arguments Keras' `LossFunctionWrapper` passes to its
    function (`_fn_kwargs`, read only); one the config holds is left as the class wrote it.

    Raises:
        TypeError, ValueError: Keras cannot serialise it (a lambda that closes over objects).
    """
    serialised = _plain(keras.losses.serialize(loss))
    arguments = getattr(loss, "_fn_kwargs", None)
    config = serialised.get("config") if isinstance(serialised, dict) else None
    if not isinstance(arguments, Mapping) or not isinstance(config, dict):
        return serialised
    parameters = inspect.signature(type(loss).__init__).parameters
    for key, value in arguments.items():
        named = key in parameters and parameters[key].kind is not inspect.Parameter.VAR_KEYWORD
        if named and key not in config:
            config[key] = _plain(_plain_argument(value))
    return serialised


def _compiled_losses(loss: Any, serialised: Any) -> Any:
    """The compile config's loss (`serialised`, one or per output by name or position)
    with every Keras loss object in it written by `loss_config` (its arguments complete)."""
    if isinstance(loss, Mapping) and isinstance(serialised, dict):
        return {k: _compiled_losses(loss[k], v) if k in loss else v for k, v in serialised.items()}
    if isinstance(loss, list | tuple) and isinstance(serialised, list):
        if len(loss) == len(serialised):
            return [_compiled_losses(a, b) for a, b in zip(loss, serialised, strict=True)]
        return serialised
    if isinstance(loss, keras.losses.Loss):
        try:
            return loss_config(loss)
        except (TypeError, ValueError):
            return serialised
    return serialised


def serialised_loss(model: keras.Model) -> str | dict[str, Any] | None:
    """The compiled loss as data (a name, or `keras.losses.serialize` output with every
    argument: `loss_config`).

    Raises:
        InputError: It cannot be written as data (a lambda that closes over objects).
    """
    loss = getattr(model, "loss", None)
    if loss is None or isinstance(loss, str):
        return loss
    try:
        return loss_config(loss)
    except (TypeError, ValueError):
        name = getattr(loss, "__name__", type(loss).__name__)
        raise InputError(f"the compiled loss {name!r} {UNREBUILDABLE}") from None


def resolve_loss_config(
    model: keras.Model, configured: str | dict[str, Any] | None
) -> dict[str, Any] | None:
    """The loss object to compile with all its arguments (from_logits, label_smoothing,
    delta, reduction, a custom loss), from the config or else the compiled model; None when a
    name says it all.

    Raises:
        InputError: A loss given in the config as an object that is not one of Keras' own.
    """
    loss = configured if configured is not None else serialised_loss(model)
    if not isinstance(loss, dict):
        return None
    if configured is not None and (foreign_parts(loss) or loss_name(loss) is None):
        raise InputError(
            f"config training.loss: {loss.get('class_name')!r} is not a Keras loss; a "
            "config names Keras' own losses (a name or keras.losses.serialize output)"
        )
    rebuild_loss(loss, "config training.loss" if configured is not None else "the compiled loss")
    if loss.get("module") == "builtins" and loss_name(loss) is not None:
        return None  # a Keras loss function by name: the name is the whole set-up
    return loss  # an object, or a registered function of the user's


def plain_compile_config(model: keras.Model) -> dict[str, Any]:
    """`model.get_compile_config()` as plain JSON data ({} when not compiled), its Keras loss
    objects with every argument (`loss_config`); a part JSON cannot hold (a module a lambda
    loss closes over) becomes None, so that loss reads as one that cannot be rebuilt instead
    of failing here."""
    config = model.get_compile_config() if getattr(model, "compiled", False) else None
    plain = dict(json.loads(json.dumps(config or {}, default=lambda _: None)))
    if "loss" in plain:
        plain["loss"] = _compiled_losses(getattr(model, "loss", None), plain["loss"])
    return plain


def compiled_metrics(model: keras.Model) -> list[str | dict[str, Any]]:
    """The metrics the model was compiled with, serialised (empty when not compiled)."""
    metrics = plain_compile_config(model).get("metrics") or []
    if isinstance(metrics, dict):  # one per output: autotrainer trains one output
        metrics = next(iter(metrics.values()), [])
    elif isinstance(metrics, list) and metrics and all(isinstance(m, list) for m in metrics):
        metrics = metrics[0]  # one list per output, as a tf.keras (Keras 2) .h5 file compiles
    metrics = metrics if isinstance(metrics, list) else [metrics]
    return [_by_name_if_builtin(m) for m in metrics if m is not None]


def serialised_metric(metric: keras.metrics.Metric) -> dict[str, Any]:
    """A metric object as data (`keras.metrics.serialize`, plain JSON), as a spec holds it."""
    return dict(_plain(keras.metrics.serialize(metric)))


def _by_name_if_builtin(metric: Any) -> str | dict[str, Any]:
    """A built-in metric function by its name (what `keras.metrics.get` takes; Keras cannot
    deserialise every one of them from the `builtins` form), any other object as data (a
    function of the user's own too: deserialised, Keras finds it in a custom object scope,
    where `keras.metrics.get` of its bare name does not look)."""
    if isinstance(metric, str):
        return metric
    plain = _plain(metric)
    is_function = plain.get("module") == "builtins" and plain.get("class_name") == "function"
    name = plain.get("config")
    if is_function and isinstance(name, str) and _is_keras_metric_name(name):
        return name
    return plain


def _is_keras_metric_name(name: str) -> bool:
    try:
        keras.metrics.get(name)
    except ValueError:
        return False
    return True


def metric_name(metric: str | dict[str, Any]) -> str:
    """The name a metric logs under (`accuracy`, `auc`, `categorical_accuracy`)."""
    if isinstance(metric, str):
        return metric
    config = metric.get("config")
    if isinstance(config, str):
        return config
    if isinstance(config, dict) and isinstance(config.get("name"), str):
        return str(config["name"])
    return str(metric.get("class_name"))


def check_metric(metric: str | dict[str, Any], origin: str) -> None:
    """Raise InputError when `metric` is not a Keras metric that can be built again."""
    if isinstance(metric, str):
        if metric in COMPILE_METRIC_ALIASES:
            return
        try:
            keras.metrics.get(metric)
        except ValueError:
            if origin == COMPILED_METRICS:  # the user's own function, saved by its name
                raise InputError(f"{origin}: '{metric}' {UNREBUILDABLE_METRIC}") from None
            raise InputError(
                f"{origin}: '{metric}' is not a Keras metric name (e.g. accuracy, auc, mae)"
            ) from None
        return
    if origin.startswith("config") and foreign_parts(metric):
        raise InputError(f"{origin}: {metric.get('class_name')!r} is not a Keras metric")
    try:  # get, not deserialize: that gives an unknown class_name back as a string
        keras.metrics.get(copy.deepcopy(metric))
    except (ValueError, TypeError, KeyError) as error:
        kind = metric.get("class_name")
        function = kind == "function" and metric.get("module") == "builtins"
        if (function or kind == "__lambda__") and origin == COMPILED_METRICS:
            name = "<lambda>" if kind == "__lambda__" else metric_name(metric)
            raise InputError(f"{origin}: '{name}' {UNREBUILDABLE_METRIC}") from None
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(
            f"{origin}: {metric.get('class_name')!r} cannot be rebuilt from its config "
            f"({first}); a metric class of your own needs a get_config() that returns the "
            "arguments of its __init__ (and, in a model file, registration with "
            "keras.saving.register_keras_serializable)"
        ) from None
