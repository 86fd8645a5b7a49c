"""What an editor should look at: heuristics over a Document whose passes have run.

Each detector is a function ``(doc, context) -> list[Finding]``, small and
documented by the OCR or editing habit it catches. They only read the text
and the spans; where a pass already reports a problem (speakers, names,
dates warn through ``doc.warn``), its report wins and the fallback here is
not run, so the same thing is never listed twice.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

import regex

from ..errors import line_col
from ..model import OMIT, Document
from ..passes import sidecar_entries
from ..passes.documents import LABEL
from ..passes.hands import ARROW
from ..passes.page_breaks import FINAL, OPENS
from ..sidecar import locate
from .findings import Finding


# Patterns compiled once (regex's own cache costs a lookup per call: thousands per document).
LETTER = regex.compile(r"\p{L}")
ENDS_WITH_COMMA = regex.compile(r"[、，,:：]$")
MEMO_FIELD = regex.compile(r"[ \t]*\p{Lu}[\p{Lu} .]{1,24}:[ \t]")     # SUBJECT: / FROM: / DATE: … (a field, no prose)
JA_COMMA = regex.compile(r"[、，]")
HIRAGANA = regex.compile(r"\p{Hiragana}")
LATIN_WORD = regex.compile(r"[\p{Latin}]{2,}")
NOT_LETTER = regex.compile(r"[^\p{L}\p{N}]")
SPACES = regex.compile(r"[ \u3000]")
BRACKET = regex.compile(r"[「」『』()（）\[\]［］【】〔〕《》〈〉]")
DIGITS = regex.compile(r"\p{Nd}+")


@dataclass
class Context:
    """What the detectors share: the register forms known to the edition, the pass names present."""
    known_names: set[str] = field(default_factory=set)
    pass_names: set[str] = field(default_factory=set)


def at(doc: Document, offset: int, severity: str, category: str, message: str, hint: str = "",
       end: int | None = None) -> Finding:
    line, col = line_col(doc.text, offset)
    end_line = line_col(doc.text, end)[0] if end is not None else 0
    return Finding(doc.path, line, col, severity, category, message, hint, end_line=end_line, offset=offset,
                   source_id=doc.id)


def unique_quote(text: str, start: int, limit: int = 40) -> str:
    """The shortest quote from ``start`` (at least 4 characters, within its line) that occurs once."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    # Occurring once is monotonic in the length (a longer quote occurs where its prefix does: if the
    # prefix has no second non-overlapping occurrence, neither has it), so the shortest such length is
    # found by bisection; then the first length from there whose quote does not end with a space.
    lo, hi = 4, min(limit, line_end - start)
    if lo > hi or not _occurs_once(text, text[start:start + hi]):
        return text[start:min(line_end, start + limit)]
    while lo < hi:
        mid = (lo + hi) // 2
        if _occurs_once(text, text[start:start + mid]):
            hi = mid
        else:
            lo = mid + 1
    for n in range(lo, min(limit, line_end - start) + 1):
        if text[start + n - 1] != " ":
            return text[start:start + n]
    return text[start:min(line_end, start + limit)]


def _occurs_once(text: str, quote: str) -> bool:
    """``text.count(quote) == 1`` (non-overlapping occurrences), stopping at the second one."""
    first = text.find(quote)
    return first != -1 and text.find(quote, first + len(quote)) == -1


def toml_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def snippet(s: str, n: int = 12, tail: bool = False) -> str:
    s = " ".join(s.split())
    if len(s) <= n:
        return s
    return "…" + s[-n:] if tail else s[:n] + "…"


# Owners of a block that is not running prose: a pass or the editor already said what it is.
NOT_PROSE = ("fw", "figure", "head", "table", "speaker", "label", "gap", "stamp")
# Declared as handwriting, garble or furniture: nothing left for the garble detectors to say.
DECLARED = ("figure", "unclear", "note", "add", "choice", "fw", "stamp", "gap", "head", "cell", "table", "metamark")


def _owned(doc: Document, s: int, e: int, tags) -> bool:
    """A non-empty span with one of ``tags`` contains [s, e) (the Document's span index: no scan of every span)."""
    return doc.inside(s, e, *tags) is not None


def _declared(doc: Document, s: int, e: int) -> bool:
    return any(sp.start < e and s < sp.end and (sp.tag in DECLARED or "hand" in sp.attrs) for sp in doc.spans)


# -- page boundaries ----------------------------------------------------------------------

