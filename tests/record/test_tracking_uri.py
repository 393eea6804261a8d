"""An unsupported tracking URI scheme is bad input (exit 2), caught before any training."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from autotrainer_keras.config import load_config
from autotrainer_keras.config.tracking import TrackingConfig, resolve_tracking_uri, uri_problem
from autotrainer_keras.errors import InputError

ACCEPTED = (
    "sqlite:///tmp/mlflow.db",
    "postgresql://user@db:5432/mlflow",
    "postgresql+psycopg2://user@db/mlflow",
    "mysql+pymysql://user@db/mlflow",
    "mssql://db/mlflow",
    "http://mlflow.mlflow.svc:5000",
    "HTTPS://mlflow.example.com",
    "file:///tmp/mlruns",
    "/tmp/mlruns",
    "mlruns",
    "databricks",
    "databricks://profile",
    "databricks-uc",
    "uc",
)


@pytest.mark.parametrize("uri", ACCEPTED)
def test_the_schemes_mlflow_has_a_store_for_are_accepted(uri: str) -> None:
    assert uri_problem(uri) is None
    assert TrackingConfig(tracking_uri=uri).tracking_uri == uri


@pytest.mark.parametrize("uri", ["ftp://x", "s3://bucket/mlruns", "postgres://db/mlflow"])
def test_other_schemes_are_rejected_naming_the_value_and_the_allowed(uri: str) -> None:
    with pytest.raises(ValidationError, match="unsupported tracking URI scheme"):
        TrackingConfig(tracking_uri=uri)


def test_config_file_with_an_ftp_uri_is_input_error(tmp_path: Path) -> None:
    path = tmp_path / "cfg.yaml"
    path.write_text("tracking:\n  tracking_uri: ftp://x\n")
    with pytest.raises(InputError) as error:
        load_config(path)
    message = str(error.value)
    assert "\n" not in message and "tracking.tracking_uri" in message and "'ftp://x'" in message
    assert "Value error" not in message and message.count("'ftp://x'") == 1
    for allowed in (
        "a file path",
        "sqlite://",
        "postgresql://",
        "mysql://",
        "https://",
        "databricks",
    ):
        assert allowed in message


def test_environment_uri_is_checked_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "ftp://x")
    with pytest.raises(InputError, match="MLFLOW_TRACKING_URI: unsupported .*'ftp://x'"):
        resolve_tracking_uri(None)


def test_cli_exits_2_with_one_line_before_reading_the_model(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from autotrainer_keras.cli import main

    argv = ["autotrainer-keras", "run", "--model", str(tmp_path / "absent.keras"),
            "--data", str(tmp_path / "absent.npz"), "--tracking-uri", "ftp://x"]  # fmt: skip
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as stop:
        main()
    err = capsys.readouterr().err.strip()
    assert stop.value.code == 2
    assert err.startswith("autotrainer: error: command line: tracking.tracking_uri")
    assert "\n" not in err and "'ftp://x'" in err
