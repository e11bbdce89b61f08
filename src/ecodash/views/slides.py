"""A slide sequence in one URL parameter: `?slides=compare.regions-gwangju-shanghai~funding.view-per_year`.

A slide is a page and that page's URL choices. The text uses only the characters a URL never escapes: slides are
separated by `~`, a slide's parts by `.` (the page first, then one part per choice), and inside a part the choice
name and its values by `-`. Page keys, choice names and values are snake_case ids ([a-z0-9_]), so the text stays
readable in the address bar and needs no decoding:

    compare.regions-gwangju-shanghai.indicators-compute_capacity~funding.view-per_recipient~profile.region-hangzhou

`parse` never raises: every problem (unknown page, unknown choice, garbled text, too many slides) becomes a message
naming the slide's number and the reason, and the valid slides are kept. `serialize(parse(text)[0])` is canonical.
Which choices a slide of a page keeps, and whether each takes several values, is its ViewSpec (ecodash.views.registry).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ecodash.i18n import t
from ecodash.views import registry

SLIDE_SEP = "~"
PART_SEP = "."
VALUE_SEP = "-"
MAX_SLIDES = 20
"""A longer sequence is cut (with a message): a talk, not a dump, and the URL stays under ~2,000 characters."""
MAX_VALUES = 40
MAX_SHOWN_CHARS = 40
"""Garbled text is quoted in messages up to this many characters."""
TOKEN = re.compile(r"[a-z0-9_]{1,64}")


def page_choices(page: str) -> dict[str, bool] | None:
    """The choices a slide of `page` keeps, in URL order -> whether each takes several values (from the page's
    ViewSpec); None for a page that cannot become a slide."""
    spec = registry.SPECS.get(page)
    return None if spec is None else {param.name: param.many for param in spec.slide_params}


def _check_token(text: str, what: str) -> str:
    if not TOKEN.fullmatch(text):
        raise ValueError(f"{what} must be a snake_case id ([a-z0-9_], 1-64 characters), not {text!r}")
    return text


@dataclass(frozen=True)
class Slide:
    """One page's view: its key and its URL choices, each a tuple of values (one value for a single choice)."""

    page: str
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def of(cls, page: str, choices: Mapping[str, str | Sequence[str]] | None = None) -> Slide:
        """A slide from a page's choices ({'regions': ['gwangju'], 'view': 'per_year'}), in canonical order.

        Raises ValueError on an unknown page or choice, a value that is not an id, or several values for a
        single choice: the app builds slides from its own widgets, so this is a programming error.
        """
        spec = page_choices(page)
        if spec is None:
            raise ValueError(f"page must be one of {', '.join(registry.SPECS)}, not {page!r}")
        given = dict(choices or {})
        unknown = set(given) - set(spec)
        if unknown:
            raise ValueError(f"{page} has no choice {', '.join(sorted(unknown))}; choices: {', '.join(spec)}")
        out = []
        for param, many in spec.items():
            if param not in given or given[param] is None:
                continue
            raw = given[param]
            values = (raw,) if isinstance(raw, str) else tuple(dict.fromkeys(raw))  # a value once
            if not values:
                continue
            if not many and len(values) > 1:
                raise ValueError(f"{page}.{param} takes one value, not {len(values)}")
            out.append((param, tuple(_check_token(str(v), f"{page}.{param}") for v in values)))
        return cls(page, tuple(out))

    def get(self, param: str, default: object = None) -> tuple[str, ...] | object:
        return dict(self.choices).get(param, default)

    def as_query(self) -> dict[str, str | list[str]]:
        """The page's URL query for this slide: a list for a multiple choice, a string otherwise."""
        spec = page_choices(self.page)
        return {param: list(values) if spec[param] else values[0] for param, values in self.choices}


def serialize(slides: Iterable[Slide]) -> str:
    """'compare.regions-gwangju~funding.view-per_year': the text `parse` reads back into the same slides."""
    texts = []
    for slide in slides:
        parts = [slide.page, *(VALUE_SEP.join((param, *values)) for param, values in slide.choices)]
        texts.append(PART_SEP.join(parts))
    return SLIDE_SEP.join(texts)


def _shown(text: str) -> str:
    """Garbled text as quoted in a message: cut, never more than MAX_SHOWN_CHARS characters."""
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


