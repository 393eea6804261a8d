"""Data for the batch-25 cases: generated "languages" (data seed 0), no downloads.

Batch 25 is natural language and token sequences as practitioners write them. The texts are
pseudo-words built from syllables, with real structure: topic vocabularies, a shared stock of
function words, sentiment words whose polarity a preceding negation word flips, review
verdicts at the end of a plot description, tagged sentences whose ambiguous words take their
tag from the word before, a character stream from a small grammar, and question pairs that
share an intent. Each function returns the data as a script receives it: raw strings, or
(as `keras.datasets.imdb` does) lists of word ids ranked by frequency with 0 kept for padding
and 1 for out-of-vocabulary; padding, truncation and vectorisation are the script's own.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

import numpy as np
from sklearn.model_selection import train_test_split

from benchmarks.practice.batch2_data import DATA_SEED

_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "tr")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ou")


def _split(*arrays: Any, stratify: Any = None) -> list[Any]:
    """80/20 (shuffled, data seed 0): each array's train part, then its val part."""
    return train_test_split(*arrays, test_size=0.2, random_state=DATA_SEED, stratify=stratify)


@cache
def _lexicon() -> tuple[str, ...]:
    """2000 distinct pseudo-words of two or three syllables (data seed 0)."""
    rng = np.random.default_rng(DATA_SEED)
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < 2000:
        n = int(rng.integers(2, 4))
        w = "".join(_ONSETS[rng.integers(len(_ONSETS))] + _VOWELS[rng.integers(len(_VOWELS))]
                    for _ in range(n))  # fmt: skip
        if w not in seen:
            seen.add(w)
            words.append(w)
    return tuple(words)


def _vocab() -> dict[str, list[str]]:
    """Word classes: function words, 6 topic vocabularies of 40, positive / negative words."""
    lex = list(_lexicon())
    out = {"function": lex[:30], "positive": lex[30:55], "negative": lex[55:80],
           "filler": lex[80:280]}  # fmt: skip
    for t in range(6):
        out[f"topic{t}"] = lex[300 + 40 * t:340 + 40 * t]
    out["negator"] = ["not", "never", "hardly"]
    return out


def _ids(texts: list[list[str]]) -> list[list[int]]:
    """Word lists -> id lists ranked by frequency over all texts (1 = OOV, 0 = padding)."""
    counts = Counter(w for t in texts for w in t)
    rank = {w: i + 2 for i, (w, _) in enumerate(counts.most_common())}
    return [[rank[w] for w in t] for t in texts]


@cache
def reviews(rows: int = 3000) -> tuple[list[list[str]], np.ndarray]:
    """Movie-review-like texts: 40-70 words of plot (function words, filler, a topic's words),
    then a verdict clause of 6-9 words at the end holding one or two sentiment words of the
    same polarity, each possibly after a negation word that flips it (~30 %); label 1 =
    positive (5 % flipped). Returns (word lists, labels)."""
    v = _vocab()
    rng = np.random.default_rng(DATA_SEED + 1)
    texts: list[list[str]] = []
    labels = np.empty(rows, dtype="int64")
    for i in range(rows):
        topic = v[f"topic{rng.integers(6)}"]
        plot = [str(rng.choice(v["function"] if r < 0.4 else topic if r < 0.7 else v["filler"]))
                for r in rng.random(int(rng.integers(40, 71)))]  # fmt: skip
        positive = bool(rng.random() < 0.5)
        negated = bool(rng.random() < 0.3)
        word_class = "positive" if positive != negated else "negative"
        verdict = [str(rng.choice(v["function"])) for _ in range(int(rng.integers(4, 7)))]
        for _ in range(int(rng.integers(1, 3))):
            at = int(rng.integers(1, len(verdict) + 1))
            clause = [str(rng.choice(v[word_class]))]
            if negated:
                clause = [str(rng.choice(v["negator"])), *clause]
            verdict[at:at] = clause
        texts.append(plot + verdict)
        labels[i] = int(positive) if rng.random() > 0.05 else int(not positive)
    return texts, labels


@cache
def review_strings() -> list[object]:
    """The reviews as strings: x_train, x_val (np.str_ arrays), y_train, y_val."""
    texts, labels = reviews()
    strings = np.array([" ".join(t) for t in texts])
    return _split(strings, labels, stratify=labels)


