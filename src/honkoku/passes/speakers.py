"""Speaker turns: a label at the start of a paragraph, and the speech that follows it.

``(次官) 我々は…`` → ``<sp who="#per-yanagiya" xml:id="sp-L197"><speaker>(次官)</speaker><p>我々は…</p>…</sp>``

Two conventions: a parenthesised label at the start of a paragraph or alone
on a line (``(次官)``, ``(ラウニー大使)``), and a label with a colon (``質問:``,
``Q.:``, ``S. V. ラヴロフ:``, full-width ``：`` too). A numbered point ``(1)``,
``(ii)`` is not a label, nor is ``(ワシントン時間)に`` (no space after it).

A dialogue may be written a turn a line, without blank lines (``Q: …`` /
``A: …``, ``質問：`` / ``回答：``): a block that starts with a speaker's label
is cut before each later line that starts with one (a wrapped line, a
numbered point ``(1)`` or a field ``SUBJECT:`` is no cut), and each piece is
read as a block.

A turn runs over every paragraph (lists, tables and notes included) until
the next label, the end of the division, a heading, or the next numbered
section of the narrative: a turn that starts inside section ``1.`` ends
before ``2. 続いて以下のとおり質疑応答が行われた。``, unless the speaker
numbers paragraphs this way himself (then his ``2.``, ``3.`` stay his). Running headers, page
breaks and empty boxes after a turn's last paragraph stay outside it.

``@who`` is found, in this order, from: the sidecar (``[[speaker]]``, label →
person); a person's name in the label (ラウニー大使, S.V. ラヴロフ); the
text itself, when it joins a name to the label's office (柳谷次官 makes
``(次官)`` Yanagiya, 中平国連局長へ makes ``(国連局長)`` Nakahira; one person
only, else nothing); the registers' offices whose date fits the division's
date (北米局長 of October 1986). A label that resolves to nobody still makes
a turn, without ``@who``, and a warning "speaker: …" for ``check``.

Runs after tables and lists (a label never starts one), before paragraphs
(which start the ``<p>`` after the label).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import Block, Document
from ..registers import Registers, of
from ..registers.matcher import Projection, fold, mask
from ..sidecar import Key, Table
from . import Pass, sidecar_entries, sidecar_error

SPEAKER = Table("speaker", "A speaker label and the person it names (or a label that is no speaker).", (
    Key("label", str, "the label as printed, without brackets or colon", "質問", required=True),
    Key("who", str, "the person speaking: a per- id of the registers", "per-tsargrad-interviewer-2023"),
    Key("ignore", bool, "true: a line starting like this is not a speaker (a marker such as (注))", True),
), many=True)

# (次官) 遠路… / (ラウニー大使) alone: closing bracket, then a space, a line end or the end.
PAREN_LABEL = regex.compile(r"^[(（][ \t\u3000]*(?P<core>[^()（）\n]{1,24}?)[ \t\u3000]*[)）](?=[ \t\u3000]*(?:\n|$)|[ \t\u3000])")
# 質問:… / S. V. ラヴロフ: … / Q.:… (not a URL, not inside quotes or a sentence)
COLON_LABEL = regex.compile(r"^(?P<core>[^\n:：「」『』。、，,()（）]{1,32}?)[ \t\u3000]*[:：](?!//)")
# what a bracketed number or letter looks like: (1) (ii) (a) (イ) (一)
NUMBERING = regex.compile(r"^(?:\p{Nd}{1,3}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|[A-Za-z]|[一二三四五六七八九十]{1,3}|"
                          r"[イロハニホヘトチリヌルヲ])$")
# a narrative section number at the start of a paragraph: 1. まず / 2. 続いて
SECTION = regex.compile(r"^(\p{Nd}{1,2})[.．](?!\p{Nd})")
DIGIT = regex.compile(r"\p{Nd}")
LINE_START = regex.compile(r"\n[ \t\u3000]*")       # a later line of a block, its indent skipped
QA_LABELS = {"質問", "問", "答", "回答", "質問者", "記者", "司会", "聞き手", "インタビュアー", "Q", "A",
             "QUESTION", "ANSWER", "INTERVIEWER", "MODERATOR"}
ROLE = regex.compile(r"^[\p{Han}\p{Katakana}ー・]{0,12}(?:局長|次官|大使|大臣|長官|公使|参事官|補佐官|課長|審議官|代表|"
                     r"首相|総理|大統領|書記長|書記|議長|委員長|外相|総裁|所長|部長|室長|次長|官房長|領事|主席|"
                     r"首席|司令官|総長|中将|大将|議員|知事|市長|団長|国務長官|報道官)$")
KATAKANA_NAME = regex.compile(r"^(?:\p{Lu}[ ]?[.・][ ]?){0,3}[\p{Katakana}ー]{2,}(?:[・=][\p{Katakana}ー]+)*$")
LATIN_NAME = regex.compile(r"^(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?[ ]+\p{Lu}[\p{Ll}'-]+|(?:\p{Lu}\.[ ]?){1,3}\p{Lu}[\p{Ll}'-]+"
                           r"|\p{Lu}[\p{Ll}'-]+[ ]\p{Lu}[\p{Ll}'-]+|\p{Lu}[\p{Lu}'-]{2,}(?:[ ]\p{Lu}[\p{Lu}'-]+)?)$")
NOT_SPEAKERS = {"NOTE", "SUBJECT", "FROM", "TO", "DATE", "CC", "RE", "SECRET", "TOP SECRET", "CONFIDENTIAL",
                "UNCLASSIFIED", "PAGE", "TEL", "FAX", "URL", "REF",
                # the fields and asides of an English memorandum, written like a one-word name (Note:)
                "NOTES", "SUMMARY", "PARTICIPANTS", "PRESENT", "PLACE", "TIME", "ATTACHMENT", "ATTACHMENTS",
                "ENCLOSURE", "ENCLOSURES", "DISTRIBUTION", "DRAFTED", "CLEARED", "APPROVED", "COMMENT",
                "COMMENTS", "SOURCE", "SOURCES", "REFERENCE", "REFERENCES", "FOOTNOTE", "TAGS", "CLASSIFICATION",
                "COPY", "COPIES", "ORIGIN", "ACTION", "INFO", "REMARKS", "BACKGROUND", "PURPOSE", "LOCATION",
                "VENUE", "TOPIC", "TOPICS", "AGENDA", "RESULT", "RESULTS", "CONCLUSION", "CONCLUSIONS",
                "TRANSLATION", "TRANSCRIPT", "KEYWORDS", "STATUS", "WARNING", "CAUTION", "UPDATE", "EDITOR",
                "SENDER", "RECIPIENT", "ADDRESSEE", "MEMORANDUM", "MEMO", "MESSAGE", "TELEGRAM", "CABLE",
                "PS", "P.S", "NB", "N.B", "EXAMPLE", "FIGURE", "TABLE", "CHAIRMAN'S SUMMARY"}
# a one-word name as an English record of conversation writes it: Nitze: / Karpov: (see one_word_speaker)
WORD_NAME = regex.compile(r"^\p{Lu}[\p{Ll}'’-]+$")


@dataclass
class Turn:
    start: int                   # the label's first character
    label_end: int               # just after the label (its colon included)
    core: str                    # the label without brackets or colon
    section: int | None          # narrative section the turn started in
    who: str | None
    content_end: int | None = None
    numbered: int | None = None  # the last ``N.`` paragraph inside the turn: the speaker's own list


def registers_of(doc: Document) -> Registers:
    return of(doc)


def label_key(core: str) -> str:
    """A label compared with others: folded, no spaces, no final full stop (Q. and Q are one label)."""
    return fold(core).replace(" ", "").rstrip(".").upper()


def division_dates(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of each division whose sidecar entry has a date; the source date otherwise."""
    sc = doc.meta.get("sidecar")
    data = sc.data if sc else {}
    by_id = {d.get("id"): str(d.get("date", "")) for d in sidecar_entries(doc, "document")}
    default = str(data.get("date", "") or "")
    return [(d.start, d.end, by_id.get(d.attrs.get("xml:id"), "") or default) for d in doc.find("div")] \
        or [(0, len(doc.text), default)]


