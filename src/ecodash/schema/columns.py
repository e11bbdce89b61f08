"""Every column ecodash stores or derives, declared once: pandas dtype, description in English and French, display.

This module is long because it is a table: one entry per column (about 160), like PUDL's FIELD_METADATA. The
pandas dtypes of the Dataset and of a read-back export, the data package's field types and descriptions, the data
dictionary in docs/ and the display of a column on a page all come from COLUMNS; tests/test_columns.py fails when a
column that an export writes is missing here, or when an entry here is written by no export and stored nowhere.

A key is "table.column" for that table's column, or a bare column name for a column that means the same in every
table that has it and declares nothing else (`quote`, `note_fr`, the comparability and population columns).
A table an export derives from the facts (funding, comparison) reads the facts' entries too (DERIVED_TABLES).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ecodash.schema.models import TABLE_MODELS, french_columns, table_columns

DTYPES = ("str", "list", "Int64", "int64", "float64", "bool", "boolean")
"""pandas dtypes of ecodash's columns; "list" is ';'-separated ids in one str cell ("rd_support;talent")."""
DISPLAYS = ("text", "long_text", "note", "number", "rate", "integer", "year", "usd", "boolean", "url")
"""How a page shows a column: short or long text, a note beside a figure (cut to leave its figures room), a number
as stated, a rate with every published decimal, a count, a year, US dollars, a tick, a link."""
DEFAULT_DISPLAY = {
    "str": "text",
    "list": "text",
    "Int64": "integer",
    "int64": "integer",
    "float64": "number",
    "bool": "boolean",
    "boolean": "boolean",
}
FRICTIONLESS_TYPES = {
    "str": "string",
    "list": "string",
    "Int64": "integer",
    "int64": "integer",
    "float64": "number",
    "bool": "boolean",
    "boolean": "boolean",
}
"""Frictionless Table Schema field type of each dtype (datapackage.json)."""

DERIVED_TABLES = {"funding": "facts", "comparison": "facts", "audit": None}
"""Tables an export derives (they are not in data/) -> the table whose columns they share the meaning of."""


@dataclass(frozen=True)
class Column:
    """One column: its pandas dtype, what it holds (English, French) and how a page shows it."""

    dtype: str
    description: str
    description_fr: str
    display: str | None = None  # None: the dtype's default (DEFAULT_DISPLAY)
    label: str | None = None  # catalogue key of its header where it is not column.<name>
    name: str = ""  # filled from the key

    def __post_init__(self):
        if self.dtype not in DTYPES:
            raise ValueError(f"{self.name}: dtype {self.dtype!r} is not one of {', '.join(DTYPES)}")
        if self.display is not None and self.display not in DISPLAYS:
            raise ValueError(f"{self.name}: display {self.display!r} is not one of {', '.join(DISPLAYS)}")

    @property
    def pandas_dtype(self) -> str:
        """The dtype a frame holds the column in (a list is its ';'-separated str)."""
        return "str" if self.dtype == "list" else self.dtype

    @property
    def frictionless_type(self) -> str:
        return FRICTIONLESS_TYPES[self.dtype]

    @property
    def shown_as(self) -> str:
        return self.display or DEFAULT_DISPLAY[self.dtype]


_ID = ("Snake-case identifier.", "Identifiant en snake_case.")

