"""Writes ``evals/suites/full.jsonl`` and ``evals/suites/frederikshavn.jsonl`` from the question
table below. The table is the source of truth; each question was written by reading the
minutes (see evals/README.md), and ``python -m evals.tools.verify_suite`` re-checks every fact
against the source text.

Run: ``.venv/bin/python evals/tools/build_suites.py``. Out of scope: answering anything.
"""

from __future__ import annotations

import json
from pathlib import Path

SUITES = Path(__file__).resolve().parents[1] / "suites"

# (committee, date) of the single-meeting sources
FR = ("Arbejdsmarkedsudvalget", "2024-03-06")
AA = ("Aarhus Byråd", "2025-08-27")
BA = ("Sundheds- og Forebyggelsesudvalget", "2012-12-04")
G_BYR = "Byråd 2022-2025"
G_OEU = "Økonomiudvalget"
G_KTM = "Klima-, Teknik- og Miljøudvalget"
G_KFU = "Kultur- og Fritidsudvalget"
G_SOU = "Sundheds- og Omsorgsudvalget"
G_SBU = "Skole-, Børne- og Ungeudvalget"
G_PTU = "Plan- og Tryghedsudvalget"
G_BEU = "Beskæftigelses- og Erhvervsudvalget"
G_SHU = "Social- og Handicapudvalget"

QUESTIONS: list[dict] = []


def q(qid, kind, question, exp=None, facts=(), also=(), history=(), answerable=True):
    """exp = (committee, date, item_number, case_id); also = [(date, item_number, case_id), ...]."""
    expected = None
    if exp is not None:
        c, d, n, case = exp
        expected = {
            "committee": c,
            "date": d,
            "item_number": n,
            "case_id": case,
            "also_ok": [{"date": a, "item_number": b, "case_id": k} for a, b, k in also],
        }
    QUESTIONS.append(
        {
            "id": qid,
            "kind": kind,
            "question": question,
            "answerable": answerable,
            "expected": expected,
            "facts": [list(f) for f in facts],
            "history": list(history),
        }
    )


def fr(n, case):
    return (*FR, n, case)


def aa(n, case):
    return (*AA, n, case)


def ba(n, case):
    return (*BA, n, case)


def case_only(committee, case):
    return (committee, None, None, case)


