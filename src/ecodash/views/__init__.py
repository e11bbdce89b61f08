"""What a page shows, as data: its chart (or comparison table), title, notes, source line and takeaway.

Pages read their widgets, call one of these functions and render the ChartView it returns. Present mode and the
slide sequence (ecodash.views.slides) call the same functions from a slide's choices, so a slide shows exactly the view
it was added from. Pure: pandas and plotly, no Streamlit. The frames a view needs (comparison, funding, facts,
overview rows) come from a `Tables`, which the app replaces by one reading its caches.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from ecodash import charts, i18n
from ecodash.analysis import comparability, fx, indicators, intensity, pillars
from ecodash.i18n import t
from ecodash.i18n.formats import format_fact, format_quantity, label, significant, unit_label
from ecodash.ingest.dataset import Dataset
from ecodash.schema.models import is_money, money_mask
from ecodash.views import takeaways

# --- choices --------------------------------------------------------------------------------------

COMPARE_INDICATORS = (indicators.FUNDING_PER_YEAR, "compute_capacity")
SCALES = ("linear", "log")
TOGGLES = ("on", "off")
INTENSITIES = ("absolute", "million")
FUNDING_VIEWS = ("per_year", "per_recipient", "total")
OVERVIEW_ROWS = indicators.HEADLINE_SLOTS
HEADLINE_ROWS = ("funding", "compute", "talent", "startups")
"""Overview rows with a headline kind; the others (targets, other figures) list each figure under its own label."""
ALL = "all"
"""The Pillars page's 'every pillar' / 'every focus region' choice."""
PAGES = ("compare", "funding", "profile", "overview", "pillars", "sources")
"""Pages whose current view is one chart, one comparison or one figure: they can become a slide."""
REQUIRED = {"sources": "fact"}
"""Pages whose view needs a choice the URL may lack (the Sources page shows a slide only for a selected figure)."""


def region_names(ds: Dataset) -> dict[str, str]:
    """Region id -> name (`name` in a localized dataset, else the English name)."""
    column = "name" if "name" in ds.regions.columns else "name_en"
    return dict(zip(ds.regions["region_id"], ds.regions[column], strict=True))


def indicator_names(ds: Dataset) -> dict[str, str]:
    """The Compare page's indicators: the derived funding per year first, then the curated ones."""
    names = {indicators.FUNDING_PER_YEAR: indicators.funding_per_year_name()}
    names.update(dict(zip(ds.indicators["indicator_id"], ds.indicators["name"], strict=True)))
    return names


def choice_options(ds: Dataset) -> dict[str, dict[str, list[str]]]:
    """page -> URL parameter -> the values it may take (slides are checked against these)."""
    regions = list(ds.regions["region_id"])
    return {
        "compare": {
            "regions": regions,
            "indicators": list(indicator_names(ds)),
            "scale": list(SCALES),
            "sort": list(charts.SORTS),
            "cities": list(TOGGLES),
            "per": list(INTENSITIES),
            "fx": list(fx.FX_BASES),
        },
        "funding": {"view": list(FUNDING_VIEWS), "per": list(INTENSITIES), "fx": list(fx.FX_BASES)},
        "profile": {"region": regions},
        "overview": {"row": list(OVERVIEW_ROWS), "fx": list(fx.FX_BASES)},
        "pillars": {
            "pillar": [ALL, *ds.pillars["pillar_id"]],
            "region": [ALL, *ds.focus_region_ids()],
            "fx": list(fx.FX_BASES),
        },
        "sources": {"fact": list(ds.facts["fact_id"])},
    }


def choice_defaults(ds: Dataset) -> dict[str, dict[str, list[str] | str]]:
    """page -> URL parameter -> the value a page shows when the URL says nothing."""
    return {
        "compare": {
            "regions": ds.focus_region_ids(),
            "indicators": list(COMPARE_INDICATORS),
            "scale": "linear",
            "sort": "value",
            "cities": "on",
            "per": "absolute",
            "fx": fx.DEFAULT_FX_BASIS,
        },
        "funding": {"view": "per_year", "per": "absolute", "fx": fx.DEFAULT_FX_BASIS},
        "profile": {"region": ds.focus_region_ids()[0]},
        "overview": {"row": OVERVIEW_ROWS[0], "fx": fx.DEFAULT_FX_BASIS},
        "pillars": {"pillar": ALL, "region": ALL, "fx": fx.DEFAULT_FX_BASIS},
        "sources": {},  # no figure is selected unless the URL names one
    }


def without_defaults(ds: Dataset, page: str, choices: Mapping[str, object]) -> dict[str, object]:
    """The choices that differ from the page's defaults (a slide keeps only those: shorter links)."""
    defaults = choice_defaults(ds)[page]
    out = {}
    for param, value in choices.items():
        default = defaults.get(param)
        same = list(value) == list(default) if isinstance(value, list | tuple) else value == default
        if not same:
            out[param] = list(value) if isinstance(value, list | tuple) else value
    return out


