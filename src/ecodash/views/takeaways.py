"""One-sentence takeaways generated from the figures a view shows, for slides and screen-sharing.

A takeaway names which regions report the headline kind of a group (an indicator, a funding view, an overview
row), its highest and lowest figure with their qualifier-aware labels ("> 700", "≤ 50 M CNY"), the kind of
figure compared (its comparability class, in words), and the caveat: which figures are of another kind and how
they differ, who reports nothing, and when a ceiling or a floor makes the order uncertain. It never ranks figures
of different kinds, and when one region alone reports the headline kind it says so rather than compare.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ecodash.analysis import comparability
from ecodash.i18n import t
from ecodash.i18n.plurals import plural, word_list
from ecodash.schema.vocabularies import STATUSES, money_mask

CLOSE = 0.1
"""Two 'about' figures within 10 % of each other are too close to order."""


def _names(names) -> str:
    return ", ".join(dict.fromkeys(str(n) for n in names))


def _listed(names) -> str:
    """'A, B, and C': each name once, in the language's list pattern."""
    return word_list(dict.fromkeys(str(n) for n in names))


def _reported(rows: pd.DataFrame) -> pd.DataFrame:
    if "report_status" in rows.columns:
        return rows.loc[rows["report_status"] == "reported"]
    return rows


def _sentence(main: str, caveats: list[str]) -> str:
    """'main; caveat; caveat.' in the language's punctuation."""
    return t("takeaway.sentence", main=main, caveats=t("takeaway.joiner").join(caveats)) if caveats else f"{main}."


def nothing_reported(what: str) -> str:
    """'{what}: none of the regions shown reports a figure, so nothing is compared.'"""
    return t("takeaway.none", what=what)


def _nothing(what: str, left_out: Sequence[str], no_usd: Sequence[str] = ()) -> str:
    if no_usd:
        return t("takeaway.none_usd", what=what, regions=_names(no_usd))
    if left_out:
        return t("takeaway.none_per_million", what=what, regions=_names(left_out))
    return nothing_reported(what)


def _order_uncertain(top: pd.Series, bottom: pd.Series, value_column: str, lower_is_better: bool) -> bool:
    """Whether the stated order could be wrong: the first figure a ceiling, the last a floor, or both 'about'
    and close (for ranks, where lower is better, the other way round)."""
    down, up = ("at_least", "up_to") if lower_is_better else ("up_to", "at_least")
    if top["qualifier"] == down or bottom["qualifier"] == up:
        return True
    if "approximate" in (top["qualifier"], bottom["qualifier"]):
        high, low = max(top[value_column], bottom[value_column]), min(top[value_column], bottom[value_column])
        return high > 0 and (high - low) / high < CLOSE
    return False