@cache
def review_ids() -> list[object]:
    """The reviews as IMDB-style id lists (ranked by frequency, 1 OOV, 0 padding): x_train,
    x_val (lists of lists), y_train, y_val; the vocabulary size is `max(id) + 1`."""
    texts, labels = reviews()
    ids = _ids(texts)
    xt, xv, yt, yv = _split(np.array(ids, dtype=object), labels, stratify=labels)
    return [list(xt), list(xv), yt, yv]


TAGS = ("PAD", "O", "PER", "LOC", "ORG", "DATE")


@cache
def tagged_sentences(rows: int = 2500) -> list[object]:
    """NER-like sentences of 6-24 words as id lists (1.. vocabulary, 0 kept for padding) with
    per-word tags (1 O, 2 PER, 3 LOC, 4 ORG, 5 DATE; 0 only for padding): names, places,
    organisations and dates from their own word lists, and 30 ambiguous words that are a
    place after "in" / "from" and an organisation after "at" / "for" / "with". x_train,
    x_val, tags_train, tags_val (lists of lists), and the vocabulary size."""
    lex = list(_lexicon())
    function, filler = lex[:30], lex[80:280]
    people, places, orgs, dates = lex[700:760], lex[760:820], lex[820:880], lex[880:900]
    ambiguous = lex[900:930]
    loc_cue, org_cue = ["in", "from"], ["at", "for", "with"]
    vocab = ["<pad>"] + function + filler + people + places + orgs + dates + ambiguous \
        + loc_cue + org_cue  # fmt: skip
    index = {w: i for i, w in enumerate(vocab)}
    rng = np.random.default_rng(DATA_SEED + 2)
    xs: list[list[int]] = []
    ts: list[list[int]] = []
    for _ in range(rows):
        words: list[str] = []
        tags: list[int] = []
        length = int(rng.integers(6, 25))
        while len(words) < length:
            r = rng.random()
            if r < 0.45:
                words.append(str(rng.choice(function + filler)))
                tags.append(1)
            elif r < 0.6:
                words.append(str(rng.choice(people)))
                tags.append(2)
            elif r < 0.7:
                words.append(str(rng.choice(dates)))
                tags.append(5)
            else:
                to_loc = bool(rng.random() < 0.5)
                words.append(str(rng.choice(loc_cue if to_loc else org_cue)))
                tags.append(1)
                pool = ambiguous if rng.random() < 0.5 else (places if to_loc else orgs)
                words.append(str(rng.choice(pool)))
                tags.append(3 if to_loc else 4)
        xs.append([index[w] for w in words[:length]])
        ts.append(tags[:length])
    xt, xv, tt, tv = _split(np.array(xs, dtype=object), np.array(ts, dtype=object))
    return [list(xt), list(xv), list(tt), list(tv), len(vocab)]


@cache
def char_corpus(sentences: int = 1500) -> str:
    """A lower-case text from a small grammar (subject, verb, object, an optional place
    phrase, a full stop): real words, so the next character is mostly predictable."""
    rng = np.random.default_rng(DATA_SEED + 3)
    subjects = ["the cat", "a dog", "my sister", "the old man", "our teacher", "the bird"]
    verbs = ["sees", "likes", "finds", "takes", "wants", "holds", "brings"]
    objects = ["the ball", "a red apple", "some bread", "the small box", "a green hat",
               "the letter"]  # fmt: skip
    places = ["in the garden", "at home", "near the river", "under the table", "on the hill"]
    parts = []
    for _ in range(sentences):
        s = f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}"
        if rng.random() < 0.6:
            s += f" {rng.choice(places)}"
        parts.append(s + ".")
    return " ".join(parts)


