"""The HTML made once per division of a document page: its metadata panel and its citation block.

Runs inside the renderer's walk (pages.SiteBuilder.document_page hands ``division_header`` to it).
These two were Jinja templates; they are written here in Python because they run once per
division: with Jinja's cost per render (~7 µs) and per expression (~0.7 µs: attribute lookup,
``finalize``, ``escape``), the panel and its citation took ~50 µs each, a tenth of a page's
rendering. The document page itself stays a template (templates/document.html.j2), and gets
the page's citation block from ``cite_block`` too. Every value goes through ``esc_text`` (the
same escaping as the templates' ``finalize``); ``party`` returns HTML already escaped.
"""
from __future__ import annotations

from typing import Callable

from .cite import Citation
from .corpus import Division, Party
from .messages import JA, Messages
from .text import esc_text


def cite_block(c: Citation, msg: Messages = JA) -> str:
    """The collapsed "cite this" block: the reference, the stable URL, BibTeX and CSL-JSON."""
    e = esc_text
    relative = "" if c.absolute else f" <small>{e(msg('cite.relative'))}</small>"
    return (f'<details class="hk-cite" data-pagefind-ignore><summary>{e(msg("cite.summary"))}</summary>\n'
            f'<p class="hk-cite-text">{e(c.text)}</p>\n'
            f'<p>{e(msg("cite.url"))}: <a class="hk-cite-url" href="{e(c.href)}">{e(c.url)}</a>{relative}</p>\n'
            f'<p class="hk-cite-hint">{e(msg("cite.hint"))}</p>\n'
            '<div class="hk-cite-formats">\n'
            f'<h4>BibTeX</h4><pre class="hk-cite-bibtex"><code>{e(c.bibtex)}</code></pre>\n'
            f'<h4>CSL-JSON</h4><pre class="hk-cite-csl"><code>{e(c.csl)}</code></pre>\n'
            '</div></details>')


def division_header(d: Division, cite_html: str, party: Callable[[Party], str], archival: str,
                    msg: Messages = JA) -> str:
    """A division's metadata panel: label, type, title, date (ISO and as printed), sender and addressee,
    classification, archival references, pages, summary, then its citation block."""
    e = esc_text
    t = msg.table                                    # plain labels (no placeholders), looked up once each
    sep = t["sep.list"]
    type_label = e(msg.type_label(d))
    out = ['\n<header class="hk-division-head">\n<p class="hk-kicker">']
    if d.label:
        out.append(f"{e(d.label)} · ")
    out.append(f'{type_label}</p>\n<h2 id="{e(d.id)}-title">{e(d.title)}</h2>\n<dl class="hk-meta">\n')
    if d.date:
        when = e(d.date.when)
        out.append(f'<div><dt>{e(t["panel.date"])}</dt><dd><time datetime="{when}">{when}</time>')
        if d.date.text and d.date.text != d.date.when:
            out.append(f' <span class="hk-as-printed">{e(msg("panel.as_printed", text=d.date.text))}</span>')
        out.append("</dd></div>")
    out.append(f"\n<div><dt>{e(t['panel.type'])}</dt><dd>{type_label}</dd></div>\n")
    if d.senders:
        out.append(f"<div><dt>{e(t['panel.from'])}</dt><dd>" + sep.join([party(p) for p in d.senders]))
        if d.places:
            out.append(" (" + "".join([party(p) for p in d.places]) + ")")
        out.append("</dd></div>")
    out.append("\n")
    if d.addressees:
        out.append(f"<div><dt>{e(t['panel.to'])}</dt><dd>" + sep.join([party(p) for p in d.addressees])
                   + "</dd></div>")
    out.append("\n")
    if d.classes:
        out.append(f"<div><dt>{e(t['panel.class'])}</dt><dd>"
                   + "".join([f'<span class="hk-class">{e(c)}</span>' for c in d.classes])
                   + "</dd></div>")
    out.append("\n")
    if d.idnos or archival:
        out.append(f"<div><dt>{e(t['panel.reference'])}</dt><dd>" + (e(archival) if archival else ""))
        for i, (kind, value) in enumerate(d.idnos):
            if archival or i:
                out.append("; ")
            out.append(f"{e(msg.label('idno', kind))} {e(value)}")
        out.append("</dd></div>")
    out.append("\n")
    if d.pages:
        out.append(f'<div><dt>{e(t["panel.pages"])}</dt><dd><a href="#p{e(d.first_page)}">p. {e(d.pages)}</a>'
                   '</dd></div>')
    out.append("\n")
    if d.summary:
        out.append(f"<div><dt>{e(t['panel.summary'])}</dt><dd>{e(d.summary)}</dd></div>")
    out.append(f"\n</dl>\n{cite_html}\n</header>\n")
    return "".join(out)
