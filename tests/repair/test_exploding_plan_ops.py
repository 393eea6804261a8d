"""The default exploding-gradient plan's model-specific operators: `clip_rnn` for recurrent
models, `nonlinear` for linear stacks (config-level: fast; one real training step: medium)."""

from __future__ import annotations

import json

import keras
import numpy as np
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.problems import Problem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import attempt_rng, get_operator
from autotrainer_keras.repair.plans import plan_for
from autotrainer_keras.repair.spec import TrainingSpec

from .helpers import spec_for

L = keras.layers


def _applies(solution: str, spec: TrainingSpec) -> bool:
    try:
        get_operator(solution).apply(spec, 0, attempt_rng(0, solution, 0))
    except ModelSpecError:
        return False
    return True


def _linear_stack() -> TrainingSpec:
    model = keras.Sequential([keras.Input((4,)), L.Dense(32), L.Dense(32), L.Dense(3)])
    serialised = keras.saving.serialize_keras_object(model)
    return TrainingSpec(model=serialised, optimizer={"name": "sgd", "learning_rate": 0.5},
                        loss="sparse_categorical_crossentropy")  # fmt: skip


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("seq_mlp", {"lr_down", "adam", "bn"}),
        ("seq_rnn", {"clip_rnn", "lr_down", "adam", "bn"}),  # LSTM + GRU
        ("fun_rnn", {"clip_rnn", "lr_down", "adam", "bn"}),  # SimpleRNN + Bidirectional LSTM
        ("linear", {"lr_down", "adam", "bn", "nonlinear"}),
    ],
)
def test_exploding_plan_gives_rnns_clipping_and_linear_stacks_a_non_linearity(model, expected):
    spec = _linear_stack() if model == "linear" else spec_for(model)
    plan = plan_for(Problem.EXPLODING_GRADIENT, "default")
    assert {s for s, _ in plan if _applies(s, spec)} == expected


def test_clip_rnn_clips_the_global_norm_and_leaves_a_users_clipping_alone() -> None:
    spec = spec_for("fun_rnn")
    new, params = get_operator("clip_rnn").apply(spec, 0, attempt_rng(0, "clip_rnn", 0))
    assert new.optimizer == {**spec.optimizer, "global_clipnorm": 1.0}
    assert params["layers"] == ["rnn", "bi"] and new.model == spec.model
    with pytest.raises(ModelSpecError, match="already clips"):
        get_operator("clip_rnn").apply(new.evolve(applied=()), 0, attempt_rng(0, "clip_rnn", 0))


@pytest.mark.medium
@pytest.mark.parametrize("cell", ["SimpleRNN", "LSTM"])
def test_clip_rnn_bounds_the_step_of_an_exploding_recurrent_model(cell: str) -> None:
    """A recurrent model whose gradient norm is in the hundreds: one SGD step moves the weights
    by lr x that norm; after `clip_rnn`, by at most lr x 1.0."""
    keras.utils.set_random_seed(0)
    big = keras.initializers.Orthogonal(gain=3.0)
    layer = getattr(L, cell)(16, recurrent_initializer=big,
                             **({"activation": "relu"} if cell == "SimpleRNN" else {}))
    model = keras.Sequential([keras.Input((30, 4)), layer, L.Dense(1)])
    spec = keras_spec.spec_from_model(
        model, TrainingConfig(), loss="mse",
        metrics=[], seed=0,
    ).evolve(optimizer={"name": "sgd", "learning_rate": 0.1})
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 30, 4)).astype("float32")
    y = (rng.normal(size=(64, 1)) * 100).astype("float32")

    def step_size(training: TrainingSpec) -> float:
        built = keras_spec.build_model(training)
        built.set_weights(model.get_weights())
        before = [np.array(w) for w in built.trainable_weights]
        built.train_on_batch(x, y)
        moved = [np.array(w) - b for w, b in zip(built.trainable_weights, before, strict=True)]
        return float(np.sqrt(sum(float((m**2).sum()) for m in moved)))

    clipped, _ = get_operator("clip_rnn").apply(spec, 0, attempt_rng(0, "clip_rnn", 0))
    assert step_size(spec) > 10 * 0.1  # unclipped: a gradient norm above 10 (SimpleRNN ~100s)
    assert step_size(clipped) <= 0.1 * 1.0 + 1e-5