def comparison(
    rows: pd.DataFrame,
    *,
    what: str,
    value_column: str,
    label_column: str,
    regions: Sequence[str] = (),
    group: str = "indicator_id",
    left_out: Sequence[str] = (),
    lower_is_better: bool = False,
    no_usd: Sequence[str] = (),
) -> str:
    """The takeaway of one compared group (all `rows` share one `group` value).

    rows: the figures shown (comparison_long / funding rows with the four dimensions, region_name, fact_id;
    'not reported' rows are allowed), `value_column` the value drawn, `label_column` each figure's words.
    regions: every region the view shows (those without a figure are named as reporting nothing).
    left_out: regions whose figures the view leaves out (not divisible per inhabitant).
    lower_is_better: ranks (1 = first): the 'highest' figure is the smallest number.
    no_usd: regions with a money figure the view cannot draw in USD (no FX rate for its currency); such rows
    of `rows` (money, value_usd empty) are found too. They report something: never said to report nothing.
    """
    if rows.empty or value_column not in rows.columns:
        return _nothing(what, left_out, no_usd)
    reported = _reported(rows)
    if {"unit", "value_usd"} <= set(reported.columns):
        unconverted = money_mask(reported["unit"]) & reported["value_usd"].isna()
        no_usd = [*no_usd, *reported.loc[unconverted, "region_name"]]
    reported = reported.loc[reported[value_column].notna()]
    no_usd = [r for r in dict.fromkeys(no_usd) if r not in set(reported["region_name"])]
    left = [r for r in dict.fromkeys(left_out) if r not in set(reported["region_name"]) and r not in no_usd]
    silent = [r for r in dict.fromkeys(regions) if r not in {*reported["region_name"], *left, *no_usd}]
    if reported.empty:
        return _nothing(what, left, no_usd)
    annotated = comparability.annotate(reported, group=group)
    head = annotated.loc[annotated["in_headline_class"]]
    others = annotated.loc[~annotated["in_headline_class"]]
    kind = head["class_label"].iloc[0]
    head_regions = list(dict.fromkeys(head["region_name"]))
    ordered = head.sort_values(value_column, ascending=lower_is_better, kind="stable")
    caveats = []
    if len(head_regions) == 1:
        labels = list(dict.fromkeys(ordered[label_column]))
        label = labels[0] if len(labels) == 1 else t("takeaway.range_one", top=labels[0], bottom=labels[-1])
        main = t("takeaway.one", what=what, region=head_regions[0], kind=kind, label=label)
    else:
        top, bottom = ordered.iloc[0], ordered.iloc[-1]
        key = "takeaway.many_rank" if lower_is_better else "takeaway.many"
        main = t(
            key,
            what=what,
            regions=_names(head_regions),
            n=len(head_regions),
            kind=kind,
            top=f"{top['region_name']} {top[label_column]}",
            bottom=f"{bottom['region_name']} {bottom[label_column]}",
        )
        if _order_uncertain(top, bottom, value_column, lower_is_better):
            caveats.append(t("takeaway.order_uncertain"))
    for klass, members in others.groupby("comparability_class", sort=False):
        caveats.append(
            t("takeaway.other_kind", regions=_names(members["region_name"]), how=members["difference_note"].iloc[0])
        )
    if left:
        caveats.append(t("takeaway.left_out", regions=_names(left)))
    if no_usd:
        caveats.append(t("takeaway.no_usd", regions=_names(no_usd)))
    if silent:
        caveats.append(t("takeaway.not_reported", regions=_names(silent)))
    if not caveats:
        caveats.append(t("takeaway.all_alike"))
    return _sentence(main, caveats)


def unlike(rows: pd.DataFrame, *, what: str, regions: Sequence[str] = ()) -> str:
    """The takeaway of a group whose figures are each read under their own label (targets, other figures):
    how many, from whom, of how many kinds; never an order."""
    reported = _reported(rows)
    silent = [r for r in dict.fromkeys(regions) if r not in set(reported["region_name"])]
    if reported.empty:
        return nothing_reported(what)
    kinds = reported.apply(comparability.class_key, axis=1).nunique()
    main = t("takeaway.unlike", what=what, n=len(reported), regions=_names(reported["region_name"]), kinds=kinds)
    caveats = [t("takeaway.unlike_caveat")]
    if silent:
        caveats.append(t("takeaway.not_reported", regions=_names(silent)))
    return _sentence(main, caveats)


def _years(dates: pd.Series) -> list[int]:
    return sorted(int(str(d)[:4]) for d in dates if isinstance(d, str) and d[:4].isdigit())


def _span(years: list[int]) -> str:
    return str(years[0]) if years[0] == years[-1] else t("takeaway.span", first=years[0], last=years[-1])


def timeline(events: pd.DataFrame, targets: pd.DataFrame, *, region: str) -> str:
    """A region's timeline: how many dated events over which years, how many target figures due when; the caveat
    that targets are plans, and how many events have no year (they are not on the axis)."""
    event_years = _years(events["date"]) if "date" in events.columns else []
    target_years = [int(y) for y in targets["period_end"].dropna()] if "period_end" in targets.columns else []
    target_years = sorted(target_years)
    undated = len(events) - len(event_years)
    if not event_years and not target_years:
        none = t("takeaway.timeline_none", region=region)
        return _sentence(none, [plural("takeaway.undated", undated)]) if undated else f"{none}."
    parts = []
    if event_years:
        parts.append(plural("takeaway.events", len(event_years), span=_span(event_years)))
    if target_years:
        parts.append(plural("takeaway.targets", len(target_years), span=_span(target_years)))
    main = t("takeaway.timeline", region=region, parts=word_list(parts))
    caveats = [t("takeaway.targets_caveat")] if target_years else [t("takeaway.events_caveat")]
    if undated:
        caveats.append(plural("takeaway.undated", undated))
    return _sentence(main, caveats)


