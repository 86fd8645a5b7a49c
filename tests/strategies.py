"""Hypothesis strategies for honkoku inputs: marker text, hostile text, bad bytes, sidecars.

Reusable by any property test (``from strategies import marker_texts``):

- ``marker_texts()``: well-formed UTF-8 text mixing every marker the passes
  read (redactions, ``~~``, ``<p>`` rows, tab and pipe rows, ``-`` lists,
  running headers 極秘 and page numbers, blank-line and form-feed page
  breaks, ``[]`` boxes, letter-spaced words, numbered paragraphs) with
  Japanese and Latin prose, hostile markup and odd Unicode. The build must
  always succeed on these (with no sidecar).
- ``bad_texts()``: the same plus what an OCR export may contain that XML
  cannot carry (NUL, C0 controls, U+FFFE) and broken markers.
- ``source_bytes(text)``: the text as the bytes of a file: UTF-8 (with or
  without BOM, LF, CRLF or CR), or Shift_JIS / EUC-JP / UTF-16, or with an
  invalid UTF-8 byte; paired with the ``encoding`` a sidecar could declare.
- ``sidecars(text)``: TOML sidecars about that text, mostly valid, with
  quotes that match once, twice or never, overlapping annotations, wrong
  types, unknown keys, impossible dates, duplicate ids, bad links, bad TOML.
- ``sources()``: all of it together: (source id, bytes, sidecar TOML or None).
"""
from __future__ import annotations

from hypothesis import strategies as st

# -- pieces of text -------------------------------------------------------------------------

PROSE_JA = ("本日午後、米側と軍備管理について協議を行った。", "先方は次のとおり述べた。", "他方、このことは",
            "米側も十分承知しているものと思われま", "すが、他方で", "アジア I N F 対米回電案", "国軍長へ",
            "(2) 軍備管理については11日午後の第2セッションで", "1. 総論", "第3 各論", "いたるく子使",
            "「グローバル200: アジア100, 欧州100」提案", "ｱｼﾞｱ ＩＮＦ　問題", "昭和61年9月18日")
PROSE_EN = ("The Soviet side proposed a freeze on SS-20 deployments in Asia.", "Page 4", "SECRET",
            "the talks continued", "Ambassador Rowny said:", "I N F", "(3)", "U.S.-Japan consultations;")
HOSTILE = ("<script>alert(1)</script>", "&amp; & &lt;", "]]>", "{{ config }}", "{% include x %}", "**bold** _it_",
           "<b onclick=\"x()\">", "<img src=x onerror=alert(1)>", "<!-- c -->", "<?php ?>", "<![CDATA[x]]>",
           "[link](javascript:alert(1))", "\\u0000", "%s%n", "'\"", "</p></text></TEI>", "<p>", "</p>", "&#0;")
ODD = ("e\u0301", "\u304b\u3099", "\u0301", "\ufeff", "\u200b", "\u00a0", "\u3000", "\U0001f600", "𠮷", "ｶﾞ",
       "ＡＢＣ１２３", "\u202e", "\ue000", "\u2028", "\u0085", "\U000e0001")
REDACTIONS = ("[REDACTED]", "[Redacted: name]", "[ SANITIZED ]", "■■■", "█", "(不開示)", "［黒塗り］",
              "[1 paragraph not declassified]", "[less than 1 line not declassified]", "[name not declassified]",
              "[REDACTED", "REDACTED]", "[]", "[] [] []", "[][]", "[ ]")
MARKERS = ("~~", "~~条約局~~", "~~ ~~", "~~~", "<p>", "</p>", "\t", "|", "- ", "* ", "・", "→", "極 秘", "決 裁 書",
           "I N F", "(1)", "1.", "--", "|---|", ":--", "- 3 -")
# Characters that mean something to a pass, for character-level noise.
MARKER_CHARS = "~[]<>/p|\t -*•・■()（）极秘極 　1.REDACTEDab あア漢\n\f"
FORBIDDEN = ("\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f", "\ufffe", "\uffff")

