"""When a kernel layer without activation adds no capacity of its own: the layers between it
and the kernel layer that reads it, by class name (framework-free: the pre-flight reads a
built model's layers, the `nonlinear` repair a serialised config's).

- A Dense reader through dropout, BatchNormalization (linear at inference), Flatten, global
  average pooling or pooling: `Dense(8) -> Dense(1)` and `Conv2D(32) -> GlobalAveragePooling2D
  -> Dense(4)` are one linear map (batch 23's separable CNN written without `activation=`).
- A convolution reader only through pooling (and pass-through layers): `Conv2D(16) ->
  MaxPooling2D -> Conv2D(32)` is a forgotten activation; two convolutions back to back
  without one between are left alone (MobileNetV2's linear bottleneck and factorised
  kernels are written that way on purpose).
- Not a Dense layer narrower than both its input and the Dense layer that reads it
  (`is_bottleneck`): an autoencoder's linear code, a factorised layer, a low rank on purpose
  (practice batch 28: `Dense 32 ReLU -> Dense(4) -> Dense 32 ReLU`, five healthy
  autoencoders).
- Not a pair whose reader is a linear Dense without a bias that a merge reads
  (`is_projection`): attention's projections are written so (practice batch 86's pointer
  network: points -> Dense 64 ReLU -> Dense 64 -> Dense(64, use_bias=False) -> Add with the
  query's -> tanh -> scores).
"""

from __future__ import annotations

from collections.abc import Sequence

DENSE = "Dense"
CONVOLUTIONS = frozenset({
    "Conv1D", "Conv2D", "Conv3D", "SeparableConv1D", "SeparableConv2D", "DepthwiseConv1D",
    "DepthwiseConv2D",
})  # fmt: skip
KERNEL_LAYERS = CONVOLUTIONS | {DENSE}
PASS_THROUGH = frozenset({
    "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "BatchNormalization",
    "Activation",  # only a linear one: `is_between`
})  # fmt: skip
FLATTENING = frozenset({
    "Flatten", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D",
})  # fmt: skip
POOLING = frozenset({
    "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D",
    "AveragePooling3D",
})  # fmt: skip
BETWEEN = PASS_THROUGH | FLATTENING | POOLING
LINEAR = (None, "linear")


def is_between(class_name: str, activation: object) -> bool:
    """A layer that a search for a reader's feeder walks past: dropout, BatchNormalization
    (linear at inference), a linear Activation layer, flattening and pooling."""
    if class_name == "Activation":
        return activation in LINEAR
    return class_name in BETWEEN


def is_linear_kernel(class_name: str, activation: object) -> bool:
    """A Dense or convolution layer whose activation is none or linear."""
    return class_name in KERNEL_LAYERS and activation in LINEAR


def is_bottleneck(feeder: str, reader: str, widths: tuple[int | None, int | None, int | None]
                  ) -> bool:  # fmt: skip
    """A Dense `feeder` of `widths` (its input's width, its units, its Dense `reader`'s
    units) narrower than both its input and its reader: the pair computes one linear map of
    limited rank, a bottleneck meant as one (an autoencoder's code), not a forgotten
    activation. False when a width is unknown."""
    width_in, units, reader_units = widths
    if feeder != DENSE or reader != DENSE or width_in is None or units is None:
        return False
    return reader_units is not None and units < width_in and units < reader_units


MERGES = frozenset({"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum",
                    "Concatenate", "Dot"})
"""Layers that join several tensors: what a projection's output is combined by."""
RESHAPING = frozenset({"RepeatVector", "Reshape", "Flatten", "Permute", "Dropout"})
"""Layers a projection's output may pass through on its way to the merge (the query's
projection repeated over the points)."""


def is_projection(reader: str, activation: object, use_bias: object,
                  consumers: Sequence[str]) -> bool:  # fmt: skip
    """A Dense `reader` with no activation and no bias whose output a merge layer reads
    (`MERGES`; `consumers`: the class names of the layers reading it, through `RESHAPING`
    layers): a projection meant as one (the W e_j of additive attention, added to the
    query's), whose linear input is no forgotten activation. Not one a BatchNormalization
    reads (`Dense(use_bias=False) -> BatchNormalization`: a forgotten activation before it
    still collapses into it)."""
    return (reader == DENSE and activation in LINEAR and use_bias is False
            and any(name in MERGES for name in consumers))  # fmt: skip


def collapses(reader: str, between: Sequence[str]) -> bool:
    """Whether a linear kernel layer read by a `reader` layer through the `between` layers
    (class names) forms one linear map with it, a forgotten activation (module doc)."""
    if reader == DENSE:
        return all(name in BETWEEN for name in between)
    if reader in CONVOLUTIONS:
        return (all(name in PASS_THROUGH | POOLING for name in between)
                and any(name in POOLING for name in between))  # fmt: skip
    return False
