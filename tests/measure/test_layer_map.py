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


class _CodebookDense(L.Layer):
    """A layer of the user's own whose constructor takes arrays and which defines no
    `get_config` (Keras cannot record it: `get_config` raises NotImplementedError)."""

    def __init__(self, index, units: int, **kwargs) -> None:  # noqa: ANN001, ANN003 - as users write it
        super().__init__(**kwargs)
        self.index, self.units = index, units

    def build(self, input_shape) -> None:  # noqa: ANN001
        self.codebook = self.add_weight(shape=(4,), name="codebook")

    def call(self, inputs):  # noqa: ANN001, ANN201
        kernel = keras.ops.take(self.codebook, keras.ops.convert_to_tensor(self.index))
        return keras.ops.relu(keras.ops.matmul(inputs, kernel))


def test_layers_keras_cannot_configure_are_mapped_not_a_crash() -> None:
    """Practice batch 61's weight-sharing layer (no `get_config`, arrays in its constructor)
    stopped `Watch` before its first step; it is mapped by its weights, with no activation."""
    import numpy as np

    from autotrainer_keras.measure.layer_map import activation_name

    index = np.random.default_rng(0).integers(0, 4, size=(3, 5))
    shared = _CodebookDense(index, 5, name="shared")
    model = keras.Sequential([keras.Input((3,)), shared, L.Dense(2, name="head")])
    try:
        shared.get_config()
    except NotImplementedError:
        pass
    else:  # the test would check nothing if Keras learnt to record such a layer
        raise AssertionError("Keras now records this layer's config")
    assert activation_name(shared) is None
    assert [slot.name for slot in map_layers(model)] == ["shared", "head"]