words = st.one_of(st.sampled_from(PROSE_JA), st.sampled_from(PROSE_EN), st.sampled_from(HOSTILE),
                  st.sampled_from(ODD), st.sampled_from(REDACTIONS), st.sampled_from(MARKERS),
                  st.text(alphabet=MARKER_CHARS.replace("\n", "").replace("\f", ""), max_size=8))


@st.composite
def prose_lines(draw) -> str:
    return draw(st.lists(words, min_size=1, max_size=6).map(" ".join if draw(st.booleans()) else "".join))


def _cells(draw) -> list[str]:
    return draw(st.lists(st.one_of(st.sampled_from(PROSE_JA + PROSE_EN + REDACTIONS + HOSTILE), words),
                         min_size=1, max_size=4))


@st.composite
def table_rows(draw) -> str:
    """A block of table rows: <p> cells (closed or not), tab-separated, or Markdown pipes."""
    kind = draw(st.sampled_from(["p", "tab", "pipe"]))
    rows = []
    for _ in range(draw(st.integers(1, 3))):
        cells = _cells(draw)
        if kind == "p":
            closed = draw(st.booleans())
            rows.append("\t".join(f"<p>{c}</p>" if closed else f"<p>{c}" for c in cells))
        elif kind == "tab":
            rows.append("\t".join(cells) + ("" if len(cells) > 1 else "\t"))
        else:
            rows.append("| " + " | ".join(cells) + " |")
    if draw(st.booleans()):
        rows.insert(draw(st.integers(0, len(rows))), draw(st.sampled_from(["--\t--", "|---|:--|", "------"])))
    return "\n".join(rows)


@st.composite
def list_items(draw) -> str:
    items = draw(st.lists(prose_lines(), min_size=1, max_size=4))
    bullet = draw(st.sampled_from(["-", "*", "•", "・"]))
    out = []
    for item in items:
        number = draw(st.sampled_from(["", "(1) ", "2. ", "(iv) ", "a) "]))
        out.append(f"{bullet} {number}{item}")
        if draw(st.integers(0, 4)) == 0:
            out.append(draw(prose_lines()))            # a line without bullet continues the item
    return "\n".join(out)


@st.composite
def blocks(draw) -> str:
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(table_rows())
    if kind == 1:
        return draw(list_items())
    if kind == 2:                                   # a running header or page number standing alone
        return draw(st.sampled_from(["極秘", "極 秘", "秘", "SECRET", "CONFIDENTIAL", "- 3 -", "― 12 ―", "Page 4",
                                     "(5)", "4頁", "FRUS 1986, 12", "FRUS 1986, 13"]))
    if kind == 3:
        return draw(st.sampled_from(REDACTIONS))
    lines = draw(st.lists(prose_lines(), min_size=1, max_size=4))
    return "\n".join(lines)


BREAKS = ("\n\n", "\n\n\n", "\n \n", "\n\u3000\n", "\f", "\n\f\n", "\n\n\f\n\n", "\n")


@st.composite
def marker_texts(draw, max_blocks: int = 8) -> str:
    """Valid UTF-8 text (no character XML forbids) mixing every marker: the build must succeed on it."""
    parts = draw(st.lists(blocks(), min_size=0, max_size=max_blocks))
    text = ""
    for i, part in enumerate(parts):
        if i:
            text += draw(st.sampled_from(BREAKS))
        text += part
    if draw(st.integers(0, 5)) == 0:                # character-level noise anywhere
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(st.text(alphabet=MARKER_CHARS, max_size=12)) + text[pos:]
    if draw(st.integers(0, 9)) == 0:
        text = draw(st.sampled_from(["", " ", "\n", "\n\n", "\f", " \t\n\u3000"])) + text
    if draw(st.booleans()):
        text += "\n"
    return text