def test_nonlinear_adds_relu_to_a_functional_linear_stack_and_keeps_the_head() -> None:
    inputs = keras.Input((4,))
    hidden = L.Dense(16, name="first")(inputs)
    hidden = L.Dropout(0.1, name="drop")(hidden)
    hidden = L.Dense(16, name="second")(hidden)
    outputs = L.Dense(3, activation="softmax", name="head")(hidden)
    model = keras.Model(inputs, outputs)
    serialised = json.loads(json.dumps(keras.saving.serialize_keras_object(model)))
    spec = TrainingSpec(model=serialised, optimizer={"name": "adam", "learning_rate": 1e-3},
                        loss="sparse_categorical_crossentropy")  # fmt: skip
    new, params = get_operator("nonlinear").apply(spec, 0, attempt_rng(0, "nonlinear", 0))
    assert params["layers"] == ["first", "second"]
    rebuilt = keras.saving.deserialize_keras_object(new.model)
    activations = {layer.name: layer.get_config().get("activation") for layer in rebuilt.layers}
    assert activations["first"] == activations["second"] == "relu"
    assert activations["head"] == "softmax"


def test_nonlinear_leaves_a_linear_bottleneck_alone() -> None:
    """An autoencoder's narrow linear code stays linear (a low rank on purpose); a linear
    layer as wide as the one it feeds gets ReLU."""
    inputs = keras.Input((20,), name="rows")
    hidden = L.Dense(32, activation="relu", name="enc")(inputs)
    hidden = L.Dense(4, name="code")(hidden)
    hidden = L.Dense(32, name="dec_linear")(L.Dense(32, activation="relu", name="dec")(hidden))
    model = keras.Model(inputs, L.Dense(20, name="out")(L.Dense(32, name="dec_2")(hidden)))
    serialised = json.loads(json.dumps(keras.saving.serialize_keras_object(model)))
    spec = TrainingSpec(model=serialised, optimizer={"name": "adam", "learning_rate": 1e-3},
                        loss="mse")  # fmt: skip
    _, params = get_operator("nonlinear").apply(spec, 0, attempt_rng(0, "nonlinear", 0))
    assert params["layers"] == ["dec_linear", "dec_2"]


def test_nonlinear_puts_relu_where_a_hidden_softmax_was_and_leaves_gates_alone() -> None:
    """A softmax typed on hidden layers (an Activation layer after BatchNormalization, a
    Dense layer's own) becomes relu; a softmax making gate weights for a Multiply, and the
    output's, stay."""
    inputs = keras.Input((6,))
    hidden = L.Dense(16, use_bias=False, name="block")(inputs)
    hidden = L.BatchNormalization(name="norm")(hidden)
    hidden = L.Activation("softmax", name="act")(hidden)
    hidden = L.Dense(16, activation="softmax", name="dense_soft")(hidden)
    hidden = L.Dense(16, activation="relu", name="mid")(hidden)
    gates = L.Dense(16, activation="softmax", name="gates")(inputs)
    hidden = L.Multiply(name="gated")([hidden, gates])
    outputs = L.Dense(3, activation="softmax", name="head")(hidden)
    model = keras.Model(inputs, outputs)
    serialised = json.loads(json.dumps(keras.saving.serialize_keras_object(model)))
    spec = TrainingSpec(model=serialised, optimizer={"name": "adam", "learning_rate": 1e-3},
                        loss="sparse_categorical_crossentropy")  # fmt: skip
    new, params = get_operator("nonlinear").apply(spec, 0, attempt_rng(0, "nonlinear", 0))
    assert sorted(params["layers"]) == ["act", "dense_soft"]
    rebuilt = keras.saving.deserialize_keras_object(new.model)
    activations = {layer.name: layer.get_config().get("activation") for layer in rebuilt.layers}
    assert activations["act"] == activations["dense_soft"] == "relu"
    assert activations["gates"] == activations["head"] == "softmax"


def test_nonlinear_sets_relu_on_convolutions_written_without_activation() -> None:
    """Practice batch 23's separable CNN written without `activation=`: each convolution
    reaches the next through a max-pool, the last reaches the head through global average
    pooling; all three get relu (and the initializers they have are kept: a separable
    convolution has no `kernel_initializer`)."""
    model = keras.Sequential([
        keras.Input((16, 16, 3)),
        L.SeparableConv2D(8, 3, padding="same", name="sep_a"), L.MaxPooling2D(),
        L.SeparableConv2D(8, 3, padding="same", name="sep_b"), L.MaxPooling2D(),
        L.Conv2D(8, 3, padding="same", name="conv_c"), L.GlobalAveragePooling2D(),
        L.Dense(4, activation="softmax", name="head"),
    ])  # fmt: skip
    serialised = json.loads(json.dumps(keras.saving.serialize_keras_object(model)))
    spec = TrainingSpec(model=serialised, optimizer={"name": "adam", "learning_rate": 1e-3},
                        loss="sparse_categorical_crossentropy")  # fmt: skip
    new, params = get_operator("nonlinear").apply(spec, 0, attempt_rng(0, "nonlinear", 0))
    assert params["layers"] == ["sep_a", "sep_b", "conv_c"]
    rebuilt = keras.saving.deserialize_keras_object(new.model)
    activations = {layer.name: layer.get_config().get("activation") for layer in rebuilt.layers}
    assert [activations[name] for name in ("sep_a", "sep_b", "conv_c", "head")] == [
        "relu", "relu", "relu", "softmax"]  # fmt: skip
    assert rebuilt.predict(np.zeros((2, 16, 16, 3)), verbose=0).shape == (2, 4)


