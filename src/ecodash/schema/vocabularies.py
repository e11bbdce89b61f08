"""Every id vocabulary of the contract, once: a tuple of ids (what code iterates) and its Literal (what pydantic checks).

Each id's words live in the catalogue (i18n/locales), never here: pages, charts and formats look them up.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

import pandas as pd

REGION_LEVELS = ("country", "province", "municipality", "city")
RegionLevel = Literal[REGION_LEVELS]

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
Category = Literal[CATEGORIES]

# --- units -------------------------------------------------------------------------------------------------------
# Money is any ISO 4217-shaped code (a new currency needs only its FX reference row, with its citation); every other
# unit is one of this fixed vocabulary. `is_money` / `money_mask` are the one rule.
CURRENCY_PATTERN = r"^[A-Z]{3}$"
OTHER_UNITS = ("PFLOPS", "count", "people", "share", "rank", "year")
INDICATOR_UNITS = ("money", *OTHER_UNITS)
"""An indicator's kind of unit: 'money' (its facts carry a currency) or one of the other units."""
IndicatorUnit = Literal[INDICATOR_UNITS]
_CURRENCY = re.compile(CURRENCY_PATTERN)


def is_money(unit: object) -> bool:
    """Whether a fact's unit is a currency (an ISO 4217-shaped code: 'CNY', 'USD', 'THB')."""
    return isinstance(unit, str) and _is_currency(unit)


@functools.lru_cache(maxsize=4096)
def _is_currency(unit: str) -> bool:  # a table has a handful of units, asked about once per row
    return _CURRENCY.fullmatch(unit) is not None


def money_mask(units: pd.Series) -> pd.Series:
    """`is_money` for a column of units (False for missing units)."""
    return units.isin([unit for unit in units.unique() if is_money(unit)])  # each distinct unit tested once


# --- how a figure is stated --------------------------------------------------------------------------------------
# The qualifier keeps the article's hedging only; whether a figure is a result, a budget, a target or an offer is its
# `status` (a target can itself be hedged: "environ 10 usines" is target + approximate).
QUALIFIERS = ("exact", "approximate", "at_least", "up_to")
Qualifier = Literal[QUALIFIERS]

# The comparability dimensions: researchers' scripts rely on these exact names.
STATUSES = ("achieved", "committed", "target", "proposed")
Status = Literal[STATUSES]
NOT_YET = ("target", "proposed")
"""Statuses of a figure that is not real yet (an objective, an offer): said before its number, drawn outlined, kept
out of the results."""
AI_SPECIFICITIES = ("ai", "ai_and_other", "broader")
AiSpecificity = Literal[AI_SPECIFICITIES]
GEO_REACHES = ("region", "context")
GeoReach = Literal[GEO_REACHES]
FUNDERS = ("public", "private", "unspecified")
Funder = Literal[FUNDERS]
COMPARABILITY_DIMENSIONS = ("status", "ai_specificity", "geo_reach", "funder")

# What span of time (or of recipients) one value covers. Money is only comparable within a scope.
SCOPES = ("per_recipient", "per_year", "multi_year", "cumulative", "point_in_time", "unspecified")
Scope = Literal[SCOPES]

# --- kinds of rows -----------------------------------------------------------------------------------------------
ACTOR_KINDS = ("company", "lab", "model", "institution", "person", "hardware", "fund", "platform", "facility")
ActorKind = Literal[ACTOR_KINDS]

EVENT_KINDS = (
    "plan_announced",
    "policy_since",
    "centre_opened",
    "company_founded",
    "appointment",
    "target_year",
    "trade_fair",
    "law_enacted",
)
EventKind = Literal[EVENT_KINDS]

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
    "innovation_hub",
    "invitation",
)
InstrumentKind = Literal[INSTRUMENT_KINDS]

PILLAR_ORIGINS = ("article", "added")
"""article: one of the elements an article names; added: a pillar the articles need that none names."""
PillarOrigin = Literal[PILLAR_ORIGINS]

SOURCE_LANGUAGES = ("fr", "en")
"""Languages a seed article is written in (ISO 639-1)."""
SourceLanguage = Literal[SOURCE_LANGUAGES]

# --- currency conversion -----------------------------------------------------------------------------------------
FX_SERIES = ("wdi", "fed")
"""Cited reference series of fx_rates.csv: World Bank WDI official rate, Federal Reserve G.5A."""
FxSeries = Literal[FX_SERIES]
DEFAULT_FX_BASIS = "wdi"
"""The World Bank official rate of each article's own year (sources.published_year), where a rate exists: what
the charts convert money at unless the reader chooses another basis."""
ARTICLE_IMPLIED = "article_implied"
"""The basis of a rate an article implies (its own USD equivalent of a figure)."""
FX_BASES = (*FX_SERIES, ARTICLE_IMPLIED)
"""What a reader may convert money at: a reference series, or the articles' own conversions."""
STATED_USD = "stated_usd"
"""fx_basis of a figure the article states in US dollars (nothing converted)."""
FX_BASIS_VALUES = (*FX_BASES, STATED_USD)
"""Every value of an export's fx_basis column (empty when a figure is not converted)."""