# --- Pillars: what the articles report per pillar, never a score ---------------------------------------------


def _status_counts(row) -> str:
    """'1 achieved, 2 in force'."""
    return ", ".join(plural(f"pillars.count.{s}", int(row[f"n_{s}"])) for s in STATUSES if row[f"n_{s}"])


def pillar_cells(cells: pd.DataFrame, *, what: str, name_column: str, per_region: bool) -> str:
    """The takeaway of one pillar across regions (per_region) or one region across pillars (pillar_matrix
    rows): who reports how many figures of which status, the strongest with its kind, who has only names, and
    where the articles say nothing — which is not a zero. Ends with the no-score caveat."""
    reporting = cells.loc[cells["n_facts"] > 0]
    if not per_region:  # a region's pillars: the ones with most figures first
        reporting = reporting.sort_values("n_facts", ascending=False, kind="stable")
    names_only = cells.loc[(cells["n_facts"] == 0) & ~cells["says_nothing"].astype(bool), name_column]
    silent = cells.loc[cells["says_nothing"].astype(bool), name_column]
    clauses = []
    limit = 3 if per_region else 1  # a region's pillars: the table lists them all, the takeaway names the first
    for row in reporting.head(limit).to_dict("records"):
        key = "takeaway.pillar.region_reports" if per_region else "takeaway.pillar.pillar_reports"
        clauses.append(
            plural(
                key,
                int(row["n_facts"]),
                name=row[name_column],
                counts=_status_counts(row),
                label=row["strongest_label"],
                kind=row["strongest_kind"],
                indicator=row["strongest_indicator"],
            )
        )
    if len(reporting) > limit:
        clauses.append(t("takeaway.pillar.also", names=_listed(reporting[name_column].iloc[limit:])))
    if len(names_only):
        clauses.append(t("takeaway.pillar.names_only", names=_listed(names_only)))
    if len(silent):
        key = "takeaway.pillar.silent_regions" if per_region else "takeaway.pillar.silent_pillars"
        clauses.append(plural(key, len(silent), names=_listed(silent)))
    main = t("takeaway.pillar.main", what=what, clauses=t("takeaway.joiner").join(clauses))
    return f"{main} {t('takeaway.pillar.no_score')}"


def pillar_grid(cells: pd.DataFrame) -> str:
    """The whole region x pillar grid: how many figures in how many cells, the pillar with the most, how many
    cells the articles say nothing about; then the no-score caveat."""
    filled = cells.loc[cells["n_facts"] > 0]
    per_pillar = filled.groupby("pillar_name", sort=False)["n_facts"].sum().sort_values(ascending=False, kind="stable")
    silent = int(cells["says_nothing"].astype(bool).sum())
    if filled.empty:
        main = t("takeaway.pillar.grid_none")
    else:
        main = t(
            "takeaway.pillar.grid",
            n=int(filled["n_facts"].sum()),
            cells=len(filled),
            total=len(cells),
            pillar=per_pillar.index[0],
            most=int(per_pillar.iloc[0]),
        )
    caveats = [plural("takeaway.pillar.grid_silent", silent)] if silent else []
    return f"{_sentence(main, caveats)} {t('takeaway.pillar.no_score')}"


# --- Sources: one figure -----------------------------------------------------------------------------------------

QUOTE_CHARS = 90
"""A takeaway quotes the article up to this many characters (the slide shows the whole quote above it)."""


def fact(*, region: str, indicator: str, label: str, kind: str, quote: str) -> str:
    """'Gwangju: AI compute capacity, 88.5 PFLOPS (kind), as the article states it: « … ».'"""
    quote = " ".join(str(quote).split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + " …"
    return t("takeaway.fact", region=region, indicator=indicator, label=label, kind=kind, quote=quote)