# --- the view -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartView:
    """One page's current view: everything a page or a slide renders, already computed and in words.

    Text fields are plain text (data included): the UI escapes them before any Markdown.
    """

    page: str
    title: str
    """The slide's title (the figure keeps its own title inside the image)."""
    takeaway: str
    """One sentence per compared group, generated from the data (ecodash.views.takeaways)."""
    source: str = ""
    """The source line: the curated articles behind what is shown (+ the populations, per inhabitant)."""
    figure: go.Figure | None = None
    notes: tuple[str, ...] = ()
    """'Not alike' lines: which kinds of figure are drawn apart, and how they differ."""
    captions: tuple[str, ...] = ()
    """What the view leaves out and why (nothing reported for an indicator, not divisible per inhabitant)."""
    missing: tuple[str, ...] = ()
    """'Not reported: region — indicator' lines (shown under the chart)."""
    table: pd.DataFrame | None = None
    """The figures behind the chart (or the comparison itself, when a view has no chart)."""
    export: pd.DataFrame | None = None
    """The rows a researcher downloads for this view (CSV), when the page offers one."""
    filename_parts: tuple[str, ...] = ()
    quote: str = ""
    """A figure's quote as the article states it (French), shown large on its slide."""
    translation: str = ""
    """The quote's English translation (empty in French: the French quote stands alone)."""
    details: tuple[str, ...] = ()
    """Lines under a quote: the figure as labelled, its kind."""
    message: str | None = None
    """Why nothing is drawn (e.g. no region chosen); None when the view has content."""
    rows: pd.DataFrame | None = field(default=None, repr=False)
    """The compared rows (annotated), for tests and exports."""

    @property
    def filename(self) -> str:
        """The image file name: 'ecodash-compare-gwangju-shanghai-compute_capacity'."""
        return "-".join(("ecodash", *self.filename_parts))


class Tables:
    """The frames views are computed from. The app subclasses it to read its st.cache_data caches."""

    def __init__(self, ds: Dataset):
        self.ds = ds

    def comparison(self, region_ids: Sequence[str], fx_basis: str, subregions: bool) -> pd.DataFrame:
        return indicators.comparison_long(
            self.ds, region_ids=list(region_ids), fx_basis=fx_basis, include_subregions=subregions
        )

    def funding(self, fx_basis: str) -> pd.DataFrame:
        return indicators.funding_table(self.ds, fx_basis=fx_basis)

    def facts(self, fx_basis: str) -> pd.DataFrame:
        return indicators.facts_table(self.ds, fx_basis=fx_basis)

    def pillars(self, fx_basis: str) -> pd.DataFrame:
        return pillars.pillar_matrix(self.ds, fx_basis=fx_basis)

    def overview(self, fx_basis: str) -> dict[str, pd.DataFrame]:
        return indicators.overview_slots(self.ds, fx_basis=fx_basis)


def _styled(style: object | None) -> dict[str, object]:
    """The chart functions' `style=` (charts.ChartStyle: theme, font scale), passed only when one is asked for."""
    return {} if style is None else {"style": style}


def _fx_label(ds: Dataset, fx_basis: str) -> str:
    return fx.basis_labels(ds)[fx_basis][1]


def _short_list(names: Sequence[str], limit: int = 3) -> str:
    names = list(dict.fromkeys(names))
    return " · ".join(names) if len(names) <= limit else " · ".join(names[:limit]) + " …"


def _money_label(value: float, qualifier: str, stated: str, suffix: str = "") -> str:
    """'≈ 84.4 M USD/yr (target 120 bn KRW / year)': the compared USD figure, then the figure as stated."""
    return f"{format_fact(significant(value), 'USD', qualifier)}{suffix} ({stated})"


def _takeaway_labels(rows: pd.DataFrame, *, value_column: str, per_million: bool) -> list[str]:
    """What a takeaway names for each figure: the value compared, with its qualifier (and as stated)."""
    labels = []
    for r in rows.to_dict("records"):
        if r.get("report_status", "reported") != "reported":
            labels.append("")
            continue
        value = r[value_column]
        unit = r.get("comparable_unit") or r["unit"]
        per_year = t("chart.per_year_suffix") if r["indicator_id"] == indicators.FUNDING_PER_YEAR else ""
        if per_million:
            labels.append(
                format_fact(significant(value), str(unit), r["qualifier"]) + per_year + t("chart.per_million_suffix")
            )
        elif unit == "USD" and is_money(r["unit"]):
            labels.append(_money_label(value, r["qualifier"], r["value_label"], per_year))
        else:
            labels.append(str(r["value_label"]))
    return labels


