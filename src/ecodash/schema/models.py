"""Pydantic contracts for every curated table in data/ (one model per CSV, one instance per row)."""

from __future__ import annotations

import datetime
import re
from fractions import Fraction
from typing import Annotated, Literal

import pandas as pd
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

# --- vocabularies -----------------------------------------------------------------------------

REGION_LEVELS = ("country", "province", "municipality", "city")
RegionLevel = Literal[REGION_LEVELS]  # one source of truth: the tuple above

CATEGORIES = (
    "funding",
    "compute",
    "talent",
    "startups",
    "adoption",
    "models",
    "infrastructure",
    "targets",
    "market",
    "ranking",
)
Category = Literal[CATEGORIES]  # one source of truth: the tuple above

# Money is any ISO 4217-shaped code (a new currency needs only its FX reference row, with its citation);
# every other unit is one of this fixed vocabulary. `is_money` / `money_mask` are the one rule.
CURRENCY_PATTERN = r"^[A-Z]{3}$"
OTHER_UNITS = ("PFLOPS", "count", "people", "share", "rank", "year")
_CURRENCY = re.compile(CURRENCY_PATTERN)


def is_money(unit: object) -> bool:
    """Whether a fact's unit is a currency (an ISO 4217-shaped code: 'CNY', 'USD', 'THB')."""
    return isinstance(unit, str) and _CURRENCY.fullmatch(unit) is not None


def money_mask(units: pd.Series) -> pd.Series:
    """`is_money` for a column of units (False for missing units)."""
    return units.astype("object").map(is_money).astype(bool)


def _check_unit(value: str) -> str:
    if not is_money(value) and value not in OTHER_UNITS:
        raise ValueError(
            f"{value!r} is not a unit: write an ISO 4217 currency code (3 capital letters) or one of "
            f"{', '.join(OTHER_UNITS)}"
        )
    return value


Unit = Annotated[str, AfterValidator(_check_unit)]

# The qualifier keeps the article's hedging only; whether a figure is a result, a budget, a target or an
# offer is its `status` (a target can itself be hedged: "environ 10 usines" is target + approximate).
QUALIFIERS = ("exact", "approximate", "at_least", "up_to")
Qualifier = Literal[QUALIFIERS]  # one source of truth: the tuple above

# --- comparability dimensions (issue 6): researchers' scripts rely on these exact names ------------
STATUSES = ("achieved", "committed", "target", "proposed")
Status = Literal[STATUSES]  # one source of truth: the tuple above
AI_SPECIFICITIES = ("ai", "ai_and_other", "broader")
AiSpecificity = Literal[AI_SPECIFICITIES]  # one source of truth: the tuple above
GEO_REACHES = ("region", "context")
GeoReach = Literal[GEO_REACHES]  # one source of truth: the tuple above
FUNDERS = ("public", "private", "unspecified")
Funder = Literal[FUNDERS]  # one source of truth: the tuple above
COMPARABILITY_DIMENSIONS = ("status", "ai_specificity", "geo_reach", "funder")

# What span of time (or of recipients) one value covers. Money is only comparable within a scope.
SCOPES = ("per_recipient", "per_year", "multi_year", "cumulative", "point_in_time", "unspecified")
Scope = Literal[SCOPES]  # one source of truth: the tuple above

ACTOR_KINDS = ("company", "lab", "model", "institution", "person", "hardware", "fund", "platform", "facility")
ActorKind = Literal[ACTOR_KINDS]  # one source of truth: the tuple above

EVENT_KINDS = (
    "plan_announced",
    "policy_since",
    "centre_opened",
    "company_founded",
    "appointment",
    "target_year",
    "trade_fair",
)
EventKind = Literal[EVENT_KINDS]  # one source of truth: the tuple above

