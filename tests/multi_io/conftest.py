"""`run_cli_here`: the CLI run in this process (as tests/cli's `run_cli`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Outcome:
    """Exit code and captured streams of one CLI invocation."""

    code: int
    out: str
    err: str


@pytest.fixture
def run_cli_here(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Outcome]:
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