def page_boundaries(doc: Document, ctx: Context) -> list[Finding]:
    """A paragraph that stops mid-sentence and is not joined to the next: a page the build did not see.

    page_breaks joins two blocks when the second continues the sentence; when it
    does not (the next block opens with a bracket, a number …) the break is
    left unmarked, and text may even be missing (OCR of a lost line). Also a
    label such as 資料② (a new attachment, so a new page) with no page break.
    """
    out: list[Finding] = []
    blocks = doc.blocks()
    pbs = sorted(s.start for s in doc.find("pb"))
    divs = [d for d in doc.find("div")]

    def marked(a: int, b: int) -> bool:
        return any(a <= p <= b for p in pbs)

    for b1, b2 in zip(blocks, blocks[1:]):
        if marked(b1.end, b2.start) or _owned(doc, b1.start, b1.end, NOT_PROSE + ("note",)) or \
                _owned(doc, b2.start, b2.end, ("fw", "figure", "note")):
            continue
        if len(LETTER.findall(doc.text[b2.start:b2.end].split("\n", 1)[0])) < 10:
            continue                          # a heading, a date line, a short note: not a page's running text
        if any(b1.start < d.start <= b2.start for d in divs):
            continue                          # a new document division: not a continuation
        tail = doc.text[b1.start:b1.end].rstrip()
        last_line = tail.rsplit("\n", 1)[-1]
        if FINAL.search(tail) or not _prose(last_line) or MEMO_FIELD.match(last_line):
            continue                          # (a memorandum's SUBJECT: line has no full stop either)
        if ENDS_WITH_COMMA.search(tail) and OPENS.match(doc.text[b2.start:b2.end]):
            continue                          # "…に関し、" then "1. …": an introduction to numbered points
        if _owned(doc, b1.start, b1.end, ("list",)) and len(last_line) < 40:
            continue                          # a short last list item needs no full stop
        quote = unique_quote(doc.text, b2.start)
        l1 = doc.line_of(b1.end - 1)
        out.append(at(doc, b2.start, "warning", "page-break",
                      f"line {l1} ends mid-sentence («{snippet(tail, tail=True)}») and this block does not "
                      "continue it: a page boundary the build did not mark, or lost text?",
                      f"if a new page begins here, add [[page_break]] quote = {toml_string(quote)}"))
    prose_ends = [b.end for b in blocks if not _owned(doc, b.start, b.end, NOT_PROSE)]
    for block in blocks:
        line_text = doc.text[block.start:block.end].split("\n", 1)[0].strip()
        if not LABEL.match(line_text) or block is blocks[0]:
            continue
        before = [e for e in prose_ends if e <= block.start]
        if before and not marked(before[-1], block.start):
            out.append(at(doc, block.start, "warning", "page-break",
                          f"{line_text} starts an attachment, usually on a new page, but no page break is marked",
                          f"add [[page_break]] quote = {toml_string(unique_quote(doc.text, block.start))}"))
    return out


def _prose(line: str) -> bool:
    """Running text, not a list of names or a form: kana or commas (Japanese), six words (English)."""
    if JA_COMMA.search(line) or len(HIRAGANA.findall(line)) >= 3:
        return True
    return len(LATIN_WORD.findall(line)) >= 6


# -- garble and handwriting ----------------------------------------------------------------

SHORT_FORM_LINE = regex.compile(r"^[\p{Han}\p{Katakana}ー \u3000]{1,12}$")     # 外儀官, 会厚情オ, ネ
HAND_LINE = regex.compile(r"^(?=.*\p{Han})(?=.*\p{Hiragana})[\p{Han}\p{Hiragana}\p{Katakana}ー]{3,8}$")  # いたるく子使


def _prose_bigrams(doc: Document) -> Counter:
    """Character pairs of the document's real prose (lines of ten letters or more)."""
    pairs: Counter = Counter()
    for line in doc.text.split("\n"):
        letters = NOT_LETTER.sub("", line)
        if len(letters) >= 10:
            pairs.update(map(str.__add__, letters, letters[1:]))       # every pair of neighbours
    return pairs


def _unusual(word: str, pairs: Counter) -> bool:
    """A lone character, or a word most of whose character pairs never occur in the prose."""
    if len(word) == 1:
        return True
    grams = [word[i:i + 2] for i in range(len(word) - 1)]
    return sum(1 for g in grams if pairs[g]) * 2 < len(grams)


