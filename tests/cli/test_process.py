"""The real `autotrainer` command: bad input, interruption by SIGTERM/SIGINT, dead MLflow."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from . import badfiles
from .conftest import AUTOTRAINER, SUBPROCESS_TIMEOUT_SECONDS, Inputs, autotrainer_command, snapshot

pytestmark = pytest.mark.slow


def closed_port() -> int:
    """A loopback port that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


COMMAND_CASES = {
    "truncated model": lambda good, d: ("-m", badfiles.truncated(good, d / "broken.keras")),
    "lambda model": lambda good, d: ("-m", badfiles.lambda_model(d / "lambda.keras")),
    "missing data": lambda good, d: ("-d", d / "nope.npz"),
    "single array data": lambda good, d: ("-d", _npy_as_npz(d / "array.npz")),
    "config not yaml": lambda good, d: ("-c", _write(d / "c.yaml", "training: [epochs\n")),
    "output under a file": lambda good, d: ("-o", _write(d / "file", "keep\n") / "sub"),
}
EXPECTED = {
    "truncated model": "is not a readable Keras model",
    "lambda model": "pass --trust-model-code if you trust this file",
    "missing data": "not found",
    "single array data": "save named arrays with numpy.savez",
    "config not yaml": "is not valid YAML at line",
    "output under a file": "cannot be written: Not a directory",
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def _npy_as_npz(path: Path) -> Path:
    import numpy as np

    with path.open("wb") as handle:
        np.save(handle, np.zeros((4, 2)))
    return path


@pytest.mark.parametrize("case", list(COMMAND_CASES))
def test_bad_input_exits_2_with_exactly_one_line(
    case: str, inputs: Inputs, tmp_path: Path, previous_output: Path
) -> None:
    flag, value = COMMAND_CASES[case](inputs.model, tmp_path)
    args = {"-m": inputs.model, "-d": inputs.data, "-o": previous_output, flag: value}
    before = snapshot(tmp_path), snapshot(inputs.root)
    outcome = autotrainer_command(
        "run", *(str(part) for item in args.items() for part in item), "--no-tracking",
        cwd=tmp_path,
    )  # fmt: skip
    assert outcome.code == 2, outcome
    lines = outcome.err.strip().splitlines()  # no TensorFlow start-up noise either
    assert len(lines) == 1 and "Traceback" not in outcome.err, outcome.err
    assert lines[0].startswith("autotrainer: error: ") and EXPECTED[case] in lines[0], lines
    assert outcome.out == ""
    assert (snapshot(tmp_path), snapshot(inputs.root)) == before


def _interrupt(
    inputs: Inputs, cwd: Path, signum: int, *, again_after: float | None = None
) -> tuple[int, str, Path]:
    """Start a long `run` with MLflow in cwd/mlflow.db, send `signum` after epoch 2 shows
    (and `signum` again `again_after` seconds later; SIGKILL: the process dies outright)."""
    config = cwd / "long.yaml"
    config.write_text("training:\n  epochs: 2000\ndetection:\n  stop_on_detection: false\n")
    out = cwd / "out"
    environment = {k: v for k, v in os.environ.items() if k != "MLFLOW_TRACKING_URI"}
    process = subprocess.Popen(
        [str(AUTOTRAINER), "run", "-m", str(inputs.model), "-d", str(inputs.data),
         "-c", str(config), "-o", str(out)],
        cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    seen: list[str] = []
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + SUBPROCESS_TIMEOUT_SECONDS
        for line in process.stderr:
            seen.append(line)
            if "] epoch 2/" in line:
                process.send_signal(signum)
                if again_after is not None:
                    time.sleep(again_after)
                    process.send_signal(signum)
                break
            assert time.monotonic() < deadline, "no epoch line in time"
        _, rest = process.communicate(timeout=SUBPROCESS_TIMEOUT_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, "".join(seen) + rest, out


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_interrupted_run_writes_partial_results(
    signum: int, inputs: Inputs, tmp_path: Path
) -> None:
    import keras
    from mlflow import MlflowClient

    code, err, out = _interrupt(inputs, tmp_path, signum)
    assert code == 130, err[-3000:]
    assert "Traceback" not in err
    assert f"autotrainer: error: interrupted; partial results written to {out}" in err
    report = json.loads((out / "report.json").read_text())
    assert report["interrupted"] is True
    assert 2 <= report["original"]["epochs_run"] < 2000
    assert keras.saving.load_model(out / "model.keras").count_params() > 0
    assert (out / "report.html").is_file()

    client = MlflowClient(f"sqlite:///{tmp_path / 'mlflow.db'}")
    assert report["mlflow"]["run_id"]
    job = client.get_run(report["mlflow"]["run_id"])
    assert job.info.status == "KILLED"
    artifacts = {a.path for a in client.list_artifacts(job.info.run_id)}
    assert {"report.json", "report.html"} <= artifacts


def _runs(cwd: Path) -> list[str]:
    """Every run in cwd/mlflow.db as "name status", sorted."""
    from mlflow import MlflowClient

    client = MlflowClient(f"sqlite:///{cwd / 'mlflow.db'}")
    experiments = [e.experiment_id for e in client.search_experiments()]
    return sorted(f"{r.info.run_name} {r.info.status}" for r in client.search_runs(experiments))


def test_two_sigints_0_3_s_apart_stop_once_and_end_every_run_killed(
    inputs: Inputs, tmp_path: Path
) -> None:
    code, err, out = _interrupt(inputs, tmp_path, signal.SIGINT, again_after=0.3)
    assert code == 130, err[-3000:]
    assert "Traceback" not in err
    assert f"autotrainer: error: interrupted; partial results written to {out}" in err
    report = json.loads((out / "report.json").read_text())
    assert report["interrupted"] is True and report["status"] != "error"
    assert (out / "model.keras").is_file()
    runs = _runs(tmp_path)
    assert runs == ["model KILLED", "original KILLED"], runs  # the nested run too
    assert not (out / "mlflow-runs.json").exists()


def test_runs_left_running_by_sigkill_are_closed_by_replay_and_by_the_next_run(
    inputs: Inputs, tmp_path: Path
) -> None:
    code, _, out = _interrupt(inputs, tmp_path, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert _runs(tmp_path) == ["model RUNNING", "original RUNNING"]
    assert (out / "mlflow-runs.json").is_file()
    replayed = autotrainer_command("replay", "-o", out, cwd=tmp_path)
    assert replayed.code == 0, replayed
    assert "ended 2 MLflow run(s) an earlier job left RUNNING as KILLED" in replayed.out
    assert _runs(tmp_path) == ["model KILLED", "original KILLED"]
    assert not (out / "mlflow-runs.json").exists()

    second = tmp_path / "second"
    second.mkdir()
    code, _, out = _interrupt(inputs, second, signal.SIGKILL)
    assert _runs(second) == ["model RUNNING", "original RUNNING"]
    again = autotrainer_command(
        "detect", "-m", inputs.model, "-d", inputs.data, "-o", out, cwd=second
    )
    assert again.code == 0, again
    assert "left RUNNING as KILLED" in again.err
    runs = _runs(second)
    assert runs == ["model FINISHED", "model KILLED", "original FINISHED", "original KILLED"]


@pytest.mark.medium
def test_unreachable_tracking_server_still_completes_locally(
    run_cli, inputs: Inputs, tmp_path: Path
) -> None:
    uri = f"http://127.0.0.1:{closed_port()}"
    config = tmp_path / "config.yaml"
    config.write_text("training:\n  epochs: 2\nrepair:\n  max_attempts: 1\n")
    out = tmp_path / "out"
    outcome = run_cli(
        "run", "-m", inputs.model, "-d", inputs.data, "-c", config, "-o", out,
        "--tracking-uri", uri,
    )  # fmt: skip
    assert outcome.code == 0, outcome
    assert "Traceback" not in outcome.err
    warnings = [line for line in outcome.err.splitlines() if "WARNING" in line]
    assert len(warnings) == 1 and f"MLflow at {uri} cannot be used" in warnings[0], warnings
    report = json.loads((out / "report.json").read_text())
    assert report["mlflow"]["degraded"] is True and report["mlflow"]["errors"]
    assert report["status"] != "error"
    assert f"  mlflow    NOT fully recorded: {uri} could not be used" in outcome.out
    for name in ("report.html", "model.keras", "final_config.yaml"):
        assert (out / name).is_file(), name
