"""The set-up repairs: `normalize`, `output_pair`, `lr_default`, `nonlinear`.

Fast: config in, config out, and the rebuilt Keras model. Medium: each repairs a real set-up
bug end to end under the default profile (verified: accepted only when it beats the original).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.setup_facts import DataFacts, data_facts
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.spec import TrainingSpec

RNG = np.random.default_rng(0)
X = RNG.standard_normal((300, 3)).astype("float32")


def spec_of(model: keras.Model, loss: str, optimizer: keras.optimizers.Optimizer | None = None
            ) -> TrainingSpec:  # fmt: skip
    model.compile(optimizer or keras.optimizers.Adam())
    return keras_spec.spec_from_model(model, TrainingConfig(), loss=loss, metrics=["accuracy"],
                                      seed=0)  # fmt: skip


def facts_of(x: np.ndarray, y: np.ndarray) -> DataFacts:
    return data_facts(Dataset(x, y, x, y))


def apply(solution: str, spec: TrainingSpec, facts: DataFacts | None = None
          ) -> tuple[TrainingSpec, dict[str, object]]:  # fmt: skip
    return get_operator(solution, facts=facts).apply(spec, 0, np.random.default_rng(0))


def dense(inputs: int, out: int, act: str, hidden_act: str = "relu", hidden: int = 1
          ) -> keras.Model:  # fmt: skip
    layers = [keras.layers.Dense(8, activation=hidden_act) for _ in range(hidden)]
    return keras.Sequential([keras.Input((inputs,)), *layers,
                             keras.layers.Dense(out, activation=act)])  # fmt: skip


def test_normalize_puts_an_adapted_layer_first_that_standardises_the_inputs() -> None:
    x = X * np.array([1.0, 100.0, 1e4], dtype="float32") + 50.0
    spec = spec_of(dense(3, 1, "sigmoid"), "binary_crossentropy")
    new, params = apply("normalize", spec, facts_of(x, (x[:, 0] > 50).astype("float32")))
    assert params["per_feature"] and new.applied == ("normalize",)
    model = keras_spec.build_model(new)
    assert isinstance(model.layers[0], keras.layers.Normalization)
    scaled = keras.Model(model.inputs, model.layers[0].output).predict(x, verbose=0)
    np.testing.assert_allclose(scaled.mean(axis=0), 0.0, atol=1e-3)
    np.testing.assert_allclose(scaled.std(axis=0), 1.0, atol=1e-3)
    with pytest.raises(ModelSpecError, match="already scales"):
        apply("normalize", new, facts_of(x, x[:, 0]))


def test_normalize_computes_in_float32_under_mixed_precision() -> None:
    """Under mixed_float16 the inserted layer took the model's policy: a variance above
    65504 is infinite in float16 and its column came out as zeros (the second zoo's
    `mlp_mixed--raw_inputs_sgd`: 2 of 10 columns lost, the candidate then named by the
    Normalization-spread reading)."""
    x = X * np.array([1.0, 100.0, 1e4], dtype="float32") + 50.0
    keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        spec = spec_of(dense(3, 1, "sigmoid"), "binary_crossentropy")
        new, _ = apply("normalize", spec, facts_of(x, (x[:, 0] > 50).astype("float32")))
        model = keras_spec.build_model(new)
    finally:
        keras.mixed_precision.set_global_policy("float32")
    first = model.layers[0]
    assert isinstance(first, keras.layers.Normalization) and first.dtype_policy.name == "float32"
    assert model.layers[1].dtype_policy.name == "mixed_float16"
    scaled = np.asarray(first(x), np.float64)
    np.testing.assert_allclose(scaled.std(axis=0), 1.0, atol=1e-2)


def test_normalize_uses_one_scalar_for_images_and_works_on_functional_models() -> None:
    images = RNG.integers(0, 256, (50, 8, 8, 1)).astype("float32")
    inputs = keras.Input((8, 8, 1))
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.Flatten()(inputs))
    spec = spec_of(keras.Model(inputs, outputs), "sparse_categorical_crossentropy")
    new, params = apply("normalize", spec, facts_of(images, RNG.integers(0, 10, 50)))
    assert not params["per_feature"]
    model = keras_spec.build_model(new)
    assert model(images).shape == (50, 10)
    layer = next(lay for lay in model.layers if isinstance(lay, keras.layers.Normalization))
    out = keras.Model(model.inputs, layer.output).predict(images, verbose=0)
    assert abs(float(out.mean())) < 1e-3 and abs(float(out.std()) - 1.0) < 1e-3


@pytest.mark.parametrize("levels", [False, True], ids=["rgb_like", "series_on_own_levels"])
def test_normalize_gives_sequence_channels_on_levels_of_their_own_one_each(levels: bool) -> None:
    """Practice batch 59's six related random walks (levels 800 to 6000) as (rows, 30 steps,
    6 channels): one scalar squeezed each walk's own moves into a spread of 0.08 (named
    `collapsed_input` on the candidate, which failed); each channel now gets its own. Channels
    on one level (pixels' colours) keep one scalar."""
    rng = np.random.default_rng(4)
    base = np.array([800.0, 1500.0, 2500.0, 3500.0, 4500.0, 6000.0]) if levels else 0.0
    series = (rng.standard_normal((60, 30, 6)) * 50.0 + base).astype("float32")
    model = keras.Sequential([keras.Input((30, 6)), keras.layers.Flatten(), keras.layers.Dense(5)])
    targets = rng.standard_normal((60, 5)).astype("float32")
    new, params = apply("normalize", spec_of(model, "mse"), facts_of(series, targets))
    assert params["per_feature"] == levels
    built = keras_spec.build_model(new)
    layer = next(lay for lay in built.layers if isinstance(lay, keras.layers.Normalization))
    out = keras.Model(built.inputs, layer.output).predict(series, verbose=0).reshape(-1, 6)
    spread = out.std(axis=0)
    assert (np.all(np.abs(spread - 1.0) < 0.05) if levels else np.all(spread > 0.3))


def test_normalize_scales_every_branch_an_input_feeds() -> None:
    """Put before the first layer only, a second branch of a functional model read the raw
    values (a wide-and-deep layout); now it goes right after the input."""
    x = X * np.array([1.0, 100.0, 1e4], dtype="float32") + 50.0
    inputs = keras.Input((3,))
    deep = keras.layers.Dense(8, activation="relu")(inputs)
    deep = keras.layers.Dense(8, activation="relu")(deep)
    wide = keras.layers.Dense(4)(inputs)
    joined = keras.layers.Concatenate()([deep, wide])
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(joined))
    spec = spec_of(model, "binary_crossentropy")
    new, params = apply("normalize", spec, facts_of(x, (x[:, 0] > 50).astype("float32")))
    rebuilt = keras_spec.build_model(new)
    norm = rebuilt.get_layer(params["layer"])
    readers = [lay for lay in rebuilt.layers if isinstance(lay, keras.layers.Dense)
               and lay.input is norm.output]  # fmt: skip
    assert len(readers) == 2
    assert rebuilt(x).shape == (len(x), 1)
    with pytest.raises(ModelSpecError, match="already scales"):
        apply("normalize", new, facts_of(x, x[:, 0]))


