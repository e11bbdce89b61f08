"""Figures as cards and kinds as badges: what a page shows when a kind of figure has one figure to compare.

A figure's kind (its status, AI specificity, reach and funder: schema.vocabularies) is shown as short badges, each
with its full words; the badges' words are the catalogue's `badge.<dimension>.<value>`, the full words its
`dim.<dimension>.<value>` (the same words as the comparability notes). A dimension's first value in its vocabulary
(achieved, AI only, about the region itself, public money) gets no badge: the legend says so.

A kind with two figures or more is charted; a kind with a single figure becomes a card (its value with its
qualifier mark, its badges, how it differs from its row's headline kind in one short line, every caveat in full
one hover away, its source). `kind_groups` says which is which, and how many of the chosen regions report each kind.

Pure: no Streamlit. Text is plain text (data included): the UI escapes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from ecodash.analysis import comparability, indicators
from ecodash.i18n import plurals, t
from ecodash.i18n.formats import format_fact, significant
from ecodash.schema.vocabularies import COMPARABILITY_DIMENSIONS, is_money

VOCABULARIES = comparability.DIMENSION_ORDER
"""dimension -> its values, the unmarked one first (one place: schema.vocabularies, through comparability)."""


@dataclass(frozen=True)
class Badge:
    """One short word of a figure's kind ('target'), with its full words ('target') and what it stands for."""

    word: str
    full: str
    dimension: str
    value: str


@dataclass(frozen=True)
class Card:
    """One figure shown on its own: plain text throughout (the UI escapes it)."""

    region_id: str
    region_name: str
    value: str
    """The figure as compared, with its qualifier mark ('1.39 bn USD/yr', '> 700', '≤ 5 M USD')."""
    stated: str
    """The figure as the article states it, when it differs from `value` ('10 bn CNY / year'), else ''."""
    what: str
    """What the figure measures (its indicator or programme name)."""
    badges: tuple[Badge, ...]
    differs: str
    """'≠ target · funder ?, not in force · public': how it differs from its row's headline kind, or ''."""
    difference: str
    """The same in full words, naming both sides ('' when of the headline kind)."""
    details: tuple[str, ...]
    """Every caveat in full: its kind, how it differs, its derivation and conversion, its qualifier, its source."""
    fact_id: str | None
    unconverted: str = ""
    """Why a money figure has no value in US dollars (no rate for its currency), shown on the card; else ''."""
    users: bool = False
    """A figure the reader uploaded (no curated passage to link to)."""

    @property
    def help(self) -> str:
        """The value's tooltip: every caveat in full, one per paragraph (how it differs is the `differs` line's
        own tooltip when it has one: each note once)."""
        return "\n\n".join(line for line in self.details if not (self.differs and line == self.difference))


@dataclass(frozen=True)
class KindGroup:
    """The figures of one kind (comparability class) of one indicator (or funding view) among the chosen regions."""

    group: str
    """The indicator id (or the funding view) the kind belongs to."""
    name: str
    comparability_class: str
    class_label: str
    regions: tuple[str, ...]
    """The region ids reporting a figure of this kind."""
    chosen: int
    """How many regions were chosen (the denominator of 'n of N regions report this kind')."""
    figures: int
    """How many figures of this kind there are (a region may report several: two programmes, or the reader's)."""
    cards: tuple[Card, ...]
    """The figure as a card when the kind has a single figure (else () and the kind is charted)."""

    @property
    def charted(self) -> bool:
        """Two figures or more of one kind: something to compare, so a chart."""
        return self.figures >= 2

    @property
    def reporting(self) -> str:
        """'1 of 5 regions reports this kind': the evidence, or its emptiness, in words."""
        return reporting(len(self.regions), self.chosen)


def reporting(n: int, of: int) -> str:
    """'1 of 5 regions reports this kind'."""
    return plurals.plural("cards.reporting", n, of=of)


