"""The monitor's memory bounds: large reductions slice by slice, probes row by row, the
previous weights kept as a bounded sample; each gives the numbers the whole-tensor version
gives (exactly, or within a stated error for the sampled change)."""

from __future__ import annotations

import math

import numpy as np
import pytest

pytestmark = pytest.mark.medium


def test_sliced_reductions_equal_whole_ones() -> None:
    import tensorflow as tf

    from autotrainer_keras.measure.chunked import chunked_sums, squared_norm
    from autotrainer_keras.measure.step_stats import gradient_row

    rng = np.random.default_rng(0)
    g = rng.normal(size=(301, 77)).astype("float32")
    g[rng.random(g.shape) < 0.3] = 0.0  # zeros to count
    variable = tf.Variable(g)
    whole = tf.function(lambda: gradient_row([variable.value()], [variable]))()
    sliced = tf.function(
        lambda: chunked_sums(
            lambda v: [tf.reduce_sum(tf.square(v)), tf.reduce_sum(tf.cast(v == 0, tf.float32))],
            [variable.value()],
            chunk=1000,  # 24 slices, the last one short
        )
    )()
    exact_sq = float(np.sum(np.square(g, dtype=np.float64)))
    assert float(sliced[0]) == pytest.approx(exact_sq, rel=1e-5)
    assert float(sliced[1]) == float(np.sum(g == 0))
    assert np.asarray(whole)[:, 0] == pytest.approx([exact_sq, np.sum(g == 0), g.size], rel=1e-5)
    norm = tf.function(lambda: squared_norm(variable.value(), chunk=999))()
    assert float(norm) == pytest.approx(exact_sq, rel=1e-12)


def test_sample_stride_keeps_a_bounded_sample_spread_over_every_column() -> None:
    from autotrainer_keras.measure.weight_sums import SAMPLE_ENTRIES, sample_stride

    assert sample_stride((100, 10)) == 1  # fits: kept whole
    for shape in [(300, 300), (2225, 2225), (3, 3, 64, 128), (1 << 20,)]:
        stride = sample_stride(shape)
        size = math.prod(shape)
        assert math.ceil(size / stride) <= SAMPLE_ENTRIES
        assert all(d % stride for d in shape)  # coprime with the last dim (a prime)
        kept = math.ceil(size / stride)
        columns = {(i * stride) % shape[-1] for i in range(kept)}
        assert len(columns) == min(shape[-1], kept)  # every output unit / channel sampled


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_weight_change_is_exact_when_small_and_close_when_sampled(seed: int) -> None:
    import tensorflow as tf

    from autotrainer_keras.measure.reductions import WeightSquares
    from autotrainer_keras.measure.weight_sums import DeviceWeightSquares

    rng = np.random.default_rng(seed)
    before = [rng.normal(size=(20, 30)).astype("float32"),  # 600 entries: kept whole
              rng.normal(size=(300, 301)).astype("float32")]  # 90,300 entries: sampled  # fmt: skip
    variables = [tf.Variable(w) for w in before]
    device = DeviceWeightSquares(variables)
    after = [w + rng.normal(scale=0.01, size=w.shape).astype("float32") for w in before]
    for variable, value in zip(variables, after, strict=True):
        variable.assign(value)
    measured = device.measure()
    exact = WeightSquares.of_arrays(after, before)
    assert measured.now == pytest.approx(exact.now, rel=1e-6)
    assert measured.previous == pytest.approx(exact.previous, rel=1e-6)
    assert measured.change[0] == pytest.approx(exact.change[0], rel=1e-4)
    assert measured.change[1] == pytest.approx(exact.change[1], rel=0.05)  # ~1 % expected
    device.forget()  # a new training: no previous check
    assert (device.measure().previous == 0).all()


def test_weight_reads_are_eager_until_tracing_pays():
    """A few checks (a screened candidate) pay no trace; past `EAGER_READS` the traced
    reduction reads the same squares and samples."""
    import tensorflow as tf

    from autotrainer_keras.measure.weight_sums import EAGER_READS, DeviceWeightSquares

    rng = np.random.default_rng(0)
    variables = [tf.Variable(rng.normal(size=(300, 301)).astype("float32")),
                 tf.Variable(rng.normal(size=(7,)).astype("float32"))]  # fmt: skip
    device = DeviceWeightSquares(variables)
    eager = [device.measure() for _ in range(EAGER_READS - 1)]  # with the first read: 16
    assert device._reduce.experimental_get_tracing_count() == 0
    traced = device.measure()
    assert device._reduce.experimental_get_tracing_count() == 1
    assert traced.now == pytest.approx(eager[-1].now, rel=1e-12)
    assert traced.change == pytest.approx([0.0, 0.0], abs=1e-9)  # nothing moved between


def _relu_model(seed: int) -> object:
    import keras

    keras.utils.set_random_seed(seed)
    inputs = keras.Input((12,))
    h = keras.layers.Dense(32, activation="relu", bias_initializer=keras.initializers.Constant(
        -1.5))(inputs)  # fmt: skip
    h = keras.layers.Dense(16, activation="tanh")(h)
    h = keras.layers.Dense(24, activation="relu")(h)
    return keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(h))


@pytest.mark.parametrize("seed", [0, 1])
def test_row_chunked_probes_equal_whole_batch_probes(seed: int) -> None:
    from autotrainer_keras.measure.activation_probe import ActivationProbe
    from autotrainer_keras.measure.probes import DeadUnitProbe

    model = _relu_model(seed)
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(100, 12)).astype("float32")
    y = rng.integers(0, 3, 100)
    whole = DeadUnitProbe(model, x).measure()
    chunked = DeadUnitProbe(model, x, chunk_entries=7 * 56).measure()  # 7 rows: 15 chunks
    assert chunked == whole
    assert 0 < whole[model.layers[1].name] < 1  # some units dead, some alive: a real test
    hidden, output = ActivationProbe(model, x, y).measure()
    hidden_c, output_c = ActivationProbe(model, x, y, chunk_entries=9 * 75).measure()
    for a, b in zip(hidden, hidden_c, strict=True):
        assert (a.layer, a.stuck_fraction) == (b.layer, b.stuck_fraction)
        assert a.rms == pytest.approx(b.rms, rel=1e-5)
        assert a.range == pytest.approx(b.range, rel=1e-6)
    assert output_c.spread_ratio == pytest.approx(output.spread_ratio, rel=1e-5)
    assert output_c.saturated_fraction == pytest.approx(output.saturated_fraction)
    assert output_c.range == pytest.approx(output.range, rel=1e-6)
