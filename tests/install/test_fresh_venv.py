"""The built wheel installed into fresh venvs, at the lowest and the highest versions its
ranges allow, runs a smoke job: `autotrainer-keras detect`, `autotrainer_keras.fit`, and a
KFP command refused with the extra to install (kfp not installed).

Downloads ~1 GB per venv, so it runs only with AUTOTRAINER_INSTALL_TEST=1 (`make
test-install`); AUTOTRAINER_INSTALL_PYTHON picks the venvs' Python (default: this one). The
requirements of the wheel are passed as direct requirements too, so that uv's
`--resolution lowest-direct` lowers them (not only the wheel itself) to their floors.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from email.message import Message
from pathlib import Path

import pytest
from wheel_build import UV, build_wheel, metadata, requirements

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("AUTOTRAINER_INSTALL_TEST") != "1",
        reason="downloads ~1 GB per venv: set AUTOTRAINER_INSTALL_TEST=1 (make test-install)",
    ),
]

EXTRA = "tensorflow-cpu"
SMOKE = Path(__file__).with_name("smoke_job.py")
REPORTED = ("keras", "tensorflow-cpu", "mlflow", "numpy", "pydantic", "typer", "protobuf")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Message]:
    built = build_wheel(tmp_path_factory.mktemp("dist"))
    return built, metadata(built)


def _run(*args: str | Path, cwd: Path | None = None, timeout: int = 600, both: bool = False) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{args}: {done.stderr[-3000:]}"
    return done.stdout + done.stderr if both else done.stdout


def _install(wheel: tuple[Path, Message], venv: Path, resolution: str, extras: tuple[str, ...],
             dry_run: bool = False) -> str:  # fmt: skip
    built, meta = wheel
    return _run(
        UV, "pip", "install", "--python", venv / "bin" / "python", "--resolution", resolution,
        *(["--dry-run"] if dry_run else []),
        f"{built}[{','.join(extras)}]", *requirements(meta, extras), timeout=1800, both=True,
    )  # fmt: skip


def _floor(entries: list[str], name: str) -> str:
    (entry,) = [e for e in entries if re.match(rf"{re.escape(name)}[\s\[<>=!~]", e)]
    return re.search(r">=\s*([\w.]+)", entry).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize("resolution", ["lowest-direct", "highest"])
def test_the_wheel_installs_and_runs_a_smoke_job(
    resolution: str, wheel: tuple[Path, Message], tmp_path: Path
) -> None:
    python = os.environ.get("AUTOTRAINER_INSTALL_PYTHON", sys.executable)
    venv = tmp_path / "venv"
    _run(UV, "venv", "--quiet", "--python", python, venv)
    _install(wheel, venv, resolution, (EXTRA,))
    freeze = _run(UV, "pip", "freeze", "--python", venv / "bin" / "python")
    frozen = dict(line.split("==", 1) for line in freeze.splitlines() if "==" in line)
    versions = {name: frozen.get(name) for name in REPORTED}
    print(f"\n{resolution}: {json.dumps(versions)}")
    _run(UV, "pip", "check", "--python", venv / "bin" / "python")
    assert "kfp" not in frozen  # the [kfp] extra was not asked for (docker: mlflow needs it)
    if resolution == "lowest-direct":  # the floors of the ranges are what got installed
        entries = requirements(wheel[1], (EXTRA,))
        for name in ("keras", "tensorflow-cpu", "mlflow", "numpy"):
            floor = _floor(entries, name)
            assert versions[name] in (floor, f"{floor}.0"), (name, versions[name], floor)

    bin_dir = venv / "bin"
    _run(bin_dir / "python", SMOKE, "make", tmp_path)
    model_hash = hashlib.sha256((tmp_path / "model.keras").read_bytes()).hexdigest()
    # the CLI, with the default MLflow store (sqlite:///mlflow.db in the working directory)
    _run(bin_dir / "autotrainer-keras", "detect", "--model", "model.keras", "--data", "data.npz",
         "--output", "detect-out", "--quiet", cwd=tmp_path)  # fmt: skip
    report = json.loads((tmp_path / "detect-out" / "report.json").read_text())
    assert report["status"] in ("healthy", "detected") and (tmp_path / "mlflow.db").is_file()
    assert hashlib.sha256((tmp_path / "model.keras").read_bytes()).hexdigest() == model_hash
    # the Python API
    fitted = json.loads(_run(bin_dir / "python", SMOKE, "fit", tmp_path).splitlines()[-1])
    assert fitted["status"] in ("healthy", "repaired", "unrepaired")
    assert Path(fitted["report"]).is_file()
    # a KFP command without the [kfp] extra: one line naming it, exit 2
    done = subprocess.run(
        [str(bin_dir / "autotrainer-keras"), "submit", "--host", "http://127.0.0.1:9",
         "--model-uri", "gs://b/model.keras", "--dataset-uri", "gs://b/data.npz"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "pip install 'autotrainer-keras[kfp]'" in done.stderr
    # and the [kfp] extra resolves at this resolution too
    plan = _install(wheel, venv, resolution, (EXTRA, "kfp"), dry_run=True)
    kfp = re.findall(r"(kfp[\w-]*==[\w.]+)", plan)
    assert any(k.startswith("kfp==") for k in kfp), plan[-2000:]
    print(f"{resolution} + [kfp]: {' '.join(kfp)}")


def test_without_tensorflow_watch_runs_on_jax_and_the_engine_names_the_extras(
    wheel: tuple[Path, Message], tmp_path: Path
) -> None:
    """`pip install autotrainer-keras jax[cpu]`: no TensorFlow at all, Watch on JAX."""
    python = os.environ.get("AUTOTRAINER_INSTALL_PYTHON", sys.executable)
    venv = tmp_path / "venv"
    _run(UV, "venv", "--quiet", "--python", python, venv)
    _run(UV, "pip", "install", "--python", venv / "bin" / "python", wheel[0], "jax[cpu]",
         timeout=1800)  # fmt: skip
    freeze = _run(UV, "pip", "freeze", "--python", venv / "bin" / "python")
    assert not re.search(r"^tensorflow", freeze, re.M), freeze
    job = Path(__file__).parents[1] / "watch" / "backend_job.py"
    env = {**os.environ, "KERAS_BACKEND": "jax"}
    done = subprocess.run(
        [str(venv / "bin" / "python"), str(job), "functional:healthy", "functional:dying_relu"],
        capture_output=True, text=True, timeout=1200, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"\nno TensorFlow, jax backend: {json.dumps(result['runs'])}")
    assert [r["problems"] for r in result["runs"]] == [[], ["dying_relu"]]
    done = subprocess.run(
        [str(venv / "bin" / "autotrainer-keras"), "detect", "--model", "m.keras",
         "--data", "d.npz"], capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert done.returncode == 2 and "autotrainer-keras detect needs TensorFlow" in done.stderr