def _value(row: Mapping, column: str) -> object:
    value = row.get(column)
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def badges(row: Mapping) -> tuple[Badge, ...]:
    """The badges of a figure's kind: one per dimension whose value is not its vocabulary's first."""
    found = []
    for dimension in COMPARABILITY_DIMENSIONS:
        value = _value(row, dimension)
        if value is None or value == VOCABULARIES[dimension][0] or value not in VOCABULARIES[dimension]:
            continue
        found.append(
            Badge(t(f"badge.{dimension}.{value}"), comparability.dimension_words(dimension, value), dimension, value)
        )
    return tuple(found)


def legend() -> list[tuple[str, str]]:
    """(badge word, its full words) for every badge, in vocabulary order, then what no badge means."""
    rows = [
        (t(f"badge.{dimension}.{value}"), comparability.dimension_words(dimension, value))
        for dimension in COMPARABILITY_DIMENSIONS
        for value in VOCABULARIES[dimension][1:]
    ]
    unmarked = " · ".join(comparability.dimension_words(d, VOCABULARIES[d][0]) for d in COMPARABILITY_DIMENSIONS)
    return [*rows, (t("badge.none"), unmarked)]


def differs_line(row: Mapping, head: Mapping | None, *, name_head: bool = True) -> str:
    """'≠ target · funder ?, not in force · public': this figure's words, then the headline kind's, for each
    dimension where they differ ('' when alike or without a headline kind). Without `name_head`, only this
    figure's words ('≠ target · funder ?'): where the headline kind's badges are on screen beside it."""
    if head is None or not _value(row, "difference_note"):
        return ""
    pairs = [
        pair for pair in comparability.difference_pairs(row, head, short=True) if pair[0] in COMPARABILITY_DIMENSIONS
    ]
    mine, theirs = [words for _, words, _ in pairs], [words for _, _, words in pairs]
    if not mine:  # another measure or scope: the card names its own
        return t("cards.differs_measure")
    if not name_head:
        return t("cards.differs_short", this=" · ".join(mine))
    return t("cards.differs", this=" · ".join(mine), head=" · ".join(theirs))


def figure_value(row: Mapping, *, value_column: str = "comparable_value", per_million: bool = False) -> tuple[str, str]:
    """(the figure as compared, the figure as stated or ''): money in US dollars with the stated figure beside."""
    if _value(row, "card_value"):  # a view that words its figures itself (Funding: per year, per recipient)
        return str(row["card_value"]), str(_value(row, "card_stated") or "")
    stated = str(row.get("value_label") or "")
    value = _value(row, value_column)
    unit = _value(row, "comparable_unit") or _value(row, "unit")
    per_year = t("chart.per_year_suffix") if row.get("indicator_id") == indicators.FUNDING_PER_YEAR else ""
    if value is None:
        return stated, ""
    if per_million:
        shown = format_fact(significant(value), str(unit), row["qualifier"]) + per_year + t("chart.per_million_suffix")
        return shown, stated
    if unit == "USD" and is_money(row.get("unit")):
        return format_fact(significant(value), "USD", row["qualifier"]) + per_year, stated
    return stated, ""


def difference(row: Mapping, head: Mapping | None, head_regions: str) -> str:
    """'How it differs: Gwangju: target, AI only…; Guangdong (headline kind): in force…' ('' if alike): each side
    named with its own words (comparability.difference_note), else the row's own difference note."""
    if not _value(row, "difference_note"):
        return ""
    note = (
        comparability.difference_note(row, head, name=str(row["region_name"]), headline_name=head_regions or None)
        if head is not None
        else ""
    ) or str(row["difference_note"])
    return t("cards.differs_full", how=note)


def details(
    row: Mapping, *, head: Mapping | None = None, head_regions: str = "", via: str = "", per_million: bool = False
) -> tuple[str, ...]:
    """Every caveat of a figure in full words: its kind, how it differs from the headline kind (named), the
    qualifier's meaning, its derivation and currency conversion, per-inhabitant division, whose figure it is."""
    lines = [t("cards.kind", kind=row["class_label"])] if _value(row, "class_label") else []
    if _value(row, "difference_note"):
        lines.append(difference(row, head, head_regions))
    qualifier = _value(row, "qualifier")
    if qualifier and qualifier != "exact":
        lines.append(t(f"qualifier_definition.{qualifier}"))
    for column in ("derivation", *(["per_million_derivation"] if per_million else [])):
        text = _value(row, column)
        if text and text not in lines:
            lines.append(str(text))
    fx_text = _value(row, "fx_derivation")
    if fx_text and not any(str(fx_text) in line for line in lines):
        lines.append(str(fx_text))
    if via:
        lines.append(t("overview.via", region=via))
    return tuple(lines)


