"""The "Add an article" page, run whole (AppTest): paste, candidates, live problems on rows, messages."""

from __future__ import annotations

import hashlib
import json

from ecodash.drafting import editor as drafting
from ecodash.drafting import propose, review
from ecodash.i18n import CATALOGUES, t
from ecodash.ingest.dataset import load_dataset
from support import DATA_DIR, ROOT, SEEDS_DIR, assert_clean, curated_readers, forbid, html_content, open_app

ARTICLE = (ROOT / "tests/corpus/propose/fr_financement.txt").read_text(encoding="utf-8")
SMALL = (
    "Testville investit dans l’IA\n\n"
    "Au Guangdong, le canton de Testville a reçu jusqu’à 30 millions de yuans "
    "pour son centre de calcul d’IA.\n"
)


DAEGU = (
    "Daegu mise sur l’IA\n\n"
    "La ville de Daegu a investi 50 milliards de wons dans un centre de calcul de 20 pétaflops "
    "et prévoit de former environ 2 000 ingénieurs d’ici 2030.\n"
)


def _pasted(text: str, **query: str):
    at = open_app("add_article", **query)
    at.text_area(key="drafting.paste").input(text).run()
    return at


def _state_key(text: str) -> str:
    return f"drafting.{drafting.digest(text)[:16]}"


def _codes(at) -> str:
    return "\n".join(code.value for code in at.code)


