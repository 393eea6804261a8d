"""A loss or metric of the user's own whose config does not rebuild it is refused by name
(practice batch 65: a concordance metric's `risk="negate"` left out of its config came back
as "identity", and the job's model read 0.33 where the user's read 0.67)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.engine.config_round_trip import lost_argument, unkept_settings_error
from autotrainer_keras.errors import InputError


class SignedMean(keras.metrics.Metric):
    """The mean prediction, its sign set by `sign`; `get_config` keeps it when `kept`."""

    def __init__(self, sign: str = "plus", kept: bool = False, name: str = "signed_mean",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(name=name, **kwargs)
        self.sign, self.kept = sign, kept
        self.total = self.add_variable((), initializer="zeros", name="total")
        self.count = self.add_variable((), initializer="zeros", name="count")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        factor = -1.0 if self.sign == "minus" else 1.0
        self.total.assign_add(factor * keras.ops.sum(y_pred))
        self.count.assign_add(keras.ops.cast(keras.ops.size(y_pred), "float32"))

    def result(self) -> Any:
        return self.total / keras.ops.maximum(self.count, 1.0)

    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        return {**config, "sign": self.sign, "kept": True} if self.kept else config


def _model(metric: keras.metrics.Metric) -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy", metrics=[metric])
    return model


def test_an_argument_its_config_leaves_out_is_named() -> None:
    assert lost_argument(SignedMean("minus")) == ("sign", "minus", "plus")
    assert lost_argument(SignedMean("minus", kept=True)) is None
    assert lost_argument(SignedMean("plus")) is None  # the default comes back as it was
    assert lost_argument(keras.metrics.AUC(num_thresholds=50)) is None  # Keras' own
    message = unkept_settings_error(_model(SignedMean("minus")))
    assert message is not None and message.startswith("metric 'signed_mean' (SignedMean): ")
    assert "does not keep sign='minus' (rebuilt: 'plus')" in message
    assert unkept_settings_error(_model(SignedMean("minus", kept=True))) is None


@pytest.mark.medium
def test_the_job_refuses_it_in_one_line_and_trains_the_kept_one(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 4)).astype("float32")
    y = (x[:, 0] > 0).astype("float32")
    with pytest.raises(InputError, match="get_config\\(\\) does not keep sign='minus'"):
        autotrainer_keras.fit(_model(SignedMean("minus")), x, y, epochs=1, tracking=False,
                              verbose=False, output_dir=tmp_path / "lost")  # fmt: skip
    result = autotrainer_keras.fit(_model(SignedMean("minus", kept=True)), x, y, epochs=1,
                                   tracking=False, verbose=False, repair=False,
                                   output_dir=tmp_path / "kept")  # fmt: skip
    logs = result.report["curves"]["original"]["epochs"][-1]
    assert logs["val_signed_mean"] < 0  # the user's sign, kept through the job's rebuild
