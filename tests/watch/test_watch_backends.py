"""`Watch` on Keras' JAX and PyTorch backends: the same probe figures as TensorFlow, and the
problems found (each backend in its own process: Keras reads KERAS_BACKEND once).

Skipped where the backend's wheel is not installed (the project's lock has TensorFlow only);
run them in a venv with jax[cpu] and torch added, e.g.

    uv pip install "jax[cpu]" torch && python -m pytest -m slow tests/watch/test_watch_backends.py
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

JOB = Path(__file__).with_name("backend_job.py")


def _run_job(backend: str) -> dict[str, Any]:
    if importlib.util.find_spec(backend) is None:
        pytest.skip(f"the {backend} wheel (Keras' {backend} backend) is not installed here")
    env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "2"}
    done = subprocess.run(
        [sys.executable, str(JOB)], env=env, capture_output=True, text=True, timeout=1200
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["backend"] == backend
    return result


@pytest.fixture(scope="module")
def tensorflow_probe() -> list[dict[str, Any]]:
    """The reference: the same fixed model probed here, on TensorFlow (traced probes)."""
    import keras

    assert keras.backend.backend() == "tensorflow"
    sys.path.insert(0, str(JOB.parent))
    from backend_job import probe_figures

    return probe_figures()


@pytest.mark.parametrize("backend", ["jax", "torch"])
def test_watch_measures_and_detects_on_the_backend(
    backend: str, tensorflow_probe: list[dict[str, Any]]
) -> None:
    result = _run_job(backend)
    # measure: the probe's per-layer kernel gradient norms and dead fractions equal
    # TensorFlow's on the same weights and rows (float32 sums in another order: rel 1e-4)
    assert len(result["probe"]) == len(tensorflow_probe) == 3
    for got, want in zip(result["probe"], tensorflow_probe, strict=True):
        assert got["kernel_grad_norm"] == pytest.approx(want["kernel_grad_norm"], rel=1e-4)
        assert got["dead_fraction"] == want["dead_fraction"]
    assert tensorflow_probe[1]["dead_fraction"] == 0.375  # a figure that tells layers apart
    runs = {(r["style"], r["case"]): r for r in result["runs"]}
    # detect: healthy models (functional, subclassed) are left alone for all 10 epochs
    for style in ("functional", "subclassed"):
        healthy = runs[(style, "healthy")]
        assert healthy["problems"] == [] and healthy["epochs"] == 10, healthy
        assert healthy["val_acc"] > 0.8
    # 8 sigmoid layers: the first/output gradient ratio is far below beta_1 = 1e-3 (~1e-4 on
    # every backend) and training stops at the first finding
    vanishing = runs[("sequential", "vanishing")]
    assert vanishing["first_check_ratio"] < 1e-3 / 3, vanishing
    assert vanishing["problems"][:1] in (["vanishing_gradient"], ["slow_convergence"])
    assert vanishing["epochs"] <= 3
    # bias -10 before ReLU: every unit dead, found at the first check (probe, no gradients)
    assert runs[("functional", "dying_relu")]["problems"] == ["dying_relu"]
    # N(0, 1e5) kernels: TensorFlow's loss turns NaN (exploding_gradient); JAX and PyTorch
    # saturate the softmax to exactly-zero gradients instead: still a problem, and stopped
    exploding = runs[("subclassed", "exploding")]
    assert exploding["problems"] and exploding["epochs"] <= 3, exploding
    # record: one MLflow run with the epoch logs and per-layer gradient statistics; report.json
    tracked = result["tracked"]
    assert tracked["runs"] == 1 and tracked["report"] is True, tracked
    assert "autotrainer.loss" in tracked["metrics"], tracked["metrics"]
    assert any(key.startswith("kernel_grad_norm/") for key in tracked["metrics"]), tracked
