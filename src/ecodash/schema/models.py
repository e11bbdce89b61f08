"""Pydantic contracts for every curated table in data/ (one model per CSV, one instance per row).

A model says what a valid row is; what each column means (in English and French), its pandas dtype and how a page
shows it are in the column registry, ecodash.schema.columns. The vocabularies and field types the models use are
in ecodash.schema.vocabularies and ecodash.schema.fields.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from ecodash.schema.fields import (
    MAX_POPULATION,
    Bool,
    FactIds,
    FxCurrency,
    FxRateNumber,
    Id,
    IdList,
    IsoCountry,
    Number,
    PartialDate,
    PillarIds,
    SeedFile,
    Sha256,
    Text,
    Unit,
    Year,
)
from ecodash.schema.vocabularies import (
    ActorKind,
    AiSpecificity,
    Category,
    EventKind,
    Funder,
    FxSeries,
    GeoReach,
    IndicatorUnit,
    InstrumentKind,
    PillarOrigin,
    Qualifier,
    RegionLevel,
    Scope,
    SourceLanguage,
    Status,
    is_money,
)

__all__ = [
    "ID_COLUMNS",
    "KEPT_IN_ENGLISH",
    "TABLE_MODELS",
    "Actor",
    "AuditExclusion",
    "Caveat",
    "Event",
    "Fact",
    "FxRate",
    "Indicator",
    "Instrument",
    "Pillar",
    "Population",
    "Quoted",
    "Record",
    "Region",
    "Source",
    "french_columns",
    "table_columns",
    "translation_pairs",
]


class Record(BaseModel):
    """Base of every curated row: strict about unknown columns, frozen once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Quoted(Record):
    """A row that must be traceable to a verbatim passage of one seed."""

    source_id: Id
    quote: Text
    quote_en: Text
    note: str | None = None
    note_fr: str | None = None


# --- tables -----------------------------------------------------------------------------------


class Region(Record):
    region_id: Id
    name_en: Text
    name_fr: Text
    level: RegionLevel
    parent_id: Id | None = None
    iso_country: IsoCountry
    is_focus: Bool

    @model_validator(mode="after")
    def _parent_is_not_self(self) -> Region:
        if self.parent_id == self.region_id:
            raise ValueError("parent_id: a region cannot be its own parent")
        return self


class Source(Record):
    source_id: Id
    seed_file: SeedFile
    title: Text
    title_en: str | None = None
    genre: str | None = None
    genre_fr: str | None = None
    language: SourceLanguage
    region_ids: IdList
    publisher: str | None = None
    url: str | None = None
    sha256: Sha256
    published_year: Year | None = None
    note: str | None = None
    note_fr: str | None = None

    @model_validator(mode="after")
    def _year_explained(self) -> Source:
        if self.published_year is not None and not self.note:
            raise ValueError("note: say how published_year is known (the text's own dates, or the curation brief)")
        return self


class Pillar(Record):
    pillar_id: Id
    name: Text
    name_fr: str | None = None
    definition: Text
    definition_fr: str | None = None
    origin: PillarOrigin
    source_id: Id | None = None
    quote: str | None = None
    rationale: Text
    rationale_fr: str | None = None

    @model_validator(mode="after")
    def _quoted_when_from_article(self) -> Pillar:
        if self.origin == "article" and (self.source_id is None or self.quote is None):
            raise ValueError("quote: a pillar named by an article needs its source_id and verbatim quote")
        return self


class Indicator(Record):
    indicator_id: Id
    name: Text
    name_fr: str | None = None
    category: Category
    unit: IndicatorUnit
    scope: Scope
    summable: Bool
    definition: Text
    definition_fr: str | None = None
    per_inhabitant: Bool

    @model_validator(mode="after")
    def _intensity_is_summable(self) -> Indicator:
        if self.per_inhabitant and not (self.summable and self.unit in ("money", "count", "people")):
            raise ValueError("per_inhabitant: only a summable money, count or people indicator can be per inhabitant")
        return self


class Fact(Quoted):
    fact_id: Id
    region_id: Id
    indicator_id: Id
    value: Number
    unit: Unit
    qualifier: Qualifier
    scope: Scope
    period_start: Year | None = None
    period_end: Year | None = None
    duration_years: Annotated[int, Field(ge=1, le=100)] | None = None
    instrument_id: Id | None = None
    stated_usd: Number | None = None
    status: Status
    ai_specificity: AiSpecificity
    geo_reach: GeoReach
    funder: Funder | None = None
    pillar_ids: PillarIds

    @model_validator(mode="after")
    def _consistent(self) -> Fact:
        if self.unit == "share" and not 0 <= self.value <= 1:
            raise ValueError("value: a share is a fraction between 0 and 1 (write 0.3 for 30 %)")
        if self.value < 0:
            raise ValueError("value: must not be negative")
        if self.stated_usd is not None and not is_money(self.unit):
            raise ValueError("stated_usd: only a money fact can have a stated USD equivalent")
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValueError("period_start: after period_end")
        if self.scope == "multi_year" and self.duration_years is None:
            raise ValueError("duration_years: a multi_year total needs its number of years")
        if self.scope == "cumulative" and self.period_start is None:
            raise ValueError("period_start: a cumulative total needs the year it counts from")
        money = is_money(self.unit)
        if money and self.funder is None:
            raise ValueError("funder: a money figure says who pays: public, private or unspecified")
        if not money and self.funder is not None:
            raise ValueError("funder: only a money figure has a funder")
        return self