def unresolved(doc: Document) -> list[tuple[int, str]]:
    """(offset, label) of every speaker label that resolved to no person (for ``check``)."""
    return list(doc.meta.get("unresolved_speakers", []))


class Resolver:
    """Who a label names, in this document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.regs = registers_of(doc)
        self.matcher = self.regs.matcher(doc.id) if self.regs else None
        self.declared: dict[str, tuple[str | None, bool]] = {}
        for i, entry in enumerate(sidecar_entries(doc, "speaker")):
            who = entry.get("who", "").lstrip("#")
            if not who and not entry.get("ignore"):
                raise sidecar_error(doc, f"[[speaker]] {entry['label']!r} names nobody", "speaker", i, None,
                                    "add who = \"per-…\" (a person of the registers), or ignore = true")
            target = self.regs.get(who) if who else None
            if who and (target is None or target.kind != "person"):
                known = ", ".join(e.id for e in self.regs.of_kind("person")[:5])
                hint = (f"use a per- id from registers/people.toml ({known} …)" if known else
                        "add the person to registers/people.toml ([[person]] id = \"per-…\", name = …)")
                raise sidecar_error(doc, f"[[speaker]] {entry['label']!r}: {who!r} is not a person of the registers",
                                    "speaker", i, "who", hint)
            self.declared[label_key(entry["label"])] = (who or None, bool(entry.get("ignore")))
        self._mentions: dict[int, set[str]] | None = None
        self._projection: Projection | None = None
        self.dates = division_dates(doc)
        self._resolved: dict[tuple[str, str, bool], tuple[bool, str | None]] = {}
        self._label_sites: list[tuple[str, int, bool]] = []      # (core, offset, bracketed) of every label shape
        self._dialogue: bool | None = None

    def census(self, sites: list[tuple[str, int, bool]]) -> None:
        """Every label shape of the document, before any is resolved (see one_word_speaker)."""
        self._label_sites = sites

    def date_at(self, offset: int) -> str:
        return next((d for s, e, d in self.dates if s <= offset < e), "")

    def _whole_text(self) -> Projection:
        """The whole source as the matcher reads it (marker syntax dropped)."""
        if self._projection is None:
            omit = [(s.start, s.end) for s in self.doc.spans if s.tag == "#omit"]
            self._projection = Projection(self.doc.text, 0, len(self.doc.text), mask(len(self.doc.text), drop=omit))
        return self._projection

    def _people_ending_at(self) -> dict[int, set[str]]:
        """Where each person mention of the whole source ends (projected offsets) -> who."""
        if self._mentions is None:
            self._mentions = {}
            for h in self.matcher.scan(self._whole_text().text) if self.matcher else ():
                people = {i for i in h.ids if self.matcher.kinds[i] == "person"} if not h.abbr else ()
                if people:
                    self._mentions.setdefault(h.end, set()).update(people)
        return self._mentions

    def spellings(self, core: str) -> set[str]:
        """The label's office in every spelling the registers give it (次官, 事務次官, 外務事務次官)."""
        key = fold(core)
        out = {key}
        for _, office in self.regs.offices_called(key):
            out |= {fold(n) for n in office.names}
        return out

    def resolve(self, core: str, offset: int, bracketed: bool = True) -> tuple[bool, str | None]:
        """(is it a speaker, who) for the label ``core`` found at ``offset``; (1) is a number, A: a speaker.

        The answer depends on the label, its division's date and its shape only: an interview
        repeats a few labels hundreds of times, so each is resolved once a document."""
        memo = (core, self.date_at(offset), bracketed)
        if memo not in self._resolved:
            self._resolved[memo] = self._resolve(core, offset, bracketed)
        return self._resolved[memo]

    def _resolve(self, core: str, offset: int, bracketed: bool) -> tuple[bool, str | None]:
        key = label_key(core)
        if key in self.declared:
            who, ignore = self.declared[key]
            return (not ignore), who
        if bracketed and NUMBERING.match(core.strip()):
            return False, None
        if self.matcher is not None:
            people = self.matcher.people_in(core)
            if len(people) == 1:
                return True, next(iter(people))
            if len(people) > 1:
                return True, None
            who = self._by_text(core) or self._by_office(core, offset)
            if who:
                return True, who
        return self.looks_like_speaker(core) or self.one_word_speaker(core), None

    def one_word_speaker(self, core: str) -> bool:
        """``Nitze:`` — a one-word name is a speaker label only in a dialogue: when some one-word label
        of the document is used twice or more, or other labels are taken on their own (NITZE:, Q:,
        Mr. Smith:). Alone, ``Summary:`` or ``Karpov:`` could as well be a memorandum's field."""
        if not self._one_word(core):
            return False
        if self._dialogue is None:
            self._dialogue = False          # while it is being decided: no label leans on another
            words = [label_key(c) for c, _, _ in self._label_sites if self._one_word(c)]
            others = sorted({(o, c, b) for c, o, b in self._label_sites if not WORD_NAME.match(fold(c))})
            self._dialogue = any(words.count(w) >= 2 for w in words) or \
                any(self.resolve(c, o, b)[0] for o, c, b in others)
        return self._dialogue

    @staticmethod
    def _one_word(core: str) -> bool:
        return bool(WORD_NAME.match(fold(core))) and label_key(core) not in NOT_SPEAKERS

    def _by_text(self, core: str) -> str | None:
        """The one person the source names right before the label's office (柳谷次官)."""
        text = self._whole_text().text
        spellings = [s for s in self.spellings(core) if s in text]
        if not spellings:                   # the office is not written out: no name can precede it
            return None
        ending = self._people_ending_at()
        found: set[str] = set()
        for spelling in spellings:                    # each place the office is written, and who ends there
            at = text.find(spelling)
            while at != -1:
                found |= ending.get(at, set())
                at = text.find(spelling, at + 1)
        return next(iter(found)) if len(found) == 1 else None

    def _by_office(self, core: str, offset: int) -> str | None:
        holders = self.regs.holders(core, self.date_at(offset))
        return holders[0].id if len(holders) == 1 else None

    @staticmethod
    def looks_like_speaker(core: str) -> bool:
        """A label nobody resolved, judged by its shape: an office, a name, an interview label."""
        text = fold(core)
        upper = label_key(core)
        if upper in QA_LABELS:
            return True
        if upper in NOT_SPEAKERS or DIGIT.search(text):
            return False
        return bool(ROLE.match(text) or KATAKANA_NAME.match(text) or LATIN_NAME.match(text))


