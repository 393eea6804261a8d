"""Labels and the summary: runs.csv -> summary.md (markdown table and summary lines).

A faulty case is labelled from its runs against its healthy counterpart's (medians over the
seeds): *faulty* when Keras raised in 2+ seeds, the validation loss is non-finite in 2+ seeds,
the final validation accuracy is >= 5 points below the counterpart's (both have accuracy), or
(no accuracy) the final validation loss is >= 1.5x the counterpart's; else *harmless*, and its
findings are scored apart from both the healthy runs and the harmful faults.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter, defaultdict
from pathlib import Path
from statistics import median
from typing import Any

from benchmarks.practice.cases import CASES

ACC_DROP = 0.05
LOSS_RATIO = 1.5
Row = dict[str, str]


def _num(value: str) -> float:
    return float(value) if value not in ("", None) else math.nan


def _median(rows: list[Row], key: str) -> float:
    values = [_num(r[key]) for r in rows]
    finite = [v for v in values if math.isfinite(v)]
    return median(finite) if finite else math.nan


def _findings(row: Row) -> list[dict[str, Any]]:
    return list(json.loads(row["findings"] or "[]"))


def label(case_rows: list[Row], counterpart_rows: list[Row]) -> tuple[str, str]:
    """('faulty' | 'harmless' | 'healthy' | '?', why)."""
    if not case_rows or case_rows[0]["kind"] == "healthy":
        return "healthy", ""
    if not counterpart_rows:
        return "?", "counterpart not run"
    if sum(bool(r["fit_error"]) for r in case_rows) >= 2:
        return "faulty", "Keras raised"
    if sum(not math.isfinite(_num(r["final_val_loss"])) for r in case_rows) >= 2:
        return "faulty", "non-finite val loss"
    if case_rows[0]["acc_key"] and counterpart_rows[0]["acc_key"]:
        ours, theirs = _median(case_rows, "final_val_acc"), _median(counterpart_rows,
                                                                    "final_val_acc")
        verdict = "faulty" if ours <= theirs - ACC_DROP else "harmless"
        return verdict, f"val acc {ours:.3f} vs {theirs:.3f}"
    ours, theirs = _median(case_rows, "final_val_loss"), _median(counterpart_rows,
                                                                 "final_val_loss")
    verdict = "faulty" if ours >= LOSS_RATIO * theirs else "harmless"
    return verdict, f"val loss {ours:.3g} vs {theirs:.3g}"


def _first(rows: list[Row]) -> str:
    firsts: Counter[str] = Counter()
    for r in rows:
        found = _findings(r)
        if found:
            f = found[0]
            firsts[f"{f['problem']}@{'pre' if f['step'] == 0 else f['epoch']}"] += 1
    return ", ".join(f"{k} x{n}" if n > 1 else k for k, n in firsts.most_common()) or "-"


def _named(rows: list[Row], expect: frozenset[str]) -> int:
    return sum(any(f["problem"] in expect for f in _findings(r)) for r in rows)


def _fmt(value: float, digits: int = 3) -> str:
    return "-" if math.isnan(value) else f"{value:.{digits}f}"


def _batch(name: str) -> int:
    return CASES[name].batch if name in CASES else 1


def _table(rows: list[Row]) -> tuple[list[str], dict[str, str]]:
    """The per-case table of `rows` and each case's label."""
    by_case: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_case[r["case"]].append(r)
    order = [n for n in CASES if n in by_case] + [n for n in by_case if n not in CASES]
    table = ["| case | kind | label (why) | seeds with a finding | first finding (seeds) "
             "| named | final val acc | final val loss | epochs | s/run |",
             "|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    labels: dict[str, str] = {}
    for name in order:
        case_rows = by_case[name]
        verdict, why = label(case_rows, by_case.get(case_rows[0]["counterpart"], []))
        labels[name] = verdict
        expect = CASES[name].expect if name in CASES else frozenset()
        flagged = sum(bool(_findings(r)) for r in case_rows)
        named = f"{_named(case_rows, expect)}/{len(case_rows)}" if verdict != "healthy" else ""
        errors = sum(bool(r["watch_error"]) for r in case_rows)
        table.append(
            f"| {name} | {case_rows[0]['kind']} | {verdict}{f' ({why})' if why else ''} "
            f"| {flagged}/{len(case_rows)}{f' CRASH x{errors}' if errors else ''} "
            f"| {_first(case_rows)} | {named} | {_fmt(_median(case_rows, 'final_val_acc'))} "
            f"| {_fmt(_median(case_rows, 'final_val_loss'), 4)} "
            f"| {case_rows[0]['epochs_run']}/{case_rows[0]['epochs_budget']} "
            f"| {_fmt(_median(case_rows, 'wall_s'), 1)} |"
        )
    return table, labels


BATCH_2_HEADER = (
    "## Batch 2: the held-out second set\n\n"
    "Written after batch 1 had been used to fix rules, without reading the detection rules; "
    "labelled and scored like batch 1 (each faulty case against its batch-2 healthy "
    "counterpart). `python -m benchmarks.practice --batch 2`.\n\n"
)


BATCH_3_HEADER = (
    "## Batch 3: the held-out third set\n\n"
    "Written without reading the detection rules (functional multi-input/output models, a "
    "subclass, custom layers, losses, metrics and schedules, tf.data, sample_weight, "
    "validation_freq, mixed precision); labelled and scored like batches 1-2. "
    "`python -m benchmarks.practice --batch 3`.\n\n"
)


BATCH_4_HEADER = (
    "## Batch 4: the held-out fourth set\n\n"
    "Written without reading the detection rules (tf.data pipelines, validation_split, user "
    "callbacks, keras preprocessing layers on structured data and raw text, Huber / MAE / "
    "log-cosh / Poisson regressions, ordinal targets, mixed_float16, class and sample "
    "weights, schedules, 240 to 27 000 training rows); labelled and scored like batches 1-3. "
    "`python -m benchmarks.practice --batch 4`.\n\n"
)


BATCH_5_HEADER = (
    "## Batch 5: the held-out fifth set\n\n"
    "Written without reading the detection rules (a custom train_step, three named inputs "
    "with an Embedding, a PyDataset, masking and padding, Lambda layers with keras.ops, Lion, "
    "gradient accumulation, the built-in focal loss, class weights under three callbacks, "
    "scaling mistakes between the training and validation parts, shuffle=False on sorted "
    "rows); labelled and scored like batches 1-4. `python -m benchmarks.practice --batch 5`."
    "\n\n"
)


BATCH_6_HEADER = (
    "## Batch 6: the held-out sixth set\n\n"
    "Written without reading the detection or repair rules (functional MLPs, a Conv1D + GRU "
    "hybrid, tf.data with cache/prefetch, a sparse autoencoder, a pre-norm residual MLP, "
    "attention pooling, Hashing / StringLookup on string columns, a hand-written warm-up "
    "callback, sample and class weights, validation_split with EarlyStopping); labelled and "
    "scored like batches 1-5. `python -m benchmarks.practice --batch 6`.\n\n"
)


BATCH_7_HEADER = (
    "## Batch 7: the held-out seventh set\n\n"
    "Written without reading the detection or repair rules (a U-Net-like segmentation net, "
    "Rescaling / RandomTranslation in the model, a two-stage transfer script, a "
    "MultiHeadAttention block, multi-label tags with AUC, distillation with KLDivergence, a "
    "subclassed model of a custom gated layer, a hand-written pinball loss, a causal dilated "
    "Conv1D forecaster, a log1p target, CosineDecay with warm-up, GaussianNoise + L1L2); "
    "labelled and scored like batches 1-6. `python -m benchmarks.practice --batch 7`.\n\n"
)


BATCH_8_HEADER = (
    "## Batch 8: the held-out eighth set\n\n"
    "Written without reading the detection or repair rules (a TimeDistributed CNN + GRU, a "
    "two-tower contrastive model, GroupNormalization, a Conv2DTranspose denoiser, a per-step "
    "tagger with ignore_class, a stacked-LSTM multi-step forecaster, the Dice loss, hinge "
    "loss with -1/+1 labels, IntegerLookup on coded columns, LearningRateScheduler, "
    "PolynomialDecay, string labels, a Gaussian NLL, CosineSimilarity); labelled and scored "
    "like batches 1-7. `python -m benchmarks.practice --batch 8`.\n\n"
)


BATCH_9_HEADER = (
    "## Batch 9: the held-out ninth set\n\n"
    "Written without reading the detection or repair rules (named inputs with Normalization / "
    "StringLookup / Hashing / Discretization, tf.data pipelines, Poisson, LogCosh, "
    "KLDivergence on vote shares, SquaredHinge, MAPE, Tversky, sample weights, image "
    "regression, a frozen pretrained encoder, ReduceLROnPlateau, LearningRateScheduler, GRU / "
    "Conv1D + LSTM, string tokens); labelled and scored like batches 1-8. "
    "`python -m benchmarks.practice --batch 9`.\n\n"
)


BATCH_10_HEADER = (
    "## Batch 10: the held-out tenth set\n\n"
    "Written without reading the detection or repair rules (a subclassed model with its own "
    "call, a custom train_step, AdamW with EMA and clipnorm, residual blocks with a logits "
    "head, a Python generator with steps_per_epoch, a two-head model with a loss dict and "
    "loss_weights, mixed_float16, a PyDataset, validation_split, class_weight, "
    "Embedding(mask_zero) + GRU, a Conv1D forecaster, an LSTM + TimeDistributed tagger, "
    "TextVectorization in the model); labelled and scored like batches 1-9. "
    "`python -m benchmarks.practice --batch 10`.\n\n"
)


BATCH_11_HEADER = (
    "## Batch 11: the held-out eleventh set\n\n"
    "Written without reading the detection or repair rules (a two-tower Dot recommender, a "
    "def pinball loss, three targets from one Dense(3), keras.ops custom layers, BatchNorm "
    "before ReLU, ModelCheckpoint + EarlyStopping, cumulative ordinal targets, attention over "
    "feature tokens, CategoricalFocalCrossentropy, a multi-step GRU forecaster, Conv1D over an "
    "Embedding, ignore_class=-1, a nested pretrained backbone, steps_per_execution); labelled "
    "and scored like batches 1-10. `python -m benchmarks.practice --batch 11`.\n\n"
)


BATCH_12_HEADER = (
    "## Batch 12: the held-out twelfth set\n\n"
    "Written without reading the detection or repair rules (MSLE with a softplus head, "
    "HashedCrossing / StringLookup / Hashing in the model, SELU + AlphaDropout, Adafactor, "
    "Ftrl on a wide linear model, AdamW with a warm-up CosineDecay and global_clipnorm, "
    "hand-written MixUp in tf.data, GaussianDropout, STFTSpectrogram, Muon, a 1-D U-Net, a "
    "Conv1DTranspose denoiser, AdditiveAttention over a GRU, stacked LSTM cells under SGD with "
    "clipnorm); labelled and scored like batches 1-11. "
    "`python -m benchmarks.practice --batch 12`.\n\n"
)


BATCH_13_HEADER = (
    "## Batch 13: the held-out thirteenth set\n\n"
    "Written without reading the detection or repair rules (DepthwiseConv2D + "
    "GlobalAveragePooling2D, RandomRotation / RandomZoom / RandomContrast, image + metadata "
    "inputs, save_weights / load_weights warm start, causal Conv1D on sensor channels, "
    "Masking + Bidirectional GRU, class_weight with PR-AUC, a Poisson log link with an "
    "exposure offset, a rescaled sigmoid rating, recency sample weights, a keras.ops "
    "weighted MSE under SGD, Nesterov + ReduceLROnPlateau, averaged towers, a sigmoid "
    "feature gate); labelled and scored like batches 1-12. "
    "`python -m benchmarks.practice --batch 13`.\n\n"
)


BATCH_14_HEADER = (
    "## Batch 14: the held-out fourteenth set\n\n"
    "Written without reading the detection or repair rules (Conv3D on tiny clips, a cosine "
    "softmax with UnitNormalization, a VAE with an add_loss KL, fit(initial_epoch=...) "
    "resumed, StringLookup + CategoryEncoding character CNN, MultiHeadAttention with an "
    "attention_mask on point sets, TimeDistributed heads with per-step sample weights, "
    "ragged tf.data padded_batch, an anomaly autoencoder, RankNet with a shared scorer, "
    "EinsumDense feature embeddings, a masked loss for NaN labels, a Discretization-binned "
    "target, BatchNormalization on raw columns); labelled and scored like batches 1-13. "
    "`python -m benchmarks.practice --batch 14`.\n\n"
)


BATCH_15_HEADER = (
    "## Batch 15: the held-out fifteenth set\n\n"
    "Keras-2-era Stack Overflow / GitHub scripts ported to Keras 3 (Sequential + model.add, "
    "to_categorical, Activation layers, string initialisers, validation_split, look-back "
    "windows, pad_sequences), written without reading the detection or repair rules; "
    "labelled and scored like batches 1-13. `python -m benchmarks.practice --batch 15`.\n\n"
)


BATCH_16_HEADER = (
    "## Batch 16: the held-out sixteenth set\n\n"
    "Set-ups as the Keras guides use them (a VAE subclass with its own train_step and "
    "trackers, the guide's train_step under jit_compile and steps_per_execution, "
    "mixed_float16 with Rescaling and with optimizer.scale_loss, RandomFlip, a tf.data "
    "map / cache / prefetch pipeline, dict inputs with an adapted Normalization, "
    "validation_freq=2 with ModelCheckpoint / CSVLogger / BackupAndRestore, loss_weights, "
    "LayerNormalization residual blocks, CosineDecay(warmup_target=...), an overridden "
    "compute_loss, class_weight under jit_compile, a keras.ops RBF layer), written without "
    "reading the detection or repair rules; labelled and scored like batches 1-13. "
    "`python -m benchmarks.practice --batch 16`.\n\n"
)


BATCH_17_HEADER = (
    "## Batch 17: the held-out seventeenth set\n\n"
    "Bug patterns as public fault benchmarks (DeepFD, defects4ML, the AUTOTRAINER programs) "
    "and Stack Overflow questions show them, each next to its fixed version (a PyTorch "
    "BatchNorm momentum port, Keras 1's init='normal', unfreezing without recompiling, a "
    "scaler fitted on the label column, a Loss subclass broadcasting (n,) against (n, 1), "
    "fillna(-999), EarlyStopping on a regression's accuracy or with an absolute min_delta, "
    "SimpleRNN for a long memory), written without reading the detection or repair rules; "
    "labelled and scored like batches 1-13. `python -m benchmarks.practice --batch 17`.\n\n"
)


BATCH_18_HEADER = (
    "## Batch 18: the held-out eighteenth set\n\n"
    "Keras 3 preprocessing and input idioms and model families the earlier batches did not "
    "use (TextVectorization in TF-IDF mode, a hand-written RNN cell, "
    "label-encoded event logs under mask_zero, a repeated tf.data pipeline, a Normalization "
    "given its statistics, a mixture density network, triplet embeddings, "
    "SpectralNormalization, a top-5 metric on 40 classes, a log-odds output bias), each next "
    "to a real-world bug, written without reading the detection or repair rules; labelled "
    "and scored like batches 1-13. `python -m benchmarks.practice --batch 18`.\n\n"
)


BATCH_19_HEADER = (
    "## Batch 19: the held-out nineteenth set\n\n"
    "Keras 3 features and idioms the earlier batches did not use (optimizer EMA weights "
    "with SwapEMAWeights, the Circle loss, RMSNormalization, the Lamb optimizer, "
    "keras.utils.FeatureSpace, Discretization / CategoryEncoding / Hashing, a target "
    "Normalization with R2Score, a keras.ops.scan layer, a Bidirectional GRU with "
    "merge_mode='sum'), each next to a real-world bug, written without reading the "
    "detection or repair rules; labelled and scored like batches 1-13. "
    "`python -m benchmarks.practice --batch 19`.\n\n"
)


def write(runs_csv: Path, summary_md: Path) -> str:
    """summary.md from runs.csv (batch 1's block, then batch 2's when it has runs); returns
    the summary lines."""
    if not runs_csv.exists():
        return f"no runs in {runs_csv}"
    with runs_csv.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    first = [r for r in rows if _batch(r["case"]) == 1]
    text = ("# Practice benchmark: default Watch on practitioner scripts\n\n"
            "Generated by `python -m benchmarks.practice` from `runs.csv` "
            "(medians over seeds; see benchmarks/practice/README.md).\n\n")  # fmt: skip
    out_lines: list[str] = []
    if first:
        table, labels = _table(first)
        lines = _summary_lines(first, labels)
        details = _finding_details(first, labels)
        text += ("\n".join(f"- {x}" for x in lines) + "\n\n" + "\n".join(table)
                 + "\n\n## Every finding and error, per run\n\n"
                 + "\n".join(details) + "\n")  # fmt: skip
        out_lines += lines
    for number, header in ((2, BATCH_2_HEADER), (3, BATCH_3_HEADER), (4, BATCH_4_HEADER),
                           (5, BATCH_5_HEADER), (6, BATCH_6_HEADER),
                           (7, BATCH_7_HEADER), (8, BATCH_8_HEADER),
                           (9, BATCH_9_HEADER), (10, BATCH_10_HEADER),
                           (11, BATCH_11_HEADER), (12, BATCH_12_HEADER),
                           (13, BATCH_13_HEADER), (14, BATCH_14_HEADER),
                           (15, BATCH_15_HEADER), (16, BATCH_16_HEADER),
                           (17, BATCH_17_HEADER), (18, BATCH_18_HEADER),
                           (19, BATCH_19_HEADER)):
        held = [r for r in rows if _batch(r["case"]) == number]
        if not held:
            continue
        table, labels = _table(held)
        lines = _summary_lines(held, labels)
        details = _finding_details(held, labels)
        text += (("\n" if text.count("\n") > 4 else "") + header
                 + "\n".join(f"- {x}" for x in lines) + "\n\n" + "\n".join(table)
                 + f"\n\n### Every finding and error, per run (batch {number})\n\n"
                 + "\n".join(details) + "\n")  # fmt: skip
        several = len({_batch(r["case"]) for r in rows}) > 1
        out_lines += [f"batch {number}: {x}" for x in lines] if several else lines
    summary_md.write_text(text)
    return "\n".join(out_lines)


def _summary_lines(rows: list[Row], labels: dict[str, str]) -> list[str]:
    def group(verdict: str) -> list[Row]:
        return [r for r in rows if labels.get(r["case"]) == verdict]

    healthy, faulty, harmless = group("healthy"), group("faulty"), group("harmless")
    alarms = [r for r in healthy if _findings(r)]
    alarm_names = Counter(f["problem"] for r in alarms for f in _findings(r))
    refusals = [r for r in rows if _refused(r)]
    crashes = [r for r in rows if r["watch_error"] and not _refused(r)]
    detected = sum(bool(_findings(r)) for r in faulty)
    named = sum(_named([r], CASES[r["case"]].expect) for r in faulty if r["case"] in CASES)
    harmless_flagged = sum(bool(_findings(r)) for r in harmless)
    missed = sorted({r["case"] for r in faulty} - {r["case"] for r in faulty if _findings(r)})
    wall = sum(_num(r["wall_s"]) for r in rows)
    return [
        f"runs: {len(rows)} ({len({r['case'] for r in rows})} cases), training wall time "
        f"{wall / 60:.1f} min",
        f"false alarms on healthy runs: {len(alarms)}/{len(healthy)} runs "
        f"({len({r['case'] for r in alarms})} cases; {dict(alarm_names) or 'none'})",
        f"Watch crashes: {len(crashes)}/{len(rows)} runs"
        + (f" ({', '.join(sorted({r['case'] for r in crashes}))})" if crashes else ""),
        f"Watch refusals (its one-line ValueError naming the input before the first step): "
        f"{len(refusals)} runs"
        + (f" ({', '.join(sorted({r['case'] for r in refusals}))})" if refusals else ""),
        f"faulty (labelled harmful) detected, any finding: {detected}/{len(faulty)} runs; "
        f"named (expected problem): {named}/{len(faulty)} runs",
        f"faulty cases with no finding in any seed: {', '.join(missed) or 'none'}",
        f"harmless faults with a finding: {harmless_flagged}/{len(harmless)} runs "
        f"(flagged: {', '.join(sorted({r['case'] for r in harmless if _findings(r)})) or 'none'};"
        f" not: {', '.join(sorted({r['case'] for r in harmless if not _findings(r)})) or 'none'})",
        f"Keras errors on faulty scripts (the bug's own symptom): "
        f"{sum(bool(r['fit_error']) for r in rows)} runs",
    ]


def _refused(row: Row) -> bool:
    """Watch stopped the fit with its own one-line input error (`Watch probe_data: ...`),
    not a crash: on a faulty script, what Keras would raise later, named first."""
    return row["watch_error"].startswith("ValueError: Watch ")


def _finding_details(rows: list[Row], labels: dict[str, str]) -> list[str]:
    out = []
    for r in rows:
        for f in _findings(r):
            when = "pre" if f["step"] == 0 else f"epoch {f['epoch']}"
            out.append(f"- {r['case']} s{r['seed']} ({labels.get(r['case'])}): "
                       f"**{f['problem']}** at {when}"
                       f"{' in ' + f['layer'] if f['layer'] else ''}: {f['reason'][:400]}")
        for key in ("watch_error", "fit_error"):
            if r[key]:
                out.append(f"- {r['case']} s{r['seed']} {key}: `{r[key][:400]}`")
    return out or ["(none)"]
