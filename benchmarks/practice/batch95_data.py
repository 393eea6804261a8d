"""Data for the batch-95 cases (network intrusion detection): generated flow records (benign
traffic profiles plus port scans, SYN floods, brute-force logins and exfiltration, with
heavy-tailed byte / packet counts and durations, destination ports and protocols), and
generated host log sessions (sequences of event ids: benign workflows, with brute-force and
exfiltration sessions mixed in). Data seeds 9500, 9501; no downloads; time-ordered splits
(the last fifth in time is the validation set).
"""

from __future__ import annotations

from functools import cache

import numpy as np

CLASSES = ("benign", "scan", "flood", "bruteforce", "exfil")
CLASS_SHARE = (0.86, 0.05, 0.05, 0.03, 0.01)
NUMERIC = ("duration", "bytes_out", "bytes_in", "packets_out", "packets_in", "syn", "rst",
           "hour")  # fmt: skip
PROTOCOLS = ("tcp", "udp", "icmp")


def _benign(rng: np.random.Generator, n: int, drift: np.ndarray) -> dict[str, np.ndarray]:
    """Web / DNS / mail / SSH / RDP traffic: lognormal sizes and durations, downloads bigger
    than uploads, byte volumes growing by up to 30 % over the period (drift 0..1)."""
    ports = np.array([443, 80, 53, 22, 25, 3389, 123, 8080])
    share = np.array([0.46, 0.18, 0.16, 0.04, 0.03, 0.02, 0.03, 0.03])
    port = ports[rng.choice(len(ports), n, p=share / share.sum())]
    ephemeral = rng.random(n) < 0.06
    port = np.where(ephemeral, rng.integers(1024, 65536, n), port)
    proto = np.where(np.isin(port, (53, 123)), "udp", "tcp").astype(object)
    proto[rng.random(n) < 0.015] = "icmp"
    duration = rng.lognormal(0.0, 1.6, n)
    packets_out = 1 + rng.poisson(rng.lognormal(2.0, 1.0, n))
    bytes_out = packets_out * rng.lognormal(6.0, 0.7, n) * (1.0 + 0.3 * drift)
    packets_in = 1 + rng.poisson(packets_out * rng.lognormal(0.4, 0.6, n))
    bytes_in = packets_in * rng.lognormal(6.6, 0.8, n) * (1.0 + 0.3 * drift)
    syn = np.where(proto == "tcp", 1 + rng.poisson(0.1, n), 0)
    rst = (rng.random(n) < 0.04).astype(int)
    return {"port": port, "proto": proto, "duration": duration, "bytes_out": bytes_out,
            "bytes_in": bytes_in, "packets_out": packets_out, "packets_in": packets_in,
            "syn": syn, "rst": rst}  # fmt: skip


