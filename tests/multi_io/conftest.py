"""The CLI run in this process: tests/cli's `run_cli` fixture, shared."""

from cli.conftest import run_cli  # noqa: F401  (a fixture: pytest finds it by name)
