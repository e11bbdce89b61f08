"""Like with like: each figure's comparability class, and how any two figures differ, in plain words."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ecodash.i18n import t
from ecodash.i18n.formats import scope_label
from ecodash.schema.vocabularies import AI_SPECIFICITIES, COMPARABILITY_DIMENSIONS, FUNDERS, GEO_REACHES, STATUSES

ANNOTATION_COLUMNS = ["comparability_class", "class_label", "headline_class", "in_headline_class", "difference_note"]
"""What annotate() adds to a frame."""
CLASS_COLUMNS = ("indicator_id", "scope", "status", "ai_specificity", "geo_reach", "funder")
"""Two figures may share an axis or a headline row only when all of these are equal."""
ANNOTATE_READS = ("fact_id", "region_id", *CLASS_COLUMNS, "indicator_name")
"""What annotate() reads of a frame, besides its group: annotating these columns alone gives the same annotations."""
DIMENSION_ORDER = dict(zip(COMPARABILITY_DIMENSIONS, (STATUSES, AI_SPECIFICITIES, GEO_REACHES, FUNDERS), strict=True))
"""Each dimension's values, firmest first: which class heads a row when as many regions report several."""
_NONE = "-"


def _cell(row: Mapping, column: str) -> str:
    value = row.get(column)
    return _NONE if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def dimensions_table() -> pd.DataFrame:
    """Every value of the four dimensions with its words (for the methodology page and the data package)."""
    rows = [
        {"dimension": column, "value": value, "words": dimension_words(column, value)}
        for column, values in DIMENSION_ORDER.items()
        for value in values
    ]
    return pd.DataFrame(rows, columns=["dimension", "value", "words"])


def class_key(row: Mapping) -> str:
    """'compute_capacity|point_in_time|achieved|ai|region|-': equal keys are comparable figures."""
    return "|".join(_cell(row, column) for column in CLASS_COLUMNS)


def dimension_words(column: str, value: object) -> str:
    """The plain words for one dimension value ('committed' -> 'in force (budget or programme)')."""
    return t(f"dim.{column}.{value}")


def class_label(row: Mapping) -> str:
    """'AI only · achieved · regional figure' (+ ' · public money' for money): what kind of figure this is."""
    parts = [dimension_words(c, row[c]) for c in ("ai_specificity", "status", "geo_reach")]
    if _cell(row, "funder") != _NONE:
        parts.append(dimension_words("funder", row["funder"]))
    return " · ".join(parts)


def _words(column: str, value: object, *, short: bool) -> str:
    if column == "indicator_id":
        return str(value)
    if column == "scope":
        return scope_label(value)
    return t(f"badge.{column}.{value}") if short else dimension_words(column, value)  # short: the badges' words


def difference_pairs(a: Mapping, b: Mapping, *, short: bool = False) -> list[tuple[str, str, str]]:
    """(dimension, a's words, b's words) for each dimension where figure `a` differs from figure `b`, in the order
    indicator, scope, status, AI specificity, reach, funder; a dimension one of them lacks (funder of a count) is
    skipped. `short`: the short words ('in force', 'broad tech') instead of the full ones."""
    pairs = []
    for column in CLASS_COLUMNS:
        left, right = _cell(a, column), _cell(b, column)
        if left == right or _NONE in (left, right):
            continue
        if column == "indicator_id":
            left, right = str(a.get("indicator_name") or left), str(b.get("indicator_name") or right)
        mine, theirs = _words(column, left, short=short), _words(column, right, short=short)
        if mine != theirs:  # two indicators of one name: the words would say no difference
            pairs.append((column, mine, theirs))
    if short and any(column == "scope" for column, _, _ in pairs):  # the scope says it: a shorter line
        pairs = [pair for pair in pairs if pair[0] != "indicator_id"]
    return pairs


def _side(name: str, words: list[str]) -> str:
    return t("comparability.side", name=name, words=", ".join(words))


def _sides(sides: list[tuple[str, list[str]]]) -> str:
    return t("comparability.sides_separator").join(_side(name, words) for name, words in sides if words)


def _headline_name(name: str | None) -> str:
    return t("comparability.headline_named", name=name) if name else t("comparability.headline_kind")


