"""The Danish words of the web app: labels, messages and example questions, in one place.

Out of scope: layout (``ui.app``) and formatting records (``ui.render``). Keep every string a
user sees here, so that the interface reads as one voice and can be translated in one file.
"""

from __future__ import annotations

import datetime as dt

from ingest.dates import MONTH_NAMES_DA

TITLE = "Referat"
TAGLINE = (
    "Spørg om, hvad kommunernes udvalg har besluttet. Hvert svar henviser til det punkt og den sag, "
    "det bygger på. Klik på en kilde for at se punktet i referatet."
)

EXAMPLE_QUESTIONS: tuple[str, ...] = (
    "Hvad blev der besluttet om Frederikshavnerordningen?",
    "Hvor mange kommuner deltog i projektet Flere Indvandrerkvinder i Beskæftigelse?",
    "Hvem havde afbud til mødet i Arbejdsmarkedsudvalget?",
    "Hvad handlede sag EMN-2024-00966 om?",
)

# Tabs
TAB_CHAT = "Spørg"
TAB_CASE = "Sagsforløb"
TAB_DOCUMENTS = "Dokumenter"

# Chat
QUESTION_LABEL = "Dit spørgsmål"
QUESTION_PLACEHOLDER = "Fx: Hvad blev der besluttet om Frederikshavnerordningen?"
ASK_BUTTON = "Spørg"
CLEAR_BUTTON = "Ny samtale"
CHAT_LABEL = "Samtale"
CHAT_PLACEHOLDER = "Stil et spørgsmål om referaterne – eller vælg et eksempel nedenfor."
EXAMPLES_LABEL = "Eksempler"
SEARCHING = "Søger i referaterne …"
WAITING_FOR_EXAMPLES = "Eksempelreferaterne indlæses stadig ({done}/{total}) – et øjeblik …"
EMPTY_QUESTION = "Skriv et spørgsmål først."
ERROR_IN_ANSWER = "⚠️ Der opstod en fejl, og spørgsmålet kunne ikke besvares: {message}"
INTERNAL_ERROR = "en uventet fejl ({kind}). Prøv igen, eller omformulér spørgsmålet."
SOURCES_HEADING = "Kilder"
CITATIONS_LABEL = "Kilder til svaret – klik for at se punktet"
NO_CITATIONS = "Svaret henviser ikke til et bestemt punkt."
REFUSED_NOTE = "Referaterne siger ikke noget sikkert om det."

# Filters
FILTERS_HEADING = "Afgræns søgningen"
MUNICIPALITY_LABEL = "Kommune"
COMMITTEE_LABEL = "Udvalg"
ALL = "Alle"
DATE_FROM_LABEL = "Fra dato"
DATE_TO_LABEL = "Til dato"
DATE_PLACEHOLDER = "ÅÅÅÅ-MM-DD"
BAD_DATE = "{label} skal skrives som ÅÅÅÅ-MM-DD, fx 2024-03-06 (ikke {value!r})."
EMPTY_RANGE = "Datointervallet er tomt: {start} ligger efter {end}."

# Source view
SOURCE_HEADING = "Punktet i referatet"
SOURCE_EMPTY = "Klik på en kilde under svaret for at se hele punktet her."
SOURCE_MISSING = "Punktet findes ikke længere i indekset (dokumentet er måske fjernet)."
FIELD_COMMITTEE = "Udvalg"
FIELD_MUNICIPALITY = "Kommune"
FIELD_DATE = "Mødedato"
FIELD_ITEM = "Punkt"
FIELD_CASE = "Sag"
FIELD_PAGES = "Sider"
PAGE = "side"
FIELD_CLOSED = "Lukket punkt"
DECISION_HEADING = "Beslutning"
NO_DECISION = "Referatet har ingen beslutning på dette punkt."
FULL_TEXT_HEADING = "Hele punktet"
QUOTE_NOTE = "Det fremhævede er citeret i svaret."
OPEN_SOURCE = "Åbn kildedokumentet"
OPEN_SOURCE_PAGE = "Åbn kildedokumentet på side {page}"
SHOW_CASE_BUTTON = "Vis sagens forløb"