# ---------------------------------------------------------------- Frederikshavn (CI suite)
q(
    "fr-01",
    "decision",
    "Hvad blev der besluttet om Frederikshavnerordningen?",
    fr("5", "EMN-2024-00966"),
    [["afskaffes", "afskaffet", "lukkes"]],
)
q(
    "fr-02",
    "number",
    "Hvor mange personer var på Frederikshavnerordningen i 2017?",
    fr("5", "EMN-2024-00966"),
    [["10 personer", "10"]],
)
q(
    "fr-03",
    "number",
    "Hvad var det årlige forbrug på Frederikshavnerordningen i 2017?",
    fr("5", "EMN-2024-00966"),
    [["543.126"]],
)
q(
    "fr-04",
    "number",
    "Hvor stor en udgift forventes der til Frederikshavnerordningen i 2024?",
    fr("5", "EMN-2024-00966"),
    [["155.000"]],
)
q(
    "fr-05",
    "who",
    "Hvem havde meldt afbud til Arbejdsmarkedsudvalgets møde i Frederikshavn den 6. marts 2024?",
    (*FR, None, None),
    [["Mette Hardam"], ["Erik Kyed Trolle", "Erik Kyed Trolel"]],
)
q(
    "fr-06",
    "number",
    "Hvor mange nye jobkonsulenter ansatte Jobcenter Frederikshavn i forbindelse med investeringscasen for sygedagpenge?",
    fr("3", "EMN-2015-00255"),
    [["fire", "4"]],
)
q(
    "fr-07",
    "number",
    "Hvor mange penge bevilligede byrådet i alt til den toårige indsats for sygedagpengemodtagere?",
    fr("3", "EMN-2015-00255"),
    [["3,6 mio"]],
)
q(
    "fr-08",
    "number",
    "Hvad var den gennemsnitlige varighed af de aktive sygedagpengeforløb ved opdateringen i januar 2024?",
    fr("3", "EMN-2015-00255"),
    [["28 uger"]],
)
q(
    "fr-09",
    "paraphrase",
    "Lykkes det at få sygemeldte borgere hurtigere tilbage på arbejdspladsen i Frederikshavn?",
    fr("3", "EMN-2015-00255"),
    [["Godkendt", "efterretning"]],
)
q(
    "fr-10",
    "case_lookup",
    "Hvad handler sag EMN-2024-00732 om?",
    fr("4", "EMN-2024-00732"),
    [["budget 2025-2028", "budget 2025"]],
)
q(
    "fr-11",
    "item_lookup",
    "Hvad var punkt 7 på Arbejdsmarkedsudvalgets møde i Frederikshavn den 6. marts 2024?",
    fr("7", "EMN-2022-04249"),
    [["SammenUng"]],
)
q(
    "fr-12",
    "item_lookup",
    "Hvad blev der besluttet under punkt 5 på mødet 6. marts 2024 i Arbejdsmarkedsudvalget?",
    fr("5", "EMN-2024-00966"),
    [["Frederikshavnerordningen"], ["Godkendt", "afskaffes"]],
)
q(
    "fr-13",
    "number",
    "Hvor mange unge var aktive i SammenUng den 27. februar 2024?",
    fr("7", "EMN-2022-04249"),
    [["28"]],
)
q(
    "fr-14",
    "number",
    "Hvor mange ungeguider er ansat i SammenUng?",
    fr("7", "EMN-2022-04249"),
    [["3 ungeguider", "tre"]],
)
q(
    "fr-15",
    "number",
    "Hvor mange kvinder havde ved afslutningen været med i projektet om indvandrerkvinder i beskæftigelse i Frederikshavn?",
    fr("8", "EMN-2019-01604"),
    [["154"]],
)
q(
    "fr-16",
    "number",
    "Hvor mange af kvinderne i kvindeprojektet kom i job eller uddannelse på ordinære vilkår?",
    fr("8", "EMN-2019-01604"),
    [["65"]],
)
q(
    "fr-17",
    "number",
    "Hvor mange penge bevilgede SIRI til kvindeprojektet i 2019?",
    fr("8", "EMN-2019-01604"),
    [["2.751.920"]],
)
q(
    "fr-18",
    "number",
    "Hvor stor en andel af virksomhederne var samlet set tilfredse eller meget tilfredse med Jobcenter Frederikshavn i 2023?",
    fr("6", "EMN-2020-06772"),
    [["90 %", "90%"]],
)
q(
    "fr-19",
    "number",
    "Hvor mange kommuner deltog i KL's tilfredshedsundersøgelse blandt virksomheder i 2023?",
    fr("6", "EMN-2020-06772"),
    [["44"]],
)
q(
    "fr-20",
    "paraphrase",
    "Hvad synes arbejdsgiverne om den hjælp, de får fra kommunens jobcenter?",
    fr("6", "EMN-2020-06772"),
    [["tilfredse"]],
)
q(
    "fr-21",
    "number",
    "Hvor stor er Arbejdsmarkedsudvalgets foreløbige budgetramme for drift i 2025?",
    fr("4", "EMN-2024-00732"),
    [["1.369"]],
)
q(
    "fr-22",
    "english",
    "What did the labour market committee in Frederikshavn decide about the job scheme for unemployed people at risk of losing their benefits?",
    fr("5", "EMN-2024-00966"),
    [["afskaffes", "abolish", "lukkes"]],
)
q(
    "fr-23",
    "english",
    "How many young people were active in SammenUng at the end of February 2024?",
    fr("7", "EMN-2022-04249"),
    [["28"]],
)
q(
    "fr-24",
    "paraphrase",
    "Hvilken status fik politikerne på det anonyme rådgivningstilbud til unge fra 7. klasse?",
    fr("7", "EMN-2022-04249"),
    [["Godkendt", "efterretning"]],
)
q(
    "fr-25",
    "case_lookup",
    "Hvilket punkt har sags-ID EMN-2019-01604?",
    fr("8", "EMN-2019-01604"),
    [["Indvandrerkvinder"]],
)
q(
    "fr-26",
    "who",
    "Hvilket center var ansvarligt for sagen om tidsplan og budgetproces for budget 2025-2028?",
    fr("4", "EMN-2024-00732"),
    [["Budget og Analyse"]],
)
q(
    "fr-27",
    "followup",
    "Hvor mange borgere var på ordningen i 2023?",
    fr("5", "EMN-2024-00966"),
    [["1 person", "én borger", "én"]],
    history=["Hvad blev der besluttet om Frederikshavnerordningen?"],
)
q(
    "fr-28",
    "followup",
    "Hvor meget blev der brugt på løn i 2023?",
    fr("3", "EMN-2015-00255"),
    [["1.750.078"]],
    history=["Hvad handler investeringscasen om sygedagpenge i Frederikshavn om?"],
)
q(
    "fr-29",
    "filtered",
    "Hvilket tema havde oplægget på Arbejdsmarkedsudvalgets møde i marts 2024?",
    fr("2", "EMN-2016-03452"),
    [["førtidspension"]],
)
q(
    "fr-30",
    "filtered",
    "Hvad viste nøgletallene om ledigheden i Frederikshavn, som Arbejdsmarkedsudvalget fik i marts 2024?",
    fr("9", "EMN-2018-00535"),
    [["højere"]],
)
q(
    "fr-31",
    "item_lookup",
    "Hvad stod der på punkt 10 på Arbejdsmarkedsudvalgets møde den 6. marts 2024?",
    fr("10", "EMN-2021-03838"),
    [["Jobmesse", "orientering"]],
)
q(
    "fr-32",
    "unanswerable",
    "Hvad besluttede Arbejdsmarkedsudvalget i Frederikshavn om sommerferiejob til unge i Skagen?",
    answerable=False,
)
q("fr-33", "unanswerable", "Hvad handler sag EMN-2024-09999 om?", answerable=False)
q("fr-34", "unanswerable", "Hvad var punkt 25 på Arbejdsmarkedsudvalgets møde den 6. marts 2024?", answerable=False)