@cache
def question_pairs(rows: int = 3000) -> list[object]:
    """Duplicate-question pairs: an intent is (topic word, action word, question word); a
    question is its three words among 4-9 function / filler words in random order; half the
    pairs share an intent (label 1), the other half differ in one or more of the three. Id
    lists (1.. vocabulary, 0 padding): a_train, a_val, b_train, b_val, y_train, y_val, and
    the vocabulary size."""
    lex = list(_lexicon())
    filler, topics, actions, qwords = lex[:120], lex[1000:1060], lex[1060:1100], lex[1100:1108]
    vocab = ["<pad>"] + filler + topics + actions + qwords
    index = {w: i for i, w in enumerate(vocab)}
    rng = np.random.default_rng(DATA_SEED + 4)

    def question(intent: tuple[str, str, str]) -> list[int]:
        words = [*intent, *[str(w) for w in rng.choice(filler, int(rng.integers(4, 10)))]]
        rng.shuffle(words)
        return [index[w] for w in words]

    def intent() -> tuple[str, str, str]:
        return str(rng.choice(topics)), str(rng.choice(actions)), str(rng.choice(qwords))

    a_list, b_list = [], []
    y = (rng.random(rows) < 0.5).astype("int64")
    for same in y:
        first = intent()
        second = first
        if not same:
            change = rng.choice(3, int(rng.integers(1, 3)), replace=False)
            fresh = intent()
            second = (fresh[0] if 0 in change else first[0], fresh[1] if 1 in change else first[1],
                      fresh[2] if 2 in change else first[2])  # fmt: skip
            if second == first:
                second = (str(rng.choice([t for t in topics if t != first[0]])), *first[1:])
        a_list.append(question(first))
        b_list.append(question(second))
    at, av, bt, bv, yt, yv = _split(np.array(a_list, dtype=object),
                                    np.array(b_list, dtype=object), y)  # fmt: skip
    return [list(at), list(av), list(bt), list(bv), yt, yv, len(vocab)]


@cache
def _topic_texts(multi: bool, rows: int = 3000) -> tuple[list[list[str]], np.ndarray]:
    """News-like documents of 30-60 words over six topics: 55 % from the document's topic
    vocabularies, the rest function and filler words; one topic each, or (`multi`) one to
    three; word lists and multi-hot topics (n, 6)."""
    v = _vocab()
    rng = np.random.default_rng(DATA_SEED + (6 if multi else 5))
    texts: list[list[str]] = []
    labels = np.zeros((rows, 6), dtype="float32")
    common = v["function"] + v["filler"]
    for i in range(rows):
        k = int(rng.choice([1, 2, 3], p=[0.4, 0.4, 0.2])) if multi else 1
        chosen = rng.choice(6, k, replace=False)
        labels[i, chosen] = 1.0
        pool = [w for t in chosen for w in v[f"topic{t}"]]
        texts.append([str(rng.choice(pool)) if r < 0.55 else str(rng.choice(common))
                      for r in rng.random(int(rng.integers(30, 61)))])  # fmt: skip
    return texts, labels


@cache
def topic_documents(multi: bool = False) -> list[object]:
    """The topic documents as id lists ranked by frequency (1 OOV, 0 padding): x_train,
    x_val, y_train, y_val, and the vocabulary size. `multi=False`: one topic each, label 0-5;
    `multi=True`: one to three topics each, multi-hot tags (n, 6)."""
    texts, labels = _topic_texts(multi)
    ids = _ids(texts)
    y = labels if multi else labels.argmax(axis=1).astype("int64")
    xt, xv, yt, yv = _split(np.array(ids, dtype=object), y)
    return [list(xt), list(xv), yt, yv, max(max(t) for t in ids) + 1]


@cache
def cooccurrence_embeddings(dim: int = 16) -> np.ndarray:
    """A "pretrained" word-vector matrix for the single-topic documents' ids, built as
    practitioners do without a download: PPMI of word co-occurrence (same document) over an
    unlabelled corpus of the same language (the multi-topic documents), truncated SVD to
    `dim`, scaled to [-1, 1]; rows 0 (padding) and 1 (OOV) zero. (vocabulary size, dim)."""
    texts, _ = _topic_texts(False)
    counts = Counter(w for t in texts for w in t)
    rank = {w: i + 2 for i, (w, _) in enumerate(counts.most_common())}
    size = len(rank) + 2
    corpus, _ = _topic_texts(True)
    matrix = np.zeros((size, size))
    for doc in corpus:
        ids = np.array(sorted({rank[w] for w in doc if w in rank}))
        matrix[np.ix_(ids, ids)] += 1.0
    np.fill_diagonal(matrix, 0.0)
    total = matrix.sum()
    row = matrix.sum(axis=1, keepdims=True) + 1e-9
    ppmi = np.maximum(np.log(matrix * total / (row * row.T) + 1e-12), 0.0)
    u, s, _ = np.linalg.svd(ppmi)
    emb = u[:, :dim] * np.sqrt(s[:dim])
    emb[:2] = 0.0
    return (emb / np.abs(emb).max()).astype("float32")