INSTRUMENT_KINDS = (
    "hub_subsidy",
    "company_subsidy",
    "project_subsidy",
    "open_source_funding",
    "core_technology_fund",
    "action_plan",
    "investment_plan",
    "demo_factories",
    "ai_school",
    "incubation",
    "data_centre",
    "test_infrastructure",
    "trade_fair_zone",
    "national_strategy",
    "legislation",
    "designation",
    "data_infrastructure",
)
InstrumentKind = Literal[INSTRUMENT_KINDS]  # one source of truth: the tuple above

# --- field types ------------------------------------------------------------------------------

SNAKE_ID = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
SEED_FILE = r"^[\w.-]+\.txt$"
"""A seed's file name under seeds/: no folder, no other extension."""


def is_seed_file(name: str) -> bool:
    return re.fullmatch(SEED_FILE, name) is not None


Id = Annotated[str, StringConstraints(pattern=SNAKE_ID, max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


_FRACTION = re.compile(r"-?\d+/\d+")
_DECIMAL = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")
_ZERO_DENOMINATOR = re.compile(r"-?\d+/0+")


def _parse_number(raw: object) -> object:
    """Accept a decimal ("88.5", "50000000") or a fraction ("1/3"): a curator never rounds one third."""
    if isinstance(raw, str):
        text = raw.strip()
        if _FRACTION.fullmatch(text):
            if _ZERO_DENOMINATOR.fullmatch(text):
                raise ValueError(f"{raw!r} divides by zero: a fraction's denominator is not 0")
            fraction = Fraction(text)
            return fraction.numerator / fraction.denominator
        if not _DECIMAL.fullmatch(text):
            raise ValueError(f"{raw!r} is not a number (write digits with a '.' decimal point, or a fraction like 1/3)")
        return float(text)
    return raw


def _parse_bool(raw: object) -> object:
    if isinstance(raw, str):
        lowered = raw.strip().lower()
        if lowered in {"true", "yes", "1"}:
            return True
        if lowered in {"false", "no", "0"}:
            return False
        raise ValueError(f"{raw!r} is not a boolean (write true or false)")
    return raw


def _split_list(raw: object) -> object:
    if isinstance(raw, str):
        return tuple(part.strip() for part in raw.split(";") if part.strip())
    return raw


def _check_partial_date(value: str) -> str:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    if value.startswith("0000"):
        raise ValueError(f"{value!r} has year 0000, which no calendar has (years start at 0001)")
    try:  # a real calendar date: no month 13, no 31 April
        datetime.date.fromisoformat({4: f"{value}-01-01", 7: f"{value}-01"}.get(len(value), value))
    except ValueError:
        raise ValueError(f"{value!r} is not a date in the calendar (month 01–12, a day the month has)") from None
    return value


Number = Annotated[float, BeforeValidator(_parse_number), Field(allow_inf_nan=False)]
Bool = Annotated[bool, BeforeValidator(_parse_bool)]
IdList = Annotated[tuple[Id, ...], BeforeValidator(_split_list)]
PartialDate = Annotated[str, AfterValidator(_check_partial_date)]
PillarIds = Annotated[tuple[Id, ...], BeforeValidator(_split_list), Field(min_length=1)]


class Record(BaseModel):
    """Base of every curated row: strict about unknown columns, frozen once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Quoted(Record):
    """A row that must be traceable to a verbatim passage of one seed."""

    source_id: Id = Field(description="Seed the quote comes from (sources.source_id).")
    quote: Text = Field(description="Verbatim French passage from the seed (whitespace-normalised match).")
    quote_en: Text = Field(description="Faithful English translation of the quote.")
    note: str | None = Field(default=None, description="Curator's note: ambiguity, implied values, caveats.")
    note_fr: str | None = Field(default=None, description="The note in French (empty exactly when note is).")


# --- tables -----------------------------------------------------------------------------------


class Region(Record):
    region_id: Id = Field(description="Snake-case identifier.")
    name_en: Text = Field(description="English name.")
    name_fr: Text = Field(description="French name.")
    level: RegionLevel = Field(description="Administrative level: country, province, municipality or city.")
    parent_id: Id | None = Field(default=None, description="Enclosing region (regions.region_id), if any.")
    iso_country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = Field(
        description="ISO 3166-1 alpha-2 code of the country."
    )
    is_focus: Bool = Field(description="Whether ecodash compares this region side by side (a focus region).")

    @model_validator(mode="after")
    def _parent_is_not_self(self) -> Region:
        if self.parent_id == self.region_id:
            raise ValueError("parent_id: a region cannot be its own parent")
        return self


class Source(Record):
    source_id: Id = Field(description="Readable identifier of the seed article.")
    seed_file: Annotated[str, StringConstraints(pattern=SEED_FILE)] = Field(description="File name under seeds/.")
    title: Text = Field(
        description="Article title (its first line where it has one, else a descriptive title in brackets)."
    )
    title_en: str | None = Field(
        default=None, description="English rendering of the title, shown beside it (the title itself stays French)."
    )
    genre: str | None = Field(
        default=None,
        description="What kind of article it is, as a phrase with its article that texts list: 'a provincial plan "
        "(Guangdong)'.",
    )
    genre_fr: str | None = Field(default=None, description="The genre in French ('un plan provincial (Guangdong)').")
    language: Literal["fr", "en"] = Field(description="Language of the text (ISO 639-1): fr or en.")
    region_ids: IdList = Field(description="Regions the article covers, ';'-separated.")
    publisher: str | None = Field(default=None, description="Publisher, only where the text names one.")
    url: str | None = Field(default=None, description="URL, only where the text gives one.")
    sha256: Sha256 = Field(description="SHA-256 of the seed file's bytes; a seed is never edited.")
    published_year: Year | None = Field(
        default=None,
        description="Year the article dates from (the FX default converts at this year's rate); note says how it is known.",
    )
    note: str | None = Field(default=None, description="Curator's note.")
    note_fr: str | None = Field(default=None, description="The note in French (empty exactly when note is).")

    @model_validator(mode="after")
    def _year_explained(self) -> Source:
        if self.published_year is not None and not self.note:
            raise ValueError("note: say how published_year is known (the text's own dates, or the curation brief)")
        return self


class Pillar(Record):
    pillar_id: Id = Field(description="Snake-case identifier.")
    name: Text = Field(description="Short English name.")
    name_fr: str | None = Field(default=None, description="Short French name.")
    definition: Text = Field(description="What belongs to this pillar, in words.")
    definition_fr: str | None = Field(default=None, description="The definition in French.")
    origin: Literal["article", "added"] = Field(
        description="article: one of the elements an article names (source_id, quote); added: needed by the articles."
    )
    source_id: Id | None = Field(default=None, description="Seed naming the pillar (origin article).")
    quote: str | None = Field(default=None, description="Verbatim words naming the pillar (origin article).")
    rationale: Text = Field(description="Why the pillar is there (for an added one: which articles need it).")
    rationale_fr: str | None = Field(default=None, description="The rationale in French.")

    @model_validator(mode="after")
    def _quoted_when_from_article(self) -> Pillar:
        if self.origin == "article" and (self.source_id is None or self.quote is None):
            raise ValueError("quote: a pillar named by an article needs its source_id and verbatim quote")
        return self


class Indicator(Record):
    indicator_id: Id = Field(description="Snake-case identifier.")
    name: Text = Field(description="Short English name.")
    name_fr: str | None = Field(default=None, description="Short French name.")
    category: Category = Field(description="Theme the indicator belongs to.")
    unit: Literal[("money", *OTHER_UNITS)] = Field(
        description="Kind of unit; 'money' facts carry an ISO 4217 currency."
    )
    scope: Scope = Field(description="Time/recipient basis every fact of this indicator shares.")
    summable: Bool = Field(description="Whether values of different facts may be added together.")
    definition: Text = Field(description="What is counted, in words.")
    definition_fr: str | None = Field(default=None, description="The definition in French.")
    per_inhabitant: Bool = Field(
        description="Whether a regional figure may be divided by the region's population (a budget, a count of "
        "firms or people); never for ranks, shares, caps or a population itself."
    )

    @model_validator(mode="after")
    def _intensity_is_summable(self) -> Indicator:
        if self.per_inhabitant and not (self.summable and self.unit in ("money", "count", "people")):
            raise ValueError("per_inhabitant: only a summable money, count or people indicator can be per inhabitant")
        return self


class Fact(Quoted):
    fact_id: Id = Field(description="Snake-case identifier.")
    region_id: Id = Field(description="Region the figure describes (regions.region_id).")
    indicator_id: Id = Field(description="What is measured (indicators.indicator_id).")
    value: Number = Field(description="The number as the source states it, in `unit` (50 millions -> 50000000).")
    unit: Unit = Field(description="ISO 4217 code for money; PFLOPS, count, people, share (0-1), rank or year.")
    qualifier: Qualifier = Field(description="The article's hedging: exact, approximate, at_least or up_to.")
    scope: Scope = Field(description="per_recipient, per_year, multi_year, cumulative, point_in_time or unspecified.")
    period_start: Year | None = Field(default=None, description="First year the figure covers, stated or implied.")
    period_end: Year | None = Field(default=None, description="Last (or target) year, stated or implied.")
    duration_years: Annotated[int, Field(ge=1, le=100)] | None = Field(
        default=None, description="Length of a multi-year total, in years ('over 5 years')."
    )
    instrument_id: Id | None = Field(default=None, description="Programme the figure belongs to (instruments).")
    stated_usd: Number | None = Field(
        default=None, description="The article's own USD equivalent (always given as 'environ', i.e. approximate)."
    )
    status: Status = Field(
        description="achieved (a level or result that exists), committed (a budget or programme in force), "
        "target (an objective or plan) or proposed (an offer, invitation or possible cooperation)."
    )
    ai_specificity: AiSpecificity = Field(
        description="ai (about AI alone), ai_and_other (AI with robotics, semiconductors...) or broader "
        "(a technology policy not specific to AI)."
    )
    geo_reach: GeoReach = Field(
        description="region (describes the region itself) or context (a national or worldwide quantity the "
        "article mentions about or near the region); context figures never roll up into a province or city."
    )
    funder: Funder | None = Field(
        default=None, description="Money only: public, private or unspecified (the article does not say who pays)."
    )
    pillar_ids: PillarIds = Field(description="Pillars of an AI ecosystem the figure is evidence for, ';'-separated.")

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
    actor_id: Id = Field(description="Snake-case identifier.")
    name: Text = Field(description="Name as usually written in English.")
    kind: ActorKind = Field(
        description="company, lab, model, institution, person, hardware, fund, platform or facility."
    )
    role: Text = Field(description="What the actor is or does in the ecosystem.")
    role_fr: str | None = Field(default=None, description="The role in French.")
    region_id: Id = Field(description="Region the actor belongs to.")
    pillar_ids: PillarIds = Field(description="Pillars the actor contributes to, ';'-separated.")


class Event(Quoted):
    event_id: Id = Field(description="Snake-case identifier.")
    region_id: Id = Field(description="Region the event belongs to.")
    date: PartialDate | None = Field(
        default=None,
        description="YYYY, YYYY-MM or YYYY-MM-DD as precise as the source is; empty when it gives no year.",
    )
    kind: EventKind = Field(description="plan_announced, policy_since, centre_opened, company_founded, ...")
    description: Text = Field(description="One-line English description.")
    description_fr: str | None = Field(default=None, description="The description in French.")
    pillar_ids: PillarIds = Field(description="Pillars the event concerns, ';'-separated.")

    @model_validator(mode="after")
    def _undated_explained(self) -> Event:
        if self.date is None and not self.note:
            raise ValueError("note: an event without a date needs a note saying what the article says of its timing")
        return self


class Instrument(Quoted):
    instrument_id: Id = Field(description="Snake-case identifier.")
    region_id: Id = Field(description="Region running the programme.")
    name: Text = Field(description="English name of the programme or instrument.")
    name_fr: str | None = Field(default=None, description="French name of the programme or instrument.")
    kind: InstrumentKind = Field(description="hub_subsidy, company_subsidy, open_source_funding, ...")
    description: Text = Field(description="What it does, in English.")
    description_fr: str | None = Field(default=None, description="What it does, in French.")
    pillar_ids: PillarIds = Field(description="Pillars the programme serves, ';'-separated.")


def _check_fx_currency(value: str) -> str:
    if not is_money(value):
        raise ValueError(f"{value!r} is not an ISO 4217 currency code (3 capital letters)")
    if value == "USD":
        raise ValueError("USD needs no rate: rates are currency units per US dollar")
    return value


FxCurrency = Annotated[str, AfterValidator(_check_fx_currency)]
FX_SERIES = ("wdi", "fed")
FxSeries = Literal[FX_SERIES]  # one source of truth: the tuple above


class FxRate(Record):
    currency: FxCurrency = Field(description="ISO 4217 code of any currency but USD.")
    year: Year = Field(description="Year the annual (period) average covers.")
    units_per_usd: Annotated[float, BeforeValidator(_parse_number), Field(gt=0)] = Field(
        description="Currency units per US dollar (annual or period average)."
    )
    series_id: FxSeries = Field(description="wdi (World Bank official rate) or fed (Federal Reserve G.5A).")
    series: Text = Field(description="Name of the published series.")
    publisher: Text = Field(description="Who publishes the series.")
    source_title: Text = Field(description="Title of the publication.")
    read_at: Text = Field(description="Where the figure was read (URL, or repository and commit).")
    release_date: PartialDate | None = Field(default=None, description="Release or update date of the publication.")
    row_as_read: str | None = Field(default=None, description="The source row exactly as read, where it is a table.")


class Population(Record):
    region_id: Id = Field(description="Region (regions.region_id).")
    year: Year = Field(description="Year the population figure describes.")
    population: Annotated[int, Field(gt=0)] = Field(
        description="Inhabitants (see definition: mid-year, year-end, census)."
    )
    definition: Text = Field(description="What is counted and when (mid-year estimate, year-end residents, census).")
    definition_fr: str | None = Field(default=None, description="The definition in French.")
    publisher: Text = Field(description="Statistics office or database that published the figure.")
    read_at: Text = Field(
        description="Where the figure was read: the publisher's own page, a mirror or a press report."
    )
    excerpt: Text = Field(description="The sentence or row the figure was read from, as written.")
    primary_or_secondary: Annotated[str, StringConstraints(pattern=r"^(primary|secondary)\b")] = Field(
        description="'primary ...' (the publisher's data) or 'secondary: ...' (a report quoting it), with details."
    )
    primary_or_secondary_fr: str | None = Field(
        default=None,
        description="primary_or_secondary in French ('données primaires ...' or 'secondaire : ...'); code reads "
        "the English column's prefix.",
    )


class AuditExclusion(Record):
    source_id: Id = Field(description="Seed containing the mention.")
    context: Text = Field(description="Verbatim passage around the mention, enough to find it in the seed.")
    mention: Text = Field(description="The numeric text excluded, as it appears inside `context`.")
    reason: Text = Field(description="Why this is not a fact (model name, century, URL, ...).")
    reason_fr: str | None = Field(default=None, description="The reason in French.")

    @field_validator("mention")
    @classmethod
    def _mention_short(cls, value: str) -> str:
        if len(value) > 60:
            raise ValueError("a mention is a number, not a passage (60 characters at most)")
        return value


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
}


def table_columns(table: str) -> list[str]:
    """Column order of a curated CSV: the model's field order."""
    return list(TABLE_MODELS[table].model_fields)


# --- languages (issue 7) ------------------------------------------------------------------------
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
