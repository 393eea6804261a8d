"""One redaction of secrets for every printed or stored tracking URI (issue 14, point 4)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from autotrainer_keras.config import config_from_dict
from autotrainer_keras.io.atomic import write_json_atomic
from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.mlflow_sink import MlflowSink
from autotrainer_keras.record.spool import Spool
from autotrainer_keras.redact import is_redacted, redact_uri

SECRET = "S3cretPW"


@pytest.mark.parametrize(
    ("uri", "shown"),
    [
        ("http://alice:S3cretPW@mlflow:5000", "http://alice:***@mlflow:5000"),
        ("https://S3cretPW@mlflow/", "https://***@mlflow/"),
        ("postgresql+psycopg2://u:S3cretPW@db:5432/x", "postgresql+psycopg2://u:***@db:5432/x"),
        ("https://h/x?token=S3cretPW&run=1", "https://h/x?token=[REDACTED]&run=1"),
        ("https://h/x?a=1&X-Amz-Signature=S3cretPW", "https://h/x?a=1&X-Amz-Signature=[REDACTED]"),
        ("https://u:p%40S3cretPW@h", "https://u:***@h"),
        ("sqlite:////tmp/mlflow.db", "sqlite:////tmp/mlflow.db"),
        ("http://127.0.0.1:5000", "http://127.0.0.1:5000"),
        ("databricks", "databricks"),
    ],
)
def test_the_redacted_form_keeps_everything_but_the_secret(uri: str, shown: str) -> None:
    assert redact_uri(uri) == shown
    assert redact_uri(shown) == shown  # idempotent
    assert is_redacted(shown) == (shown != uri)


def _dead_uri() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    return f"http://alice:{SECRET}@127.0.0.1:{port}/?token={SECRET}"


def test_credentials_reach_no_output_spool_report_param_or_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    uri = _dead_uri()
    config = config_from_dict(
        {"tracking": {"tracking_uri": uri, "retries": 0, "http_timeout_seconds": 1}}
    )
    # the job itself keeps the URI it authenticates with ...
    assert config.with_overrides(training__epochs=3).tracking.tracking_uri == uri
    # ... and every copy that is stored or shown has none: params, final_config.yaml
    params = config.model_dump(mode="json")
    assert params["tracking"]["tracking_uri"] == redact_uri(uri)
    assert SECRET not in config.to_yaml()

    sink = MlflowSink(config.tracking, tmp_path)  # the real warn_line: stderr
    sink.start_job(model_file=Path("m.keras"), model_sha256="0", params=params)
    sink.start_attempt("original", {"solution": None})
    sink.log_epoch(0, {"loss": 1.0})
    sink.end_attempt("healthy", None)
    block = sink.end_job("FINISHED", {})
    report = tmp_path / "report.json"
    write_json_atomic(report, {"mlflow": block, "warnings": [f"MLflow at {uri} failed"]})

    captured = capsys.readouterr()
    spool = (tmp_path / keys.SPOOL_FILE).read_text()
    assert block["degraded"] and "127.0.0.1" in captured.err  # it did warn, about the host
    for where, text in {
        "stderr": captured.err, "stdout": captured.out, "spool": spool,
        "report.json": report.read_text(), "mlflow block": json.dumps(block),
    }.items():  # fmt: skip
        assert SECRET not in text, where
    assert block["tracking_uri"] == redact_uri(uri)


def test_the_spool_redacts_whatever_a_record_carries(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "s.jsonl")
    spool.write({"op": "errors", "errors": [f"ConnectionError: https://bob:{SECRET}@h/api"]})
    text = spool.path.read_text()
    assert SECRET not in text and "https://bob:***@h/api" in text


def test_a_bad_uri_error_names_the_scheme_not_the_password() -> None:
    from autotrainer_keras.errors import InputError

    with pytest.raises(InputError) as caught:
        config_from_dict({"tracking": {"tracking_uri": f"ftp://alice:{SECRET}@h/x"}})
    assert "unsupported tracking URI scheme 'ftp'" in str(caught.value)
    assert SECRET not in str(caught.value)
