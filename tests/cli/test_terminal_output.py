"""What reaches the terminal: no escapes from a tampered report (issue 14, point 13), no
TensorFlow start-up noise (point 15)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from autotrainer_keras.tf_quiet import filtered_native_stderr, is_noise

from .conftest import Outcome

OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;ZXZpbA==\x1b\\"
CSI_CLEAR = "\x1b[2J\x1b[H"


def test_a_tampered_report_cannot_drive_the_terminal(
    tmp_path: Path, run_cli: Callable[..., Outcome]
) -> None:
    report = {
        "command": "run" + OSC_TITLE, "status": "healthy" + CSI_CLEAR, "task": "binary",
        "profile": "default" + OSC_CLIPBOARD, "output_dir": str(tmp_path),
        "detections": [{"problem": "exploding_gradient\x9b31m", "epoch": 0, "step": 1,
                        "reason": "boom\x07\x08\x08", "evidence": {"k\x1bc": 1}}],
        "warnings": ["see \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\"],
        "mlflow": {"run_id": "r", "tracking_uri": "http://alice:S3cretPW@h"},
    }  # fmt: skip
    (tmp_path / "report.json").write_text(json.dumps(report))

    outcome = run_cli("report", tmp_path)

    assert outcome.code == 0, outcome
    assert not any(ord(c) < 32 and c not in "\n\t" or 127 <= ord(c) < 160 for c in outcome.out)
    assert "S3cretPW" not in outcome.out
    assert "pwned" not in outcome.out  # an OSC payload goes with its escape
    assert "exploding_gradient" in outcome.out and "see here" in outcome.out  # text kept


def test_native_stderr_lines_are_filtered_but_real_errors_kept(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with filtered_native_stderr():
        os.write(2, b"WARNING: All log messages before absl::InitializeLog() is called are\n")
        os.write(2, b"I0000 port.cc:153] oneDNN custom operations are on. You may see\n")
        os.write(2, b"E0000 something real went wrong\n")
    err = capfd.readouterr().err
    assert err == "E0000 something real went wrong\n"
    assert is_noise("I0000 cpu_feature_guard.cc:227] This TensorFlow binary is optimized")


@pytest.mark.medium
def test_importing_tensorflow_for_the_cli_prints_nothing() -> None:
    """Without the filter this import prints 4-6 lines (absl, oneDNN, CPU features)."""
    code = "from autotrainer_keras.tf_quiet import import_tensorflow; import_tensorflow(False)"
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    quiet = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=300, env=env, check=True)  # fmt: skip
    assert quiet.stderr == "", quiet.stderr