def garble(doc: Document, ctx: Context) -> list[Finding]:
    """Runs of short lines of unusual kanji/katakana combinations: OCR of a printed grid or of handwriting.

    A routing grid OCR'd line by line gives 外儀官 / 典房 / 審長長 / ネ / 人:
    words whose character pairs the document's prose never uses. Three or more
    such lines close together (other short lines between them allowed) are
    reported as one region, with the ``[[form]]`` that would declare it.
    A lone short line mixing kanji and kana the same way (いたるく子使,
    国軍長へ) is handwriting read by OCR, reported on its own.
    """
    pairs = _prose_bigrams(doc)
    out: list[Finding] = []
    lines, pos = [], 0
    for raw in doc.text.split("\n"):
        lines.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    run: list[tuple[int, int, str, bool]] = []

    def flush() -> None:
        odd = [r for r in run if r[3]]
        if len(odd) >= 3 and len(odd) * 2 >= len(run):
            s, e = odd[0][0], odd[-1][1]
            if not _declared(doc, s, e):
                first, last = odd[0][2].strip(), odd[-1][2].strip()
                out.append(at(doc, s, "warning", "garble",
                              f"lines {doc.line_of(s)}–{doc.line_of(e)}: {len(odd)} short lines of unusual character combinations "
                              f"({', '.join(r[2].strip() for r in odd[:4])} …): OCR garble of a printed form?",
                              f"declare it: [[form]] start = {toml_string(first)} end = {toml_string(last)}"
                              + (" (with end_occurrence if it recurs)" if doc.text.count(last, s, e) > 1 else ""),
                              end=e))
        run.clear()

    for s, e, raw in lines:
        text = raw.strip()
        if not text:
            continue                      # blank lines do not break a run
        if SHORT_FORM_LINE.match(text):
            word = SPACES.sub("", text)
            run.append((s + raw.index(text), s + raw.index(text) + len(text), raw, _unusual(word, pairs)))
            continue
        flush()
        if HAND_LINE.match(text) and _unusual(text, pairs) and _alone(doc, s, e):
            start = s + raw.index(text)
            if not _declared(doc, start, start + len(text)):
                out.append(at(doc, start, "warning", "garble",
                              f"«{text}»: an unusual combination standing alone: handwriting or an OCR misreading?",
                              "declare it: [[handwritten]] (with a [[hand]]), [[unclear]] or [[correction]] "
                              f"with quote = {toml_string(text)}"))
    flush()
    for m in ARROW.finditer(doc.text):
        if not _declared(doc, m.start(), m.end()):
            out.append(at(doc, m.start(), "warning", "handwriting",
                          f"an arrow {m[0]} in the text: an insertion mark, usually handwritten",
                          "declare the handwritten passage with [[handwritten]] (kind = \"block\" for whole "
                          "paragraphs): arrows inside it become <metamark function=\"insertion\">"))
    return out


def _alone(doc: Document, s: int, e: int) -> bool:
    """The line from s to e is a block of its own: blank lines (or the text's ends) around it."""
    text = doc.text
    line_start = text.rfind("\n", 0, s) + 1
    prev_line = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1:max(line_start - 1, 0)] if line_start else ""
    line_end = text.find("\n", e)
    next_line = "" if line_end == -1 else text[line_end + 1:(text.find("\n", line_end + 1) + 1 or len(text) + 1) - 1]
    return not prev_line.strip() and not next_line.strip()


# -- brackets and quotation marks ----------------------------------------------------------

CLOSERS = {"」": "「", "』": "『", ")": "(", "）": "(", "]": "[", "］": "[", "】": "【", "〕": "〔", "》": "《",
           "〉": "〈"}
OPENERS = {"「": "」", "『": "』", "(": ")", "（": ")", "[": "]", "［": "]", "【": "】", "〔": "〕", "《": "》",
           "〈": "〉"}
FAMILY = {"（": "(", "［": "["}                     # full- and half-width brackets pair with each other
ENUMERATOR = regex.compile(r"(?:^|(?<=[\s、。]))[\p{Nd}a-zA-Zivx]{1,3}$")   # "1)" "a)" "ii)": a numbering


