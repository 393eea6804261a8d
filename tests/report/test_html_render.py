"""report.html rendered by headless Chromium: the page and its images show (skips without it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from autotrainer_keras.record.html_report import write_html_report
from autotrainer_keras.record.report_model import JobReport

from .sample import sample_report

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TIMEOUT_SECONDS = 180  # a cold start on a busy 2-core machine


def chromium(page: Path, profile: Path, *mode: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (scripts/install-test-tools.sh installs it)")
    command = [
        CHROMIUM,
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--window-size=1200,2000", *mode, page.as_uri(),
    ]  # fmt: skip
    return subprocess.run(
        command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_html_report(tmp_path_factory.mktemp("html"), JobReport.from_dict(sample_report()))


def test_screenshot_shows_the_page_and_its_plots(page: Path, tmp_path: Path) -> None:
    import matplotlib.image

    shot = tmp_path / "shot.png"
    done = chromium(page, tmp_path / "profile", f"--screenshot={shot}")
    assert shot.is_file(), done.stderr[-2000:]
    pixels = matplotlib.image.imread(shot)[..., :3]
    assert pixels.shape[:2] == (2000, 1200)
    not_white = (pixels < 0.95).any(axis=-1).mean()
    assert not_white > 0.05, "the screenshot is (almost) blank"
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    coloured = (np.abs(red - blue) > 0.3) | (np.abs(green - blue) > 0.3)
    assert coloured.sum() > 500, "no coloured pixels: the status badge and plots did not show"


def test_dom_holds_the_findings_and_the_images(page: Path, tmp_path: Path) -> None:
    done = chromium(page, tmp_path / "profile", "--dump-dom")
    dom = done.stdout
    assert "Vanishing gradient" in dom, done.stderr[-2000:]
    report = sample_report()
    assert report["detections"][0]["reason"].split(" (")[0] in dom
    for attempt in report["repairs"]:
        assert attempt["attempt"] in dom
    assert dom.count('src="data:image/png;base64,') == 2
