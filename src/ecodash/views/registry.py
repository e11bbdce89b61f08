"""Each slide-capable page's state, declared once: its URL choices (Param), its view function and its title.

A page's `ViewSpec` lists its URL parameters in URL order. Everything else reads it: the slides (which choices a
slide keeps, their options), the defaults a page shows, the mapping from URL values to its view function's
arguments (`?per=million` -> `per_million=True`), slide titles, the app's widgets, its warm-up and the tests.
Adding a choice to a page is one Param here (and its words in the catalogue).

Pure: no Streamlit. The widget kind is a name the UI draws (ecodash.ui.widgets).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ecodash import charts
from ecodash.analysis import fx
from ecodash.i18n import t
from ecodash.ingest.dataset import Dataset
from ecodash.views import about
from ecodash.views.base import INTENSITIES, ChartView, Tables, indicator_names, region_names
from ecodash.views.compare import COMPARE_INDICATORS, SCALES, TOGGLES, compare_analysis, compare_title, compare_view
from ecodash.views.funding import FUNDING_VIEWS, funding_title, funding_view
from ecodash.views.overview import OVERVIEW_ROWS, overview_row_view, overview_title
from ecodash.views.pillars import ALL, pillar_title, pillar_view
from ecodash.views.profile import timeline_title, timeline_view
from ecodash.views.sources import fact_title, fact_view

WIDGETS = ("multiselect", "selectbox", "segmented")
"""The widget kinds a Param may ask for (None: no widget; a link or a button sets the choice)."""

Value = str | list[str]


@dataclass(frozen=True)
class Param:
    """One URL choice of a page: `?name=value` (several values for `many`), and the view argument it gives."""

    name: str
    """The URL parameter and, in a slide, the choice's name (a snake_case id)."""
    options: Callable[[Dataset], Sequence[str]]
    """The values it may take, from the data."""
    default: str | tuple[str, ...] | Callable[[Dataset], Value] | None
    """The value a page shows when the URL says nothing (None: nothing is chosen, e.g. no figure selected)."""
    label: str | None = None
    """Catalogue key of the widget's label (a Param with a widget needs one)."""
    argument: str | None = None
    """The view function's keyword it sets; None for a choice of the page that its view does not take."""
    values: Mapping[str, object] | None = None
    """URL value -> argument value where they differ (`{"absolute": False, "million": True}`); else the value itself.
    A value outside it maps as the default does."""
    many: bool = False
    widget: str | None = "segmented"
    names: str | Callable[[Dataset], Mapping[str, str]] | None = None
    """The options in words: a catalogue key prefix ("compare.scale" -> t("compare.scale.log")) or a function of
    the data (id -> name); None shows the value itself."""
    help: str | Callable[[Dataset], str] | None = None
    """The widget's help: a catalogue key (Markdown of ours) or a function of the data (plain text, escaped)."""
    slide: bool = True
    """Whether a slide keeps this choice (Profile's FX basis does not: its slide is the timeline)."""
    required: bool = False
    """The view shows nothing without it (Sources without a selected figure): present mode shows no slide."""
    follows: bool = True
    """Whether the last value chosen on another page with this choice is taken when the URL says nothing (the FX
    basis follows the reader); False: the page opens on its own last choice, else its default (Pillars opens on
    its grid, not on the region last looked at on Region profile)."""

    def __post_init__(self) -> None:
        if self.widget is not None and self.widget not in WIDGETS:
            raise ValueError(f"{self.name}: widget must be one of {', '.join(WIDGETS)} or None, not {self.widget!r}")
        if self.widget is not None and self.label is None:
            raise ValueError(f"{self.name}: a widget needs a label")

    def default_for(self, ds: Dataset) -> Value | None:
        default = self.default(ds) if callable(self.default) else self.default
        return list(default) if isinstance(default, tuple | list) else default

    def to_argument(self, value: object, ds: Dataset) -> object:
        """The view argument for a URL value (a list for `many`, one value otherwise; None stays None)."""
        if value is None:
            return None
        if self.many:
            return list(value) if isinstance(value, list | tuple) else [str(value)]
        one = value[0] if isinstance(value, list | tuple) else str(value)
        if self.values is None:
            return one
        return self.values[one] if one in self.values else self.values[self.default_for(ds)]


