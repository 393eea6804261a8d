"""Data for the batch-22 cases: generated tables (numpy, data seed 0) and sklearn's bundled
breast cancer set, no downloads.

Batch 22 is tabular classification as Kaggle / industry practitioners write it: a loan table
with string grades and purposes, card transactions with a high-cardinality merchant id, a
store table for target encoding, a species table with many string classes, ordinal credit
grades, a churn table for a wide & deep model, a loan book split by issue month with a
post-outcome column, imbalanced fraud for a focal loss, breast cancer for two averaged MLPs,
and four imbalanced classes for class weights. Each function returns the data as the script
receives it (raw units, strings, ids): encoding and scaling are the script's own.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split

from benchmarks.practice.batch2_data import DATA_SEED

GRADES = ("A", "B", "C", "D", "E", "F", "G")
PURPOSES = ("debt_consolidation", "credit_card", "home_improvement", "car", "medical",
            "small_business", "vacation", "wedding")  # fmt: skip
PLANS = ("basic", "standard", "premium", "family")
REGIONS = ("north", "south", "east", "west", "central", "islands")
SPECIES = ("alder", "ash", "aspen", "beech", "birch", "cedar", "cherry", "elm", "fir",
           "hemlock", "hickory", "larch", "maple", "oak", "pine")  # fmt: skip


def _split(*arrays: np.ndarray, stratify: np.ndarray | None = None) -> list[np.ndarray]:
    """80/20 (shuffled, data seed 0): each array's train part, then its val part."""
    return train_test_split(*arrays, test_size=0.2, random_state=DATA_SEED, stratify=stratify)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _z(v: np.ndarray) -> np.ndarray:
    return (v - v.mean()) / v.std()


@cache
def loan_table(rows: int = 3000) -> list[np.ndarray]:
    """Personal loans: five numeric columns in their own units (income in dollars, loan
    amount, debt-to-income 0-40, credit history in years, open accounts), the grade "A".."G"
    and the purpose (8 strings) as string columns of shape (n, 1) (object arrays); default ~
    Bernoulli with a log-odds led by the grade (-2.6 for A to +2.4 for G), plus purpose,
    dti, income and the loan-to-income ratio; numeric_train, numeric_val, grade_train, grade_val,
    purpose_train, purpose_val, y_train, y_val ((n, 1) float32), stratified on y."""
    rng = np.random.default_rng(DATA_SEED)
    grade = rng.choice(len(GRADES), rows, p=[0.18, 0.26, 0.2, 0.15, 0.1, 0.07, 0.04])
    purpose = rng.choice(len(PURPOSES), rows, p=[0.4, 0.2, 0.1, 0.1, 0.06, 0.06, 0.04, 0.04])
    income = rng.lognormal(11.0, 0.5, rows)
    amount = rng.lognormal(9.5, 0.6, rows)
    dti = np.clip(rng.normal(18.0, 8.0, rows), 0.0, 40.0)
    history = rng.uniform(1.0, 30.0, rows)
    accounts = rng.poisson(8.0, rows).astype("float64")
    logit = (np.array([-2.6, -1.6, -0.6, 0.4, 1.2, 1.8, 2.4])[grade]
             + np.array([0.0, -0.3, -0.2, -0.4, 0.5, 1.0, 0.3, -0.1])[purpose]
             + 0.5 * _z(dti) - 0.4 * _z(np.log(income)) + 0.4 * _z(amount / income)
             - 0.2 * _z(history))  # fmt: skip
    y = (rng.random(rows) < _sigmoid(logit)).astype("float32")[:, None]
    numeric = np.stack([income, amount, dti, history, accounts], axis=1).astype("float32")
    grades = np.array(GRADES, dtype=object)[grade][:, None]  # as pandas holds strings
    purposes = np.array(PURPOSES, dtype=object)[purpose][:, None]
    return _split(numeric, grades, purposes, y, stratify=y[:, 0])


