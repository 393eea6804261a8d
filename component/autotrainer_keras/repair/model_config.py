"""Framework-free reading and editing of serialised Keras model configs.

A model config is what `keras.saving.serialize_keras_object(model)` returns, after a JSON
round trip: `{"class_name": "Sequential" | "Functional", "config": {"layers": [...], ...}}`.
Each layer entry is `{"module", "class_name", "config": {"name", ...}, "registered_name"}`.

- Sequential layers are wired by their order in `config["layers"]`.
- Functional layers carry `inbound_nodes`: one `{"args": [...], "kwargs": {...}}` per call,
  where every input tensor is `{"class_name": "__keras_tensor__", "config": {"shape",
  "dtype", "keras_history": [producer, node_index, tensor_index]}}`. The model outputs are
  `config["output_layers"]`: one `[layer, node_index, tensor_index]` or a nest of them.

Nested models and custom layers are opaque layers here. Editing functions change the dict
they are given in place: callers pass a copy (`TrainingSpec.model_copy()`).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from autotrainer_keras.errors import ModelSpecError

SEQUENTIAL = "Sequential"
FUNCTIONAL = "Functional"
INPUT_LAYER = "InputLayer"
WRAPPERS = frozenset({"Bidirectional", "TimeDistributed"})
KERAS_TENSOR = "__keras_tensor__"

Layer = dict[str, Any]


def model_kind(model: dict[str, Any]) -> str:
    """`SEQUENTIAL` or `FUNCTIONAL`; ModelSpecError for any other (e.g. subclassed) model."""
    name = model.get("class_name") if isinstance(model, dict) else None
    if name == SEQUENTIAL:
        return SEQUENTIAL
    if name in (FUNCTIONAL, "Model") and "output_layers" in model.get("config", {}):
        return FUNCTIONAL
    raise ModelSpecError(
        f"only Sequential and Functional model configs can be edited, got class_name {name!r}"
    )


def all_layers(model: dict[str, Any]) -> list[Layer]:
    """Every layer entry, InputLayers included, in config order (the list itself)."""
    model_kind(model)
    return model["config"]["layers"]


def layers(model: dict[str, Any]) -> list[Layer]:
    """The layer entries other than InputLayers, in config (topological) order."""
    return [entry for entry in all_layers(model) if entry["class_name"] != INPUT_LAYER]


def layer_name(layer: Layer) -> str:
    return str(layer["config"]["name"])


def find_layer(model: dict[str, Any], name: str) -> Layer:
    """The layer entry called `name`; ModelSpecError if there is none."""
    for entry in all_layers(model):
        if layer_name(entry) == name:
            return entry
    raise ModelSpecError(f"the model has no layer named {name!r}")


def inner_configs(layer: Layer) -> list[dict[str, Any]]:
    """The configs that hold the layer's settings: a wrapper's inner layer(s), else its own."""
    if layer["class_name"] in WRAPPERS:
        config = layer["config"]
        inner = [config["layer"], config.get("backward_layer")]
        return [entry["config"] for entry in inner if isinstance(entry, dict)]
    return [layer["config"]]


def nested_entries(layer: Layer) -> list[Layer]:
    """The layer entries a nested model holds, at any depth, also one a wrapper holds
    (`TimeDistributed(Sequential([...]))`); [] for a plain layer."""
    held = [layer["config"]["layer"]] if layer["class_name"] in WRAPPERS else [layer]
    found: list[Layer] = []
    for entry in held:
        if not isinstance(entry, dict) or not is_model(entry):
            continue
        for inner in entry["config"]["layers"]:
            if isinstance(inner, dict) and inner.get("class_name") != INPUT_LAYER:
                found += [inner, *nested_entries(inner)]
    return found


def is_model(layer: Layer) -> bool:
    """True for a nested model (an opaque layer here)."""
    return "layers" in layer["config"]


def has_kernel(layer: Layer) -> bool:
    """True for Dense/Conv/RNN-like layers (a `kernel_initializer` in the config)."""
    return any("kernel_initializer" in config for config in inner_configs(layer))


def is_recurrent(layer: Layer) -> bool:
    """True for SimpleRNN/LSTM/GRU/ConvLSTM, also inside Bidirectional/TimeDistributed."""
    return any("recurrent_initializer" in config for config in inner_configs(layer))


def _tensors(data: Any) -> Iterator[dict[str, Any]]:
    """Every serialised Keras tensor config (with `keras_history`) inside `data`."""
    if isinstance(data, dict):
        if data.get("class_name") == KERAS_TENSOR:
            yield data["config"]
            return
        for value in data.values():
            yield from _tensors(value)
    elif isinstance(data, list):
        for value in data:
            yield from _tensors(value)


def inbound_tensors(node: Any) -> list[dict[str, Any]]:
    """The serialised tensors (shape, dtype, keras_history) a layer's inbound node reads."""
    return list(_tensors(node))


