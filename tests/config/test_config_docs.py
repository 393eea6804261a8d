"""docs/config.md is generated from the config models; it must not drift."""

from pathlib import Path

from autotrainer_keras.config.docs import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "config.md"


def test_config_reference_matches_the_code():
    assert DOC.read_text() == render(), (
        "docs/config.md is stale: run "
        ".venv/bin/python -m autotrainer_keras.config.docs > docs/config.md"
    )


def test_every_documented_section_is_in_the_reference():
    text = render()
    for section in ("training", "monitor", "detection", "detection.paper", "repair", "tracking"):
        assert f"## `{section}`" in text