def brackets(doc: Document, ctx: Context) -> list[Finding]:
    """Unbalanced 「」『』()（）[] inside a paragraph: a lost or misread mark, or the original's own slip.

    Checked per paragraph (a paragraph joined across a page break is one),
    outside garbled forms and redaction markers. ``(`` and ``（`` pair with
    either closing form; ``1)``-style numbering is not a bracket.
    """
    out: list[Finding] = []
    omitted = bytearray(len(doc.text))
    for sp in doc.spans:
        if sp.tag == OMIT or sp.tag in ("figure", "desc"):
            omitted[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)
    for block in doc.blocks():
        stack: list[tuple[str, int]] = []
        for m in BRACKET.finditer(doc.text[block.start:block.end]):
            off = block.start + m.start()
            if omitted[off]:
                continue
            ch = FAMILY.get(m[0], m[0])
            if ch in OPENERS:
                stack.append((ch, off))
                continue
            opener = CLOSERS[ch]
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif any(o == opener for o, _ in stack):
                while stack[-1][0] != opener:
                    o, o_off = stack.pop()
                    out.append(_unclosed(doc, o, o_off))
                stack.pop()
            elif not (ch == ")" and ENUMERATOR.search(doc.text[doc.text.rfind("\n", 0, off) + 1:off])):
                out.append(at(doc, off, "warning", "brackets",
                              f"{m[0]} closes nothing: no {opener} opens it in this paragraph "
                              f"(«{snippet(doc.text[max(block.start, off - 14):off + 1], 15, tail=True)}»)",
                              "if the original prints it so, keep it and mark it reviewed: [[reviewed]] "
                              f"quote = {toml_string(_around(doc, off))} category = \"brackets\""))
        out += [_unclosed(doc, o, off) for o, off in stack]
    return out


def _around(doc: Document, off: int) -> str:
    """A unique quote holding ``off`` (for [[reviewed]])."""
    line_start = doc.text.rfind("\n", 0, off) + 1
    for back in range(0, 20):
        start = max(line_start, off - back)
        quote = unique_quote(doc.text, start, 60)
        if start + len(quote) > off and doc.text.count(quote) == 1:
            return quote
    return doc.text[max(line_start, off - 6):off + 1]


def _unclosed(doc: Document, opener: str, off: int) -> Finding:
    return at(doc, off, "warning", "brackets",
              f"{opener} is not closed in this paragraph («{snippet(doc.text[off:off + 16], 15)}»)",
              "a closing mark lost at a page boundary or in OCR? if the original prints it so, mark it "
              f"reviewed: [[reviewed]] quote = {toml_string(_around(doc, off))} category = \"brackets\"")


def strikes(doc: Document, ctx: Context) -> list[Finding]:
    """``~~`` left as text: a strike-through the deletions pass could not pair (unbalanced, or across a blank line)."""
    omitted = {sp.start for sp in doc.spans if sp.tag == OMIT}
    return [at(doc, m.start(), "warning", "deletion", "~~ left as text: unpaired strike-through marker",
               "close it on the same paragraph: ~~struck text~~")
            for m in regex.finditer(r"~~", doc.text) if m.start() not in omitted]


# -- names and speakers ---------------------------------------------------------------------

TITLES = ("大統領|国務長官|国防長官|長官|書記長|書記|外相|首相|大使|代表|補佐官|公使|中将|大将|参謀総長|総長|総裁|"
          "所長|次官|議長|外務大臣|大臣|議員|報道官|教授|博士|夫人|元帥|司令官|参事官|氏|さん")
KATAKANA_NAME = regex.compile(r"(?<![\p{Katakana}ー])(\p{Katakana}[\p{Katakana}ー]+(?:・\p{Katakana}[\p{Katakana}ー]+)*)"
                              rf"(?=(?:{TITLES}))")
KANJI_NAME = regex.compile(rf"(?<![\p{{Han}}\p{{Katakana}}])(\p{{Han}}{{2}})(?=(?:大使|次官|大臣|参事官|公使|長官|外相|首相|書記官|補佐官))")
NOT_NAMES = {"米国", "駐日", "在京", "全権", "特命", "各国", "同国", "貴国", "当該", "日本", "英国", "中国", "韓国",
             "外務", "政務", "事務", "国務", "国防", "副大", "総理", "関係", "在米", "在外", "駐米", "歴代", "現職",
             "前任", "後任", "新任", "同大", "両大", "米側", "ソ連", "ソ側", "我が", "先方", "当方", "貴使", "大統",
             "首脳", "閣僚", "担当", "代表", "官房", "外交", "昨日", "本日", "今日", "明日", "当日", "同日", "前日",
             "翌日", "先日", "今回", "前回", "次回", "当時", "現在", "以前", "以後", "元来", "歴史"}