# ---------------------------------------------------------------- Aarhus Byråd 27 Aug 2025 (PDF)
q(
    "aa-01",
    "decision",
    "Hvad besluttede Aarhus Byråd om Havnens Perle?",
    aa("2", "EMN-2025-003383"),
    [["Teknisk Udvalg"]],
)
q(
    "aa-02",
    "decision",
    "Hvad blev der besluttet om forslaget om at halvere prisen på parkering i kommunale P-huse i Aarhus?",
    aa("3", "EMN-2025-003928"),
    [["vedtaget", "parkeringspolitik"]],
)
q(
    "aa-03",
    "paraphrase",
    "Skal man køre langsommere på hovedvejen gennem Løgten og Skødstrup?",
    aa("4", "EMN-2025-004084"),
    [["vedtaget", "hastighedsdæmpning"]],
)
q(
    "aa-04",
    "who",
    "Hvilken byrådsgruppe kunne ikke tiltræde indstillingen om Grenåvej i Løgten og Skødstrup?",
    aa("4", "EMN-2025-004084"),
    [["Socialdemokratiet", "Socialdemokratiets"]],
)
q(
    "aa-05",
    "number",
    "Hvor mange ledige pladser er der altid i p-husene ifølge forslaget fra KF og M?",
    aa("3", "EMN-2025-003928"),
    [["500"]],
)
q(
    "aa-06",
    "decision",
    "Blev Aarhus Kommunes regnskab for 2024 endeligt godkendt?",
    aa("5", "EMN-2025-008579"),
    [["vedtaget", "godkendes endeligt", "godkendt"]],
)
q(
    "aa-07",
    "number",
    "Hvor meget øges puljen for mere tryghed i nattelivet i Aarhus i 2025?",
    aa("6", "EMN-2025-000517"),
    [["25.000"]],
)
q(
    "aa-08",
    "who",
    "Hvilken byrådsgruppe kunne ikke tiltræde beslutningspunkt 5 i sagen om en handlingsplan mod diskrimination i Aarhus?",
    aa("6", "EMN-2025-000517"),
    [["Danmarksdemokraterne", "Danmarksdemokraternes"]],
)
q(
    "aa-09",
    "number",
    "Hvad forventes Aarhus' nettoudledning at være i 2030, hvis klimaplanen gennemføres fuldt ud?",
    aa("7", "EMN-2025-008528"),
    [["-95.000", "95.000"]],
)
q(
    "aa-10",
    "number",
    "Hvad har Kredsløb opjusteret forventningerne til Carbon Capture i Energipark Lisbjerg til?",
    aa("7", "EMN-2025-008528"),
    [["435.000"]],
)
q(
    "aa-11",
    "number",
    "Hvad var det samlede forbrug på de fire afsluttede anlægsprojekter i Teknik og Miljø for 2024?",
    aa("8", "EMN-2025-005495"),
    [["821,6"]],
)
q(
    "aa-12",
    "number",
    "Hvor lang bliver broen mellem Dokk1 og Balticagade i model C?",
    aa("9", "EMN-2025-006675"),
    [["51 meter"]],
)
q(
    "aa-13",
    "decision",
    "Hvad skete der med sagen om en cykel- og gangbro ved Dokk1 på byrådsmødet i august 2025?",
    aa("9", "EMN-2025-006675"),
    [["Teknisk Udvalg"]],
)
q("aa-14", "case_lookup", "Hvad drejer sag EMN-2025-008468 sig om?", aa("10", "EMN-2025-008468"), [["Kattrup", "1221"]])
q("aa-15", "number", "Hvad koster Kongeruten i Kongelunden i alt?", aa("11", "EMN-2025-007373"), [["18,8 mio"]])
q(
    "aa-16",
    "who",
    "Hvilken fond giver en donation til Kongeruten i Aarhus?",
    aa("11", "EMN-2025-007373"),
    [["Salling Fondene"]],
)
q(
    "aa-17",
    "number",
    "Hvor stor er den samlede anlægsbevilling til det nye idrætsanlæg i Lisbjerg?",
    aa("12", "EMN-2025-007459"),
    [["30,7 mio"]],
)
q(
    "aa-18",
    "paraphrase",
    "Får det nordlige Aarhus nye kunstgræsbaner og et klubhus?",
    aa("12", "EMN-2025-007459"),
    [["Lisbjerg"]],
)
q(
    "aa-19",
    "decision",
    "Hvornår åbner Ravnbakkeskolen, og hvilke elever kan skifte dertil?",
    aa("13", "EMN-2025-007142"),
    [["1. august 2026", "1 august 2026"], ["Hårup"]],
)
q(
    "aa-20",
    "item_lookup",
    "Hvad var punkt 16 på Aarhus Byråds møde den 27. august 2025?",
    aa("16", "EMN-2025-008892"),
    [["International Aarhus"]],
)
q(
    "aa-21",
    "who",
    "Hvem stillede forslaget om at gøre Aarhus til testkommune for selvkørende biler?",
    aa("17", "EMN-2025-008893"),
    [["Jakob Søgaard Clausen", "Danmarksdemokraterne"], ["Henrik Arens", "Liberal Alliance"]],
)
q(
    "aa-22",
    "paraphrase",
    "Har Aarhus Byråd taget stilling til at beskytte havnaturen i Aarhusbugten som en slags nationalpark?",
    aa("20", "EMN-2025-008912"),
    [["Magistratsafdelingen for Teknik", "indstilling"]],
)
q(
    "aa-23",
    "english",
    "What did Aarhus City Council decide about the proposal to halve parking prices in municipal car parks?",
    aa("3", "EMN-2025-003928"),
    [["vedtaget", "adopted", "parkeringspolitik", "parking policy"]],
)
q(
    "aa-24",
    "english",
    "How much will the Kongeruten route in Kongelunden cost in total?",
    aa("11", "EMN-2025-007373"),
    [["18,8", "18.8"]],
)
q(
    "aa-25",
    "decision",
    "Hvad besluttede Aarhus Byråd om købet af en landbrugsejendom?",
    aa("21", "EMN-2025-007940"),
    [["vedtaget"]],
)
q(
    "aa-26",
    "filtered",
    "Hvad besluttede Aarhus Byråd i august 2025 om særskilt budgettering af specialundervisning?",
    aa("18", "EMN-2025-008908"),
    [["Børn og Unge"]],
)
q(
    "aa-27",
    "number",
    "Hvor mange penge blev der frigivet til arkæologiske undersøgelser i forbindelse med idrætsanlægget i Lisbjerg?",
    aa("12", "EMN-2025-007459"),
    [["3,4 mio"]],
)
q(
    "aa-28",
    "history",
    "Hvornår var forslaget om Havnens Perle første gang på byrådets dagsorden, og hvad skete der dengang?",
    aa("2", "EMN-2025-003383"),
    [["26. marts 2025", "26-03-2025"], ["udsat"]],
)
q(
    "aa-29",
    "history",
    "Hvilke politiske møder har forslaget fra RV om en handlingsplan mod diskrimination været igennem?",
    aa("6", "EMN-2025-000517"),
    [["22. januar 2025", "22-01-2025"], ["Økonomi- og Erhvervsudvalget"]],
)
q(
    "aa-30",
    "who",
    "Hvem deltog ikke i Magistratens behandling af regnskab 2024?",
    aa("5", "EMN-2025-008579"),
    [["Jesper Kjeldsen"]],
)
q(
    "aa-31",
    "followup",
    "Hvem betaler for den?",
    aa("11", "EMN-2025-007373"),
    [["Salling Fondene"]],
    history=["Hvad koster Kongeruten i Kongelunden i Aarhus?"],
)
q(
    "aa-32",
    "followup",
    "Hvilke partier kunne ikke tiltræde?",
    aa("3", "EMN-2025-003928"),
    [["Socialistisk Folkeparti", "Enhedslisten", "Radikale Venstre", "Alternativet"]],
    history=["Hvad besluttede Aarhus Byråd om at halvere prisen på parkering i kommunale P-huse?"],
)
q("aa-33", "case_lookup", "Hvad handler EMN-2025-007142 om?", aa("13", "EMN-2025-007142"), [["Ravnbakkeskolen"]])