# Case view
CASE_LABEL = "Sagsnummer"
CASE_PLACEHOLDER = "Fx EMN-2024-00966"
CASE_BUTTON = "Vis forløb"
CASE_INTRO = "Skriv et sagsnummer for at se alle møder, hvor sagen har været behandlet, med hver beslutning."
CASE_NONE = "Ingen møder i indekset har behandlet sag {case_id}."
CASE_EMPTY_INPUT = "Skriv et sagsnummer, fx EMN-2024-00966."
CASE_HEADING = "Sag {case_id}: behandlet på {n} møde(r)"

# Documents
UPLOAD_LABEL = "Upload referater (PDF, tekst, HTML, eDoc-XML eller FirstAgenda-JSON)"
UPLOAD_BUTTON = "Indlæs filerne"
UPLOAD_NONE = "Vælg en eller flere filer først."
UPLOAD_PROGRESS = "Indlæser {name}"
RESULT_COLUMNS = ["Fil", "Resultat", "Punkter", "Tekststykker", "Besked"]
RESULT_ADDED = "indlæst"
RESULT_UNCHANGED = "uændret"
RESULT_FAILED = "fejl"
TOO_BIG = "Filen er for stor ({size_mb:.1f} MB); grænsen er {limit} MB."
BAD_TYPE = "Filtypen {suffix!r} kan ikke indlæses; brug .pdf, .txt, .json, .html eller .xml."
# The parse check of an added document (ingest.check), in the result row's message.
CHECK_SUMMARY = "Forstået: {items} punkter, {case_ids} med sagsnummer, {decisions} med beslutning; fundet: {fields}."
CHECK_FIELDS = {"municipality": "kommune", "committee": "udvalg", "date": "dato", "time": "tidspunkt",
                "location": "sted", "participants": "deltagere", "absent": "afbud"}  # fmt: skip
CHECK_WARNING = "Advarsel: {warning}."
NOT_PDF = "Filen hedder .pdf, men er ikke en PDF."
NOT_JSON = "Filen er ikke gyldig JSON: {reason}"
NOT_TEXT = "Filen er ikke en tekstfil."
REPLACED = "erstatter {names}"
READ_ONLY = "Referat kører skrivebeskyttet: dokumenter kan ikke indlæses eller fjernes her."
ANONYMOUS_WRITES_WARNING = (
    "Advarsel: {host} kan nås fra netværket uden login, og alle dér kan indlæse og fjerne dokumenter "
    "(--allow-anonymous-writes)."
)
EMPTY_FILE = "Filen er tom."
DOCUMENTS_HEADING = "Indlæste dokumenter"
DOCUMENT_COLUMNS = ["Dokument", "Kommune", "Udvalg", "Mødedato", "Punkter", "Tekststykker"]
REMOVE_LABEL = "Dokument, der skal fjernes"
REMOVE_BUTTON = "Fjern dokumentet"
REMOVED = "Fjernede {source} ({chunks} tekststykker)."
REMOVE_NONE = "Vælg et dokument først."
REFRESH_BUTTON = "Opdater listen"
DOCUMENTS_SUMMARY = "{documents} dokumenter · {items} punkter · {chunks} tekststykker"

# First start
BOOTSTRAP_RUNNING = "Første start: indlæser eksempelreferaterne ({done}/{total}) …"
BOOTSTRAP_DONE = "Eksempelreferaterne er indlæst ({items} punkter). Stil et spørgsmål!"
BOOTSTRAP_FAILED = "Eksempelreferaterne kunne ikke indlæses: {message}"

# Login
AUTH_MESSAGE = "Log ind for at bruge Referat."

MONTHS = MONTH_NAMES_DA  # the one table of month names (ingest.dates)


def danish_date(d: dt.date) -> str:
    """``danish_date(date(2024, 3, 6))`` -> ``"6. marts 2024"``."""
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"
