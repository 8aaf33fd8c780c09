"""Checks a suite against the raw corpus text: every expected item exists with that case ID, and
every fact group has an alternative found verbatim in the expected item(s), by the rule the
metrics use (``evals.suite.fact_in``: case-insensitive, whole words and whole numbers).
English-only alternatives are fine as long as one alternative of the group is in the source.

Run: ``.venv/bin/python evals/tools/verify_suite.py evals/suites/full.jsonl [CORPUS]``.
Out of scope: judging whether a question is well phrased (that is a human's reading).
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file: the repository's packages come from its root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evals.suite import fact_in


def _greve(corpus: Path) -> list[dict]:
    out = []
    for f in sorted((corpus / "greve").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        date = d["Moede"]["Dato"][:10]
        for it in d["Dagsordenpunkter"]:
            body = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", x.get("Html") or "")) for x in it.get("Felter") or [])
            out.append(
                {
                    "date": date,
                    "nr": it["Punktnummer"],
                    "case": it["SagsNummer"] or None,
                    "text": re.sub(r"\s+", " ", it["Navn"] + " " + body),
                }
            )
    return out


def _split(text: str, date: str, pattern: str, case_pattern: str) -> list[dict]:
    heads = list(re.finditer(pattern, text, re.M))
    out = []
    for i, m in enumerate(heads):
        seg = text[m.start() : heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        c = re.search(case_pattern, seg, re.M)
        out.append(
            {"date": date, "nr": m.group(1), "case": c.group(1) if c else None, "text": re.sub(r"\s+", " ", seg)}
        )
    return out


def _pdf_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def load_items(corpus: Path) -> list[dict]:
    items = _greve(corpus)
    fr = (corpus / "frederikshavn" / "arbejdsmarkedsudvalget_2024-03-06_referat.txt").read_text(encoding="utf-8")
    items += _split(fr, "2024-03-06", r"^ ?(\d+) \(Åben\)", r"Sags ID: (\S+)")
    aa = _pdf_text(corpus / "pdf" / "aarhus_byraad_2025-08-27_referat.pdf")
    items += _split(aa, "2025-08-27", r"^Punkt (\d+):", r"^(EMN-\d{4}-\d+)")
    ba = _pdf_text(corpus / "pdf" / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat.pdf")
    items.append(
        {"date": "2012-12-04", "nr": "0", "case": None, "text": ba[: ba.index("Side 3")]}
    )  # header: participants
    ba = ba[ba.index("Side 3") :]
    items += _split(ba, "2012-12-04", r"^(\d)\. [A-ZÆØÅK]", r"Sagsnr\.: (\S+)")
    return items


def matches(item: dict, date, nr, case) -> bool:
    return (
        (date is None or item["date"] == date)
        and (nr is None or item["nr"] == nr)
        and (case is None or item["case"] == case)
    )


def problems(suite: Path, items: list[dict]) -> list[str]:
    """What does not hold: expected items that do not exist, facts not in the expected items."""
    out = []
    for line in suite.read_text(encoding="utf-8").splitlines():
        qd = json.loads(line)
        if not qd["answerable"]:
            continue
        e = qd["expected"]
        keys = [(e["date"], e["item_number"], e["case_id"])] + [
            (a["date"], a["item_number"], a["case_id"]) for a in e["also_ok"]
        ]
        hits = [it for it in items if any(matches(it, *k) for k in keys)]
        main_hits = [it for it in items if matches(it, *keys[0])]
        if not main_hits:
            out.append(f"{qd['id']}: expected item not found {keys[0]}")
            continue
        text = " ".join(it["text"] for it in hits)
        for group in qd["facts"]:
            if not any(fact_in(alt, text) for alt in group):
                out.append(f"{qd['id']}: fact {group} not in expected item(s)")
    return out


def main(argv: list[str]) -> int:
    suite = Path(argv[0])
    corpus = Path(argv[1]) if len(argv) > 1 else Path("../shared/corpus")
    bad = problems(suite, load_items(corpus))
    for line in bad:
        print(line)
    print(f"{suite}: {len(bad)} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
