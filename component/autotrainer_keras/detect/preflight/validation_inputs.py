"""Validation inputs prepared unlike the training inputs (a scaler fitted and applied to the
training part only, pixels divided by 255 in one split, a column that is the label in the
training export only): the validation score then measures other data, whatever the model
learned."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import DataFacts, SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def validation_inputs(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the validation inputs lie at least `val_distance` training standard
    deviations from the training mean (`DataFacts.val_distance`, the median over features),
    or one feature's validation values typically lie `val_feature_shift` of them away
    (`DataFacts.val_feature_shift`), or their values are distributed unlike the training
    values within that spread (`_redistributed`), or some rows of one column lie far outside
    its training range (`_outlying_rows`), or a column gives the training rows' class
    but not the validation rows' (`_label_column`). For ids an Embedding looks up (their
    spread is no scale), what they mean (`_recoded_ids`) and, for sequences of ids, their
    frequencies too (`_moved_ids`); for strings, their spelling (`_unseen_strings`)."""
    d = facts.data
    if d.text_input:
        return _unseen_strings(facts, t)
    if facts.model.token_input:  # one id per row: by what the ids mean, not how often
        one_id = d.row_rank == 1 and len(d.norm_mean) == 1  # they come (a store's share of
        if one_id:  # the rows moves); sequences: by both (a word index fitted again on
            return _recoded_ids(facts, t)  # the validation texts keeps the frequent ids)
        return _moved_ids(facts, t) or _recoded_ids(facts, t, positions=True)
    if d.val_distance < t.val_distance:
        return (_shifted_column(facts, t) or _reordered_columns(facts, t)
                or _redistributed(facts, t) or _outlying_rows(facts, t)
                or _label_column(facts, t)
                or _recoded_ids(facts, t, codes_only=True))  # fmt: skip
    return setup_finding(
        SetupProblem.VALIDATION_SHIFT,
        f"the validation inputs lie {num(d.val_distance)} training standard deviations from "
        "the training mean (median over features; about 1 for rows drawn like the training "
        "rows): they were not prepared as the training inputs were (a scaler fitted and "
        "applied to the training part only?), so the validation score measures other data",
        {"val_distance": d.val_distance},
        {"val_distance": t.val_distance},
    )