def names(doc: Document, ctx: Context) -> list[Finding]:
    """Names the registers do not know, when no entity pass has looked (else its warnings are used).

    A heuristic for precision, not recall: a katakana word or a two-kanji
    surname right before a title (グリットマン代表, 柳谷次官, ラウニー大使).
    """
    if any(s.tag in ("persName", "placeName", "orgName", "term") for s in doc.spans):
        return []
    if any(m.startswith(("name:", "entity:")) for _, m in doc.warnings):
        return []
    seen: dict[str, list[int]] = {}
    for pattern in (KATAKANA_NAME, KANJI_NAME):
        for m in pattern.finditer(doc.text):
            name = m[1]
            if name in NOT_NAMES or name in ctx.known_names or _declared_gap(doc, m.start()):
                continue
            seen.setdefault(name, []).append(m.start())
    return [at(doc, offs[0], "info", "name",
               f"{name}: a name the registers do not know ({len(offs)}×)" if len(offs) > 1 else
               f"{name}: a name the registers do not know",
               "add it to the registers with every spelling seen, or ignore it if it is not a name")
            for name, offs in sorted(seen.items(), key=lambda kv: kv[1][0])]


def _declared_gap(doc: Document, off: int) -> bool:
    """A gap, running header or figure holds ``off`` (the span index: no scan of every span)."""
    return doc.inside(off, off + 1, "gap", "fw", "figure") is not None


PAREN_LABEL = regex.compile(r"^[(（]([^()（）\n\p{Nd}]{1,12})[)）](?=\s|$)")
COLON_LABEL = regex.compile(r"^((?:[\p{L}][\p{L}.・\s]{0,18}[\p{L}.])|\p{L})[:：](?!\p{Nd})")


def speakers(doc: Document, ctx: Context) -> list[Finding]:
    """Speaker labels nobody resolves, when no speaker pass has looked (else its warnings are used)."""
    if doc.find("sp") or doc.find("speaker") or any(m.startswith("speaker:") for _, m in doc.warnings):
        return []
    labels: dict[str, list[int]] = {}
    for block in doc.blocks():
        if _owned(doc, block.start, block.end, ("fw", "figure", "table", "head", "list")):
            continue
        text = doc.text[block.start:block.end]
        m = PAREN_LABEL.match(text) or COLON_LABEL.match(text)
        if m and not regex.search(r"https?|www", m[0], regex.IGNORECASE):
            labels.setdefault(m[0].strip(), []).append(block.start)
    out = []
    dialogue = sum(len(offs) for label, offs in labels.items() if not PAREN_LABEL.match(label)) >= 4
    for label, offs in sorted(labels.items(), key=lambda kv: kv[1][0]):
        if len(offs) < 2 and not PAREN_LABEL.match(label) and not dialogue:
            continue                          # one "注:" is a note; in a dialogue, Q: once is a speaker
        out.append(at(doc, offs[0], "warning", "speaker",
                      f"speaker label {label} ({len(offs)}×) resolves to nobody",
                      "map it to a person or role of the registers (speakers in the sidecar)"))
    return out


# -- dates, divisions, page numbers ------------------------------------------------------------

def _iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value or "")


def document_dates(doc: Document) -> dict[str, tuple[str, str]]:
    """div id -> (date, last date) the editor gave it (a division without one gets the source's)."""
    sc = doc.meta["sidecar"].data
    top = (_iso(sc.get("date")), _iso(sc.get("date_end") or sc.get("date")))
    out = {}
    for entry in sidecar_entries(doc, "document"):
        if isinstance(entry, dict) and entry.get("id"):
            own = _iso(entry.get("date"))
            out[entry["id"]] = (own, own) if own else top
    out[""] = top
    return out


def dates(doc: Document, ctx: Context) -> list[Finding]:
    """Dates later than the document that mentions them: a misreading, a wrong era, a wrong year guess.

    (Dates that do not parse are reported by the dates pass through doc.warn.)
    A year alone (1991年 in a plan) is only ``info``: documents do look ahead.
    """
    own = document_dates(doc)
    divs = [d for d in doc.find("div") if d.attrs.get("xml:id")]
    out = []
    for span in doc.find("date"):
        value, shown = _date_value(span.attrs)
        if not value:
            continue
        div = next((d.attrs["xml:id"] for d in divs if d.start <= span.start < d.end), "")
        _, last = own.get(div) or own[""]
        if last and value[:len(last)] > last[:len(value)]:
            text = doc.text[span.start:span.end]
            severity = "info" if len(shown) == 4 else "warning"
            out.append(at(doc, span.start, severity, "date",
                          f"{text} ({shown}) is after the document's own date ({last})",
                          "a plan or a forecast is fine; otherwise check the era, year or the OCR"))
    return out


