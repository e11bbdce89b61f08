"""What a page shows, as data: its chart (or comparison table), title, notes, source line and takeaway.

Pages read their widgets, call one of these functions and render the ChartView it returns. Present mode and the
slide sequence (ecodash.views.slides) call the same functions from a slide's choices, so a slide shows exactly the view
it was added from. Pure: pandas and plotly, no Streamlit. The frames a view needs (comparison, funding, facts,
overview rows) come from a `Tables`, which the app replaces by one reading its caches.

One module per page view (compare, funding, profile, overview, pillars, sources), their shared parts in `base`,
and in `registry` each page's URL choices, view function and title (ViewSpec). This module only re-exports.
"""

from ecodash.views.base import INTENSITIES, ChartView, Tables, fact_links, indicator_names, not_converted, region_names
from ecodash.views.compare import (
    COMPARE_INDICATORS,
    SCALES,
    TOGGLES,
    CompareAnalysis,
    compare_analysis,
    compare_table,
    compare_view,
)
from ecodash.views.funding import FUNDING_VIEWS, funding_table, funding_view
from ecodash.views.overview import HEADLINE_ROWS, OVERVIEW_ROWS, overview_row_view
from ecodash.views.pillars import ALL, focus_not_converted, pillar_view
from ecodash.views.profile import PROFILE_FACT_COLUMNS, ProfileTables, profile_tables, timeline_view
from ecodash.views.registry import (
    Param,
    ViewSpec,
    choice_defaults,
    choice_options,
    for_choices,
    slide_title,
    view_arguments,
    without_defaults,
)
from ecodash.views.sources import fact_view

__all__ = [
    "ALL",
    "COMPARE_INDICATORS",
    "FUNDING_VIEWS",
    "HEADLINE_ROWS",
    "INTENSITIES",
    "OVERVIEW_ROWS",
    "PROFILE_FACT_COLUMNS",
    "SCALES",
    "TOGGLES",
    "ChartView",
    "CompareAnalysis",
    "Param",
    "ProfileTables",
    "Tables",
    "ViewSpec",
    "choice_defaults",
    "choice_options",
    "compare_analysis",
    "compare_table",
    "compare_view",
    "fact_links",
    "fact_view",
    "focus_not_converted",
    "for_choices",
    "funding_table",
    "funding_view",
    "indicator_names",
    "not_converted",
    "overview_row_view",
    "pillar_view",
    "profile_tables",
    "region_names",
    "slide_title",
    "timeline_view",
    "view_arguments",
    "without_defaults",
]
