"""Behaviours: the HTML each kind of Model makes (named after the TEI Processing Model's).

Every behaviour is ``f(r, el, model) -> str`` (HTML): ``r`` is the Renderer
(render.py) that walks the tree, escapes all text, tracks the current page,
anchor and division, and records mentions and dates. Behaviours never put
text into HTML themselves except through ``r.text()``/``esc_text()``: source text
stays data.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Callable

import regex
from .corpus import NS, XML_ID, flat, local
from .messages import Messages
from .models import Model
from .text import esc_text

if TYPE_CHECKING:
    from lxml import etree

    from .render import Renderer

Behaviour = Callable[["Renderer", "etree._Element", Model], str]
BEHAVIOURS: dict[str, Behaviour] = {}

# "極 秘", "無 期 限": single CJK letters spaced out (stamps); reading view closes the gaps
LETTER_SPACED = regex.compile(r"^(?:[\p{Han}\p{Hiragana}\p{Katakana}ー][ \u3000])+[\p{Han}\p{Hiragana}\p{Katakana}ー]$")


SPACE = regex.compile(r"[ \u3000]")
ISO_DATE = regex.compile(r"^\d{4}(-\d\d){0,2}$")


@lru_cache(maxsize=None)
def plain_inline(css: str) -> Model:
    """The inline model a link or a date falls back to (an unknown entity, a non-ISO date)."""
    return Model("inline", css=css)


def behaviour(fn: Behaviour) -> Behaviour:
    BEHAVIOURS[fn.__name__.rstrip("_")] = fn
    return fn


@behaviour
def omit(r, el, m):
    return ""


@behaviour
def inline(r, el, m):
    tag = m.params.get("tag", "span")
    before, after = esc_text(m.params.get("before", "")), esc_text(m.params.get("after", ""))
    name = m.params.get("title")
    title = r.msg.label("title", name, "") if name else ""
    if local(el) == "unclear":
        title = _unclear_title(r.msg, el)
    return (f"<{tag}{r.attrs(el, m, title=title)}>{before}{r.children(el)}{after}</{tag}>")


@behaviour
def block(r, el, m):
    return (f"<div{r.attrs(el, m)}>{r.children(el)}</div>")


@behaviour
def section(r, el, m):
    """A document division: its metadata panel, then its text."""
    with r.in_division(el.get(XML_ID) or ""):
        header = r.division_header(el)
        body = r.children(el) + r.flush_variants()
    return (f'<section{r.attrs(el, m, extra="hk-division")}>{header}{body}</section>')


@behaviour
def heading(r, el, m):
    return (f'<h3{r.attrs(el, m)}>{r.children(el)}</h3>')


@behaviour
def label(r, el, m):
    return (f'<p{r.attrs(el, m, extra="hk-label")}>{r.children(el)}</p>')


@behaviour
def paragraph(r, el, m):
    tag = "span" if r.inline_context(el) else ("div" if r.sample else "p")
    anchor = ""
    ident = el.get(XML_ID)
    if ident and not r.sample:
        ident = esc_text(ident)
        link = esc_text(r.msg("render.link_paragraph", id=el.get(XML_ID)))
        anchor = f'<a class="hk-pilcrow" data-pagefind-ignore href="#{ident}" aria-label="{link}">¶</a>'
    n = el.get("n")
    number = f' data-n="{esc_text(n)}"' if n else ""
    return (f"<{tag}{r.attrs(el, m)}{number}>{r.children(el)}{anchor}</{tag}>")


@behaviour
def break_(r, el, m):
    if m.params.get("type") == "line":
        return ('<br class="tei-lb">')
    n = el.get("n") or ""
    r.page = n or r.page
    title = page_title(r.msg, n, bool(el.get("cert")), el.get("break") == "no")
    mark = '<span class="hk-pb-mark hk-dipl" aria-hidden="true">‖</span>' if el.get("break") == "no" else \
        '<span class="hk-pb-mark hk-dipl" aria-hidden="true">|</span>'
    if r.sample:
        marker = f'<span class="tei-pb" title="{esc_text(title)}">{esc_text(n)}</span>'
    else:
        page_id = r.unique_id(f"p{n}") if n else ""
        xml_id = el.get(XML_ID)
        inner = f'<span id="{esc_text(xml_id)}"></span>' if xml_id else ""
        marker = (f'<a class="tei-pb" id="{esc_text(page_id)}" href="#{esc_text(page_id)}" title="{esc_text(title)}" '
                  f'aria-label="{esc_text(title)}">{inner}{esc_text(n)}</a>') if n else inner
    if r.inline_context(el):
        return (mark + marker)
    return (f'<div class="hk-pb-line">{marker}</div>')


@behaviour
def furniture(r, el, m):
    kind = r.msg.label("fw", el.get("type") or "", r.msg("fw.other"))
    tag = "span" if r.inline_context(el) else "div"
    return (f"<{tag}{r.attrs(el, m, title=kind)}>{r.children(el)}</{tag}>")


@behaviour
def alternate(r, el, m):
    """choice: one child per view; the other view's child is hidden, a search-only child is indexed."""
    wanted = {v: m.params.get(v, "").split() for v in ("reading", "diplomatic", "search")}
    kids = {local(c): c for c in el if isinstance(c.tag, str)}

    def pick(names):
        return next((kids[n] for n in names if n in kids), None)

    reading, diplomatic, search = pick(wanted["reading"]), pick(wanted["diplomatic"]), pick(wanted["search"])
    title = _choice_title(r.msg, reading, diplomatic, search)
    if reading is not None and reading is diplomatic:
        shown = r.render(reading)
        extra = r.render_as(search, "search") if search is not None else ""
        return (f'<span{r.attrs(el, m, title=title)}>{shown}{extra}</span>')
    parts = []
    if diplomatic is not None:
        parts.append(r.render_as(diplomatic, "diplomatic"))
    if reading is not None:
        parts.append(r.render_as(reading, "reading"))
    return (f'<span{r.attrs(el, m, title=title)}>{"".join(parts)}</span>')