_DECLARED = {
    # --- data/regions.csv ----------------------------------------------------------------------------------------
    "regions.region_id": Column("str", *_ID),
    "regions.name_en": Column("str", "English name.", "Nom anglais."),
    "regions.name_fr": Column("str", "French name.", "Nom français."),
    "regions.level": Column(
        "str",
        "Administrative level: country, province, municipality or city.",
        "Niveau administratif : country (pays), province, municipality (municipalité) ou city (ville).",
    ),
    "regions.parent_id": Column(
        "str",
        "Enclosing region (regions.region_id), if any.",
        "Région englobante (regions.region_id), s'il y en a une.",
    ),
    "regions.iso_country": Column("str", "ISO 3166-1 alpha-2 code of the country.", "Code ISO 3166-1 alpha-2 du pays."),
    "regions.is_focus": Column(
        "bool",
        "Whether ecodash compares this region side by side (a focus region).",
        "Si ecodash compare cette région côte à côte avec les autres (une région suivie).",
    ),
    # --- data/sources.csv ----------------------------------------------------------------------------------------
    "sources.source_id": Column(
        "str", "Readable identifier of the seed article.", "Identifiant lisible de l'article source."
    ),
    "sources.seed_file": Column("str", "File name under seeds/.", "Nom du fichier dans seeds/."),
    "sources.title": Column(
        "str",
        "Article title (its first line where it has one, else a descriptive title in brackets).",
        "Titre de l'article (sa première ligne s'il en a une, sinon un titre descriptif entre crochets).",
        display="long_text",
    ),
    "sources.title_en": Column(
        "str",
        "English rendering of the title, shown beside it (the title itself stays French).",
        "Traduction anglaise du titre, affichée à côté (le titre lui-même reste en français).",
        display="long_text",
    ),
    "sources.genre": Column(
        "str",
        "What kind of article it is, as a phrase with its article that texts list: 'a report on a provincial plan (Guangdong)'.",
        "Le genre d'article, en anglais, tel que les textes l'énumèrent : 'a report on a provincial plan (Guangdong)'.",
    ),
    "sources.genre_fr": Column(
        "str",
        "The genre in French ('un article sur un plan provincial (Guangdong)').",
        "Le genre en français ('un article sur un plan provincial (Guangdong)').",
    ),
    "sources.language": Column(
        "str", "Language of the text (ISO 639-1): fr or en.", "Langue du texte (ISO 639-1) : fr ou en."
    ),
    "sources.region_ids": Column(
        "list", "Regions the article covers, ';'-separated.", "Régions dont traite l'article, séparées par des ';'."
    ),
    "sources.publisher": Column(
        "str", "Publisher, only where the text names one.", "Éditeur, seulement quand le texte en nomme un."
    ),
    "sources.url": Column(
        "str", "URL, only where the text gives one.", "URL, seulement quand le texte en donne une.", display="url"
    ),
    "sources.sha256": Column(
        "str",
        "SHA-256 of the seed file's bytes; a seed is never edited.",
        "SHA-256 des octets du fichier source ; une source n'est jamais modifiée.",
    ),
    "sources.published_year": Column(
        "Int64",
        "Year the article dates from (the FX default converts at this year's rate); note says how it is known.",
        "Année de l'article (la conversion par défaut utilise le taux de cette année) ; la note dit d'où on la tient.",
        display="year",
    ),
    "sources.note": Column("str", "Curator's note.", "Note du curateur (en anglais).", display="long_text"),
    # --- data/pillars.csv ----------------------------------------------------------------------------------------
    "pillars.pillar_id": Column("str", *_ID),
    "pillars.name": Column("str", "Short English name.", "Nom court en anglais."),
    "pillars.name_fr": Column("str", "Short French name.", "Nom court en français."),
    "pillars.definition": Column(
        "str",
        "What belongs to this pillar, in words.",
        "Ce qui relève de ce pilier, en mots (en anglais).",
        display="long_text",
    ),
    "pillars.origin": Column(
        "str",
        "article: one of the elements an article names (source_id, quote); added: needed by the articles.",
        "article : un des éléments qu'un article nomme (source_id, quote) ; added : ajouté, les articles en ont besoin.",
    ),
    "pillars.source_id": Column(
        "str", "Seed naming the pillar (origin article).", "Source qui nomme le pilier (origine article)."
    ),
    "pillars.quote": Column(
        "str",
        "Verbatim words naming the pillar (origin article).",
        "Les mots exacts qui nomment le pilier (origine article).",
        display="long_text",
    ),
    "pillars.rationale": Column(
        "str",
        "Why the pillar is there (for an added one: which articles need it).",
        "Pourquoi le pilier existe (pour un pilier ajouté : quels articles en ont besoin), en anglais.",
        display="long_text",
    ),
    "pillars.rationale_fr": Column(
        "str", "The rationale in French.", "La justification en français.", display="long_text"
    ),
    # --- data/indicators.csv -------------------------------------------------------------------------------------
    "indicators.indicator_id": Column("str", *_ID, label="column.id"),
    "indicators.name": Column("str", "Short English name.", "Nom court en anglais."),
    "indicators.name_fr": Column("str", "Short French name.", "Nom court en français."),
    "indicators.category": Column("str", "Theme the indicator belongs to.", "Thème auquel l'indicateur appartient."),
    "indicators.unit": Column(
        "str",
        "Kind of unit: money (its facts carry an ISO 4217 currency), PFLOPS, count, people, share, rank or year.",
        "Type d'unité : money (ses faits portent une devise ISO 4217), PFLOPS, count, people, share, rank ou year.",
    ),
    "indicators.scope": Column(
        "str",
        "Time/recipient basis every fact of this indicator shares.",
        "Base de temps ou de bénéficiaires commune à tous les faits de cet indicateur.",
    ),
    "indicators.summable": Column(
        "bool",
        "Whether values of different facts may be added together.",
        "Si les valeurs de faits différents peuvent s'additionner.",
    ),
    "indicators.definition": Column(
        "str", "What is counted, in words.", "Ce qui est compté, en mots (en anglais).", display="long_text"
    ),
    "indicators.per_inhabitant": Column(
        "bool",
        "Whether a regional figure may be divided by the region's population (a budget, a count of firms or people); "
        "never for ranks, shares, caps or a population itself.",
        "Si un chiffre régional peut être rapporté à la population de la région (un budget, un nombre d'entreprises "
        "ou de personnes) ; jamais pour un rang, une part, un plafond ou une population.",
    ),
    # --- the quoted tables (facts, actors, events, instruments) and what they share -------------------------------
    "source_id": Column(
        "str", "Seed the quote comes from (sources.source_id).", "Source dont vient la citation (sources.source_id)."
    ),
    "quote": Column(
        "str",
        "Verbatim French passage from the seed (whitespace-normalised match).",
        "Passage exact de la source, en français (comparé aux espaces près).",
        display="long_text",
    ),
    "quote_en": Column(
        "str",
        "Faithful English translation of the quote.",
        "Traduction anglaise fidèle de la citation.",
        display="long_text",
    ),
    "note": Column(
        "str",
        "Curator's note: ambiguity, implied values, caveats.",
        "Note du curateur, en anglais : ambiguïtés, valeurs implicites, mises en garde.",
        display="long_text",
    ),
    "note_fr": Column(
        "str",
        "The note in French (empty exactly when note is).",
        "La note en français (vide exactement quand note l'est).",
        display="long_text",
    ),
    "definition_fr": Column("str", "The definition in French.", "La définition en français.", display="long_text"),
    # --- data/facts.csv ------------------------------------------------------------------------------------------
    "facts.fact_id": Column("str", *_ID),
    "facts.region_id": Column(
        "str", "Region the figure describes (regions.region_id).", "Région que le chiffre décrit (regions.region_id)."
    ),
    "facts.indicator_id": Column(
        "str", "What is measured (indicators.indicator_id).", "Ce qui est mesuré (indicators.indicator_id)."
    ),
    "facts.value": Column(
        "float64",
        "The number as the source states it, in `unit` (50 millions -> 50000000).",
        "Le nombre tel que la source l'énonce, dans l'unité `unit` (50 millions -> 50000000).",
    ),
    "facts.unit": Column(
        "str",
        "ISO 4217 code for money; PFLOPS, count, people, share (0-1), rank or year.",
        "Code ISO 4217 pour une somme d'argent ; sinon PFLOPS, count, people, share (0-1), rank ou year.",
    ),
    "facts.qualifier": Column(
        "str",
        "The article's hedging: exact, approximate, at_least or up_to.",
        "La prudence de l'article : exact, approximate (environ), at_least (au moins) ou up_to (jusqu'à).",
    ),
    "facts.scope": Column(
        "str",
        "per_recipient, per_year, multi_year, cumulative, point_in_time or unspecified.",
        "per_recipient (par bénéficiaire), per_year (par an), multi_year (total pluriannuel), cumulative (cumul), "
        "point_in_time (niveau à une date) ou unspecified (non précisé).",
    ),
    "facts.period_start": Column(
        "Int64",
        "First year the figure covers, stated or implied.",
        "Première année que couvre le chiffre, énoncée ou implicite.",
        display="year",
    ),
    "facts.period_end": Column(
        "Int64",
        "Last (or target) year, stated or implied.",
        "Dernière année (ou année cible), énoncée ou implicite.",
        display="year",
    ),
    "facts.duration_years": Column(
        "Int64",
        "Length of a multi-year total, in years ('over 5 years').",
        "Durée d'un total pluriannuel, en années (« sur 5 ans »).",
    ),
    "facts.instrument_id": Column(
        "str",
        "Programme the figure belongs to (instruments).",
        "Programme auquel le chiffre appartient (instruments).",
    ),
    "facts.stated_usd": Column(
        "float64",
        "The article's own USD equivalent (always given as 'environ', i.e. approximate).",
        "L'équivalent en dollars que donne l'article lui-même (toujours « environ », donc approximatif).",
        display="usd",
    ),
    "facts.status": Column(
        "str",
        "achieved (a level or result that exists), committed (a budget or programme in force), target (an objective "
        "or plan) or proposed (an offer, invitation or possible cooperation).",
        "achieved (un niveau ou un résultat atteint), committed (un budget ou un programme en vigueur), target (un "
        "objectif ou un plan) ou proposed (une offre, une invitation ou une coopération possible).",
    ),
    "facts.ai_specificity": Column(
        "str",
        "ai (about AI alone), ai_and_other (AI with robotics, semiconductors...) or broader (a technology policy not "
        "specific to AI).",
        "ai (l'IA seule), ai_and_other (l'IA avec la robotique, les semi-conducteurs...) ou broader (une politique "
        "technologique qui ne vise pas l'IA en particulier).",
    ),
    "facts.geo_reach": Column(
        "str",
        "region (describes the region itself) or context (a national or worldwide quantity the article mentions about "
        "or near the region); context figures never roll up into a province or city.",
        "region (décrit la région elle-même) ou context (une grandeur nationale ou mondiale que l'article cite à "
        "propos de la région) ; un chiffre de contexte ne remonte jamais vers une province ou une ville.",
    ),
    "facts.funder": Column(
        "str",
        "Money only: public, private or unspecified (the article does not say who pays).",
        "Argent seulement : public, private (privé) ou unspecified (l'article ne dit pas qui paie).",
    ),
    "facts.pillar_ids": Column(
        "list",
        "Pillars of an AI ecosystem the figure is evidence for, ';'-separated (see the pillars table).",
        "Piliers d'un écosystème d'IA dont le chiffre témoigne, séparés par des ';' (voir la table pillars).",
    ),
    # --- data/actors.csv -----------------------------------------------------------------------------------------
    "actors.actor_id": Column("str", *_ID),
    "actors.name": Column("str", "Name as usually written in English.", "Nom tel qu'on l'écrit d'habitude en anglais."),
    "actors.kind": Column(
        "str",
        "company, lab, model, institution, person, hardware, fund, platform or facility.",
        "company (entreprise), lab (laboratoire), model (modèle), institution, person (personne), hardware "
        "(matériel), fund (fonds), platform (plateforme) ou facility (installation).",
    ),
    "actors.role": Column(
        "str",
        "What the actor is or does in the ecosystem.",
        "Ce que l'acteur est ou fait dans l'écosystème, en anglais.",
        display="long_text",
    ),
    "actors.role_fr": Column("str", "The role in French.", "Le rôle en français.", display="long_text"),
    "actors.region_id": Column("str", "Region the actor belongs to.", "Région à laquelle l'acteur appartient."),
    "actors.pillar_ids": Column(
        "list",
        "Pillars the actor contributes to, ';'-separated.",
        "Piliers auxquels l'acteur contribue, séparés par des ';'.",
    ),
    # --- data/events.csv -----------------------------------------------------------------------------------------
    "events.event_id": Column("str", *_ID),
    "events.region_id": Column("str", "Region the event belongs to.", "Région à laquelle l'événement appartient."),
    "events.date": Column(
        "str",
        "YYYY, YYYY-MM or YYYY-MM-DD as precise as the source is; empty when it gives no year.",
        "AAAA, AAAA-MM ou AAAA-MM-JJ, aussi précis que la source ; vide quand elle ne donne pas d'année.",
    ),
    "events.kind": Column(
        "str",
        "plan_announced, policy_since, centre_opened, company_founded, appointment, target_year, trade_fair or "
        "law_enacted.",
        "plan_announced (plan annoncé), policy_since (politique en place depuis), centre_opened (centre ouvert), "
        "company_founded (entreprise fondée), appointment (nomination), target_year (année cible), trade_fair "
        "(salon) ou law_enacted (loi promulguée).",
    ),
    "events.description": Column(
        "str", "One-line English description.", "Description en une ligne, en anglais.", display="long_text"
    ),
    "events.description_fr": Column(
        "str", "The description in French.", "La description en français.", display="long_text"
    ),
    "events.pillar_ids": Column(
        "list", "Pillars the event concerns, ';'-separated.", "Piliers que l'événement concerne, séparés par des ';'."
    ),
    # --- data/instruments.csv ------------------------------------------------------------------------------------
    "instruments.instrument_id": Column("str", *_ID),
    "instruments.region_id": Column("str", "Region running the programme.", "Région qui mène le programme."),
    "instruments.name": Column(
        "str", "English name of the programme or instrument.", "Nom anglais du programme ou de l'instrument."
    ),
    "instruments.name_fr": Column(
        "str", "French name of the programme or instrument.", "Nom français du programme ou de l'instrument."
    ),
    "instruments.kind": Column(
        "str",
        "hub_subsidy, company_subsidy, open_source_funding, ...",
        "hub_subsidy (aide à un pôle), company_subsidy (aide aux entreprises), open_source_funding (financement "
        "de l'open source), ...",
    ),
    "instruments.description": Column(
        "str", "What it does, in English.", "Ce qu'il fait, en anglais.", display="long_text"
    ),
    "instruments.description_fr": Column(
        "str", "What it does, in French.", "Ce qu'il fait, en français.", display="long_text"
    ),
    "instruments.pillar_ids": Column(
        "list", "Pillars the programme serves, ';'-separated.", "Piliers que le programme sert, séparés par des ';'."
    ),
    # --- data/fx_rates.csv (and the export's fx_rates table, which adds the rates the articles imply) --------------
    "fx_rates.currency": Column(
        "str", "ISO 4217 code of any currency but USD.", "Code ISO 4217 d'une devise autre que l'USD."
    ),
    "fx_rates.year": Column(
        "Int64",
        "Year the annual (period) average covers (empty for a rate an article implies).",
        "Année que couvre la moyenne annuelle (ou de période) ; vide pour un taux implicite d'un article.",
        display="year",
    ),
    "fx_rates.units_per_usd": Column(
        "float64",
        "Currency units per US dollar (annual or period average; for a rate an article implies, its figure divided "
        "by its stated USD equivalent).",
        "Unités de la devise pour un dollar US (moyenne annuelle ou de période ; pour un taux implicite, le chiffre "
        "de l'article divisé par son équivalent en dollars).",
        display="rate",
    ),
    "fx_rates.series_id": Column(
        "str",
        "wdi (World Bank official rate) or fed (Federal Reserve G.5A).",
        "wdi (taux officiel de la Banque mondiale) ou fed (Réserve fédérale, G.5A).",
    ),
    "fx_rates.series": Column("str", "Name of the published series.", "Nom de la série publiée."),
    "fx_rates.publisher": Column("str", "Who publishes the series.", "Qui publie la série."),
    "fx_rates.source_title": Column("str", "Title of the publication.", "Titre de la publication."),
    "fx_rates.read_at": Column(
        "str",
        "Where the figure was read (URL, or repository and commit).",
        "Où le chiffre a été lu (URL, ou dépôt et commit).",
        display="url",
    ),
    "fx_rates.release_date": Column(
        "str", "Release or update date of the publication.", "Date de parution ou de mise à jour de la publication."
    ),
    "fx_rates.row_as_read": Column(
        "str",
        "The source row exactly as read, where it is a table.",
        "La ligne de la source telle qu'elle a été lue, quand c'est un tableau.",
        display="long_text",
    ),
    "fx_rates.basis": Column(
        "str",
        "wdi or fed (the reference series_id), or article_implied (a rate an article's own USD equivalent implies).",
        "wdi ou fed (la série de référence, series_id), ou article_implied (un taux qu'implique l'équivalent en "
        "dollars donné par un article).",
    ),
    "fx_rates.source": Column(
        "str",
        "Publisher and series of a reference rate, or the article's own conversion (in the language of the export).",
        "Éditeur et série d'un taux de référence, ou la conversion de l'article lui-même (dans la langue de l'export).",
        label="column.fx_source",
    ),
    "fx_rates.source_id": Column(
        "str",
        "Seed whose figure implies the rate (article-implied rates only).",
        "Source dont le chiffre implique le taux (taux implicites seulement).",
    ),
    "fx_rates.fact_id": Column(
        "str",
        "Fact whose stated USD equivalent implies the rate (article-implied rates only).",
        "Fait dont l'équivalent en dollars implique le taux (taux implicites seulement).",
    ),
    "fx_rates.derivation": Column(
        "str",
        "How the rate was obtained, in words: a published average, or the article's figure and its USD equivalent.",
        "Comment le taux a été obtenu, en mots : une moyenne publiée, ou le chiffre de l'article et son équivalent "
        "en dollars.",
        display="long_text",
    ),
    # --- data/population.csv -------------------------------------------------------------------------------------
    "population.region_id": Column("str", "Region (regions.region_id).", "Région (regions.region_id)."),
    "population.year": Column(
        "Int64", "Year the population figure describes.", "Année que décrit le chiffre de population.", display="year"
    ),
    "population.population": Column(
        "Int64",
        "Inhabitants (see definition: mid-year, year-end, census).",
        "Habitants (voir definition : milieu d'année, fin d'année, recensement).",
    ),
    "population.definition": Column(
        "str",
        "What is counted and when (mid-year estimate, year-end residents, census).",
        "Ce qui est compté et à quelle date (estimation de milieu d'année, résidents en fin d'année, recensement), "
        "en anglais.",
        display="long_text",
    ),
    "population.publisher": Column(
        "str",
        "Statistics office or database that published the figure.",
        "Office statistique ou base de données qui a publié le chiffre.",
    ),
    "population.read_at": Column(
        "str",
        "Where the figure was read: the publisher's own page, a mirror or a press report.",
        "Où le chiffre a été lu : la page de l'éditeur, un miroir ou un article de presse.",
        display="url",
    ),
    "population.excerpt": Column(
        "str",
        "The sentence or row the figure was read from, as written.",
        "La phrase ou la ligne d'où le chiffre a été lu, telle qu'écrite.",
        display="long_text",
    ),
    "population.primary_or_secondary": Column(
        "str",
        "'primary ...' (the publisher's data) or 'secondary: ...' (a report quoting it), with details.",
        "'primary ...' (les données de l'éditeur) ou 'secondary: ...' (un rapport qui les cite), avec des détails, "
        "en anglais.",
    ),
    "population.primary_or_secondary_fr": Column(
        "str",
        "primary_or_secondary in French ('données primaires ...' or 'secondaire : ...'); code reads the English "
        "column's prefix.",
        "primary_or_secondary en français ('données primaires ...' ou 'secondaire : ...') ; le code lit le préfixe "
        "de la colonne anglaise.",
    ),
    # --- data/audit_exclusions.csv -------------------------------------------------------------------------------
    "audit_exclusions.source_id": Column("str", "Seed containing the mention.", "Source qui contient la mention."),
    "audit_exclusions.context": Column(
        "str",
        "Verbatim passage around the mention, enough to find it in the seed.",
        "Passage exact autour de la mention, assez pour la retrouver dans la source.",
        display="long_text",
    ),
    "audit_exclusions.mention": Column(
        "str",
        "The numeric text excluded, as it appears inside `context`.",
        "Le texte numérique exclu, tel qu'il apparaît dans `context`.",
    ),
    "audit_exclusions.reason": Column(
        "str",
        "Why this is not a fact (model name, century, URL, ...).",
        "Pourquoi ce n'est pas un fait (nom de modèle, siècle, URL...), en anglais.",
        display="long_text",
    ),
    "audit_exclusions.reason_fr": Column("str", "The reason in French.", "La raison en français.", display="long_text"),
    # --- data/caveats.csv ----------------------------------------------------------------------------------------
    "caveats.caveat_id": Column("str", *_ID),
    "caveats.fact_ids": Column(
        "list",
        "The figures the caveat is about (facts.fact_id), ';'-separated; it is shown while the data holds them all.",
        "Les chiffres dont parle la mise en garde (facts.fact_id), séparés par des ';' ; elle est affichée tant que "
        "les données les contiennent tous.",
    ),
    "caveats.caveat": Column(
        "str",
        "What a reader must know before comparing these figures, in English; every number in it is one of its "
        "figures' (validated).",
        "Ce qu'un lecteur doit savoir avant de comparer ces chiffres, en anglais ; chaque nombre cité est l'un de "
        "ceux de ses chiffres (validé).",
        display="long_text",
    ),
    "caveats.caveat_fr": Column("str", "The caveat in French.", "La mise en garde en français.", display="long_text"),
    # === derived: what an export adds ===============================================================================
    "regions.name": Column(
        "str",
        "Name of the region in the language of the export (name_en or name_fr); in an export of a language view (the "
        "dashboard's downloads).",
        "Nom de la région dans la langue de l'export (name_en ou name_fr) ; dans l'export d'une vue dans une langue "
        "(les téléchargements du tableau de bord).",
    ),
    # --- the facts table (indicators.facts_table) ------------------------------------------------------------------
    "facts.region_name": Column(
        "str",
        "Name of the region, in the language of the export (regions.name_en or name_fr).",
        "Nom de la région, dans la langue de l'export (regions.name_en ou name_fr).",
    ),
    "facts.indicator_name": Column(
        "str",
        "Name of the indicator, in the language of the export (indicators.name or name_fr).",
        "Nom de l'indicateur, dans la langue de l'export (indicators.name ou name_fr).",
    ),
    "facts.category": Column(
        "str", "Category of the indicator (indicators.category).", "Catégorie de l'indicateur (indicators.category)."
    ),
    "facts.value_usd": Column(
        "float64",
        "value divided by fx_rate: the figure in US dollars; empty when it is not converted (not money, or no rate "
        "for its currency: fx_derivation says why).",
        "value divisé par fx_rate : le chiffre en dollars US ; vide quand il n'est pas converti (pas de l'argent, ou "
        "pas de taux pour sa devise : fx_derivation dit pourquoi).",
        display="usd",
    ),
    "facts.fx_rate": Column(
        "float64",
        "Currency units per US dollar used for value_usd (1 for a figure stated in USD; empty when not converted).",
        "Unités de la devise pour un dollar US utilisées pour value_usd (1 pour un chiffre énoncé en USD ; vide "
        "quand il n'est pas converti).",
    ),
    "facts.fx_basis": Column(
        "str",
        "The rate used: wdi (World Bank official rate), fed (Federal Reserve G.5A), article_implied (the articles' "
        "own conversions) or stated_usd (stated in US dollars, nothing converted); empty when not converted.",
        "Le taux utilisé : wdi (taux officiel de la Banque mondiale), fed (Réserve fédérale, G.5A), article_implied "
        "(les conversions des articles eux-mêmes) ou stated_usd (énoncé en dollars, rien de converti) ; vide quand "
        "il n'est pas converti.",
    ),
    "facts.fx_derivation": Column(
        "str",
        "How value_usd was computed, or why the figure is not converted, in words (in the language of the export).",
        "Comment value_usd a été calculé, ou pourquoi le chiffre n'est pas converti, en mots (dans la langue de "
        "l'export).",
        display="long_text",
    ),
    "facts.value_label": Column(
        "str",
        "value with its unit, qualifier and, for a target or a proposal, its status, as the app shows it "
        "('≤ 50 M CNY', '> 700'), in the language of the export.",
        "value avec son unité, sa prudence et, pour un objectif ou une proposition, son statut, comme l'application "
        "l'affiche ('≤ 50 M CNY', '> 700'), dans la langue de l'export.",
    ),
    "facts.origin": Column(
        "str",
        "curated (from data/) or user (rows the reader uploaded in this session, never in data/).",
        "curated (tiré de data/) ou user (lignes que le lecteur a chargées dans cette session, jamais dans data/).",
    ),
    # --- columns the funding and comparison tables share -------------------------------------------------------------
    "instrument_name": Column(
        "str",
        "Name of the programme the figure belongs to, in the language of the export (empty if none).",
        "Nom du programme auquel le chiffre appartient, dans la langue de l'export (vide s'il n'y en a pas).",
    ),
    "derivation": Column(
        "str",
        "How the figures in this row were derived, in words (in the language of the export).",
        "Comment les chiffres de cette ligne ont été obtenus, en mots (dans la langue de l'export).",
        display="long_text",
    ),
    "comparability_class": Column(
        "str",
        "The figure's comparability class: indicator|scope|status|ai_specificity|geo_reach|funder ('-' where a "
        "dimension is empty).",
        "La classe de comparabilité du chiffre : indicator|scope|status|ai_specificity|geo_reach|funder ('-' quand "
        "une dimension est vide).",
    ),
    "class_label": Column(
        "str",
        "The comparability class in words (AI specificity · status · reach, and funder for money), in the language "
        "of the export.",
        "La classe de comparabilité en mots (spécificité IA · statut · portée, et financeur pour l'argent), dans la "
        "langue de l'export.",
    ),
    "headline_class": Column(
        "str",
        "The class heading this indicator in this table: the one most regions report, then the firmest.",
        "La classe en tête de cet indicateur dans cette table : celle que le plus de régions rapportent, puis la "
        "plus ferme.",
    ),
    "in_headline_class": Column(
        "bool",
        "Whether the figure is of the headline class (only such figures are comparable as they stand).",
        "Si le chiffre est de la classe de tête (seuls ces chiffres se comparent tels quels).",
    ),
    "difference_note": Column(
        "str",
        "How the figure differs from the headline class, each side with its own words ('this figure: target, AI "
        "only; headline kind: in force (budget or programme), broader technology, not AI-specific'); empty when it "
        "is of that class.",
        "En quoi le chiffre diffère de la classe de tête, chaque côté avec ses propres mots (« ce chiffre : objectif, "
        "IA uniquement ; nature de référence : en vigueur (budget ou programme), technologie au sens large… ») ; "
        "vide quand il en est.",
        display="note",
    ),
    "population_region_id": Column(
        "str",
        "Region whose population divides the figure: the region it describes (empty when no population is cited).",
        "Région dont la population divise le chiffre : celle qu'il décrit (vide quand aucune population n'est citée).",
    ),
    "population": Column(
        "Int64",
        "Inhabitants of population_region_id (population table).",
        "Habitants de population_region_id (table population).",
    ),
    "population_year": Column(
        "Int64", "Year of that population figure.", "Année de ce chiffre de population.", display="year"
    ),
    "population_source": Column(
        "str",
        "Publisher, definition and, for a secondary source, the report it was read in.",
        "Éditeur, définition et, pour une source secondaire, le rapport où il a été lu.",
        display="long_text",
    ),
    "population_is_secondary": Column(
        "boolean",
        "True when the population was read in a press report quoting the publisher.",
        "Vrai quand la population a été lue dans un article de presse qui cite l'éditeur.",
    ),
    "per_million_derivation": Column(
        "str",
        "How the per-million figure was derived, with the population's source; or why none.",
        "Comment le chiffre par million d'habitants a été obtenu, avec la source de la population ; ou pourquoi "
        "il n'y en a pas.",
        display="long_text",
    ),
    # --- the funding table (indicators.funding_table) ----------------------------------------------------------------
    "funding.instrument_name": Column(
        "str",
        "Name of the programme the figure belongs to, else of its indicator, in the language of the export.",
        "Nom du programme auquel le chiffre appartient, sinon de son indicateur, dans la langue de l'export.",
    ),
    "funding.funding_view": Column(
        "str",
        "The figure's scope in words (cap per recipient, per year, multi-year total, cumulative total...), in the "
        "language of the export: figures are compared within one view.",
        "La portée du chiffre en mots (plafond par bénéficiaire, par an, total pluriannuel, cumul...), dans la "
        "langue de l'export : les chiffres se comparent au sein d'une même vue.",
    ),
    "funding.per_year_value": Column(
        "float64",
        "Funding per year in the original currency, where it can be derived honestly (else empty).",
        "Financement par an dans la devise d'origine, quand on peut l'obtenir honnêtement (sinon vide).",
    ),
    "funding.per_year_usd": Column(
        "float64", "per_year_value in US dollars.", "per_year_value en dollars US.", display="usd"
    ),
    "funding.value_usd_per_million": Column(
        "float64",
        "value_usd per million inhabitants (regional budgets and counts only, else empty).",
        "value_usd par million d'habitants (budgets et effectifs régionaux seulement, sinon vide).",
        display="usd",
    ),
    "funding.per_year_usd_per_million": Column(
        "float64",
        "per_year_usd per million inhabitants (regional budgets only, else empty).",
        "per_year_usd par million d'habitants (budgets régionaux seulement, sinon vide).",
        display="usd",
    ),
    "funding.headline_class": Column(
        "str",
        "The class heading this funding view in this table: the one most regions report, then the firmest.",
        "La classe en tête de cette vue de financement dans cette table : celle que le plus de régions rapportent, "
        "puis la plus ferme.",
    ),
    # --- the comparison table (indicators.comparison_long) -----------------------------------------------------------
    "comparison.region_id": Column(
        "str",
        "Region compared; a province's rows include its cities' own figures (reported_for names the city).",
        "Région comparée ; les lignes d'une province comprennent les chiffres propres de ses villes (reported_for "
        "nomme la ville).",
    ),
    "comparison.indicator_id": Column(
        "str",
        "What is measured (indicators.indicator_id), or funding_per_year: a money figure restated per year.",
        "Ce qui est mesuré (indicators.indicator_id), ou funding_per_year : un montant ramené à l'année.",
    ),
    "comparison.report_status": Column(
        "str",
        "'reported', or 'not_reported' when the articles give no figure for the pair (never 0).",
        "'reported', ou 'not_reported' quand les articles ne donnent aucun chiffre pour la paire (jamais 0).",
    ),
    "comparison.reported_for": Column(
        "str",
        "Region the fact was reported for (a city counts towards its province).",
        "Région pour laquelle le fait a été rapporté (une ville compte pour sa province).",
    ),
    "comparison.fact_id": Column(
        "str",
        "The fact (facts.fact_id); empty for a pair not reported.",
        "Le fait (facts.fact_id) ; vide pour une paire sans chiffre.",
    ),
    "comparison.value": Column(
        "float64",
        "The figure in `unit`: as the source states it, or per year for funding_per_year (derivation says how).",
        "Le chiffre dans l'unité `unit` : tel que la source l'énonce, ou par an pour funding_per_year (derivation "
        "dit comment).",
    ),
    "comparison.comparable_value": Column(
        "float64",
        "The figure in a common unit: value_usd for money, value otherwise.",
        "Le chiffre dans une unité commune : value_usd pour l'argent, value sinon.",
        label="column.comparable",
    ),
    "comparison.comparable_unit": Column(
        "str",
        "Unit of comparable_value: USD for money, the fact's unit otherwise.",
        "Unité de comparable_value : USD pour l'argent, l'unité du fait sinon.",
    ),
    "comparison.comparable_value_per_million": Column(
        "float64",
        "comparable_value per million inhabitants (regional budgets and counts only).",
        "comparable_value par million d'habitants (budgets et effectifs régionaux seulement).",
        label="column.per_million",
    ),
    # --- the audit table (audit.audit_mentions) ----------------------------------------------------------------------
    "audit.source_id": Column(
        "str", "Seed containing the mention (sources.source_id).", "Source qui contient la mention (sources.source_id)."
    ),
    "audit.line": Column(
        "int64", "Line of the seed file the mention is on.", "Ligne du fichier source où se trouve la mention."
    ),
    "audit.kind": Column(
        "str",
        "number (digits or number words) or ranking (a superlative or a top-N statement).",
        "number (des chiffres ou des nombres en lettres) ou ranking (un superlatif ou un classement « parmi les N »).",
    ),
    "audit.mention": Column(
        "str", "The numeric text as written in the seed.", "Le texte numérique tel qu'écrit dans la source."
    ),
    "audit.value": Column(
        "float64",
        "The number the mention states (empty for a ranking that states no rank).",
        "Le nombre qu'énonce la mention (vide pour un classement qui ne donne pas de rang).",
    ),
    "audit.status": Column(
        "str",
        "covered (a fact's or event's quote holds it), excluded (audit_exclusions) or uncovered.",
        "covered (la citation d'un fait ou d'un événement la contient), excluded (audit_exclusions) ou uncovered "
        "(non couverte).",
    ),
    "audit.by": Column(
        "str",
        "The fact or event covering the mention, or the reason it is excluded.",
        "Le fait ou l'événement qui couvre la mention, ou la raison de son exclusion.",
    ),
    "audit.context": Column(
        "str", "The words around the mention.", "Les mots autour de la mention.", display="long_text"
    ),
}