@st.composite
def bad_texts(draw) -> str:
    """Marker text, sometimes with a character XML cannot carry or a broken marker."""
    text = draw(marker_texts())
    choice = draw(st.integers(0, 5))
    if choice == 0:
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(st.sampled_from(FORBIDDEN)) + text[pos:]
    elif choice == 1:
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(st.sampled_from(["~~", "[REDACTED", "<p>", "</p>", "|", "\f", "\t"])) + text[pos:]
    return text


# -- bytes of a file ------------------------------------------------------------------------

@st.composite
def source_bytes(draw, text: str) -> tuple[bytes, str | None]:
    """(bytes of the .txt, encoding to declare in the sidecar or None)."""
    kind = draw(st.integers(0, 11))
    if kind <= 5:
        ends = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
        data = text.replace("\n", ends).encode("utf-8", "surrogatepass")
        if kind == 0:
            data = b"\xef\xbb\xbf" + data
        return data, None
    if kind == 6:                                   # an invalid byte somewhere
        data = text.encode("utf-8", "surrogatepass")
        pos = draw(st.integers(0, len(data)))
        return data[:pos] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80"])) + data[pos:], None
    encoding = draw(st.sampled_from(["shift_jis", "euc_jp", "utf-16", "cp932"]))
    data = text.encode(encoding, "replace")
    declared = encoding if draw(st.booleans()) else None
    return data, declared


# -- sidecars ---------------------------------------------------------------------------------

def toml_str(value: str) -> str:
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ch == "\x7f" or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


class Raw(str):
    """A TOML value written as it is (a date, a date-time, a time: not a string)."""


def toml_value(value) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return toml_str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


@st.composite
def quotes(draw, text: str) -> str:
    """Mostly a piece of the text (matching once or several times), sometimes nothing in it."""
    if text and draw(st.integers(0, 5)):
        a = draw(st.integers(0, len(text) - 1))
        b = draw(st.integers(a + 1, min(len(text), a + 30)))
        return text[a:b]
    return draw(st.one_of(st.sampled_from(["", "zz-not-there", "国軍長へ", "\n"]), st.text(max_size=5)))


def _anchor(draw, text: str) -> dict:
    entry = {"quote": draw(quotes(text))}
    extra = draw(st.integers(0, 6))
    if extra == 0:
        entry["occurrence"] = draw(st.integers(-1, 3))
    elif extra == 1:
        entry["prefix"] = draw(quotes(text))
    elif extra == 2:
        entry["suffix"] = draw(quotes(text))
    elif extra == 3:
        entry["until"] = draw(quotes(text))
    return entry


# Editorial text of a sidecar (titles, corrections): hostile, odd, or holding a control character.
clean_text = st.sampled_from(("決裁書", "米ソ", "", " ") + HOSTILE + ODD)
free_text = st.one_of(clean_text, st.sampled_from(FORBIDDEN + ("\f", "\t", "\r\n")).map(lambda c: f"a{c}b"))


