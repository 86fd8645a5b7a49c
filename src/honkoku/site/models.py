"""MODELS: how each TEI element is shown, in the style of the TEI Processing Model.

One entry per element: a list of Models, the first whose predicate holds wins
(the last has none). A Model names a *behaviour* (behaviours.py: what HTML it
makes), a CSS class, the *view* it belongs to ("" both, "reading" or
"diplomatic"; the view switch hides the other) and params. Adding an
annotation kind means adding one entry here (and, if it looks new, one CSS
rule in assets/edition.css); an element without an entry is shown as an
inline span ``tei-<name>`` with its text, so nothing is ever lost.

Views (the one control on each page switches them):
- reading: corrections (corr), regularised spacing (reg type=spacing), no
  running headers (fw), no insertion arrows, forms folded;
- diplomatic: the witness: sic, letter-spaced orig, running headers, form grids.
Search indexes the reading view only (plus the hidden reg of old kana).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

from .corpus import local
from .messages import JA, Messages


@dataclass(frozen=True)
class Model:
    behaviour: str
    predicate: Callable[[etree._Element], bool] | None = None
    css: str = ""
    view: str = ""                                   # "" | "reading" | "diplomatic"
    params: dict[str, str] = field(default_factory=dict)


def attr_is(name: str, *values: str) -> Callable[[etree._Element], bool]:
    def test(el: etree._Element) -> bool:
        return el.get(name) in values
    test.__name__ = f"{name}_in_{'_'.join(values)}"
    return test


def has(name: str) -> Callable[[etree._Element], bool]:
    def test(el: etree._Element) -> bool:
        return bool(el.get(name))
    test.__name__ = f"has_{name}"
    return test


def has_child(name: str, **attrs: str) -> Callable[[etree._Element], bool]:
    def test(el: etree._Element) -> bool:
        return any(local(c) == name and all(c.get(k) == v for k, v in attrs.items()) for c in el)
    test.__name__ = f"has_child_{name}"
    return test


ENTITY = [Model("link", has("ref"), css="hk-entity"), Model("inline")]

MODELS: dict[str, list[Model]] = {
    # structure
    "teiHeader": [Model("omit")],
    "standOff": [Model("omit")],
    "facsimile": [Model("omit")],
    "text": [Model("block", css="hk-text")],
    "front": [Model("block", css="hk-front")],
    "body": [Model("block", css="hk-body")],
    "back": [Model("block", css="hk-back")],
    "div": [Model("section", attr_is("type", "document", "cover")), Model("block")],
    "head": [Model("label", attr_is("type", "label")), Model("heading")],
    "p": [Model("paragraph")],
    "ab": [Model("paragraph")],
    "lb": [Model("break", params={"type": "line"})],
    "pb": [Model("break", params={"type": "page"})],
    "cb": [Model("omit")],
    "fw": [Model("furniture", view="diplomatic")],
    "sp": [Model("turn")],
    "speaker": [Model("speaker")],
    "table": [Model("table")],
    "row": [Model("row")],
    "cell": [Model("cell")],
    "list": [Model("list")],
    "item": [Model("listItem")],
    "label": [Model("inline", css="tei-label")],
    "figure": [Model("stamps", attr_is("type", "stamp")), Model("form", attr_is("type", "form")),
               Model("block")],
    "figDesc": [Model("omit")],                       # shown by the figure's "form" behaviour
    "desc": [Model("omit")],                          # shown by the gap behaviours
    # editorial: the two views
    "choice": [Model("alternate", has_child("reg", type="kana"),
                     params={"reading": "orig", "diplomatic": "orig", "search": "reg"}),
               Model("alternate", params={"reading": "corr reg expan", "diplomatic": "sic orig abbr"})],
    "sic": [Model("inline")], "corr": [Model("inline")], "orig": [Model("inline")], "reg": [Model("inline")],
    "abbr": [Model("inline")], "expan": [Model("inline")],
    "gap": [Model("redaction", attr_is("reason", "withheld")), Model("boxes", attr_is("reason", "nontext")),
            Model("gap")],
    "unclear": [Model("inline", css="hk-unclear", params={"title": "unclear"})],
    "supplied": [Model("inline", params={"before": "[", "after": "]", "title": "supplied"})],
    "metamark": [Model("omit", attr_is("function", "separator")),
                 Model("inline", view="diplomatic", params={"title": "metamark"})],
    "del": [Model("inline", params={"tag": "del", "title": "del"})],
    "add": [Model("inline", attr_is("type", "approval"), css="hk-approval", params={"title": "approval"}),
            Model("inline", params={"tag": "ins", "title": "add"})],
    "note": [Model("note")],
    "stamp": [Model("stamp")],
    # semantic
    "persName": ENTITY, "placeName": ENTITY, "orgName": ENTITY, "term": ENTITY, "name": ENTITY, "rs": ENTITY,
    "roleName": [Model("inline")],
    "date": [Model("date")],
    "time": [Model("inline")],
    "hi": [Model("inline")], "foreign": [Model("inline")], "q": [Model("inline")], "quote": [Model("inline")],
    "title": [Model("inline")], "idno": [Model("inline")], "num": [Model("inline")], "emph": [Model("inline")],
}

FALLBACK = Model("inline")

# An inline model's params["title"] names its tooltip: "title.<name>" in messages.py (unclear's is made
# by behaviours._unclear_title).


def select(el: etree._Element) -> Model:
    """The first Model of the element's entry whose predicate holds."""
    return select_named(el, local(el))


def select_named(el: etree._Element, name: str) -> Model:
    """``select`` for an element whose local name the caller already has (the renderer's walk)."""
    for model in MODELS.get(name, ()):
        if model.predicate is None or model.predicate(el):
            return model
    return FALLBACK


def rules_for(name: str) -> list[tuple[Callable[[etree._Element], bool] | None, Model]]:
    """The element's models as (predicate, model), ending with one without predicate (FALLBACK if none
    has): what ``select_named`` tries in order, for the renderer to compile once per element name."""
    out: list[tuple[Callable[[etree._Element], bool] | None, Model]] = []
    for model in MODELS.get(name, ()):
        out.append((model.predicate, model))
        if model.predicate is None:
            return out
    out.append((None, FALLBACK))
    return out


# The legend on every document page: each convention rendered from a tiny TEI
# snippet through the same MODELS, so the legend cannot drift from the text.
# Labels and samples are in messages.py ("legend.<name>", "legend.<name>.sample"): in an English
# edition the samples are English text.
LEGEND_ENTRIES = ("corr", "spacing", "redaction", "boxes", "hand", "del", "approval", "stamp", "unclear", "page", "fw")


def legend_entries(msg: Messages) -> list[tuple[str, str]]:
    """(label, TEI sample) for each entry of the legend, in the site's language."""
    return [(msg(f"legend.{name}"), msg(f"legend.{name}.sample")) for name in LEGEND_ENTRIES]


LEGEND: list[tuple[str, str]] = legend_entries(JA)