def _attack(rng: np.random.Generator, kind: int, n: int) -> dict[str, np.ndarray]:
    """Scans (any port, one or two tiny packets, mostly reset), SYN floods (80 / 443, thousands
    of 60-byte SYNs, nothing back), brute-force logins (22 / 21 / 3389, short sessions of a
    few kB each way), exfiltration (443 / 53, very large uploads over long sessions)."""
    if kind == 1:
        port = rng.integers(1, 65536, n)
        proto = np.where(rng.random(n) < 0.85, "tcp", "udp").astype(object)
        duration = rng.exponential(0.02, n)
        packets_out = 1 + rng.integers(0, 2, n)
        bytes_out = packets_out * rng.uniform(40, 80, n)
        packets_in = rng.integers(0, 2, n)
        bytes_in = packets_in * rng.uniform(40, 60, n)
        syn = np.where(proto == "tcp", packets_out, 0)
        rst = (rng.random(n) < 0.8).astype(int)
    elif kind == 2:
        port = rng.choice(np.array([80, 443]), n)
        proto = np.full(n, "tcp", dtype=object)
        duration = rng.lognormal(1.5, 1.0, n)
        packets_out = (rng.lognormal(6.5, 1.0, n)).astype(int) + 20
        bytes_out = packets_out * rng.uniform(54, 66, n)
        packets_in = rng.poisson(2.0, n)
        bytes_in = packets_in * rng.uniform(40, 60, n)
        syn = packets_out
        rst = (rng.random(n) < 0.3).astype(int)
    elif kind == 3:
        port = rng.choice(np.array([22, 21, 3389]), n, p=[0.6, 0.2, 0.2])
        proto = np.full(n, "tcp", dtype=object)
        duration = rng.lognormal(0.3, 0.4, n)
        packets_out = 8 + rng.poisson(10, n)
        bytes_out = packets_out * rng.lognormal(4.6, 0.3, n)
        packets_in = 8 + rng.poisson(10, n)
        bytes_in = packets_in * rng.lognormal(4.8, 0.3, n)
        syn = np.ones(n, dtype=int)
        rst = (rng.random(n) < 0.5).astype(int)
    else:
        port = rng.choice(np.array([443, 53]), n, p=[0.7, 0.3])
        proto = np.where(port == 53, "udp", "tcp").astype(object)
        duration = rng.lognormal(5.0, 1.0, n)
        packets_out = (rng.lognormal(8.0, 0.8, n)).astype(int) + 50
        bytes_out = packets_out * rng.uniform(900, 1400, n)
        packets_in = (packets_out * rng.uniform(0.05, 0.3, n)).astype(int) + 1
        bytes_in = packets_in * rng.uniform(60, 120, n)
        syn = np.where(proto == "tcp", 1, 0)
        rst = np.zeros(n, dtype=int)
    return {"port": port, "proto": proto, "duration": duration, "bytes_out": bytes_out,
            "bytes_in": bytes_in, "packets_out": packets_out, "packets_in": packets_in,
            "syn": syn, "rst": rst}  # fmt: skip


