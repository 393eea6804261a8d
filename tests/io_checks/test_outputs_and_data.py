"""Outputs with normal permissions (issue 14, point 14); data finite in float32 (point 9)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import numpy as np
import pytest

from autotrainer_keras.errors import InputError
from autotrainer_keras.io.atomic import write_atomic, write_json_atomic, write_text_atomic
from autotrainer_keras.io.data import dataset_from_arrays


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_outputs_get_the_mode_open_would_give(umask: int, mode: int, tmp_path: Path) -> None:
    previous = os.umask(umask)
    try:
        paths = [
            write_text_atomic(tmp_path / "final_config.yaml", "a: 1\n"),
            write_json_atomic(tmp_path / "report.json", {"a": 1}),
            write_atomic(tmp_path / "model.keras", lambda tmp: tmp.write_bytes(b"x")),
        ]
        plain = tmp_path / "plain.txt"
        plain.write_text("x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(plain.stat().st_mode) == mode
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == mode, path.name


def test_float64_values_beyond_float32_are_refused() -> None:
    x = np.ones((10, 2))
    x[3, 1] = 1e300  # finite in float64, Inf in float32
    with pytest.raises(InputError, match="beyond float32's range"):
        dataset_from_arrays({"x_train": x, "y_train": np.zeros(10)}, 0.3, 0)
    edge = np.full((10, 2), float(np.finfo(np.float32).max))
    assert np.isfinite(edge.astype(np.float32)).all()
    dataset_from_arrays({"x_train": edge, "y_train": np.zeros(10)}, 0.3, 0)  # the edge passes


def test_a_csv_passed_as_data_is_named_as_not_a_zip_file(tmp_path: Path) -> None:
    """numpy.load read it as a pickle and the message suggested allow_pickle=True."""
    from autotrainer_keras.io.data import check_data_file

    path = tmp_path / "data.csv"
    path.write_text("x1,x2,y\n0.1,0.2,0\n0.3,0.4,1\n")
    with pytest.raises(InputError) as error:
        check_data_file(path)
    message = str(error.value)
    assert message == (
        f"data file {path} is not a readable .npz archive (not a zip file: a CSV or text "
        "file?); save the arrays with numpy.savez(path, x_train=..., y_train=...)"
    )
    assert "pickle" not in message


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ({"x_valid": 20, "y_valid": 20}, "x_valid, y_valid (did you mean x_val, y_val?)"),
        ({"x_test": 20, "y_test": 20}, "unknown key(s) x_test, y_test; allowed: x_train"),
        ({"feature_names": 2}, "unknown key(s) feature_names; allowed: x_train, y_train, x_val"),
    ],
)
def test_an_unknown_key_in_the_data_file_is_refused(
    tmp_path: Path, extra: dict[str, int], fragment: str
) -> None:
    """`x_valid`/`y_valid` were ignored: the job split its validation off x_train instead."""
    from autotrainer_keras.io.data import check_data_file

    x, y = np.ones((40, 2), "float32"), np.zeros(40, "float32")
    arrays = {"x_train": x, "y_train": y}
    arrays.update({key: (x if key.startswith("x") else y)[:rows] for key, rows in extra.items()})
    path = tmp_path / "data.npz"
    np.savez(path, **arrays)
    with pytest.raises(InputError) as error:
        check_data_file(path)
    assert str(error.value).startswith(f"data file {path}: unknown key(s) "), error.value
    assert fragment in str(error.value)
