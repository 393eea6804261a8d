"""selu, relu, tanh, leaky: config in, config out, on Sequential and Functional models."""

from __future__ import annotations

import pytest

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc

from .helpers import apply, classes, config, init, inputs_of, spec_for


def test_selu_on_sequential_sets_hidden_activations_and_lecun_kernels() -> None:
    spec = spec_for("seq_mlp")
    new, params = apply("selu", spec)
    assert params == {"activation": "selu", "kernel_initializer": "lecun_uniform",
                      "bias_initializer": "zeros", "layers": ["h1", "h2"]}
    activations = [config(new, n)["activation"] for n in ("h1", "h2", "out")]
    assert activations == ["selu", "selu", "softmax"]
    assert [init(new, n) for n in ("h1", "h2", "out")] == ["lecun_uniform", "lecun_uniform",
                                                            "glorot_uniform"]
    assert init(new, "h1", "bias_initializer") == "zeros"
    assert new.applied == ("selu",)


def test_relu_on_functional_changes_fields_and_activation_layers_not_linear_ones() -> None:
    new, params = apply("relu", spec_for("fun_mlp"))
    assert params["layers"] == ["h1", "h2", "a2"]  # h1, h2: initializers; a2: activation
    assert config(new, "h1")["activation"] == "relu"
    assert config(new, "h2")["activation"] == "linear"
    assert config(new, "a2")["activation"] == "relu"
    assert [init(new, n) for n in ("h1", "h2", "out")] == ["he_uniform", "he_uniform",
                                                            "glorot_uniform"]
    assert inputs_of(new, "cat") == [[["h1", 0, 0], ["a2", 0, 0]]]


def test_tanh_uses_the_papers_he_uniform_kernels() -> None:
    new, params = apply("tanh", spec_for("seq_mlp"))
    assert params["kernel_initializer"] == "he_uniform"
    assert [config(new, n)["activation"] for n in ("h1", "h2")] == ["tanh", "tanh"]


def test_activation_layers_become_activation_layers_of_the_same_name() -> None:
    new, params = apply("selu", spec_for("seq_layers"))
    assert classes(new) == [("d1", "Dense"), ("r1", "Activation"), ("d2", "Dense"),
                            ("bn2", "BatchNormalization"), ("e2", "Activation"),
                            ("logits", "Dense"), ("out", "Activation")]
    assert config(new, "r1")["activation"] == config(new, "e2")["activation"] == "selu"
    assert config(new, "out")["activation"] == "softmax"
    assert init(new, "logits") == "glorot_uniform"  # the output block keeps its kernel too
    assert params["layers"] == ["d1", "r1", "d2", "e2"]


def test_relu_keeps_a_plain_relu_layer_and_leaves_bias_free_layers_without_bias_init() -> None:
    new, _ = apply("relu", spec_for("seq_layers"))
    assert mc.find_layer(new.model, "r1")["class_name"] == "ReLU"
    assert mc.find_layer(new.model, "e2")["class_name"] == "Activation"
    assert config(new, "d2")["use_bias"] is False
    assert init(new, "d2") == "he_uniform"
    assert config(new, "bn2") == config(spec_for("seq_layers"), "bn2")


def test_selu_and_relu_set_recurrent_layers_to_tanh_and_keep_their_initializers() -> None:
    spec = spec_for("seq_rnn")
    for solution in ("selu", "relu"):
        new, params = apply(solution, spec)
        assert params["recurrent_tanh"] == ["lstm", "gru"]
        assert config(new, "lstm")["activation"] == config(new, "gru")["activation"] == "tanh"
        assert config(new, "lstm")["recurrent_activation"] == "sigmoid"
        assert init(new, "lstm") == "glorot_uniform"
        assert init(new, "lstm", "recurrent_initializer") == "orthogonal"
        assert config(new, "h")["activation"] == solution
        assert config(new, "emb") == config(spec, "emb")


def test_selu_turns_a_relu_rnn_and_a_wrapped_lstm_to_tanh() -> None:
    spec = spec_for("fun_rnn")
    mc.find_layer(spec.model, "rnn")["config"]["activation"] = "relu"
    mc.find_layer(spec.model, "bi")["config"]["layer"]["config"]["activation"] = "relu"
    new, params = apply("selu", spec)
    assert params["layers"] == ["rnn", "bi"]
    assert config(new, "rnn")["activation"] == "tanh"
    assert [c["activation"] for c in mc.inner_configs(mc.find_layer(new.model, "bi"))] == [
        "tanh", "tanh"
    ]


def test_an_activation_op_that_changes_nothing_does_not_apply() -> None:
    with pytest.raises(ModelSpecError, match="changes nothing"):
        apply("tanh", spec_for("fun_rnn"))  # recurrent layers are tanh already


def test_relu_on_a_model_without_hidden_activations_does_not_apply() -> None:
    spec = spec_for("seq_mlp")
    for name in ("h1", "h2"):
        mc.find_layer(spec.model, name)["config"]["activation"] = "linear"
    with pytest.raises(ModelSpecError, match="no hidden activation"):
        apply("relu", spec)


def test_leaky_try_0_makes_activated_layers_linear_and_adds_leaky_relu_after_them() -> None:
    new, params = apply("leaky", spec_for("seq_mlp"), try_index=0)
    assert params == {"layer": "LeakyReLU", "negative_slope": 0.3, "layers": ["h1", "h2"]}
    assert classes(new) == [("h1", "Dense"), ("h1_leakyrelu", "LeakyReLU"), ("h2", "Dense"),
                            ("h2_leakyrelu", "LeakyReLU"), ("out", "Dense")]
    assert config(new, "h1")["activation"] == config(new, "h2")["activation"] == "linear"
    assert config(new, "h1_leakyrelu")["negative_slope"] == 0.3
    assert config(new, "out")["activation"] == "softmax"


def test_leaky_try_1_on_functional_rewires_consumers_and_replaces_activation_layers() -> None:
    new, params = apply("leaky", spec_for("fun_mlp"), try_index=1)
    assert params == {"layer": "ELU", "alpha": 1.0, "layers": ["h1", "a2"]}
    assert inputs_of(new, "h1_elu") == [[["h1", 0, 0]]]
    assert inputs_of(new, "h2") == [[["h1_elu", 0, 0]]]
    assert inputs_of(new, "cat") == [[["h1_elu", 0, 0], ["a2", 0, 0]]]
    assert mc.find_layer(new.model, "a2")["class_name"] == "ELU"
    assert config(new, "h2")["activation"] == "linear"


def test_leaky_try_2_is_thresholded_relu_as_relu_with_threshold() -> None:
    new, params = apply("leaky", spec_for("seq_layers"), try_index=2)
    assert params == {"layer": "ReLU", "threshold": 1.0, "layers": ["r1", "e2"]}
    for name in ("r1", "e2"):
        assert mc.find_layer(new.model, name)["class_name"] == "ReLU"
        assert config(new, name)["threshold"] == 1.0


def test_leaky_skips_recurrent_layers() -> None:
    new, params = apply("leaky", spec_for("seq_rnn"))
    assert params["layers"] == ["h"]
    assert config(new, "lstm")["activation"] == "tanh"
    with pytest.raises(ModelSpecError, match="no hidden activation"):
        apply("leaky", spec_for("fun_rnn"))
