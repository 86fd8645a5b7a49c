"""The keys of the register files, declared once: they validate the files and document them.

Each register file (``registers/*.toml``) holds arrays of tables: ``[[person]]``
(with ``[[person.office]]``), ``[[place]]``, ``[[org]]``, ``[[term]]``. The
declarations use the sidecar's ``Key``/``Table`` so both references read alike.
"""
from __future__ import annotations

from ..sidecar import Key, Table

ID_DOC = "stable id: the kind's prefix, then ASCII lowercase words joined by '-'"
CERT = ("high", "medium", "low")

COMMON = (
    Key("name", str, "the name as the edition shows it (in the sources' language)", "ラウニー", required=True),
    Key("name_en", str, "the name in English (romanised), for readers and the site", "Edward L. Rowny"),
    Key("forms", list, "other spellings found in the sources; each is matched in the text", ["ドブレニン"]),
    Key("sources", list, "only these sources (ids) are searched for the forms; default: every source. "
        "Use it for short or common names (a surname like 中平)", ["1986-09-18-inf-asia"]),
    Key("cert", str, "certainty of the identification (default high)", "medium", choices=CERT),
    Key("note", str, "what the editor knows, with the evidence", "US special adviser on arms control"),
    Key("wikidata", str, "Wikidata item, only once verified (see ids_verified)", "Q42"),
    Key("viaf", str, "VIAF cluster number, only once verified (see ids_verified)", "12345678"),
    Key("ids_verified", str, "who checked the external identifiers, and when (required with them)",
        "ed-1, 2026-11-22"),
)

PERSON = Table("person", "A person, or an office holder the sources name only by office.", (
    Key("id", str, ID_DOC + " (per-)", "per-rowny", required=True),
    *COMMON,
    Key("abbr", list, "abbreviations the sources use only inside 「」 once the full name has been "
        "mentioned in the same source (「レ」大統領)", ["レ"]),
    Key("role_only", bool, "known only by office (北米局長): its name is a description, never matched; "
        "speaker labels reach it through its offices", True),
    Key("office", list, "offices held, as [[person.office]] tables", None),
), many=True)

OFFICE = Table("person.office", "An office or role a person held, with the dates the editor can vouch for.", (
    Key("role", str, "the office as the sources write it", "国際連合局長", required=True),
    Key("role_en", str, "the office in English", "Director-General, United Nations Bureau"),
    Key("labels", list, "other spellings, e.g. speaker labels (国連局長) and short forms (次官)", ["国連局長"]),
    Key("org", str, "the organisation (an org- id of the registers)", "org-mofa"),
    Key("when", str, "a date the sources show the person in office (ISO)", "1986-10-16"),
    Key("from", str, "start of the term, when known for certain (ISO)", "1986-07-22"),
    Key("to", str, "end of the term, when known for certain (ISO)", "1987-11-06"),
    Key("source", str, "where the office is attested", "1986-09-18-inf-asia, 資料② 中平国連局長へ"),
), many=True)

PLACE = Table("place", "A place: country, city, region, site.", (
    Key("id", str, ID_DOC + " (pl-)", "pl-reykjavik", required=True),
    *COMMON,
    Key("type", str, "kind of place", "city",
        choices=("country", "city", "region", "site", "building", "sea", "continent", "other")),
), many=True)

ORG = Table("org", "An organisation: government, ministry bureau, alliance, company.", (
    Key("id", str, ID_DOC + " (org-)", "org-mofa", required=True),
    *COMMON,
    Key("type", str, "kind of organisation", "ministry",
        choices=("government", "ministry", "bureau", "division", "agency", "alliance", "international",
                 "party", "military", "media", "religious", "research", "other")),
    Key("parent", str, "the organisation it belongs to (an org- id)", "org-mofa"),
), many=True)

TERM = Table("term", "A glossary term: an abbreviation or technical term, with its expansion.", (
    Key("id", str, ID_DOC + " (t-)", "t-inf", required=True),
    *COMMON[:4],
    Key("gloss", str, "meaning in Japanese", "中距離核戦力", required=True),
    Key("expan", str, "expansion or meaning in English", "Intermediate-range Nuclear Forces", required=True),
    Key("note", str, "what the editor adds", "the weapons of the 1987 INF Treaty"),
), many=True)

IGNORE = Table("ignore", "A spelling that contains a register form but mentions no entry (ロシア語 is the "
               "language, not the country): found like a form, so the shorter form inside it is not linked.", (
    Key("form", str, "the spelling", "ロシア語", required=True),
    Key("note", str, "why", "the Russian language"),
), many=True)

TABLES = {t.name: t for t in (PERSON, PLACE, ORG, TERM, IGNORE)}
PREFIXES = {"person": "per-", "place": "pl-", "org": "org-", "term": "t-"}
ELEMENTS = {"person": "persName", "place": "placeName", "org": "orgName", "term": "term"}


def reference() -> str:
    """The register file reference in Markdown, generated from the declarations (for the docs)."""
    out = ["# Register files (`registers/*.toml`)", ""]
    for table in (PERSON, OFFICE, PLACE, ORG, TERM, IGNORE):
        out += [f"## `[[{table.name}]]`", "", table.doc, "", "| key | type | required | meaning | example |",
                "|---|---|---|---|---|"]
        for key in table.keys:
            kind = {str: "string", list: "array of strings", bool: "boolean"}.get(key.type, "table")
            if key.name == "office":
                kind = "[[person.office]] tables"
            meaning = key.doc + (f" (one of: {', '.join(key.choices)})" if key.choices else "")
            example = "" if key.example is None else f"`{key.example!r}`".replace("'", '"')
            out.append(f"| `{key.name}` | {kind} | {'yes' if key.required else ''} | {meaning} | {example} |")
        out.append("")
    return "\n".join(out)
