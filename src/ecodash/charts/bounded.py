"""How much of a view a chart draws, and which bars and panels it keeps when it cannot draw them all.

A chart is read on a screen or a shared slide: past a few panels and a few dozen bars nobody reads it, and the
browser and the server spend seconds on it (a 10 000-fact dataset gave Compare 96 panels and 1 976 bars). Each
chart draws at most its limits (bars.BAR_CHART_MAX_BARS, bars.MULTIPLES_MAX_*, funding.FUNDING_MAX_*); what it
leaves out is said inside the figure (so an exported image says it too) and on the page, and the table under the
chart keeps every figure.
"""

from __future__ import annotations

import collections
import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ecodash.i18n import t
from ecodash.i18n.formats import number


@dataclass(frozen=True)
class Drawn:
    """How much of a view a chart draws: bars and panels drawn, of how many."""

    bars: int
    bars_of: int
    panels: int
    panels_of: int

    @property
    def bounded(self) -> bool:
        return self.bars < self.bars_of or self.panels < self.panels_of

    def line(self) -> str | None:
        """'Drawn: 96 of 1,976 figures, in 8 of 96 panels: …' when something is left out, else None."""
        if not self.bounded:
            return None
        return t(
            "chart.bounded",
            bars=number(self.bars, 0),
            bars_of=number(self.bars_of, 0),
            panels=number(self.panels, 0),
            panels_of=number(self.panels_of, 0),
        )


def drawn_line(fig: go.Figure | None) -> str | None:
    """The figure's 'Drawn: n of N figures' line (None when it draws everything): for the page under the chart."""
    meta = fig.layout.meta if fig is not None else None
    if not isinstance(meta, dict) or "drawn" not in meta:
        return None
    return Drawn(**meta["drawn"]).line()


def largest_first(part: pd.DataFrame, limit: int) -> pd.DataFrame:
    """At most `limit` rows of one panel's bars, in their order: each region's largest figure first (no region
    vanishes while there is room for it), then the largest of the rest."""
    if len(part) <= limit:
        return part
    plotted = part["plotted"].astype("float64")
    later = plotted.groupby(part["region_id"], sort=False).rank(method="first", ascending=False) > 1
    order = pd.DataFrame({"later": later, "size": -plotted.fillna(-math.inf), "at": range(len(part))})
    keep = order.sort_values(["later", "size", "at"], kind="stable")["at"].iloc[:limit]
    return part.iloc[sorted(keep)]


def by_turns(keys: list[object], limit: int) -> list[int]:
    """Positions of at most `limit` panels, taken in turns across their keys (an indicator each): every indicator
    keeps its first panel while there is room; the positions come back in their order."""
    turn = collections.Counter()
    ranks = []
    for at, key in enumerate(keys):
        ranks.append((turn[key], at))
        turn[key] += 1
    return sorted(at for _, at in sorted(ranks)[:limit])