def _unconverted(row: Mapping, value_column: str) -> str:
    """A money figure without a compared value: its conversion's words say why (no rate for its currency)."""
    if _value(row, value_column) is not None or not is_money(row.get("unit")) or _value(row, "card_value"):
        return ""
    return str(_value(row, "fx_derivation") or _value(row, "derivation") or t("compare.no_usd"))


def card(
    row: Mapping,
    *,
    head: Mapping | None = None,
    head_regions: str = "",
    via: str = "",
    value_column: str = "comparable_value",
    per_million: bool = False,
    what_column: str = "indicator_name",
    name_head: bool = True,
) -> Card:
    """One figure (a row of an annotated comparison, overview or funding frame) as a card (`name_head`: see
    differs_line)."""
    value, stated = figure_value(row, value_column=value_column, per_million=per_million)
    return Card(
        region_id=str(row["region_id"]),
        region_name=str(row["region_name"]),
        value=value,
        stated=stated if stated != value else "",
        what=str(_value(row, what_column) or ""),
        badges=badges(row),
        differs=differs_line(row, head, name_head=name_head),
        difference=difference(row, head, head_regions),
        details=details(row, head=head, head_regions=head_regions, via=via, per_million=per_million),
        fact_id=_value(row, "fact_id"),
        unconverted=_unconverted(row, value_column),
        users=row.get("origin") == indicators.USER,
    )


def kind_groups(
    frame: pd.DataFrame,
    *,
    chosen: int,
    group: str = "indicator_id",
    name_column: str = "indicator_name",
    value_column: str = "comparable_value",
    per_million: bool = False,
    what_column: str = "indicator_name",
) -> list[KindGroup]:
    """Each (group, kind) of an annotated frame's reported rows, in frame order: charted when it has two figures or
    more, else its figure as a card (saying how it differs from its group's headline kind)."""
    reported = frame.loc[frame["comparability_class"].notna()]
    found = []
    for key, rows in reported.groupby(group, sort=False):
        head_rows = rows.loc[rows["in_headline_class"]]
        head = head_rows.iloc[0].to_dict() if not head_rows.empty else None
        head_regions = ", ".join(dict.fromkeys(head_rows["region_name"].astype(str)))
        for klass, members in rows.groupby("comparability_class", sort=False):
            regions = tuple(dict.fromkeys(members["region_id"].astype(str)))
            cards = ()
            if len(members) < 2:
                cards = tuple(
                    card(
                        r,
                        head=head,
                        head_regions=head_regions,
                        value_column=value_column,
                        per_million=per_million,
                        what_column=what_column,
                    )
                    for r in members.to_dict("records")
                )
            found.append(
                KindGroup(
                    group=str(key),
                    name=str(members[name_column].iloc[0]),
                    comparability_class=str(klass),
                    class_label=str(members["class_label"].iloc[0]),
                    regions=regions,
                    chosen=chosen,
                    figures=len(members),
                    cards=cards,
                )
            )
    return found


def charted_rows(frame: pd.DataFrame, groups: Sequence[KindGroup], *, group: str = "indicator_id") -> pd.DataFrame:
    """The rows a chart draws: the reported rows of charted kinds, and the 'not reported' rows of the groups that
    have a charted kind (so the chart still names who reports nothing)."""
    charted = {(g.group, g.comparability_class) for g in groups if g.charted}
    keys = {g for g, _ in charted}
    pairs = list(zip(frame[group].astype(str), frame["comparability_class"], strict=True))
    keep = [(g, c) in charted or (pd.isna(c) and g in keys) for g, c in pairs]
    return frame.loc[keep]