def difference_note(
    row: Mapping, headline_row: Mapping, *, name: str | None = None, headline_name: str | None = None
) -> str:
    """How figure `row` differs from its headline kind (`headline_row`, a figure of that kind), each side named
    with its own words: 'Gwangju: target, AI only, funder not stated; Guangdong (headline kind): in force (budget
    or programme), broader technology, not AI-specific, public money'. Without names: 'this figure: …; headline
    kind: …'. Empty when they are alike."""
    pairs = difference_pairs(row, headline_row)
    if not pairs:
        return ""
    return _sides(
        [
            (name or t("comparability.this_figure"), [mine for _, mine, _ in pairs]),
            (_headline_name(headline_name), [theirs for _, _, theirs in pairs]),
        ]
    )


def _rank(row: Mapping, regions: int) -> tuple:
    order = tuple(
        DIMENSION_ORDER[c].index(row[c]) if _cell(row, c) in DIMENSION_ORDER[c] else len(DIMENSION_ORDER[c])
        for c in DIMENSION_ORDER
    )
    return (-regions, *order)


def _first_rows(frame: pd.DataFrame, codes: pd.Series, among: pd.Series, *, keep: str = "first") -> dict:
    """code -> the first (or last) row of `frame`, as a dict, carrying it among the rows where `among` holds."""
    positions = np.flatnonzero(among.to_numpy(dtype=bool))
    chosen = codes.iloc[positions]
    unique = ~chosen.duplicated(keep=keep).to_numpy()
    read = [c for c in (*CLASS_COLUMNS, "indicator_name", "headline_class") if c in frame.columns]  # all they read
    rows = frame.iloc[positions[unique]][read].to_dict("records")
    return dict(zip(chosen.to_numpy()[unique].tolist(), rows, strict=True))


def _codes(frame: pd.DataFrame, columns) -> pd.Series:
    """One int per row, equal for rows equal in `columns` (missing values equal too); -1 if `columns` is empty."""
    present = [c for c in columns if c in frame.columns]
    if not present or frame.empty:
        return pd.Series(-1, index=frame.index, dtype="int64")
    return frame.groupby(present, dropna=False, sort=False).ngroup()


def headline_classes(frame: pd.DataFrame, *, group: str = "indicator_id") -> dict[str, str]:
    """group value -> the class that heads it: the one most regions report, then the firmest figure.

    Ties go to the class met first. `frame` carries comparability_class (annotate adds it).
    """
    frame = frame.loc[frame[group].notna()]
    if frame.empty:
        return {}
    pairs = frame.groupby([group, "comparability_class"], sort=False)
    regions = pairs["region_id"].nunique().to_dict()
    firsts = frame.loc[
        ~frame.duplicated([group, "comparability_class"]),  # each pair's first row, in frame order
        [group, "comparability_class", *(c for c in DIMENSION_ORDER if c in frame.columns)],
    ]
    heads: dict = {}
    for key, klass, row in zip(
        firsts[group].tolist(), firsts["comparability_class"].tolist(), firsts.to_dict("records"), strict=True
    ):
        rank = _rank(row, int(regions[(key, klass)]))
        if key not in heads or rank < heads[key][0]:
            heads[key] = (rank, klass)
    return {key: klass for key, (_, klass) in heads.items()}


def annotate(frame: pd.DataFrame, *, group: str = "indicator_id") -> pd.DataFrame:
    """`frame` (facts with the dimension columns) plus its comparability columns:

    comparability_class (key), class_label (words), headline_class (the class heading the row's `group` in this
    frame), in_headline_class, and difference_note: how the row differs from the headline class ('' if it doesn't).
    Rows without a fact (not reported) get empty values.

    Keys, labels and notes are worked out once per distinct combination of the columns they read, then spread
    to the rows (a table of 100 000 facts holds a few hundred kinds).
    """
    out = frame.copy()
    reported = out["fact_id"].notna() if "fact_id" in out.columns else pd.Series(True, index=out.index)
    codes = _codes(out, CLASS_COLUMNS)
    kinds = _first_rows(out, codes, reported)
    keys = {code: class_key(row) for code, row in kinds.items()}
    labels = {code: class_label(row) for code, row in kinds.items()}
    out["comparability_class"] = [
        keys[c] if ok else None for c, ok in zip(codes.tolist(), reported.tolist(), strict=True)
    ]
    out["class_label"] = [labels[c] if ok else None for c, ok in zip(codes.tolist(), reported.tolist(), strict=True)]
    read = [c for c in dict.fromkeys([group, "comparability_class", "region_id", *DIMENSION_ORDER]) if c in out.columns]
    heads = headline_classes(out[read].loc[reported], group=group)  # the columns it reads, not the whole rows
    out["headline_class"] = out[group].map(heads).where(reported, None)
    out["in_headline_class"] = (out["comparability_class"] == out["headline_class"]) & reported
    # a row's note reads its class, its indicator's name and the last row of its headline class
    example = _first_rows(out, out["comparability_class"], pd.Series(True, index=out.index), keep="last")
    outside = reported & ~out["in_headline_class"]
    # rows alike in class (codes), indicator name and headline class share a note
    alike = pd.DataFrame({"_class": codes, "_head": out["headline_class"]}, index=out.index)
    if "indicator_name" in out.columns:
        alike.insert(1, "_name", out["indicator_name"])
    note_codes = _codes(alike, alike.columns)
    notes = {
        code: difference_note(row, example[row["headline_class"]])
        for code, row in _first_rows(out, note_codes, outside).items()
    }
    out["difference_note"] = [notes[c] if o else "" for c, o in zip(note_codes.tolist(), outside.tolist(), strict=True)]
    return out


