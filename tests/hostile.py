"""A hostile copy of the synthetic dataset (tests/fixtures.py): Markdown, HTML and script in every free-text field.

Every field validation accepts as free text (names, titles, descriptions, definitions, notes, roles, publishers,
translations, rationales, the FX and population provenance…) carries `PAYLOAD`; region names carry it between
words (a source must name its regions, word for word, in its seed, so the seeds carry the names too); a few
quotes carry it too, written into their seed (whose sha256 `fixtures.write` recomputes). Notes and translations
also start with spreadsheet formula characters (=, +, -, @). The copy passes validation: what it tests is how
pages, charts and exports show text, not what validation refuses.
"""

from __future__ import annotations

import copy
from pathlib import Path

from fixtures import NORDLAND, SEEDS, SUDMARK, TABLES
from fixtures import write as write_fixture

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
JS_LINK = "[link](javascript:window.__pwned=1)"
REMOTE_IMAGE = "![img](https://example.com/x.png)"
BOLD = "**bold**"
HTML_BOLD = "<b>b</b><br>"
HTML_LINK = '<a href="javascript:window.__pwned=1">a</a>'
JS_URL = "javascript:window.__pwned=1"
"""Every source's url: shown as text, never as a link."""
ENTITIES = "&lt;i&gt;e&lt;/i&gt; &#60;u&#62;"
"""Entities: shown as typed, never decoded into tags."""
BARE_URLS = "_https://example.com/u _www.example.com"
"""Bare URLs after a word character: GFM's autolinks still find them once escapes are resolved."""
PIECES = (SCRIPT, IMG, JS_LINK, REMOTE_IMAGE, BOLD, HTML_BOLD, HTML_LINK, ENTITIES, BARE_URLS)
PAYLOAD = " ".join(PIECES)
"""Appended to every free-text field: each piece must show literally and none may become an element."""

FORMULAS = ('=HYPERLINK("https://example.com","x")', "+1+1", "-1-1", "@SUM(A1)")
"""Leading text of notes and translations: a spreadsheet must show them as text, never compute them."""

FREE_TEXT: dict[str, tuple[str, ...]] = {
    "regions": ("name_en", "name_fr"),
    "sources": ("title", "title_en", "genre", "genre_fr", "publisher", "note", "note_fr"),
    "pillars": ("name", "name_fr", "definition", "definition_fr", "rationale", "rationale_fr"),
    "indicators": ("name", "name_fr", "definition", "definition_fr"),
    "facts": ("quote_en", "note", "note_fr"),
    "actors": ("name", "role", "role_fr", "quote_en", "note", "note_fr"),
    "events": ("description", "description_fr", "quote_en", "note", "note_fr"),
    "instruments": ("name", "name_fr", "description", "description_fr", "quote_en", "note", "note_fr"),
    "fx_rates": ("series", "publisher", "source_title", "read_at", "row_as_read"),
    "population": (
        "definition",
        "definition_fr",
        "publisher",
        "read_at",
        "excerpt",
        "primary_or_secondary",
        "primary_or_secondary_fr",
    ),
}
"""Per table, the free-text fields that carry the payload (ids, vocabularies, numbers and quotes do not)."""


def region_name(name: str) -> str:
    """A region's hostile name: its name, the payload, and a last word (a seed must name it word for word)."""
    return f"{name} {PAYLOAD} {name}"


HOSTILE_QUOTE = f"Le programme {PAYLOAD} est lancé"
"""A passage added to the Nordland seed and used as the quote of its programme and of an event."""


def _hostile(value: object, index: int, column: str) -> object:
    if value is None or value == "":
        return value
    if column.startswith("note") or column == "quote_en":
        return f"{FORMULAS[index % len(FORMULAS)]} {value} {PAYLOAD}"
    return f"{value} {PAYLOAD}"


def tables() -> dict[str, list[dict[str, object]]]:
    hostile = copy.deepcopy(TABLES)
    for table, columns in FREE_TEXT.items():
        for index, row in enumerate(hostile[table]):
            for column in columns:
                if table == "regions":
                    row[column] = region_name(str(row[column]))
                else:
                    row[column] = _hostile(row.get(column), index, column)
    for row in hostile["sources"]:
        row["publisher"] = f"@Publisher {PAYLOAD}"  # a publisher the fixture leaves empty
        row["url"] = JS_URL
    for row in hostile["facts"]:  # every fact gets a note (the fixture's notes are rare)
        if not row.get("note"):
            row["note"], row["note_fr"] = f"-note {PAYLOAD}", f"+note {PAYLOAD}"
    hostile["instruments"][0]["quote"] = HOSTILE_QUOTE
    hostile["events"][0]["quote"] = HOSTILE_QUOTE  # an undated event: its quote is in the timeline's hover
    return hostile


def seeds() -> dict[str, str]:
    """The fixture's seeds, naming every hostile region name their sources list, and holding HOSTILE_QUOTE."""
    names = {row["region_id"]: (row["name_en"], row["name_fr"]) for row in tables()["regions"]}
    listed = {row["source_id"]: str(row["region_ids"]).split(";") for row in TABLES["sources"]}
    files = {row["source_id"]: row["seed_file"] for row in TABLES["sources"]}
    hostile = dict(SEEDS)
    for source_id in (NORDLAND, SUDMARK):
        lines = [f"{name_en} / {name_fr}." for region in listed[source_id] for name_en, name_fr in [names[region]]]
        if source_id == NORDLAND:
            lines.append(HOSTILE_QUOTE + ".")
        hostile[files[source_id]] = SEEDS[files[source_id]] + "\n".join(lines) + "\n"
    return hostile


def write(folder: Path) -> Path:
    """Write the hostile data/ and seeds/ into `folder`; return the data folder."""
    return write_fixture(folder, tables(), seeds())


if __name__ == "__main__":  # python tests/hostile.py FOLDER: a copy to open in the app by hand
    import sys

    print(write(Path(sys.argv[1])))
