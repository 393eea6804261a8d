"""Data for the batch-43 cases: imbalanced classification, generated with sklearn's
`make_classification` (class weights 95/5 % and four classes at 70/17/9/4 %) and sklearn's
bundled breast cancer subsampled to 5 % malignant (data seed 0 (+430 .. +432), no downloads).

Batch 43 is imbalanced and cost-sensitive learning: `class_weight`, `sample_weight`,
resampling by hand, a hand-written focal loss, an output bias set from the class prior,
AUC / precision / recall metrics. The validation rows keep the training prior except the
breast cancer's (25 % malignant, as a screening study's held-out set is often enriched).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def fraud_split() -> list[np.ndarray]:
    """A card-fraud-like binary table: `make_classification` of 8000 rows, 20 features (6
    informative, 4 redundant), 5 % positives (label 1 = fraud), 0.5 % of the labels flipped,
    seed 430; a stratified split: 6000 train (300 positives), 2000 validate (100). The
    features come out of make_classification near unit scale. Returns x, xval (float32),
    y, yval (integer 0 / 1)."""
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    x, y = make_classification(n_samples=8000, n_features=20, n_informative=6,
                               n_redundant=4, weights=[0.95], flip_y=0.005, class_sep=1.0,
                               random_state=DATA_SEED + 430)  # fmt: skip
    x, xval, y, yval = train_test_split(x.astype("float32"), y.astype(np.int64),
                                        test_size=2000, stratify=y,
                                        random_state=DATA_SEED + 430)  # fmt: skip
    return [x, xval, y, yval]


@cache
def triage_split() -> list[np.ndarray]:
    """A four-class triage table: `make_classification` of 8000 rows, 16 features (8
    informative), one cluster a class, class codes NOT in frequency order (class 0 4 %,
    class 1 70 %, class 2 9 %, class 3 17 %), 1 % of the labels flipped, seed 431; a
    stratified split: 6000 train, 2000 validate. Returns x, xval (float32), y, yval
    (integer 0..3)."""
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    x, y = make_classification(n_samples=8000, n_features=16, n_informative=8,
                               n_redundant=2, n_classes=4, n_clusters_per_class=1,
                               weights=[0.04, 0.70, 0.09, 0.17], flip_y=0.01,
                               class_sep=1.2, random_state=DATA_SEED + 431)  # fmt: skip
    x, xval, y, yval = train_test_split(x.astype("float32"), y.astype(np.int64),
                                        test_size=2000, stratify=y,
                                        random_state=DATA_SEED + 431)  # fmt: skip
    return [x, xval, y, yval]


@cache
def cancer_rare_split() -> list[np.ndarray]:
    """sklearn's breast cancer (569 rows, 30 features on their own units) subsampled to a
    rare-positive training set: 250 benign + 13 malignant (4.9 %; label 1 = malignant), and
    a validation set of the other 107 benign + 35 malignant (25 %), seed 432. Returned
    unscaled (the scripts standardise on the training rows). Returns x, xval, y, yval."""
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer()
    y_all = (data.target == 0).astype(np.int64)  # sklearn: 0 = malignant
    rng = np.random.default_rng(DATA_SEED + 432)
    bad = rng.permutation(np.flatnonzero(y_all == 1))
    good = rng.permutation(np.flatnonzero(y_all == 0))
    train = rng.permutation(np.concatenate([bad[:13], good[:250]]))
    val = rng.permutation(np.concatenate([bad[13:48], good[250:]]))
    x, xval = data.data[train].astype("float32"), data.data[val].astype("float32")
    return [x, xval, y_all[train], y_all[val]]