def _date_value(attrs: dict[str, str]) -> tuple[str, str]:
    """(earliest ISO value, the value as precise as the date is: 1991, 1991-05 or 1991-05-17)."""
    when, lo, hi = attrs.get("when", ""), attrs.get("notBefore", ""), attrs.get("notAfter", "")
    if regex.match(r"\d{4}", when):
        return when, when
    if not regex.match(r"\d{4}", lo):
        return "", ""
    if hi and lo[:4] == hi[:4] and lo[4:] == "-01-01" and hi[4:] == "-12-31":
        return lo, lo[:4]                          # a year
    if hi and lo[:7] == hi[:7] and lo.endswith("-01"):
        return lo, lo[:7]                          # a month
    return lo, f"{lo}–{hi}" if hi else lo


def divisions(doc: Document, ctx: Context) -> list[Finding]:
    """Document divisions without a date or a title, and attachment labels inside another document.

    The second is how documents silently merge: 資料③ in the middle of d1
    means a ``[[document]]`` is missing and two documents share one header.
    """
    sc = doc.meta["sidecar"]
    out: list[Finding] = []
    entries = [e for e in sidecar_entries(doc, "document") if isinstance(e, dict)]
    where_toml = sc.raw != ""
    for i, entry in enumerate(entries):
        if entry.get("type") == "cover":
            continue
        missing = [k for k in ("date", "title") if not entry.get(k)]
        if missing and not (len(entries) == 1 and all(sc.data.get(k) for k in missing)):
            line, col = locate(sc.raw, "document", i, None)
            out.append(Finding(sc.path, line, col, "warning", "division",
                               f"[[document]] {entry.get('id')!r} has no {' and no '.join(missing)}",
                               "add " + ", ".join(f"{k} = …" for k in missing) + " (the header and the site use them)",
                               source_id=doc.id))
    if not entries:
        missing = [k for k in ("date", "title") if not sc.data.get(k)]
        if missing:
            path, line = (sc.path, 1) if where_toml else (doc.path, 1)
            out.append(Finding(path, line, 1, "warning", "division",
                               f"the source has no {' and no '.join(missing)}",
                               f"add {', '.join(k + ' = …' for k in missing)} at the top of {sc.path}",
                               source_id=doc.id))
    divs = [d for d in doc.find("div") if d.attrs.get("type") in ("document", "cover")]
    for block in doc.blocks():
        line_text = doc.text[block.start:block.end].split("\n", 1)[0].strip()
        if not LABEL.match(line_text):
            continue
        div = next((d for d in divs if d.start <= block.start < d.end), None)
        if div is None:
            continue
        first = doc.text[div.start:div.end].lstrip()
        starts_div = div.start + len(doc.text[div.start:div.end]) - len(first)
        if block.start != starts_div and not _heads_before(doc, div.start, block.start):
            out.append(at(doc, block.start, "warning", "division",
                          f"{line_text} looks like the start of a document, but it is inside "
                          f"{div.attrs.get('xml:id', 'the document')}: two documents merged?",
                          f"add [[document]] with start = {toml_string(line_text)} (and its id, type, date, title)"))
    return out


def _heads_before(doc: Document, div_start: int, at_: int) -> bool:
    """Only headings or stamps between the division start and ``at_`` (a cover, then its label)."""
    blocks = [b for b in doc.blocks() if div_start <= b.start < at_]
    return bool(blocks) and all(_owned(doc, b.start, b.end, ("head", "figure", "fw", "stamp")) for b in blocks)


def page_numbers(doc: Document, ctx: Context) -> list[Finding]:
    """Printed page numbers (``- 3 -``, ``Page 4``) that do not follow each other: a page lost or misordered."""
    out, prev = [], None
    for span in sorted((s for s in doc.find("fw") if s.attrs.get("type") == "pageNum"), key=lambda s: s.start):
        m = DIGITS.search(doc.text[span.start:span.end])
        if not m:
            continue
        n = int(m[0])
        if prev is not None and n != prev + 1:
            what = "missing" if n > prev + 1 else "out of order"
            out.append(at(doc, span.start, "warning", "page-number",
                          f"page number {n} follows {prev}: a page {what}?",
                          "check the scan; a page the text lacks can be noted as a [[page_break]]"))
        prev = n
    return out


DETECTORS: tuple[Callable[[Document, Context], list[Finding]], ...] = (
    page_boundaries, garble, brackets, strikes, names, speakers, dates, divisions, page_numbers,
)
