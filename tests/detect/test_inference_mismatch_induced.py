"""An inference mismatch induced for real: a small BatchNorm CNN on sklearn digits whose
BatchNorm momentum is 0.9999 learns in training mode (probe loss 0.2-0.3 of the constant
predictor's 2.30 by epoch 6) while its inference-mode and validation losses stay at or above
2.28 (validation accuracy at chance). Found by `Watch` and by the wrapped job, repaired by
`bn_momentum`; the same CNN with momentum 0.9 (inference-mode loss within 0.1 of the
training-mode one) raises nothing. Margins measured on seeds 0 and 1: training-mode progress
>= 0.87 against the rule's 0.5, inference-mode progress <= 0.0 against its 0.2; the healthy
runs' inference-mode progress >= 0.8."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

from autotrainer_keras.problems import SetupProblem

pytestmark = pytest.mark.medium
EPOCHS = 8


def _digits() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    x, y = load_digits(return_X_y=True)
    x = (x / 16.0).astype("float32").reshape(-1, 8, 8, 1)
    return x[:1300], y[:1300], x[1300:], y[1300:]


def _cnn(momentum: float, seed: int):  # type: ignore[no-untyped-def]
    """Conv-BN-ReLU twice (no conv bias), global average pooling, softmax; Adam 3e-3."""
    import keras

    keras.utils.set_random_seed(seed)
    layers = keras.layers
    model = keras.Sequential([
        keras.Input((8, 8, 1)),
        layers.Conv2D(16, 3, padding="same", use_bias=False),
        layers.BatchNormalization(momentum=momentum), layers.ReLU(),
        layers.Conv2D(32, 3, padding="same", use_bias=False),
        layers.BatchNormalization(momentum=momentum), layers.ReLU(),
        layers.GlobalAveragePooling2D(), layers.Dense(10, activation="softmax"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model


def _watched(momentum: float, seed: int):  # type: ignore[no-untyped-def]
    from autotrainer_keras.keras import Watch

    x, y, xv, yv = _digits()
    watch = Watch(on_problem="warn", probe_data=(x, y), verbose=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _cnn(momentum, seed).fit(x, y, validation_data=(xv, yv), epochs=EPOCHS, batch_size=32,
                                 verbose=0, callbacks=[watch])  # fmt: skip
    return watch


@pytest.mark.parametrize("seed", [0, 1])
def test_watch_finds_lagging_batchnorm_statistics(seed: int) -> None:
    watch = _watched(0.9999, seed)
    assert [f.problem for f in watch.findings] == [SetupProblem.INFERENCE_MISMATCH]
    found = watch.findings[0]
    assert found.evidence["training_mode_progress"] > 0.75  # rule: >= 0.5
    assert found.evidence["inference_mode_progress"] < 0.1  # rule: < 0.2
    assert found.epoch <= EPOCHS - 1 and "BatchNormalization" in found.reason
    modes = [c.mode_losses for c in watch.history.checks]  # measured at every epoch end
    assert len(modes) == EPOCHS and all(m is not None for m in modes)


@pytest.mark.parametrize("seed", [0, 1])
def test_watch_is_quiet_on_the_same_cnn_with_momentum_09(seed: int) -> None:
    watch = _watched(0.9, seed)
    assert watch.findings == []
    last = watch.history.checks[-1].mode_losses
    assert last is not None and last.inference < 2 * last.training + 0.1


def test_the_job_finds_it_and_bn_momentum_repairs_it(tmp_path: Path) -> None:
    import autotrainer_keras

    x, y, xv, yv = _digits()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = autotrainer_keras.fit(
            _cnn(0.9999, 0), x, y, validation_data=(xv, yv), epochs=EPOCHS, batch_size=32,
            tracking=False, output_dir=tmp_path / "out", verbose=False,
        )  # fmt: skip
    assert result.findings and result.findings[0].problem is SetupProblem.INFERENCE_MISMATCH
    assert result.status == "repaired", result.repairs
    assert result.repairs[0]["solution"] == "bn_momentum"
    momenta = [layer.momentum for layer in result.model.layers if hasattr(layer, "momentum")]
    assert momenta == [0.9, 0.9]