def test_normalize_replaces_a_rescaling_layer_that_scaled_the_inputs_twice() -> None:
    pixels = RNG.integers(0, 256, (50, 8, 8, 1)).astype("float32") / 255.0  # divided by hand
    model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Rescaling(1 / 255),
                              keras.layers.Flatten(),
                              keras.layers.Dense(10, activation="softmax")])  # fmt: skip
    spec = spec_of(model, "sparse_categorical_crossentropy")
    new, params = apply("normalize", spec, facts_of(pixels, RNG.integers(0, 10, 50)))
    assert params["replaced"] == model.layers[0].name
    assert "Replaced the Rescaling layer" in get_operator("normalize", facts=facts_of(
        pixels, RNG.integers(0, 10, 50))).sentence(params)  # fmt: skip
    rebuilt = keras_spec.build_model(new)
    assert isinstance(rebuilt.layers[0], keras.layers.Normalization)
    assert not any(isinstance(lay, keras.layers.Rescaling) for lay in rebuilt.layers)
    out = keras.Model(rebuilt.inputs, rebuilt.layers[0].output).predict(pixels, verbose=0)
    assert abs(float(out.mean())) < 1e-3 and abs(float(out.std()) - 1.0) < 1e-3


def test_normalize_widens_a_normalization_over_no_axis_to_one_per_column() -> None:
    """Practice batch 16's `Normalization(axis=None)` on six mixed-unit columns: one mean
    and variance for all keeps their ratio; the repair puts a per-column one in its place."""
    x = X * np.array([1.0, 100.0, 1e4], dtype="float32") + 50.0
    norm = keras.layers.Normalization(axis=None)
    norm.adapt(x)
    model = keras.Sequential([keras.Input((3,)), norm, keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    spec = spec_of(model, "binary_crossentropy")
    facts = facts_of(x, (x[:, 0] > 50).astype("float32"))
    new, params = apply("normalize", spec, facts)
    assert params["replaced"] == norm.name and params["per_feature"]
    assert "Normalization layer over no axis" in get_operator("normalize", facts=facts).sentence(
        params)  # fmt: skip
    rebuilt = keras_spec.build_model(new)
    out = keras.Model(rebuilt.inputs, rebuilt.layers[0].output).predict(x, verbose=0)
    np.testing.assert_allclose(out.std(axis=0), 1.0, atol=1e-3)
    with pytest.raises(ModelSpecError, match="already scales"):  # per column now
        apply("normalize", new, facts)


@pytest.mark.parametrize("given", ["std_as_variance", "right"])
def test_normalize_restates_a_normalization_given_a_standard_deviation_as_variance(
    given: str,
) -> None:
    """Practice batch 18's `Normalization(mean=x.mean(0), variance=x.std(0))` on a raw
    mixed-unit table: columns of scale 1e4 are left with spreads of about 100; the repair
    puts the training data's statistics in their place. Given the variance, it does not
    apply."""
    x = X * np.array([1.0, 100.0, 1e4], dtype="float32") + 50.0
    spread = x.std(axis=0) if given == "std_as_variance" else x.var(axis=0)
    norm = keras.layers.Normalization(mean=x.mean(axis=0), variance=spread)
    model = keras.Sequential([keras.Input((3,)), norm, keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    spec = spec_of(model, "binary_crossentropy")
    facts = facts_of(x, (x[:, 0] > 50).astype("float32"))
    if given == "right":
        with pytest.raises(ModelSpecError, match="already scales"):
            apply("normalize", spec, facts)
        return
    new, params = apply("normalize", spec, facts)
    assert params["replaced"] == norm.name and params["was"] == "given"
    assert "given statistics" in get_operator("normalize", facts=facts).sentence(params)
    rebuilt = keras_spec.build_model(new)
    out = keras.Model(rebuilt.inputs, rebuilt.layers[0].output).predict(x, verbose=0)
    np.testing.assert_allclose(out.std(axis=0), 1.0, atol=1e-3)


def test_normalize_restates_a_per_column_normalization_adapted_on_the_targets() -> None:
    """Practice batch 21's `Normalization()` adapted on the target (its one mean and variance
    broadcast to every column) on a mixed-unit table: the statistics are the layer's weights,
    not its config; the repair puts the training columns' own in their place (and the warm
    start has no weights of it left to restore)."""
    x = X * np.array([1.0, 100.0, 1e4], dtype="float32") + 50.0
    y = (x[:, 0] > 50).astype("float32")
    norm = keras.layers.Normalization()
    norm.adapt(np.repeat(y[:, None] * 3.0, 3, axis=1))
    model = keras.Sequential([keras.Input((3,)), norm, keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    facts = facts_of(x, y)
    new, params = apply("normalize", spec_of(model, "binary_crossentropy"), facts)
    assert params["replaced"] == norm.name and params["was"] == "adapted"
    assert "adapted on other values" in get_operator("normalize", facts=facts).sentence(params)
    rebuilt = keras_spec.build_model(new)
    out = keras.Model(rebuilt.inputs, rebuilt.layers[0].output).predict(x, verbose=0)
    np.testing.assert_allclose(out.std(axis=0), 1.0, atol=1e-3)
    assert not rebuilt.layers[0].weights  # its statistics are constants of its config now


def test_normalize_widens_a_named_inputs_normalization_over_no_axis() -> None:
    x = X * np.array([1.0, 100.0, 1e4], dtype="float32") + 50.0
    region = RNG.integers(0, 4, (len(x), 1)).astype("float32")
    norm = keras.layers.Normalization(axis=None)
    norm.adapt(x)
    numbers, ids = keras.Input((3,), name="numbers"), keras.Input((1,), name="region")
    joined = keras.layers.Concatenate()([norm(numbers), ids])
    model = keras.Model({"numbers": numbers, "region": ids},
                        keras.layers.Dense(1, activation="sigmoid")(joined))  # fmt: skip
    spec = spec_of(model, "binary_crossentropy")
    inputs = {"numbers": x, "region": region}
    facts = data_facts(Dataset(inputs, (x[:, 0] > 50).astype("float32"), inputs,
                               (x[:, 0] > 50).astype("float32")))  # fmt: skip
    new, params = apply("normalize", spec, facts)
    assert params["inputs"] == ["numbers"] and params["replaced"] == norm.name
    rebuilt = keras_spec.build_model(new)
    layer = rebuilt.get_layer(norm.name)
    out = keras.Model(rebuilt.inputs, layer.output).predict(inputs, verbose=0)
    np.testing.assert_allclose(out.std(axis=0), 1.0, atol=1e-3)


def test_normalize_leaves_the_token_ids_of_an_embedding_alone() -> None:
    """Scaling ids would change which rows an Embedding reads: never a repair."""
    tokens = RNG.integers(1, 10_000, size=(50, 12))
    model = keras.Sequential([keras.Input((12,)), keras.layers.Embedding(10_000, 8),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    spec = spec_of(model, "binary_crossentropy")
    with pytest.raises(ModelSpecError, match="first Embedding reads ids"):
        apply("normalize", spec, facts_of(tokens, (tokens[:, 0] > 5000).astype("float32")))


def test_normalize_needs_the_data_facts() -> None:
    with pytest.raises(ModelSpecError, match="facts"):
        get_operator("normalize")


@pytest.mark.parametrize("out, act, loss, y, want", [
    (1, "softmax", "binary_crossentropy", (X[:, 0] > 0).astype("float32"),
     (1, "sigmoid", "binary_crossentropy")),
    (1, "sigmoid", "mse", (X[:, 0] > 0).astype("float32"), (1, "sigmoid", "binary_crossentropy")),
    (3, "softmax", "binary_crossentropy", np.eye(3, dtype="float32")[RNG.integers(0, 3, 300)],
     (3, "softmax", "categorical_crossentropy")),
    (1, "sigmoid", "binary_crossentropy", RNG.integers(0, 3, 300).astype("float32"),
     (3, "softmax", "sparse_categorical_crossentropy")),
    (1, "relu", "mse", X[:, :1] * 3.0, (1, "linear", "mse")),
    (3, "linear", "kl_divergence", np.full((300, 3), 1 / 3, dtype="float32"),
     (3, "softmax", "kl_divergence")),
    (3, "linear", "categorical_crossentropy",  # soft labels (a policy over good moves)
     RNG.dirichlet(np.ones(3), 300).astype("float32"), (3, "softmax", "categorical_crossentropy")),
])  # fmt: skip
def test_output_pair_matches_the_labels(out: int, act: str, loss: str, y: np.ndarray,
                                        want: tuple[int, str, str]) -> None:  # fmt: skip
    spec = spec_of(dense(3, out, act), loss)
    new, params = apply("output_pair", spec, facts_of(X, y))
    model = keras_spec.build_model(new)
    last = model.layers[-1]
    assert (last.units, last.get_config()["activation"], new.loss) == want
    operator = get_operator("output_pair", facts=facts_of(X, y))
    assert operator.describe(params).startswith("Output layer")


def test_output_pair_reads_probabilities_when_a_focal_loss_squashed_them_twice() -> None:
    """Practice batch 5's focal_sigmoid_from_logits: the head and the loss already pair; the
    loss object's from_logits=True is what must change."""
    spec = spec_of(dense(3, 1, "sigmoid"), "binary_focal_crossentropy")
    focal = keras.losses.serialize(keras.losses.BinaryFocalCrossentropy(from_logits=True))
    new, params = apply("output_pair", spec.evolve(loss_config=focal),
                        facts_of(X, (X[:, 0] > 0).astype("float32")))  # fmt: skip
    assert new.loss == "binary_focal_crossentropy" and params["from_logits"] is False
    assert new.loss_config is not None and new.loss_config["config"]["from_logits"] is False
    assert new.loss_config["config"]["gamma"] == focal["config"]["gamma"]  # the rest kept
    describe = get_operator("output_pair", facts=facts_of(X, X[:, 0] > 0)).describe(params)
    assert "from_logits=False" in describe


def test_output_pair_makes_a_trailing_softmax_layer_linear() -> None:
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1),
                              keras.layers.Activation("softmax")])  # fmt: skip
    new, _ = apply("output_pair", spec_of(model, "binary_crossentropy"),
                   facts_of(X, (X[:, 0] > 0).astype("float32")))  # fmt: skip
    built = keras_spec.build_model(new)
    assert built.layers[-2].get_config()["activation"] == "sigmoid"
    assert built.layers[-1].get_config()["activation"] == "linear"


def test_output_pair_gives_a_convolution_head_the_activation_the_targets_need() -> None:
    """Practice batch 3's ae_targets_raw: a sigmoid Conv2D reconstruction head on targets
    0..16 was named, but output_pair refused anything but a Dense head (no attempt ran)."""
    model = keras.Sequential([keras.Input((4, 4, 1)), keras.layers.Conv2D(2, 3, padding="same"),
                              keras.layers.Conv2D(1, 3, padding="same",
                                                  activation="sigmoid")])  # fmt: skip
    images = RNG.uniform(0, 16, size=(20, 4, 4, 1)).astype("float32")
    new, params = apply("output_pair", spec_of(model, "mse"), facts_of(images, images))
    built = keras_spec.build_model(new)
    assert built.layers[-1].get_config()["activation"] == "linear" and new.loss == "mse"
    assert params["units"] is None


def seq_head(activation: str | None) -> keras.Model:
    """A per-step classifier: 6 steps in, TimeDistributed(Dense(10)) out."""
    return keras.Sequential([keras.Input((6, 4)), keras.layers.GRU(8, return_sequences=True),
                             keras.layers.TimeDistributed(
                                 keras.layers.Dense(10, activation=activation))])  # fmt: skip


def test_integer_classes_per_step_are_class_labels_and_get_a_softmax_head() -> None:
    """Practice batch 3's seq2seq_no_softmax: labels (n, 6) of digits 0..9 for a linear
    TimeDistributed(Dense(10)) head under sparse CE were read as continuous targets, so
    output_pair would have made the head linear with MSE (and it refused the wrapper)."""
    x = RNG.standard_normal((60, 6, 4)).astype("float32")
    y = RNG.integers(0, 10, (60, 6)).astype("float32")
    model = seq_head(None)
    facts = data_facts(Dataset(x, y, x, y), output_shape=model.output_shape)
    assert (facts.label_kind, facts.label_columns, facts.n_classes) == ("integer", 6, 10)
    assert data_facts(Dataset(x, y, x, y)).label_kind == "continuous"  # read per row only
    new, params = apply("output_pair", spec_of(model, "sparse_categorical_crossentropy"), facts)
    assert (params["activation"], params["units"], new.loss) == (
        "softmax", 10, "sparse_categorical_crossentropy")
    head = keras_spec.build_model(new).layers[-1]
    assert isinstance(head, keras.layers.TimeDistributed)
    assert head.layer.get_config()["activation"] == "softmax"


def test_a_zero_one_label_per_step_keeps_the_heads_one_unit_per_step() -> None:
    """Practice batch 93's stay tagger: Dense(1, softmax) per GPS point, labels (n, 96, 1) of
    0/1 read as multi-label rows of 96 columns; output_pair gave the head 96 units per step,
    which Keras refused (target (None, 96, 1) against output (None, 96, 96))."""
    x = RNG.standard_normal((60, 6, 4)).astype("float32")
    y = RNG.integers(0, 2, (60, 6, 1)).astype("float32")
    model = keras.Sequential([keras.Input((6, 4)), keras.layers.GRU(8, return_sequences=True),
                              keras.layers.Dense(1, activation="softmax")])  # fmt: skip
    facts = data_facts(Dataset(x, y, x, y), output_shape=model.output_shape)
    new, params = apply("output_pair", spec_of(model, "binary_crossentropy"), facts)
    assert (params["activation"], params["units"], new.loss) == (
        "sigmoid", None, "binary_crossentropy")
    built = keras_spec.build_model(new)
    assert built.output_shape == (None, 6, 1)
    assert built.layers[-1].get_config()["activation"] == "sigmoid"


@pytest.mark.parametrize("y", [RNG.integers(0, 10, (60, 6)) + 0.5,  # not integers
                               RNG.integers(0, 12, (60, 6)),  # beyond the head's 10 units
                               RNG.integers(0, 10, (60, 5))])  # not one label per step
def test_labels_per_step_outside_the_rule_stay_continuous(y: np.ndarray) -> None:
    x = RNG.standard_normal((60, 6, 4)).astype("float32")
    facts = data_facts(Dataset(x, y, x, y), output_shape=seq_head("softmax").output_shape)
    assert facts.label_kind == "continuous"


def test_other_operators_still_may_not_touch_the_output() -> None:
    spec = spec_of(dense(3, 1, "softmax", hidden_act="linear", hidden=2), "binary_crossentropy")
    new, params = apply("nonlinear", spec)
    assert params["layers"] == [layer.name for layer in keras_spec.build_model(spec).layers[:2]]
    built = keras_spec.build_model(new)
    assert [layer.get_config()["activation"] for layer in built.layers] == [
        "relu", "relu", "softmax"]
    with pytest.raises(ModelSpecError, match="no Dense or convolution layer without activation"):
        apply("nonlinear", new)


def test_lr_default_goes_back_to_the_optimizers_default() -> None:
    spec = spec_of(dense(3, 1, "sigmoid"), "binary_crossentropy", keras.optimizers.SGD(5.0))
    new, params = apply("lr_default", spec)
    assert new.optimizer["learning_rate"] == 0.01 and params["from"] == 5.0
    with pytest.raises(ModelSpecError, match="changes nothing"):
        apply("lr_default", new)


# --- medium: each repair fixes a real set-up bug, verified by the repair loop ---------------


def _circles() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import make_circles

    x, y = make_circles(600, noise=0.08, factor=0.5, random_state=0)
    return x.astype("float32"), y.astype("float32")


def _blobs() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import make_blobs

    x, y = make_blobs(600, centers=2, cluster_std=2.0, random_state=1)
    return ((x - x.mean(0)) / x.std(0)).astype("float32"), y.astype("float32")


def _bug(name: str) -> tuple[keras.Model, np.ndarray, np.ndarray]:
    keras.utils.set_random_seed(0)
    if name == "output_pair":
        x, y = _blobs()
        model = dense(2, 1, "softmax")
        model.compile(keras.optimizers.Adam(0.01), "binary_crossentropy")
    elif name == "normalize":
        x, y = _blobs()
        x = x * np.array([300.0, 2.0], dtype="float32") + np.array([1000.0, 0.0], "float32")
        model = dense(2, 1, "sigmoid", hidden_act="tanh")
        model.compile(keras.optimizers.Adam(0.01), "binary_crossentropy")
    elif name == "normalize_tiny":  # inputs scaled down twice: 10,000 x below unit scale
        x, y = _blobs()
        x = x * np.float32(1e-4)
        model = dense(2, 1, "sigmoid", hidden_act="tanh")
        model.compile(keras.optimizers.Adam(0.01), "binary_crossentropy")
    elif name == "nonlinear":
        x, y = _circles()
        model = dense(2, 1, "sigmoid", hidden_act="linear", hidden=2)
        model.layers[0].units = 8
        model.compile(keras.optimizers.Adam(0.01), "binary_crossentropy")
    else:  # lr_default
        x, y = _blobs()
        model = dense(2, 1, "sigmoid")
        model.compile(keras.optimizers.SGD(1e-5), "binary_crossentropy")
    return model, x, y


@pytest.mark.medium
@pytest.mark.parametrize("bug", ["output_pair", "normalize", "normalize_tiny", "nonlinear"])
def test_set_up_repair_is_verified_and_clearly_better(bug: str, tmp_path: Path) -> None:
    model, x, y = _bug(bug)
    solution = bug.removesuffix("_tiny")
    result = autotrainer_keras.fit(model, x[:400], y[:400], validation_data=(x[400:], y[400:]),
                             epochs=15, batch_size=32, tracking=False, output_dir=tmp_path,
                             verbose=False)  # fmt: skip
    assert result.findings[0].epoch == 0 and result.findings[0].step == 0  # before training
    assert result.status == "repaired", result.report.get("repair_stop_reason")
    solved = [r for r in result.repairs if r["outcome"] == "solved"]
    assert solved and solution in solved[0]["solutions_applied"]
    before = result.report["original"]["val_accuracy"]
    assert result.report["final"]["val_accuracy"] >= before + 0.1
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["detections"][0]["reason"]
    html = (tmp_path / "report.html").read_text()
    assert "Your set-up: what was wrong, and what was changed" in html
    assert escape(report["detections"][0]["reason"]) in html
    assert escape(solved[0]["description"]) in html


def _val_accuracy(spec: TrainingSpec, x: np.ndarray, y: np.ndarray) -> float:
    model = keras_spec.build_model(spec)
    model.fit(x[:400], y[:400], epochs=15, batch_size=32, verbose=0)
    return float(model.evaluate(x[400:], y[400:], verbose=0, return_dict=True)["accuracy"])


@pytest.mark.medium
def test_lr_default_repairs_a_rate_1000x_too_small() -> None:
    """A learning rate 1000x too small also shows as slow convergence, whose plan runs first
    (adam); `lr_default` is the set-up repair when training shows nothing else. Here: the
    rate alone, trained both ways from the same seed."""
    model, x, y = _bug("lr_default")
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="binary_crossentropy",
                                      metrics=["accuracy"], seed=0)  # fmt: skip
    repaired, _ = apply("lr_default", spec)
    before, after = _val_accuracy(spec, x, y), _val_accuracy(repaired, x, y)
    assert after >= before + 0.2, (before, after)


@pytest.mark.medium
def test_a_learning_rate_finding_follows_the_training_finding(tmp_path: Path) -> None:
    model, x, y = _bug("lr_default")
    result = autotrainer_keras.fit(model, x[:400], y[:400], validation_data=(x[400:], y[400:]),
                             epochs=15, tracking=False, output_dir=tmp_path, repair=False,
                             verbose=False)  # fmt: skip
    problems = [f.problem.value for f in result.findings]
    assert problems == ["slow_convergence", "learning_rate_out_of_range"]
    assert result.findings[1].epoch == 0 and result.findings[1].step == 0


@pytest.mark.parametrize("y", [RNG.poisson(4.0, (300, 1)).astype("float32"),
                               RNG.gamma(2.0, 3.0, (300, 1)).astype("float32")])
def test_output_pair_keeps_a_poisson_loss_and_gives_it_a_positive_output(y: np.ndarray) -> None:
    """Counts under Poisson read as integer classes got softmax + sparse CE (continuous
    rates got mse): the loss is right, the output must be positive."""
    new, params = apply("output_pair", spec_of(dense(3, 1, "linear"), "poisson"), facts_of(X, y))
    last = keras_spec.build_model(new).layers[-1]
    assert (last.units, last.get_config()["activation"], new.loss) == (1, "softplus", "poisson")


def test_output_pair_puts_a_sigmoid_after_a_two_tower_dot_score() -> None:
    """A `Dot` score has no layer of its own to take an activation (batch 11's
    `two_tower_linear_dot_bce`: named, then no candidate): an Activation goes after it."""
    users, items = keras.Input((1,), name="user"), keras.Input((1,), name="item")
    u = keras.layers.Flatten()(keras.layers.Embedding(20, 4)(users))
    v = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(items))
    model = keras.Model([users, items], keras.layers.Dot(axes=1, name="score")([u, v]))
    spec = spec_of(model, "binary_crossentropy")
    ids = RNG.integers(0, 20, (50, 1))
    labels = (RNG.random(50) < 0.5).astype("float32")
    new, params = apply("output_pair", spec, facts_of(ids, labels))
    assert params["activation"] == "sigmoid" and params["layer"] == "score_sigmoid"
    rebuilt = keras_spec.build_model(new)
    out = rebuilt.predict([ids, ids], verbose=0)
    assert out.shape == (50, 1) and float(out.min()) > 0 and float(out.max()) < 1


def test_output_pair_puts_a_softmax_after_averaged_logit_heads() -> None:
    """Practice batch 60's ensemble in one model: four linear heads averaged under a
    sparse cross-entropy reading probabilities; no one layer computes the output (before:
    named, then no candidate, the job ended at chance). A Dot of two heads is left alone."""
    inputs = keras.Input((3,))
    trunk = keras.layers.Dense(8, activation="relu")(inputs)
    heads = [keras.layers.Dense(4, name=f"head_{i}")(trunk) for i in range(3)]
    model = keras.Model(inputs, keras.layers.Average(name="mean")(heads))
    classes = RNG.integers(0, 4, 300).astype("int32")
    new, params = apply("output_pair", spec_of(model, "sparse_categorical_crossentropy"),
                        facts_of(X, classes))  # fmt: skip
    assert params["activation"] == "softmax" and params["layer"] == "mean_softmax"
    out = keras_spec.build_model(new).predict(X, verbose=0)
    assert out.shape == (300, 4) and np.allclose(out.sum(axis=1), 1.0, atol=1e-5)
    wrong = keras.Model(inputs, keras.layers.Average()(heads[:2]))  # 4 units, 2 classes
    with pytest.raises(ModelSpecError, match="not computed by one Dense layer"):
        apply("output_pair", spec_of(wrong, "sparse_categorical_crossentropy"),
              facts_of(X, classes % 2))  # fmt: skip


def test_output_pair_makes_a_squashing_activation_after_a_sum_linear() -> None:
    """Practice batch 27's matrix factorisation on 1-5 stars: the Dot and two bias
    Embeddings are added, then `Activation("sigmoid")`; no kernel layer computes the output,
    so the Activation itself becomes linear (before: no candidate, the job ended at MSE
    7.28 against 0.66)."""
    pair = keras.Input((2,), dtype="int32")
    u = keras.layers.Flatten()(keras.layers.Embedding(20, 4)(pair[:, 0]))
    v = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(pair[:, 1]))
    bias = keras.layers.Flatten()(keras.layers.Embedding(20, 1)(pair[:, 0]))
    total = keras.layers.Add()([keras.layers.Dot(axes=1)([u, v]), bias])
    model = keras.Model(pair, keras.layers.Activation("sigmoid", name="squash")(total))
    ids = np.stack([RNG.integers(0, 20, 50), RNG.integers(0, 30, 50)], axis=1)
    stars = RNG.integers(1, 6, 50).astype("float32")
    new, params = apply("output_pair", spec_of(model, "mse"), facts_of(ids, stars))
    assert params["activation"] == "linear" and params["layer"] == "squash"
    rebuilt = keras_spec.build_model(new)
    assert rebuilt.get_layer("squash").get_config()["activation"] == "linear"
    assert rebuilt.predict(ids, verbose=0).shape == (50, 1)
