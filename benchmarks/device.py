"""The device TensorFlow chose for the benchmarks, named in every report.

Nothing in the benchmarks places work by hand: on a GPU machine TensorFlow puts the training
on the first GPU, and the reports say so, so the same commands give comparable tables there.
"""

from __future__ import annotations


def device_name() -> str:
    """The device TensorFlow places work on, as `DEVICE (kind[, GPU model])`."""
    import tensorflow as tf

    gpus = tf.config.list_logical_devices("GPU")
    device = gpus[0] if gpus else tf.config.list_logical_devices("CPU")[0]
    details = ""
    if gpus:
        physical = tf.config.list_physical_devices("GPU")[0]
        details = tf.config.experimental.get_device_details(physical).get("device_name", "")
    return f"{device.name} ({device.device_type}{', ' + details if details else ''})"