@dataclass(frozen=True)
class ViewSpec:
    """A page whose current view is one chart, one comparison or one figure: it can become a slide."""

    key: str
    """The page's key (ecodash.ui.navigation names its URL path and icon)."""
    params: tuple[Param, ...]
    """Its URL choices, in URL order."""
    build: Callable[..., ChartView]
    """The view function: build(ds, **view_arguments, tables=..., [style=..., columns=...])."""
    title: Callable[..., str]
    """The view's title from its arguments without computing the view (the slide list names each slide by it)."""
    drawing: frozenset[str] = frozenset()
    """What the build function takes to draw a chart for a slide or the app: "style" (theme, font scale),
    "columns" (small multiples a row) and "cards" (a kind with a single figure as a card, not a one-bar panel)."""
    analysis: Callable[..., object] | None = None
    """The part of the view that a drawing-only choice leaves as it is (Compare's words and tables): the app
    caches it apart and passes it to `build` as `analysis=`."""
    analysis_arguments: tuple[str, ...] = ()
    """The view arguments `analysis` takes (a change of any other only redraws the chart)."""
    split_by: str | None = None
    """A choice whose values each become a slide when "Add to slides" is clicked on several (Compare's indicators:
    one comparison and one takeaway a screen)."""
    warm: bool = False
    """Built at server start for its default choices (the views that take longest at scale)."""
    slide_params: tuple[Param, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "slide_params", tuple(p for p in self.params if p.slide))

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        raise KeyError(f"{self.key} has no URL choice {name!r}; choices: {', '.join(p.name for p in self.params)}")


# --- the shared choices -----------------------------------------------------------------------------


def fx_names(ds: Dataset) -> dict[str, str]:
    return {basis: short for basis, (short, _) in fx.basis_labels(ds).items()}


def fx_help(ds: Dataset) -> str:
    return " · ".join(f"{short}: {long}" for short, long in fx.basis_labels(ds).values())


FX = Param(
    "fx",
    options=lambda ds: fx.FX_BASES,
    default=fx.DEFAULT_FX_BASIS,
    label="common.fx_basis",
    argument="fx_basis",
    names=fx_names,
    help=fx_help,
)
PER = Param(
    "per",
    options=lambda ds: INTENSITIES,
    default="absolute",
    label="common.per",
    argument="per_million",
    values={"absolute": False, "million": True},
    names="common.per",
    help="common.per_help",
)


def _focus(ds: Dataset) -> list[str]:
    return ds.focus_region_ids()


def _region_ids(ds: Dataset) -> list[str]:
    return list(ds.regions["region_id"])


def _pillar_names(ds: Dataset) -> dict[str, str]:
    return {ALL: t("pillars.all_pillars"), **dict(zip(ds.pillars["pillar_id"], ds.pillars["name"], strict=True))}


def _focus_names(ds: Dataset) -> dict[str, str]:
    return {ALL: t("pillars.all_regions"), **region_names(ds)}


def _source_titles(ds: Dataset) -> dict[str, str]:
    return dict(zip(ds.sources["source_id"], ds.sources["title"], strict=True))


SPECS: dict[str, ViewSpec] = {
    spec.key: spec
    for spec in (
        ViewSpec(
            "compare",
            params=(
                Param(
                    "regions",
                    options=_region_ids,
                    default=_focus,
                    label="common.regions",
                    argument="region_ids",
                    many=True,
                    widget="multiselect",
                    names=region_names,
                ),
                Param(
                    "indicators",
                    options=lambda ds: list(indicator_names(ds)),
                    default=COMPARE_INDICATORS,
                    label="common.indicators",
                    argument="indicator_ids",
                    many=True,
                    widget="multiselect",
                    names=indicator_names,
                ),
                Param(
                    "scale",
                    options=lambda ds: SCALES,
                    default="linear",
                    label="compare.scale",
                    argument="scale",
                    names="compare.scale",
                ),
                Param(
                    "sort",
                    options=lambda ds: charts.SORTS,
                    default="value",
                    label="compare.sort",
                    argument="sort",
                    names="compare.sort",
                ),
                Param(
                    "cities",
                    options=lambda ds: TOGGLES,
                    default="on",
                    label="compare.subregions",
                    argument="subregions",
                    values={"on": True, "off": False},
                    names="common",
                    help=about.city_roll_ups,
                ),
                PER,
                FX,
            ),
            build=compare_view,
            title=compare_title,
            drawing=frozenset({"style", "columns", "cards"}),
            analysis=compare_analysis,
            analysis_arguments=("region_ids", "indicator_ids", "subregions", "per_million", "fx_basis"),
            split_by="indicators",
            warm=True,
        ),
        ViewSpec(
            "funding",
            params=(
                Param(
                    "view",
                    options=lambda ds: FUNDING_VIEWS,
                    default=FUNDING_VIEWS[0],
                    label="funding.view",
                    argument="view",
                    names="funding.view",
                ),
                PER,
                FX,
            ),
            build=funding_view,
            title=funding_title,
            drawing=frozenset({"style", "cards"}),
            warm=True,
        ),
        ViewSpec(
            "profile",
            params=(
                Param(
                    "region",
                    options=_region_ids,
                    default=lambda ds: ds.focus_region_ids()[0],
                    label="profile.region",
                    argument="region_id",
                    widget="selectbox",
                    names=region_names,
                ),
                dataclasses.replace(FX, slide=False),
            ),
            build=timeline_view,
            title=timeline_title,
            drawing=frozenset({"style"}),
        ),
        ViewSpec(
            "overview",
            params=(
                Param(
                    "row",
                    options=lambda ds: OVERVIEW_ROWS,
                    default=OVERVIEW_ROWS[0],
                    argument="row",
                    widget=None,  # each row's own "Add to slides" button sets it
                ),
                FX,
            ),
            build=overview_row_view,
            title=overview_title,
        ),
        ViewSpec(
            "pillars",
            params=(
                Param(
                    "pillar",
                    options=lambda ds: [ALL, *ds.pillars["pillar_id"]],
                    default=ALL,
                    label="pillars.pillar",
                    argument="pillar",
                    widget="selectbox",
                    names=_pillar_names,
                ),
                Param(
                    "region",
                    options=lambda ds: [ALL, *ds.focus_region_ids()],
                    default=ALL,
                    label="pillars.region",
                    argument="region",
                    widget="selectbox",
                    names=_focus_names,
                    follows=False,
                ),
                FX,
            ),
            build=pillar_view,
            title=pillar_title,
        ),
        ViewSpec(
            "sources",
            params=(
                Param(
                    "fact",
                    options=lambda ds: list(ds.facts["fact_id"]),
                    default=None,  # no figure is selected unless the URL names one
                    argument="fact",
                    widget=None,  # a figure's link sets it
                    required=True,
                ),
                Param(
                    "source",
                    options=lambda ds: list(ds.sources["source_id"]),
                    default=lambda ds: ds.sources["source_id"].iloc[0],
                    label="sources.seed",
                    widget="selectbox",
                    names=_source_titles,
                    slide=False,
                ),
            ),
            build=fact_view,
            title=fact_title,
        ),
    )
}
"""Page key -> its ViewSpec, in the navigation's order. Read it at call time (`registry.SPECS`): tests swap it."""