def _class_sides(rows: pd.DataFrame, *, short: bool) -> str:
    """'Gwangju: target, AI only; Guangdong (headline kind): in force, broader technology': each class of `rows`
    named by its regions, with its words on every dimension where some class differs from the headline one;
    the other classes first, the headline last. Empty when `rows` hold one class."""
    classes = rows.drop_duplicates("comparability_class")
    if len(classes) < 2:
        return ""
    head = classes.loc[classes["in_headline_class"]].iloc[0].to_dict()
    others = classes.loc[~classes["in_headline_class"]].to_dict("records")
    regions = _regions(rows)
    pairs = [difference_pairs(other, head, short=short) for other in others]
    columns = list(dict.fromkeys(column for found in pairs for column, _, _ in found))
    sides = []
    for other, found in zip(others, pairs, strict=True):
        words = {column: mine for column, mine, _ in found}
        sides.append((regions[other["comparability_class"]], [words[c] for c in columns if c in words]))
    theirs = {column: words for found in pairs for column, _, words in found}
    name = regions[head["comparability_class"]]
    sides.append((name if short else _headline_name(name), [theirs[c] for c in columns]))
    return _sides(sides)


def _group_lines(frame: pd.DataFrame, *, group: str, name: str | None, key: str, short: bool) -> str:
    lines = []
    annotated = annotate(frame, group=group)  # against this grouping's headline, whatever the frame carried
    annotated = annotated.loc[annotated["comparability_class"].notna()]
    for _, rows in annotated.groupby(group, sort=False):
        sides = _class_sides(rows, short=short)
        if not sides:
            continue
        head = rows.loc[rows["in_headline_class"]].iloc[0]
        what = name or head.get("indicator_name") or head["indicator_id"]
        lines.append(t(key, indicator=what, n=rows["comparability_class"].nunique(), diffs=sides))
    return "\n".join(lines)


def chart_note(frame: pd.DataFrame, *, group: str = "indicator_id", name: str | None = None) -> str:
    """One line per `group` (an indicator, or a funding view) whose figures fall in several classes: which
    classes, each named by its regions with its own words ('Not alike: Funding per year comes in 2 kinds, drawn
    apart. Gwangju: target, AI only, funder not stated; Guangdong (headline kind): in force (budget or
    programme), broader technology, not AI-specific, public money'). Empty when every group is of one class.

    `name` names the group in the text (default: the indicator's name). chart_line says it in short words.
    """
    return _group_lines(frame, group=group, name=name, key="comparability.chart_note", short=False)


def chart_line(frame: pd.DataFrame, *, group: str = "indicator_id", name: str | None = None) -> str:
    """chart_note in short words, one line per group ('Not alike: Gwangju: target, AI only, funder ?; Guangdong:
    in force, broad tech, public'), for a line beside a chart whose hover or expander gives chart_note."""
    return _group_lines(frame, group=group, name=name, key="comparability.chart_line", short=True)


def _regions(rows: pd.DataFrame) -> dict[str, str]:
    """class -> the names of the regions with a figure of that class ('Guangdong, Zhejiang'), in row order."""
    names: dict[str, dict[str, None]] = {}
    for klass, name in zip(rows["comparability_class"].tolist(), rows["region_name"].astype(str).tolist(), strict=True):
        names.setdefault(klass, {})[name] = None
    return {klass: ", ".join(found) for klass, found in names.items()}