def _parse_slide(
    number: int, text: str, options: Mapping[str, Mapping[str, Collection[str]]] | None
) -> tuple[Slide | None, list[str]]:
    errors: list[str] = []
    page, *parts = text.split(PART_SEP)
    if not text:
        return None, [t("slides.error.empty", n=number)]
    spec = page_choices(page)
    if spec is None:
        return None, [t("slides.error.unknown_page", n=number, page=_shown(page), pages=", ".join(registry.SPECS))]
    allowed = (options or {}).get(page, {})
    choices: dict[str, tuple[str, ...]] = {}
    for part in parts:
        param, *values = part.split(VALUE_SEP, MAX_VALUES + 1)
        if not part:
            errors.append(t("slides.error.empty_part", n=number))
            continue
        if param not in spec:
            errors.append(
                t("slides.error.unknown_param", n=number, param=_shown(param), page=page, params=", ".join(spec))
            )
            continue
        if param in choices:
            errors.append(t("slides.error.twice", n=number, param=param))
            continue
        if len(values) > MAX_VALUES:
            errors.append(t("slides.error.too_many_values", n=number, param=param, max=MAX_VALUES))
            values = values[:MAX_VALUES]
        kept = []
        for value in values:
            if not TOKEN.fullmatch(value):
                errors.append(t("slides.error.bad_value", n=number, param=param, value=_shown(value)))
            elif param in allowed and value not in allowed[param]:
                errors.append(t("slides.error.unknown_value", n=number, param=param, value=value))
            elif value not in kept:
                kept.append(value)
        if not values:
            errors.append(t("slides.error.no_value", n=number, param=param))
        if not kept:
            continue
        if not spec[param] and len(kept) > 1:
            errors.append(t("slides.error.one_value", n=number, param=param, count=len(kept), value=kept[0]))
            kept = kept[:1]
        choices[param] = tuple(kept)
    return Slide.of(page, choices), errors


def parse(
    text: str | None, *, options: Mapping[str, Mapping[str, Collection[str]]] | None = None
) -> tuple[list[Slide], list[str]]:
    """(slides, messages) from a `slides` URL value; never raises.

    options: page -> choice -> the values it may take (views.choice_options); a value not among them is dropped
    with a message, and the page's default applies. Without options only the text's form is checked.
    """
    if not text:
        return [], []
    if not isinstance(text, str):
        return [], [t("slides.error.garbled")]
    pieces = text.strip().split(SLIDE_SEP, MAX_SLIDES)
    cut = len(pieces) > MAX_SLIDES
    slides: list[Slide] = []
    errors: list[str] = []
    for number, piece in enumerate(pieces[:MAX_SLIDES], start=1):
        slide, problems = _parse_slide(number, piece.strip(), options)
        errors.extend(problems)
        if slide is not None:
            slides.append(slide)
    if cut:
        errors.append(t("slides.error.too_many", max=MAX_SLIDES, first=MAX_SLIDES + 1))
    return slides, errors


def parse_index(text: str | None, count: int) -> tuple[int, str | None]:
    """The 0-based slide to show from `slide=N` (1-based in the URL), and a message when N is not a slide."""
    if text in (None, ""):
        return 0, None
    if isinstance(text, str) and text.isdigit() and 1 <= int(text) <= max(count, 1):
        return int(text) - 1, None
    return 0, t("slides.error.index", value=_shown(str(text)), count=count)


def move(sequence: Sequence[Slide], index: int, step: int) -> list[Slide]:
    """The sequence with slide `index` moved `step` places (-1: up, 1: down); a move past either end changes nothing."""
    out = list(sequence)
    target = index + step
    if 0 <= index < len(out) and 0 <= target < len(out):
        out[index], out[target] = out[target], out[index]
    return out


# --- a takeaway that fits a slide --------------------------------------------------------------------------------


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ«“])")
"""Where a takeaway's sentence ends: a full stop, then a capital ("incl. annualised" goes on)."""


def clauses(text: str, joiner: str) -> list[str]:
    """A takeaway's clauses: the text cut at each `joiner` ("; ") outside parentheses (a difference note inside
    "(…)" keeps its own semicolons)."""
    parts, depth, start, at = [], 0, 0, 0
    while at < len(text):
        char = text[at]
        depth += (char == "(") - (char == ")")
        if depth == 0 and text.startswith(joiner, at):
            parts.append(text[start:at])
            start = at = at + len(joiner)
            continue
        at += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