# --- Compare --------------------------------------------------------------------------------------


def not_converted(rows: pd.DataFrame, label_column: str = "indicator_name") -> list[str]:
    """'Not drawn (no value in US dollars): region — what: how' for the money figures without a USD value (no
    FX rate for their currency); the derivation says why in words. [] when every money figure converts."""
    money = rows.loc[money_mask(rows["unit"]) & rows["value_usd"].isna()]
    if money.empty:
        return []
    return [
        t(
            "compare.not_converted",
            pairs="; ".join(
                f"{r['region_name']} — {r[label_column]}: {r.get('derivation') or r['fx_derivation']}"
                for r in money.to_dict("records")
            ),
        )
    ]


def focus_not_converted(ds: Dataset, fx_basis: str, tables: Tables | None = None) -> list[str]:
    """`not_converted` for the figures of the focus regions and the cities that count for them (Pillars)."""
    members = {m for r in ds.focus_region_ids() for m in indicators.reporting_members(ds, r)}
    facts = (tables or Tables(ds)).facts(fx_basis)
    return not_converted(facts.loc[facts["region_id"].isin(members)])


def _comparable_label(value: float, unit: object, original: object) -> str:
    """The compared value in words; a money figure without a USD value says so (it is reported, not missing)."""
    if pd.isna(value) and is_money(original):
        return t("compare.no_usd")
    return format_quantity(value, unit)


def compare_table(reported: pd.DataFrame, *, per_million: bool) -> pd.DataFrame:
    """The figures behind the chart, with their kind and how each differs from its indicator's headline kind."""
    table = reported.assign(
        link=[f"/sources?fact={f}" for f in reported["fact_id"]],
        comparable=[
            _comparable_label(v, u, o)
            for v, u, o in zip(reported["comparable_value"], reported["comparable_unit"], reported["unit"], strict=True)
        ],
        per_million=[
            format_quantity(v, u) if pd.notna(v) else None
            for v, u in zip(reported["comparable_value_per_million"], reported["comparable_unit"], strict=True)
        ],
    )
    columns = ["region_name", "indicator_name", "value_label", "class_label", "difference_note", "comparable"]
    columns += ["per_million", "per_million_derivation"] if per_million else ["derivation"]
    users = reported["origin"] == indicators.USER if "origin" in reported.columns else None
    if users is not None and users.any():  # the reader's figures: said so, and no curated passage to link to
        table["link"] = table["link"].where(~users, None)
        table["origin"] = reported["origin"].map(lambda origin: t(f"yours.origin.{origin}"))
        columns.insert(0, "origin")
    return table[[*columns, "quote", "source_id", "link"]]


@dataclass(frozen=True)
class CompareAnalysis:
    """What a Compare view says whatever its chart's scale, sort or style: the view without its figure (its
    words, notes and tables), and what the figure is drawn from. A scale or sort change redraws only the chart."""

    view: ChartView
    long: pd.DataFrame | None = None
    """The rows the chart draws (None when there is no chart)."""
    value_column: str = "comparable_value"
    note: str = ""
    """comparability.chart_note of the rows: under the chart and inside the small multiples' figure."""
    fx_label: str = ""
    per: str = ""
    """' per M inhabitants' when per million, else ''."""