COLUMNS: dict[str, Column] = {
    key: dataclasses.replace(column, name=key.rpartition(".")[2]) for key, column in _DECLARED.items()
}
"""'table.column' (or a bare column name) -> its Column."""


def column_key(table: str, name: str) -> str | None:
    """The registry key that describes `table`'s column `name`: the table's own ('facts.value'), else, for a derived
    table, the facts' ('facts.value' for funding.value), else the bare name ('quote'); None when there is none."""
    base = DERIVED_TABLES.get(table)
    for key in (f"{table}.{name}", f"{base}.{name}" if base else None, name):
        if key in COLUMNS:
            return key
    return None


def find_column(table: str, name: str) -> Column | None:
    """The Column of `table`'s column `name` (see column_key), or None."""
    key = column_key(table, name)
    return None if key is None else COLUMNS[key]


def column(table: str, name: str) -> Column:
    """find_column, raising KeyError when the registry does not know the column."""
    found = find_column(table, name)
    if found is None:
        raise KeyError(f"{table}.{name} is not in the column registry (ecodash.schema.columns.COLUMNS)")
    return found


def describe(table: str, name: str, *, language: str = "en", texts: str = "en") -> str:
    """The column's description in `language` ("en" or "fr").

    `texts`: the language of the exported texts. In a French view (`texts` "fr") a text column holds its French
    sibling (name <- name_fr, note <- note_fr): the sibling is described, with a word saying so."""
    sibling = french_columns(table).get(name) if table in TABLE_MODELS else None
    if texts == "fr" and sibling:
        described = column(table, sibling)
        if language == "fr":
            return f"{described.description_fr} (Un export en français met {sibling} dans cette colonne.)"
        return f"{described.description} (A French export holds {sibling} in this column.)"
    described = column(table, name)
    return described.description_fr if language == "fr" else described.description


