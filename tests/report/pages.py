"""Reading report.html back: embedded images and external references."""

from __future__ import annotations

import base64
import re
import struct

DATA_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')
EXTERNAL = re.compile(
    r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
    re.IGNORECASE,
)


def embedded_pngs(html: str) -> list[tuple[int, int]]:
    """(width, height) of every embedded PNG; raises if one is not a PNG."""
    sizes = []
    for encoded in DATA_PNG.findall(html):
        data = base64.b64decode(encoded, validate=True)
        assert data[:8] == b"\x89PNG\r\n\x1a\n", "embedded image is not a PNG"
        assert data[12:16] == b"IHDR"
        sizes.append(struct.unpack(">II", data[16:24]))
    return sizes


def external_references(html: str) -> list[str]:
    return [match.group(0) for match in EXTERNAL.finditer(html)]
