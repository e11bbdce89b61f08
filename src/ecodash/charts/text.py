"""Text inside figures: escaping for plotly's pseudo-HTML, wrapping, hover text of a fact, quote lines, FX note,
axis unit words and converted-figure labels."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Mapping

import pandas as pd

from ecodash import i18n
from ecodash.i18n import plurals, t
from ecodash.i18n.formats import (
    compact_number,
    format_fact,
    qualifier_label,
    rate,
    scope_label,
    significant,
    unit_label,
)
from ecodash.schema.vocabularies import is_money, money_mask

QUOTE_WRAP_CHARS = 80
"""Width of a quote, a derivation or a description in hover text."""
VALUE_WRAP_CHARS = 13
"""A small multiple's value label wraps at this length ('target ~364 bn' / 'USD / year')."""
PER_MILLION_UNIT = "/per_million"
"""Suffix of a plotted unit drawn per million inhabitants (an internal tag; axis_unit_words says it in words)."""


def axis_unit_words(unit: object) -> str:
    """Axis words for a plotted unit ('USD/per_million' -> 'US dollars per million inhabitants')."""
    text = str(unit)
    if text.endswith(PER_MILLION_UNIT):
        return t("unit.per_million", unit=unit_label(text.removesuffix(PER_MILLION_UNIT)))
    return unit_label(text)


def esc(text: object) -> str:
    """Data text made literal for plotly's pseudo-HTML ("<b>" shows as typed).

    quote=False: plotly decodes &lt; &gt; &amp; and numeric entities, but not &quot;.
    """
    return html.escape(str(text), quote=False)


def wrap(text: object, width: int) -> str:
    """Escaped text broken into lines of at most `width` characters, joined by <br>."""
    lines = textwrap.wrap(str(text), width=width, break_long_words=False, break_on_hyphens=False) or [""]
    return "<br>".join(esc(line) for line in lines)


def cell(row: Mapping, column: str) -> object | None:
    """A cell, or None when the column is absent or the cell is missing."""
    value = row.get(column)
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def humanise_id(identifier: str) -> str:
    return identifier.replace("_", " ").title()


def period_text(row: Mapping) -> str | None:
    start, end = cell(row, "period_start"), cell(row, "period_end")
    if start is not None and end is not None:
        return f"{int(start)}–{int(end)}" if int(start) != int(end) else f"{int(start)}"
    if start is not None:
        return t("format.since", year=int(start))
    if end is not None:
        return t("format.by", year=int(end))
    return None


def fact_hover(row: Mapping, *, heading: str, plotted: str | None = None) -> str:
    """Hover text of one fact: as stated, in USD with its FX basis, period, quote and source; all escaped."""
    qualifier = cell(row, "qualifier")
    lines = [f"<b>{esc(heading)}</b>"]
    reported_for, region_id = cell(row, "reported_for"), cell(row, "region_id")
    if reported_for and region_id and reported_for != region_id:
        name = cell(row, "reported_for_name") or humanise_id(str(reported_for))
        lines.append(esc(t("chart.hover.reported_for", region=name)))
    stated = esc(t("chart.hover.as_stated", label=row["value_label"]))
    if qualifier:
        stated += f" ({esc(qualifier_label(qualifier))})"
    lines.append(stated)
    if cell(row, "class_label"):
        lines.append(wrap(t("chart.hover.kind", kind=row["class_label"]), QUOTE_WRAP_CHARS))
    if cell(row, "difference_note"):
        lines.append(wrap(t("chart.hover.unlike", how=row["difference_note"]), QUOTE_WRAP_CHARS))
    if plotted:
        lines.append(wrap(plotted, QUOTE_WRAP_CHARS))
    usd, unit = cell(row, "value_usd"), cell(row, "unit")
    if usd is not None and unit != "USD" and not plotted:
        lines.append(esc(t("chart.hover.in_usd", usd=compact_number(float(usd)))))
    # funding_table's `derivation` covers annualising and FX; facts_table carries only fx_derivation
    derivation = cell(row, "derivation") or cell(row, "fx_derivation")
    if derivation and is_money(unit):
        lines.append(wrap(t("chart.hover.how", how=derivation), QUOTE_WRAP_CHARS))
    details = [
        part for part in (period_text(row), (scope_label(cell(row, "scope")) if cell(row, "scope") else None)) if part
    ]
    if details:
        lines.append(esc(" · ".join(details)))
    lines += quote_lines(row)
    source = cell(row, "source_id")
    fact_id = cell(row, "fact_id")
    if source:
        lines.append(
            esc(
                t("chart.hover.source_fact", source=source, fact=fact_id)
                if fact_id
                else t("chart.hover.source", source=source)
            )
        )
    return "<br>".join(lines)


