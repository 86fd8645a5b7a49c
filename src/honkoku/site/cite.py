"""Citations: a human-readable reference, BibTeX, CSL-JSON and the meta tags reference managers read.

Runs while the document pages are built (pages.py). The stable URL is
``<site_url>documents/<source id>/`` plus the division (``#d3``) or paragraph
(``#p-L34``) anchor; ids come from the TEI and survive rebuilds. Without a
``site_url`` in mkdocs.yml the URL is relative (and said so on the page).
No access date is written: the build is deterministic; the reader adds it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .corpus import Division, Source
from .messages import JA, Messages

BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
NOT_KEY = re.compile(r"[^A-Za-z0-9_-]")
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
# each special character -> its BibTeX form, as one str.translate table (the stdlib re only finds them)
BIBTEX_TABLE = str.maketrans({c: BIBTEX_ESCAPES.get(c, "\\" + c) for c in "\\{}%&$#_^~"})
PUBLISHER = "honkoku"
# the source's language (TEI @xml:lang) as biblatex names it; a language not listed stays "japanese", as before
BIBLATEX_LANGUAGES = {"ja": "japanese", "en": "english", "de": "german", "fr": "french", "ru": "russian"}


@dataclass
class Citation:
    text: str
    url: str
    href: str          # the link as written on the page (relative if no site_url)
    absolute: bool
    bibtex: str
    csl: str


def bibtex_escape(value: str) -> str:
    return value.translate(BIBTEX_TABLE) if BIBTEX_SPECIAL.search(value) else value


def _date_parts(when: str) -> list[int]:
    return [int(p) for p in when.split("-") if p.isdigit()][:3]


def _archive(source: Source) -> str:
    return " / ".join(x for x in (source.institution, source.repository) if x)


def _fields(source: Source, division: Division | None, msg: Messages) -> dict[str, str]:
    title = division.title if division else source.title
    date = (division.date if division else source.date)
    container = source.title if division else ""
    idnos = "; ".join(f"{t} {v}" for t, v in (division.idnos if division else []))
    return {"title": title, "date": date.when if date else "", "container": container,
            "archive": _archive(source), "location": "; ".join(x for x in (source.ms_idno, idnos) if x),
            "author": source.author, "type": msg.type_label(division) if division else ""}


def citation(source: Source, division: Division | None, site_url: str, page_url: str, page_href: str,
             msg: Messages = JA) -> Citation:
    """The citation of a source or of one of its divisions, its reference written in the site's language."""
    f = _fields(source, division, msg)
    anchor = f"#{division.id}" if division else ""
    url = (site_url.rstrip("/") + "/" + page_url if site_url else page_url) + anchor
    href = (url if site_url else page_href + anchor)
    key = NOT_KEY.sub("-", f"{source.id}-{division.id}" if division else source.id)
    edition = msg("cite.edition", publisher=PUBLISHER)
    title = (msg("cite.title_type", title=f["title"], type=f["type"]) if f["type"]
             else msg("cite.title", title=f["title"]))
    parts = [f["author"], title, msg("cite.container", container=f["container"]) if f["container"] else "",
             f["date"], f["archive"], f["location"], edition, url]
    text = msg("sep.list").join(p for p in parts if p)
    bib = [f"@misc{{{key},"]
    if f["author"]:
        bib.append(f"  author = {{{{{bibtex_escape(f['author'])}}}}},")
    bib.append(f"  title = {{{bibtex_escape(f['title'])}}},")
    if f["container"]:
        bib.append(f"  booktitle = {{{bibtex_escape(f['container'])}}},")
    if f["date"]:
        bib.append(f"  date = {{{f['date']}}},")
        bib.append(f"  year = {{{f['date'][:4]}}},")
    if f["archive"]:
        bib.append(f"  howpublished = {{{bibtex_escape(f['archive'])}}},")
    note = "; ".join(x for x in (f["type"], f["location"], f"{edition} (TEI P5)") if x)
    bib.append(f"  note = {{{bibtex_escape(note)}}},")
    bib.append(f"  publisher = {{{PUBLISHER}}},")
    bib.append(f"  url = {{{url}}},")
    bib.append(f"  langid = {{{BIBLATEX_LANGUAGES.get(source.language.split('-')[0], 'japanese')}}}")
    bib.append("}")
    csl: dict[str, object] = {"id": key, "type": "manuscript", "title": f["title"], "URL": url,
                              "publisher": PUBLISHER, "language": source.language}
    if f["author"]:
        csl["author"] = [{"literal": f["author"]}]
    if f["container"]:
        csl["container-title"] = f["container"]
    if f["date"]:
        csl["issued"] = {"date-parts": [_date_parts(f["date"])]}
    if f["archive"]:
        csl["archive"] = f["archive"]
    if f["location"]:
        csl["archive_location"] = f["location"]
    if f["type"]:
        csl["genre"] = f["type"]
    return Citation(text, url, href, bool(site_url), "\n".join(bib), pretty_json([csl]))


def pretty_json(value: object, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)``, for the str, int, list and dict
    a CSL record holds: with ``indent`` json uses its encoder written in Python, several times slower
    (one record per division on every page). Anything else goes to json.dumps."""
    kind = value.__class__
    if kind is str:
        return _json_str(value)
    if kind is int:
        return int.__repr__(value)
    if kind is list or kind is dict:
        if not value:
            return "[]" if kind is list else "{}"
        pad = "\n" + "  " * (level + 1)
        if kind is list:
            items = [_json_str(v) if v.__class__ is str else pretty_json(v, level + 1) for v in value]
            return "[" + pad + ("," + pad).join(items) + "\n" + "  " * level + "]"
        if all(k.__class__ is str for k in value):
            items = [f"{_json_str(k)}: {_json_str(v) if v.__class__ is str else pretty_json(v, level + 1)}"
                     for k, v in sorted(value.items())]
            return "{" + pad + ("," + pad).join(items) + "\n" + "  " * level + "}"
    out = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    return out.replace("\n", "\n" + "  " * level) if level else out


_json_str = json.encoder.encode_basestring      # the C function json.dumps uses for a str (ensure_ascii=False)


def meta_tags(source: Source, url: str, tei_url: str) -> list[tuple[str, str]]:
    """Highwire Press (Google Scholar, Zotero) and Dublin Core tags for a source page."""
    tags: list[tuple[str, str]] = [("citation_title", source.title)]
    if source.author:
        tags.append(("citation_author", source.author))
    date = source.date
    if date:
        tags.append(("citation_date", date.when.replace("-", "/")))
        tags.append(("citation_publication_date", date.when.replace("-", "/")))
    tags += [("citation_publisher", PUBLISHER), ("citation_language", source.language)]
    if _archive(source):
        tags.append(("citation_archive", _archive(source)))
    for kw in source.keywords:
        tags.append(("citation_keywords", kw))
    if url:
        tags.append(("citation_public_url", url))
        tags.append(("citation_abstract_html_url", url))
    tags.append(("citation_xml_url", tei_url))
    tags += [("DC.title", source.title), ("DC.type", "Text"), ("DC.format", "text/html"),
             ("DC.language", source.language), ("DC.publisher", PUBLISHER), ("DC.identifier", url or source.id)]
    if date:
        tags.append(("DC.date", date.when))
    if source.author:
        tags.append(("DC.creator", source.author))
    if _archive(source):
        tags.append(("DC.source", _archive(source) + (f" {source.ms_idno}" if source.ms_idno else "")))
    if source.licence:
        tags.append(("DC.rights", source.licence))
    return tags