@st.composite
def sidecars(draw, text: str, encoding: str | None = None) -> str:
    """A sidecar TOML for ``text``: every table a pass reads, valid or subtly not."""
    top: dict = {}
    tables: list[tuple[str, dict]] = []
    if encoding:
        top["encoding"] = encoding
    if draw(st.booleans()):
        top["title"] = draw(free_text)
    if draw(st.integers(0, 3)) == 0:
        top["date"] = draw(st.sampled_from(["1986-09-18", "1986-02-30", "1986-13", "86/9/18", "1986", "-0044",
                                            Raw("1986-09-18"), Raw("1986-09-18T10:00:00"), Raw("10:00:00"),
                                            Raw("1986-09-18T10:00:00+09:00")]))
    if draw(st.integers(0, 4)) == 0:
        top["licence_url"] = draw(st.sampled_from(["https://creativecommons.org/licenses/by/4.0/",
                                                   "javascript:alert(1)", "data:text/html,x", "//x", "http://a b"]))
    if draw(st.integers(0, 6)) == 0:
        top[draw(st.sampled_from(["colour", "titel", "source_url"]))] = "x"           # unknown key
    if draw(st.integers(0, 6)) == 0:
        top[draw(st.sampled_from(["title", "editors", "keywords"]))] = draw(st.sampled_from([1, True, [1], "x"]))
    if draw(st.integers(0, 3)) == 0:
        tables.append(("source", {draw(st.sampled_from(["url", "repository", "idno"])):
                                  draw(st.sampled_from(["https://example.org/x", "file:///etc/passwd", "x"]))}))
    hands = []
    for i in range(draw(st.integers(0, 2))):
        ident = draw(st.sampled_from(["h-ms", "h-type", "h-ms", "1bad", "h x"]))
        hands.append(ident)
        tables.append(("[hand]", {"id": ident, "script": draw(st.sampled_from(["handwritten", "typewritten", "ink"]))}))
    lines = [i for i, ch in enumerate(text) if i == 0 or text[i - 1] == "\n"]
    for i in range(draw(st.integers(0, 2))):
        entry = {"id": draw(st.sampled_from(["d1", "d2", "d2", "doc-3"]))}
        if lines and draw(st.integers(0, 4)):
            at = draw(st.sampled_from(lines))
            entry["start"] = text[at:at + draw(st.integers(1, 12))].split("\n")[0] or draw(quotes(text))
        else:
            entry["start"] = draw(quotes(text))
        if draw(st.booleans()):
            entry["type"] = draw(st.sampled_from(["telegram", "cover", "record", "poem"]))
        if draw(st.integers(0, 3)) == 0:
            entry["head"] = [draw(quotes(text))]
        if draw(st.integers(0, 3)) == 0:
            entry["date"] = draw(st.sampled_from(["1986-09-18", "1986-02-29", "1988-02-29", Raw("1988-02-29"),
                                                  Raw("1988-02-29 12:00:00")]))
        if draw(st.integers(0, 4)) == 0:
            entry["sender"] = "松永大使"
        tables.append(("[document]", entry))
    for _ in range(draw(st.integers(0, 4))):
        table = draw(st.sampled_from(["correction", "unclear", "handwritten", "furniture", "stamp", "page_break",
                                      "form"]))
        if table == "form":
            entry = {"start": draw(quotes(text)), "end": draw(quotes(text))}
        else:
            entry = _anchor(draw, text)
        if table == "correction":
            entry["corr"] = draw(free_text)
            if draw(st.booleans()):
                entry["cert"] = draw(st.sampled_from(["high", "low", "medium", "sure"]))
        elif table == "unclear" and draw(st.booleans()):
            entry["reason"] = draw(st.sampled_from(["ocr", "garbled", "smudge"]))
        elif table == "handwritten":
            entry["hand"] = draw(st.sampled_from(hands + ["h-ghost"])) if hands else "h-ghost"
            if draw(st.booleans()):
                entry["kind"] = draw(st.sampled_from(["block", "note", "add", "approval"]))
        elif table == "furniture" and draw(st.booleans()):
            entry["type"] = draw(st.sampled_from(["web", "header", "footer"]))
        elif table == "stamp" and draw(st.booleans()):
            entry["type"] = draw(st.sampled_from(["classification", "copy"]))
        elif table == "page_break" and draw(st.booleans()):
            entry["break"] = draw(st.sampled_from(["no", "yes"]))
        tables.append((f"[{table}]", entry))
    if draw(st.integers(0, 4)) == 0:
        tables.append(("strikethrough", {"hand": draw(st.sampled_from(hands + ["h-ms"]))}))
    if draw(st.integers(0, 4)) == 0:
        tables.append(("pages", {draw(st.sampled_from(["detect_breaks", "first"])):
                                 draw(st.sampled_from([False, True, 1, 7, "x"]))}))
    if draw(st.booleans()):
        more_top, more = draw(declared_entries(text, wild=True))
        top.update(more_top)
        tables += more
    out = [f"{k} = {toml_value(v)}" for k, v in top.items()]
    for name, entry in tables:
        out.append(f"\n[{name}]")
        out.extend(f"{k} = {toml_value(v)}" for k, v in entry.items())
    toml = "\n".join(out) + "\n"
    if draw(st.integers(0, 15)) == 0:               # broken TOML
        pos = draw(st.integers(0, len(toml)))
        toml = toml[:pos] + draw(st.sampled_from(["=", "[", '"', "\n[[x", "\x00", "key"])) + toml[pos:]
    return toml


