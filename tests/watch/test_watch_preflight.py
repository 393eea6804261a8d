"""`Watch` runs the pre-flight checks' primary rules on its probe rows before the first step
(default profile): a loss that does not fit the labels is named before training, and with
`on_problem="stop"` the fit ends after its first step; a healthy set-up raises nothing; the
secondary suspicions about training settings (learning rate, budget), which only a
retraining can test, are left to `autotrainer_keras.fit`; the suspicions read off the model
itself (a dropout rate above 0.75, an L1/L2 factor of 0.5 or more) are named."""

from __future__ import annotations

import warnings

import keras
import numpy as np
import pytest
from watch_models import blobs

from autotrainer_keras.keras import TrainingProblemWarning, Watch

pytestmark = pytest.mark.medium


def _model(loss: str, optimizer: object = "adam") -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(optimizer, loss, metrics=["accuracy"])
    return model


def _scaled() -> tuple[np.ndarray, np.ndarray]:
    x, y = blobs()
    return ((x - x.mean(0)) / x.std(0)).astype("float32"), y


def test_a_loss_that_does_not_fit_the_labels_is_named_before_training() -> None:
    x, y = _scaled()
    onehot = keras.utils.to_categorical(y, 3)
    watch = Watch(probe_data=(x, onehot), verbose=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _model("binary_crossentropy").fit(x, onehot, epochs=1, verbose=0, callbacks=[watch])
    first = watch.findings[0]
    assert first.problem.value == "output_loss_mismatch" and first.step == 0
    said = [str(w.message) for w in caught if issubclass(w.category, TrainingProblemWarning)]
    assert any("output_loss_mismatch before training" in m for m in said)
    assert "first: before training" in watch.summary()
    assert watch.report is not None and watch.report["findings"][0]["step"] == 0


def test_binary_labels_coded_one_and_two_are_named_before_training() -> None:
    x, y = _scaled()
    labels = (y > 0).astype("float32") + 1.0
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy")
    watch = Watch(probe_data=(x, labels), verbose=0)
    model.fit(x, labels, epochs=1, verbose=0, callbacks=[watch])
    first = watch.findings[0]
    assert first.problem.value == "output_loss_mismatch" and first.step == 0
    assert "from 1 to 2" in first.reason


def test_stop_ends_the_fit_after_its_first_step() -> None:
    x, y = _scaled()
    onehot = keras.utils.to_categorical(y, 3)
    watch = Watch(probe_data=(x, onehot), on_problem="stop", verbose=0)
    history = _model("binary_crossentropy").fit(x, onehot, epochs=5, verbose=0, callbacks=[watch])
    assert len(history.history["loss"]) == 1
    assert [f.problem.value for f in watch.findings] == ["output_loss_mismatch"]


@pytest.mark.parametrize("profile", ["default", "paper"])
def test_a_healthy_set_up_and_a_suspicious_setting_raise_nothing_before_training(
    profile: str,
) -> None:
    """SGD at 100x its usual rate is a suspicion only retraining can test: not reported."""
    x, y = _scaled()
    for optimizer in ("adam", keras.optimizers.SGD(1.0)):
        watch = Watch(probe_data=(x, y), profile=profile, verbose=0)
        model = _model("sparse_categorical_crossentropy", optimizer)
        model.fit(x, y, epochs=1, verbose=0, callbacks=[watch])
        assert all(f.step > 0 for f in watch.findings), [f.reason for f in watch.findings]


@pytest.mark.parametrize("from_logits", [False, True])
def test_a_relu_output_under_a_cross_entropy_is_named_as_probabilities_or_as_logits(
    from_logits: bool,
) -> None:
    """Read as probabilities it is clipped to (0, 1); read as logits it cuts them at 0
    (practice batch 3's relu_logits: 0.88 against 0.98 with a linear output)."""
    x, y = _scaled()
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="relu")])  # fmt: skip
    model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits))
    watch = Watch(probe_data=(x, y), verbose=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x, y, epochs=1, verbose=0, callbacks=[watch])
    before = [f for f in watch.findings if f.step == 0]
    assert [f.problem.value for f in before] == ["output_loss_mismatch"]
    assert ("cuts them at 0" in before[0].reason) == from_logits


