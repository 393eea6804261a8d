"""Data for the batch-93 cases (geospatial trajectories and mobility), all generated: GPS
trajectory segments (latitude, longitude, unix timestamp, reported speed) of four transport
modes with mode-dependent speed profiles, stops, turning and GPS jitter; random walks on a
street grid of 10 x 10 cells (cell ids for next-cell prediction); taxi-like trips in a city
with origin, destination and departure time and a travel time that depends on the road
distance, the hour, the weekday and the centre; and GPS traces that alternate stays and moves
(a stay / move label per point). Data seeds 9300, 9301, 9302, 9303; no downloads; cached.
"""

from __future__ import annotations

from functools import cache

import numpy as np

EARTH_RADIUS = 6_371_000.0  # metres
CENTRE = (39.9042, 116.4074)  # the generated city's centre (lat, lon in degrees)
T0 = 1_700_000_000.0  # unix seconds: November 2023
MODES = ("walk", "bike", "bus", "car")
GRID = 10  # street-grid cells per side
N_CELLS = GRID * GRID  # cell ids 1..100, 0 is padding


def metres_to_degrees(north: np.ndarray, east: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Local offsets in metres (north, east) from CENTRE -> latitude, longitude in degrees."""
    lat = CENTRE[0] + np.degrees(north / EARTH_RADIUS)
    lon = CENTRE[1] + np.degrees(east / (EARTH_RADIUS * np.cos(np.radians(CENTRE[0]))))
    return lat, lon


def _speed_profile(rng: np.random.Generator, mode: int, n: int) -> np.ndarray:
    """Speeds (m/s) of one segment: walk ~1.3, bike ~4.5, bus ~8 with stops every 10-25
    points, car ~11 with traffic-light stops and wider variation."""
    if mode == 0:
        base = rng.normal(1.3, 0.3)
        v = base + rng.normal(0.0, 0.35, n)
    elif mode == 1:
        base = rng.normal(4.5, 1.0)
        v = base + np.cumsum(rng.normal(0.0, 0.3, n)) * 0.5
    else:
        base = rng.normal(8.0, 1.5) if mode == 2 else rng.normal(11.0, 3.0)
        v = base + np.cumsum(rng.normal(0.0, 0.5, n)) * 0.4
        t = 0
        every = (10, 25) if mode == 2 else (20, 60)
        while t < n:
            t += int(rng.integers(*every))
            stop = int(rng.integers(2, 6)) if mode == 2 else int(rng.integers(0, 4))
            ramp = np.linspace(0.2, 1.0, 3)
            v[t:t + stop] = rng.uniform(0.0, 0.5)
            v[t + stop:t + stop + 3] *= ramp[:len(v[t + stop:t + stop + 3])]
            t += stop
    return np.clip(v, 0.0, 30.0)


@cache
def mode_segments(n_train: int = 1600, n_val: int = 400, length: int = 64
                  ) -> list[np.ndarray]:  # fmt: skip
    """Transport-mode segments (seed 9300): `length` GPS fixes every 4-6 s (irregular), the
    true path integrated from a mode-dependent speed profile and a heading random walk (walks
    turn most), starting anywhere within 6 km of the centre, each fix jittered by N(0, 6 m);
    the reported speed is the true speed + N(0, 0.6 m/s), clipped at 0. Returns points,
    labels, pointsval, labelsval: points float64 (n, length, 4) = latitude, longitude (degrees),
    unix timestamp (s), reported speed (m/s); labels int (n,) in 0..3 (walk, bike, bus, car)."""
    rng = np.random.default_rng(9300)
    n = n_train + n_val
    points = np.empty((n, length, 4), dtype="float64")
    labels = rng.integers(0, 4, size=n)
    turn = (0.35, 0.15, 0.08, 0.1)
    for i in range(n):
        mode = int(labels[i])
        v = _speed_profile(rng, mode, length)
        dt = rng.uniform(4.0, 6.0, length)
        dt[0] = 0.0
        heading = rng.uniform(0, 2 * np.pi) + np.cumsum(rng.normal(0.0, turn[mode], length))
        step = v * dt
        north0, east0 = rng.uniform(-6000, 6000, 2)
        north = north0 + np.cumsum(step * np.cos(heading)) + rng.normal(0.0, 6.0, length)
        east = east0 + np.cumsum(step * np.sin(heading)) + rng.normal(0.0, 6.0, length)
        lat, lon = metres_to_degrees(north, east)
        start = T0 + rng.uniform(0, 30 * 86400)
        points[i, :, 0], points[i, :, 1] = lat, lon
        points[i, :, 2] = start + np.cumsum(dt)
        points[i, :, 3] = np.clip(v + rng.normal(0.0, 0.6, length), 0.0, None)
    return [points[:n_train], labels[:n_train], points[n_train:], labels[n_train:]]


@cache
def grid_walks(n_train: int = 6000, n_val: int = 1500, max_len: int = 12
               ) -> list[np.ndarray]:  # fmt: skip
    """Next-cell data (seed 9301): walks on a 10 x 10 street grid; each step keeps its
    direction with p 0.55, turns left / right with p 0.35 (toward the walker's goal with p
    0.75: home, cell (2, 2), at night (hours 18-6), work, cell (7, 7), by day), stays with p
    0.1; the grid's edges turn it back. A history of 4..12 visited cells (ids row * 10 + col
    + 1, the most recent last) and the next cell as target. Returns hist, hour, target,
    histval, hourval, targetval: hist an object array of int arrays (unpadded, the scripts pad
    them); hour int (n,) 0..23; target int (n,) 1..100."""
    rng = np.random.default_rng(9301)
    n = n_train + n_val
    moves = np.array([[1, 0], [0, 1], [-1, 0], [0, -1]])  # north, east, south, west
    hists, hours, targets = [], np.empty(n, dtype="int64"), np.empty(n, dtype="int64")
    for i in range(n):
        hour = int(rng.integers(0, 24))
        goal = np.array([2, 2]) if (hour >= 18 or hour < 6) else np.array([7, 7])
        pos = rng.integers(0, GRID, 2)
        d = int(rng.integers(4))
        length = int(rng.integers(4, max_len + 1))
        cells = []
        for _ in range(length + 1):
            cells.append(int(pos[0] * GRID + pos[1] + 1))
            r = rng.random()
            if r < 0.1:
                continue
            if r >= 0.65:
                options = [(d + 1) % 4, (d + 3) % 4]
                gain = [np.abs(goal - (pos + moves[o])).sum() for o in options]
                d = options[int(np.argmin(gain))] if rng.random() < 0.75 else options[
                    int(rng.integers(2))]
            nxt = pos + moves[d]
            if (nxt < 0).any() or (nxt >= GRID).any():
                d = (d + 2) % 4
                nxt = pos + moves[d]
            pos = nxt
        hists.append(np.array(cells[:-1], dtype="int64"))
        hours[i], targets[i] = hour, cells[-1]
    raw = np.empty(n, dtype=object)
    raw[:] = hists
    return [raw[:n_train], hours[:n_train], targets[:n_train],
            raw[n_train:], hours[n_train:], targets[n_train:]]  # fmt: skip


@cache
def taxi_trips(n_train: int = 6000, n_val: int = 1500) -> list[np.ndarray]:
    """ETA data (seed 9302): origins and destinations uniform within 12 km of the centre
    (at least 500 m apart), a departure time within four weeks (unix seconds); the road
    distance is the haversine distance times a detour factor 1.25..1.45; the speed is 9 m/s
    by day, 5.5 in the rush hours of working days (7-9 h, 16-19 h), 13 at night (22-6 h),
    +15 % at weekends, -30 % when the trip's midpoint is within 3 km of the centre; travel
    time = 90 s + road distance / speed, times a lognormal noise (sd 0.12). Returns table,
    seconds, tableval, secondsval: table float64 (n, 5) = origin lat, origin lon, destination
    lat, destination lon (degrees), departure unix time (s); seconds float64 (n,)."""
    rng = np.random.default_rng(9302)
    n = n_train + n_val

    def place(count: int) -> tuple[np.ndarray, np.ndarray]:
        r = 12000 * np.sqrt(rng.random(count))
        a = rng.uniform(0, 2 * np.pi, count)
        return r * np.cos(a), r * np.sin(a)

    on, oe = place(n)
    dn, de = place(n)
    close = np.hypot(on - dn, oe - de) < 500
    while close.any():
        dn[close], de[close] = place(int(close.sum()))
        close = np.hypot(on - dn, oe - de) < 500
    olat, olon = metres_to_degrees(on, oe)
    dlat, dlon = metres_to_degrees(dn, de)
    depart = T0 + rng.uniform(0, 28 * 86400, n)
    dist = haversine(olat, olon, dlat, dlon) * rng.uniform(1.25, 1.45, n)
    local = depart + 8 * 3600  # UTC+8 local time
    hour = (local % 86400) / 3600
    day = ((local // 86400).astype(int) + 3) % 7  # 0 Monday .. 6 Sunday (day 0 a Thursday)
    weekend = day >= 5
    rush = ~weekend & (((hour >= 7) & (hour < 9)) | ((hour >= 16) & (hour < 19)))
    night = (hour >= 22) | (hour < 6)
    speed = np.where(rush, 5.5, np.where(night, 13.0, 9.0)) * np.where(weekend, 1.15, 1.0)
    central = np.hypot((on + dn) / 2, (oe + de) / 2) < 3000
    speed = speed * np.where(central, 0.7, 1.0)
    seconds = (90.0 + dist / speed) * np.exp(rng.normal(0.0, 0.12, n))
    table = np.stack([olat, olon, dlat, dlon, depart], axis=1)
    return [table[:n_train], seconds[:n_train], table[n_train:], seconds[n_train:]]


def haversine(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
              ) -> np.ndarray:  # fmt: skip
    """Great-circle distance in metres between points given in degrees."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