@cache
def flow_records(n: int = 15000) -> dict[str, np.ndarray]:
    """`n` flow records over ten days (seed 9500), sorted by start time: class shares 0.86
    benign, 0.05 scan, 0.05 flood, 0.03 brute-force, 0.01 exfiltration, drawn independently
    of time; benign byte volumes drift up by 30 % over the ten days. Columns: `time`
    (days), `label` (0..4), `attack` (0 / 1), `port` (int64), `proto` (an object array of
    "tcp" / "udp" / "icmp"), the numeric columns of NUMERIC (float32; `hour` 0..23);
    2 % of the benign flows are replaced by scan-like or flood-like noise (a failed
    connection, a burst)."""
    rng = np.random.default_rng(9500)
    label = rng.choice(len(CLASSES), n, p=CLASS_SHARE)
    time = np.sort(rng.uniform(0.0, 10.0, n))
    cols: dict[str, np.ndarray] = {}
    parts = {}
    for kind in range(len(CLASSES)):
        idx = np.flatnonzero(label == kind)
        parts[kind] = (idx, _benign(rng, len(idx), time[idx] / 10.0) if kind == 0
                       else _attack(rng, kind, len(idx)))  # fmt: skip
    for key in ("port", "proto", "duration", "bytes_out", "bytes_in", "packets_out",
                "packets_in", "syn", "rst"):  # fmt: skip
        dtype = object if key == "proto" else np.int64 if key == "port" else np.float64
        column = np.empty(n, dtype=dtype)
        for idx, values in parts.values():
            column[idx] = values[key]
        cols[key] = column
    # benign noise: failed connections (look like a scan) and bursts (look like a flood)
    benign = np.flatnonzero(label == 0)
    noisy = benign[rng.random(len(benign)) < 0.02]
    failed, burst = noisy[: len(noisy) // 2], noisy[len(noisy) // 2:]
    cols["packets_out"][failed], cols["bytes_out"][failed] = 1, 60.0
    cols["packets_in"][failed], cols["bytes_in"][failed] = 0, 0.0
    cols["duration"][failed], cols["rst"][failed] = 0.01, 1
    cols["packets_out"][burst] *= 40
    cols["bytes_out"][burst] *= 20
    hour = (time % 1.0) * 24.0
    cols["hour"] = np.floor(hour)
    out = {k: v.astype("float32") for k, v in cols.items() if k in NUMERIC}
    out["port"] = cols["port"].astype("int64")
    out["proto"] = cols["proto"].astype(str).astype(object)
    out["label"] = label.astype("int64")
    out["attack"] = (label > 0).astype("int64")
    out["time"] = time.astype("float32")
    return out


def time_split(columns: dict[str, np.ndarray], share: float = 0.8
               ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:  # fmt: skip
    """The first `share` of the (time-sorted) records to train on, the rest to validate."""
    cut = int(len(columns["label"]) * share)
    return ({k: v[:cut] for k, v in columns.items()},
            {k: v[cut:] for k, v in columns.items()})  # fmt: skip


# host log events: 1..30 benign workflow events, 31 auth_fail, 32 auth_success, 33..36
# privileged actions (sudo, useradd, cron edit, service stop), 37 file_read_bulk,
# 38 archive_create, 39 outbound_upload, 40 dns_txt_query; 0 is padding
VOCAB = 41
MAXLEN = 60


@cache
def log_sessions(n: int = 4000) -> list[np.ndarray]:
    """`n` host sessions (seed 9501) in time order: benign ones walk a sparse Markov chain over
    the workflow events 1..30 (18..50 events); a quarter start with one to three auth_fail
    before the success (mistyped passwords; a tenth of those up to seven), 15 % carry an
    admin's sudo or service stop, 10 % a nightly backup (bulk reads, an archive, uploads).
    12 % are attacks spliced into a benign walk: brute force (a run of 5..14 auth_fail, a
    success, then two to four privileged actions) or exfiltration (bulk reads, an archive,
    uploads mixed with DNS TXT queries). Post-padded with 0 to MAXLEN (60, the longest
    sessions cut). Returns ids (int32 (n, MAXLEN)), attack (int64 (n,)), lengths (int64
    (n,))."""
    rng = np.random.default_rng(9501)
    succ = np.stack([rng.choice(np.arange(1, 31), 3, replace=False) for _ in range(31)])
    ids = np.zeros((n, MAXLEN), dtype="int32")
    attack = (rng.random(n) < 0.12).astype("int64")
    lengths = np.zeros(n, dtype="int64")
    for i in range(n):
        length = int(rng.integers(18, 51))
        walk = [int(rng.integers(1, 31))]
        while len(walk) < length:
            walk.append(int(succ[walk[-1], rng.choice(3, p=[0.6, 0.3, 0.1])]))
        if rng.random() < 0.25:  # mistyped passwords (now and then a user locked out)
            walk = [31] * int(rng.integers(1, 4 if rng.random() < 0.9 else 8)) + [32] + walk
        if rng.random() < 0.15:  # an admin's sudo or service stop
            at = int(rng.integers(0, len(walk)))
            walk = walk[:at] + [int(rng.choice([33, 36]))] + walk[at:]
        if rng.random() < 0.1:  # a nightly backup: bulk reads, an archive, uploads
            at = int(rng.integers(0, len(walk)))
            backup = [37] * int(rng.integers(1, 4)) + [38] + [39] * int(rng.integers(1, 5))
            walk = walk[:at] + backup + walk[at:]
        if attack[i]:
            if rng.random() < 0.6:
                burst = [31] * int(rng.integers(5, 15)) + [32]
                burst += list(rng.choice(np.arange(33, 37), int(rng.integers(2, 5))))
            else:
                burst = [37] * int(rng.integers(2, 6)) + [38]
                burst += list(rng.choice(np.array([39, 40]), int(rng.integers(3, 8))))
            at = int(rng.integers(0, len(walk)))
            walk = walk[:at] + [int(b) for b in burst] + walk[at:]
        walk = walk[:MAXLEN]
        ids[i, : len(walk)] = walk
        lengths[i] = len(walk)
    return [ids, attack, lengths]
