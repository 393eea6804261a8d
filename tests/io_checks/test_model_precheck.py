"""The model-file pre-check: only Keras' own classes pass without --trust-model-code (issue 14,
points 7, 8, 16), archives checked before anything inflates them, names TF can use (11)."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import pytest
from cli import hostile_files as hf

from autotrainer_keras.errors import InputError
from autotrainer_keras.io.model_archive import MAX_RATIO
from autotrainer_keras.io.model_classes import foreign_parts
from autotrainer_keras.io.model_file import check_model_file

BUILTIN_FUNCTION_FORMS = [
    {"module": "builtins", "class_name": "function", "config": "categorical_crossentropy",
     "registered_name": "function"},
    {"module": "builtins", "class_name": "function", "config": "categorical_crossentropy"},
    {"module": "keras.losses", "class_name": "function", "config": "mean_squared_error",
     "registered_name": "mean_squared_error"},
    {"module": "keras.activations", "class_name": "function", "config": "relu",
     "registered_name": None},
    {"module": "keras.losses", "class_name": "CategoricalCrossentropy",
     "config": {"from_logits": True, "label_smoothing": 0.1}, "registered_name": None},
    {"module": "keras.metrics", "class_name": "AUC", "config": {"name": "auc"},
     "registered_name": None},
    {"module": "keras.optimizers.schedules", "class_name": "ExponentialDecay",
     "config": {"initial_learning_rate": 0.1}, "registered_name": None},
    "categorical_crossentropy",
    "accuracy",
]  # fmt: skip


@pytest.mark.parametrize("form", BUILTIN_FUNCTION_FORMS, ids=lambda f: str(f)[:60])
def test_keras_builtins_in_every_serialised_form_pass(form: object, tmp_path: Path) -> None:
    path = hf.with_compile(tmp_path / "m.keras", loss=form, metrics=[form, "accuracy"])
    check_model_file(path)  # no --trust-model-code needed


@pytest.mark.parametrize(
    ("node", "named"),
    [
        ({"module": None, "class_name": "L", "registered_name": "pkg>L"}, "pkg>L"),
        ({"module": "keras_evil.x", "class_name": "L"}, "keras_evil.x"),
        ({"module": "kerasx", "class_name": "L"}, "kerasx"),
        ({"module": "keras.layers", "class_name": "Lambda", "config": {}}, "Lambda"),
        ({"module": "builtins", "class_name": "__lambda__", "config": {"value": ["x"]}}, "lambda"),
        ({"module": "builtins", "class_name": "function", "config": "os.system"}, "os.system"),
        ({"module": "builtins", "class_name": "function", "config": "__import__"}, "__import__"),
        ({"value": ["4wEAAAAA", None, None]}, "bytecode"),
    ],
)
def test_anything_else_is_named(node: dict, named: str) -> None:
    config = hf.model_config()
    config["config"]["layers"][1]["config"]["activation"] = node
    found = foreign_parts(config)
    assert len(found) == 1 and named in found[0], found


def test_a_refusal_names_the_flag_and_trust_lets_it_through(tmp_path: Path) -> None:
    path = hf.with_layer(tmp_path / "m.keras", 1, module=None, registered_name="pkg>Evil")
    with pytest.raises(InputError, match="--trust-model-code"):
        check_model_file(path)
    check_model_file(path, trust_code=True)


def _dict_nodes(node: object) -> int:
    if isinstance(node, dict):
        return 1 + sum(_dict_nodes(v) for v in node.values())
    if isinstance(node, list):
        return sum(_dict_nodes(v) for v in node)
    return 0


def test_a_thousand_layer_config_is_checked_once_per_node(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Linear in the config's size (each object judged once), and a foreign object deep in a
    long model is still found; no wall or CPU clock (a CI worker's timing says nothing)."""
    from autotrainer_keras.io import model_classes

    config = hf.model_config()
    dense = config["config"]["layers"][1]
    config["config"]["layers"] += [
        {**copy.deepcopy(dense), "config": {**dense["config"], "name": f"d{i}"}}
        for i in range(1_000)
    ]
    layers = len(config["config"]["layers"])
    judged: list[int] = []
    judge = model_classes._foreign
    monkeypatch.setattr(model_classes, "_foreign", lambda node: judged.append(1) or judge(node))
    path = hf.keras_archive(tmp_path / "m.keras", config)
    assert len(check_model_file(path)["config"]["layers"]) == layers
    assert len(judged) == _dict_nodes(config)
    config["config"]["layers"][-1]["config"]["activation"] = {
        "module": "evil", "class_name": "Hook", "config": {}}  # fmt: skip
    with pytest.raises(InputError, match="evil"):
        check_model_file(hf.keras_archive(tmp_path / "n.keras", config))


def test_a_compressed_weights_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = hf.keras_archive(tmp_path / "m.keras", extra={"assets/w": b"\0" * (16 << 20)})
    info = zipfile.ZipFile(path).getinfo("assets/w")
    assert info.file_size / info.compress_size > MAX_RATIO
    with pytest.raises(InputError, match="compressed"):
        check_model_file(path)


@pytest.mark.parametrize("name", ["my model", "de<nse", "", "a\x1b[31m"])
def test_names_tensorflow_refuses_are_bad_input(name: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="name"):
        check_model_file(hf.with_layer(tmp_path / "m.keras", 1, config__name=name))


@pytest.mark.medium
def test_a_real_model_compiled_with_builtin_functions_loads_without_trust(tmp_path: Path) -> None:
    import keras

    from autotrainer_keras.io.model_file import load_model

    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(8, activation=keras.activations.relu,
                           kernel_regularizer=keras.regularizers.L2(1e-4)),
        keras.layers.Dense(3, activation=keras.activations.softmax),
    ])  # fmt: skip
    model.compile(
        keras.optimizers.SGD(keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9)),
        loss=keras.losses.categorical_crossentropy,
        metrics=[keras.metrics.categorical_accuracy, keras.metrics.AUC(), "accuracy"],
    )
    path = tmp_path / "m.keras"
    model.save(path)
    before = path.read_bytes()
    check_model_file(path)
    assert isinstance(load_model(path), keras.Model)
    assert path.read_bytes() == before


def test_a_file_named_for_the_other_format_is_told_to_be_renamed(tmp_path: Path) -> None:
    """Keras picks its reader by the suffix: a .keras zip named .h5 and an HDF5 file named
    .keras fail there with "file signature not found"; the check names the format instead."""
    archive = hf.keras_archive(tmp_path / "m.keras")
    zipped_h5 = tmp_path / "m.h5"
    zipped_h5.write_bytes(archive.read_bytes())
    with pytest.raises(InputError, match=r"is a \.keras archive .* rename it to \.keras"):
        check_model_file(zipped_h5)
    h5py = pytest.importorskip("h5py")
    hdf5_keras = tmp_path / "h.keras"
    with h5py.File(hdf5_keras, "w") as handle:
        handle.attrs["model_config"] = "{}"
    with pytest.raises(InputError, match=r"is an HDF5 \(\.h5\) file named \.keras: rename"):
        check_model_file(hdf5_keras)


def test_a_weights_only_h5_file_is_told_to_save_the_whole_model(tmp_path: Path) -> None:
    h5py = pytest.importorskip("h5py")
    path = tmp_path / "w.h5"
    with h5py.File(path, "w") as handle:
        handle.create_group("model_weights")
    with pytest.raises(InputError, match=r"weights only .*model\.save\('model\.keras'\)"):
        check_model_file(path)
