"""Value axes a reader can trust at a glance: panels in one unit share one range (a 16x gap never draws as two
equal bars), and their ticks say numbers in the value labels' own words ('1.5 bn', '80 M'; French '1,5 Md')."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import plotly.graph_objects as go

from ecodash.i18n.formats import compact_number, number, percent

LINEAR_TICKS = 5
"""About this many intervals on a linear axis: enough to read a bar, few enough not to crowd a small panel."""
LOG_MAX_TICKS = 6
"""More powers of ten than this are labelled every other one."""
TOP_CLEARANCE = 0.04
"""No tick in this top share of an axis."""
_NICE_STEPS = (1, 2, 2.5, 5, 10)


def tick_text(value: float, unit: object = None) -> str:
    """A tick label in the words of the figures' labels: 1.5e9 -> '1.5 bn' ('1,5 Md'), 8e7 -> '80 M', 0.25 -> '25%'."""
    if value == 0:
        return number(0)
    if unit == "share":
        return percent(value)
    return compact_number(value)


def _step(span: float, intervals: int) -> float:
    raw = span / max(intervals, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(s * magnitude for s in _NICE_STEPS if s * magnitude >= raw * (1 - 1e-9))


def linear_ticks(low: float, high: float, *, intervals: int = LINEAR_TICKS) -> list[float]:
    """Round tick values from `low` to `high` (both included when round): 0, 500 M, 1 bn, 1.5 bn."""
    if not high > low:
        return [low]
    step = _step(high - low, intervals)
    first = math.ceil(low / step - 1e-9)
    values = [round(i * step, 12) for i in range(first, math.floor(high / step + 1e-9) + 1)]
    return [0.0 if v == 0 else v for v in values]


def log_ticks(low_exponent: float, high_exponent: float) -> list[float]:
    """The powers of ten within a log axis' range (in exponents, clear of its top), every other one when there are
    many; 1, 2 and 5 times them when fewer than three powers fit (one or two ticks cannot be read)."""
    top = high_exponent - TOP_CLEARANCE * (high_exponent - low_exponent)
    exponents = range(math.floor(low_exponent), math.floor(top) + 1)
    powers = [10.0**e for e in exponents if low_exponent - 1e-9 <= e <= top]
    if len(powers) >= 3:
        return powers[:: 1 if len(powers) <= LOG_MAX_TICKS else 2]
    values = [m * 10.0**e for e in exponents for m in (1, 2, 5)]
    return [v for v in values if low_exponent - 1e-9 <= math.log10(v) <= top]


def value_range(values: Iterable, *, log_scale: bool, headroom: float) -> list[float] | None:
    """The axis range that shows every value with room above the largest for its outside label: from zero on a
    linear axis ([0, max x headroom]); on a log axis (exponents) from a decade below the smallest, so the smallest
    bar stays visible. None when there is nothing to draw."""
    finite = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    if log_scale:
        positive = [v for v in finite if v > 0]
        if not positive:
            return None
        low, high = math.log10(min(positive)) - 1, math.log10(max(positive))
        return [low, high + max(0.3, math.log10(headroom) * (high - low + 1))]
    if not finite or (max(finite) <= 0 and min(finite) >= 0):
        return None
    return [min(0.0, min(finite) * headroom), max(0.0, max(finite) * headroom)]


def apply_value_range(
    fig: go.Figure, axis_range: Sequence[float], unit: object, *, log_scale: bool, axis: str = "y", row=None, col=None
) -> None:
    """`axis_range` on one panel's value axis, with ticks in the labels' words (tickvals/ticktext)."""
    ticks = log_ticks(*axis_range) if log_scale else linear_ticks(*axis_range)
    low, high = axis_range
    # a tick at the very end of the axis would print half beyond it, into the panel's title
    ticks = [v for v in ticks if (math.log10(v) if log_scale else v) <= high - TOP_CLEARANCE * (high - low)]
    update = {
        "range": list(axis_range),
        "autorange": False,
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [tick_text(v, unit) for v in ticks],
    }
    (fig.update_yaxes if axis == "y" else fig.update_xaxes)(update, row=row, col=col)


def share_value_axes(
    fig: go.Figure,
    panels: Sequence[tuple[object, Iterable, int | None, int | None]],
    *,
    log_scale: bool,
    axis: str = "y",
    headroom: float = 1.2,
) -> dict[object, list[float]]:
    """One range per unit for every panel `(unit, values, row, col)` of that unit, and the ticks of
    apply_value_range. Returns unit -> the range given (units with nothing to draw keep their own axes)."""
    values: dict[object, list[float]] = {}
    for unit, panel_values, _, _ in panels:
        values.setdefault(unit, []).extend(float(v) for v in panel_values if v is not None)
    ranges = {unit: value_range(found, log_scale=log_scale, headroom=headroom) for unit, found in values.items()}
    for unit, _, row, col in panels:
        if ranges[unit] is not None:
            apply_value_range(fig, ranges[unit], unit, log_scale=log_scale, axis=axis, row=row, col=col)
    return {unit: found for unit, found in ranges.items() if found is not None}
