"""Data for the batch-82 cases (molecular property prediction): generated molecules in three
forms, no downloads, data seeds 8200-8203
(8204 picks the NaN rows of a solubility fault).

- Bit-vector fingerprints (ECFP-like, folded to 1024 bits): each molecule is a scaffold (one of
  60 clusters, its own core bits) plus 3-9 substituent fragments drawn from a pool of 240,
  each fragment hashed to 2-4 bits; the activity (and eight toxicity-style tasks) come from
  the fragments present. Scaffold split: the validation molecules come from clusters the
  training set never sees.
- SMILES-like strings written from a small grammar (chains, branches, aliphatic and aromatic
  rings, carbonyls, halogens); a molecule is "active" when it holds both an aromatic ring and a
  carbonyl C(=O) (the look-alikes C1CCCCC1 and C(O) are not).
- A descriptor table (MolWt, LogP, TPSA, HBD, HBA, rotatable bonds, rings, aromatic
  proportion, BertzCT, fraction sp3) with very different column scales and an ESOL-like logS
  target, validation from held-out clusters.
"""

from __future__ import annotations

from functools import cache

import numpy as np

N_BITS = 1024
N_CLUSTERS = 60
N_FRAGMENTS = 240
N_TASKS = 8


def _molecules(n: int, rng: np.random.Generator, n_val_clusters: int
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """Fragment sets of n molecules: returns (fragment counts (n, N_FRAGMENTS), cluster id
    (n,), fingerprint bits (n, N_BITS)). The last n_val_clusters clusters are kept for
    validation by the callers."""
    core_bits = [rng.choice(N_BITS, size=rng.integers(10, 20), replace=False)
                 for _ in range(N_CLUSTERS)]  # fmt: skip
    frag_bits = [rng.choice(N_BITS, size=rng.integers(2, 5), replace=False)
                 for _ in range(N_FRAGMENTS)]  # fmt: skip
    # each cluster prefers some fragments (its chemistry), all clusters can hold any
    pref = rng.dirichlet(np.full(N_FRAGMENTS, 0.3), size=N_CLUSTERS) * 0.6 + 0.4 / N_FRAGMENTS
    cluster = rng.integers(N_CLUSTERS, size=n)
    counts = np.zeros((n, N_FRAGMENTS), dtype="float32")
    bits = np.zeros((n, N_BITS), dtype="float32")
    for i in range(n):
        k = rng.integers(3, 10)
        frags = rng.choice(N_FRAGMENTS, size=k, p=pref[cluster[i]])
        np.add.at(counts[i], frags, 1.0)
        bits[i, core_bits[cluster[i]]] = 1.0
        for f in frags:
            bits[i, frag_bits[f]] = 1.0
    return counts, cluster, bits


def _scaffold_split(arrays: list[np.ndarray], cluster: np.ndarray, n_val_clusters: int
                    ) -> list[np.ndarray]:  # fmt: skip
    val = cluster >= N_CLUSTERS - n_val_clusters
    return [a[~val] for a in arrays] + [a[val] for a in arrays]


@cache
def fingerprints(n: int = 3000) -> list[np.ndarray]:
    """Single-task activity (seed 8200): 1024-bit fingerprints, label 1 when the molecule's
    activity score (12 "pharmacophore" fragments +2.2 each, 10 "spoiler" fragments -1.6, a
    cluster offset N(0, 0.5), noise N(0, 0.4)) passes a threshold set for ~25 % actives.
    Scaffold split: 12 of 60 clusters held out for validation (~600 rows). Returns x, y, xval,
    yval (x float32 (n, 1024) 0/1, y int64)."""
    rng = np.random.default_rng(8200)
    counts, cluster, bits = _molecules(n, rng, 12)
    weight = np.zeros(N_FRAGMENTS, dtype="float32")
    picked = rng.choice(N_FRAGMENTS, size=22, replace=False)
    weight[picked[:12]], weight[picked[12:]] = 2.2, -1.6
    offset = rng.normal(0.0, 0.5, size=N_CLUSTERS)
    score = (counts > 0) @ weight + offset[cluster] + rng.normal(0.0, 0.4, size=n)
    y = (score > np.quantile(score, 0.75)).astype(np.int64)
    return _scaffold_split([bits, y], cluster, 12)


@cache
def tox_tasks(n: int = 3000, missing: float = 0.4) -> list[np.ndarray]:
    """Eight toxicity-style tasks on the fingerprints (seed 8201): each task's score sums the
    weights (+2.0 / -1.5) of its own 14 + 6 fragments plus noise N(0, 0.4), active above its
    quantile (actives 15-33 % by task); `missing` of the labels are unmeasured, written -1 (as
    the assay tables mark them). Scaffold split as `fingerprints`. Returns x, y, xval, yval
    (y float32 (n, 8) in {0, 1, -1})."""
    rng = np.random.default_rng(8201)
    counts, cluster, bits = _molecules(n, rng, 12)
    present = (counts > 0).astype("float32")
    y = np.empty((n, N_TASKS), dtype="float32")
    for t in range(N_TASKS):
        weight = np.zeros(N_FRAGMENTS, dtype="float32")
        picked = rng.choice(N_FRAGMENTS, size=20, replace=False)
        weight[picked[:14]], weight[picked[14:]] = 2.0, -1.5
        score = present @ weight + rng.normal(0.0, 0.4, size=n)
        y[:, t] = score > np.quantile(score, rng.uniform(0.65, 0.85))
    y[rng.random(y.shape) < missing] = -1.0
    return _scaffold_split([bits, y], cluster, 12)


_PIECES = ["C", "CC", "N", "O", "C(C)", "CN", "OC", "C=C", "F", "Cl", "S", "C(O)",
           "C(=O)", "c1ccccc1", "C1CCCCC1", "C#N", "Br", "CCC"]  # fmt: skip


@cache
def smiles(n: int = 3000, n_val: int = 800) -> list[np.ndarray]:
    """SMILES-like strings (seed 8202): 3-14 pieces drawn from `_PIECES` (aromatic ring
    c1ccccc1 and carbonyl C(=O) at 10 % each, their look-alikes cyclohexane C1CCCCC1 and the
    alcohol C(O) at 8 % each), concatenated, 3-70 characters. Label 1 when the string holds an
    aromatic ring and a carbonyl (about 31 %). Returns strings, y, strings_val, y_val (object
    arrays of str, int64)."""
    rng = np.random.default_rng(8202)
    share = {"c1ccccc1": 0.10, "C(=O)": 0.10, "C1CCCCC1": 0.08, "C(O)": 0.08}
    rest = (1.0 - sum(share.values())) / (len(_PIECES) - len(share))
    p = np.array([share.get(piece, rest) for piece in _PIECES])
    strings, labels = [], []
    total = n + n_val
    while len(strings) < total:
        k = rng.integers(3, 15)
        s = "".join(_PIECES[j] for j in rng.choice(len(_PIECES), size=k, p=p))
        if len(s) > 70:
            continue
        strings.append(s)
        labels.append(int("c1ccccc1" in s and "C(=O)" in s))
    strings_arr, y = np.array(strings, dtype=object), np.array(labels, dtype=np.int64)
    return [strings_arr[:n], y[:n], strings_arr[n:], y[n:]]


DESCRIPTORS = ("MolWt", "LogP", "TPSA", "HBD", "HBA", "RotBonds", "Rings", "AromProp",
               "BertzCT", "FracSP3")  # fmt: skip


@cache
def descriptors(n: int = 2000) -> list[np.ndarray]:
    """An RDKit-like descriptor table (seed 8203): per molecule heavy atoms 8-40 and hetero
    atoms from 40 clusters' own chemistry; MolWt 100-600, LogP -3..7, TPSA 0-180, HBD 0-6,
    HBA 0-12, rotatable bonds 0-15, rings 0-5, aromatic proportion 0-1, BertzCT 50-2500,
    fraction sp3 0-1. Target logS (ESOL-like): 0.16 - 0.63 LogP - 0.0062 MolWt + 0.066
    RotBonds - 0.74 AromProp + 0.4 tanh(HBD - 2) + N(0, 0.3), about -9..2. Validation: 8 of
    the 40 clusters (~400 rows). Returns x, y, xval, yval (x float32 (n, 10), y float32 (n,
    1))."""
    rng = np.random.default_rng(8203)
    n_clusters = 40
    centre = rng.uniform(size=(n_clusters, 4))
    cluster = rng.integers(n_clusters, size=n)
    z = np.clip(centre[cluster] + rng.normal(0.0, 0.12, size=(n, 4)), 0.0, 1.0)
    heavy = np.round(8 + 32 * z[:, 0])
    hetero_share = 0.05 + 0.35 * z[:, 1]
    hetero = np.round(heavy * hetero_share)
    rings = np.round(5 * z[:, 2] * (heavy / 40) + rng.uniform(0, 0.5, n))
    arom = np.clip(z[:, 3] * (rings > 0) + rng.normal(0, 0.05, n), 0.0, 1.0)
    molwt = 12.5 * heavy + 3.5 * hetero + rng.normal(0, 8, n) + 14
    hbd = np.clip(np.round(hetero * 0.35 + rng.normal(0, 0.6, n)), 0, 6)
    hba = np.clip(np.round(hetero * 0.8 + rng.normal(0, 0.8, n)), 0, 12)
    tpsa = np.clip(13.0 * hetero + 8.0 * hbd + rng.normal(0, 5, n), 0, 180)
    logp = 0.16 * heavy - 0.75 * hetero + 0.3 * arom * rings + rng.normal(0, 0.5, n) - 0.3
    rot = np.clip(np.round((heavy - 6 * rings) * 0.35 + rng.normal(0, 1, n)), 0, 15)
    bertz = 30 * heavy + 120 * rings + 200 * arom + rng.normal(0, 40, n)
    fsp3 = np.clip(1.0 - arom * 0.8 - 0.1 * z[:, 1] + rng.normal(0, 0.05, n), 0.0, 1.0)
    x = np.stack([molwt, logp, tpsa, hbd, hba, rot, rings, arom, bertz, fsp3], axis=1)
    logs = (0.16 - 0.63 * logp - 0.0062 * molwt + 0.066 * rot - 0.74 * arom
            + 0.4 * np.tanh(hbd - 2) + rng.normal(0, 0.3, n))  # fmt: skip
    val = cluster >= n_clusters - 8
    x, y = x.astype("float32"), logs.astype("float32")[:, None]
    return [x[~val], y[~val], x[val], y[val]]
