"""Data for the batch-98 cases (click-through and conversion prediction): generated ad
impressions. Users (Zipf-distributed activity, a latent interest vector, a demographic
segment), ads (Zipf-distributed serving, a category, an advertiser, a latent vector, a
quality), contexts (hour, device, slot position with a position bias), the users' and ads'
historical impression / click counts (heavy tailed: they need a log), a click drawn from the
latent affinity, and a conversion drawn after a click. Data seeds 9800 (users and ads), 9801
(impressions); no downloads; cached.
"""

from __future__ import annotations

from functools import cache

import numpy as np

N_USERS, N_ADS, N_CATEGORIES, N_ADVERTISERS, N_SEGMENTS, DIM = 6000, 1500, 24, 120, 12, 6
DEVICES = np.array(["android", "ios", "web", "tablet"])
DENSE = ("user_impressions", "user_clicks", "ad_impressions", "ad_clicks")
CATEGORICAL = ("user_id", "ad_id", "category", "advertiser", "segment", "age", "hour",
               "position", "device")  # fmt: skip


def _zipf_weights(n: int, exponent: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    return weights / weights.sum()


@cache
def impressions(n_train: int = 120000, n_val: int = 20000) -> dict[str, np.ndarray]:
    """One row per ad impression (seeds 9800, 9801). The click's logit: -5.6 + the user's
    bias (N(0, 0.7)) + the ad's quality (N(0, 0.8), partly its advertiser's) + 2.4 x the
    affinity of the user's interest and the ad's vector (their segment and category carry
    most of it) + a device and hour effect - 0.3 x (position - 1): 3.7 % of impressions are
    clicked (the logit's sd 3.1; the true probabilities' log loss 0.067 against the base
    rate's 0.156). A click converts with probability sigmoid(-2.0 + the ad's conversion bias
    + 0.8 x the affinity): 51 % of clicks, 1.9 % of impressions.
    Counts: the user's and the ad's past impressions (log-normal, up to ~1e5 / ~1e6) and
    clicks (Poisson at their own rate). Returns a dict of arrays: the categorical columns
    (int64; `device` a string), the dense counts (float32), `click` and `conversion`
    (float32 0 / 1; a conversion only after a click), first `n_train` rows the training
    split, the rest validation."""
    rng = np.random.default_rng(9800)
    seg_centres = rng.normal(0.0, 1.0, size=(N_SEGMENTS, DIM))
    cat_centres = rng.normal(0.0, 1.0, size=(N_CATEGORIES, DIM))
    user_segment = rng.integers(0, N_SEGMENTS, N_USERS)
    user_vec = seg_centres[user_segment] + rng.normal(0.0, 0.35, size=(N_USERS, DIM))
    user_bias = rng.normal(0.0, 0.7, N_USERS)
    user_age = np.clip((user_segment % 6) + rng.integers(-1, 2, N_USERS), 0, 6)
    ad_category = rng.integers(0, N_CATEGORIES, N_ADS)
    ad_advertiser = rng.integers(0, N_ADVERTISERS, N_ADS)
    ad_vec = cat_centres[ad_category] + rng.normal(0.0, 0.35, size=(N_ADS, DIM))
    ad_quality = (rng.normal(0.0, 0.8, N_ADS)
                  + 0.3 * rng.normal(0.0, 1.0, N_ADVERTISERS)[ad_advertiser])
    ad_conv = rng.normal(0.0, 0.7, N_ADS)
    user_imps = np.exp(rng.normal(5.0, 1.6, N_USERS))
    ad_imps = np.exp(rng.normal(8.0, 1.8, N_ADS))
    # users / ads are shuffled before the Zipf draw so that popularity is not the id order
    user_rank, ad_rank = rng.permutation(N_USERS), rng.permutation(N_ADS)

    rng = np.random.default_rng(9801)
    n = n_train + n_val
    users = user_rank[rng.choice(N_USERS, n, p=_zipf_weights(N_USERS, 1.05))]
    ads = ad_rank[rng.choice(N_ADS, n, p=_zipf_weights(N_ADS, 0.9))]
    hour = rng.integers(0, 24, n)
    device = rng.choice(4, n, p=[0.45, 0.3, 0.2, 0.05])
    position = np.minimum(rng.geometric(0.35, n), 10)
    affinity = np.einsum("nd,nd->n", user_vec[users], ad_vec[ads]) / np.sqrt(DIM)
    logit = (-5.6 + user_bias[users] + ad_quality[ads] + 2.4 * affinity
             + np.array([0.0, 0.25, -0.2, 0.1])[device] + 0.3 * np.sin(2 * np.pi * hour / 24)
             - 0.3 * (position - 1))  # fmt: skip
    click = rng.random(n) < 1.0 / (1.0 + np.exp(-logit))
    conv_logit = -2.0 + ad_conv[ads] + 0.8 * affinity
    conversion = click & (rng.random(n) < 1.0 / (1.0 + np.exp(-conv_logit)))
    base_user = 1.0 / (1.0 + np.exp(-(-4.0 + user_bias)))
    base_ad = 1.0 / (1.0 + np.exp(-(-4.0 + ad_quality)))
    u_imp = np.round(user_imps[users] * rng.uniform(0.8, 1.2, n)) + 1
    a_imp = np.round(ad_imps[ads] * rng.uniform(0.8, 1.2, n)) + 1
    return {
        "user_id": users.astype("int64"), "ad_id": ads.astype("int64"),
        "category": ad_category[ads].astype("int64"),
        "advertiser": ad_advertiser[ads].astype("int64"),
        "segment": user_segment[users].astype("int64"), "age": user_age[users].astype("int64"),
        "hour": hour.astype("int64"), "position": position.astype("int64"),
        "device": DEVICES[device].astype(object),
        "user_impressions": u_imp.astype("float32"),
        "user_clicks": rng.poisson(u_imp * base_user[users]).astype("float32"),
        "ad_impressions": a_imp.astype("float32"),
        "ad_clicks": rng.poisson(a_imp * base_ad[ads]).astype("float32"),
        "click": click.astype("float32"), "conversion": conversion.astype("float32"),
    }


def split(n_train: int = 120000, n_val: int = 20000
          ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:  # fmt: skip
    """The impressions as (train, val) dicts of the same columns."""
    rows = impressions(n_train, n_val)
    return ({k: v[:n_train] for k, v in rows.items()},
            {k: v[n_train:] for k, v in rows.items()})  # fmt: skip
