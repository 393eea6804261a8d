"""A torn last spool line (a crash mid-append) does not block the replay (issue 14, point 12)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from mlflow import MlflowClient

from autotrainer_keras.config.tracking import TrackingConfig
from autotrainer_keras.errors import InputError
from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.mlflow_sink import MlflowSink
from autotrainer_keras.record.replay import replay_spool
from autotrainer_keras.record.spool import read_spool


def _spooled(out: Path) -> int:
    """A small job recorded against a dead server; returns how many records it spooled."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    config = TrackingConfig(
        tracking_uri=f"http://127.0.0.1:{port}", retries=0, http_timeout_seconds=1
    )
    sink = MlflowSink(config, out, warn=lambda line: None)
    sink.start_job(model_file=Path("m.keras"), model_sha256="0", params={"epochs": 2})
    sink.start_attempt("original", {"solution": None})
    for epoch in range(2):
        sink.log_epoch(epoch, {"loss": 1.0 / (epoch + 1)})
    sink.end_attempt("healthy", None)
    sink.end_job("FINISHED", {})
    return len(read_spool(out / keys.SPOOL_FILE))


def test_a_torn_last_line_is_skipped_with_a_warning_and_the_rest_is_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    complete = _spooled(out)
    with (out / keys.SPOOL_FILE).open("a") as handle:
        handle.write('{"op": "log_batch", "run": "original", "metrics": [["lo')  # the crash
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"

    result = replay_spool(out, uri)

    assert result.total == result.sent == complete
    assert any("cut off" in line for line in result.not_replayed)
    assert "cut off" in capsys.readouterr().err
    client = MlflowClient(tracking_uri=uri)
    experiment = client.get_experiment_by_name("autotrainer")
    assert experiment is not None
    runs = {r.info.run_name: r for r in client.search_runs([experiment.experiment_id])}
    assert set(runs) == {"m", "original"}
    assert [m.value for m in client.get_metric_history(runs["original"].info.run_id, "loss")] == [
        1.0,
        0.5,
    ]


def test_a_damaged_line_before_the_last_is_still_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _spooled(out)
    lines = (out / keys.SPOOL_FILE).read_text().splitlines()
    lines[1] = lines[1][:10]
    (out / keys.SPOOL_FILE).write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match="not JSON lines"):
        replay_spool(out, f"sqlite:///{tmp_path / 'mlflow.db'}")
    assert json.loads(lines[0])  # nothing was sent, the spool is kept
    assert (out / keys.SPOOL_FILE).exists()