def compare_analysis(
    ds: Dataset,
    *,
    region_ids: Sequence[str],
    indicator_ids: Sequence[str],
    subregions: bool = True,
    per_million: bool = False,
    fx_basis: str = fx.DEFAULT_FX_BASIS,
    tables: Tables | None = None,
) -> CompareAnalysis:
    """Any regions x one or more indicators, everything but the chart (see compare_view)."""
    tables = tables or Tables(ds)
    names = region_names(ds)
    indicator_name = indicator_names(ds)
    region_ids, indicator_ids = list(region_ids), list(indicator_ids)
    title = _short_list([indicator_name[i] for i in indicator_ids]) or t("compare.title")
    parts = ("compare", *region_ids[:3], *indicator_ids[:2], *(["per_million"] if per_million else []))
    if not region_ids or not indicator_ids:
        return CompareAnalysis(
            ChartView(
                page="compare",
                title=t("compare.title"),
                takeaway="",
                message=t("compare.no_selection"),
                filename_parts=("compare",),
            )
        )
    long = tables.comparison(tuple(region_ids), fx_basis, subregions)
    long = long.loc[long["indicator_id"].isin(indicator_ids)]
    absent = [i for i in indicator_ids if i not in set(long["indicator_id"])]
    everyone = ", ".join(names[r] for r in region_ids)
    captions = [t("compare.not_reported_list", pairs=f"{indicator_name[i]} — {everyone}") for i in absent]
    long = long.loc[long["indicator_id"].isin([i for i in indicator_ids if i not in absent])]
    captions += not_converted(long.loc[long["report_status"] == "reported"])
    left_out = long.iloc[0:0]
    if per_million:
        long, left_out = intensity.split_per_million(long, "comparable_value_per_million")
        if not left_out.empty:
            unique = left_out.drop_duplicates(["region_id", "indicator_id", "per_million_derivation"])
            captions.append(
                t(
                    "compare.not_per_million",
                    pairs="; ".join(
                        f"{r.region_name} — {r.indicator_name}: {r.per_million_derivation}" for r in unique.itertuples()
                    ),
                )
            )
    order = {i: n for n, i in enumerate(indicator_ids)}
    long = long.assign(indicator_order=long["indicator_id"].map(order))
    long = long.sort_values("indicator_order", kind="stable").drop(columns="indicator_order")
    value_column = "comparable_value_per_million" if per_million else "comparable_value"
    sentences = [takeaways.nothing_reported(indicator_name[i]) for i in absent]
    for indicator_id in [i for i in indicator_ids if i not in absent]:
        rows = long.loc[long["indicator_id"] == indicator_id]
        dropped = left_out.loc[left_out["indicator_id"] == indicator_id, "region_name"]
        rows = rows.assign(takeaway_label=_takeaway_labels(rows, value_column=value_column, per_million=per_million))
        sentences.insert(
            order[indicator_id],
            takeaways.comparison(
                rows,
                what=indicator_name[indicator_id],
                value_column=value_column,
                label_column="takeaway_label",
                regions=[names[r] for r in region_ids],
                left_out=list(dropped),
                lower_is_better=_is_rank(rows),
            ),
        )
    takeaway = " ".join(sentences)
    if long.empty:
        return CompareAnalysis(
            ChartView(
                page="compare",
                title=title,
                takeaway=takeaway,
                captions=tuple(captions),
                filename_parts=parts,
                source=charts.source_note(ds, []),
                rows=long,
            )
        )
    source_note = charts.source_note(ds, sorted(long["source_id"].dropna().unique()))
    if "origin" in long.columns and (long["origin"] == indicators.USER).any():
        source_note += "\n" + t("yours.chart.note")
    if per_million:
        drawn = long.loc[long["comparable_value_per_million"].notna(), "population_region_id"]
        source_note += "\n" + t("compare.population_note", sources=intensity.population_note(ds, drawn))
    fx_label = _fx_label(ds, fx_basis)
    per = t("compare.per_million_suffix") if per_million else ""
    note = comparability.chart_note(long)  # once: under the chart and inside the small multiples' figure
    reported = long.loc[long["report_status"] == "reported"]
    missing = long.loc[long["report_status"] != "reported"]
    missing_lines = ()
    if not missing.empty:
        missing_lines = (
            t(
                "compare.not_reported_list",
                pairs="; ".join(f"{r.region_name} — {r.indicator_name}" for r in missing.itertuples()),
            ),
        )
    view = ChartView(
        page="compare",
        title=title,
        takeaway=takeaway,
        source=source_note,
        notes=tuple(note.splitlines()) if note else (),
        captions=tuple(captions),
        missing=missing_lines,
        table=compare_table(reported, per_million=per_million),
        export=indicators.comparison_view_export(reported),
        filename_parts=parts,
        rows=long,
    )
    return CompareAnalysis(view, long=long, value_column=value_column, note=note, fx_label=fx_label, per=per)


def compare_view(
    ds: Dataset,
    *,
    region_ids: Sequence[str],
    indicator_ids: Sequence[str],
    scale: str = "linear",
    sort: str = "value",
    subregions: bool = True,
    per_million: bool = False,
    fx_basis: str = fx.DEFAULT_FX_BASIS,
    tables: Tables | None = None,
    columns: int = 2,
    style: object | None = None,
    analysis: CompareAnalysis | None = None,
) -> ChartView:
    """Any regions x one or more indicators: one bar chart (one indicator of one kind) or small multiples
    (`columns` panels a row). `style` is the charts' ChartStyle (a slide's larger fonts). `analysis`: the
    compare_analysis of the same choices, when the caller has it already (the app caches it apart)."""
    if analysis is None:
        analysis = compare_analysis(
            ds,
            region_ids=region_ids,
            indicator_ids=indicator_ids,
            subregions=subregions,
            per_million=per_million,
            fx_basis=fx_basis,
            tables=tables,
        )
    long, view = analysis.long, analysis.view
    if long is None:
        return view
    value_column, source_note, fx_label, per = analysis.value_column, view.source, analysis.fx_label, analysis.per
    log_scale = scale == "log"
    one_panel = long["indicator_id"].nunique() == 1 and long["comparability_class"].dropna().nunique() <= 1
    if one_panel:
        unit = long["comparable_unit"].dropna().iloc[0] if long["comparable_unit"].notna().any() else ""
        words = unit_label(unit) if unit else ""
        subtitle = t("compare.subtitle_money", fx=fx_label) if unit == "USD" else t("compare.subtitle", unit=words)
        figure = charts.comparison_bar_chart(
            long,
            value_column=value_column,
            unit_label=words + per,
            title=t("compare.chart_title", indicator=long["indicator_name"].iloc[0]),
            subtitle=subtitle + per,
            source_note=source_note,
            log_scale=log_scale,
            sort=sort,
            **_styled(style),
        )
    else:
        units = list(dict.fromkeys(long["comparable_unit"].dropna()))
        subtitle = (
            t("compare.subtitle_money", fx=fx_label)
            if "USD" in units or not units
            else t("compare.subtitle", unit=", ".join(unit_label(u) for u in units))
        )
        figure = charts.small_multiples(
            long,
            value_column=value_column,
            title=t("compare.chart_title_many"),
            subtitle=subtitle + per,
            source_note=source_note,
            log_scale=log_scale,
            sort=sort,
            columns=columns,
            comparability_note=analysis.note,
            **_styled(style),
        )
    return dataclasses.replace(view, figure=figure, captions=(*view.captions, *_drawn(figure)))


