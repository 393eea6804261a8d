"""Weights no gradient reaches (`no_gradient`): the pure rule, and the measurement under
`Watch` (probe gradients) and the job (training-step statistics) on a gated layer whose value
branch sits behind `ops.stop_gradient` (practice batch 11's `gated_stop_gradient`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.no_gradient import no_gradient_rule
from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.problems import SetupProblem
from tests.detect.builders import check, new_history

T = DefaultThresholds()


def _input(gradless: dict[int, int]) -> RuleInput:
    record = check(0, 10)
    record.layers = [replace(layer, n_params=100, gradless_params=gradless.get(i, 0))
                     for i, layer in enumerate(record.layers)]  # fmt: skip
    history = new_history(budget=10, steps_per_epoch=10)
    history.checks.append(record)
    return RuleInput(history, record, None, T)


def test_the_rule_names_the_first_layer_without_a_gradient_and_counts_them_all() -> None:
    finding = no_gradient_rule(_input({1: 50, 2: 100}))
    assert finding is not None and finding.problem is SetupProblem.NO_GRADIENT
    assert finding.layer == _input({}).check.layers[1].layer
    assert finding.evidence == {"gradless_params": 150.0, "layer_params": 200.0, "layers": 2.0}
    assert "stop_gradient" in finding.reason and "some trainable weights" in finding.reason
    assert no_gradient_rule(_input({})) is None


def _middle_cut(middle_grads: list[float], first_grad: float = 0.1) -> RuleInput:
    """Checks of an MLP whose middle layer (no ReLU: an attention pooling, say) gets
    `middle_grads[i]` at check i while the first and last layers get 0.1."""
    history = new_history(budget=10, steps_per_epoch=10)
    for epoch, grad in enumerate(middle_grads):
        record = check(epoch, 10 * (epoch + 1), first_grad=first_grad, dead=None)
        layers = [replace(layer, n_params=100) for layer in record.layers]
        layers[1] = replace(layers[1], grad_norm=grad)
        record.layers = layers
        history.checks.append(record)
    return RuleInput(history, history.checks[-1], None, T)


def test_a_layer_the_gradient_passes_by_is_cut_off() -> None:
    """Practice batch 26's softmax over an axis of size 1: the pooling's score layer gets
    1e-8 x the largest gradient while the layers before it get theirs."""
    finding = no_gradient_rule(_middle_cut([1e-9, 2e-9]))
    assert finding is not None and finding.problem is SetupProblem.NO_GRADIENT
    assert finding.layer == _middle_cut([0.1]).check.layers[1].layer
    assert "size 1" in finding.reason and finding.evidence["gradient_share"] < 1e-6
    assert no_gradient_rule(_middle_cut([1e-9])) is None  # one check is not enough
    assert no_gradient_rule(_middle_cut([1e-9, 0.05])) is None  # it learns again
    assert no_gradient_rule(_middle_cut([1e-5, 1e-5])) is None  # small, not cut (gate 1e-6)
    # vanishing gradients: the layers before it get nothing either
    assert no_gradient_rule(_middle_cut([1e-9, 1e-9], first_grad=1e-10)) is None


def test_a_gradient_not_measured_is_not_cut_off() -> None:
    """An Embedding's sparse gradient is left out of the probe's statistics: norm 0 with no
    zero entry counted (practice batch 32's house model, its text branch behind the photo
    branch in model order). A measured gradient of exactly 0 counts every entry as zero."""
    unmeasured = _middle_cut([0.0, 0.0])
    assert no_gradient_rule(unmeasured) is None
    for record in unmeasured.history.checks:
        record.layers[1] = replace(record.layers[1], zero_grad_fraction=1.0)
    assert no_gradient_rule(unmeasured) is not None


def _kernel_cut(kernel_grads: list[float | None], dead: float | None = None) -> RuleInput:
    """Checks of an MLP whose middle layer's kernel gets `kernel_grads[i]` at check i while
    the layer as a whole (its scale and bias) gets 0.1."""
    history = new_history(budget=10, steps_per_epoch=10)
    for epoch, grad in enumerate(kernel_grads):
        record = check(epoch, 10 * (epoch + 1), first_grad=0.1, dead=dead)
        layers = [replace(layer, n_params=100) for layer in record.layers]
        layers[1] = replace(layers[1], grad_norm=0.1, kernel_grad_norm=grad)
        record.layers = layers
        history.checks.append(record)
    return RuleInput(history, history.checks[-1], None, T)


def test_a_kernel_that_gets_no_gradient_while_its_layer_trains_is_named() -> None:
    """Practice batch 68's ternary convolutions, `sign(w) * (|w| > delta)` without a
    straight-through estimator: the kernels' gradient exactly 0 while their learned scales
    trained (0.782 against 0.974); the layer's own norm hides it."""
    finding = no_gradient_rule(_kernel_cut([0.0, 0.0]))
    assert finding is not None and finding.problem is SetupProblem.NO_GRADIENT
    assert finding.layer == _kernel_cut([0.0]).check.layers[1].layer
    assert finding.evidence == {"zero_kernel_gradient_layers": 1.0, "kernel_gradient_share": 0.0}
    assert "straight-through estimator" in finding.reason
    assert no_gradient_rule(_kernel_cut([0.0])) is None  # one check is not enough
    assert no_gradient_rule(_kernel_cut([0.0, 0.05])) is None  # it learns again
    assert no_gradient_rule(_kernel_cut([1e-5, 1e-5])) is None  # small, not cut (gate 1e-6)
    assert no_gradient_rule(_kernel_cut([None, None])) is None  # no kernel of its own
    # a wholly dead ReLU layer before it feeds it zeros: dying ReLU's reading
    assert no_gradient_rule(_kernel_cut([0.0, 0.0], dead=1.0)) is None


