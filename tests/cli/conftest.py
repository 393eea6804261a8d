"""Fixtures for CLI tests: tiny saved inputs, and `autotrainer` run in-process or as a command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .inputs import circles_npz, save, tiny_model

AUTOTRAINER = Path(sys.executable).parent / "autotrainer-keras"
SUBPROCESS_TIMEOUT_SECONDS = 300  # a busy 2-core machine imports TensorFlow slowly


@dataclass(frozen=True)
class Outcome:
    """Exit code and captured streams of one `autotrainer` invocation."""

    code: int
    out: str
    err: str

    def error_lines(self) -> list[str]:
        """stderr lines that are not TensorFlow/absl start-up noise or Python warnings."""
        noise = ("WARNING: All log messages", "cpu_feature_guard", "To enable the following")
        return [
            line
            for line in self.err.splitlines()
            if line.strip() and not any(n in line for n in noise)
        ]


@dataclass(frozen=True)
class Inputs:
    """A good model and data file (shared by the session: tests must not change them)."""

    model: Path
    data: Path
    root: Path


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    root = tmp_path_factory.mktemp("inputs")
    return Inputs(
        model=save(tiny_model(), root / "model.keras"),
        data=circles_npz(root / "data.npz"),
        root=root,
    )


@pytest.fixture
def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Outcome]:
    """Call `autotrainer_keras.cli.main` in this process with the given arguments."""
    from autotrainer_keras.cli import main

    def run(*args: str | Path) -> Outcome:
        monkeypatch.setattr(sys, "argv", ["autotrainer-keras", *map(str, args)])
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


def autotrainer_command(*args: str | Path, cwd: Path, **env: str) -> Outcome:
    """Run the installed `autotrainer` command (stderr is a pipe: plain progress)."""
    environment = {**os.environ, **env}
    environment.pop("MLFLOW_TRACKING_URI", None)
    done = subprocess.run(
        [str(AUTOTRAINER), *map(str, args)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT_SECONDS,
        check=False,
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `directory` with its bytes and mtime (ns)."""
    return {
        str(p.relative_to(directory)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def previous_output(tmp_path: Path) -> Path:
    """An output directory holding a previous job's files."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").write_text('{"status": "previous"}\n')
    (out / "model.keras").write_bytes(b"previous model")
    (out / "final_config.yaml").write_text("previous: true\n")
    return out