def _refs(structure: Any) -> Iterator[list[Any]]:
    """Every `[layer, node_index, tensor_index]` in an `input_layers`/`output_layers` nest."""
    if isinstance(structure, list) and len(structure) == 3 and isinstance(structure[0], str):
        yield structure
    elif isinstance(structure, list):
        for item in structure:
            yield from _refs(item)
    elif isinstance(structure, dict):
        for item in structure.values():
            yield from _refs(item)


def output_layer_names(model: dict[str, Any]) -> list[str]:
    """Names of the layers that produce the model outputs."""
    if model_kind(model) == SEQUENTIAL:
        return [layer_name(layers(model)[-1])]
    return list(dict.fromkeys(ref[0] for ref in _refs(model["config"]["output_layers"])))


def inbound_layer_names(model: dict[str, Any], name: str) -> list[str]:
    """Names of the layers whose outputs `name` consumes (distinct, first-use order)."""
    if model_kind(model) == SEQUENTIAL:
        entries = all_layers(model)
        index = entries.index(find_layer(model, name))
        return [layer_name(entries[index - 1])] if index > 0 else []
    nodes = find_layer(model, name).get("inbound_nodes", [])
    return list(dict.fromkeys(t["keras_history"][0] for t in _tensors(nodes)))


def consumer_names(model: dict[str, Any], name: str) -> list[str]:
    """Names of the layers that consume an output of `name`."""
    if model_kind(model) == SEQUENTIAL:
        entries = all_layers(model)
        index = entries.index(find_layer(model, name))
        return [layer_name(entries[index + 1])] if index + 1 < len(entries) else []
    return [
        layer_name(entry)
        for entry in all_layers(model)
        if any(t["keras_history"][0] == name for t in _tensors(entry.get("inbound_nodes", [])))
    ]


def forget_shapes_after(model: dict[str, Any], name: str) -> None:
    """Drop the recorded input shapes (`build_config`) of every layer fed, directly or not,
    by `name` (in place): when `name`'s output changes width, Keras builds them again from
    the tensors they receive (a Dense after a wider one-hot: its kernel is new)."""
    pending, seen = consumer_names(model, name), set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        find_layer(model, current).pop("build_config", None)
        pending.extend(consumer_names(model, current))


def output_block(model: dict[str, Any], outputs: list[str] | None = None) -> set[str]:
    """The layers a repair must leave alone: each output layer and, walking back through
    weight-free single-input layers (Activation, Softmax, Dropout, ...), the layer with the
    kernel that computes the output (so `Dense(10) -> Activation("softmax")` is kept whole);
    `outputs`: only these output layers' (default: every output's).
    """
    protected: set[str] = set()
    for name in output_layer_names(model) if outputs is None else outputs:
        current = name
        while current not in protected:
            protected.add(current)
            layer = find_layer(model, current)
            if has_kernel(layer) or is_model(layer):
                break
            parents = inbound_layer_names(model, current)
            if len(parents) != 1 or find_layer(model, parents[0])["class_name"] == INPUT_LAYER:
                break
            current = parents[0]
    return protected


