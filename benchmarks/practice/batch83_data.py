"""Data for the batch-83 cases (causal language modelling): word-level stories from a generated
English-like grammar (determiners, adjectives, nouns and verbs with number agreement across a
relative clause, two sentences a story, padded with 0), and character-level text from the
dataset descriptions that ship inside scikit-learn (`sklearn/datasets/descr/*.rst`, read from
the installed package). Data seeds 8300 and 8301, no downloads.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

PAD, BOS, EOS = 0, 1, 2
_DET = {"sg": ["the", "a", "this", "every"], "pl": ["the", "some", "these", "many"]}
_NOUN = {"sg": ["cat", "dog", "bird", "child", "teacher", "farmer", "horse", "doctor"],
         "pl": ["cats", "dogs", "birds", "children", "teachers", "farmers", "horses",
                "doctors"]}  # fmt: skip
_VERB = {"sg": ["sees", "likes", "chases", "helps", "follows", "calls"],
         "pl": ["see", "like", "chase", "help", "follow", "call"]}  # fmt: skip
_ADJ = ["small", "big", "old", "happy", "red", "quiet"]
_OTHER = [".", "who", "then", "it", "they"]


def word_vocab() -> list[str]:
    """Index -> word: 0 "<pad>", 1 "<s>", 2 "</s>", then the grammar's words."""
    words = ["<pad>", "<s>", "</s>", *_OTHER, *_ADJ]
    for table in (_DET, _NOUN, _VERB):
        for number in ("sg", "pl"):
            words += [w for w in table[number] if w not in words]
    return words


def _story(rng: np.random.Generator) -> list[str]:
    def np_(number: str, noun: str | None = None) -> list[str]:
        words = [rng.choice(_DET[number])]
        if rng.random() < 0.3:
            words.append(rng.choice(_ADJ))
        return [*words, noun or rng.choice(_NOUN[number])]

    number = rng.choice(["sg", "pl"])
    out = ["<s>", *np_(number)]
    if rng.random() < 0.5:  # the verb agrees with the subject across the clause
        out += ["who", rng.choice(_VERB[number]), *np_(rng.choice(["sg", "pl"]))]
    obj_number = rng.choice(["sg", "pl"])
    obj = np_(obj_number)
    out += [rng.choice(_VERB[number]), *obj, "."]
    # the second sentence: a pronoun for the subject, the first object named again
    out += ["then", "it" if number == "sg" else "they", rng.choice(_VERB[number]), "the",
            obj[-1], ".", "</s>"]
    return out


@cache
def grammar_stories(n_train: int = 4000, n_val: int = 1000,
                    length: int = 24) -> list[np.ndarray]:  # fmt: skip
    """Stories of two sentences (seed 8300): `<s> NP [who V NP] V NP . then PRON V the N .
    </s>`: determiners, nouns and verbs agree in number (singular / plural at random; an
    adjective in 30 % of the noun phrases), the main verb with its subject across the
    relative clause; the second sentence's pronoun ("it" / "they") and verb agree with the
    first subject, and its object is the first sentence's object noun again. Each story
    (14-21 tokens) as word ids, post-padded with 0 to `length`. Returns ids, ids_val (int32
    (n, length)); the vocabulary is `word_vocab()` (49 words with the pad)."""
    rng = np.random.default_rng(8300)
    index = {w: i for i, w in enumerate(word_vocab())}
    ids = np.zeros((n_train + n_val, length), dtype="int32")
    for i in range(n_train + n_val):
        story = [index[w] for w in _story(rng)][:length]
        ids[i, : len(story)] = story
    return [ids[:n_train], ids[n_train:]]


def _descr_text() -> str:
    import sklearn

    folder = Path(sklearn.__file__).parent / "datasets" / "descr"
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.rst")))
    return text.lower()


@cache
def descr_chars(length: int = 64, stride: int = 16, block: int = 1024,
                val_share: float = 0.15) -> list[np.ndarray]:  # fmt: skip
    """Character-level windows of scikit-learn's bundled dataset descriptions (about 43 000
    characters, lower-cased; 67 characters with ids 1..67, 0 unused). The text is cut into
    1024-character blocks, 15 % of them (seed 8301) held out for validation; windows of
    `length` + 1 characters are taken every `stride` characters inside the training blocks
    (about 2 200) and every `length // 2` inside the validation ones (about 180). Returns windows,
    windows_val (int32 (n, length + 1)) and the characters (index -> char; index 0 "")."""
    text = _descr_text()
    chars = ["", *sorted(set(text))]
    index = {c: i for i, c in enumerate(chars)}
    codes = np.array([index[c] for c in text], dtype="int32")
    rng = np.random.default_rng(8301)
    n_blocks = len(codes) // block
    held = set(rng.choice(n_blocks, size=max(1, round(val_share * n_blocks)), replace=False))
    train, val = [], []
    for b in range(n_blocks):
        part = codes[b * block:(b + 1) * block]
        step = length // 2 if b in held else stride
        for start in range(0, len(part) - length - 1, step):
            (val if b in held else train).append(part[start:start + length + 1])
    return [np.stack(train), np.stack(val), np.array(chars, dtype=object)]