def stored_dtypes(table: str) -> dict[str, str]:
    """Column -> registry dtype of a curated table's columns, in its CSV order ("list": ';'-joined ids)."""
    return {name: column(table, name).dtype for name in table_columns(table)}


def derived_columns(table: str) -> tuple[str, ...]:
    """The columns an export of curated `table` adds beyond its contract (facts: region_name, value_usd...)."""
    stored = set(table_columns(table)) if table in TABLE_MODELS else set()
    prefix = f"{table}."
    return tuple(key[len(prefix) :] for key in COLUMNS if key.startswith(prefix) and key[len(prefix) :] not in stored)


@dataclass(frozen=True)
class Display:
    """How a page shows one column in a table (st.dataframe's column_config), without Streamlit: `kind` is text,
    number, checkbox or link; `format` a Streamlit number format; `label` the catalogue key of its header;
    `link_text` the catalogue key of a link's text (None: the link shows its address)."""

    label: str
    kind: str
    format: str | None = None
    width: str | None = None
    link_text: str | None = None


_DISPLAY_CONFIG = {
    "text": ("text", None, None),
    "long_text": ("text", None, "large"),
    "note": ("text", None, "medium"),
    "number": ("number", "localized", None),
    "rate": ("number", None, None),  # Streamlit's own number format: a rate keeps the decimals its source publishes
    "integer": ("number", "localized", None),
    "year": ("number", "%d", None),
    "usd": ("number", "dollar", "medium"),
    "boolean": ("checkbox", None, None),
    "url": ("link", None, None),
}


def display(shown_as: str, label: str, *, link_text: str | None = None) -> Display:
    """How a page shows a column displayed as `shown_as` (one of DISPLAYS) under the header `label` (a catalogue
    key): the registry's columns, and the columns a page makes for itself, which are not data."""
    kind, number_format, width = _DISPLAY_CONFIG[shown_as]
    return Display(label, kind, number_format, width, link_text)


def display_config(table: str, names) -> dict[str, Display]:
    """Column -> how a page shows it, for the columns of `names` the registry knows (a page's own columns are left
    to the page)."""
    out = {}
    for name in names:
        found = find_column(table, name)
        if found is not None:
            out[name] = display(found.shown_as, found.label or f"column.{name}")
    return out
