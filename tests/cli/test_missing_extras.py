"""Commands whose optional dependencies are missing stop with one line naming the extra.

A package is made missing the way Python itself reports one: `sys.modules[name] = None`
makes `import name` raise ImportError and `find_spec` fail, in a child process that then runs
the CLI (a real uninstall is in tests/install/test_fresh_venv.py).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import Inputs

CLI_WITHOUT = (
    "import sys\n"
    "for name in sys.argv[1].split(','):\n"
    "    sys.modules[name] = None\n"
    "sys.argv = ['autotrainer-keras', *sys.argv[2:]]\n"
    "from autotrainer_keras.cli import main\n"
    "main()\n"
)


def _cli_without(missing: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLI_WITHOUT, missing, *args],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("missing", "named"),
    [("kfp", "kfp, kfp-kubernetes"), ("kfp.kubernetes", "kfp-kubernetes")],
)
def test_submit_without_kfp_names_the_extra(missing: str, named: str) -> None:
    done = _cli_without(
        missing, "submit", "--host", "http://127.0.0.1:9",
        "--model-uri", "gs://b/m.keras", "--dataset-uri", "gs://b/d.npz",
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        f"autotrainer: error: autotrainer-keras submit needs {named} (not installed): "
        "pip install 'autotrainer-keras[kfp]'\n"
    )


def test_local_without_docker_names_the_extra() -> None:
    done = _cli_without("docker", "local", "--model", "m.keras", "--data", "d.npz")
    assert done.returncode == 2, done.stderr
    assert "autotrainer-keras local needs docker (not installed)" in done.stderr
    assert done.stderr.count("\n") == 1


@pytest.mark.medium
@pytest.mark.parametrize("command", ["detect", "run"])
def test_detect_and_run_without_tensorflow_name_the_extras(inputs: Inputs, command: str) -> None:
    done = _cli_without(
        "tensorflow", command, "--model", str(inputs.model), "--data", str(inputs.data),
        "--output", str(inputs.root / f"out-{command}"), "--no-tracking",
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        f"autotrainer: error: autotrainer-keras {command} needs TensorFlow (not installed): "
        "pip install 'autotrainer-keras[tensorflow]' (or [tensorflow-cpu], "
        "[tensorflow-and-cuda]), or install your own tensorflow or tensorflow-cpu\n"
    )
    assert not (inputs.root / f"out-{command}").exists()