# ---------------------------------------------------------------- Ballerup 4 Dec 2012 (PDF)
q(
    "ba-01",
    "number",
    "Hvor stor en anlægsbevilling søgte Sundheds- og Forebyggelsesudvalget i Ballerup til bygningsvedligeholdelse i 2013?",
    ba("2", "2012-28504"),
    [["1.316.000"]],
)
q(
    "ba-02",
    "decision",
    "Hvad besluttede Ballerups Sundheds- og Forebyggelsesudvalget om taksten på aflastningstilbuddet Torvevej?",
    ba("4", "2012-31673"),
    [["godkendt"], ["2 pct"]],
)
q(
    "ba-03",
    "number",
    "Hvad bliver den nye døgntakst på aflastningstilbuddet Torvevej i 2013?",
    ba("4", "2012-31673"),
    [["3.114"]],
)
q(
    "ba-04",
    "number",
    "Hvor mange penge modtager Ballerup Kommune årligt fra 2013 til kronisk syge og hverdagsrehabilitering?",
    ba("6", "2012-21786"),
    [["2,59 mio", "2,89 mio", "2.890.000"]],
)
q(
    "ba-05",
    "number",
    "Hvor mange penge blev der i Ballerup afsat til Aktivt Hverdagsliv i 2013?",
    ba("6", "2012-21786"),
    [["500.000"]],
)
q(
    "ba-06",
    "decision",
    "Hvad besluttede udvalget om aktivitetscentret på Solvej 6 i Ballerup?",
    ba("7", "2012-28505"),
    [["godkendt"], ["unge"]],
)
q(
    "ba-07",
    "number",
    "Hvor mange penge er der afsat til om- og tilbygning af Solvej 6?",
    ba("7", "2012-28505"),
    [["4 mio"]],
)
q("ba-08", "number", "Hvor mange borgere deltog på rygestopkurser i Ballerup i 2011?", ba("8", "2010-3082"), [["68"]])
q(
    "ba-09",
    "number",
    "Hvor mange procent af deltagerne på Ballerups rygestopkurser var stadig røgfri efter seks måneder?",
    ba("8", "2010-3082"),
    [["16 pct"]],
)
q(
    "ba-10",
    "paraphrase",
    "Hvordan er det gået med kommunens hold for borgere, der vil holde op med at ryge?",
    ba("8", "2010-3082"),
    [["efterretning", "68 pct", "16 pct"]],
)
q(
    "ba-11",
    "decision",
    "Hvad besluttede Sundheds- og Forebyggelsesudvalget om kvalitetsstandarderne for stof- og alkoholbehandling?",
    ba("3", "2012-31114"),
    [["godkendelse", "godkendt"]],
)
q(
    "ba-12",
    "who",
    "Hvem var formand for Sundheds- og Forebyggelsesudvalget i Ballerup i december 2012?",
    (*BA, None, None),
    [["Lolan Ottesen"]],
)
q("ba-13", "case_lookup", "Hvad handler sag 2011-29939 om?", ba("5", "2011-29939"), [["nære sundhedsvæsen"]])
q(
    "ba-14",
    "item_lookup",
    "Hvad var punkt 6 på Sundheds- og Forebyggelsesudvalgets møde den 4. december 2012?",
    ba("6", "2012-21786"),
    [["kronisk syge", "hverdagsrehabilitering"]],
)
q(
    "ba-15",
    "english",
    "What did Ballerup's health committee decide about the smoking cessation courses?",
    ba("8", "2010-3082"),
    [["efterretning", "noted"]],
)
q(
    "ba-16",
    "number",
    "Hvor meget var der i alt afsat til bygningsvedligeholdelse i Ballerup i 2013 på projekt nr. 650260?",
    ba("2", "2012-28504"),
    [["38.916.000"]],
)
q(
    "ba-17",
    "who",
    "Hvem fra Center for Ejendomme deltog i udvalgets behandling af bygningsvedligeholdelsen for 2013?",
    ba("2", "2012-28504"),
    [["Birgit Elleby Jørgensen"]],
)
q(
    "ba-18",
    "filtered",
    "Hvad drøftede Ballerups sundhedsudvalg i december 2012 om KL's arbejde med det nære sundhedsvæsen?",
    ba("5", "2011-29939"),
    [["godkendt", "drøftes", "drøftet"]],
)
q(
    "ba-19",
    "followup",
    "Hvad bliver den nye takst pr. døgn?",
    ba("4", "2012-31673"),
    [["3.114"]],
    history=["Hvad besluttede udvalget i Ballerup om takstreduktion på aflastningstilbuddet Torvevej?"],
)
q(
    "ba-20",
    "paraphrase",
    "Hvad skal de gamle lokaler på Solvej i Ballerup bruges til, og må unge også bruge dem?",
    ba("7", "2012-28505"),
    [["unge"]],
)
q("ba-21", "case_lookup", "Hvilket punkt hører sagsnummer 2012-31673 til?", ba("4", "2012-31673"), [["Torvevej"]])

