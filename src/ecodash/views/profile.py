"""Region profile: a region's own figures, programmes and actors (its cities' included), and its timeline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ecodash import charts
from ecodash.analysis import comparability, fx, indicators, source_lines
from ecodash.i18n import t
from ecodash.i18n.formats import format_fact, label, significant
from ecodash.i18n.plurals import plural
from ecodash.ingest.dataset import Dataset
from ecodash.schema.vocabularies import NOT_YET
from ecodash.views import takeaways
from ecodash.views.base import ChartView, Tables, fact_links, not_converted, region_names, styled

PROFILE_FACT_COLUMNS = ("indicator_name", "value_label", "usd_words", "class_label", "region_name")
"""A profile's figure columns: `usd_words` is the US-dollar figure as every page words it ('≤ 6.95 M USD', 'target
~84.4 M USD'), with its qualifier and status marks; the number itself stays in the CSV exports."""


def usd_words(rows: pd.DataFrame) -> list[str | None]:
    """Each figure's US-dollar value in words with its qualifier and status marks; None where it has none."""
    return [
        None if pd.isna(value) else format_fact(significant(float(value)), "USD", qualifier, status)
        for value, qualifier, status in zip(rows["value_usd"], rows["qualifier"], rows["status"], strict=True)
    ]


@dataclass(frozen=True)
class ProfileTables:
    """What a region's profile lists, in words: its figures by category, its programmes and its actors.

    The region's own rows and those of the regions it reports for (indicators.reporting_members). Text fields are
    plain text (data included): the UI escapes them. Never changed once built (shared by every session)."""

    not_converted: tuple[str, ...]
    """Figures in a currency without an FX rate: their USD cell is empty, and why."""
    facts: tuple[tuple[str, pd.DataFrame], ...]
    """(category id, its figures: PROFILE_FACT_COLUMNS, the quote columns asked for, and a link), by category."""
    instruments: pd.DataFrame
    actors: pd.DataFrame


def profile_tables(
    ds: Dataset, region_id: str, *, fx_basis: str, quote_columns: Sequence[str] = ("quote",), tables=None
) -> ProfileTables:
    tables = tables or Tables(ds)
    members = indicators.reporting_members(ds, region_id)
    facts = tables.facts(fx_basis)
    own = facts.loc[facts["region_id"].isin(members)]
    # a class label per distinct kind (comparability.annotate), not one per row
    own = own.assign(class_label=comparability.annotate(own)["class_label"] if not own.empty else [])
    own = own.assign(link=fact_links(own["fact_id"]), usd_words=usd_words(own))
    columns = [*PROFILE_FACT_COLUMNS, *quote_columns, "link"]
    by_category = tuple((str(category), group[columns]) for category, group in own.groupby("category", sort=True))
    titles = ds.sources.set_index("source_id")["title"]

    def listed(frame: pd.DataFrame, vocabulary: str, columns: list[str]) -> pd.DataFrame:
        mine = frame.loc[frame["region_id"].isin(members)]
        kinds = [label(vocabulary, k) for k in mine["kind"]]
        return mine.assign(kind=kinds, source_id=mine["source_id"].map(titles))[columns]

    return ProfileTables(
        not_converted=tuple(not_converted(own)),
        facts=by_category,
        instruments=listed(ds.instruments, "instrument_kind", ["name", "kind", "description", "quote", "source_id"]),
        actors=listed(ds.actors, "actor_kind", ["name", "kind", "role", "quote", "source_id"]),
    )


def timeline_view(
    ds: Dataset,
    *,
    region_id: str,
    fx_basis: str = fx.DEFAULT_FX_BASIS,
    tables: Tables | None = None,
    style: object | None = None,
) -> ChartView:
    """A region's dated events and target years (its cities' included)."""
    tables = tables or Tables(ds)
    name = region_names(ds)[region_id]
    members = indicators.reporting_members(ds, region_id)
    facts = tables.facts(fx_basis)
    own = facts.loc[facts["region_id"].isin(members)]
    events = ds.events.loc[ds.events["region_id"].isin(members)]
    targets = own.loc[own["status"].isin(NOT_YET) & own["period_end"].notna()]
    title = timeline_title(ds, region_id=region_id)
    takeaway = takeaways.timeline(events, targets, region=name)
    parts = ("timeline", region_id)
    undated = tuple(
        t("profile.undated", description=r.description, note=r.note)
        for r in events.loc[events["date"].isna()].itertuples()
    )
    if events["date"].isna().all() and targets.empty:  # nothing has a place on an axis: no chart, no image
        return ChartView(
            page="profile",
            title=title,
            takeaway=takeaway,
            message=t("profile.no_dated"),
            captions=undated,
            filename_parts=parts,
        )
    source_note = source_lines.source_note(ds, sorted(set(events["source_id"]) | set(targets["source_id"])))
    figure = charts.timeline_chart(
        events, target_facts=targets, region_ids=members, title=title, source_note=source_note, **styled(style)
    )
    return ChartView(
        page="profile",
        title=title,
        takeaway=takeaway,
        source=source_note,
        figure=figure,
        captions=undated,
        filename_parts=parts,
    )


def timeline_title(ds: Dataset, *, region_id: str, **_: object) -> str:
    return t("profile.timeline_title", region=region_names(ds).get(region_id, region_id))


def category_heading(category: str, n: int) -> str:
    """'Funding · 6 figures' / 'Financement · 6 chiffres': the category's words, capitalised, and its count."""
    words = label("category", category)
    return plural("profile.category", n, category=words[:1].upper() + words[1:])