# --- measured on real training (medium) ----------------------------------------------------


def _gated_layer() -> Any:
    import keras

    @keras.saving.register_keras_serializable(package="autotrainer_tests")
    class Gated(keras.layers.Layer):
        """(x W) * sigmoid(x V), the value branch optionally cut from the gradient."""

        def __init__(self, units: int, detach: bool = False, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.units, self.detach = units, detach

        def build(self, input_shape: Any) -> None:
            self.w = self.add_weight(shape=(input_shape[-1], self.units), name="w")
            self.v = self.add_weight(shape=(input_shape[-1], self.units), name="v")

        def call(self, x: Any) -> Any:
            value = keras.ops.matmul(x, self.w)
            if self.detach:
                value = keras.ops.stop_gradient(value)
            return value * keras.ops.sigmoid(keras.ops.matmul(x, self.v))

        def get_config(self) -> dict[str, Any]:
            return {**super().get_config(), "units": self.units, "detach": self.detach}

    return Gated


def _data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((512, 8)).astype("float32")
    return x, (x[:, 0] * x[:, 1] > 0).astype("float32")


def _model(detach: bool) -> Any:
    import keras

    keras.utils.set_random_seed(0)
    inputs = keras.Input((8,))
    hidden = _gated_layer()(16, detach=detach, name="gated")(inputs)
    outputs = keras.layers.Dense(1, activation="sigmoid")(hidden)
    model = keras.Model(inputs, outputs)
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    return model


def _embedding_model() -> Any:
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((6,), dtype="int64"), keras.layers.Embedding(30, 8),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy")
    return model


@pytest.mark.medium
def test_watch_names_a_branch_behind_stop_gradient_at_the_first_check() -> None:
    from autotrainer_keras.keras import Watch

    x, y = _data()
    found = {}
    for detach in (True, False):
        watch = Watch(probe_data=(x, y), verbose=0)
        _model(detach).fit(x, y, epochs=2, batch_size=32, callbacks=[watch], verbose=0)
        found[detach] = [f for f in watch.findings if f.problem is SetupProblem.NO_GRADIENT]
    assert found[False] == []
    first = found[True][0]
    assert first.epoch == 0 and first.layer == "gated"
    assert first.evidence["gradless_params"] == 8 * 16  # w only; v learns
    rng = np.random.default_rng(1)
    ids = rng.integers(1, 30, (256, 6))
    watch = Watch(probe_data=(ids, (ids[:, 0] > 15).astype("float32")), verbose=0)
    _embedding_model().fit(ids, (ids[:, 0] > 15).astype("float32"), epochs=1, verbose=0,
                           callbacks=[watch])  # fmt: skip
    assert not [f for f in watch.findings if f.problem is SetupProblem.NO_GRADIENT]


@pytest.mark.medium
def test_the_job_names_it_from_its_training_steps_and_trains_the_original_on(
    tmp_path: Path,
) -> None:
    import autotrainer_keras

    x, y = _data()
    result = autotrainer_keras.fit(_model(True), x, y, epochs=4, batch_size=32,
                                   validation_split=0.25, tracking=False, verbose=False,
                                   output_dir=tmp_path / "cut")  # fmt: skip
    first = result.findings[0]
    assert first.problem is SetupProblem.NO_GRADIENT and first.layer == "gated"
    assert result.report["repairs"] == []  # no training setting reaches those weights
    sparse = autotrainer_keras.fit(_embedding_model(), *_ids(), epochs=2, batch_size=32,
                                   validation_split=0.25, tracking=False, verbose=False,
                                   output_dir=tmp_path / "sparse")  # fmt: skip
    assert not [f for f in sparse.findings if f.problem is SetupProblem.NO_GRADIENT]


def _ids() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2)
    ids = rng.integers(1, 30, (400, 6))
    return ids, (ids[:, 0] > 15).astype("float32")