# ---------------------------------------------------------------- Greve (FirstAgenda JSON)
q(
    "gr-01",
    "number",
    "Hvor stor en underskudsgaranti anbefalede Økonomiudvalget i Greve til udviklingsprojektet på Mosede Fort?",
    (G_OEU, "2023-05-08", "33", "23-004391"),
    [["7,5 mio"]],
)
q(
    "gr-02",
    "number",
    "Hvor stor var restfinansieringen for udviklingsprojektet på Mosede Fort i foråret 2023?",
    case_only(G_OEU, "23-004391"),
    [["7,56 mio"]],
)
q(
    "gr-03",
    "decision",
    "Hvad besluttede Greve Byråd i april 2023 om fleksibel udlejning i Askerød og Gersagerparken?",
    (G_BYR, "2023-04-17", "27", "22-015274"),
    [["19 for"], ["beskæftigelseskrav"]],
)
q(
    "gr-04",
    "who",
    "Hvilke partier stemte imod fleksibel udlejning i Askerød og Gersagerparken i Greve Byråd i april 2023?",
    (G_BYR, "2023-04-17", "27", "22-015274"),
    [["(Ø)", "Enhedslisten"], ["(F)", "Socialistisk Folkeparti"]],
)
q(
    "gr-05",
    "number",
    "Hvad er det forhøjede maksimumbeløb for råderet pr. lejemål, som Greve Boligselskab søgte om?",
    case_only(G_BYR, "22-000248"),
    [["186.530"]],
)
q(
    "gr-06",
    "decision",
    "Med hvilke stemmetal godkendte Greve Byråd i marts 2023 forhøjelsen af råderetsbeløbet?",
    (G_BYR, "2023-03-06", "24", "22-000248"),
    [["9 for"], ["8 imod"]],
)
q(
    "gr-07",
    "decision",
    "Fik Greve Harmoniorkester en underskudsgaranti til nytårskoncerten 2023?",
    (G_KFU, "2022-11-07", "2", "22-013917"),
    [["underskudsgaranti"]],
)
q(
    "gr-08",
    "number",
    "Hvor mange deltagere har nytårskoncerten i Portalen i Greve typisk haft?",
    (G_KFU, "2022-11-07", "2", "22-013917"),
    [["738"]],
)
q(
    "gr-09",
    "filtered",
    "Hvad besluttede Greve Byråd i oktober 2022 om saunaen i svømmehallen?",
    (G_BYR, "2022-10-03", "19", "22-011409"),
    [["slukkes"], ["babybassin", "babybassinnet"]],
)
q(
    "gr-10",
    "history",
    "Hvordan er sagen om energisparetiltag i Greve Svømmehal forløbet – blev saunaen åbnet igen?",
    case_only(G_BYR, "22-011409"),
    [["genåbnes", "genåbnet", "genåbne"]],
)
q(
    "gr-11",
    "decision",
    "Hvilken temperatur besluttede Greve Byråd i marts 2023, at der skal være i skolerne?",
    (G_BYR, "2023-03-06", "29", "22-011409"),
    [["21 grader"]],
)
q(
    "gr-12",
    "number",
    "Hvor stort et merforbrug på bygninger forventede Greve Kommune i 2022 på grund af de stigende energipriser?",
    case_only(G_BYR, "22-011409"),
    [["17 mio"]],
)
q(
    "gr-13",
    "history",
    "Hvilke udvalg har behandlet sagen om besparelser på Movias busdrift i Greve, og hvad blev udfaldet i Byrådet?",
    case_only(G_BYR, "23-002911"),
    [
        ["Klima-, Teknik- og Miljøudvalget", "Klima-, Teknik og Miljøudvalget", "Klima- Teknik og Miljøudvalget"],
        ["godkendte", "Godkendt"],
    ],
)
q(
    "gr-14",
    "decision",
    "Med hvilket stemmetal godkendte Greve Byråd i juni 2023 besparelserne på Movias busdrift?",
    (G_BYR, "2023-06-19", "14", "23-002911"),
    [["20 for"]],
)
q(
    "gr-15",
    "number",
    "Hvor stor en ekstra besparelse giver det ikke at udvide busnettet i Greve?",
    (G_KTM, "2023-05-25", "3", "23-002911"),
    [["0,4 mio"]],
    also=[(None, None, "23-002911")],
)
q(
    "gr-16",
    "history",
    "Hvilke politiske udvalg behandlede omlægningen af Holmestien i Greve, før Byrådet godkendte den?",
    case_only(G_BYR, "23-006618"),
    [["Klima-, Teknik- og Miljøudvalget", "Anbefales"], ["Økonomiudvalget"]],
)
q(
    "gr-17",
    "number",
    "Fra hvilken dato skal opgaven med det frivillige mentorkorps overdrages ifølge Beskæftigelses- og Erhvervsudvalget?",
    (G_BEU, "2025-10-20", "5", "25-011847"),
    [["1. januar 2026"]],
)
q(
    "gr-18",
    "number",
    "Hvor stort et årligt budget følger med, hvis det frivillige mentorkorps flyttes til FrivilligCenter Greve?",
    case_only(G_BEU, "25-011847"),
    [["470.000"]],
)
q(
    "gr-19",
    "decision",
    "Hvilke rekreative tiltag anbefalede Klima-, Teknik- og Miljøudvalget ved klimabassinet i Strandby Have?",
    (G_KTM, "2022-03-21", "7", "22-002710"),
    [["basispakken"]],
)
q(
    "gr-20",
    "who",
    "Hvem stemte imod basispakken til klimabassinet ved Strandby Have, og hvorfor?",
    (G_KTM, "2022-03-21", "7", "22-002710"),
    [["Torben Hoffmann"], ["fulde pakke"]],
)
q(
    "gr-21",
    "number",
    "Hvad koster paddetunnelen ved klimabassinet i Strandby Have?",
    case_only(G_KTM, "22-002710"),
    [["140.000"]],
)
q(
    "gr-22",
    "decision",
    "Hvad besluttede Greve Byråd om lokaletilskud til Greve Golfklub?",
    (G_BYR, "2024-09-04", "20", "24-006253"),
    [["tilbagesende"], ["Kultur- og Fritidsudvalget"]],
)
q(
    "gr-23",
    "number",
    "Hvor stor en anlægsbevilling blev der givet til nyt tag på daginstitutionen Kernehuset?",
    case_only(G_BYR, "25-007154"),
    [["2,990 mio", "2,99 mio"]],
)
q(
    "gr-24",
    "paraphrase",
    "Hvad gør Greve Kommune ved det utætte tag på børnehaven, hvor det regner ind?",
    case_only(G_BYR, "25-007154"),
    [["Kernehuset"]],
)
q(
    "gr-25",
    "number",
    "Hvor mange penge blev der afsat til forundersøgelser af fælles kystbeskyttelse i Karlslunde?",
    case_only(G_BYR, "24-006330"),
    [["0,2 mio"]],
)
q(
    "gr-26",
    "paraphrase",
    "Hjælper kommunen grundejerne langs kysten i Karlslunde mod stormflod?",
    case_only(G_BYR, "24-006330"),
    [["fællesprojekt", "godkendte", "Anbefales"]],
)
q(
    "gr-27",
    "number",
    "Hvor stor er Region Sjællands andel af de nye midler til vederlagsfri fysioterapi?",
    case_only(G_SOU, "25-004876"),
    [["6.180.598"]],
)
q(
    "gr-28",
    "decision",
    "Hvad besluttede Sundheds- og Omsorgsudvalget i Greve i august 2023 om visitationskriterierne for ældreboliger?",
    (G_SOU, "2023-08-14", "2", "23-007005"),
    [["Ikke godkendt"], ["tre måneders tomgangsleje"]],
)
q(
    "gr-29",
    "paraphrase",
    "Kan tomme seniorboliger i Greve lejes ud til folk fra andre kommuner?",
    (G_SOU, "2023-08-14", "2", "23-007005"),
    [["udenbys"]],
)
q(
    "gr-30",
    "number",
    "Hvor mange ældreboliger råder Greve Kommune over?",
    (G_SOU, "2023-08-14", "2", "23-007005"),
    [["266"]],
)
q(
    "gr-31",
    "number",
    "Hvad er det mindste beløb, en forening kan søge fra §79-puljen i Greve?",
    (G_SOU, "2023-04-24", "5", "23-002759"),
    [["1.500 kr"]],
)
q(
    "gr-32",
    "decision",
    "Blev der nedlagt et § 14-forbud mod det nye enfamiliehus på Hyttevej 7 i Karlslunde?",
    (G_KTM, "2025-10-23", "17", "25-004768"),
    [["Ikke godkendt"]],
)
q(
    "gr-33",
    "number",
    "Hvor stort er det enfamiliehus, der er søgt om på Hyttevej 7?",
    (G_KTM, "2025-10-23", "17", "25-004768"),
    [["157 m²", "157 m2", "157"]],
)
q(
    "gr-34",
    "decision",
    "Hvorfor fik administrationen i Greve delegation til at afgøre byggesagen om en ny telemast i Tune?",
    (G_KTM, "2025-09-04", "16", "25-010445"),
    [["dækning"]],
)
q(
    "gr-35",
    "decision",
    "Hvad skal erstatte idræts- og fritidsrådet i Greve, efter at tilskudsaftalen med Idræts- og Fritidsunionen blev opsagt?",
    (G_BYR, "2023-12-11", "20", "23-011363"),
    [["folkeoplysningsudvalg"]],
)
q(
    "gr-36",
    "decision",
    "Hvad besluttede Skole-, Børne- og Ungeudvalget i august 2023 om beredskabsplanen mod overgreb på børn og unge?",
    (G_SBU, "2023-08-15", "9", "23-003976"),
    [["pressemeddelelse"]],
)
q(
    "gr-37",
    "decision",
    "Hvad ønskede (A), (C), (Ø) og (F) i forbindelse med evalueringen af kommunal- og regionsrådsvalget 2021 i Greve?",
    (G_BYR, "2022-06-20", "13", "22-001595"),
    [["valgsted"]],
)
q(
    "gr-38",
    "decision",
    "Hvad besluttede Greve Byråd i november 2023 om en cykelsti på Greve Centervej?",
    (G_BYR, "2023-11-06", "12", "22-005882"),
    [["12 for"], ["7 imod"]],
)
q(
    "gr-39",
    "decision",
    "Hvad understregede Greve Byråd om stenglaciset, da Strandparken I/S fik nye vedtægter?",
    (G_BYR, "2025-04-23", "22", "24-009226"),
    [["havnens ansvar"]],
)
q(
    "gr-40",
    "who",
    "Hvem stemte imod hensigtserklæringen om fjernvarme fra Kalundborg i Greve Byråd?",
    (G_BYR, "2025-09-08", "22", "25-007143"),
    [["Liselott Blixt"]],
)
q(
    "gr-41",
    "who",
    "Hvem var fraværende, da Greve Byråd behandlede budgetopfølgning 2 for 2022 i oktober 2022?",
    (G_BYR, "2022-10-03", "11", "22-000027"),
    [["Tina Rottbøll"]],
    also=[("2022-10-03", "10", "22-000027")],
)
q(
    "gr-42",
    "filtered",
    "Hvad ønskede Skole-, Børne- og Ungeudvalget i maj 2022 en sag om på et kommende møde?",
    (G_SBU, "2022-05-31", "12", "21-014467"),
    [["skovgrupper"]],
)
q(
    "gr-43",
    "filtered",
    "Hvad mente Skole-, Børne- og Ungeudvalget i juni 2025 om køleskabe på skolerne?",
    (G_SBU, "2025-06-03", "16", None),
    [["skolebestyrelserne"]],
)
q(
    "gr-44",
    "filtered",
    "Hvad ønskede Plan- og Tryghedsudvalget i april 2024 at få i forbindelse med budget 2025-28?",
    (G_PTU, "2024-04-23", "3", "24-000963"),
    [["Excel"]],
)
q(
    "gr-45",
    "filtered",
    "Hvad orienterede administrationen Klima-, Teknik- og Miljøudvalget om i maj 2025 om byggesagsområdet?",
    (G_KTM, "2025-05-05", "13", None),
    [["ekstern hjælp"]],
)
q(
    "gr-46",
    "decision",
    "Hvad ønskede Økonomiudvalget i Greve belyst om sagsbehandlingstider på det sociale område i oktober 2024?",
    (G_OEU, "2024-10-30", "10", "24-008633"),
    [["servicehunde"]],
)
q(
    "gr-47",
    "decision",
    "Hvad skete der efter Skole-, Børne- og Ungeudvalgets besøg på EUC Sjælland?",
    (G_SBU, "2024-09-10", "1", "24-008972"),
    [["genoptaget", "næste møde"]],
)
q(
    "gr-48",
    "decision",
    "Hvorfor blev en sag trukket fra Økonomiudvalgets dagsorden i Greve den 8. maj 2024?",
    (G_OEU, "2024-05-08", "1", "21-014439"),
    [["Social og Handicapudvalget", "rette forløb"]],
)
q(
    "gr-49",
    "decision",
    "Hvad ønskede Kultur- og Fritidsudvalget i Greve friholdt, da vandtemperaturen i svømmehallen skulle sænkes?",
    (G_KFU, "2022-09-14", "3", "22-011409"),
    [["varmvandsbassin"]],
)
q(
    "gr-50",
    "decision",
    "Hvornår skulle juletræet på Rådhuspladsen i Greve være tændt i 2022?",
    (G_OEU, "2022-09-26", "14", "22-011409"),
    [["20. november 2022"]],
)
q(
    "gr-51",
    "decision",
    "Hvad skete der med test- og vaccinationsfaciliteterne, som Greve havde aftalt med Region Sjælland?",
    (G_BYR, "2022-12-12", "24", "22-014501"),
    [["lukke"]],
    also=[(None, None, "22-014501")],
)
q(
    "gr-52",
    "number",
    "Hvor mange stemte for tillægsbevillingen til ombygning af busterminalen ved Hundige Station?",
    (G_BYR, "2022-05-23", "24", "21-006310"),
    [["17 for"]],
)
q(
    "gr-53",
    "decision",
    "Anbefalede Klima-, Teknik- og Miljøudvalget at øge det økonomiske driftstilskud til idrætshallerne i Tune og Karlslunde?",
    (G_KTM, "2022-06-02", "20", "22-005816"),
    [["Kan ikke anbefale", "ikke anbefale"]],
)
q(
    "gr-54",
    "who",
    "Hvem blev indstillet som politiske repræsentanter til ungeborgersamlingen i Greve?",
    (G_OEU, "2025-04-09", "19", "25-001842"),
    [["Claus Jensen"], ["Maria Holdt Witthøft"]],
)
q(
    "gr-55",
    "decision",
    "Med hvilket stemmetal vedtog Greve Byråd endeligt lokalplanen for en daginstitution i maj 2022?",
    (G_BYR, "2022-05-23", "31", "21-006783"),
    [["13 for"], ["8 imod"]],
)
q(
    "gr-56",
    "who",
    "Hvem undlod at tage stilling i Økonomiudvalget til de afledte anlægsprojekter ved salget af Hundige Øst?",
    (G_OEU, "2022-01-24", "21", "21-012897"),
    [["Brigitte Klintskov Jerkel"], ["Mehmet Zeki Dogru"]],
)
q(
    "gr-57",
    "item_lookup",
    "Hvad var punkt 19 på Greve Byråds møde den 3. oktober 2022?",
    (G_BYR, "2022-10-03", "19", "22-011409"),
    [["energi"]],
)
q(
    "gr-58",
    "case_lookup",
    "Hvad handler sag 23-011363 i Greve Kommune om?",
    case_only(G_BYR, "23-011363"),
    [["Idræts- og Fritidsunionen"]],
)
q(
    "gr-59",
    "item_lookup",
    "Hvad behandlede Sundheds- og Omsorgsudvalget i Greve som punkt 2 den 14. august 2023?",
    (G_SOU, "2023-08-14", "2", "23-007005"),
    [["ældreboliger"]],
)
q(
    "gr-60",
    "case_lookup",
    "Hvad drejer sag 25-004768 sig om?",
    (G_KTM, "2025-10-23", "17", "25-004768"),
    [["Hyttevej 7"]],
)
q(
    "gr-61",
    "english",
    "What did Greve city council decide in March 2023 about the sauna in the public swimming pool?",
    (G_BYR, "2023-03-06", "29", "22-011409"),
    [["genåbnes", "reopen"]],
)
q(
    "gr-62",
    "english",
    "How large a deficit guarantee did Greve's finance committee recommend for the Mosede Fort project?",
    (G_OEU, "2023-05-08", "33", "23-004391"),
    [["7,5 mio", "7.5"]],
)
q(
    "gr-63",
    "english",
    "Which parties voted against the flexible letting rules for Askerød and Gersagerparken in Greve?",
    (G_BYR, "2023-04-17", "27", "22-015274"),
    [["(Ø)", "Enhedslisten"], ["(F)", "Socialistisk Folkeparti"]],
)
q(
    "gr-64",
    "english",
    "Who voted against the letter of intent on district heating from Kalundborg in Greve?",
    (G_BYR, "2025-09-08", "22", "25-007143"),
    [["Liselott Blixt"]],
)
q(
    "gr-65",
    "followup",
    "Hvilke partier stemte imod?",
    (G_BYR, "2023-04-17", "27", "22-015274"),
    [["(Ø)", "Enhedslisten"], ["(F)", "Socialistisk Folkeparti"]],
    history=["Hvad besluttede Greve Byråd i april 2023 om fleksibel udlejning i Askerød og Gersagerparken?"],
)
q(
    "gr-66",
    "followup",
    "Hvor stort et hus er der søgt om at bygge?",
    (G_KTM, "2025-10-23", "17", "25-004768"),
    [["157"]],
    history=["Hvad handler sag 25-004768 om?"],
)
q(
    "gr-67",
    "followup",
    "Hvad koster de enkelte elementer i basispakken, for eksempel træbroen?",
    case_only(G_KTM, "22-002710"),
    [["115.000"]],
    history=[
        "Hvad anbefalede Klima-, Teknik- og Miljøudvalget om rekreative tiltag ved klimabassinet i Strandby Have?"
    ],
)
q(
    "gr-68",
    "history",
    "Hvad er status på handleplanen for det specialiserede voksenområde i Greve, og hvor ofte er den blevet fulgt op?",
    case_only(G_SHU, "23-004340"),
    [["efterretning", "Handleplan"]],
)
q(
    "gr-69",
    "paraphrase",
    "Hvem skal fremover stå for de frivillige, der hjælper ledige borgere som mentorer i Greve?",
    case_only(G_BEU, "25-011847"),
    [["FrivilligCenter Greve"]],
)
q(
    "gr-70",
    "paraphrase",
    "Har kommunen i Greve besluttet at lade kommunen anvise boliger til dem, der har job, i de udsatte boligområder?",
    case_only(G_BYR, "22-015274"),
    [["beskæftigelseskrav", "fleksibel udlejning"]],
)
q(
    "gr-71",
    "decision",
    "Hvad besluttede Kultur- og Fritidsudvalget om billetsalget til nytårskoncerten i 2023?",
    (G_KFU, "2022-11-07", "2", "22-013917"),
    [["Portalen"]],
)

