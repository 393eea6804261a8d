"""Data for the batch-81 cases (genomics and biological sequences): generated DNA with motifs
planted from position weight matrices. Bases are coded A 0, C 1, G 2, T 3 (so the complement
of b is 3 - b, and the reverse complement of a one-hot sequence is `x[:, ::-1, ::-1]`).
Data seeds 8100-8103 of their own, no downloads.
"""

from __future__ import annotations

from functools import cache

import numpy as np

ALPHABET = "ACGT"


def make_pwm(rng: np.random.Generator, width: int) -> np.ndarray:
    """A (width, 4) position weight matrix with a clear consensus: at each position the
    consensus base gets 0.85..0.98 of the mass, the rest spread by a Dirichlet draw."""
    pwm = np.empty((width, 4))
    for i in range(width):
        top = rng.integers(4)
        strength = rng.uniform(0.85, 0.98)
        rest = rng.dirichlet(np.ones(3)) * (1.0 - strength)
        pwm[i] = np.insert(rest, top, strength)
    return pwm


def sample_site(rng: np.random.Generator, pwm: np.ndarray, strand: int = 1) -> np.ndarray:
    """One binding site drawn from a PWM, as base codes; strand -1 the reverse complement."""
    site = np.array([rng.choice(4, p=row) for row in pwm], dtype=np.int8)
    return site if strand == 1 else (3 - site)[::-1]


def background(rng: np.random.Generator, length: int, gc: float) -> np.ndarray:
    """i.i.d. bases at the given GC content (C and G gc / 2 each)."""
    p = np.array([1.0 - gc, gc, gc, 1.0 - gc]) / 2.0
    return rng.choice(4, size=length, p=p).astype(np.int8)


def one_hot(tokens: np.ndarray) -> np.ndarray:
    """Base codes (n, L) -> float32 one-hot (n, L, 4) in ACGT order."""
    return np.eye(4, dtype="float32")[tokens]


def gc_content(tokens: np.ndarray) -> np.ndarray:
    return ((tokens == 1) | (tokens == 2)).mean(axis=-1)


@cache
def binding_sites(n_train: int = 2000, n_val: int = 500, length: int = 100,
                  gc_confound: bool = False) -> list[np.ndarray]:  # fmt: skip
    """ChIP-seq-like peaks vs background (seed 8100): half the sequences hold one site of a
    width-10 PWM on either strand at a random position; GC content per sequence uniform
    0.35..0.65 for both classes. `gc_confound`: the training set's positives drawn at GC
    0.55..0.70 and its negatives at 0.30..0.45 (peaks from GC-rich promoters against an
    AT-rich background), the validation set unconfounded as before. Returns tokens, y,
    tokens_val, y_val (tokens int8 (n, length), y int64)."""
    rng = np.random.default_rng(8100)
    pwm = make_pwm(rng, 10)
    n = n_train + n_val
    tokens = np.empty((n, length), dtype=np.int8)
    y = rng.integers(2, size=n)
    for i in range(n):
        gc = rng.uniform(0.35, 0.65)
        if gc_confound and i < n_train:
            gc = rng.uniform(0.55, 0.70) if y[i] else rng.uniform(0.30, 0.45)
        seq = background(rng, length, gc)
        if y[i]:
            at = rng.integers(length - 10 + 1)
            seq[at:at + 10] = sample_site(rng, pwm, 1 if rng.random() < 0.5 else -1)
        tokens[i] = seq
    y = y.astype(np.int64)
    return [tokens[:n_train], y[:n_train], tokens[n_train:], y[n_train:]]