class Speakers(Pass):
    name = "speakers"
    priority = 220
    SIDECAR = (SPEAKER,)
    EXAMPLE = "(次官) 遠路はるばる訪日された労を多とし、\n\n(ラウニー大使)\n\n(1) 米国はグローバル・パワーとして"

    def apply(self, doc: Document) -> None:
        resolver = Resolver(doc)
        doc.meta["unresolved_speakers"] = []
        blocks = doc.blocks()
        sites = [(found[1], block.start, found[2]) for block in blocks
                 if (found := self.label(doc.text[block.start:block.end]))]
        lines = {block.start: self._label_lines(doc, block) for block in blocks}
        resolver.census(sites + [site for found in lines.values() for site in found])
        blocks = [unit for block in blocks for unit in self._units(doc, block, lines[block.start], resolver)]
        divs = sorted((d for d in doc.find("div")), key=lambda d: d.start)
        if not divs:
            self._turns(doc, blocks, resolver)
        for div in divs:
            self._turns(doc, [b for b in blocks if div.start <= b.start and b.end <= div.end], resolver)

    def _label_lines(self, doc: Document, block: Block) -> list[tuple[str, int, bool]]:
        """(core, offset, bracketed) of the labels that start a later line of a block that starts with one:
        a dialogue written a turn a line (Q: … / A: …), without blank lines between the turns."""
        text = doc.text[block.start:block.end]
        if "\n" not in text or self.label(text) is None:
            return []
        out = []
        for line in LINE_START.finditer(text):
            found = self.label(text[line.end():])
            if found:
                out.append((found[1], block.start + line.end(), found[2]))
        return out

    @staticmethod
    def _units(doc: Document, block: Block, lines, resolver: Resolver) -> list[Block]:
        """The block, cut before each later line whose label names a speaker (when its own first label
        does too): each piece is then read as a block of its own."""
        first = Speakers.label(doc.text[block.start:block.end]) if lines else None
        if first is None or not resolver.resolve(first[1], block.start, first[2])[0]:
            return [block]
        cuts = [offset for core, offset, bracketed in lines if resolver.resolve(core, offset, bracketed)[0]]
        if not cuts:
            return [block]
        units, start = [], block.start
        for cut in cuts + [block.end]:
            end = start + len(doc.text[start:cut].rstrip())
            units.append(Block(start, end, ((start, end),)))
            start = cut
        return units

    @staticmethod
    def label(text: str) -> tuple[int, str, bool] | None:
        """(end of the label, its core, bracketed?) if ``text`` (a block) starts with a label shape."""
        m = PAREN_LABEL.match(text)
        bracketed = m is not None
        if m is None and (":" in text or "：" in text):     # COLON_LABEL needs one: most blocks have none
            m = COLON_LABEL.match(text)
        if not m or not m["core"].strip():
            return None
        return m.end(), m["core"].strip(), bracketed

    def _kind(self, doc: Document, start: int, end: int) -> str:
        """How a block takes part in turns: free text, content, a stop, or neutral furniture."""
        owner = doc.inside(start, end, "head", "fw", "gap", "figure", "list", "table", "note", "p", "ab", "label")
        if owner is None:
            return "free"
        if owner.tag == "head":
            return "stop"
        if owner.tag in ("fw", "gap", "figure"):
            return "neutral"
        return "content"

    def _turns(self, doc: Document, blocks, resolver: Resolver) -> None:
        section: int | None = None
        turn: Turn | None = None
        for block in blocks:
            kind = self._kind(doc, block.start, block.end)
            if kind == "stop":
                self._close(doc, turn)
                turn = None
                continue
            if kind == "neutral":
                continue
            if kind == "content":
                if turn:
                    turn.content_end = block.end
                continue
            text = doc.text[block.start:block.end]
            found = self.label(text)
            if found:
                end, core, bracketed = found
                is_speaker, who = resolver.resolve(core, block.start, bracketed)
                if is_speaker:
                    self._close(doc, turn)
                    turn = Turn(block.start, block.start + end, core, section, who)
                    if text[end:].strip():
                        turn.content_end = block.end
                    continue
            number = SECTION.match(text)
            if number:
                n = int(number[1])
                if turn is None:
                    section = n
                elif turn.numbered is not None and n == turn.numbered + 1:
                    turn.numbered = n            # the speaker's own 1. 2. 3. goes on
                elif turn.section is not None and n == turn.section + 1:
                    self._close(doc, turn)
                    turn, section = None, n
                    continue
                else:
                    turn.numbered = n
            if turn:
                turn.content_end = block.end
        self._close(doc, turn)

    def _close(self, doc: Document, turn: Turn | None) -> None:
        if turn is None:
            return
        label = doc.text[turn.start:turn.label_end]
        if turn.content_end is None:
            doc.warn(turn.start, f"speaker: label {label!r} is followed by no speech before the next label or the "
                     "end of the division: not encoded as a turn")
            return
        attrs = {"xml_id": doc.line_id("sp", turn.start)}
        if turn.who:
            attrs["who"] = f"#{turn.who}"
        else:
            doc.meta.setdefault("unresolved_speakers", []).append((turn.start, turn.core))
            doc.warn(turn.start, f"speaker: label {label!r} resolves to no person of the registers; add it to the "
                     "sidecar ([[speaker]] label/who) or a person or office to registers/people.toml")
        doc.add(turn.start, turn.content_end, "sp", self.__class__.name, **attrs)
        doc.add(turn.start, turn.label_end, "speaker", self.__class__.name)
