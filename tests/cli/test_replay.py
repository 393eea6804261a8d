"""`autotrainer-keras replay`: exit codes and messages (the spool from a real sink, no Keras)."""

from __future__ import annotations

import socket
from pathlib import Path

from mlflow import MlflowClient

from autotrainer_keras.config.tracking import TrackingConfig
from autotrainer_keras.record import mlflow_keys as keys
from autotrainer_keras.record.mlflow_sink import MlflowSink
from autotrainer_keras.record.replay import REPLAYED_FILE
from autotrainer_keras.record.summary import AttemptSummary


def spool_a_job(out: Path) -> None:
    """A job of one attempt and two epochs, recorded while MLflow is unreachable."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        uri = f"http://127.0.0.1:{sock.getsockname()[1]}"
    config = TrackingConfig.model_validate(
        {"tracking_uri": uri, "experiment": "replayed", "retries": 0, "http_timeout_seconds": 1}
    )
    sink = MlflowSink(config, out, warn=lambda line: None)
    sink.start_job(model_file=Path("m.keras"), model_sha256="0" * 64, params={"seed": 7})
    sink.start_attempt("original", {"attempt": "original"})
    for epoch in range(2):
        sink.log_epoch(epoch, {"loss": 1.0 - 0.25 * epoch})
    sink.end_attempt("healthy", AttemptSummary("original", 0.75, None, 1, 0.1))
    assert sink.end_job("FINISHED", {})["spool"] == str(out / keys.SPOOL_FILE)


def test_replay_sends_the_spool_then_says_there_is_nothing_left(run_cli, tmp_path: Path) -> None:
    out, uri = tmp_path / "out", f"sqlite:///{tmp_path / 'mlflow.db'}"
    spool_a_job(out)

    outcome = run_cli("replay", "--output-dir", out, "--tracking-uri", uri)
    assert outcome.code == 0, outcome.err
    assert f"to {uri}" in outcome.out and f"spool renamed to {out / REPLAYED_FILE}" in outcome.out
    client = MlflowClient(tracking_uri=uri)
    experiment = client.get_experiment_by_name("replayed")
    assert experiment is not None
    runs = {r.info.run_name: r for r in client.search_runs([experiment.experiment_id])}
    assert set(runs) == {"m", "original"}
    assert runs["m"].data.params == {"seed": "7"}
    assert runs["original"].data.metrics == {
        "loss": 0.75, "val_accuracy": 0.75, "epochs_run": 1.0, "seconds": 0.1
    }  # the epoch logs and the attempt's summary
    assert runs["original"].info.status == "FINISHED"

    again = run_cli("replay", "--output-dir", out, "--tracking-uri", uri)
    assert again.code == 0 and "nothing to replay" in again.out and "already replayed" in again.out


def test_replay_bad_input_is_one_line_and_exit_2(run_cli, tmp_path: Path) -> None:
    missing = run_cli("replay", "--output-dir", tmp_path / "nope")
    assert missing.code == 2 and missing.err.strip().count("\n") == 0
    assert "output directory not found" in missing.err

    (tmp_path / keys.SPOOL_FILE).write_text('{"op": "teleport", "run": "job"}\n')
    unknown = run_cli("replay", "--output-dir", tmp_path, "--tracking-uri", "sqlite:///x.db")
    assert unknown.code == 2 and "unknown op 'teleport'" in unknown.err

    scheme = run_cli("replay", "--output-dir", tmp_path, "--tracking-uri", "ftp://x")
    assert scheme.code == 2 and "'ftp://x'" in scheme.err and "https://" in scheme.err
    assert (tmp_path / keys.SPOOL_FILE).exists()
