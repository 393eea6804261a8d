"""Keras 2 `.h5` files that Keras 3 no longer reads as they were meant.

Standalone Keras 2 saved a Sequential model without its InputLayer, the input's shape as the
first layer's `batch_input_shape`; Keras 3's legacy loader passes that as the layer's
`input_shape` (which has no batch axis), so a model of 10 features came back expecting rows
of shape (None, 10). `translated_model_config` turns it into `input_shape` without the batch
axis, as Keras 2 meant, and Keras 2's `ThresholdedReLU(theta)`, gone from Keras 3, into the
same function, `ReLU(threshold=theta)`. Layer arguments Keras 3 refuses (the RNNs'
`time_major`) are dropped one refusal at a time (`without_unknown_arguments`), each named.

Keras 2.2 and earlier saved the optimizer's rate as `lr` (Keras 3: "Argument(s) not
recognized: {'lr': 0.01}", so the file could not be loaded at all), and every Keras 2
optimizer took a time-based `decay` (lr / (1 + decay x iterations)) that Keras 3 drops with a
warning, so the model would train at a constant rate it never had. Public fault benchmarks
(the AUTOTRAINER paper's programs, DeepFD) ship such files. `translated_training_config`
rewrites the optimizer's config into Keras 3's terms, keeping what it meant: `lr` becomes
`learning_rate`, a non-zero `decay` becomes `InverseTimeDecay(lr, decay_steps=1,
decay_rate=decay)` (the same rate at every step), a zero one is dropped, `epsilon: null`
becomes Keras' 1e-7 and Nadam's `schedule_decay` (fixed at 0.004 in Keras 3) is dropped.
The model file itself is never written: `model_file.load_model` loads a patched copy.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

HDF5_SUFFIXES = (".h5", ".hdf5")
"""The names Keras 2 gave its HDF5 model files."""

KERAS_EPSILON = 1e-7
"""What Keras 2's `epsilon=None` meant (`K.epsilon()`)."""

NADAM_SCHEDULE_DECAY = 0.004
"""Keras 2's default Nadam `schedule_decay`, the value Keras 3's Nadam fixes."""


@dataclass(frozen=True)
class Translation:
    """The `.h5` attributes to rewrite (`model_config`, `training_config`: their new JSON
    data) and one note per change, for the report."""

    configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def translation(path: Path) -> Translation:
    """What a Keras 2 `.h5` file needs for Keras 3 to read it as it was meant (nothing for a
    `.keras` file, a Keras 3 `.h5` or a file that cannot be read: Keras reports that)."""
    if path.suffix not in HDF5_SUFFIXES:
        return Translation()
    try:
        model, training = read_config(path, "model_config"), read_config(path, "training_config")
    except (OSError, ValueError, TypeError):
        return Translation()
    configs: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for name, config, translate in (("model_config", model, translated_model_config),
                                    ("training_config", training, translated_training_config)):
        try:
            new, why = translate(config) if config else (None, ())
        except (ValueError, TypeError, RecursionError):  # a value no Keras wrote: left as is
            continue
        if new is not None:
            configs[name] = new
            notes += why
    return Translation(configs, tuple(notes))


UNKNOWN_ARGUMENTS = re.compile(r"Unrecognized keyword arguments passed to (\w+): (\{.*\})")
"""Keras 3's refusal of a layer argument it no longer has (Keras 2 LSTM's `time_major`,
BatchNormalization's `fused`, ...)."""


def without_unknown_arguments(plan: Translation, path: Path, message: str) -> Translation | None:
    """`plan` with the layer arguments Keras 3 refused (`message`, its load error) removed
    from every layer of that class in the `.h5` file's model config, and a note naming them;
    None when `message` is not such a refusal or nothing was removed (nothing to retry)."""
    found = UNKNOWN_ARGUMENTS.search(message)
    if path.suffix not in HDF5_SUFFIXES or not found:
        return None
    try:
        refused = ast.literal_eval(found.group(2))
        model = plan.configs.get("model_config") or read_config(path, "model_config")
    except (ValueError, SyntaxError, OSError, TypeError):
        return None
    if not isinstance(refused, dict) or not model:
        return None
    class_name = found.group(1)
    removed: list[str] = []

    def drop(node: dict[str, Any]) -> dict[str, Any]:
        inner = node.get("config")
        if node.get("class_name") != class_name or not isinstance(inner, dict):
            return node
        kept = {k: v for k, v in inner.items() if k not in refused}
        removed.extend(k for k in inner if k in refused)
        return {**node, "config": kept}

    translated = _rewritten(model, drop)
    if not removed:
        return None
    arguments = ", ".join(f"{key}={value!r}" for key, value in refused.items())
    note = f"Keras 2 file: {class_name}'s {arguments} dropped (not a Keras 3 argument)"
    return replace(plan, configs={**plan.configs, "model_config": translated},
                   notes=(*plan.notes, note))  # fmt: skip


def read_config(path: Path, name: str) -> dict[str, Any] | None:
    """The JSON attribute `name` (`model_config`, `training_config`) of an `.h5` model file,
    None when it has none."""
    import h5py

    with h5py.File(path, "r") as handle:
        raw = handle.attrs.get(name)
    if raw is None:
        return None
    config = json.loads(raw if isinstance(raw, str) else raw.decode("utf-8"))
    return config if isinstance(config, dict) else None