def _drawn(figure: go.Figure | None) -> tuple[str, ...]:
    """The chart's 'Drawn: n of N figures' line, for the page (the figure's note carries it too), if it has one."""
    line = charts.drawn_line(figure)
    return (line,) if line else ()


def _is_rank(rows: pd.DataFrame) -> bool:
    units = set(rows["unit"].dropna())
    return bool(units) and units <= {"rank"}


# --- Funding --------------------------------------------------------------------------------------


def funding_table(funding: pd.DataFrame, *, per_million: bool) -> pd.DataFrame:
    """Every money figure, with its funding view, kind, difference note, USD and derivation."""
    table = funding.assign(link=[f"/sources?fact={f}" for f in funding["fact_id"]])
    columns = [
        "region_name",
        "instrument_name",
        "funding_view",
        "value_label",
        "class_label",
        "difference_note",
        "value_usd",
        "per_year_usd",
    ]
    columns += ["value_usd_per_million", "per_year_usd_per_million", "per_million_derivation"] if per_million else []
    return table[[*columns, "derivation", "quote", "link"]]


def funding_view(
    ds: Dataset,
    *,
    view: str = "per_year",
    per_million: bool = False,
    fx_basis: str = fx.DEFAULT_FX_BASIS,
    tables: Tables | None = None,
    style: object | None = None,
) -> ChartView:
    """One funding view (caps per recipient, per year, or totals), one panel per kind of figure."""
    tables = tables or Tables(ds)
    funding = tables.funding(fx_basis)
    drawn = charts.funding_view_rows(funding, view, per_million=per_million)
    column = charts.FUNDING_VIEWS[view]["column"] + ("_per_million" if per_million else "")
    in_view = charts.funding_view_rows(funding, view, drawn_only=False)
    captions = not_converted(in_view, "instrument_name")
    left_out = drawn.iloc[0:0]
    if per_million:
        _, left_out = intensity.split_per_million(charts.funding_view_rows(funding, view), column, group=None)
        if not left_out.empty:
            captions.append(
                t(
                    "compare.not_per_million",
                    pairs="; ".join(
                        f"{r.region_name} — {r.instrument_name}: {r.per_million_derivation}"
                        for r in left_out.itertuples()
                    ),
                )
            )
    source_note = charts.source_note(ds, sorted(drawn["source_id"].unique()))
    if per_million and not drawn.empty:
        source_note += "\n" + t(
            "compare.population_note", sources=intensity.population_note(ds, drawn["population_region_id"])
        )
    title = t(f"funding.title.{view}")
    figure = charts.funding_chart(
        funding,
        view=view,
        fx_basis_label=_fx_label(ds, fx_basis),
        title=title,
        source_note=source_note,
        per_million=per_million,
        **_styled(style),
    )
    what = charts.funding_what(view)
    note = comparability.chart_note(drawn.assign(view=view), group="view", name=what) if not drawn.empty else ""
    rows = drawn.assign(view=view, report_status="reported")
    rows = rows.assign(takeaway_label=_funding_labels(rows, view=view, per_million=per_million))
    names = region_names(ds)
    shown = list(dict.fromkeys([*(names[r] for r in ds.focus_region_ids()), *rows["region_name"]]))
    takeaway = takeaways.comparison(
        rows,
        what=what,
        value_column="plotted",
        label_column="takeaway_label",
        group="view",
        regions=shown,
        left_out=list(left_out["region_name"]),
        no_usd=list(in_view.loc[in_view["value_usd"].isna(), "region_name"]),
    )
    parts = ("funding", view, *(["per_million"] if per_million else []))
    return ChartView(
        page="funding",
        title=title,
        takeaway=takeaway,
        source=source_note,
        figure=figure,
        notes=tuple(note.splitlines()) if note else (),
        captions=(*captions, *_drawn(figure)),
        table=funding_table(funding, per_million=per_million),
        filename_parts=parts,
        rows=rows,
    )


