"""Data for the batch-64 cases: sequence recognition and structured prediction on generated
data (data seed 0 (+640 .. +643), no downloads).

- glyph strips: 3-5 of sklearn's 8 x 8 digit images set side by side with random gaps, a
  strip read left to right (CTC OCR); the training strips use one half of sklearn's digit
  images, the validation strips the other half (other writers' glyphs);
- BIO tagging: generated token sequences with person / place mentions after trigger words;
- span extraction: a sequence with one answer span after a question-marker token;
- string transduction: a short digit string and its reverse with every digit incremented.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

STRIP_WIDTH = 52  # 5 glyphs of 8 px, gaps of 0-2 px, a left offset of 0-2 px
MAX_DIGITS = 5
LABEL_PAD = -1


def _glyph_pools() -> tuple[list[np.ndarray], list[np.ndarray]]:
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 640).permutation(len(digits.target))
    images = (digits.images[order] / 16.0).astype("float32")
    target = digits.target[order]
    half = len(target) // 2
    train = [images[:half][target[:half] == d] for d in range(10)]
    val = [images[half:][target[half:] == d] for d in range(10)]
    return train, val


def _strips(pool: list[np.ndarray], n: int, rng: np.random.Generator, lengths: tuple[int, int]
            ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    x = np.zeros((n, STRIP_WIDTH, 8, 1), "float32")  # width first: the width is the time axis
    y = np.full((n, MAX_DIGITS), LABEL_PAD, np.int64)
    for i in range(n):
        count = int(rng.integers(lengths[0], lengths[1] + 1))
        at = int(rng.integers(0, 3))
        for j in range(count):
            d = int(rng.integers(10))
            glyph = pool[d][rng.integers(len(pool[d]))]
            x[i, at:at + 8, :, 0] = np.maximum(x[i, at:at + 8, :, 0], glyph.T)
            y[i, j] = d
            at += 8 + int(rng.integers(0, 3))
    x += rng.normal(0.0, 0.05, x.shape).astype("float32")
    return x, y


@cache
def glyph_strips(n_train: int = 2000, n_val: int = 500) -> list[np.ndarray]:
    """Strips of 3-5 digits (seed 641), shape (n, 52, 8, 1) with the width (reading order)
    first, pixels in [0, 1] plus N(0, 0.05) noise; labels (n, 5) digits 0..9 padded with -1.
    Returns x, xval, y, yval."""
    train, val = _glyph_pools()
    rng = np.random.default_rng(DATA_SEED + 641)
    x, y = _strips(train, n_train, rng, (3, MAX_DIGITS))
    xv, yv = _strips(val, n_val, rng, (3, MAX_DIGITS))
    return [x, xv, y, yv]


# BIO tagging: token ids 0 = padding, 1..5 triggers, 6..41 person words, 18..53 place words
# (18..41 both), 54..99 other words. Tags: 0 PAD, 1 O, 2 B-PER, 3 I-PER, 4 B-LOC, 5 I-LOC.
TAG_VOCAB = 100
TAG_LEN = 24
TAGS = 6
_PER_TRIGGERS = (1, 2, 3)  # "mr", "dr", "met"
_LOC_TRIGGERS = (4, 5)  # "in", "from"


def _tagged(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = np.zeros((n, TAG_LEN), np.int64)
    y = np.zeros((n, TAG_LEN), np.int64)
    for i in range(n):
        length = int(rng.integers(8, TAG_LEN + 1))
        t = 0
        while t < length:
            r = rng.random()
            if r < 0.25 and t + 2 < length:
                kind = int(rng.integers(2))
                x[i, t] = rng.choice(_PER_TRIGGERS if kind == 0 else _LOC_TRIGGERS)
                y[i, t] = 1
                span = int(rng.integers(1, 4))
                # names and places share half their words: the trigger decides the type
                low = 6 if kind == 0 else 18
                for k in range(span):
                    if t + 1 + k >= length:
                        break
                    x[i, t + 1 + k] = rng.integers(low, low + 36)
                    y[i, t + 1 + k] = (2 if k == 0 else 3) if kind == 0 else (4 if k == 0 else 5)
                t += 2 + span - 1
            else:
                x[i, t] = rng.integers(54, TAG_VOCAB)
                y[i, t] = 1
                t += 1
    return x, y


@cache
def bio_sequences(n_train: int = 3000, n_val: int = 800) -> list[np.ndarray]:
    """Generated sentences of 8-24 tokens, padded after the end with token 0 to 24 (seed
    642): person mentions (1-3 name tokens) after "mr" / "dr" / "met", place mentions after
    "in" / "from"; name and place words overlap (ids 18..41 are both), so the type is set by
    the trigger. Tags (n, 24): 0 PAD, 1 O, 2 B-PER, 3 I-PER, 4 B-LOC, 5 I-LOC. Returns x,
    xval, y, yval."""
    rng = np.random.default_rng(DATA_SEED + 642)
    x, y = _tagged(n_train, rng)
    xv, yv = _tagged(n_val, rng)
    return [x, xv, y, yv]


SPAN_VOCAB = 60
SPAN_LEN = 30


def _spans(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    # ids: 0 padding, 1 the question marker ("answer:"), 2..19 answer words, 20..59 others
    x = np.zeros((n, SPAN_LEN), np.int64)
    y = np.zeros((n, 2), np.int64)
    for i in range(n):
        length = int(rng.integers(15, SPAN_LEN + 1))
        x[i, :length] = rng.integers(20, SPAN_VOCAB, length)
        for _ in range(int(rng.integers(0, 3))):  # distractor answer words, no marker
            x[i, rng.integers(length)] = rng.integers(2, 20)
        span = int(rng.integers(1, 5))
        start = int(rng.integers(1, length - span))
        x[i, start - 1] = 1
        x[i, start:start + span] = rng.integers(2, 20, span)
        y[i] = (start, start + span - 1)
    return x, y


@cache
def span_sequences(n_train: int = 3000, n_val: int = 800) -> list[np.ndarray]:
    """Generated sequences of 15-30 tokens padded to 30 with 0 (seed 643): one answer span of
    1-4 answer words right after the marker token 1, plus 0-2 distractor answer words with
    no marker. Targets (n, 2): the start and end positions. Returns x, xval, y, yval."""
    rng = np.random.default_rng(DATA_SEED + 643)
    x, y = _spans(n_train, rng)
    xv, yv = _spans(n_val, rng)
    return [x, xv, y, yv]


# transduction: tokens 0 padding, 1 start, 2 end, 3..12 the digits 0..9
SEQ_SRC = 8
SEQ_TGT = SEQ_SRC + 1  # the target and its end token


def _transduce(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    src = np.zeros((n, SEQ_SRC), np.int64)
    tgt = np.zeros((n, SEQ_TGT), np.int64)
    for i in range(n):
        length = int(rng.integers(3, SEQ_SRC + 1))
        digits = rng.integers(0, 10, length)
        src[i, :length] = digits + 3
        out = (digits[::-1] + 1) % 10
        tgt[i, :length] = out + 3
        tgt[i, length] = 2
    return src, tgt


@cache
def transduction(n_train: int = 4000, n_val: int = 800) -> list[np.ndarray]:
    """Digit strings of 3-8 digits (tokens 3..12, padded with 0 to 8; seed 644) and their
    target: the string reversed with every digit plus one mod 10, then the end token 2,
    padded with 0 to 9. Returns src, srcval, tgt, tgtval (the decoder's inputs are built by
    the script)."""
    rng = np.random.default_rng(DATA_SEED + 644)
    x, y = _transduce(n_train, rng)
    xv, yv = _transduce(n_val, rng)
    return [x, xv, y, yv]
