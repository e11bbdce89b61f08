"""Pure plotly figures of ecodash tables (no Streamlit).

style: how a figure is drawn (ChartStyle) and the marks of qualifier, status and origin · text: escaping, hover
text, labels · layout: the figure's frame (title, source footnote, fonts) · scales: value axes shared by a unit's
panels, ticks in the labels' words · bounded: how much a chart draws · bars: comparison bars and small multiples ·
funding: the funding chart · timeline: events and targets over time · theme: palette, region colours, templates ·
images: PNG and SVG files that carry their source.

The names below are the ones the rest of ecodash uses as `charts.<name>`. What a chart is drawn from (the funding
views' rows, the source line) is analysis, in ecodash.analysis.funding_views and ecodash.analysis.source_lines.
"""

from ecodash.charts.bars import MULTIPLES_MAX_PANELS, SORTS, comparison_bar_chart, small_multiples
from ecodash.charts.bounded import drawn_line
from ecodash.charts.funding import funding_chart
from ecodash.charts.layout import BASE_FONT_PX, NOTE_FONT_PX, SUBTITLE_FONT_PX, TITLE_FONT_PX
from ecodash.charts.style import ChartStyle
from ecodash.charts.timeline import timeline_chart

__all__ = [
    "BASE_FONT_PX",
    "MULTIPLES_MAX_PANELS",
    "NOTE_FONT_PX",
    "SORTS",
    "SUBTITLE_FONT_PX",
    "TITLE_FONT_PX",
    "ChartStyle",
    "comparison_bar_chart",
    "drawn_line",
    "funding_chart",
    "small_multiples",
    "timeline_chart",
]