ASIDE = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)")
ASIDE_CHARS = 30
"""A parenthesis longer than this (a figure's kind in words) is left out of a main clause too long for a slide:
the slide's chart or cards show the kind, and its Details the whole takeaway."""


def _without_asides(text: str) -> str:
    return ASIDE.sub(lambda m: "" if len(m.group().strip()) > ASIDE_CHARS else m.group(), text)


def _cut(text: str, chars: int) -> str:
    """`text` in at most `chars` characters, cut at a word with '…' when longer."""
    if len(text) <= chars:
        return text
    return text[: chars - 1].rsplit(" ", 1)[0].rstrip(",;:·(") + "…"


def short_takeaway(
    text: str, *, joiner: str, chars: int, regions: Sequence[str] = (), others: Sequence[str] = ()
) -> str:
    """The takeaway as a slide shows it, in at most `chars` characters (two lines on the screen): its first
    sentence's main clause, then as many of its caveats as fit. `regions`: the ones a slide of one panel draws;
    when the main clause names none of them, the clauses that do come first, those naming none of `others` (the
    regions only other panels draw) before the rest, and clauses about other panels only are left out: a panel of
    figures of another kind says so first. The whole takeaway stays one click away (the slide's Details)."""
    text = " ".join(str(text).split())
    if len(text) <= chars:
        return text
    sentence = SENTENCE_END.split(text, maxsplit=1)[0]  # Compare: one sentence an indicator; Pillars: the no-score
    found = clauses(sentence.rstrip("."), joiner)
    if not found:
        return _cut(text, chars)
    if regions and not any(r in found[0] for r in regions):
        mine = [c for c in found if any(r in c for r in regions)]
        mine = [c for c in mine if not any(r in c for r in others)] + [c for c in mine if any(r in c for r in others)]
        found = mine + [c for c in found if c not in mine and not any(r in c for r in others)]
    elif len(sentence) > chars:
        found = clauses(_without_asides(sentence.rstrip(".")), joiner)
    kept = [found[0] if len(found[0]) < chars else _without_asides(found[0])]  # a whole thought, not a cut one
    for clause in found[1:]:
        if len(joiner.join([*kept, clause])) + 1 > chars:
            break
        kept.append(clause)
    out = joiner.join(kept)
    out = out[:1].upper() + out[1:]
    return _cut(out + ".", chars)


@dataclass(frozen=True)
class SlideCard:
    """One figure as a slide's large card: plain text throughout (the UI escapes it)."""

    region_name: str
    figure: str
    """The figure as compared, with its qualifier mark ('1.39 bn USD/yr')."""
    stated: str
    """The figure as the article states it ('10 bn CNY / year'), or ''."""
    what: str
    kind: str
    """Its kind of figure in words."""
    unlike: str
    """How it differs from its headline kind, or ''."""


def single_figure_cards(view) -> list[SlideCard]:
    """A view's figures shown as cards (each kind with a single figure: views.cards.KindGroup), as a slide's cards."""
    return [
        SlideCard(card.region_name, card.value, card.stated, card.what, kind.class_label, card.difference)
        for kind in view.kinds
        if not kind.charted
        for card in kind.cards
    ]


def figure_parts(label: str) -> tuple[str, str]:
    """'1.39 bn USD/yr (10 bn CNY / year)' -> ('1.39 bn USD/yr', '10 bn CNY / year'): the compared figure large,
    the figure as stated under it (a label without a closing parenthesis stays whole)."""
    head, sep, rest = str(label).partition(" (")
    if sep and rest.endswith(")") and head:
        return head, rest[:-1]
    return str(label), ""


def overview_cards(table) -> list[SlideCard]:
    """An Overview row's table (region, figure, indicator, kind, difference note) as a slide's cards."""
    cards = []
    for row in table.to_dict("records"):
        figure, stated = figure_parts(row["figure"])
        unlike = t("present.card.unlike", how=row["difference_note"]) if row.get("difference_note") else ""
        cards.append(SlideCard(row["region_name"], figure, stated, row["indicator_name"], row["class_label"], unlike))
    return cards
