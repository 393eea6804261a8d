"""Data for the batch-99 cases (long-document classification with hierarchical models):
generated documents stored as [sentences x words] id tensors (0 the padding of both levels, 1
out of vocabulary). Most sentences are filler drawn from a Zipf-like common vocabulary, some
of them carrying one stray keyword; a few key sentences, placed anywhere in the document,
carry the labels: two topic sentences (three keywords each of one of six topics, whose
keyword sets overlap pairwise), one sentence per tag (one to three of six tags), and a
"problem" and a "fix" sentence whose order is the ticket's outcome (fix after problem:
resolved). Data seed 9900 (documents); no downloads; ids int32.
"""

from __future__ import annotations

from functools import cache

import numpy as np

MAX_SENTENCES = 20  # the longest document
MAX_WORDS = 12  # the longest sentence
N_FILLER = 900  # common words, ids 2 .. 901
N_TOPICS, N_TAGS = 6, 6
TOPIC_WORDS = 20  # per topic, the last 6 shared with the next topic
TAG_WORDS = 15
MARKER_WORDS = 15  # problem words, fix words
FILLER0 = 2
TOPIC0 = FILLER0 + N_FILLER
TAG0 = TOPIC0 + N_TOPICS * 14 + 6
PROBLEM0 = TAG0 + N_TAGS * TAG_WORDS
FIX0 = PROBLEM0 + MARKER_WORDS
VOCAB = FIX0 + MARKER_WORDS  # 1112 ids (6 after the topics unused)


def _topic_words(topic: int) -> np.ndarray:
    """Topic t owns 14 ids of its own and shares 6 with topic t + 1 (mod 6)."""
    own = TOPIC0 + topic * 14 + np.arange(14)
    shared_start = TOPIC0 + ((topic + 1) % N_TOPICS) * 14
    return np.concatenate([own, shared_start + np.arange(6)])


def _filler(rng: np.random.Generator, n: int, probs: np.ndarray) -> np.ndarray:
    return FILLER0 + rng.choice(N_FILLER, size=n, p=probs)


def _sentence(rng: np.random.Generator, probs: np.ndarray, keywords: np.ndarray) -> np.ndarray:
    """A sentence of 5..12 words: filler with the given keywords at random positions."""
    length = int(rng.integers(5, MAX_WORDS + 1))
    words = _filler(rng, length, probs)
    at = rng.choice(length, size=len(keywords), replace=False)
    words[at] = keywords
    return words


@cache
def documents(n_train: int = 1600, n_val: int = 400) -> list[np.ndarray]:
    """Generated documents (seed 9900): 9..20 sentences of 5..12 words, filler drawn from a
    Zipf-like (1 / rank) distribution over 900 words, 30% of filler sentences with one stray
    keyword (any topic, tag or marker); two topic sentences (three of the topic's 20
    keywords each), one sentence per tag (three of its 15 keywords; 1..3 tags per document,
    each tag with its own rate 0.2..0.5), one problem sentence (two problem words) and one fix
    sentence (two fix words) in either order; all key sentences at random positions. Returns
    x, topic, tags, order, xval, topicval, tagsval, orderval: x int32 (n, 20, 12) (sentences
    and words post-padded with 0), topic int32 (n,) 0..5, tags float32 (n, 6) multi-hot,
    order int32 (n,) 1 when the fix comes after the problem (resolved)."""
    rng = np.random.default_rng(9900)
    n = n_train + n_val
    probs = 1.0 / np.arange(1, N_FILLER + 1)
    probs /= probs.sum()
    tag_rates = np.array([0.5, 0.4, 0.35, 0.3, 0.25, 0.2])
    stray_pool = np.arange(TOPIC0, VOCAB)
    x = np.zeros((n, MAX_SENTENCES, MAX_WORDS), dtype="int32")
    topic = rng.integers(N_TOPICS, size=n).astype("int32")
    tags = np.zeros((n, N_TAGS), dtype="float32")
    order = rng.integers(2, size=n).astype("int32")
    for i in range(n):
        doc_tags = np.flatnonzero(rng.random(N_TAGS) < tag_rates)
        if len(doc_tags) == 0:
            doc_tags = rng.choice(N_TAGS, size=1)
        doc_tags = doc_tags[:3]
        tags[i, doc_tags] = 1.0
        key: list[np.ndarray] = []
        for _ in range(2):
            key.append(_sentence(rng, probs, rng.choice(_topic_words(int(topic[i])), 3,
                                                         replace=False)))  # fmt: skip
        for t in doc_tags:
            words = TAG0 + t * TAG_WORDS + rng.choice(TAG_WORDS, 3, replace=False)
            key.append(_sentence(rng, probs, words))
        problem = _sentence(rng, probs, PROBLEM0 + rng.choice(MARKER_WORDS, 2, replace=False))
        fix = _sentence(rng, probs, FIX0 + rng.choice(MARKER_WORDS, 2, replace=False))
        n_sent = int(rng.integers(max(9, len(key) + 2), MAX_SENTENCES + 1))
        slots = np.sort(rng.choice(n_sent, size=len(key) + 2, replace=False))
        # the problem / fix pair takes two of the chosen slots, in the order the label says
        pair = rng.choice(len(slots), size=2, replace=False)
        first, second = slots[pair.min()], slots[pair.max()]
        placed = {first: problem if order[i] else fix, second: fix if order[i] else problem}
        rest = [s for s in slots if s not in (first, second)]
        for s, words in zip(rest, key, strict=True):
            placed[s] = words
        for s in range(n_sent):
            if s in placed:
                words = placed[s]
            else:
                words = _filler(rng, int(rng.integers(5, MAX_WORDS + 1)), probs)
                if rng.random() < 0.3:
                    words[rng.integers(len(words))] = rng.choice(stray_pool)
            x[i, s, :len(words)] = words
    return [x[:n_train], topic[:n_train], tags[:n_train], order[:n_train],
            x[n_train:], topic[n_train:], tags[n_train:], order[n_train:]]  # fmt: skip