def _sign_dense(straight_through: bool) -> Any:
    import keras

    @keras.saving.register_keras_serializable(package="autotrainer_tests")
    class SignDense(keras.layers.Layer):
        """x @ (scale * sign(kernel)): a binarised Dense with a learned scale; the sign's
        gradient is 0 unless a straight-through estimator passes it."""

        def __init__(self, units: int, straight_through: bool = True, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.units, self.straight_through = units, straight_through

        def build(self, input_shape: Any) -> None:
            self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
            self.scale = self.add_weight(shape=(self.units,), initializer="ones", name="scale")

        def call(self, x: Any) -> Any:
            ops = keras.ops
            signed = ops.sign(self.kernel)
            if self.straight_through:
                signed = self.kernel + ops.stop_gradient(signed - self.kernel)
            return ops.matmul(x, signed) * self.scale

        def get_config(self) -> dict[str, Any]:
            return {**super().get_config(), "units": self.units,
                    "straight_through": self.straight_through}  # fmt: skip

    return SignDense(16, straight_through=straight_through, name="signed")


@pytest.mark.medium
def test_watch_names_a_kernel_quantised_without_a_straight_through_estimator() -> None:
    """Practice batch 68: the sign's gradient is 0 everywhere, so the kernel keeps its
    random values while the layer's scale trains; with the straight-through estimator the
    kernel learns and nothing is named."""
    import keras

    from autotrainer_keras.keras import Watch

    x, y = _data()
    found = {}
    for straight_through in (False, True):
        keras.utils.set_random_seed(0)
        inputs = keras.Input((8,))
        hidden = keras.layers.Activation("tanh")(_sign_dense(straight_through)(inputs))
        model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
        model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
        watch = Watch(probe_data=(x, y), verbose=0)
        model.fit(x, y, epochs=3, batch_size=32, callbacks=[watch], verbose=0)
        found[straight_through] = [f for f in watch.findings
                                   if f.problem is SetupProblem.NO_GRADIENT]  # fmt: skip
    assert found[True] == []
    first = found[False][0]
    assert first.layer == "signed" and first.evidence["kernel_gradient_share"] == 0.0