def _folder_digest() -> dict[str, str]:
    return {
        str(path.relative_to(ROOT)): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in (DATA_DIR, SEEDS_DIR)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_page_waits_for_an_article():
    at = open_app("add_article")
    assert_clean(at)
    assert not at.dataframe and not html_content(at)
    assert at.info and at.text_area(key="drafting.paste").value == ""


def test_a_pasted_article_shows_its_candidates_highlighted_with_problems_on_their_rows():
    at = _pasted(ARTICLE)
    assert_clean(at)
    expected = propose.propose(ARTICLE, dataset=load_dataset(DATA_DIR), source_id="le_zhejiang_accelere_sur_l_ia")
    table = at.dataframe[0].value
    assert len(table) == len(expected.facts) and table["accept"].all()
    assert table["value"].tolist() == expected.facts["value"].tolist()
    body = html_content(at)[0].proto.body
    assert body.count("<mark") == len(expected.facts)
    quote_en = t("drafting.todo.value.required.quote_en")
    assert f"quote_en: {quote_en}" in table.loc[1, "problems"], "what the problem asks, in plain words"
    assert f"#1 · quote_en: {quote_en} (validation: required value is empty)" in _codes(at)
    # the source form is prefilled from the proposal, ids from the title
    assert at.text_input(key=f"{_state_key(ARTICLE)}.source.source_id").value == "le_zhejiang_accelere_sur_l_ia"
    assert at.text_input(key=f"{_state_key(ARTICLE)}.source.title").value == "Le Zhejiang accélère sur l'IA"
    assert "title_en: empty while title is filled" in _codes(at)
    # downloads stay available, with a warning counting what remains
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels[:3] == ["facts.csv", "sources.csv", "instruments.csv"] and len(labels) == 4
    doubts = review.doubts(ARTICLE, at.session_state[_state_key(ARTICLE)]["facts"], load_dataset(DATA_DIR).regions)
    doubt_texts = tuple(review.said(doubt) for row in doubts.values() for doubt in row)
    lines = _codes(at).splitlines()
    assert doubt_texts and any(line.endswith(doubt_texts) for line in lines), "the proposal's doubts are listed"
    total = sum(not line.endswith(doubt_texts) for line in lines)  # a doubt is not a validation problem
    assert at.warning and at.warning[0].value.startswith(f"{total} problems remain")


def test_session_edits_are_validated_live_and_a_complete_row_passes():
    at = _pasted(SMALL)
    key = _state_key(SMALL)
    assert at.dataframe[0].value.loc[1, "problems"], "an incomplete candidate has problems"
    state = at.session_state[key]
    facts = state["facts"].copy()
    for column, value in {
        "quote_en": "Testville received up to 30 million yuan",
        "status": "achieved",
        "indicator_id": "grant_cap_per_recipient",
        "scope": "per_recipient",
    }.items():
        facts.at[1, column] = value
    facts.at[1, "pillar_ids"] = ["compute_infrastructure"]
    state["facts"] = facts
    at.session_state[key] = state
    at.text_input(key=f"{key}.source.title_en").input("Testville invests in AI").run()
    assert_clean(at)
    assert at.dataframe[0].value.loc[1, "problems"] is None
    assert not at.warning and at.success, "nothing remains: the success message, no warning"
    assert not at.code, "no problem listed"
    # an edit that breaks the row shows its problem on that row again
    facts.at[1, "value"] = 31000000.0
    state["facts"] = facts
    at.session_state[key] = state
    at.run()
    assert at.dataframe[0].value.loc[1, "problems"] == (
        "value: Correct the value to a number the quote states, or lengthen the quote to the words that state 31000000."
    )
    assert "#1 · value: Correct the value" in _codes(
        at
    ) and "(validation: 31000000 is not stated in the quote" in _codes(at)
    # rejecting it leaves nothing to check in facts.csv
    facts.at[1, "accept"] = False
    state["facts"] = facts
    at.session_state[key] = state
    at.run()
    assert at.dataframe[0].value.loc[1, "problems"] is None and at.success
    assert "rejected" in html_content(at)[0].proto.body


def test_a_source_problem_is_shown_beside_the_form():
    at = _pasted(SMALL)
    at.number_input(key=f"{_state_key(SMALL)}.source.published_year").set_value(2025).run()
    assert_clean(at)
    assert "sources.csv:2: note: say how published_year is known" in _codes(at)


def test_too_large_or_empty_text_gets_a_message_and_nothing_else():
    at = _pasted("a" * (propose.MAX_BYTES + 1))
    assert not at.exception
    assert (
        len(at.error) == 1
        and f"is too large: {propose.MAX_BYTES + 1:,} bytes, at most {propose.MAX_BYTES:,} bytes" in at.error[0].value
    )
    assert not at.dataframe and not html_content(at) and not at.get("download_button")


def test_the_article_is_shown_literally():
    hostile = "**Titre** <b>gras</b>\n\n<script>alert(1)</script> [x](javascript:alert(2)) 5 millions de yuans.\n"
    at = _pasted(hostile)
    assert_clean(at)
    body = html_content(at)[0].proto.body
    assert "<script" not in body and "<b>" not in body and "&lt;script&gt;" in body
    assert "[x](javascript:alert(" in body and "<a " not in body, "a Markdown link stays text, never a link"


def test_the_page_speaks_the_readers_language():
    at = _pasted(SMALL, lang="fr")
    assert_clean(at)
    assert at.title[0].value == "Ajouter un article"
    assert at.warning and "problème" in at.warning[0].value
    assert [m.proto.placeholder for m in at.multiselect] == ["Choisissez les régions"], "not Streamlit's English"


def test_a_drafting_session_never_writes_to_the_data_folder():
    before = _folder_digest()
    at = _pasted(ARTICLE)
    key = _state_key(ARTICLE)
    state = at.session_state[key]
    state["facts"] = state["facts"].assign(accept=False)
    at.session_state[key] = state
    at.text_input(key=f"{key}.source.title_en").input("Zhejiang speeds up on AI").run()
    assert_clean(at)
    assert _folder_digest() == before


def test_an_article_without_figures_still_offers_its_source_row():
    at = _pasted("Un titre\n\nUn article qui ne donne aucun chiffre sur le Guangdong.\n")
    assert_clean(at)
    assert at.info[0].value == t("drafting.no_candidates")
    assert len(at.dataframe) == 1, "only the programmes editor"
    assert len(at.get("download_button")) == 4


def test_a_draft_is_checked_against_the_loaded_data_without_reading_data_again(monkeypatch):
    at = _pasted(SMALL)
    assert_clean(at)
    before = _codes(at)
    forbid(monkeypatch, curated_readers(), "the curated folder was read again")
    at.run()  # every rerun checks the draft again
    assert_clean(at)
    assert _codes(at) == before and "quote_en" in before, "the same problems, found on the loaded data"


def test_the_upload_widget_states_the_limit_the_check_applies():
    """The widget's "1MB per file" (Streamlit's megabyte: 1,048,576 bytes), its label and propose's check agree."""
    from ecodash.i18n.formats import number
    from ecodash.schema.fields import MAX_ARTICLE_BYTES

    at = open_app("add_article")
    (widget,) = at.get("file_uploader")
    assert MAX_ARTICLE_BYTES == propose.MAX_BYTES
    assert widget.proto.max_upload_size_mb * 2**20 == MAX_ARTICLE_BYTES
    assert f"at most {widget.proto.max_upload_size_mb} MB: {number(MAX_ARTICLE_BYTES)} bytes" in widget.proto.label


def test_the_columns_to_check_first_lead_the_table_and_say_so():
    for language in ("en", "fr"):
        at = _pasted(SMALL, lang=language)
        assert_clean(at)
        editor = at.dataframe[0].proto
        assert list(editor.column_order) == drafting.COLUMN_ORDER
        assert list(editor.column_order)[2:7] == ["status", "period_start", "period_end", "indicator_id", "region_id"]
        config = json.loads(editor.columns)
        helped = {column for column, settings in config.items() if settings.get("help")}
        assert helped == set(drafting.CHECK_FIRST), "the columns to check first, and only they, say so on hover"
        assert config["region_id"]["help"] == CATALOGUES[language]["drafting.check.region_id"]
        caption = t("drafting.check_first", language, columns=", ".join(drafting.CHECK_FIRST))
        assert caption in [element.value for element in at.caption]


def test_each_problem_says_what_it_asks_in_plain_words_in_the_page_s_language():
    expected = {
        "en": "#1 · status: No word of the figure's own clause settled its status: read its verb and choose achieved",
        "fr": "n° 1 · status : Aucun mot de la proposition du chiffre n’a décidé de son statut : lisez son verbe",
    }
    for language, line in expected.items():
        at = _pasted(SMALL, lang=language)
        assert_clean(at)
        codes = _codes(at)
        assert line in codes
        reason = t("drafting.note_with_reason", language, says="", reason=t("problems.value.required", language))
        assert reason.strip() in codes, "the reason validation gives stays beside what to do"
        cell = at.dataframe[0].value.loc[1, "problems"]
        todo = CATALOGUES[language]["drafting.todo.value.required.quote_en"]
        assert t("drafting.cell_note", language, field="quote_en", says=todo) in cell


def test_a_region_that_regions_csv_lacks_is_said_to_need_a_row_of_its_own():
    expected = {
        "en": "#1 · region_id: Daegu is not in data/regions.csv: the figure's region needs a row of its own there.",
        "fr": "n° 1 · region_id : Daegu n’est pas dans data/regions.csv : la région du chiffre a besoin d’une ligne",
    }
    for language, line in expected.items():
        at = _pasted(DAEGU, lang=language)
        assert_clean(at)
        codes = _codes(at)
        assert line in codes
        row = "region_id=daegu, name_en=Daegu, name_fr=Daegu, level=city, parent_id=?, iso_country=?, is_focus=false"
        assert codes.count(row) == 3, "each figure of Daegu's sentence, with every field of regions.csv"
        assert "unknown region" not in codes and "région inconnue" not in codes
        assert "Daegu" in at.dataframe[0].value.loc[1, "problems"]