@cache
def stay_traces(n_train: int = 700, n_val: int = 200, length: int = 96
                ) -> list[np.ndarray]:  # fmt: skip
    """Stay-point data (seed 9303): traces of `length` fixes every 8-12 s that alternate
    stays (8-30 fixes within N(0, 10 m) of a point, the reported speed N(0.2, 0.3) clipped at
    0) and moves (walking 1.4 or driving 8 m/s, 6-25 fixes, with turns), GPS jitter N(0, 6 m)
    on every fix. Returns points, stay, pointsval, stayval: points float64 (n, length, 4) =
    latitude, longitude, unix timestamp, reported speed; stay float32 (n, length) 1 at a stay
    fix, 0 while moving."""
    rng = np.random.default_rng(9303)
    n = n_train + n_val
    points = np.empty((n, length, 4), dtype="float64")
    stay = np.zeros((n, length), dtype="float32")
    for i in range(n):
        north, east = np.empty(length), np.empty(length)
        speed = np.empty(length)
        pos = rng.uniform(-5000, 5000, 2)
        heading = rng.uniform(0, 2 * np.pi)
        t, staying = 0, rng.random() < 0.5
        while t < length:
            if staying:
                k = int(rng.integers(8, 31))
                sl = slice(t, min(t + k, length))
                m = sl.stop - sl.start
                north[sl] = pos[0] + rng.normal(0.0, 10.0, m)
                east[sl] = pos[1] + rng.normal(0.0, 10.0, m)
                speed[sl] = np.clip(rng.normal(0.2, 0.3, m), 0.0, None)
                stay[i, sl] = 1.0
            else:
                k = int(rng.integers(6, 26))
                sl = slice(t, min(t + k, length))
                m = sl.stop - sl.start
                v = (1.4 if rng.random() < 0.5 else 8.0) * rng.uniform(0.7, 1.3)
                heading = heading + np.cumsum(rng.normal(0.0, 0.2, m))
                step = v * 10.0
                nn = pos[0] + np.cumsum(step * np.cos(heading))
                ee = pos[1] + np.cumsum(step * np.sin(heading))
                north[sl], east[sl] = nn, ee
                speed[sl] = np.clip(v + rng.normal(0.0, 0.6, m), 0.0, None)
                pos = np.array([nn[-1], ee[-1]])
                heading = heading[-1]
            t += k
            staying = not staying
        north += rng.normal(0.0, 6.0, length)
        east += rng.normal(0.0, 6.0, length)
        lat, lon = metres_to_degrees(north, east)
        dt = rng.uniform(8.0, 12.0, length)
        dt[0] = 0.0
        points[i, :, 0], points[i, :, 1] = lat, lon
        points[i, :, 2] = T0 + rng.uniform(0, 30 * 86400) + np.cumsum(dt)
        points[i, :, 3] = speed
    return [points[:n_train], stay[:n_train], points[n_train:], stay[n_train:]]
