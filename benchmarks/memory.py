"""Peak resident memory of this process (Linux /proc; psutil is not installed here).

TF allocates outside Python's heap, so tracemalloc would miss it: read the kernel's RSS
high-water mark (VmHWM) instead, and reset it between runs through /proc/self/clear_refs.
"""

from __future__ import annotations

from pathlib import Path

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def _field_mb(name: str) -> float | None:
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith(f"{name}:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


def rss_mb() -> float | None:
    """Current resident set size in MB (None where /proc is missing)."""
    return _field_mb("VmRSS")


def peak_rss_mb() -> float | None:
    """Resident set high-water mark in MB since start or the last `reset_peak`."""
    return _field_mb("VmHWM")


def reset_peak() -> bool:
    """Reset the high-water mark to the current RSS (Linux >= 4.0). False when not possible."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True