def quote_lines(row: Mapping) -> list[str]:
    """The French quote; in English, its translation below it (in French the quote stands alone)."""
    lines = []
    if cell(row, "quote"):
        lines.append(wrap(t("chart.hover.quote", quote=row["quote"]), QUOTE_WRAP_CHARS))
    if cell(row, "quote_en") and i18n.current() != "fr":
        lines.append(wrap(t("chart.hover.translation", translation=row["quote_en"]), QUOTE_WRAP_CHARS))
    return lines


def fx_note(frame: pd.DataFrame) -> str | None:
    """'FX: 7.0809 CNY/USD; 1,306.7637 KRW/USD' for the converted rows of `frame`, if it carries fx_rate."""
    if "fx_rate" not in frame.columns:
        return None
    converted = frame.loc[money_mask(frame["unit"]) & (frame["unit"] != "USD") & frame["fx_rate"].notna()]
    rates = sorted(
        {(str(unit), round(float(rate), 4)) for unit, rate in zip(converted["unit"], converted["fx_rate"], strict=True)}
    )
    if not rates:
        return None
    return t(
        "chart.fx_note", rates=t("chart.list_separator").join(f"{rate(value)} {unit}/USD" for unit, value in rates)
    )


def usd_label(value: float, qualifier: str, suffix: str = "", status: str | None = None) -> str:
    """A converted figure at three significant digits ('≤ 7.06 M USD', 'target 84.4 M USD'): more would claim
    FX precision; the status stays on the label like the qualifier."""
    return f"{format_fact(significant(value), 'USD', qualifier, status)}{suffix}"


def alt_text(fig, *, takeaway: str = "", region_names: Mapping[str, str] | None = None) -> str:
    """A chart's text alternative, for a screen reader (an aria label) and for an image's description: its
    takeaway when the view has one, else one sentence of what it draws ('Funding per year: 2 figures drawn, for
    Guangdong and Gwangju.'). Plain text, never markup. `region_names` names a timeline's regions (its marks
    carry region ids; bars carry their region's name)."""
    if takeaway and takeaway.strip():
        return " ".join(takeaway.split())
    title = fig.layout.title.text if fig.layout.title is not None else ""
    title = _plain(title) or t("chart.nothing_to_compare")
    facts = [trace for trace in fig.data if (trace.meta or {}).get("role") in ("facts", "events")]
    count = sum(len(trace.x if trace.x is not None else ()) for trace in facts)
    if not count:
        return t("chart.alt.empty", title=title)
    regions: dict[str, None] = {}
    for trace in facts:
        if trace.meta["role"] == "facts":
            regions[_plain(trace.name)] = None
        else:
            for row in trace.customdata or ():
                regions[(region_names or {}).get(row[1]) or humanise_id(str(row[1]))] = None
    kind = "chart.alt.events" if any(trace.meta["role"] == "events" for trace in facts) else "chart.alt.bars"
    return plurals.plural(kind, count, title=title, regions=plurals.word_list(regions))


def _plain(text: object) -> str:
    """Plotly pseudo-HTML as one line of plain text (tags dropped, entities decoded)."""
    if text is None:
        return ""
    flat = re.sub(r"<[^>]*>", " ", str(text))
    return " ".join(html.unescape(flat).split())


def bar_label(row: Mapping, *, compact: bool = False) -> str:
    """The label as stated ('≤ 50 M CNY'); when drawn in USD, the USD figure first, the stated one below.

    `compact` (narrow panels) keeps only the drawn figure, on lines of at most VALUE_WRAP_CHARS so that it stays
    within its bar's slot; the stated one stays in the hover.
    """
    drawn_in_usd = row["plotted_unit"] != row["unit"]
    usd = usd_label(row["plotted"], row["qualifier"], status=row.get("status")) if drawn_in_usd else None
    if compact:
        full = usd or str(row["value_label"])
        if len(full) <= VALUE_WRAP_CHARS:
            return esc(full)
        # 'target' above '84.4 M USD': the status word on its line, the figure kept whole on the next
        bare = (
            usd_label(row["plotted"], row["qualifier"])
            if usd
            else format_fact(row["value"], row["unit"], row["qualifier"])
        )
        if full != bare and full.endswith(bare):
            return f"{esc(full.removesuffix(bare).strip())}<br>{wrap(bare, VALUE_WRAP_CHARS + 6)}"
        return wrap(full, VALUE_WRAP_CHARS)
    stated = esc(row["value_label"])
    return f"{esc(usd)}<br>({stated})" if usd else stated