def translated_model_config(model: dict[str, Any]) -> tuple[dict[str, Any] | None, tuple[str, ...]]:
    """`model` in Keras 3's terms, and a note per kind of change; (None, ()) when there is
    nothing to translate (pure):
    - the `batch_input_shape` of a Sequential's first layer (no InputLayer before it) becomes
      `input_shape` without the batch axis (elsewhere Keras 3 ignores the argument);
    - `ThresholdedReLU(theta)`, gone from Keras 3, becomes `ReLU(threshold=theta)`, the same
      function (x above theta, else 0) with no weights."""
    shaped: list[str] = []
    thresholded: list[str] = []

    def change(node: dict[str, Any]) -> dict[str, Any]:
        return _first_layer_shape(_thresholded_relu(node, thresholded), shaped)

    translated = _rewritten(model, change)
    notes = []
    if shaped:
        notes.append(f"Keras 2 file: the batch_input_shape of {', '.join(shaped)} (a "
                     "Sequential's first layer, no InputLayer) is read as its input shape "
                     "without the batch axis (Keras 3 would add an axis)")  # fmt: skip
    if thresholded:
        notes.append(f"Keras 2 file: ThresholdedReLU {', '.join(thresholded)} is read as "
                     "ReLU(threshold=theta), the same function (Keras 3 has no "
                     "ThresholdedReLU)")  # fmt: skip
    return (translated, tuple(notes)) if notes else (None, ())


def _rewritten(node: Any, change: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    """`node` (JSON data) rebuilt bottom-up, every dict passed through `change` (pure)."""
    if isinstance(node, list):
        return [_rewritten(item, change) for item in node]
    if not isinstance(node, dict):
        return node
    return change({key: _rewritten(value, change) for key, value in node.items()})


def _thresholded_relu(node: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """A ThresholdedReLU(theta) layer entry as ReLU(threshold=theta), its name added to
    `names`; any other entry as it is."""
    inner = node.get("config")
    if node.get("class_name") != "ThresholdedReLU" or not isinstance(inner, dict):
        return node
    names.append(str(inner.get("name")))
    kept = {k: v for k, v in inner.items() if k != "theta"}
    return {**node, "class_name": "ReLU",
            "config": {**kept, "threshold": float(inner.get("theta", 1.0))}}  # fmt: skip


def _first_layer_shape(node: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """A Sequential entry whose first layer (no InputLayer) carries `batch_input_shape`,
    with it as `input_shape` without the batch axis, the layer's name added to `names`."""
    inner = node.get("config")
    if node.get("class_name") != "Sequential" or not isinstance(inner, dict):
        return node
    layers = inner.get("layers")
    if not isinstance(layers, list) or not layers or not isinstance(layers[0], dict):
        return node
    first = layers[0]
    config = first.get("config")
    if not isinstance(config, dict):
        return node
    shape = config.get("batch_input_shape")
    if first.get("class_name") == "InputLayer" or not isinstance(shape, list) or not shape:
        return node
    names.append(str(config.get("name")))
    kept = {k: v for k, v in config.items() if k != "batch_input_shape"}
    first = {**first, "config": {**kept, "input_shape": shape[1:]}}
    return {**node, "config": {**inner, "layers": [first, *layers[1:]]}}


def translated_training_config(
    training: dict[str, Any],
) -> tuple[dict[str, Any] | None, tuple[str, ...]]:
    """`training` with its optimizer's Keras 2 arguments in Keras 3's terms (module
    docstring), and a note per change that alters what Keras 3 would do; (None, ()) when
    there is nothing to translate (pure)."""
    optimizer = training.get("optimizer_config")
    if not isinstance(optimizer, dict) or not isinstance(optimizer.get("config"), dict):
        return None, ()
    args = dict(optimizer["config"])
    before = dict(args)
    notes: list[str] = []
    if "lr" in args:
        args.setdefault("learning_rate", args["lr"])
        del args["lr"]
        notes.append("Keras 2 file: the optimizer's lr is read as learning_rate (Keras 3 "
                     "refuses lr)")  # fmt: skip
    decay = args.pop("decay", None)
    rate = args.get("learning_rate")
    if decay is not None and float(decay) > 0.0 and isinstance(rate, int | float):
        args["learning_rate"] = _inverse_time_decay(float(rate), float(decay))
        notes.append(
            f"Keras 2 file: the optimizer's time-based decay {float(decay):g} is kept as "
            f"InverseTimeDecay({float(rate):g}, decay_steps=1, decay_rate={float(decay):g}) "
            "(Keras 3 would drop it and train at a constant rate)"
        )
    if "epsilon" in args and args["epsilon"] is None:
        args["epsilon"] = KERAS_EPSILON
    schedule_decay = args.pop("schedule_decay", None)
    if schedule_decay is not None and float(schedule_decay) != NADAM_SCHEDULE_DECAY:
        notes.append(f"Keras 2 file: Nadam's schedule_decay {float(schedule_decay):g} is "
                     f"dropped (Keras 3 fixes it at {NADAM_SCHEDULE_DECAY:g})")  # fmt: skip
    if args == before:
        return None, ()
    return {**training, "optimizer_config": {**optimizer, "config": args}}, tuple(notes)


def _inverse_time_decay(rate: float, decay: float) -> dict[str, Any]:
    return {
        "module": "keras.optimizers.schedules", "class_name": "InverseTimeDecay",
        "config": {"initial_learning_rate": rate, "decay_steps": 1, "decay_rate": decay,
                   "staircase": False, "name": "InverseTimeDecay"},
        "registered_name": None,
    }  # fmt: skip


def write_config(path: Path, name: str, config: dict[str, Any]) -> None:
    """Set the JSON attribute `name` of the `.h5` file at `path` (a copy, never the user's
    file)."""
    import h5py

    with h5py.File(path, "r+") as handle:
        handle.attrs[name] = json.dumps(config).encode("utf-8")
