"""What a reader of a drafted article is asked to do, in plain words and in the page's language.

Each validation problem of a drafted row keeps its reason (ecodash.ingest.messages says it in the language) and
gets what it asks of the reader ("drafting.todo.<the problem's key without 'problems.'>", field-specific first:
"drafting.todo.value.required.status"). The proposal adds its own doubts about a row, which validation cannot see:
a place the figure's sentence introduces that regions.csv does not have (it needs a region row of its own), a
region its sentence does not name, a figure it is unsure of, a target without its year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ecodash import i18n
from ecodash.drafting.cues import Place
from ecodash.drafting.guess import Guess, RegionFinder
from ecodash.drafting.propose import snake_id
from ecodash.i18n import formats
from ecodash.ingest.messages import field_name, localised, located, say
from ecodash.schema.models import table_columns
from ecodash.schema.problems import Params, Problem
from ecodash.schema.vocabularies import REGION_LEVELS
from ecodash.text.sentences import Span, enclosing, paragraph_spans, sentence_spans

TODO_PREFIX = "drafting.todo."
DOUBT_PREFIX = "drafting.doubt."
REQUIRED = "problems.value.required"
"""The problem an empty required cell gets: a doubt about the same cell says better what to write in it."""
UNSURE = 0.5
"""Below this confidence the proposal doubts the figure is a fact (a rank, a small number in words)."""
UNKNOWN = "?"
"""A field of a suggested regions.csv row that the article does not settle: the curator writes it."""


@dataclass(frozen=True)
class Doubt:
    """Something the proposal is unsure of in one row: the column to look at, and what to do (a drafting.doubt.*
    text with its params)."""

    field: str
    kind: str
    params: Params = field(default_factory=Params)

    @property
    def key(self) -> str:
        return DOUBT_PREFIX + self.kind


@dataclass(frozen=True)
class Note:
    """One thing to do about a row: its column, what to do in plain words and, for a validation problem, the reason
    `ecodash validate` gives (None for a doubt, or when the reason already says what to do)."""

    field: str
    says: str
    reason: str | None = None


# --- what a validation problem asks ----------------------------------------------------------------------------


def todo_keys(found: Problem) -> tuple[str, ...]:
    """The catalogue keys that may say what `found` asks, most specific first (none for a problem without a key)."""
    if not found.key.startswith("problems."):
        return ()
    suffix = found.key.removeprefix("problems.")
    return (f"{TODO_PREFIX}{suffix}.{found.field}", f"{TODO_PREFIX}{suffix}")


def todo(found: Problem, language: str | None = None) -> str | None:
    """What `found` asks the reader to do, in `language` (the current one by default); None when no text says it
    (its reason then says it alone)."""
    language = language or i18n.current()
    key = next((key for key in todo_keys(found) if i18n.has(key)), None)
    if key is None:
        return None
    params = Params({**found.params, **_context(found.field, language)})
    return say(key, params, language)


def _context(field: str, language: str) -> dict[str, object]:
    """The params every todo and doubt text may use beside its problem's own."""
    return {"field": column_label(field, language), "region_columns": ", ".join(table_columns("regions"))}


def column_label(field: str, language: str | None = None) -> str:
    """A column as the page names it: the editor's own columns by their label, a data column as it is."""
    language = language or i18n.current()
    key = f"drafting.column.{field}"
    return i18n.t(key, language) if i18n.has(key) else field_name(field, language)


# --- the proposal's doubts -------------------------------------------------------------------------------------


def doubts(text: str, table: pd.DataFrame, regions: pd.DataFrame) -> dict[int, tuple[Doubt, ...]]:
    """Editor row number -> the proposal's doubts about that accepted row of `table` (drafted from `text`, regions
    as in regions.csv); rows without any are left out."""
    finder = RegionFinder(regions)
    sentences, paragraphs = sentence_spans(text), paragraph_spans(text)
    found: dict[int, tuple[Doubt, ...]] = {}
    for number, row in table.iterrows():
        if not bool(row["accept"]):
            continue
        mention = _mention(row, len(text))
        areas = None
        if mention is not None and sentences and paragraphs:
            areas = (enclosing(sentences, *mention), enclosing(paragraphs, *mention))
        row_doubts = [
            *(_region_doubts(text, row, mention, areas, finder, regions) if areas else ()),
            *_figure_doubts(row),
        ]
        if row_doubts:
            found[int(number)] = tuple(row_doubts)
    return found


def _cell(value: object) -> object | None:
    if value is None or isinstance(value, (list, tuple)):
        return value or None
    return None if pd.isna(value) or (isinstance(value, str) and not value.strip()) else value


def _mention(row: pd.Series, length: int) -> tuple[int, int] | None:
    start, end = _cell(row.get("mention_start")), _cell(row.get("mention_end"))
    if start is None or end is None or not 0 <= int(start) < int(end) <= length:
        return None
    return int(start), int(end)


