"""Data for the batch-89 cases (board-game policy / value networks): every reachable
tic-tac-toe position with the side to move, labelled by exact minimax (the optimal moves and
the win / draw / loss value); connect-four positions from games of a scripted player in which
the side to move has a tactic (an immediate win or a forced block), labelled with the tactic's
columns and the game's final result. Data seeds 8900, 8901; no downloads; cached.

Boards are (H, W, 2) float32 planes from the side to move's view (plane 0 its own stones,
plane 1 the opponent's); the side to move (1 for the first player) is returned as well, so a
script can add a side-to-move plane or build absolute-colour planes. Moves are flat indices
(row * 3 + col for tic-tac-toe, the column for connect-four).
"""

from __future__ import annotations

from functools import cache

import numpy as np

_LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8),
          (2, 4, 6)]  # fmt: skip


def _ttt_winner(board: tuple[int, ...]) -> int:
    for a, b, c in _LINES:
        if board[a] and board[a] == board[b] == board[c]:
            return board[a]
    return 0


@cache
def _ttt_value(board: tuple[int, ...], player: int) -> int:
    """Minimax value for `player` to move: +1 win, 0 draw, -1 loss."""
    won = _ttt_winner(board)
    if won:
        return 1 if won == player else -1
    if all(board):
        return 0
    return max(-_ttt_value(board[:i] + (player,) + board[i + 1:], -player)
               for i in range(9) if not board[i])  # fmt: skip


def _ttt_positions() -> list[tuple[tuple[int, ...], int]]:
    """Every reachable non-terminal position (X = 1 moves first), with its side to move."""
    seen: set[tuple[int, ...]] = set()
    out: list[tuple[tuple[int, ...], int]] = []
    stack: list[tuple[tuple[int, ...], int]] = [((0,) * 9, 1)]
    while stack:
        board, player = stack.pop()
        if board in seen or _ttt_winner(board) or all(board):
            continue
        seen.add(board)
        out.append((board, player))
        for i in range(9):
            if not board[i]:
                stack.append((board[:i] + (player,) + board[i + 1:], -player))
    out.sort()
    return out


@cache
def tictactoe(val_fraction: float = 0.2) -> list[np.ndarray]:
    """All 4520 reachable non-terminal tic-tac-toe positions, split by a seeded permutation
    (seed 8900). Returns x, policy, wdl, side, xval, policyval, wdlval, sideval: x (n, 3, 3,
    2) own / opponent planes; policy (n, 9) uniform over the minimax-optimal moves (soft
    targets); wdl (n,) int32 0 win, 1 draw, 2 loss for the side to move; side (n,) +1 when X
    (the first player) is to move, -1 for O."""
    positions = _ttt_positions()
    n = len(positions)
    x = np.zeros((n, 3, 3, 2), "float32")
    policy = np.zeros((n, 9), "float32")
    wdl = np.zeros(n, "int32")
    side = np.zeros(n, "float32")
    for k, (board, player) in enumerate(positions):
        b = np.array(board).reshape(3, 3)
        x[k, :, :, 0] = b == player
        x[k, :, :, 1] = b == -player
        side[k] = player
        values = {i: -_ttt_value(board[:i] + (player,) + board[i + 1:], -player)
                  for i in range(9) if not board[i]}  # fmt: skip
        best = max(values.values())
        for i, v in values.items():
            policy[k, i] = v == best
        policy[k] /= policy[k].sum()
        wdl[k] = 1 - best
    order = np.random.default_rng(8900).permutation(n)
    cut = int(round(n * (1 - val_fraction)))
    tr, va = order[:cut], order[cut:]
    return [x[tr], policy[tr], wdl[tr], side[tr], x[va], policy[va], wdl[va], side[va]]


ROWS, COLS = 6, 7


def _c4_wins(board: np.ndarray, r: int, c: int, p: int) -> bool:
    for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
        count = 1
        for sign in (1, -1):
            rr, cc = r + sign * dr, c + sign * dc
            while 0 <= rr < ROWS and 0 <= cc < COLS and board[rr, cc] == p:
                count += 1
                rr, cc = rr + sign * dr, cc + sign * dc
        if count >= 4:
            return True
    return False


def _c4_drop_row(board: np.ndarray, c: int) -> int:
    """The row a stone dropped in column c lands on (row 0 is the top), -1 if full."""
    empty = np.flatnonzero(board[:, c] == 0)
    return int(empty[-1]) if len(empty) else -1


def _c4_winning_cols(board: np.ndarray, p: int) -> list[int]:
    out = []
    for c in range(COLS):
        r = _c4_drop_row(board, c)
        if r >= 0 and _c4_wins(board, r, c, p):
            out.append(c)
    return out


@cache
def connect4(n_train: int = 4000, n_val: int = 1000) -> list[np.ndarray]:
    """Connect-four positions (seed 8901) from games of a scripted player (it takes an
    immediate win, else blocks the opponent's, else plays a random legal column weighted
    towards the centre, with 30 % purely random moves), kept when the side to move has a
    tactic: the policy target is uniform over its winning columns, or, if none, over the
    columns that block the opponent's immediate win; the value target is the game's final
    result for the side to move (+1, 0, -1). Returns x, policy, value, side, xval, policyval,
    valueval, sideval: x (n, 6, 7, 2) own / opponent planes (row 0 the top); policy (n, 7);
    value (n,) float32; side (n,) +1 when the first player is to move."""
    rng = np.random.default_rng(8901)
    weights = np.array([1, 2, 3, 4, 3, 2, 1], "float64")
    xs: list[np.ndarray] = []
    pols: list[np.ndarray] = []
    vals: list[float] = []
    sides: list[float] = []
    total = n_train + n_val
    while len(xs) < total:
        board = np.zeros((ROWS, COLS), "int8")
        player, kept, result = 1, [], 0
        for _ in range(ROWS * COLS):
            legal = [c for c in range(COLS) if board[0, c] == 0]
            wins = _c4_winning_cols(board, player)
            blocks = _c4_winning_cols(board, -player)
            if wins or blocks:
                target = np.zeros(COLS, "float32")
                target[wins or blocks] = 1.0
                kept.append((board.copy(), target / target.sum(), player))
            if rng.random() < 0.3:
                col = int(rng.choice(legal))
            elif wins:
                col = wins[0]
            elif blocks:
                col = blocks[0]
            else:
                w = weights[legal] / weights[legal].sum()
                col = int(rng.choice(legal, p=w))
            r = _c4_drop_row(board, col)
            board[r, col] = player
            if _c4_wins(board, r, col, player):
                result = player
                break
            if not (board[0] == 0).any():
                break
            player = -player
        for b, target, p in kept:
            planes = np.stack([b == p, b == -p], axis=-1).astype("float32")
            xs.append(planes)
            pols.append(target)
            vals.append(float(result * p))
            sides.append(float(p))
    x = np.stack(xs[:total])
    policy = np.stack(pols[:total])
    value = np.array(vals[:total], "float32")
    side = np.array(sides[:total], "float32")
    return [x[:n_train], policy[:n_train], value[:n_train], side[:n_train], x[n_train:],
            policy[n_train:], value[n_train:], side[n_train:]]  # fmt: skip
