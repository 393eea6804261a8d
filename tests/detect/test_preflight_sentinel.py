"""The sentinel-values pre-flight rule and its measurement: missing values filled with a
far-off stand-in (`fillna(-999)`), before or after scaling the column as a whole."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.preprocessing import StandardScaler

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight import preflight
from autotrainer_keras.detect.preflight.sentinel_values import sentinel_values
from autotrainer_keras.measure.sentinel_values import sentinel_columns
from autotrainer_keras.problems import SetupProblem
from tests.detect.test_preflight_rules import mlp, sheet

T = PreflightThresholds()


def table(seed: int, missing: float = 0.3, fill: float | None = -999.0,
          scale: bool = True) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Six columns of unit scale, `missing` of the first three's values filled with `fill`
    (None: the median), then standardised as a whole when `scale`; labels from the columns."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(800, 6))
    y = (x[:, :3].sum(axis=1) > 0).astype("float32")
    gaps = rng.random((800, 3)) < missing
    x[:, :3][gaps] = np.median(x[:, :3]) if fill is None else fill
    if scale:
        x = StandardScaler().fit_transform(x)
    return x.astype("float32"), y


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("scale", [True, False])
def test_a_filled_sentinel_is_named_before_or_after_scaling(seed: int, scale: bool) -> None:
    x, y = table(seed, scale=scale)
    finding = sentinel_values(sheet(mlp(6, 1, "sigmoid"), x, y, "binary_crossentropy"), T)
    assert finding is not None and finding.problem is SetupProblem.SENTINEL_VALUES
    assert finding.evidence["columns"] == 3 and finding.evidence["spread"] < T.sentinel_spread / 5
    assert finding.evidence["column"] in (0, 1, 2) and "impute" in finding.reason


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_median_imputation_and_ordinary_columns_are_quiet(seed: int) -> None:
    rng = np.random.default_rng(seed)
    imputed, y = table(seed, fill=None)
    flags = (rng.random((800, 4)) < 0.2).astype("float32")  # 0/1 columns: one repeated value
    counts = rng.poisson(0.3, size=(800, 2)).astype("float32")  # mostly zeros, small codes
    zero_inflated = np.where(rng.random(800) < 0.8, 0.0, rng.lognormal(3, 1, 800))
    capped = np.minimum(rng.lognormal(0, 0.5, 800), 2.0)  # a cap the values pile up at
    x = np.column_stack([imputed, flags, counts, zero_inflated, capped]).astype("float32")
    assert sentinel_values(sheet(mlp(x.shape[1], 1, "sigmoid"), x, y, "binary_crossentropy"),
                           T) is None  # fmt: skip
    assert sentinel_columns(x) == ()


def test_a_rare_sentinel_below_the_share_is_measured_not_named() -> None:
    x, y = table(0, missing=0.01)
    measured = sentinel_columns(x)
    assert measured and all(c.share < T.sentinel_share for c in measured)
    assert sentinel_values(sheet(mlp(6, 1, "sigmoid"), x, y, "binary_crossentropy"), T) is None


def test_preflight_names_the_sentinel_before_the_unscaled_columns() -> None:
    """Raw columns with -999: scaling them (the unscaled-input fix) squashes the real values
    just the same, so the sentinel is the finding listed first."""
    x, y = table(0, scale=False)
    problems = [f.problem for f in preflight(sheet(mlp(6, 1, "sigmoid"), x, y,
                                                   "binary_crossentropy"))]  # fmt: skip
    assert problems[0] is SetupProblem.SENTINEL_VALUES