def spec_of(page: str) -> ViewSpec:
    """The page's ViewSpec; ValueError for a page that cannot become a slide."""
    if page not in SPECS:
        raise ValueError(f"page must be one of {', '.join(SPECS)}, not {page!r}")
    return SPECS[page]


# --- what the specs give ------------------------------------------------------------------------------


def choice_options(ds: Dataset) -> dict[str, dict[str, list[str]]]:
    """page -> URL parameter a slide keeps -> the values it may take (slides are checked against these)."""
    return {key: {p.name: list(p.options(ds)) for p in spec.slide_params} for key, spec in SPECS.items()}


def choice_defaults(ds: Dataset) -> dict[str, dict[str, Value]]:
    """page -> URL parameter a slide keeps -> the value a page shows when the URL says nothing (a choice without
    default, like Sources' figure, is left out)."""
    return {
        key: {p.name: d for p in spec.slide_params if (d := p.default_for(ds)) is not None}
        for key, spec in SPECS.items()
    }


def without_defaults(ds: Dataset, page: str, choices: Mapping[str, object]) -> dict[str, object]:
    """The choices a slide keeps: those of the page's slide choices that differ from the defaults (shorter links)."""
    out = {}
    for param in spec_of(page).slide_params:
        if param.name not in choices:
            continue
        value, default = choices[param.name], param.default_for(ds)
        if isinstance(value, list | tuple):
            value = list(value)
            same = default is not None and value == (default if isinstance(default, list) else [default])
        else:
            same = value == default
        if not same:
            out[param.name] = value
    return out


def view_arguments(ds: Dataset, page: str, choices: Mapping[str, object]) -> dict[str, object]:
    """The keyword arguments of `page`'s view function for these URL choices (an absent or None choice takes the
    page's default; an empty list stays empty: nothing chosen): the one mapping from URL values to a view."""
    arguments = {}
    for param in spec_of(page).params:
        if param.argument is None:
            continue
        value = choices.get(param.name)
        arguments[param.argument] = param.to_argument(param.default_for(ds) if value is None else value, ds)
    return arguments


def for_choices(
    ds: Dataset,
    page: str,
    choices: Mapping[str, object],
    *,
    tables: Tables | None = None,
    columns: int = 2,
    style: object | None = None,
    cards: bool = False,
) -> ChartView:
    """The view a page shows for these URL choices (missing ones take the page's defaults).

    columns and style: how a slide draws it (small multiples in one row, larger fonts); `cards`: a kind with a
    single figure as a card, not a one-bar panel (for the views that have cards).
    """
    spec = spec_of(page)
    asked = (("columns", columns), ("style", style), ("cards", cards))
    drawing = {name: value for name, value in asked if name in spec.drawing}
    return spec.build(ds, **view_arguments(ds, page, choices), tables=tables, **drawing)


def slide_title(ds: Dataset, page: str, choices: Mapping[str, object]) -> str:
    """A view's title without computing it (the slide list names each slide by it)."""
    return spec_of(page).title(ds, **view_arguments(ds, page, choices))