def _region_doubts(
    text: str,
    row: pd.Series,
    mention: tuple[int, int],
    areas: tuple[Span, Span],
    finder: RegionFinder,
    regions: pd.DataFrame,
) -> list[Doubt]:
    """A place of the figure's sentence that regions.csv lacks, unless the row's region is named outright there;
    else a row region that neither its sentence nor its paragraph names (guessed from the article as a whole)."""
    sentence, paragraph = areas
    region = _cell(row.get("region_id"))
    hits = finder.found(text, sentence.start, sentence.end)
    outright = {hit[1] for hit in hits if not hit[3]}
    places = finder.unknown_places(text, sentence.start, sentence.end)
    if places and region not in outright:
        place = min(places, key=lambda candidate: abs(candidate.start - mention[0]))
        around = [("sentence", sentence.start, sentence.end), ("paragraph", paragraph.start, paragraph.end)]
        suggested = suggested_region(place, finder.guess(text, mention[0], around), regions)
        shown = ", ".join(f"{column}={value}" for column, value in suggested.items())
        return [
            Doubt(
                "region_id",
                "region_new",
                Params({"place": place.name, "region_id": suggested["region_id"], "row": shown}),
            )
        ]
    if region is not None and region not in {hit[1] for hit in finder.found(text, paragraph.start, paragraph.end)}:
        return [Doubt("region_id", "region_elsewhere", Params({"region": region}))]
    return []


def suggested_region(place: Place, near: Guess | None, regions: pd.DataFrame) -> dict[str, str]:
    """The regions.csv row a new place could get, every column in order: its id and names from the name as
    written, the level its kind word says, its parent and country from the region named nearest (its parent
    when that region is not larger than the place); UNKNOWN where the article says nothing, not a focus region."""
    by_id = {record["region_id"]: record for record in regions.to_dict("records")}
    nearest = by_id.get(near.value) if near else None
    parent = nearest
    larger = nearest is None or place.level is None or _rank(nearest["level"]) < REGION_LEVELS.index(place.level)
    if not larger:
        parent = by_id.get(str(_cell(nearest.get("parent_id")) or ""))
    values = {
        "region_id": snake_id(place.name, fallback="region"),
        "name_en": place.name,
        "name_fr": place.name,
        "level": place.level or UNKNOWN,
        "parent_id": str(parent["region_id"]) if parent is not None else UNKNOWN,
        "iso_country": str(_cell(nearest.get("iso_country")) or UNKNOWN) if nearest is not None else UNKNOWN,
        "is_focus": "false",
    }
    return {column: values.get(column, UNKNOWN) for column in table_columns("regions")}


def _rank(level: object) -> int:
    """A level's place from the largest (country) to the smallest (city); an unknown level counts as the largest."""
    return REGION_LEVELS.index(level) if level in REGION_LEVELS else 0


def _figure_doubts(row: pd.Series) -> list[Doubt]:
    found = []
    confidence = _cell(row.get("confidence"))
    if confidence is not None and float(confidence) < UNSURE:
        found.append(Doubt("accept", "unsure", Params({"confidence": float(confidence)})))
    if _cell(row.get("status")) == "target" and _cell(row.get("period_end")) is None:
        found.append(Doubt("period_end", "target_year"))
    return found


def said(doubt: Doubt, language: str | None = None) -> str:
    """What `doubt` asks, in `language` (the current one by default)."""
    language = language or i18n.current()
    with i18n.use(language):  # a float (a confidence) with the language's decimal sign
        shown = {name: formats.number(v, 2) if isinstance(v, float) else v for name, v in doubt.params.items()}
    return say(doubt.key, Params({**shown, **_context(doubt.field, language)}), language)


# --- notes: what the page lists ----------------------------------------------------------------------------------


def notes(problems: Iterable[Problem], row_doubts: Sequence[Doubt] = (), language: str | None = None) -> list[Note]:
    """The problems of a row, then its doubts, each as what to do; an empty required cell that a doubt is about
    says the doubt's words (one note for both: "Daegu needs a region row" rather than "region_id is empty")."""
    language = language or i18n.current()
    left = list(row_doubts)
    found = []
    for problem in problems:
        reason = localised(problem, language)
        covering = next((d for d in left if d.field == problem.field and problem.key == REQUIRED), None)
        if covering is not None:
            left.remove(covering)
            says = said(covering, language)
        else:
            says = todo(problem, language)
        found.append(Note(problem.field, says, reason) if says else Note(problem.field, reason))
    return found + [Note(doubt.field, said(doubt, language)) for doubt in left]


def _body(note: Note, language: str) -> str:
    if note.reason is None:
        return note.says
    return i18n.t("drafting.note_with_reason", language, says=note.says, reason=note.reason)


def cell_text(row_notes: Sequence[Note], language: str | None = None) -> str | None:
    """The editor's problems cell of a row: each note's column and what to do, one after another; None when none."""
    language = language or i18n.current()
    shown = [
        i18n.t("drafting.cell_note", language, field=column_label(n.field, language), says=n.says) for n in row_notes
    ]
    return " · ".join(shown) or None


def row_lines(rows: Mapping[int, Sequence[Note]], language: str | None = None) -> list[str]:
    """One line per note of each numbered editor row: "#3 · status: <what to do> (validation: <reason>)"."""
    language = language or i18n.current()
    return [
        i18n.t(
            "drafting.row_note", language, number=number, field=column_label(n.field, language), says=_body(n, language)
        )
        for number, row_notes in rows.items()
        for n in row_notes
    ]


def located_lines(problems: Iterable[Problem], language: str | None = None) -> list[str]:
    """One line per problem that is not on an editor row (the source row, the seed): its file and line, then what
    to do and its reason."""
    language = language or i18n.current()
    # said through messages.located with what to do as the reason (a reason without a key is shown as it is)
    return [
        located(Problem(problem.file, problem.row, problem.field, _body(note, language)), language)
        for problem in problems
        for note in notes([problem], language=language)
    ]