def _matches(text: str, quote: str) -> list[int]:
    """Start offsets of ``quote`` in ``text``, overlapping ones included (as honkoku.anchors counts them)."""
    found, pos = [], text.find(quote)
    while pos != -1 and quote:
        found.append(pos)
        pos = text.find(quote, pos + 1)
    return found


@st.composite
def exact_anchors(draw, text: str, key: str = "quote", max_len: int = 30) -> dict:
    """An anchor that names one place of ``text`` exactly (``occurrence`` when the quote recurs)."""
    stripped = [i for i, ch in enumerate(text) if not ch.isspace()]
    a = draw(st.sampled_from(stripped))
    b = draw(st.integers(a + 1, min(len(text), a + max_len)))
    quote = text[a:b].rstrip() or text[a]
    found = _matches(text, quote)
    entry = {key: quote}
    if len(found) > 1:
        entry["occurrence" if key == "quote" else f"{key}_occurrence"] = found.index(a) + 1
    return entry


@st.composite
def valid_sidecars(draw, text: str) -> str:
    """A sidecar an editor could have written for ``text``: every quote names one place; hands are declared.

    The annotations may still overlap in ways that cannot nest (the build must then name the entry)."""
    tables: list[tuple[str, dict]] = []
    top = {"title": draw(clean_text)}
    if not text.strip():
        return f"title = {toml_value(top['title'])}\n"
    hands = ["h-ms", "h-type"][:draw(st.integers(0, 2))]
    tables += [("[hand]", {"id": h, "script": "handwritten"}) for h in hands]
    line_starts = sorted({i for i, ch in enumerate(text) if (i == 0 or text[i - 1] == "\n") and not ch.isspace()})
    for n, at in enumerate(draw(st.lists(st.sampled_from(line_starts), max_size=3, unique=True)) if line_starts
                           else []):
        start = text[at:at + draw(st.integers(1, 10))].split("\n")[0].rstrip() or text[at]
        found = _matches(text, start)
        entry = {"id": f"d{n + 1}", "start": start}
        if len(found) > 1:
            entry["start_occurrence"] = found.index(at) + 1
        entry["type"] = draw(st.sampled_from(["telegram", "cover", "record", "letter"]))
        if draw(st.booleans()):
            line = text[at:].split("\n")[0].strip()
            if line and len(_matches(text[at:], line)) >= 1:
                entry["head"] = [line]
        tables.append(("[document]", entry))
    for _ in range(draw(st.integers(0, 5))):
        table = draw(st.sampled_from(["correction", "unclear", "handwritten", "furniture", "stamp", "page_break",
                                      "form"] if hands else ["correction", "unclear", "furniture", "stamp",
                                                             "page_break", "form"]))
        if table == "form":
            entry = {"start": draw(exact_anchors(text, "quote"))["quote"], "end": "\n"}
            entry = {"start": entry["start"], "end": draw(st.sampled_from(["。", "\t", entry["start"][-1:]]))}
        else:
            entry = draw(exact_anchors(text))
        if table == "correction":
            entry["corr"] = draw(st.sampled_from(["米ソ", "<b>x</b>", "&", "ソ"]))
            entry["cert"] = draw(st.sampled_from(["high", "medium", "low"]))
        elif table == "handwritten":
            entry["hand"] = draw(st.sampled_from(hands))
            entry["kind"] = draw(st.sampled_from(["block", "note", "add", "approval"]))
        elif table == "page_break":
            entry["break"] = draw(st.sampled_from(["no", "yes"]))
        tables.append((f"[{table}]", entry))
    if hands and draw(st.booleans()):
        tables.append(("strikethrough", {"hand": hands[0]}))
    if draw(st.integers(0, 3)) == 0:
        tables.append(("pages", {"detect_breaks": draw(st.booleans()), "first": draw(st.integers(0, 9))}))
    if draw(st.booleans()):
        more_top, more = draw(declared_entries(text, wild=False))
        top.update({k: v for k, v in more_top.items() if k != "encoding"})
        single = {name for name, _ in tables if not name.startswith("[")}
        tables += [(name, entry) for name, entry in more if name.startswith("[") or name not in single]
    out = [f"{k} = {toml_value(v)}" for k, v in top.items()]
    for name, entry in tables:
        out.append(f"\n[{name}]")
        out.extend(f"{k} = {toml_value(v)}" for k, v in entry.items())
    return "\n".join(out) + "\n"


