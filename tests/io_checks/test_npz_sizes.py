"""An .npz member's header must declare the bytes it holds: checked before numpy allocates
the array (a header declaring 10**13 rows stopped the job with a MemoryError, exit 1)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest

from autotrainer_keras.errors import InputError
from autotrainer_keras.io.data import check_data_file
from autotrainer_keras.io.npz_sizes import check_declared_sizes


@pytest.mark.parametrize("save", [np.savez, np.savez_compressed])
def test_files_numpy_writes_pass_in_every_layout(save, tmp_path: Path) -> None:  # noqa: ANN001
    rng = np.random.default_rng(0)
    x = np.asfortranarray(rng.normal(size=(50, 3, 2)))
    arrays = {"x_train": x, "y_train": (np.arange(50) % 2).astype("int8"),
              "x_val": x[:5].astype("float16"), "y_val": np.zeros(5, bool)}  # fmt: skip
    path = tmp_path / "d.npz"
    save(path, **arrays)
    check_declared_sizes(path, "data")
    check_data_file(path)


@pytest.mark.parametrize("rows", [10**13, 65, 63])
def test_a_header_that_does_not_match_its_data_is_refused_before_loading(
    rows: int, tmp_path: Path
) -> None:
    import io

    path = tmp_path / "d.npz"
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f4", "fortran_order": False, "shape": (rows, 2)}
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("x_train.npy", header.getvalue() + b"\0" * (64 * 2 * 4))
        archive.writestr("y_train.npy", b"")
    with pytest.raises(InputError, match=rf"declares shape \({rows}, 2\) .* holds 512 bytes"):
        check_data_file(path)
