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
from .models import TITLES, Model
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
    title = TITLES.get(m.params.get("title", ""), "")
    if local(el) == "unclear":
        title = _unclear_title(el)
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
        anchor = f'<a class="hk-pilcrow" data-pagefind-ignore href="#{ident}" aria-label="この段落 ({ident}) へのリンク">¶</a>'
    n = el.get("n")
    number = f' data-n="{esc_text(n)}"' if n else ""
    return (f"<{tag}{r.attrs(el, m)}{number}>{r.children(el)}{anchor}</{tag}>")


@behaviour
def break_(r, el, m):
    if m.params.get("type") == "line":
        return ('<br class="tei-lb">')
    n = el.get("n") or ""
    r.page = n or r.page
    title = f"{n}ページ" + ("目 (推定の位置)" if el.get("cert") else "目") + ("、語の途中" if el.get("break") == "no" else "")
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
    kind = {"header": "柱 (ページ上部の見出し)", "web": "ウェブページの付属物", "footer": "ページ下部"}.get(
        el.get("type") or "", "付属物")
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
    title = _choice_title(reading, diplomatic, search)
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


def _choice_title(reading, diplomatic, search) -> str:
    if search is not None:
        return f"旧仮名遣い (検索用の現代表記: {flat(search)})"
    if reading is None or diplomatic is None:
        return ""
    if local(reading) == "corr":
        cert = {"high": "高", "medium": "中", "low": "低"}.get(reading.get("cert") or "", "")
        return f"校訂: {flat(diplomatic)} → {flat(reading)}" + (f" (確度 {cert})" if cert else "")
    if local(reading) == "reg" and reading.get("type") == "spacing":
        return "字間を詰めた表記 (原文は字間あり)"
    return f"{flat(diplomatic)} → {flat(reading)}"


def _unclear_title(el) -> str:
    reason = {"ocr": "OCR", "garbled": "OCR で崩れた書式"}.get(el.get("reason") or "", el.get("reason") or "")
    cert = {"high": "高", "medium": "中", "low": "低"}.get(el.get("cert") or "", "")
    return "判読不確実" + (f" ({reason}" + (f", 確度 {cert}" if cert else "") + ")" if reason else "")


@behaviour
def redaction(r, el, m):
    desc = flat(el.find("t:desc", NS))
    extent = el.get("extent")
    amount = f"{el.get('quantity')} {el.get('unit') or ''}".strip() if el.get("quantity") else ""
    label = "墨塗り: 非開示" + (f" ({amount})" if amount else " (範囲不明)" if extent == "unknown" else "")
    inner = f'<span class="hk-redaction-text hk-dipl">{esc_text(desc)}</span>' if desc else ""
    return (f'<span{r.attrs(el, m, extra="hk-redaction", title=label)} role="img" '
                  f'aria-label="{esc_text(label)}">{inner}</span>')


@behaviour
def boxes(r, el, m):
    try:
        count = max(1, min(int(el.get("quantity") or "1"), 50))
    except ValueError:
        count = 1
    label = f"空欄の枠 {count}個 (文字ではない印)"
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
    label = {"illegible": "判読不能", "damage": "損傷"}.get(el.get("reason") or "", "欠落")
    return (f'<span{r.attrs(el, m, title=label)} role="img" aria-label="{esc_text(label)}">{"〓" * count}</span>')


@behaviour
def note(r, el, m):
    kind = "書き込み" if el.get("type") == "annotation" else "注"
    tag = "span" if r.inline_context(el) else "aside"
    anchor = ""
    if el.get(XML_ID) and not r.sample:
        anchor = f'<a class="hk-pilcrow" data-pagefind-ignore href="#{esc_text(el.get(XML_ID))}" aria-label="この書き込みへのリンク">¶</a>'
    return (f'<{tag}{r.attrs(el, m, title=kind)}><span class="hk-note-kind">{kind}</span> '
                  f'{r.children(el)}{anchor}</{tag}>')


@behaviour
def stamps(r, el, m):
    return (f'<div{r.attrs(el, m, extra="hk-stamps")} role="group" aria-label="印影">{r.children(el)}</div>')


@behaviour
def stamp(r, el, m):
    kind = {"classification": "区分", "retention": "保存期間", "copy": "部数", "series": "番号"}.get(
        el.get("type") or "", "印")
    text = flat(el)
    if len(el) == 0 and LETTER_SPACED.match(text):
        closed = SPACE.sub("", text)
        inner = f'<span class="hk-dipl">{esc_text(text)}</span><span class="hk-read">{esc_text(closed)}</span>'
    else:
        inner = r.children(el)
    return (f'<span{r.attrs(el, m, title=f"印: {kind}")}>{inner}</span>')


@behaviour
def form(r, el, m):
    desc = flat(el.find("t:figDesc", NS)) or "書式"
    note_ = (f'<p class="hk-read hk-form-note">［書式欄 (OCR で崩れているため閲読表示では省略): '
             f'{esc_text(desc)}］</p>')
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
        anchor = f'<a class="hk-pilcrow" data-pagefind-ignore href="#{esc_text(el.get(XML_ID))}" aria-label="この発言へのリンク">¶</a>'
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
        title += " (文脈から補った日付)"
    return (f'<time{r.attrs(el, m, title=title)} datetime="{esc_text(when)}">{r.children(el)}</time>')