@cache
def card_transactions(rows: int = 4000, merchants: int = 200) -> list[np.ndarray]:
    """Card transactions: a merchant id 1000..1199 (int64, (n, 1); each merchant has its own
    fraud log-odds ~ N(0, 1.6), unrelated to the id's value), amount in dollars, hour of day
    and distance from home in km (raw units); fraud rate ~20 %; ids_train, ids_val,
    numeric_train, numeric_val, y_train, y_val ((n, 1) float32), stratified on y."""
    rng = np.random.default_rng(DATA_SEED + 1)
    merchant = rng.integers(0, merchants, rows)
    effect = rng.normal(0.0, 1.6, merchants)
    amount = rng.lognormal(3.5, 1.0, rows)
    hour = rng.integers(0, 24, rows).astype("float64")
    distance = rng.exponential(15.0, rows)
    night = ((hour < 6) | (hour > 22)).astype("float64")
    logit = (-1.9 + effect[merchant] + 0.6 * _z(np.log(amount)) + 0.8 * night
             + 0.3 * _z(np.log1p(distance)))  # fmt: skip
    y = (rng.random(rows) < _sigmoid(logit)).astype("float32")[:, None]
    ids = (1000 + merchant).astype("int64")[:, None]
    numeric = np.stack([amount, hour, distance], axis=1).astype("float32")
    return _split(ids, numeric, y, stratify=y[:, 0])


@cache
def store_visits(rows: int = 4000, stores: int = 1000) -> list[np.ndarray]:
    """Store visits that end in a purchase: a store id 0..999 (about 4 rows a store; each
    store's own log-odds ~ N(0, 1.2)) and six standardised visit features with linear and
    one interaction effect; ~45 % purchases; store_train, store_val (int64, (n,)),
    x_train, x_val, y_train, y_val ((n,) float32)."""
    rng = np.random.default_rng(DATA_SEED + 2)
    store = rng.integers(0, stores, rows)
    effect = rng.normal(0.0, 1.2, stores)
    x = rng.normal(0.0, 1.0, (rows, 6))
    logit = (-0.2 + effect[store] + 0.9 * x[:, 0] - 0.7 * x[:, 1] + 0.5 * x[:, 2] * x[:, 3]
             + 0.4 * x[:, 4])  # fmt: skip
    y = (rng.random(rows) < _sigmoid(logit)).astype("float32")
    return _split(store.astype("int64"), x.astype("float32"), y)


@cache
def species_table(rows: int = 3000) -> list[np.ndarray]:
    """Tree species from 12 bark / leaf measurements: 15 string classes with unequal shares
    (the rarest, "alder", has 8 rows, none in the validation part), each a Gaussian cloud
    around its own centre (spread 1.0, centres N(0, 1.1)); x_train, x_val (float32),
    species_train, species_val (strings, (n,))."""
    rng = np.random.default_rng(DATA_SEED + 3)
    shares = np.array([0.0, 10, 9, 9, 8, 8, 7, 7, 7, 6, 6, 6, 5, 5, 4])
    counts = np.round(shares / shares.sum() * (rows - 8)).astype(int)
    counts[0] = 8
    label = np.repeat(np.arange(len(SPECIES)), counts)
    centres = rng.normal(0.0, 1.1, (len(SPECIES), 12))
    x = (centres[label] + rng.normal(0.0, 1.0, (len(label), 12))).astype("float32")
    names = np.array(SPECIES)[label]
    x_train, x_val, s_train, s_val = _split(x, names)
    moved = s_val == "alder"  # the rare class kept out of the validation part (as drawn)
    return [np.concatenate([x_train, x_val[moved]]), x_val[~moved],
            np.concatenate([s_train, s_val[moved]]), s_val[~moved]]


@cache
def credit_grades(rows: int = 3000) -> list[np.ndarray]:
    """Five ordinal credit grades 0..4 cut at the quintiles of a latent score (a non-linear
    function of 8 standardised features plus noise); x_train, x_val (float32), y_train,
    y_val (int64, (n,)), stratified."""
    rng = np.random.default_rng(DATA_SEED + 4)
    x = rng.normal(0.0, 1.0, (rows, 8))
    score = (1.2 * x[:, 0] - 0.9 * x[:, 1] + 0.7 * np.tanh(2 * x[:, 2]) + 0.5 * x[:, 3] * x[:, 4]
             + 0.4 * x[:, 5] ** 2 + rng.normal(0.0, 0.5, rows))  # fmt: skip
    y = np.searchsorted(np.quantile(score, [0.2, 0.4, 0.6, 0.8]), score).astype("int64")
    return _split(x.astype("float32"), y, stratify=y)


