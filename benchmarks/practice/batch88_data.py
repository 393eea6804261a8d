"""Data for the batch-88 cases (financial time series): generated daily multi-asset panels
whose log returns follow GARCH(1, 1) volatility with Student-t (df 5) innovations, a small
positive drift and a weak but real predictable part in the mean: a mean-reversion effect on
the previous day's standardised return, the same sign for every asset (seed 8800) or of
opposite signs for alternate assets (even assets mean-revert, odd ones continue: seed 8801,
the panel that needs an asset id). Prices are 100 * exp(cumsum(returns)). No downloads; every
array float32. Splits are chronological: the first 75 % of the days of every asset train,
the last 25 % validate.
"""

from __future__ import annotations

from functools import cache

import numpy as np

N_ASSETS = 8
N_DAYS = 1400
TRAIN_FRACTION = 0.75


@cache
def panel(mixed: bool = False) -> dict[str, np.ndarray]:
    """(N_ASSETS, N_DAYS) daily log returns, conditional volatilities and prices.

    Each asset has an unconditional daily volatility of 0.6..2.5 %, GARCH alpha 0.06 /
    beta 0.92, t(5) innovations scaled to unit variance and a drift of 0.03 % a day; the
    standardised return carries phi * (the previous standardised return) with phi = -0.45
    for every asset (`mixed` False, seed 8800) or -0.45 / +0.45 for even / odd assets
    (`mixed` True, seed 8801). Returns {"returns", "sigma", "prices", "phi"}."""
    rng = np.random.default_rng(8801 if mixed else 8800)
    base = rng.uniform(0.006, 0.025, size=N_ASSETS)
    phi = np.full(N_ASSETS, -0.45)
    if mixed:
        phi[1::2] = 0.45
    alpha, beta = 0.06, 0.92
    burn = 200
    total = N_DAYS + burn
    shocks = rng.standard_t(5, size=(N_ASSETS, total)) / np.sqrt(5.0 / 3.0)
    returns = np.zeros((N_ASSETS, total))
    sigma = np.zeros((N_ASSETS, total))
    var = base**2
    omega = var * (1.0 - alpha - beta)
    h = var.copy()
    z_prev = np.zeros(N_ASSETS)
    eps_prev = np.zeros(N_ASSETS)
    for t in range(total):
        h = omega + alpha * eps_prev**2 + beta * h
        s = np.sqrt(h)
        z = phi * z_prev + np.sqrt(1.0 - phi**2) * shocks[:, t]
        eps = s * z
        returns[:, t] = 0.0003 + eps
        sigma[:, t] = s
        z_prev, eps_prev = z, eps
    returns, sigma = returns[:, burn:], sigma[:, burn:]
    prices = 100.0 * np.exp(np.cumsum(returns, axis=1))
    return {"returns": returns.astype("float32"), "sigma": sigma.astype("float32"),
            "prices": prices.astype("float32"), "phi": phi.astype("float32")}  # fmt: skip


def split_day() -> int:
    """The first validation day (chronological split)."""
    return int(N_DAYS * TRAIN_FRACTION)