def _funding_labels(rows: pd.DataFrame, *, view: str, per_million: bool) -> list[str]:
    labels = []
    per_year = charts.FUNDING_VIEWS[view]["per_year"]
    for r in rows.to_dict("records"):
        if per_million:
            suffix = (t("chart.per_year_suffix") if per_year else "") + t("chart.per_million_suffix")
            labels.append(format_fact(significant(r["plotted"]), "USD", r["qualifier"]) + suffix)
            continue
        stated = (
            format_fact(r["per_year_value"], r["unit"], r["qualifier"], r["status"]) + t("chart.per_year_suffix")
            if per_year
            else r["value_label"]
        )
        suffix = t("chart.per_year_suffix") if per_year else ""
        labels.append(_money_label(r["plotted"], r["qualifier"], stated, suffix))
    return labels


# --- Region profile: its own figures, programmes and actors -----------------------------------------

PROFILE_FACT_COLUMNS = ("indicator_name", "value_label", "class_label", "value_usd", "region_name")


@dataclass(frozen=True)
class ProfileTables:
    """What a region's profile lists, in words: its figures by category, its programmes and its actors.

    The region's own rows and those of the regions it reports for (indicators.reporting_members). Text fields are
    plain text (data included): the UI escapes them. Never changed once built (shared by every session)."""

    not_converted: tuple[str, ...]
    """Figures in a currency without an FX rate: their USD cell is empty, and why."""
    facts: tuple[tuple[str, pd.DataFrame], ...]
    """(category, its figures: PROFILE_FACT_COLUMNS, the quote columns asked for, and a link), by category."""
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
    own = own.assign(link=[f"/sources?fact={f}" for f in own["fact_id"]])
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