@cache
def churn_table(rows: int = 4000) -> list[dict[str, np.ndarray] | np.ndarray]:
    """Telecom churn as a dict of columns: plan (4 strings) and region (6 strings), (n, 1),
    whose pair matters (a plan x region log-odds table, N(0, 1.2)), and numeric columns in
    their own units (tenure months 0-72, monthly charge, support calls); ~30 % churn;
    x_train, x_val (dicts "plan", "region", "numeric"), y_train, y_val ((n, 1) float32)."""
    rng = np.random.default_rng(DATA_SEED + 5)
    plan = rng.integers(0, len(PLANS), rows)
    region = rng.integers(0, len(REGIONS), rows)
    pair = rng.normal(0.0, 1.2, (len(PLANS), len(REGIONS)))
    tenure = rng.uniform(0.0, 72.0, rows)
    charge = rng.normal(65.0, 25.0, rows).clip(15.0, 150.0)
    calls = rng.poisson(1.5, rows).astype("float64")
    logit = (-1.1 + pair[plan, region] - 0.9 * _z(tenure) + 0.5 * _z(charge)
             + 0.6 * _z(calls))  # fmt: skip
    y = (rng.random(rows) < _sigmoid(logit)).astype("float32")[:, None]
    numeric = np.stack([tenure, charge, calls], axis=1).astype("float32")
    plans = np.array(PLANS, dtype=object)[plan][:, None]  # object arrays, as pandas holds them
    regions = np.array(REGIONS, dtype=object)[region][:, None]
    pt, pv, rt, rv, nt, nv, yt, yv = _split(plans, regions, numeric, y, stratify=y[:, 0])
    return [{"plan": pt, "region": rt, "numeric": nt},
            {"plan": pv, "region": rv, "numeric": nv}, yt, yv]


@cache
def loan_book(rows: int = 3000) -> list[np.ndarray]:
    """A loan book in issue order (36 months): seven standardised applicant features and,
    last, "recoveries" (dollars recovered after a charge-off: > 0 for ~90 % of the defaults
    of matured loans, 0 otherwise; 0 for every loan of the last 20 %, issued too recently
    to have been charged off); ~35 % defaults; x_train, x_val (8 columns, float32, the
    first 80 % of issue months and the rest, chronological), y_train, y_val ((n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 6)
    x = rng.normal(0.0, 1.0, (rows, 7))
    logit = (-0.75 + 1.1 * x[:, 0] - 0.8 * x[:, 1] + 0.6 * x[:, 2] - 0.5 * np.abs(x[:, 3])
             + 0.4 * x[:, 4] * x[:, 5])  # fmt: skip
    y = (rng.random(rows) < _sigmoid(logit)).astype("float32")
    cut = int(rows * 0.8)
    recovered = (y == 1) & (rng.random(rows) < 0.9) & (np.arange(rows) < cut)
    recoveries = np.where(recovered, rng.lognormal(7.0, 0.8, rows), 0.0)
    table = np.concatenate([x, recoveries[:, None]], axis=1).astype("float32")
    return [table[:cut], table[cut:], y[:cut, None], y[cut:, None]]


@cache
def fraud_imbalanced(rows: int = 5000) -> list[np.ndarray]:
    """make_classification: 14 features (6 informative), ~7 % positives, 1 % flipped labels;
    x_train, x_val (float32), y_train, y_val ((n, 1) float32), stratified."""
    x, y = make_classification(n_samples=rows, n_features=14, n_informative=6,
                               n_redundant=2, weights=[0.93], flip_y=0.01, class_sep=1.0,
                               random_state=DATA_SEED)  # fmt: skip
    return _split(x.astype("float32"), y.astype("float32")[:, None], stratify=y)


@cache
def cancer_split() -> list[np.ndarray]:
    """sklearn's breast cancer (569 rows, 30 raw features), stratified 80/20; x_train,
    x_val (float32, raw units), y_train, y_val ((n, 1) float32)."""
    x, y = load_breast_cancer(return_X_y=True)
    return _split(x.astype("float32"), y.astype("float32")[:, None], stratify=y)


@cache
def four_imbalanced_classes(rows: int = 3000) -> list[np.ndarray]:
    """make_classification: 4 classes with shares 60 / 25 / 10 / 5 %, 10 features (6
    informative); x_train, x_val (float32), y_train, y_val (int64, (n,)), stratified."""
    x, y = make_classification(n_samples=rows, n_features=10, n_informative=6,
                               n_redundant=2, n_classes=4, n_clusters_per_class=1,
                               weights=[0.6, 0.25, 0.1, 0.05], class_sep=1.0,
                               random_state=DATA_SEED)  # fmt: skip
    return _split(x.astype("float32"), y.astype("int64"), stratify=y)
