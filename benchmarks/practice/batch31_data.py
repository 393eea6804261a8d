"""Data for the batch-31 cases: logs of small simulated control problems for behaviour
cloning, dynamics models, value regression and reward models (data seed 0, no downloads).

Batch 31 is control, decision-making and offline reinforcement-learning-style supervised
learning as practitioners write it: a scripted controller runs a simulated environment
(a cart-pole, a pendulum, a grid world) and its log of states, actions, rewards and
episode ids is what a script receives; every transform (scaling, returns, frame stacks,
masks) is the script's own. Episodes are kept whole: the first 80 % of the episodes train,
the rest validate.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

G = 9.8


def _split(episode: np.ndarray, *arrays: np.ndarray) -> list[np.ndarray]:
    """Whole episodes: the first 80 % of the episode ids train, the rest validate."""
    cut = int(episode.max() * 0.8)
    train = episode < cut
    out: list[np.ndarray] = []
    for a in arrays:
        out += [a[train], a[~train]]
    return out


def _cartpole_step(s: np.ndarray, force: np.ndarray, dt: float) -> np.ndarray:
    """Classic cart-pole equations (cart 1 kg, pole 0.1 kg, half-length 0.5 m)."""
    x, xd, th, thd = s.T
    mc, mp, half = 1.0, 0.1, 0.5
    total = mc + mp
    cos, sin = np.cos(th), np.sin(th)
    temp = (force + mp * half * thd**2 * sin) / total
    thacc = (G * sin - cos * temp) / (half * (4 / 3 - mp * cos**2 / total))
    xacc = temp - mp * half * thacc * cos / total
    return np.stack([x + dt * xd, xd + dt * xacc, th + dt * thd, thd + dt * thacc], axis=1)


def _cartpole_expert(s: np.ndarray) -> np.ndarray:
    """The scripted controller: u = k . s, push left (0) below -1, right (2) above 1, else
    coast (1)."""
    u = s @ np.array([1.0, 1.5, 20.0, 3.0])
    return np.where(u > 1.0, 2, np.where(u < -1.0, 0, 1))


@cache
def cartpole_log(episodes: int = 80, steps: int = 100, dt: float = 0.02) -> dict[str, np.ndarray]:
    """A cart-pole run by the scripted bang-coast-bang controller, a random action instead of
    the expert's 30 % of the time (so the log covers states off the expert's path). Each row:
    the state (cart position m, velocity m/s, pole angle rad, angular velocity rad/s), the
    expert's label (0 left -10 N, 1 coast, 2 right +10 N), the executed action, the next
    state, the episode id and the step. Episodes restart from a random state and end after
    `steps` steps or when |angle| > 0.5 rad or |x| > 2.4 m. Returns the arrays, train rows
    under their names, validation rows under "val_<name>"."""
    rng = np.random.default_rng(DATA_SEED)
    keys = ("state", "expert", "action", "next", "episode", "step")
    rows: dict[str, list[np.ndarray]] = {k: [] for k in keys}
    s = rng.uniform([-1, -1, -0.2, -1], [1, 1, 0.2, 1], size=(episodes, 4))
    alive = np.ones(episodes, bool)
    for t in range(steps):
        expert = _cartpole_expert(s)
        action = np.where(rng.random(episodes) < 0.3, rng.integers(0, 3, episodes), expert)
        nxt = _cartpole_step(s, (action - 1) * 10.0, dt)
        values = (s, expert, action, nxt, np.arange(episodes), np.full(episodes, t))
        for key, val in zip(keys, values, strict=True):
            rows[key].append(val[alive])
        alive &= (np.abs(nxt[:, 2]) < 0.5) & (np.abs(nxt[:, 0]) < 2.4)
        s = nxt
    arrays = {k: np.concatenate(v) for k, v in rows.items()}
    order = np.lexsort((arrays["step"], arrays["episode"]))  # episode by episode, in time
    arrays = {k: v[order] for k, v in arrays.items()}
    names = list(arrays)
    parts = _split(arrays["episode"], *arrays.values())
    return {**{n: parts[2 * i] for i, n in enumerate(names)},
            **{f"val_{n}": parts[2 * i + 1] for i, n in enumerate(names)}}  # fmt: skip


def _wrap(theta: np.ndarray) -> np.ndarray:
    return (theta + np.pi) % (2 * np.pi) - np.pi


@cache
def pendulum_log(episodes: int = 60, steps: int = 100) -> dict[str, np.ndarray]:
    """A torque-limited pendulum (as Gym's Pendulum: m = l = 1, dt 0.05, torque in [-2, 2]
    N m, speed clipped to 8 rad/s, angle 0 upright) run by a scripted swing-up controller:
    energy pumping far from the top, a PD law near it, clipped to [-2, 2] (saturated in
    about two thirds of the rows); Gaussian exploration noise (sd 0.5) on the executed torque. Each
    row: the observation (cos, sin of the angle, angular velocity), the expert's torque,
    the episode id. Returns train / "val_" arrays as `cartpole_log`."""
    rng = np.random.default_rng(DATA_SEED + 1)
    th = rng.uniform(-np.pi, np.pi, episodes)
    thd = rng.uniform(-1, 1, episodes)
    obs, torque, episode = [], [], []
    for _ in range(steps):
        a = _wrap(th)
        energy = 0.5 * thd**2 + 3 * G / 2 * (np.cos(a) - 1)  # 0 at rest upright
        pump = -0.1 * energy * np.sign(thd * np.cos(a) + 1e-9)
        pd = -8.0 * a - 1.5 * thd
        u = np.clip(np.where(np.abs(a) < 0.6, pd, pump), -2, 2)
        obs.append(np.stack([np.cos(th), np.sin(th), thd], axis=1))
        torque.append(u)
        episode.append(np.arange(episodes))
        executed = np.clip(u + rng.normal(0, 0.5, episodes), -2, 2)
        thd = np.clip(thd + (3 * G / 2 * np.sin(th) + 3.0 * executed) * 0.05, -8, 8)
        th = th + thd * 0.05
    o, u, e = (np.concatenate(v) for v in (obs, torque, episode))
    order = np.argsort(e, kind="stable")
    o, u, e = o[order], u[order], e[order]
    x, xval, y, yval, ep, epval = _split(e, o, u, e)
    return {"obs": x, "torque": y, "episode": ep, "val_obs": xval, "val_torque": yval,
            "val_episode": epval}  # fmt: skip


GRID = 6
MOVES = np.array([[-1, 0], [1, 0], [0, -1], [0, 1]])  # up, down, left, right
GOAL = (5, 5)
PITS = ((2, 3), (3, 1), (4, 4))
WALLS = ((1, 1), (1, 2), (3, 3))


@cache
def gridworld_log(episodes: int = 1500, max_steps: int = 40) -> dict[str, np.ndarray]:
    """A 6 x 6 grid world (goal at (5, 5): +1000 and the episode ends; pits at three cells:
    -1000 and the end; three wall cells; -10 a step; a move into a wall or off the grid
    leaves the agent in place) logged under a behaviour policy: the shortest-path action
    with probability 0.6, otherwise a uniformly random action (illegal moves included).
    Episodes start from random free cells and stop after `max_steps`. Each row: the cell
    (row, col), the action taken (0 up, 1 down, 2 left, 3 right), the reward, a done flag,
    the episode id, the shortest-path action, the optimal value of the next cell at gamma
    0.95 (0 after the end; from value iteration: a converged target network's bootstrap), and
    the legal-action mask of the cell (moves that stay on the grid and out of the walls).
    Returns train / "val_" arrays as `cartpole_log`."""
    rng = np.random.default_rng(DATA_SEED + 2)
    walls, pits = set(WALLS), set(PITS)
    free = [(r, c) for r in range(GRID) for c in range(GRID)
            if (r, c) not in walls | pits and (r, c) != GOAL]  # fmt: skip

    def legal(cell: tuple[int, int]) -> np.ndarray:
        out = np.zeros(4, bool)
        for a, (dr, dc) in enumerate(MOVES):
            r, c = cell[0] + dr, cell[1] + dc
            out[a] = 0 <= r < GRID and 0 <= c < GRID and (r, c) not in walls
        return out

    # shortest paths to the goal avoiding pits and walls (breadth first from the goal)
    dist = {GOAL: 0}
    frontier = [GOAL]
    while frontier:
        nxt = []
        for r, c in frontier:
            for dr, dc in MOVES:
                cell = (r + dr, c + dc)
                if (0 <= cell[0] < GRID and 0 <= cell[1] < GRID and cell not in dist
                        and cell not in walls | pits):  # fmt: skip
                    dist[cell] = dist[(r, c)] + 1
                    nxt.append(cell)
        frontier = nxt
    # optimal state values at gamma 0.95 (value iteration; goal and pits terminal)
    value = np.zeros((GRID, GRID))
    for _ in range(200):
        new = np.zeros_like(value)
        for r, c in free:
            ok = legal((r, c))
            best_v = -np.inf
            for a, (dr, dc) in enumerate(MOVES):
                cell = (r + dr, c + dc) if ok[a] else (r, c)
                gain = 1000 if cell == GOAL else -1000 if cell in pits else -10 + 0.95 * value[cell]
                best_v = max(best_v, gain)
            new[r, c] = best_v
        value = new
    rows: list[tuple[int, ...]] = []
    masks: list[np.ndarray] = []
    for ep in range(episodes):
        cell = free[rng.integers(len(free))]
        for _ in range(max_steps):
            ok = legal(cell)
            best = min((dist.get((cell[0] + dr, cell[1] + dc), 99), a)
                       for a, (dr, dc) in enumerate(MOVES) if ok[a])[1]  # fmt: skip
            action = best if rng.random() < 0.6 else int(rng.integers(4))
            nxt = (cell[0] + MOVES[action][0], cell[1] + MOVES[action][1]) if ok[action] else cell
            reward, done = -10, False
            if nxt == GOAL:
                reward, done = 1000, True
            elif nxt in pits:
                reward, done = -1000, True
            bootstrap = 0.0 if done else value[nxt]
            rows.append((cell[0], cell[1], action, reward, int(done), ep, best, bootstrap))
            masks.append(ok)
            cell = nxt
            if done:
                break
    table = np.array(rows)
    mask = np.array(masks)
    names = ("row", "col", "action", "reward", "done", "episode", "best", "next_value")
    parts = _split(table[:, 5], *[table[:, i].astype(int) for i in range(7)], table[:, 7], mask)
    out = {n: parts[2 * i] for i, n in enumerate(names)}
    out |= {f"val_{n}": parts[2 * i + 1] for i, n in enumerate(names)}
    return out | {"legal": parts[-2], "val_legal": parts[-1]}


@cache
def preference_pairs(n: int = 6000) -> dict[str, np.ndarray]:
    """Pairwise preferences between trajectory segments, as a labelling tool exports them:
    each segment is summarised by 8 features (distance covered, energy used, time upright,
    collisions, jerk, ... in their units, spans 1 to 1000); a hidden reward (a weighted sum
    of the standardised features plus an interaction) decides the preference through a
    Bradley-Terry draw (the chosen one with probability sigmoid(r_a - r_b)). Returns the
    chosen and the rejected segments' features (n, 8) for train and "val_" (the first 80 %
    of the pairs train)."""
    rng = np.random.default_rng(DATA_SEED + 3)
    scale = np.array([1000, 50, 100, 5, 20, 1, 300, 10], float)
    raw = rng.gamma(2.0, 1.0, size=(2 * n, 8)) * scale / 2
    z = (raw - raw.mean(0)) / raw.std(0)
    w = np.array([1.5, -1.0, 1.2, -2.0, -0.6, 0.4, 0.8, 0.0])
    reward = z @ w + 0.5 * z[:, 0] * z[:, 2]
    a, b = raw[:n], raw[n:]
    a_wins = rng.random(n) < 1 / (1 + np.exp(-(reward[:n] - reward[n:])))
    chosen = np.where(a_wins[:, None], a, b)
    rejected = np.where(a_wins[:, None], b, a)
    cut = int(0.8 * n)
    return {"chosen": chosen[:cut], "rejected": rejected[:cut], "val_chosen": chosen[cut:],
            "val_rejected": rejected[cut:]}  # fmt: skip


@cache
def bandit_log(n: int = 8000, n_eval: int = 2000) -> dict[str, np.ndarray]:
    """A contextual bandit's click log: 6 context features (standard normal), 4 arms chosen
    by a logging policy (a softmax over a fixed linear score, temperature 0.5: propensities
    from ~0.001 to ~0.99), a click drawn from sigmoid(f(x, arm)) (click rate ~0.3), and the
    logging propensity of the chosen arm. The evaluation rows are a randomised bucket (arms
    uniform, propensity 0.25). Returns "x", "arm", "click", "propensity" and their "val_"
    twins."""
    rng = np.random.default_rng(DATA_SEED + 4)
    w_log = rng.normal(size=(6, 4))
    w_click = rng.normal(size=(6, 4))
    bias = np.array([-1.2, -0.8, -1.0, -1.5])

    def draw(m: int, uniform: bool) -> tuple[np.ndarray, ...]:
        x = rng.normal(size=(m, 6))
        logits = x @ w_log / 0.5
        p = np.exp(logits - logits.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        if uniform:
            p = np.full_like(p, 0.25)
        arm = np.array([rng.choice(4, p=row) for row in p])
        f = (x @ w_click)[np.arange(m), arm] * 0.8 + bias[arm]
        click = (rng.random(m) < 1 / (1 + np.exp(-f))).astype(float)
        return x, arm, click, p[np.arange(m), arm]

    out = dict(zip(("x", "arm", "click", "propensity"), draw(n, False), strict=True))
    val = dict(zip(("x", "arm", "click", "propensity"), draw(n_eval, True), strict=True))
    return out | {f"val_{k}": v for k, v in val.items()}