def test_regularizer_down_lowers_strong_penalties_and_keeps_usual_ones() -> None:
    model = keras.Sequential([
        keras.Input((8,)),
        L.Dense(8, activation="relu", name="strong", kernel_regularizer=keras.regularizers.L2(10.0),
                activity_regularizer=keras.regularizers.L1(1.0)),
        L.Dense(8, activation="relu", name="usual", kernel_regularizer=keras.regularizers.L2(1e-4)),
        L.Dense(1, name="head"),
    ])  # fmt: skip
    serialised = json.loads(json.dumps(keras.saving.serialize_keras_object(model)))
    spec = TrainingSpec(model=serialised, optimizer={"name": "adam", "learning_rate": 1e-3},
                        loss="mse")  # fmt: skip
    new, params = get_operator("regularizer_down").apply(spec, 0, attempt_rng(0, "x", 0))
    assert params == {"layers": ["strong"], "from": [1.0, 10.0], "factor": 1e-4}
    rebuilt = keras.saving.deserialize_keras_object(new.model)
    strong, usual = rebuilt.get_layer("strong"), rebuilt.get_layer("usual")
    assert float(strong.kernel_regularizer.l2) == pytest.approx(1e-4)
    assert float(strong.activity_regularizer.l1) == pytest.approx(1e-4)
    assert float(usual.kernel_regularizer.l2) == pytest.approx(1e-4)  # kept as it was
    with pytest.raises(ModelSpecError, match="no L1/L2 penalty"):
        get_operator("regularizer_down").apply(new.evolve(applied=()), 0, attempt_rng(0, "x", 0))


def test_regularizer_down_lowers_a_usual_penalty_when_nothing_else_is_too_strong() -> None:
    """Training measured a layer pulled to zero (`collapsed_weights`) under a factor within
    the usual range: an Embedding table's L2(0.01) (practice batch 27's matrix factorisation)
    is lowered, a kernel's 1e-4 kept."""
    user = keras.Input((1,), dtype="int32")
    table = L.Embedding(50, 4, name="users", embeddings_regularizer=keras.regularizers.L2(0.01))
    head = L.Dense(1, name="head", kernel_regularizer=keras.regularizers.L2(1e-4))
    model = keras.Model(user, head(L.Flatten()(table(user))))
    serialised = json.loads(json.dumps(keras.saving.serialize_keras_object(model)))
    spec = TrainingSpec(model=serialised, optimizer={"name": "adam", "learning_rate": 1e-3},
                        loss="mse")  # fmt: skip
    new, params = get_operator("regularizer_down").apply(spec, 0, attempt_rng(0, "x", 0))
    assert params == {"layers": ["users"], "from": [0.01], "factor": 1e-4}
    rebuilt = keras.saving.deserialize_keras_object(new.model)
    assert float(rebuilt.get_layer("users").embeddings_regularizer.l2) == pytest.approx(1e-4)
    assert float(rebuilt.get_layer("head").kernel_regularizer.l2) == pytest.approx(1e-4)


def test_regularizer_down_raises_a_tight_norm_cap_and_keeps_a_usual_one() -> None:
    """Practice batch 18's MaxNorm(0.001) becomes MaxNorm(2) (Keras' default); a MaxNorm(3)
    stays; the sentence names the constraint, not a penalty."""
    model = keras.Sequential([
        keras.Input((8,)),
        L.Dense(8, activation="relu", name="tight",
                kernel_constraint=keras.constraints.MaxNorm(0.001)),
        L.Dense(8, activation="relu", name="usual", kernel_constraint=keras.constraints.MaxNorm(3)),
        L.Dense(1, name="head"),
    ])  # fmt: skip
    serialised = json.loads(json.dumps(keras.saving.serialize_keras_object(model)))
    spec = TrainingSpec(model=serialised, optimizer={"name": "sgd", "learning_rate": 0.01},
                        loss="mse")  # fmt: skip
    operator = get_operator("regularizer_down")
    new, params = operator.apply(spec, 0, attempt_rng(0, "x", 0))
    assert params["layers"] == [] and params["cap_layers"] == ["tight"]
    assert params["cap_from"] == [0.001] and params["cap"] == 2.0
    rebuilt = keras.saving.deserialize_keras_object(new.model)
    assert float(rebuilt.get_layer("tight").kernel_constraint.max_value) == 2.0
    assert float(rebuilt.get_layer("usual").kernel_constraint.max_value) == 3.0
    assert "norm constraint's max_value 0.001 -> 2 in tight" in operator.describe(params)
    with pytest.raises(ModelSpecError, match="no norm constraint below"):
        operator.apply(new.evolve(applied=()), 0, attempt_rng(0, "x", 0))
