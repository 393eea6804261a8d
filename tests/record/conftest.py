"""Fixtures of the record tests."""

from __future__ import annotations

from typing import Any

import pytest

from .jobs import tiny_model


@pytest.fixture(scope="session")
def model() -> Any:
    """A compiled Dense 4 -> 1 Keras model (built once: importing Keras is the slow part)."""
    return tiny_model()