# --- Region profile: the timeline ----------------------------------------------------------------


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
    targets = own.loc[own["status"].isin(indicators.NOT_YET) & own["period_end"].notna()]
    title = t("profile.timeline_title", region=name)
    takeaway = takeaways.timeline(events, targets, region=name)
    parts = ("timeline", region_id)
    if events.empty and targets.empty:
        return ChartView(
            page="profile", title=title, takeaway=takeaway, message=t("profile.none"), filename_parts=parts
        )
    source_note = charts.source_note(ds, sorted(set(events["source_id"]) | set(targets["source_id"])))
    figure = charts.timeline_chart(
        events, target_facts=targets, region_ids=members, title=title, source_note=source_note, **_styled(style)
    )
    undated = tuple(
        t("profile.undated", description=r.description, note=r.note)
        for r in events.loc[events["date"].isna()].itertuples()
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


# --- Overview: one row ----------------------------------------------------------------------------


def overview_row_view(
    ds: Dataset, *, row: str, fx_basis: str = fx.DEFAULT_FX_BASIS, tables: Tables | None = None
) -> ChartView:
    """One overview row as a comparison table: each focus region's figures, their kind, and how they differ."""
    tables = tables or Tables(ds)
    rows = tables.overview(fx_basis)[row]
    names = region_names(ds)
    focus = [names[r] for r in ds.focus_region_ids()]
    what = t(f"overview.slot.{row}")
    labelled = rows.assign(takeaway_label=_takeaway_labels(rows, value_column="comparable_value", per_million=False))
    if row in HEADLINE_ROWS:
        takeaway = takeaways.comparison(
            labelled,
            what=what,
            value_column="comparable_value",
            label_column="takeaway_label",
            group="slot",
            regions=focus,
        )
    else:
        takeaway = takeaways.unlike(labelled, what=what, regions=focus)
    table = pd.DataFrame(
        {
            "region_name": rows["region_name"],
            "figure": labelled["takeaway_label"],
            "indicator_name": rows["indicator_name"],
            "class_label": rows["class_label"],
            "difference_note": rows["difference_note"] if row in HEADLINE_ROWS else "",
        }
    )
    order = {n: i for i, n in enumerate(focus)}
    table = table.assign(order=table["region_name"].map(order)).sort_values("order", kind="stable")
    table = table.drop(columns="order").reset_index(drop=True)
    source_note = charts.source_note(ds, sorted(rows["source_id"].dropna().unique()))
    head = rows.loc[rows["in_headline_class"]] if row in HEADLINE_ROWS else rows.iloc[0:0]
    notes = ()
    if not head.empty:
        first = head.iloc[0]
        notes = (t("overview.headline_kind", indicator=first["indicator_name"], kind=first["class_label"]),)
    return ChartView(
        page="overview",
        title=what,
        takeaway=takeaway,
        source=source_note,
        notes=notes,
        table=table,
        filename_parts=("overview", row),
        rows=rows,
        message=None if not rows.empty else t("common.not_reported"),
    )


# --- Pillars: one pillar, one region, or the grid ---------------------------------------------------


def _counts(row: Mapping) -> str:
    """'1 achieved · 2 in force', or why a cell has no figure ('names only', 'nothing said')."""
    if row["says_nothing"]:
        return t("present.pillars.silent")
    if not row["n_facts"]:
        return t("present.pillars.names_only")
    return " · ".join(takeaways.plural(f"pillars.count.{s}", row[f"n_{s}"]) for s in pillars.STATUSES if row[f"n_{s}"])


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def pillar_view(
    ds: Dataset,
    *,
    pillar: str = ALL,
    region: str = ALL,
    fx_basis: str = fx.DEFAULT_FX_BASIS,
    tables: Tables | None = None,
) -> ChartView:
    """A Pillars page view as a table: per region (one pillar), per pillar (one region), or the whole grid
    (every pillar x every focus region: how many figures each cell holds). Never a score."""
    tables = tables or Tables(ds)
    matrix = tables.pillars(fx_basis)
    pillar_name = dict(zip(matrix["pillar_id"], matrix["pillar_name"], strict=False))
    region_name = dict(zip(matrix["region_id"], matrix["region_name"], strict=False))
    pillar_label = t("pillars.all_pillars") if pillar == ALL else pillar_name[pillar]
    region_label = t("pillars.all_regions") if region == ALL else region_name[region]
    title = t("pillars.detail", pillar=pillar_label, region=region_label)
    cells = matrix
    if pillar != ALL:
        cells = cells.loc[cells["pillar_id"] == pillar]
    if region != ALL:
        cells = cells.loc[cells["region_id"] == region]
    cells = cells.reset_index(drop=True)
    counts = [_counts(row) for row in cells.to_dict("records")]
    if pillar == ALL and region == ALL:
        grid = cells.assign(counts=counts).pivot(index="pillar_id", columns="region_name", values="counts")
        grid = grid.reindex(
            index=list(dict.fromkeys(cells["pillar_id"])), columns=list(dict.fromkeys(cells["region_name"]))
        )
        table = grid.reset_index(drop=True)
        table.columns = [str(c) for c in table.columns]
        table.insert(0, "pillar_name", [pillar_name[p] for p in grid.index])
        takeaway = takeaways.pillar_grid(cells)
    else:
        name_column = "pillar_name" if pillar == ALL else "region_name"
        table = pd.DataFrame(
            {
                name_column: cells[name_column],
                "counts": counts,
                "strongest": [_text(v) for v in cells["strongest_label"]],
                "indicator_name": [_text(v) for v in cells["strongest_indicator"]],
                "class_label": [_text(v) for v in cells["strongest_kind"]],
            }
        )
        takeaway = takeaways.pillar_cells(
            cells,
            what=pillar_label if pillar != ALL else region_label,
            name_column=name_column,
            per_region=pillar != ALL,
        )
    facts = tables.facts(fx_basis)
    ids = {i for joined in cells["fact_ids"] for i in joined.split(";") if i}
    source_note = charts.source_note(ds, sorted(facts.loc[facts["fact_id"].isin(ids), "source_id"].unique()))
    return ChartView(
        page="pillars",
        title=title,
        takeaway=takeaway,
        source=source_note,
        table=table,
        filename_parts=("pillars", pillar, region),
        rows=cells,
    )


# --- Sources: one figure and its quote --------------------------------------------------------------


def fact_view(
    ds: Dataset, *, fact: str | None, fx_basis: str = fx.DEFAULT_FX_BASIS, tables: Tables | None = None
) -> ChartView:
    """A selected figure as a slide: its quote (and translation, outside French), the figure as labelled, its
    kind, and the article it comes from."""
    tables = tables or Tables(ds)
    facts = tables.facts(fx_basis).set_index("fact_id")
    if not fact or fact not in facts.index:
        return ChartView(
            page="sources",
            title=t("present.fact.none_title"),
            takeaway="",
            message=t("present.fact.none"),
            filename_parts=("sources",),
        )
    row = facts.loc[fact]
    kind = comparability.class_label(row)
    title = t("present.fact.title", region=row["region_name"], indicator=row["indicator_name"])
    sources = ds.sources.set_index("source_id")
    source = sources.loc[row["source_id"]] if row["source_id"] in sources.index else None
    article = str(source["title"]) if source is not None else str(row["source_id"])
    publisher = _text(source["publisher"]) if source is not None else ""
    source_line = t("present.fact.source", title=article, publisher=publisher or t("sources.no_publisher"))
    translation = _text(row["quote_en"]) if i18n.current() != "fr" else ""
    details = (
        t("present.fact.figure", label=row["value_label"], indicator=row["indicator_name"]),
        t("pillars.kind", kind=kind),
    )
    takeaway = takeaways.fact(
        region=row["region_name"],
        indicator=row["indicator_name"],
        label=row["value_label"],
        kind=kind,
        quote=row["quote"],
    )
    return ChartView(
        page="sources",
        title=title,
        takeaway=takeaway,
        source=source_line,
        quote=str(row["quote"]),
        translation=translation,
        details=details,
        filename_parts=("sources", fact),
    )


# --- a slide's view -------------------------------------------------------------------------------


def view_arguments(ds: Dataset, page: str, choices: Mapping[str, object]) -> dict[str, object]:
    """The keyword arguments of `page`'s view function for these URL choices (missing ones take the page's
    defaults): the one mapping from URL values to a view (?cities=off -> subregions=False, ?per=million …)."""
    if page not in PAGES:
        raise ValueError(f"page must be one of {', '.join(PAGES)}, not {page!r}")
    c = {**choice_defaults(ds)[page], **{k: v for k, v in choices.items() if v not in (None, [], ())}}

    def one(param: str) -> str:
        value = c[param]
        return value[0] if isinstance(value, list | tuple) else str(value)

    def many(param: str) -> list[str]:
        value = c[param]
        return list(value) if isinstance(value, list | tuple) else [str(value)]

    if page == "compare":
        return {
            "region_ids": many("regions"),
            "indicator_ids": many("indicators"),
            "scale": one("scale"),
            "sort": one("sort"),
            "subregions": one("cities") != "off",
            "per_million": one("per") == "million",
            "fx_basis": one("fx"),
        }
    if page == "funding":
        return {"view": one("view"), "per_million": one("per") == "million", "fx_basis": one("fx")}
    if page == "profile":
        return {"region_id": one("region")}
    if page == "pillars":
        return {"pillar": one("pillar"), "region": one("region"), "fx_basis": one("fx")}
    if page == "sources":
        return {"fact": one("fact") if c.get("fact") else None}
    return {"row": one("row"), "fx_basis": one("fx")}


def for_choices(
    ds: Dataset,
    page: str,
    choices: Mapping[str, object],
    *,
    tables: Tables | None = None,
    columns: int = 2,
    style: object | None = None,
) -> ChartView:
    """The view a page shows for these URL choices (missing ones take the page's defaults).

    columns and style: how a slide draws it (small multiples in one row, larger fonts).
    """
    arguments = view_arguments(ds, page, choices)
    if page == "compare":
        return compare_view(ds, **arguments, tables=tables, columns=columns, style=style)
    if page == "funding":
        return funding_view(ds, **arguments, tables=tables, style=style)
    if page == "profile":
        return timeline_view(ds, **arguments, tables=tables, style=style)
    if page == "pillars":
        return pillar_view(ds, **arguments, tables=tables)
    if page == "sources":
        return fact_view(ds, **arguments, tables=tables)
    return overview_row_view(ds, **arguments, tables=tables)


def slide_title(ds: Dataset, page: str, choices: Mapping[str, object]) -> str:
    """A view's title without computing it (the slide list names each slide by it)."""
    c = {**choice_defaults(ds)[page], **{k: v for k, v in choices.items() if v not in (None, [], ())}}
    first = {k: (v[0] if isinstance(v, list | tuple) else v) for k, v in c.items()}
    if page == "compare":
        names = indicator_names(ds)
        return _short_list([names.get(i, i) for i in c["indicators"]]) or t("compare.title")
    if page == "funding":
        return t(f"funding.title.{first['view']}")
    if page == "profile":
        return t("profile.timeline_title", region=region_names(ds).get(first["region"], first["region"]))
    if page == "pillars":
        pillar_name = {
            ALL: t("pillars.all_pillars"),
            **dict(zip(ds.pillars["pillar_id"], ds.pillars["name"], strict=True)),
        }
        region_name = {ALL: t("pillars.all_regions"), **region_names(ds)}
        pillar = pillar_name.get(first["pillar"], first["pillar"])
        region = region_name.get(first["region"], first["region"])
        return t("pillars.detail", pillar=pillar, region=region)
    if page == "sources":
        facts = ds.facts.set_index("fact_id")
        if not first.get("fact") or first["fact"] not in facts.index:
            return t("present.fact.none_title")
        row = facts.loc[first["fact"]]
        names = indicator_names(ds)
        return t(
            "present.fact.title",
            region=region_names(ds).get(row["region_id"], row["region_id"]),
            indicator=names.get(row["indicator_id"], row["indicator_id"]),
        )
    return t(f"overview.slot.{first['row']}")
