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


def assert_page_shows(html: str, report: dict) -> None:
    """report.html shows every detection (problem, reason, evidence and threshold names),
    every repair attempt with its outcome, at least two embedded PNGs, and nothing external."""
    from html import escape

    for d in report["detections"]:
        assert d["problem"].replace("_", " ").capitalize() in html
        for name in [*d["evidence"], *d["thresholds"]]:
            assert f"<code>{escape(name)}</code>" in html, name
    for d in report["detections"] + [d for r in report["repairs"] for d in r["detections"]]:
        assert escape(d["reason"]) in html
    for attempt in report["repairs"]:
        assert f"<code>{escape(attempt['attempt'])}</code>" in html
        assert f"st-{attempt['outcome']}" in html
    if not report["detections"]:
        assert "No problem was detected" in html
    assert len(embedded_pngs(html)) >= 2
    assert external_references(html) == []
