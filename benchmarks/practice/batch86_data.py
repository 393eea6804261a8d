"""Data for the batch-86 cases (span extraction and pointer outputs): generated reading-
comprehension items (a question naming one of four slot types, a context of filler words in
which each slot's marker word is followed by its 1..4-word answer and an end word; the answer
span is the words between the asked slot's marker and the next end word) and generated
nearest-point pointer items (8..16 points in the unit square, point at the one nearest the
query). Data seeds 8600, 8601; no downloads.
"""

from __future__ import annotations

from functools import cache

import numpy as np

PAD, CLS, SEP, END = 0, 1, 2, 3
QUESTION_WORDS = (4, 5, 6, 7)  # "who", "where", "when", "what": one per slot
MARKERS = (8, 9, 10, 11)  # the word that opens each slot's answer in the context
FILLER = (12, 40)  # filler / question padding words
ANSWER = (40, 120)  # answer words (also used as filler: the span is found by structure)
VOCAB = 120
Q_LEN = 6  # [CLS] question word, three filler words, [SEP]
MAXLEN = 48  # the question and a context of 26..42 words, post-padded


@cache
def qa_items(n_train: int = 3000, n_val: int = 600, padding: str = "post",
             maxlen: int = MAXLEN) -> list[np.ndarray]:
    """Reading-comprehension items (seed 8600). Each row is [CLS] q w w w [SEP] context, the
    context 26..42 words: filler words with the four slots placed at random (each marker,
    then 1..4 answer words, then END). The question word q picks the slot; the labels are
    the positions (in the whole row) of the answer's first and last word. `padding` "pre"
    pads the rows at the front while the labels keep the unpadded positions (a tokenizer
    set to pad="pre" after the labels were taken); `maxlen` < 48 truncates the rows at the
    end, labels past the cut set to the last position. Returns ids, types (0 question / 1
    context / 0 padding), starts, ends and the same for validation (ints)."""
    rng = np.random.default_rng(8600)
    n = n_train + n_val
    ids = np.zeros((n, MAXLEN), "int32")
    types = np.zeros((n, MAXLEN), "int32")
    starts = np.zeros(n, "int32")
    ends = np.zeros(n, "int32")
    lengths = np.zeros(n, "int32")
    for i in range(n):
        slots = []
        for k in range(4):
            span = rng.integers(ANSWER[0], ANSWER[1], size=rng.integers(1, 5))
            slots.append([MARKERS[k], *span.tolist(), END])
        order = rng.permutation(4)
        used = sum(len(s) for s in slots)
        total = int(rng.integers(max(26, used + 2), MAXLEN - Q_LEN + 1))
        gaps = rng.multinomial(total - used, np.ones(5) / 5)
        context: list[int] = []
        where = {}
        for j in range(5):
            context += rng.integers(FILLER[0], ANSWER[1], size=gaps[j]).tolist()
            if j < 4:
                where[int(order[j])] = len(context)
                context += slots[order[j]]
        ask = int(rng.integers(4))
        question = [CLS, QUESTION_WORDS[ask], *rng.integers(*FILLER, size=3).tolist(), SEP]
        row = question + context
        ids[i, :len(row)] = row
        types[i, Q_LEN:len(row)] = 1
        starts[i] = Q_LEN + where[ask] + 1
        ends[i] = starts[i] + len(slots[ask]) - 3
        lengths[i] = len(row)
    if padding == "pre":
        for i in range(n):
            shift = MAXLEN - lengths[i]
            ids[i] = np.roll(ids[i], shift)
            types[i] = np.roll(types[i], shift)
    if maxlen < MAXLEN:
        ids, types = ids[:, :maxlen].copy(), types[:, :maxlen].copy()
        starts, ends = np.minimum(starts, maxlen - 1), np.minimum(ends, maxlen - 1)
    cut = n_train
    return [ids[:cut], types[:cut], starts[:cut], ends[:cut],
            ids[cut:], types[cut:], starts[cut:], ends[cut:]]  # fmt: skip


@cache
def nearest_points(n_train: int = 4000, n_val: int = 800, max_points: int = 16
                   ) -> list[np.ndarray]:  # fmt: skip
    """Pointer items (seed 8601): 8..16 points uniform in the unit square, zero-padded to
    `max_points`, and a query point; the label is the index of the point nearest the query.
    Returns points (n, 16, 2), valid (n, 16; 1 real point, 0 padding), queries (n, 2),
    labels (n,) and the same for validation (float32 / int32)."""
    rng = np.random.default_rng(8601)
    n = n_train + n_val
    points = rng.uniform(0.0, 1.0, size=(n, max_points, 2)).astype("float32")
    counts = rng.integers(8, max_points + 1, size=n)
    valid = (np.arange(max_points)[None, :] < counts[:, None]).astype("float32")
    points *= valid[..., None]
    queries = rng.uniform(0.0, 1.0, size=(n, 2)).astype("float32")
    dist = ((points - queries[:, None, :]) ** 2).sum(-1) + (1.0 - valid) * 1e9
    labels = dist.argmin(axis=1).astype("int32")
    cut = n_train
    return [points[:cut], valid[:cut], queries[:cut], labels[:cut],
            points[cut:], valid[cut:], queries[cut:], labels[cut:]]  # fmt: skip
