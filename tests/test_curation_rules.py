"""Labels of the curated data agree with the words of their quotes and with their own notes (general rules, each of
which a reread of the articles found broken once)."""

from __future__ import annotations

import re

import pandas as pd

from ecodash.text.rankings import find_rankings

# A public payer is named by one of these words, in the quote or in the seed words a note quotes ("le gouvernement
# provincial a réservé des sommes considérables pour des subventions"). "Funder public" in a note's English is not one.
_PUBLIC_PAYER = re.compile(
    r"\b(?:gouvernements?|politiques?|subventions?|aides|État|ministère|incitati(?:f|ve)s?)\b", re.IGNORECASE
)


def test_public_money_names_a_public_payer(dataset):
    """A passive 'avaient déjà été investis … sous des bannières similaires' names no payer: not funder public."""
    public = dataset.facts.loc[dataset.facts["funder"] == "public"]
    assert not public.empty
    unnamed = [
        row.fact_id
        for row in public.itertuples()
        if not _PUBLIC_PAYER.search(row.quote)
        and not _PUBLIC_PAYER.search(row.note if isinstance(row.note, str) else "")
    ]
    assert unnamed == [], "funder public, but neither the quote nor the note's quoted words name a public payer"


def test_every_rank_fact_quotes_a_ranking_of_its_rank(dataset):
    """A rank fact's quote holds a ranking statement stating its value: a nickname's ordinal is not one."""
    languages = dataset.sources.set_index("source_id")["language"]
    ranks = dataset.facts.loc[dataset.facts["unit"] == "rank"]
    assert not ranks.empty
    for row in ranks.itertuples():
        rankings = find_rankings(row.quote, languages[row.source_id])
        assert any(m.value is not None and float(m.value) == float(row.value) for m in rankings), row.fact_id


def _region_names(dataset) -> dict[str, str]:
    regions = dataset.regions
    return {
        **dict(zip(regions["name_en"], regions["region_id"])),
        **dict(zip(regions["name_fr"], regions["region_id"])),
    }


# What a note says about its row's region: "Region china", "attached to Hangzhou", "Placed in Hangzhou", "Region from
# DeepSeek's Hangzhou base"; in French "Région china", "rattachée à Hangzhou", "située à Hangzhou", "Région déduite de
# l'implantation de DeepSeek à Hangzhou".
_REGION_ID_CLAIM = re.compile(r"\bR[ée]gion\s+(?P<id>[a-z_]+)\b", re.IGNORECASE)
_REGION_NAME_CLAIM = re.compile(
    r"\b(?:attached\s+to|placed\s+in|region\s+from\s+\S+|rattachée?\s+à|située?\s+à|implantation\s+d\S*\s+\S+\s+à)"
    r"\s+(?P<name>[A-Z][\w-]+)",
    re.IGNORECASE,
)


def test_notes_naming_a_region_agree_with_the_region_column(dataset):
    names = _region_names(dataset)
    ids = set(dataset.regions["region_id"])
    contradictions = []
    for table in ("facts", "actors", "events", "instruments"):
        frame = dataset.table(table)
        id_column = {"facts": "fact_id", "actors": "actor_id", "events": "event_id", "instruments": "instrument_id"}
        for row in frame.itertuples():
            for note in (row.note, row.note_fr):
                if not isinstance(note, str):
                    continue
                claimed = {m["id"] for m in _REGION_ID_CLAIM.finditer(note) if m["id"] in ids}
                claimed |= {names[m["name"]] for m in _REGION_NAME_CLAIM.finditer(note) if m["name"] in names}
                if claimed - {row.region_id}:
                    contradictions.append((table, getattr(row, id_column[table]), row.region_id, sorted(claimed)))
    assert contradictions == []


def test_a_note_calling_a_figure_context_matches_its_reach(dataset):
    """'National context figure' or a 'context indicator' on a figure of reach region contradicts its row."""
    definitions = dataset.indicators.set_index("indicator_id")["definition"]
    facts = dataset.facts
    says_context = (
        facts["note"].fillna("").str.contains(r"\bcontext\b", case=False, regex=True)
        | facts["note_fr"].fillna("").str.contains(r"\bcontexte\b", case=False, regex=True)
        | facts["indicator_id"].map(definitions).fillna("").str.contains(r"\bcontext\b", case=False, regex=True)
    )
    assert says_context.any()
    wrong = facts.loc[says_context & (facts["geo_reach"] != "context"), "fact_id"]
    assert wrong.tolist() == []


def test_every_ranking_the_audit_sees_is_curated_or_explained(dataset):
    """The claims of standing the detector now reads ('inégalé', 'rivalisant avec') are audited, each explained."""
    from ecodash.analysis.audit import audit_mentions

    audit = audit_mentions(dataset)
    rankings = audit.loc[audit["kind"] == "ranking"]
    for mention in ("inégalé", "inégalées", "inégalée", "rivalisant avec"):
        row = rankings.loc[rankings["mention"] == mention]
        assert len(row) == 1, mention
        assert row["status"].iloc[0] == "excluded" and row["by"].iloc[0], mention
        assert pd.isna(row["value"].iloc[0]), "a claim of standing states no rank"
