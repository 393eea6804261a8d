"""Opening a `.keras` archive with limits, before Keras (or anything else) inflates it.

A `.keras` file is a zip of `metadata.json`, `config.json` and `model.weights.h5` (plus
assets). A few hundred kilobytes can declare gigabytes (a zip bomb), and Keras reads the
config whole. As pip and Python's own `zipfile` guidance do, the archive's directory is
checked first: the number of entries, each entry's declared size, the compression ratio of
large entries, the total, and entry names that would leave an extraction folder. Reading is
bounded by the declared sizes (`zipfile` stops there), so checking them bounds the memory.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

MAX_ENTRIES = 1_000
"""Entries in one archive (Keras writes 3, plus one per asset file)."""
MAX_CONFIG_BYTES = 64 << 20
"""Largest `config.json` / `metadata.json` (a 1,000-layer model's config is about 2 MB)."""
MAX_TOTAL_BYTES = 32 << 30
"""Largest total uncompressed size (weights of a 8-billion-parameter float32 model)."""
MAX_RATIO = 200
"""Largest compression ratio of an entry over `RATIO_FLOOR` bytes other than the JSON ones
(which have `MAX_CONFIG_BYTES`; repetitive JSON compresses far): Keras weights are about 1.1."""
RATIO_FLOOR = 1 << 20
"""Entries smaller than this (uncompressed) are not ratio-checked: they cannot hurt."""
JSON_ENTRIES = ("config.json", "metadata.json")


class ArchiveLimitError(ValueError):
    """The archive is outside the limits; the message says which and by how much."""


def _check_entry(info: zipfile.ZipInfo) -> None:
    name = info.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
        raise ArchiveLimitError(f"entry {name!r} points outside the archive")
    if name in JSON_ENTRIES and info.file_size > MAX_CONFIG_BYTES:
        raise ArchiveLimitError(
            f"{name} inflates to {info.file_size:,} bytes; at most {MAX_CONFIG_BYTES:,}"
        )
    if info.file_size > RATIO_FLOOR and name not in JSON_ENTRIES:  # JSON: capped in size
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO:
            raise ArchiveLimitError(
                f"entry {name!r} is compressed {ratio:,.0f}:1 ({info.compress_size:,} -> "
                f"{info.file_size:,} bytes); at most {MAX_RATIO}:1 (a zip bomb?)"
            )


def check_archive(archive: zipfile.ZipFile) -> None:
    """Raise ArchiveLimitError when the archive's directory is outside the limits."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ArchiveLimitError(f"{len(infos):,} entries; at most {MAX_ENTRIES:,}")
    total = 0
    for info in infos:
        _check_entry(info)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise ArchiveLimitError(f"inflates to {total:,} bytes in all; at most {MAX_TOTAL_BYTES:,}")


def read_keras_config(path: Path) -> dict[str, Any]:
    """The model config of a `.keras` archive, after `check_archive`.

    Raises:
        ArchiveLimitError: The archive is outside the limits.
        zipfile.BadZipFile, KeyError, ValueError: Not a Keras archive.
    """
    with zipfile.ZipFile(path) as archive:
        check_archive(archive)
        with archive.open("config.json") as handle:
            config = json.loads(handle.read(MAX_CONFIG_BYTES + 1))
    if not isinstance(config, dict):
        raise ValueError(f"config.json holds a {type(config).__name__}, not a model config")
    return config