def hidden_layers(model: dict[str, Any]) -> list[Layer]:
    """Non-input layers outside the output block, in config order."""
    protected = output_block(model)
    return [entry for entry in layers(model) if layer_name(entry) not in protected]


def hidden_kernel_layers(model: dict[str, Any], *, recurrent: bool = True) -> list[Layer]:
    """Hidden Dense/Conv/RNN-like layers (`recurrent=False`: leave out SimpleRNN/LSTM/GRU)."""
    return [
        entry
        for entry in hidden_layers(model)
        if has_kernel(entry) and (recurrent or not is_recurrent(entry))
    ]


def unique_name(model: dict[str, Any], base: str) -> str:
    """`base`, or `base_1`, `base_2`, ... whichever no layer of the model is called."""
    taken = {layer_name(entry) for entry in all_layers(model)}
    name, suffix = base, 0
    while name in taken:
        suffix += 1
        name = f"{base}_{suffix}"
    return name


def policy_name(layer: Layer) -> str:
    """The name of a layer entry's dtype policy ("" when it has none)."""
    dtype = layer["config"].get("dtype")
    if isinstance(dtype, dict):
        return str((dtype.get("config") or {}).get("name", ""))
    return str(dtype or "")


def compute_in_float32(layer: Layer) -> None:
    """Set a layer entry's dtype policy to float32 in place (its other settings kept)."""
    dtype = layer["config"].get("dtype")
    if isinstance(dtype, dict) and isinstance(dtype.get("config"), dict):
        dtype["config"]["name"] = "float32"
    else:
        layer["config"]["dtype"] = "float32"


def new_layer(class_name: str, name: str, like: Layer | None = None, **settings: Any) -> Layer:
    """A layer entry in Keras format; takes the dtype policy of `like` when it has one."""
    config: dict[str, Any] = {"name": name, "trainable": True}
    dtype = like["config"].get("dtype") if like is not None else None
    if isinstance(dtype, dict):  # a DTypePolicy; an InputLayer's plain dtype is no policy
        config["dtype"] = copy.deepcopy(dtype)
    config.update(settings)
    return {
        "module": "keras.layers",
        "class_name": class_name,
        "config": config,
        "registered_name": None,
    }


def _place(model: dict[str, Any], index: int, layer: Layer) -> None:
    name = layer_name(layer)
    if any(layer_name(entry) == name for entry in all_layers(model)):
        raise ModelSpecError(f"a layer named {name!r} already exists")
    all_layers(model).insert(index, layer)


def insert_after(model: dict[str, Any], target: str, layer: Layer) -> None:
    """Insert `layer` on the main output of `target`: every consumer (and model output) of
    that output reads the new layer instead. `layer` must keep the shape of its input.
    """
    entries = all_layers(model)
    index = entries.index(find_layer(model, target))
    if model_kind(model) == SEQUENTIAL:
        _place(model, index + 1, layer)
        return
    name = layer_name(layer)
    fed = [
        t
        for e in entries
        for t in _tensors(e.get("inbound_nodes", []))
        if t["keras_history"][0] == target and t["keras_history"][2] == 0
    ]
    outputs = [r for r in _refs(model["config"]["output_layers"]) if r[0] == target and r[2] == 0]
    if not fed:
        raise ModelSpecError(f"cannot insert after {target!r}: no layer consumes its output")
    template = {t["keras_history"][1]: t for t in fed}
    missing = {r[1] for r in outputs} - set(template)
    if missing:
        raise ModelSpecError(f"cannot insert after {target!r}: output node shape unknown")
    new_index = {node: k for k, node in enumerate(sorted(template))}
    layer = copy.deepcopy(layer)
    layer["name"] = name
    layer["inbound_nodes"] = [
        {
            "args": [
                {
                    "class_name": KERAS_TENSOR,
                    "config": {
                        "shape": copy.deepcopy(template[node]["shape"]),
                        "dtype": template[node]["dtype"],
                        "keras_history": [target, node, 0],
                    },
                }
            ],
            "kwargs": {},
        }
        for node in sorted(template)
    ]
    for tensor in fed:
        tensor["keras_history"] = [name, new_index[tensor["keras_history"][1]], 0]
    for ref in outputs:
        ref[:] = [name, new_index[ref[1]], 0]
    _place(model, index + 1, layer)


