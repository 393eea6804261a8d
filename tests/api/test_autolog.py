"""MLflow autologging on: one job is one parent run with its nested runs, and nothing crashes.

Each test records into a sqlite store under tmp_path and switches autologging off again.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import autotrainer_keras

pytestmark = pytest.mark.medium


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A file-based MLflow store in tmp_path as the process's tracking URI."""
    import mlflow

    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    previous = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(uri)
    try:
        yield uri
    finally:
        mlflow.autolog(disable=True)
        mlflow.keras.autolog(disable=True)
        mlflow.set_tracking_uri(previous)


def runs(uri: str) -> list[Any]:
    from mlflow import MlflowClient

    client = MlflowClient(uri)
    ids = [e.experiment_id for e in client.search_experiments()]
    return list(client.search_runs(ids))


def _faulty() -> Any:
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from cli.inputs import circles, faulty_model

    x, y = circles(240)
    return faulty_model(), x, y


@pytest.mark.parametrize("autolog", ["mlflow.autolog", "mlflow.keras.autolog"])
def test_a_job_is_one_parent_run_with_nested_runs_only(
    autolog: str, store: str, tmp_path: Path
) -> None:
    import mlflow

    (mlflow.autolog if autolog == "mlflow.autolog" else mlflow.keras.autolog)()
    model, x, y = _faulty()
    result = autotrainer_keras.fit(
        model, x, y, epochs=3, config={"repair": {"max_attempts": 1}},
        output_dir=tmp_path / "out", verbose=False,
    )  # fmt: skip
    assert result.findings  # the faulty model made the job train more than once
    recorded = runs(store)
    parents = [r for r in recorded if "mlflow.parentRunId" not in r.data.tags]
    assert len(parents) == 1 and parents[0].data.tags["autotrainer.run_kind"] == "job"
    nested = [r for r in recorded if r is not parents[0]]
    assert len(nested) >= 2  # original + a repair
    assert all(r.data.tags["mlflow.parentRunId"] == parents[0].info.run_id for r in nested)
    assert all(r.data.tags.get("autotrainer.run_kind") == "attempt" for r in nested)
    assert mlflow.active_run() is None


def test_autologging_is_back_on_after_the_job(store: str, tmp_path: Path) -> None:
    import keras
    import mlflow

    mlflow.keras.autolog(log_models=False)
    model, x, y = _faulty()
    autotrainer_keras.fit(model, x, y, epochs=1, repair=False, output_dir=tmp_path, verbose=False)
    before = len(runs(store))
    plain = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, activation="sigmoid")])
    plain.compile(optimizer="adam", loss="binary_crossentropy")
    plain.fit(x, y, epochs=1, verbose=0)  # the user's own fit: autologged as before
    assert len(runs(store)) == before + 1