# ---------------------------------------------------------------- unanswerable (corpus-wide)
U = [
    "Hvad har Frederikshavn Kommune besluttet om færgeforbindelsen til Læsø?",
    "Hvad besluttede Frederikshavn om udvidelsen af Sæby Havn?",
    "Hvad har Aarhus Byråd besluttet om byfornyelsen i Gellerup?",
    "Hvad har Greve Kommune besluttet om at anlægge en skatepark?",
    "Hvor mange penge gav kommunen for at få et etapemål i Tour de France til byen?",
    "Hvad besluttede Greve Byråd om at opføre en solcellepark på kommunens jord?",
    "Er der blevet indført gratis parkering ved stranden i Greve om sommeren?",
    "Hvad besluttede udvalget om at anlægge en fodboldgolfbane?",
    "Hvad handler sag 99-999999 om?",
    "Hvad handler sag EMN-2025-123456 om?",
    "Hvad var punkt 40 på Aarhus Byråds møde den 27. august 2025?",
    "Hvad handler sagsnummer 2012-99999 i Ballerup om?",
    "Hvad besluttede Ballerups Sundheds- og Forebyggelsesudvalget om influenzavaccination til ældre i 2013?",
    "Hvad har Aarhus Byråd besluttet om en ny zoologisk have?",
    "Hvornår åbner det nye vandland i Greve?",
    "What did the council decide about building a new cruise ship terminal?",
    "What did Frederikshavn decide about the ferry to Læsø in 2024?",
    "Hvor mange hestevognsture blev der bevilget penge til ved julemarkedet?",
    "Hvad besluttede Arbejdsmarkedsudvalget i Frederikshavn om Danish Crowns nye fabrik i Sæby?",
    "Hvad har kommunen besluttet om et nyt kunstmuseum ved havnen?",
    "Hvad besluttede Greve om at opsætte hjertestartere ved alle busstoppesteder?",
    "Hvor mange ishockeyhold får lokaletilskud i Greve?",
]
for i, text in enumerate(U, 1):
    q(f"un-{i:02d}", "unanswerable", text, answerable=False)


def main() -> None:
    SUITES.mkdir(parents=True, exist_ok=True)
    ids = [x["id"] for x in QUESTIONS]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with open(SUITES / "full.jsonl", "w", encoding="utf-8") as f:
        for x in QUESTIONS:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")
    ci = [x for x in QUESTIONS if x["id"].startswith("fr-")]
    with open(SUITES / "frederikshavn.jsonl", "w", encoding="utf-8") as f:
        for x in ci:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")
    three = [x for x in QUESTIONS if x["id"].startswith(("fr-", "aa-", "ba-", "un-"))]
    with open(SUITES / "three_meetings.jsonl", "w", encoding="utf-8") as f:
        for x in three:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")
    print(f"full: {len(QUESTIONS)} questions, frederikshavn: {len(ci)}, three_meetings: {len(three)}")


if __name__ == "__main__":
    main()