def follow_each(
    model: dict[str, Any], targets: list[Layer], class_name: str, suffix: str, **settings: Any
) -> dict[str, str]:
    """Insert a `class_name` layer (named `<target>_<suffix>`) after each target that does not
    already feed only such layers.

    Returns {target name: new layer name} for the layers inserted, in target order.
    """
    added: dict[str, str] = {}
    for target in targets:
        name = layer_name(target)
        consumers = consumer_names(model, name)
        if consumers and all(find_layer(model, c)["class_name"] == class_name for c in consumers):
            continue
        new_name = unique_name(model, f"{name}_{suffix}")
        insert_after(model, name, new_layer(class_name, new_name, like=target, **settings))
        added[name] = new_name
    return added


def insert_before(model: dict[str, Any], target: str, layer: Layer) -> None:
    """Insert `layer` between `target` and its single input tensor (in every call)."""
    entries = all_layers(model)
    entry = find_layer(model, target)
    index = entries.index(entry)
    if model_kind(model) == SEQUENTIAL:
        _place(model, index, layer)
        return
    name = layer_name(layer)
    nodes = entry.get("inbound_nodes", [])
    inputs = [list(_tensors(node)) for node in nodes]
    if not inputs or any(len(tensors) != 1 for tensors in inputs):
        raise ModelSpecError(f"cannot insert before {target!r}: it does not take one tensor")
    layer = copy.deepcopy(layer)
    layer["name"] = name
    layer["inbound_nodes"] = [
        {"args": [{"class_name": KERAS_TENSOR, "config": copy.deepcopy(tensors[0])}], "kwargs": {}}
        for tensors in inputs
    ]
    for k, tensors in enumerate(inputs):
        tensors[0]["keras_history"] = [name, k, 0]
    _place(model, index, layer)


def append_output(
    model: dict[str, Any], layer: Layer, units: int, shape: list[int | None] | None = None
) -> None:
    """Put `layer` after the model's single output, as the new output. `layer` must keep the
    shape of its input, whose last axis has `units` (the output's units); `shape`: the
    output's shape when its layer takes several tensors (a `Dot` score: `[None, 1]`)."""
    names = output_layer_names(model)
    if len(names) != 1:
        raise ModelSpecError(f"cannot append after the output: the model has {len(names)}")
    if model_kind(model) == SEQUENTIAL:
        _place(model, len(all_layers(model)), layer)
        return
    (ref,) = list(_refs(model["config"]["output_layers"]))
    nodes = find_layer(model, ref[0]).get("inbound_nodes", [])
    inputs = list(_tensors(nodes[ref[1]])) if ref[1] < len(nodes) else []
    if not inputs or (len(inputs) != 1 and shape is None):
        raise ModelSpecError(f"cannot append after {ref[0]!r}: it does not take one tensor")
    name = layer_name(layer)
    layer = copy.deepcopy(layer)
    layer["name"] = name
    tensor = {"shape": shape or [*inputs[0]["shape"][:-1], units], "dtype": inputs[0]["dtype"],
              "keras_history": list(ref)}  # fmt: skip
    layer["inbound_nodes"] = [{"args": [{"class_name": KERAS_TENSOR, "config": tensor}],
                               "kwargs": {}}]  # fmt: skip
    ref[:] = [name, 0, 0]
    _place(model, len(all_layers(model)), layer)