ODD_VALUES = ("1 hand", "ja jp", "日本語", "ghost", "#ed-1", "ed-9", "", " ", "h x", "-1", "javascript:x", "x\ny")


def _declared_tables():
    from honkoku.sidecar import all_tables          # every table a pass declares is fuzzed, new ones too
    return all_tables()


@st.composite
def declared_entries(draw, text: str, wild: bool) -> tuple[dict, list[tuple[str, dict]]]:
    """Top-level keys and table entries of any declared table, with the keys' documented examples (or,
    ``wild``, any value of any type: odd names, hostile text, quotes of the text, numbers, dates)."""
    from honkoku.sidecar import ANCHOR_NAMES
    top, tables = {}, []
    for table in draw(st.lists(st.sampled_from(_declared_tables()), max_size=3, unique_by=lambda t: t.name)):
        entry = {}
        for key in draw(st.lists(st.sampled_from(table.keys), max_size=5, unique_by=lambda k: k.name)) + [
                k for k in table.keys if k.required]:
            if key.name in entry:
                continue
            if wild:
                value = draw(st.one_of(st.just(key.example), free_text, quotes(text), st.sampled_from(ODD_VALUES),
                                       st.integers(-2, 9), st.booleans(), st.lists(free_text, max_size=2),
                                       st.sampled_from([Raw("1986-09-18"), Raw("1986-09-18T10:00:00")])))
            elif key.name in ANCHOR_NAMES and text.strip():
                value = draw(exact_anchors(text, "quote"))["quote"]
                value = [value] if key.type is list else value
            elif key.choices:
                value = draw(st.sampled_from(key.choices))
            else:
                value = key.example
            if value is not None:
                entry[key.name] = value
        if not table.name:
            top.update(entry)
        else:
            tables.append((f"[{table.name}]" if table.many else table.name, entry))
    return top, tables


SOURCE_IDS = ("doc", "1986-09-18-inf-asia", "a.b_c-d", "CON", "nul", "com1", "a b", "-x", "x..y", ".hidden", "é")


@st.composite
def sources(draw) -> tuple[str, bytes, str | None]:
    """(source id, bytes of <id>.txt, TOML of <id>.toml or None): every good and bad input together.

    Half are what a careful editor has (clean UTF-8 text, a sidecar whose quotes each name one place), so
    that annotations reach the weaver; the other half pile up every bad input above."""
    if draw(st.booleans()):
        text = draw(marker_texts())
        ends = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
        data = (b"\xef\xbb\xbf" if draw(st.integers(0, 5)) == 0 else b"") + text.replace("\n", ends).encode()
        return "doc", data, draw(valid_sidecars(text)) if draw(st.integers(0, 4)) else None
    text = draw(bad_texts())
    data, declared = draw(source_bytes(text))
    toml = draw(sidecars(text, declared)) if declared or draw(st.booleans()) else None
    source_id = draw(st.sampled_from(SOURCE_IDS)) if draw(st.integers(0, 9)) == 0 else "doc"
    return source_id, data, toml
