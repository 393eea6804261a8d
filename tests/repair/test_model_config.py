"""model_config: reading and editing Sequential and Functional configs, without Keras."""

from __future__ import annotations

import pytest

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc

from .helpers import model_of


def names(model: dict) -> list[str]:
    return [mc.layer_name(entry) for entry in mc.layers(model)]


def history(model: dict, name: str) -> list[list]:
    nodes = mc.find_layer(model, name)["inbound_nodes"]
    return [[t["keras_history"] for t in mc._tensors(node)] for node in nodes]


def test_layers_and_outputs_of_a_sequential_model() -> None:
    model = model_of("seq_mlp")
    assert mc.model_kind(model) == mc.SEQUENTIAL
    assert names(model) == ["h1", "h2", "out"]
    assert [mc.layer_name(e) for e in mc.all_layers(model)] == ["x", "h1", "h2", "out"]
    assert mc.output_layer_names(model) == ["out"]
    assert mc.inbound_layer_names(model, "h2") == ["h1"]
    assert mc.consumer_names(model, "h2") == ["out"]


def test_layers_and_wiring_of_a_functional_model() -> None:
    model = model_of("fun_mlp")
    assert mc.model_kind(model) == mc.FUNCTIONAL
    assert names(model) == ["h1", "h2", "a2", "cat", "out"]
    assert mc.inbound_layer_names(model, "cat") == ["h1", "a2"]
    assert mc.consumer_names(model, "h1") == ["h2", "cat"]
    assert mc.output_layer_names(model) == ["out"]


def test_output_block_walks_back_through_weightless_layers_to_the_kernel() -> None:
    assert mc.output_block(model_of("seq_layers")) == {"out", "logits"}
    assert mc.output_block(model_of("seq_mlp")) == {"out"}
    assert [mc.layer_name(e) for e in mc.hidden_layers(model_of("seq_layers"))] == [
        "d1", "r1", "d2", "bn2", "e2"
    ]


def test_recurrent_and_wrapped_layers_are_recognised() -> None:
    model = model_of("fun_rnn")
    assert mc.is_recurrent(mc.find_layer(model, "rnn"))
    bi = mc.find_layer(model, "bi")
    assert mc.is_recurrent(bi) and mc.has_kernel(bi)
    assert [c["go_backwards"] for c in mc.inner_configs(bi)] == [False, True]
    assert not mc.has_kernel(mc.find_layer(model_of("seq_rnn"), "emb"))


def test_insert_after_in_a_sequential_model_places_the_layer_next() -> None:
    model = model_of("seq_mlp")
    mc.insert_after(model, "h1", mc.new_layer("BatchNormalization", "bn", like=mc.layers(model)[0]))
    assert names(model) == ["h1", "bn", "h2", "out"]
    assert mc.find_layer(model, "bn")["config"]["dtype"]["config"]["name"] == "float32"


def test_insert_after_rewires_every_consumer_in_a_functional_model() -> None:
    model = model_of("fun_mlp")
    mc.insert_after(model, "h1", mc.new_layer("BatchNormalization", "bn"))
    assert names(model) == ["h1", "bn", "h2", "a2", "cat", "out"]
    assert history(model, "bn") == [[["h1", 0, 0]]]
    assert history(model, "h2") == [[["bn", 0, 0]]]
    assert history(model, "cat") == [[["bn", 0, 0], ["a2", 0, 0]]]
    new = mc.find_layer(model, "bn")["inbound_nodes"][0]["args"][0]["config"]
    assert new["shape"] == [None, 16] and new["dtype"] == "float32"
    mc.validate_model(model)


def test_insert_after_a_shared_layer_gives_the_new_layer_one_call_per_call() -> None:
    model = model_of("fun_shared")
    mc.insert_after(model, "shared", mc.new_layer("BatchNormalization", "bn"))
    assert history(model, "bn") == [[["shared", 0, 0]], [["shared", 1, 0]]]
    assert history(model, "cat") == [[["bn", 0, 0], ["bn", 1, 0]]]
    mc.validate_model(model)