def page_title(msg: Messages, n: str, estimated: bool = False, mid_word: bool = False) -> str:
    """A page marker's hover text and aria-label: "Page 3", placed by estimate, falling inside a word."""
    return msg("render.page_cert" if estimated else "render.page", n=n) + (msg("render.page_midword") if mid_word
                                                                             else "")


def _choice_title(msg: Messages, reading, diplomatic, search) -> str:
    if search is not None:
        return msg("choice.kana", reg=flat(search))
    if reading is None or diplomatic is None:
        return ""
    if local(reading) == "corr":
        cert = msg.label("cert", reading.get("cert") or "", "")
        return msg("choice.corr", sic=flat(diplomatic), corr=flat(reading)) + (msg("choice.cert", cert=cert)
                                                                               if cert else "")
    if local(reading) == "reg" and reading.get("type") == "spacing":
        return msg("choice.spacing")
    return f"{flat(diplomatic)} → {flat(reading)}"


def _unclear_title(msg: Messages, el) -> str:
    reason = msg.label("unclear", el.get("reason") or "") if el.get("reason") in ("ocr", "garbled") else \
        el.get("reason") or ""
    cert = msg.label("cert", el.get("cert") or "", "")
    return msg("unclear.title") + (f" ({reason}" + (msg("unclear.cert", cert=cert) if cert else "") + ")"
                                   if reason else "")


@behaviour
def redaction(r, el, m):
    desc = flat(el.find("t:desc", NS))
    extent = el.get("extent")
    amount = f"{el.get('quantity')} {el.get('unit') or ''}".strip() if el.get("quantity") else ""
    label = r.msg("redaction.label") + (f" ({amount})" if amount else r.msg("redaction.unknown")
                                        if extent == "unknown" else "")
    inner = f'<span class="hk-redaction-text hk-dipl">{esc_text(desc)}</span>' if desc else ""
    return (f'<span{r.attrs(el, m, extra="hk-redaction", title=label)} role="img" '
                  f'aria-label="{esc_text(label)}">{inner}</span>')


@behaviour
def boxes(r, el, m):
    try:
        count = max(1, min(int(el.get("quantity") or "1"), 50))
    except ValueError:
        count = 1
    label = r.msg("boxes.label", count=count)
    desc = flat(el.find("t:desc", NS))
    boxes_html = '<span class="hk-box"></span>' * count
    return (f'<span{r.attrs(el, m, extra="hk-boxes", title=f"{label}: {desc}" if desc else label)} '
                  f'role="img" aria-label="{esc_text(label)}">{boxes_html}</span>')


@behaviour
def gap(r, el, m):
    try:
        count = max(1, min(int(el.get("quantity") or "1"), 50)) if el.get("unit") in (None, "character") else 1
    except ValueError:
        count = 1
    reason = el.get("reason")
    label = r.msg("gap.illegible" if reason == "illegible" else "gap.damage" if reason == "damage" else "gap.other")
    mark = r.msg("gap.mark")
    return (f'<span{r.attrs(el, m, title=label)} role="img" aria-label="{esc_text(label)}">{mark * count}</span>')


