"""Training under `tf.distribute.MirroredStrategy` on two logical CPU devices gives the same
findings as on one device, for `autotrainer_keras.fit` and for the `Watch` callback.

The logical devices must exist before TensorFlow starts, so the jobs run in a subprocess
(`distributed_cases.py`), once on one device and once on two replicas, from the same seed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CASES = Path(__file__).with_name("distributed_cases.py")


@pytest.fixture(scope="module")
def jobs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], dict]:
    for attempt in range(2):
        out = tmp_path_factory.mktemp(f"distributed{attempt}")
        done = subprocess.run(
            [sys.executable, str(CASES), "2", "healthy,dead,nan,dead-repair", str(out)],
            capture_output=True, text=True, timeout=1500, check=False,
        )  # fmt: skip
        # killed by a signal: TensorFlow's runtime crashed (one SIGSEGV in a CI run under
        # load, session 16; never reproduced in 3 runs here, 2 of them side by side), which is
        # not what this test judges: run the cases once more. A Python error is not retried.
        if done.returncode >= 0:
            break
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {(row["case"], row["replicas"]): row for row in rows}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "problem"),
    [("healthy", None), ("dead", "dying_relu"), ("nan", "exploding_gradient")],
)
def test_two_replicas_find_what_one_device_finds(jobs: dict, case: str, problem: str | None
                                                 ) -> None:  # fmt: skip
    one, two = jobs[(case, 1)], jobs[(case, 2)]
    for row in (one, two):
        expected = [problem] if problem else []
        assert row["fit_findings"][:1] == expected, row
        assert row["watch_findings"][:1] == expected, row
    assert two["fit_findings"] == one["fit_findings"]
    assert two["watch_findings"] == one["watch_findings"]
    assert two["fit_status"] == one["fit_status"]


@pytest.mark.slow
def test_repair_candidates_are_rebuilt_under_the_users_strategy(jobs: dict) -> None:
    one, two = jobs[("dead-repair", 1)], jobs[("dead-repair", 2)]
    assert one["fit_status"] == two["fit_status"] == "repaired", (one, two)
    assert one["final_replicas"] == 1 and two["final_replicas"] == 2
