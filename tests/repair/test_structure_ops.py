"""bn, GN, initial, regular, dropout: config in, config out, on Sequential and Functional."""

from __future__ import annotations

import numpy as np
import pytest

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.initializer import INITIALIZERS

from .helpers import apply, classes, config, init, inputs_of, spec_for


def test_bn_on_sequential_follows_every_hidden_kernel_layer() -> None:
    new, params = apply("bn", spec_for("seq_mlp"))
    assert params == {"after": ["h1", "h2"], "layers": ["h1_bn", "h2_bn"]}
    assert classes(new) == [("h1", "Dense"), ("h1_bn", "BatchNormalization"), ("h2", "Dense"),
                            ("h2_bn", "BatchNormalization"), ("out", "Dense")]


def test_bn_on_functional_rewires_every_consumer() -> None:
    new, params = apply("bn", spec_for("fun_mlp"))
    assert params["after"] == ["h1", "h2"]
    assert inputs_of(new, "h2") == [[["h1_bn", 0, 0]]]
    assert inputs_of(new, "cat") == [[["h1_bn", 0, 0], ["a2", 0, 0]]]
    assert inputs_of(new, "a2") == [[["h2_bn", 0, 0]]]
    assert inputs_of(new, "out") == [[["cat", 0, 0]]]


def test_bn_skips_layers_already_followed_by_bn_and_leaves_embeddings() -> None:
    assert apply("bn", spec_for("seq_layers"))[1]["after"] == ["d1"]
    assert apply("bn", spec_for("seq_rnn"))[1]["after"] == ["lstm", "gru", "h"]
    shared, params = apply("bn", spec_for("fun_shared"))
    assert inputs_of(shared, "shared_bn") == [[["shared", 0, 0]], [["shared", 1, 0]]]
    with pytest.raises(ModelSpecError, match="changes nothing"):
        apply("bn", apply("bn", spec_for("seq_mlp"))[0])


def test_bn_needs_a_hidden_kernel_layer() -> None:
    spec = spec_for("seq_mlp")
    layers = spec.model["config"]["layers"]
    layers[:] = [e for e in layers if mc.layer_name(e) not in ("h1", "h2")]
    with pytest.raises(ModelSpecError, match="no hidden"):
        apply("bn", spec)


def test_gn_goes_before_the_first_kernel_layer() -> None:
    new, params = apply("GN", spec_for("seq_mlp"))
    assert params == {"stddev": 0.1, "before": "h1", "layer": "gaussian_noise"}
    assert classes(new)[:2] == [("gaussian_noise", "GaussianNoise"), ("h1", "Dense")]
    assert config(new, "gaussian_noise")["stddev"] == 0.1
    functional, _ = apply("GN", spec_for("fun_mlp"))
    assert inputs_of(functional, "gaussian_noise") == [[["x", 0, 0]]]
    assert inputs_of(functional, "h1") == [[["gaussian_noise", 0, 0]]]
    rnn, params = apply("GN", spec_for("seq_rnn"))
    assert params["before"] == "lstm"
    assert [n for n, _ in classes(rnn)][:3] == ["emb", "gaussian_noise", "lstm"]
    with pytest.raises(ModelSpecError, match="already fed by GaussianNoise"):
        apply("GN", new)


def test_initial_draws_kernel_and_bias_initializers_for_hidden_layers() -> None:
    new, params = apply("initial", spec_for("seq_layers"), seed=1)
    assert (params["kernel_initializer"], params["bias_initializer"]) == ("lecun_uniform",
                                                                        "lecun_normal")
    assert init(new, "d1") == init(new, "d2") == params["kernel_initializer"]
    assert init(new, "d1", "bias_initializer") == params["bias_initializer"]
    assert init(new, "d2", "bias_initializer") == "zeros"  # bias-free layer: untouched
    assert init(new, "logits") == "glorot_uniform"  # output block untouched
    assert params["layers"] == ["d1", "d2"]


def test_initial_leaves_recurrent_layers_and_is_reproducible_from_the_seed() -> None:
    new, params = apply("initial", spec_for("seq_rnn"), seed=2)
    assert params["layers"] == ["h"]
    assert init(new, "lstm") == "glorot_uniform"
    assert apply("initial", spec_for("seq_rnn"), seed=2) == (new, params)
    draws = {tuple(apply("initial", spec_for("fun_mlp"), seed=s)[1].values())[:2]
             for s in range(8)}
    assert len(draws) > 4 and all(k in INITIALIZERS and b in INITIALIZERS for k, b in draws)
    with pytest.raises(ModelSpecError, match="no hidden Dense/Conv"):
        apply("initial", spec_for("fun_rnn"))


def test_regular_puts_l2_on_hidden_non_recurrent_kernels() -> None:
    new, params = apply("regular", spec_for("fun_mlp"))
    assert params == {"l2": 0.01, "layers": ["h1", "h2"]}
    assert config(new, "h1")["kernel_regularizer"]["config"] == {"l2": 0.01}
    assert config(new, "out")["kernel_regularizer"] is None


def test_dropout_follows_hidden_kernel_layers_once() -> None:
    new, params = apply("dropout", spec_for("seq_mlp"))
    assert params == {"rate": 0.25, "after": ["h1", "h2"]}
    assert classes(new)[1] == ("h1_dropout", "Dropout")
    assert config(new, "h1_dropout")["rate"] == 0.25
    with pytest.raises(ModelSpecError, match="changes nothing"):
        apply("dropout", new)
    functional, _ = apply("dropout", spec_for("fun_mlp"))
    assert inputs_of(functional, "cat") == [[["h1_dropout", 0, 0], ["a2", 0, 0]]]


def test_every_structural_edit_keeps_the_model_valid() -> None:
    rng_seeds = np.arange(3)
    for name in ("seq_mlp", "fun_mlp", "seq_layers", "seq_conv2d", "fun_conv1d", "seq_rnn",
                 "fun_shared"):
        for solution in ("bn", "GN", "dropout", "leaky"):
            for seed in rng_seeds:
                new, _ = apply(solution, spec_for(name), seed=int(seed))
                mc.validate_model(new.model)