@behaviour
def note(r, el, m):
    kind = r.msg("note.annotation" if el.get("type") == "annotation" else "note.note")
    tag = "span" if r.inline_context(el) else "aside"
    anchor = ""
    if el.get(XML_ID) and not r.sample:
        anchor = (f'<a class="hk-pilcrow" data-pagefind-ignore href="#{esc_text(el.get(XML_ID))}" '
                  f'aria-label="{esc_text(r.msg("render.link_note"))}">¶</a>')
    return (f'<{tag}{r.attrs(el, m, title=kind)}><span class="hk-note-kind">{kind}</span> '
                  f'{r.children(el)}{anchor}</{tag}>')


@behaviour
def stamps(r, el, m):
    return (f'<div{r.attrs(el, m, extra="hk-stamps")} role="group" aria-label="{esc_text(r.msg("stamps.label"))}">'
            f'{r.children(el)}</div>')


@behaviour
def stamp(r, el, m):
    stamp_type = el.get("type")
    kind = r.msg(f"stamp.{stamp_type}" if stamp_type in ("classification", "retention", "copy", "series")
                 else "stamp.other")
    text = flat(el)
    if len(el) == 0 and LETTER_SPACED.match(text):
        closed = SPACE.sub("", text)
        inner = f'<span class="hk-dipl">{esc_text(text)}</span><span class="hk-read">{esc_text(closed)}</span>'
    else:
        inner = r.children(el)
    return (f'<span{r.attrs(el, m, title=r.msg("stamp.title", kind=kind))}>{inner}</span>')


@behaviour
def form(r, el, m):
    desc = flat(el.find("t:figDesc", NS)) or r.msg("form.default")
    note_ = f'<p class="hk-read hk-form-note">{esc_text(r.msg("form.note", desc=desc))}</p>'
    grid = f'<div class="hk-dipl hk-form-grid">{r.children(el)}</div>'
    return (f'<div{r.attrs(el, m, title=desc)}>{note_}{grid}</div>')


@behaviour
def table(r, el, m):
    return (f'<div class="hk-table-wrap"><table{r.attrs(el, m)}><tbody>{r.children(el)}</tbody></table></div>')


@behaviour
def row(r, el, m):
    return (f"<tr{r.attrs(el, m)}>{r.children(el)}</tr>")


@behaviour
def cell(r, el, m):
    tag = "th" if el.get("role") == "label" else "td"
    span = "".join(f' {h}="{esc_text(el.get(t))}"' for t, h in (("cols", "colspan"), ("rows", "rowspan"))
                   if (el.get(t) or "").isdigit())
    return (f"<{tag}{r.attrs(el, m)}{span}>{r.children(el)}</{tag}>")


@behaviour
def list_(r, el, m):
    tag = "ol" if el.get("rend") in ("numbered", "ordered") else "ul"
    return (f"<{tag}{r.attrs(el, m)}>{r.children(el)}</{tag}>")


@behaviour
def listItem(r, el, m):
    return (f"<li{r.attrs(el, m)}>{r.children(el)}</li>")


@behaviour
def turn(r, el, m):
    """sp: a speaker turn, laid out as dialogue (speaker column, speech column)."""
    speakers, speech = [], []
    for c in el:
        (speakers if local(c) == "speaker" else speech).append(c)
    who = (el.get("who") or "").split()
    label = "".join(r.speaker_label(s, who) for s in speakers)
    if not speakers and who:
        label = r.speaker_label(None, who)
    anchor = ""
    if el.get(XML_ID) and not r.sample:
        anchor = (f'<a class="hk-pilcrow" data-pagefind-ignore href="#{esc_text(el.get(XML_ID))}" '
                  f'aria-label="{esc_text(r.msg("render.link_turn"))}">¶</a>')
    body = "".join(r.render(c) for c in speech)
    return (f'<div{r.attrs(el, m, extra="hk-turn")}><div class="hk-speaker-col">{label}{anchor}</div>'
                  f'<div class="hk-speech">{body}</div></div>')


@behaviour
def speaker(r, el, m):
    return (f'<span{r.attrs(el, m)}>{r.children(el)}</span>')


@behaviour
def link(r, el, m):
    return r.entity_link(el, m)


@behaviour
def date(r, el, m):
    when = el.get("when") or el.get("notBefore") or el.get("from") or ""
    r.record_date(el)
    if not ISO_DATE.match(when):
        return inline(r, el, plain_inline(m.css))
    title = when + (f" – {el.get('notAfter') or el.get('to')}" if (el.get("notAfter") or el.get("to")) else "")
    if el.get("evidence") == "internal":
        title += r.msg("date.internal")
    return (f'<time{r.attrs(el, m, title=title)} datetime="{esc_text(when)}">{r.children(el)}</time>')
