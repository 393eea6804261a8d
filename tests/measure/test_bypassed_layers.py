"""Layers the inputs reach the outputs around (`measure.layer_graph.bypassed_layers`): a
dead residual branch leaves the model its stream to learn on (practice batch 72), so dying
ReLU judges it by the harm gate; a layer every path passes is not bypassed."""

from __future__ import annotations

import keras

from autotrainer_keras.measure.layer_graph import bypassed_layers

L = keras.layers


def test_a_block_shared_across_a_residual_stream_is_bypassed() -> None:
    inputs = keras.Input((8,))
    h = L.Dense(8, name="stem")(inputs)
    up, down = L.Dense(16, activation="relu", name="up"), L.Dense(8, name="down")
    for _ in range(3):
        h = h + down(up(h))
    model = keras.Model(inputs, L.Dense(2, name="head")(h))
    assert bypassed_layers(model) == {"up", "down"}


def test_a_residual_block_beside_its_skip_is_bypassed_and_its_trunk_is_not() -> None:
    inputs = keras.Input((8,))
    trunk = L.Dense(8, activation="relu", name="trunk")(inputs)
    branch = L.Dense(8, name="branch_out")(L.Dense(8, activation="relu", name="branch")(trunk))
    joined = L.Add(name="join")([trunk, branch])
    model = keras.Model(inputs, L.Dense(1, name="head")(joined))
    assert bypassed_layers(model) == {"branch", "branch_out"}


def test_a_chain_and_a_sequential_have_no_bypassed_layer() -> None:
    inputs = keras.Input((4,))
    hidden = L.Dense(8, activation="relu", name="hidden")(inputs)
    chain = keras.Model(inputs, L.Dense(1, name="out")(hidden))
    assert bypassed_layers(chain) == frozenset()
    sequential = keras.Sequential([keras.Input((4,)), L.Dense(8, activation="relu"),
                                   L.Dense(1)])  # fmt: skip
    assert bypassed_layers(sequential) == frozenset()


def test_a_layer_that_is_an_inputs_only_way_to_the_output_is_not_bypassed() -> None:
    """Two inputs joined (batch 32's photo and tabular branches): each branch is its input's
    only path, so a dead one cuts that input off: dying ReLU names it at once."""
    a, b = keras.Input((4,), name="a"), keras.Input((4,), name="b")
    branch_a = L.Dense(4, activation="relu", name="branch_a")(a)
    branch_b = L.Dense(4, activation="relu", name="branch_b")(b)
    joined = L.Concatenate(name="joined")([branch_a, branch_b])
    model = keras.Model([a, b], L.Dense(1, name="out")(joined))
    assert bypassed_layers(model) == frozenset()
