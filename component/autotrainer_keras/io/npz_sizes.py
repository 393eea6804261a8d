"""The sizes an `.npz` archive's members declare, checked before numpy allocates them.

`numpy.load` reads each member's `.npy` header and allocates the array its shape declares
before reading the data: a header declaring 10**13 rows in a file of a few bytes stops the
job with a MemoryError instead of a bad-input refusal. Here each header's declared byte size
must match the bytes the member holds, as `numpy.save` writes them.
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import numpy as np

from autotrainer_keras.errors import InputError

HEADER_READERS = {
    (1, 0): np.lib.format.read_array_header_1_0,
    (2, 0): np.lib.format.read_array_header_2_0,
}
"""numpy's public header readers by format version (3.0, for non-ASCII field names, is left
to numpy.load)."""


def check_declared_sizes(path: Path, origin: str) -> None:
    """Refuse a member whose header declares more (or fewer) bytes than it holds.

    Members that are not plain `.npy` arrays (object arrays, unreadable headers) are left to
    `numpy.load`, which refuses them with its own message.

    Raises:
        InputError: A member's declared size does not match its contents.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        return  # numpy.load says why
    with archive:
        for info in archive.infolist():
            if not info.filename.endswith(".npy"):
                continue
            with archive.open(info) as member:
                try:
                    version = np.lib.format.read_magic(member)
                    read_header = HEADER_READERS.get(version)
                    if read_header is None:
                        continue
                    shape, _, dtype = read_header(member)
                    offset = member.tell()
                except (ValueError, OSError, EOFError, zipfile.BadZipFile):
                    continue
            if dtype.hasobject or any(side < 0 for side in shape):
                continue  # numpy.load refuses these itself
            declared = math.prod(shape) * dtype.itemsize
            held = info.file_size - offset
            if declared != held:
                raise InputError(
                    f"{origin}: member {info.filename!r} declares shape {tuple(shape)} of "
                    f"{dtype} ({declared:,} bytes) but holds {held:,} bytes: a damaged or "
                    "crafted file; write it again with numpy.savez"
                )