def append_after_output(model: dict[str, Any], output: str, layer: Layer, units: int) -> str:
    """Put `layer` (which keeps its input's shape, `units` on the last axis) after the
    output layer `output` of a functional model, under that layer's name, so the model's
    output names (what a multi-output model's losses and targets are keyed by) stay; the
    output layer is renamed (returned). It must be called once and read by nothing else."""
    if model_kind(model) != FUNCTIONAL:
        raise ModelSpecError(f"cannot append after the output {output!r} of a Sequential model")
    refs = [r for r in _refs(model["config"]["output_layers"]) if r[0] == output]
    nodes = find_layer(model, output).get("inbound_nodes", [])
    if len(refs) != 1 or len(nodes) != 1 or consumer_names(model, output):
        raise ModelSpecError(f"cannot append after {output!r}: it is called more than once "
                             "or read by another layer")  # fmt: skip
    inputs = list(_tensors(nodes[0]))
    if len(inputs) != 1:
        raise ModelSpecError(f"cannot append after {output!r}: it does not take one tensor")
    renamed = unique_name(model, f"{output}_unscaled")
    source = find_layer(model, output)
    source["config"]["name"] = renamed
    source["name"] = renamed
    layer = copy.deepcopy(layer)
    layer["config"]["name"] = layer["name"] = output
    tensor = {"shape": [*inputs[0]["shape"][:-1], units], "dtype": inputs[0]["dtype"],
              "keras_history": [renamed, 0, refs[0][2]]}  # fmt: skip
    layer["inbound_nodes"] = [{"args": [{"class_name": KERAS_TENSOR, "config": tensor}],
                               "kwargs": {}}]  # fmt: skip
    refs[0][:] = [output, 0, 0]
    _place(model, len(all_layers(model)), layer)
    return renamed


def replace_layer(model: dict[str, Any], name: str, layer: Layer) -> None:
    """Put `layer` in the place of the layer `name`, keeping that name and its wiring."""
    entries = all_layers(model)
    old = find_layer(model, name)
    layer = copy.deepcopy(layer)
    layer["config"]["name"] = name
    if model_kind(model) == FUNCTIONAL:
        layer["name"] = name
        layer["inbound_nodes"] = old.get("inbound_nodes", [])
    entries[entries.index(old)] = layer


def validate_model(model: dict[str, Any]) -> None:
    """Raise ModelSpecError unless `model` is a well-formed Sequential/Functional config:
    named, uniquely named layers, and (functional) every tensor reference resolving to an
    existing layer call.
    """
    kind = model_kind(model)
    entries = model["config"].get("layers")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and "class_name" in e and "name" in e.get("config", {}) for e in entries
    ):
        raise ModelSpecError("model config: 'layers' must be a list of named layer entries")
    names = [layer_name(entry) for entry in entries]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ModelSpecError(f"model config: duplicate layer names {duplicates}")
    if not layers(model):
        raise ModelSpecError("model config: the model has no layers besides its inputs")
    if kind == FUNCTIONAL:
        _validate_wiring(model)


def _validate_wiring(model: dict[str, Any]) -> None:
    calls: dict[str, int] = {}
    for entry in all_layers(model):
        nodes = entry.get("inbound_nodes")
        if not isinstance(nodes, list) or not all(isinstance(n, dict) for n in nodes):
            raise ModelSpecError(
                f"model config: layer {layer_name(entry)!r} has no inbound_nodes in the Keras 3 "
                "format (legacy configs are not supported)"
            )
        extra = 1 if entry["class_name"] == INPUT_LAYER or is_model(entry) else 0
        calls[layer_name(entry)] = len(nodes) + extra

    def check(ref: list[Any], where: str) -> None:
        producer, node = ref[0], ref[1]
        if producer not in calls or not 0 <= node < calls[producer]:
            raise ModelSpecError(f"model config: {where} refers to missing call {ref}")

    for entry in all_layers(model):
        for tensor in _tensors(entry["inbound_nodes"]):
            check(tensor["keras_history"], f"layer {layer_name(entry)!r}")
    outputs = list(_refs(model["config"]["output_layers"]))
    if not outputs:
        raise ModelSpecError("model config: no output_layers")
    for ref in outputs:
        check(ref, "output_layers")
    for ref in _refs(model["config"].get("input_layers", [])):
        check(ref, "input_layers")
