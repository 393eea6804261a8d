"""From KFP artifact paths to the files `autotrainer-keras run` reads.

An input artifact is a file or a directory, and a file an upstream task wrote often has no
suffix (`.../model`), while Keras needs `.keras` or `.h5`: the format is then read from the
file's first bytes and a suffixed link is made in a scratch directory.
"""

from __future__ import annotations

from pathlib import Path

from autotrainer_keras.errors import InputError

MODEL_SUFFIXES = (".keras", ".h5", ".hdf5")
DATA_SUFFIXES = (".npz",)
_MAGIC = {b"PK\x03\x04": ".keras", b"\x89HDF\r\n\x1a\n": ".h5"}


def _single_file(directory: Path, suffixes: tuple[str, ...], preferred: str, what: str) -> Path:
    found = sorted(p for p in directory.iterdir() if p.is_file() and p.suffix in suffixes)
    named = [p for p in found if p.name == preferred]
    if named:
        return named[0]
    if len(found) == 1:
        return found[0]
    listing = ", ".join(p.name for p in found) or "none"
    raise InputError(
        f"{what} directory {directory}: expected {preferred} or exactly one "
        f"{'/'.join(suffixes)} file, found {listing}"
    )


def _sniffed_suffix(path: Path) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(8)
    for magic, suffix in _MAGIC.items():
        if head.startswith(magic):
            return suffix
    return None


def model_file(path: str | Path, scratch: Path) -> Path:
    """The Keras model file behind a Model artifact path.

    Args:
        path: The artifact's local path: a .keras/.h5 file, a file without a suffix, or a
            directory holding model.keras or exactly one .keras/.h5 file.
        scratch: Where a suffixed link is made when the file has no usable suffix.

    Raises:
        InputError: Nothing usable at `path`.
    """
    path = Path(path)
    if path.is_dir():
        return _single_file(path, MODEL_SUFFIXES, "model.keras", "model")
    if not path.is_file():
        raise InputError(f"model artifact not found: {path}")
    if path.suffix in MODEL_SUFFIXES:
        return path
    suffix = _sniffed_suffix(path)
    if suffix is None:
        raise InputError(f"model artifact {path}: neither a .keras (zip) nor an .h5 (HDF5) file")
    scratch.mkdir(parents=True, exist_ok=True)
    link = scratch / f"{path.name or 'model'}{suffix}"
    link.unlink(missing_ok=True)
    link.symlink_to(path.resolve())
    return link


def data_file(path: str | Path) -> Path:
    """The .npz file behind a Dataset artifact path (a file, or a directory holding one)."""
    path = Path(path)
    if path.is_dir():
        return _single_file(path, DATA_SUFFIXES, "data.npz", "dataset")
    if not path.is_file():
        raise InputError(f"dataset artifact not found: {path}")
    return path