class Actor(Quoted):
    actor_id: Id
    name: Text
    kind: ActorKind
    role: Text
    role_fr: str | None = None
    region_id: Id
    pillar_ids: PillarIds


class Event(Quoted):
    event_id: Id
    region_id: Id
    date: PartialDate | None = None
    kind: EventKind
    description: Text
    description_fr: str | None = None
    pillar_ids: PillarIds

    @model_validator(mode="after")
    def _undated_explained(self) -> Event:
        if self.date is None and not self.note:
            raise ValueError("note: an event without a date needs a note saying what the article says of its timing")
        return self


class Instrument(Quoted):
    instrument_id: Id
    region_id: Id
    name: Text
    name_fr: str | None = None
    kind: InstrumentKind
    description: Text
    description_fr: str | None = None
    pillar_ids: PillarIds


class FxRate(Record):
    currency: FxCurrency
    year: Year
    units_per_usd: FxRateNumber
    series_id: FxSeries
    series: Text
    publisher: Text
    source_title: Text
    read_at: Text
    release_date: PartialDate | None = None
    row_as_read: str | None = None


class Population(Record):
    region_id: Id
    year: Year
    population: Annotated[int, Field(gt=0, le=MAX_POPULATION)]
    definition: Text
    definition_fr: str | None = None
    publisher: Text
    read_at: Text
    excerpt: Text
    primary_or_secondary: Annotated[str, StringConstraints(pattern=r"^(primary|secondary)\b")]
    primary_or_secondary_fr: str | None = None


class AuditExclusion(Record):
    source_id: Id
    context: Text
    mention: Text
    reason: Text
    reason_fr: str | None = None

    @field_validator("mention")
    @classmethod
    def _mention_short(cls, value: str) -> str:
        if len(value) > 60:
            raise ValueError("a mention is a number, not a passage (60 characters at most)")
        return value


class Caveat(Record):
    caveat_id: Id
    fact_ids: FactIds
    caveat: Text
    caveat_fr: str | None = None


TABLE_MODELS: dict[str, type[Record]] = {
    "regions": Region,
    "sources": Source,
    "pillars": Pillar,
    "indicators": Indicator,
    "facts": Fact,
    "actors": Actor,
    "events": Event,
    "instruments": Instrument,
    "fx_rates": FxRate,
    "population": Population,
    "audit_exclusions": AuditExclusion,
    "caveats": Caveat,
}
"""Curated table name -> its row contract. Files are data/<name>.csv."""

ID_COLUMNS = {
    "regions": "region_id",
    "sources": "source_id",
    "pillars": "pillar_id",
    "indicators": "indicator_id",
    "facts": "fact_id",
    "actors": "actor_id",
    "events": "event_id",
    "instruments": "instrument_id",
    "population": "region_id",
    "caveats": "caveat_id",
}


def table_columns(table: str) -> list[str]:
    """Column order of a curated CSV: the model's field order."""
    return list(TABLE_MODELS[table].model_fields)


# --- languages ------------------------------------------------------------------------------------
# Quotes stay in French (`quote`, with `quote_en`); every other text a person reads has a sibling in the other
# language, named after it: `name` -> `name_fr`, and for the French source titles `title` -> `title_en`.

KEPT_IN_ENGLISH = {("population", "primary_or_secondary")}
"""(table, column) whose French sibling is not swapped in by `ecodash.ingest.dataset.localized`: code reads its
English prefix ('primary' / 'secondary'); a page shows the `_fr` column itself."""


def translation_pairs(table: str) -> list[tuple[str, str]]:
    """(column, sibling in the other language) of a curated table: ('name', 'name_fr'), ('title', 'title_en')."""
    fields = TABLE_MODELS[table].model_fields
    return [(name[:-3], name) for name in fields if name.endswith(("_fr", "_en")) and name[:-3] in fields]


def french_columns(table: str) -> dict[str, str]:
    """Column shown in English -> its French sibling, as `localized(dataset, "fr")` swaps them in."""
    return {
        column: sibling
        for column, sibling in translation_pairs(table)
        if sibling.endswith("_fr") and (table, column) not in KEPT_IN_ENGLISH
    }
