"""Which variable is a layer's main kernel (the first/output gradient ratio reads it)."""

from __future__ import annotations

import keras

from autotrainer_keras.measure.layer_map import map_layers

L = keras.layers


def test_separable_and_depthwise_convolutions_have_a_main_kernel() -> None:
    """A CNN of separable convolutions had no kernel layer but its head (ratio always 1);
    Keras 3 names a depthwise convolution's one kernel `kernel`."""
    model = keras.Sequential([
        keras.Input((8, 8, 3)),
        L.SeparableConv2D(4, 3, name="separable"), L.DepthwiseConv2D(3, name="depthwise"),
        L.GlobalAveragePooling2D(), L.Dense(2, name="head"),
    ])  # fmt: skip
    variables = model.trainable_variables
    kernels = {slot.name: variables[slot.kernel_index].path.split("/")[-1]
               for slot in map_layers(model) if slot.kernel_index is not None}  # fmt: skip
    assert kernels == {"separable": "pointwise_kernel", "depthwise": "kernel",
                       "head": "kernel"}  # fmt: skip


def _sine(omega: float):  # a SIREN's activation, a closure of the user's own
    def activation(z):  # noqa: ANN001, ANN202 - as users write it
        return keras.ops.sin(omega * z)

    return activation


def test_activations_of_the_users_own_are_named_not_a_crash() -> None:
    """Keras serialises a function activation's config as its name (a string): practice
    batch 54's SIREN scripts crashed `Watch` at its first check reading it as a dict."""
    from autotrainer_keras.measure.layer_map import activation_name

    model = keras.Sequential([keras.Input((2,)), L.Dense(4, activation=_sine(30.0), name="s"),
                              L.Dense(4, activation=keras.ops.sin, name="sin"),
                              L.Dense(4, activation="relu", name="r")])  # fmt: skip
    names = {layer.name: activation_name(layer) for layer in model.layers}
    assert names == {"s": "activation", "sin": "sin", "r": "relu"}
    assert {slot.name for slot in map_layers(model)} >= {"s", "sin", "r"}