def swapped_inputs(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a model's named inputs are given for validation in another order: an
    input's channels moved onto another input's pass `_moved_far` (`DataFacts.val_moved_inputs`,
    `measure.input_order`)."""
    d = facts.data
    if not d.val_moved_inputs or not _moved_far(d, t):
        return None
    pairs = ", ".join(f"'{val}' like '{train}'" for val, train in d.val_moved_inputs)
    return _moved_finding(
        d, t,
        f"validation inputs are distributed like other training inputs ({pairs}): "
        f"{num(d.val_column_matched)} from those against {num(d.val_column_own)} from their "
        f"own (Kolmogorov-Smirnov over their channels; chance {num(d.val_column_chance)}): the "
        "validation inputs are given in another order than the training inputs (a list goes "
        "by position), so the validation score measures other data; give them in the "
        "training order, or as a dict by input name",
        {"moved_inputs": float(len(d.val_moved_inputs))},
    )


def _moved_far(d: DataFacts, t: PreflightThresholds) -> bool:
    """The moved columns lie `val_column_shift` times the chance Kolmogorov-Smirnov distance
    from their own training columns and `val_column_match` times closer to the ones they are
    assigned to."""
    return (d.val_column_own >= t.val_column_shift * d.val_column_chance
            and d.val_column_own >= t.val_column_match * d.val_column_matched)  # fmt: skip


def _moved_finding(d: DataFacts, t: PreflightThresholds, reason: str,
                   count: dict[str, float]) -> Finding:  # fmt: skip
    """A validation_shift finding about moved columns, with their distances as evidence."""
    return setup_finding(
        SetupProblem.VALIDATION_SHIFT,
        reason,
        {"val_column_own": d.val_column_own, "val_column_matched": d.val_column_matched,
         "val_column_chance": d.val_column_chance, **count},  # fmt: skip
        {"val_column_shift": t.val_column_shift, "val_column_match": t.val_column_match},
    )


def _shifted_column(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    d = facts.data
    if d.val_feature_shift < t.val_feature_shift:
        return None
    return setup_finding(
        SetupProblem.VALIDATION_SHIFT,
        f"input feature {d.val_shifted_feature}'s validation values typically lie "
        f"{num(d.val_feature_shift)} training standard deviations from its training mean "
        "(median over validation rows; below 1 for rows drawn like the training rows, and "
        f"the median feature reads {num(d.val_distance)}): that column was not prepared as in "
        "training (columns in another order, other units?), so the validation score measures "
        "other data",
        {"val_feature_shift": d.val_feature_shift,
         "val_shifted_feature": float(d.val_shifted_feature),
         "val_distance": d.val_distance},  # fmt: skip
        {"val_feature_shift": t.val_feature_shift},
    )


def _outlying_rows(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when at least `val_outside` of one feature's validation values lie beyond the
    training values' range by more than its width, at least `val_outside_factor` times the
    share of the training rows' second half beyond their first half's (`DataFacts.val_outside`,
    `val_outside_halves`), while the features' distributions mostly agree (`val_ks` below its
    bound: not a test drawn from a wider range on purpose, batch 79's extrapolation), in at
    most `val_outside_columns` features (`DataFacts.val_outside_columns`; batch 71's permuted
    digits move 7 of 61 pixel columns that far, on purpose): some rows of one or two columns
    prepared otherwise in the validation part only (practice batch 97: one site's creatinine
    left in umol/L in the validation patients, mg/dL in training: 1 of 24)."""
    d = facts.data
    if d.val_outside < t.val_outside or d.val_outside < t.val_outside_factor * d.val_outside_halves:
        return None
    if d.val_ks >= t.val_ks or d.val_outside_columns > t.val_outside_columns:
        return None
    return setup_finding(
        SetupProblem.VALIDATION_SHIFT,
        f"{num(100 * d.val_outside)}% of input feature {d.val_outside_feature}'s validation "
        "values lie beyond its training range by more than the range's own width (the "
        f"training rows' second half against their first: {num(100 * d.val_outside_halves)}%)"
        ": some validation rows of that column were not prepared as in training (other "
        "units for one source, a conversion applied to the training part only?), so the "
        "validation score measures other data",
        {"val_outside": d.val_outside, "val_outside_feature": float(d.val_outside_feature),
         "val_outside_halves": d.val_outside_halves,
         "val_outside_columns": float(d.val_outside_columns)},  # fmt: skip
        {"val_outside": t.val_outside, "val_outside_factor": t.val_outside_factor,
         "val_outside_columns": float(t.val_outside_columns)},  # fmt: skip
    )


def _redistributed(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the validation values' distribution lies at least `val_ks` from the
    training values' (Kolmogorov-Smirnov, median over features) and at least `val_ks_factor`
    times as far as the training rows' two halves lie from each other
    (`DataFacts.val_ks`, `val_ks_halves`), the validation values lying within `val_ks_spread`
    training standard deviations of the training mean (`val_distance`): a transformation
    within the training spread (bitmaps inverted in one split), not the drift or sorting the
    rows' order gives, nor a wider range drawn on purpose (batch 79's extrapolation tests)."""
    d = facts.data
    if d.val_ks < t.val_ks or d.val_ks < t.val_ks_factor * d.val_ks_halves:
        return None
    if d.val_distance > t.val_ks_spread:
        return None
    return setup_finding(
        SetupProblem.VALIDATION_SHIFT,
        f"the validation inputs' values are distributed unlike the training inputs' "
        f"(Kolmogorov-Smirnov distance {num(d.val_ks)}, median over features; the training "
        f"rows' two halves differ by {num(d.val_ks_halves)}), though they lie "
        f"{num(d.val_distance)} training standard deviations from the training mean: the "
        "validation inputs were transformed unlike the training inputs (inverted, rescaled, "
        "normalised per row or by another scaler), so the validation score measures other "
        "data; prepare both splits alike",
        {"val_ks": d.val_ks, "val_ks_halves": d.val_ks_halves, "val_distance": d.val_distance},
        {"val_ks": t.val_ks, "val_ks_factor": t.val_ks_factor, "val_ks_spread": t.val_ks_spread},
    )


def _reordered_columns(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when two or more columns the least-distance assignment of validation to
    training columns moves pass `_moved_far` (`measure.column_order`)."""
    d = facts.data
    if len(d.val_moved_columns) < 2 or not _moved_far(d, t):
        return None
    pairs = ", ".join(f"{j} like {k}" for j, k in d.val_moved_columns[:4])
    more = f" and {len(d.val_moved_columns) - 4} more" if len(d.val_moved_columns) > 4 else ""
    return _moved_finding(
        d, t,
        f"validation input columns are distributed like other training columns ({pairs}"
        f"{more}): {num(d.val_column_matched)} from those against {num(d.val_column_own)} "
        f"from their own (Kolmogorov-Smirnov; chance {num(d.val_column_chance)}): the "
        "validation table's columns are in another order (another export, columns sorted "
        "otherwise), so the validation score measures other data; put them in the "
        "training order",
        {"moved_columns": float(len(d.val_moved_columns))},
    )


def _label_column(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a column of codes gives the training rows' class at least
    `label_column_train` of the way beyond the commonest class's share, and the validation
    rows' at most `label_column_val` (`measure.label_column`)."""
    d = facts.data
    if d.label_column < 0 or d.label_column_train < t.label_column_train:
        return None
    if d.label_column_val > t.label_column_val:
        return None
    return setup_finding(
        SetupProblem.VALIDATION_SHIFT,
        f"input column {d.label_column} gives the class of the training rows "
        f"({num(d.label_column_train)} of the way from always guessing the commonest class "
        f"to every row) but not of the validation rows ({num(d.label_column_val)}, mapped as "
        "in training): a column filled only where the outcome is known (a label leaked into "
        "the training export; 0 or a placeholder where it is not yet known), which the model "
        "learns at once and cannot use on the validation rows; drop it from the inputs",
        {"label_column": float(d.label_column), "label_column_train": d.label_column_train,
         "label_column_val": d.label_column_val},  # fmt: skip
        {"label_column_train": t.label_column_train, "label_column_val": t.label_column_val},
    )


def _recoded_ids(facts: SetupFacts, t: PreflightThresholds, codes_only: bool = False,
                 positions: bool = False) -> Finding | None:  # fmt: skip
    """Fires when a column of ids that the training targets follow (a part of the training
    rows and the rest agreeing by `val_recode_reference` or more on each id's mean target)
    agrees with the validation rows by `val_recode_drop` less or more
    (`measure.recoded_levels`): the validation ids mean other categories. `codes_only`: only
    columns whose values read as codes (`code_columns` rough by `code_roughness`), for
    inputs no lookup reads (batch 27's raw pixel intensities, smooth, stay out).
    `positions`: the columns are a sequence's positions, read by the dozen: at least
    `val_recode_positions` of them must show it, each from a reference of
    `val_recode_sequence_reference` or more (one of many reads high by chance)."""
    d = facts.data
    codes = {c.column for c in d.code_columns if c.roughness >= t.code_roughness}
    reference = t.val_recode_sequence_reference if positions else t.val_recode_reference
    hits = [c for c in d.val_recoded if c.reference >= reference
            and c.reference - c.agreement >= t.val_recode_drop
            and (not codes_only or c.column in codes)]  # fmt: skip
    if len(hits) < (t.val_recode_positions if positions else 1):
        return None
    worst = hits[0]
    where = (f"position {worst.column} of the id sequences (and {len(hits) - 1} more)"
             if positions else f"input column {worst.column}")  # fmt: skip
    return setup_finding(
        SetupProblem.VALIDATION_SHIFT,
        f"{where} holds ids ({worst.levels} of them in both splits) whose "
        f"mean target agrees between the training and the validation rows by only "
        f"{num(worst.agreement)}, where a part of the training rows and the rest agree by "
        f"{num(worst.reference)}: the validation ids stand for other categories (a lookup "
        "adapted again on the validation split, or built with another number of "
        "out-of-vocabulary slots?), so the validation score measures other data; encode "
        "both splits with the lookup adapted on the training rows",
        {"column": float(worst.column), "levels": float(worst.levels),
         "agreement": worst.agreement, "reference": worst.reference,
         "columns": float(len(hits))},  # fmt: skip
        {"val_recode_reference": reference, "val_recode_drop": t.val_recode_drop,
         **({"val_recode_positions": float(t.val_recode_positions)} if positions else {})},
    )


def _moved_ids(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the validation ids' frequencies lie at least `val_token_distance` from the
    training ids' over the frequent ids, and at least `val_token_noise_factor` times the
    distance between two parts of the training rows (`measure.token_shift`)."""
    d = facts.data
    if d.val_token_distance < t.val_token_distance:
        return None
    if d.val_token_distance < t.val_token_noise_factor * d.val_token_noise:
        return None
    return setup_finding(
        SetupProblem.VALIDATION_SHIFT,
        f"the validation token ids are used unlike the training ids: over the ids that make "
        f"half the training tokens, their frequencies differ by {num(d.val_token_distance)} "
        f"(total variation; two parts of the training rows differ by "
        f"{num(d.val_token_noise)}): the validation texts were encoded by another tokenizer "
        "or vocabulary (one fitted again on them, or one that reserves other ids), so the "
        "model reads other words there and the validation score measures other data; "
        "encode them with the training tokenizer",
        {"val_token_distance": d.val_token_distance, "val_token_noise": d.val_token_noise},
        {"val_token_distance": t.val_token_distance,
         "val_token_noise_factor": t.val_token_noise_factor},  # fmt: skip
    )


def _unseen_strings(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the share of validation rows whose string no training row holds exceeds
    that share for a part of the training rows by at least `val_unseen_excess`
    (`measure.unseen_values`)."""
    d = facts.data
    if d.val_unseen - d.val_unseen_noise < t.val_unseen_excess:
        return None
    return setup_finding(
        SetupProblem.VALIDATION_SHIFT,
        f"{d.val_unseen:.0%} of the validation rows hold a string no training row holds "
        f"({d.val_unseen_noise:.0%} of a part of the training rows against the rest): the "
        "validation values are spelled unlike the training ones (lower-cased, trimmed, coded "
        "otherwise by another export), so a lookup reads them as unknown tokens and the "
        "validation score measures other data; prepare them as the training values were",
        {"val_unseen": d.val_unseen, "val_unseen_noise": d.val_unseen_noise},
        {"val_unseen_excess": t.val_unseen_excess},
    )
