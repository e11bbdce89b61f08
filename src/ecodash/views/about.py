"""What the dataset holds, in words, for the pages' prose: how many articles and of which kinds, how many
pillars by origin, which cities count for which province, which years the FX rates are from.

Nothing here names a region, an article or a count: a new region, article, currency or indicator in data/
changes these sentences without a code change.
"""

from __future__ import annotations

from collections.abc import Callable

from ecodash import i18n
from ecodash.analysis import fx
from ecodash.analysis.regions import reporting_members
from ecodash.i18n import t
from ecodash.i18n.formats import count_words
from ecodash.i18n.plurals import plural, word_list
from ecodash.ingest.dataset import Dataset, localized


def source_kinds(dataset: Dataset) -> list[str]:
    """Each article's kind as a phrase ('a report on a provincial plan (Guangdong)'), in file order and the current language;
    an article without a genre is named by its title."""
    sources = localized(dataset, i18n.current()).sources
    return [
        genre if isinstance(genre, str) and genre else t("sources.genre_unknown", title=title)
        for genre, title in zip(sources["genre"], sources["title"], strict=True)
    ]


def articles_sentence(dataset: Dataset, key: str, escape: Callable[[str], str] = str) -> str:
    """A catalogue sentence asking for {n} (the number of articles, in words) and {kinds} (their kinds, passed
    through `escape`: the kinds are data, the sentence may be Markdown)."""
    return t(key, n=count_words(len(dataset.sources)), kinds=escape(word_list(source_kinds(dataset))))


def pillars_intro(dataset: Dataset, escape: Callable[[str], str] = str) -> str:
    """The Pillars page's first sentence: how many pillars an article names (and which), how many were added."""
    pillars = dataset.pillars
    named = pillars.loc[pillars["origin"] == "article"]
    kinds = dict(zip(dataset.sources["source_id"], source_kinds(dataset), strict=True))
    by = word_list([kinds[s] for s in dict.fromkeys(named["source_id"].dropna())])
    added = int((pillars["origin"] == "added").sum())
    return t(
        "pillars.intro",
        named=plural("pillars.named", len(named), words=count_words(len(named)), by=escape(by)),
        added=plural("pillars.added", added, words=count_words(added)),
    )


def city_roll_ups(dataset: Dataset) -> str:
    """Why the cities toggle matters: 'Figures of a city count for its province (Hangzhou → Zhejiang, …).'"""
    names = localized(dataset, i18n.current()).regions.set_index("region_id")["name"]
    pairs = [
        f"{names[member]} → {names[region_id]}"
        for region_id in names.index
        for member in reporting_members(dataset, region_id)[1:]
    ]  # the roll-up rule, from indicators
    if not pairs:
        return t("compare.subregions_help_none")
    return t("compare.subregions_help", pairs=", ".join(pairs))


def caveats(dataset: Dataset) -> list[str]:
    """The Sources page's caveats: the articles' kinds and the FX years from the data, the caveats about
    particular figures (data/caveats.csv, in the current language), and the general one about hedged figures."""
    about_figures = localized(dataset, i18n.current()).caveats["caveat"].tolist()
    return [
        articles_sentence(dataset, "sources.caveat.articles"),
        *about_figures,
        fx_caveat(dataset),
        t("sources.caveat.hedged"),
    ]


def fx_caveat(dataset: Dataset) -> str:
    """The FX caveat with the years the data holds: the articles' years, the Fed series' latest year."""
    years = sorted({int(y) for y in dataset.sources["published_year"].dropna()})
    fed = fx.series_years(dataset, fx.FED)
    return t(
        "sources.caveat.fx",
        years=", ".join(map(str, years)) or t("fx.latest"),
        fed_year=fed[-1] if fed else t("fx.latest"),
    )
