"""Data for the batch-30 cases: generated simulator tables for surrogate regression (data
seed 0, no downloads).

Batch 30 is scientific and engineering surrogate regression as practitioners write it: an
MLP learns a physical law or a simulator's response from generated runs. Each table holds
the inputs in their SI units, as a simulator writes them (values from 1e-6 to 1e4 in one
row), and the responses in their units (positive quantities spanning several decades, or a
signed displacement); float64, as NumPy makes them. Rows are in random order; the first
80 % train. Each function returns the data as a script receives it; every transform (logs,
scaling, angle encodings) is the script's own.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED
from benchmarks.practice.batch26_data import first_rows_train

G = 9.81


def _log_uniform(rng: np.random.Generator, lo: float, hi: float, n: int) -> np.ndarray:
    return np.exp(rng.uniform(np.log(lo), np.log(hi), size=n))


@cache
def wall_heat_flow(n: int = 4000) -> tuple[np.ndarray, ...]:
    """Steady heat flow through a wall with a contact resistance and a convective film:
    Q = A dT / (L / k + R_c + 1 / h) in W, times log-normal noise (sd 3 %). Inputs (SI):
    conductivity k 0.02-400 W/(m K), thickness L 1e-3-0.3 m, contact resistance R_c
    1e-6-1e-2 m^2 K/W, film coefficient h 2-1e4 W/(m^2 K), area A 1e-2-50 m^2, temperature
    difference dT 1-200 K. Q spans about 10 decades (1e-3 to 1e7 W). Returns x, xval (n, 6),
    q, qval (n,), float64."""
    rng = np.random.default_rng(DATA_SEED)
    k = _log_uniform(rng, 0.02, 400, n)
    thick = _log_uniform(rng, 1e-3, 0.3, n)
    rc = _log_uniform(rng, 1e-6, 1e-2, n)
    h = _log_uniform(rng, 2, 1e4, n)
    area = _log_uniform(rng, 1e-2, 50, n)
    dt = rng.uniform(1, 200, n)
    q = area * dt / (thick / k + rc + 1 / h) * np.exp(rng.normal(0, 0.03, n))
    x = np.stack([k, thick, rc, h, area, dt], axis=1)
    return tuple(first_rows_train(n, x, q))


@cache
def reaction_rate(n: int = 4000) -> tuple[np.ndarray, ...]:
    """An Arrhenius rate law r = A exp(-Ea / (R T)) C_A C_B^0.5 (A = 1e9, Ea = 90 kJ/mol)
    in mol/(m^3 s), times log-normal noise (sd 5 %). Inputs: temperature T 400-700 K,
    concentrations C_A and C_B 1e-2-1e2 mol/m^3, pressure 1e4-1e6 Pa (no effect on the
    rate: a column the simulator logs). r spans about 11 decades. Returns x, xval (n, 4),
    r, rval (n,), float64."""
    rng = np.random.default_rng(DATA_SEED + 1)
    temp = rng.uniform(400, 700, n)
    ca = _log_uniform(rng, 1e-2, 1e2, n)
    cb = _log_uniform(rng, 1e-2, 1e2, n)
    pressure = _log_uniform(rng, 1e4, 1e6, n)
    rate = 1e9 * np.exp(-9e4 / (8.314 * temp)) * ca * np.sqrt(cb)
    rate *= np.exp(rng.normal(0, 0.05, n))
    x = np.stack([temp, ca, cb, pressure], axis=1)
    return tuple(first_rows_train(n, x, rate))


@cache
def damped_oscillator(n: int = 5000) -> tuple[np.ndarray, ...]:
    """The free response of a damped mass-spring system released from x0 = 0.05 m at rest:
    displacement x(t) in m (signed, -0.05..0.05), plus noise (sd 5e-4 m). Inputs: mass m
    0.1-10 kg, stiffness k (N/m, m w^2 with w 1-8 rad/s: 0.1-640), damping c (N s/m, 2 zeta
    sqrt(k m), zeta 0.05-0.5), time t 0-2 s. Returns x, xval (n, 4), d, dval (n,), float64."""
    rng = np.random.default_rng(DATA_SEED + 2)
    mass = _log_uniform(rng, 0.1, 10, n)
    omega = _log_uniform(rng, 1, 8, n)
    zeta = rng.uniform(0.05, 0.5, n)
    t = rng.uniform(0, 2, n)
    stiff = mass * omega**2
    damp = 2 * zeta * np.sqrt(stiff * mass)
    wd = omega * np.sqrt(1 - zeta**2)
    phase = np.cos(wd * t) + zeta / np.sqrt(1 - zeta**2) * np.sin(wd * t)
    disp = 0.05 * np.exp(-zeta * omega * t) * phase
    disp += rng.normal(0, 5e-4, n)
    x = np.stack([mass, stiff, damp, t], axis=1)
    return tuple(first_rows_train(n, x, disp))


@cache
def cantilever(n: int = 4000) -> tuple[np.ndarray, ...]:
    """A steel cantilever (E 210 GPa, density 7850 kg/m^3) of rectangular section (width
    = depth / 2) with a tip load: inputs load P 10-1e5 N, length L 0.5-8 m, section depth
    d 0.02-0.5 m; three outputs in their units: tip deflection P L^3 / (3 E I) in m, the
    root bending stress P L (d / 2) / I in Pa, the first natural frequency (1.875^2 / 2 pi)
    sqrt(E I / (rho A L^4)) in Hz; each times log-normal noise (sd 2 %). Deflection spans
    about 11 decades, stress about 8, frequency about 3. Returns x, xval (n, 3), y, yval
    (n, 3), float64."""
    rng = np.random.default_rng(DATA_SEED + 3)
    load = _log_uniform(rng, 10, 1e5, n)
    length = rng.uniform(0.5, 8, n)
    depth = _log_uniform(rng, 0.02, 0.5, n)
    e_mod, rho = 2.1e11, 7850.0
    width = depth / 2
    inertia = width * depth**3 / 12
    deflection = load * length**3 / (3 * e_mod * inertia)
    stress = load * length * (depth / 2) / inertia
    freq = 1.875**2 / (2 * np.pi) * np.sqrt(e_mod * inertia / (rho * width * depth * length**4))
    y = np.stack([deflection, stress, freq], axis=1) * np.exp(rng.normal(0, 0.02, (n, 3)))
    x = np.stack([load, length, depth], axis=1)
    return tuple(first_rows_train(n, x, y))


@cache
def projectile_range(n: int = 4000) -> tuple[np.ndarray, ...]:
    """A projectile's ground range in a horizontal wind with a linear drag correction:
    flight time T = 2 v0 sin(theta) / g, downrange (v0 cos(theta) / (1 + kd v0 T) + w
    cos(phi)) T, crossrange w sin(phi) T, the range their norm in m, plus noise (sd 1 %).
    Inputs: muzzle speed v0 10-120 m/s, elevation theta 10-80 degrees, wind speed w 0-30 m/s,
    wind direction phi 0-360 degrees (the direction the wind blows to, 0 = downrange; 359 is
    next to 1), drag coefficient kd 1e-4-1e-2 1/m. Returns x, xval (n, 5), r, rval (n,),
    float64."""
    rng = np.random.default_rng(DATA_SEED + 4)
    v0 = rng.uniform(10, 120, n)
    theta = rng.uniform(10, 80, n)
    wind = rng.uniform(0, 30, n)
    phi = rng.uniform(0, 360, n)
    kd = _log_uniform(rng, 1e-4, 1e-2, n)
    th, ph = np.radians(theta), np.radians(phi)
    flight = 2 * v0 * np.sin(th) / G
    down = (v0 * np.cos(th) / (1 + kd * v0 * flight) + wind * np.cos(ph)) * flight
    cross = wind * np.sin(ph) * flight
    rng_m = np.hypot(down, cross) * np.exp(rng.normal(0, 0.01, n))
    x = np.stack([v0, theta, wind, phi, kd], axis=1)
    return tuple(first_rows_train(n, x, rng_m))