def test_insert_after_a_layer_that_is_also_an_output_rewires_output_layers() -> None:
    model = model_of("fun_mlp")
    model["config"]["output_layers"] = [["out", 0, 0], ["h1", 0, 0]]
    mc.insert_after(model, "h1", mc.new_layer("Dropout", "drop", rate=0.5))
    assert model["config"]["output_layers"] == [["out", 0, 0], ["drop", 0, 0]]
    mc.validate_model(model)


def test_insert_after_an_output_only_layer_is_refused() -> None:
    with pytest.raises(ModelSpecError, match="no layer consumes"):
        mc.insert_after(model_of("fun_mlp"), "out", mc.new_layer("Dropout", "drop"))


def test_insert_before_takes_over_the_single_input_in_each_call() -> None:
    model = model_of("fun_shared")
    mc.insert_before(model, "shared", mc.new_layer("GaussianNoise", "gn", stddev=0.1))
    assert names(model) == ["gn", "shared", "cat", "out"]
    assert history(model, "gn") == [[["a", 0, 0]], [["b", 0, 0]]]
    assert history(model, "shared") == [[["gn", 0, 0]], [["gn", 1, 0]]]
    mc.validate_model(model)


def test_insert_before_a_multi_input_layer_is_refused() -> None:
    with pytest.raises(ModelSpecError, match="one tensor"):
        mc.insert_before(model_of("fun_mlp"), "cat", mc.new_layer("GaussianNoise", "gn"))


def test_replace_layer_keeps_name_and_wiring() -> None:
    model = model_of("fun_mlp")
    mc.replace_layer(model, "a2", mc.new_layer("LeakyReLU", "ignored", negative_slope=0.3))
    entry = mc.find_layer(model, "a2")
    assert entry["class_name"] == "LeakyReLU" and entry["name"] == "a2"
    assert history(model, "a2") == [[["h2", 0, 0]]]
    mc.validate_model(model)


def test_unique_name_avoids_every_existing_name() -> None:
    model = model_of("seq_mlp")
    assert mc.unique_name(model, "h1") == "h1_1"
    assert mc.unique_name(model, "new") == "new"
    with pytest.raises(ModelSpecError, match="already exists"):
        mc.insert_after(model, "h1", mc.new_layer("Dropout", "h2"))


def test_validate_model_names_what_is_wrong() -> None:
    dangling = model_of("fun_mlp")
    mc.find_layer(dangling, "out")["inbound_nodes"][0]["args"][0]["config"]["keras_history"] = [
        "gone", 0, 0
    ]
    with pytest.raises(ModelSpecError, match="missing call"):
        mc.validate_model(dangling)
    bad_node = model_of("fun_shared")
    mc.find_layer(bad_node, "cat")["inbound_nodes"][0]["args"][0][1]["config"][
        "keras_history"
    ] = ["shared", 2, 0]
    with pytest.raises(ModelSpecError, match="missing call"):
        mc.validate_model(bad_node)
    twice = model_of("seq_mlp")
    mc.find_layer(twice, "h2")["config"]["name"] = "h1"
    with pytest.raises(ModelSpecError, match="duplicate"):
        mc.validate_model(twice)
    legacy = model_of("fun_mlp")
    mc.find_layer(legacy, "h1")["inbound_nodes"] = [[["x", 0, 0, {}]]]
    with pytest.raises(ModelSpecError, match="legacy"):
        mc.validate_model(legacy)
    with pytest.raises(ModelSpecError, match="Sequential and Functional"):
        mc.model_kind({"class_name": "MyModel", "config": {}})
    for name in ("seq_mlp", "fun_mlp", "fun_shared", "fun_rnn"):
        mc.validate_model(model_of(name))
