"""Weights a penalty pulled to zero (`collapsed_weights`, named high_penalty): the pure rule
on scripted checks, and measured under `Watch` on a matrix factorisation whose factor
Embeddings carry L2(0.01) (practice batch 27's `mf_embedding_l2_0.01`), with `regularizer_down`
lowering it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.collapsed_weights import collapsed_weights_rule
from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.problems import SetupProblem
from tests.detect.builders import check, new_history

T = DefaultThresholds()


def _checks(middle_rms: list[float]) -> RuleInput:
    """Checks of an MLP of 100-parameter layers whose middle layer's weights have root mean
    square `middle_rms[i]` at check i (the others 0.05)."""
    history = new_history(budget=10, steps_per_epoch=10)
    for epoch, rms in enumerate(middle_rms):
        record = check(epoch, 10 * (epoch + 1))
        layers = [replace(layer, n_params=100, weight_norm=0.5) for layer in record.layers]
        layers[1] = replace(layers[1], weight_norm=rms * 10.0)
        record.layers = layers
        history.checks.append(record)
    return RuleInput(history, history.checks[-1], None, T)


def test_weights_pulled_to_zero_at_two_checks_are_named_high_penalty() -> None:
    finding = collapsed_weights_rule(_checks([0.03, 5e-9, 1e-15]))
    assert finding is not None and finding.problem is SetupProblem.HIGH_PENALTY
    assert finding.layer == _checks([0.03]).check.layers[1].layer
    assert finding.evidence["weight_rms"] == pytest.approx(1e-15)
    assert finding.evidence["earlier_rms"] == pytest.approx(0.03)
    assert "pulled to zero" in finding.reason and "lower the penalty" in finding.reason


@pytest.mark.parametrize(
    ("rms", "why"),
    [
        ([0.03, 1e-15], "two checks, no earlier one to have fallen from"),
        ([0.03, 0.02, 1e-15], "one collapsed check only"),
        ([0.03, 1e-15, 0.02], "it grew back"),
        ([0.0, 0.0, 0.0], "zero from the start (a zero-initialised gate): it never fell"),
        ([1e-9, 1e-10, 1e-10], "at most 10 x below its earlier scale"),
        ([0.03, 1e-4, 1e-4], "small, not collapsed (1e-6 gate)"),
    ],
)
def test_what_is_not_a_collapse(rms: list[float], why: str) -> None:
    assert collapsed_weights_rule(_checks(rms)) is None, why


# --- measured on real training (medium) ----------------------------------------------------


def _ratings(seed: int) -> tuple[list[np.ndarray], np.ndarray]:
    rng = np.random.default_rng(seed)
    users, items, rows = 120, 80, 6000
    u, i = rng.integers(0, users, rows), rng.integers(0, items, rows)
    taste = rng.normal(size=(users, 4)) @ rng.normal(size=(4, items)) / 2
    bias = rng.normal(0, 0.8, users)[:, None] + rng.normal(0, 0.8, items)[None, :]
    y = (taste[u, i] + bias[u, i] + rng.normal(0, 0.3, rows)).astype("float32")
    return [u[:, None].astype("int32"), i[:, None].astype("int32")], y


def _factorisation(l2: float):  # noqa: ANN202 - a keras.Model
    import keras

    user, item = keras.Input((1,), dtype="int32"), keras.Input((1,), dtype="int32")
    def table(ids, rows: int, width: int, name: str):  # noqa: ANN001, ANN202
        lookup = keras.layers.Embedding(rows, width, name=name,
                                        embeddings_regularizer=keras.regularizers.L2(l2))
        return keras.layers.Flatten()(lookup(ids))

    dot = keras.layers.Dot(axes=1)([table(user, 120, 8, "users"), table(item, 80, 8, "items")])
    biases = [table(user, 120, 1, "user_bias"), table(item, 80, 1, "item_bias")]
    model = keras.Model([user, item], keras.layers.Add()([dot, *biases]))
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return model


@pytest.mark.medium
@pytest.mark.parametrize("seed", [1, 2])
def test_watch_names_factor_tables_an_l2_penalty_pulled_to_zero(seed: int) -> None:
    import keras

    from autotrainer_keras.keras import Watch

    x, y = _ratings(seed)
    keras.utils.set_random_seed(seed)
    watch = Watch(probe_data=(x, y), on_problem="warn", verbose=0)
    _factorisation(0.01).fit(x, y, batch_size=32, epochs=8, validation_split=0.2, verbose=0,
                             callbacks=[watch])  # fmt: skip
    assert [f.problem for f in watch.findings][:1] == [SetupProblem.HIGH_PENALTY]
    assert watch.findings[0].layer in ("users", "items")
    keras.utils.set_random_seed(seed)
    healthy = Watch(probe_data=(x, y), on_problem="warn", verbose=0)
    _factorisation(1e-6).fit(x, y, batch_size=32, epochs=8, validation_split=0.2, verbose=0,
                             callbacks=[healthy])  # fmt: skip
    assert healthy.findings == []