@cache
def multitask_sites(n_train: int = 3000, n_val: int = 600, length: int = 150
                    ) -> list[np.ndarray]:  # fmt: skip
    """Three transcription factors (seed 8101; PWMs of width 8, 10 and 12): each sequence
    (GC 0.35..0.65) holds a site of each factor independently with probability 0.35, on
    either strand, sites not overlapping. Returns tokens, y, tokens_val, y_val (y float32
    (n, 3) multi-hot, one column per factor)."""
    rng = np.random.default_rng(8101)
    pwms = [make_pwm(rng, w) for w in (8, 10, 12)]
    n = n_train + n_val
    tokens = np.empty((n, length), dtype=np.int8)
    y = (rng.random((n, 3)) < 0.35).astype("float32")
    for i in range(n):
        seq = background(rng, length, rng.uniform(0.35, 0.65))
        taken = np.zeros(length, dtype=bool)
        for task in np.flatnonzero(y[i]):
            width = len(pwms[task])
            while True:
                at = rng.integers(length - width + 1)
                if not taken[at:at + width].any():
                    break
            taken[at:at + width] = True
            seq[at:at + width] = sample_site(rng, pwms[task], 1 if rng.random() < 0.5 else -1)
        tokens[i] = seq
    return [tokens[:n_train], y[:n_train], tokens[n_train:], y[n_train:]]


@cache
def cooperative_sites(n_train: int = 3000, n_val: int = 600, length: int = 200
                      ) -> list[np.ndarray]:  # fmt: skip
    """Cooperative binding (seed 8102): label 1 (half the sequences) when a sequence (GC
    0.35..0.65) holds a site of factor A and one of factor B (PWMs of width 10, either strand,
    anywhere, not overlapping); the negatives hold A only, B only or neither (a third each).
    Returns tokens, y, tokens_val, y_val."""
    rng = np.random.default_rng(8102)
    pwms = [make_pwm(rng, 10), make_pwm(rng, 10)]
    n = n_train + n_val
    tokens = np.empty((n, length), dtype=np.int8)
    y = rng.integers(2, size=n)
    for i in range(n):
        seq = background(rng, length, rng.uniform(0.35, 0.65))
        present = [0, 1] if y[i] else [[0], [1], []][rng.integers(3)]
        taken = np.zeros(length, dtype=bool)
        for factor in present:
            while True:
                at = rng.integers(length - 10 + 1)
                if not taken[at:at + 10].any():
                    break
            taken[at:at + 10] = True
            seq[at:at + 10] = sample_site(rng, pwms[factor], 1 if rng.random() < 0.5 else -1)
        tokens[i] = seq
    y = y.astype(np.int64)
    return [tokens[:n_train], y[:n_train], tokens[n_train:], y[n_train:]]


@cache
def variable_length_reads(n_train: int = 2500, n_val: int = 500, min_len: int = 40,
                          max_len: int = 160, length_confound: bool = False
                          ) -> tuple[list[np.ndarray], np.ndarray, list[np.ndarray],
                                     np.ndarray]:  # fmt: skip
    """Variable-length reads (seed 8103): lengths uniform min_len..max_len, GC 0.35..0.65,
    half of them holding one site of a width-10 PWM on either strand anywhere in the read.
    `length_confound`: in the training set the positives are 110..160 bp and the negatives
    40..90 bp (positives from longer assembled contigs), the validation set as before.
    Returns reads, y, reads_val, y_val (reads lists of int8 arrays, y int64)."""
    rng = np.random.default_rng(8103)
    pwm = make_pwm(rng, 10)
    n = n_train + n_val
    y = rng.integers(2, size=n)
    reads = []
    for i in range(n):
        length = rng.integers(min_len, max_len + 1)
        if length_confound and i < n_train:
            length = rng.integers(110, 161) if y[i] else rng.integers(40, 91)
        seq = background(rng, length, rng.uniform(0.35, 0.65))
        if y[i]:
            at = rng.integers(length - 10 + 1)
            seq[at:at + 10] = sample_site(rng, pwm, 1 if rng.random() < 0.5 else -1)
        reads.append(seq)
    y = y.astype(np.int64)
    return reads[:n_train], y[:n_train], reads[n_train:], y[n_train:]