def test_a_model_with_nothing_trainable_is_named_before_training() -> None:
    """Practice batch 4's `frozen_everything`: Watch named slow convergence (and, on one
    seed, oscillation: a replayed batch order of weights that never move)."""
    x, y = _scaled()
    model = _model("sparse_categorical_crossentropy")
    model.trainable = False
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    watch = Watch(probe_data=(x, y), on_problem="stop", verbose=0)
    model.fit(x, y, epochs=3, verbose=0, callbacks=[watch])
    assert [f.problem.value for f in watch.findings] == ["no_trainable_weights"]
    assert watch.findings[0].step == 0


def test_the_probe_rows_facts_are_read_once_per_watch_and_each_fit_checks_its_model() -> None:
    """A second fit with the same Watch reuses the probe rows' facts (`SetupCheck`) and still
    checks the model it fits: a model whose loss fits the labels gets no finding."""
    x, y = _scaled()
    onehot = keras.utils.to_categorical(y, 3)
    watch = Watch(probe_data=(x, onehot), verbose=0)
    checks = []
    for loss, found in (("binary_crossentropy", True), ("binary_crossentropy", True),
                        ("categorical_crossentropy", False)):  # fmt: skip
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _model(loss).fit(x, onehot, epochs=1, verbose=0, callbacks=[watch])
        assert any(f.problem.value == "output_loss_mismatch" for f in watch.findings) is found
        assert watch._setup_check is not None
        checks.append(watch._setup_check[1])
    assert checks[0] is checks[1] is checks[2]


@pytest.mark.parametrize(
    ("layer", "problem"),
    [
        (keras.layers.Dropout(0.9), "high_dropout"),
        (
            keras.layers.Dense(
                16, activation="relu", kernel_regularizer=keras.regularizers.L2(10.0)
            ),
            "high_penalty",
        ),
    ],
)
def test_a_model_setting_far_outside_its_usual_range_is_named_before_training(
    layer: keras.layers.Layer, problem: str
) -> None:
    x, y = _scaled()
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"),
                              layer, keras.layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    watch = Watch(probe_data=(x, y), verbose=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x, y, epochs=1, verbose=0, callbacks=[watch])
    before = [f.problem.value for f in watch.findings if f.step == 0]
    assert before == [problem]


@pytest.mark.parametrize("raw", [True, False], ids=["raw_income", "normalised_income"])
def test_named_inputs_each_get_the_input_checks(raw: bool) -> None:
    """A dict of inputs (practice batch 8's raw codes, batch 9's `house_area_unnormalised`):
    the input that reaches its first weights unscaled is named, the others are not; with
    every input scaled, nothing is named."""
    rng = np.random.default_rng(0)
    income = rng.gamma(2.0, 20000.0, (400, 1)).astype("float32")
    age = rng.normal(0.0, 1.0, (400, 1)).astype("float32")
    y = ((income[:, 0] > 40000) ^ (age[:, 0] > 0)).astype("float32")
    inputs = {"income": keras.Input((1,), name="income"), "age": keras.Input((1,), name="age")}
    scale = keras.layers.Normalization()
    scale.adapt(income)
    first = inputs["income"] if raw else scale(inputs["income"])
    joined = keras.layers.Concatenate()([first, inputs["age"]])
    hidden = keras.layers.Dense(8, activation="relu")(joined)
    out = keras.layers.Dense(1, activation="sigmoid")(hidden)
    model = keras.Model(inputs, out)
    model.compile("adam", "binary_crossentropy")
    x = {"income": income, "age": age}
    watch = Watch(probe_data=(x, y), verbose=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x, y, epochs=1, verbose=0, callbacks=[watch])
    before = [f for f in watch.findings if f.step == 0]
    if raw:
        assert before and before[0].problem.value == "unscaled_input"
        assert before[0].reason.startswith("input 'income': ")
    else:
        assert before == []


@pytest.mark.parametrize("own", ["function", "class"])
def test_a_loss_of_the_users_own_still_gets_the_input_checks(own: str) -> None:
    """No output/loss rule knows the user's loss, but raw inputs are named all the same (a
    `def` loss lost them when its name stopped being read as a Keras loss's)."""

    def squared(y_true, y_pred):  # noqa: ANN001, ANN202
        return keras.ops.mean(keras.ops.square(y_true - y_pred))

    class Squared(keras.losses.Loss):
        def call(self, y_true, y_pred):  # noqa: ANN001, ANN202
            return squared(y_true, y_pred)

    x, y = blobs()
    raw = (x * 300.0 + 1000.0).astype("float32")
    target = (y == 1).astype("float32").reshape(-1, 1)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", squared if own == "function" else Squared())
    watch = Watch(probe_data=(raw, target), verbose=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(raw, target, epochs=1, verbose=0, callbacks=[watch])
    assert [f.problem.value for f in watch.findings if f.step == 0][:1] == ["unscaled_input"]


def test_an_optimizers_weight_decay_that_halves_the_weights_in_tens_of_steps_is_named() -> None:
    """A suspicion read off the compiled optimizer, as an L1/L2 factor is off the model:
    AdamW(weight_decay=20) at 2e-3 takes 4 % of every weight per step; Keras' default decay
    (0.004) is quiet."""
    x, y = _scaled()
    found = {}
    for decay in (20.0, 0.004):
        watch = Watch(probe_data=(x, y), verbose=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TrainingProblemWarning)
            _model("sparse_categorical_crossentropy",
                   keras.optimizers.AdamW(2e-3, weight_decay=decay)).fit(
                x, y, epochs=1, callbacks=[watch], verbose=0)  # fmt: skip
        found[decay] = [f for f in watch.findings if f.problem.value == "high_penalty"]
    assert found[0.004] == []
    assert found[20.0][0].step == 0 and "weight_decay 20" in found[20.0][0].reason


def _frozen_base_fitted() -> tuple[keras.Model, keras.Model, np.ndarray, np.ndarray]:
    x, y = _scaled()
    keras.utils.set_random_seed(0)
    base = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu")],
                            name="base")  # fmt: skip
    base.trainable = False
    model = keras.Sequential([keras.Input((4,)), base, keras.layers.Dense(3, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(x, y, epochs=1, verbose=0)
    return model, base, x, y


def test_a_base_unfrozen_without_a_new_compile_is_named_before_training() -> None:
    """The transfer-learning guide's "call compile() again after changing trainable": left
    out, the traced step and the built optimizer still leave the base's weights alone."""
    model, base, x, y = _frozen_base_fitted()
    base.trainable = True
    before = base.get_weights()[0].copy()
    watch = Watch(probe_data=(x, y), verbose=0)
    model.fit(x, y, epochs=1, verbose=0, callbacks=[watch])
    assert np.array_equal(before, base.get_weights()[0])  # Keras left it as it was
    first = watch.findings[0]
    assert first.problem.value == "no_gradient" and first.step == 0 and first.layer == "base"
    assert "compile" in first.reason


def test_a_base_unfrozen_and_compiled_again_or_a_second_fit_raises_nothing() -> None:
    model, base, x, y = _frozen_base_fitted()
    again = Watch(probe_data=(x, y), verbose=0)
    model.fit(x, y, epochs=1, verbose=0, callbacks=[again])  # nothing changed: a second fit
    base.trainable = True
    model.compile("adam", "sparse_categorical_crossentropy")
    compiled = Watch(probe_data=(x, y), verbose=0)
    model.fit(x, y, epochs=1, verbose=0, callbacks=[compiled])
    assert not [
        f for f in [*again.findings, *compiled.findings] if f.problem.value == "no_gradient"
    ]
