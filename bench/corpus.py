"""Generate realistic corpora of any size for the benchmark and the scale tests.

``generate(folder, n, seed)`` writes ``n`` sources (``<id>.txt`` + ``<id>.toml``)
whose phenomena are those of the edition's real sources: Japanese OCR of
declassified MOFA files (stamps, an approval form as an HTML-cell table,
strike-throughs, handwriting, letter-spaced words, running headers 極秘,
paragraphs cut by a page, empty boxes, redactions, speaker turns, lists,
Japanese-era dates, people), Japanese web text (an interview with speaker
labels and platform furniture) and English FRUS-like documents (memoranda of
conversation and telegrams: SECRET, ``[1 paragraph not declassified]``,
running titles and page numbers, pipe tables, numbered lists, speakers).

Japanese prose is reused, paragraph by paragraph, from the two real sources
in ``sources/`` (read at run time, never copied into this repository);
English prose is synthetic. Sidecars declare documents, hands, handwriting,
stamps, furniture, corrections and unclear passages, with anchors resolved
against the generated text so every source converts.

Deterministic: document ``i`` depends only on ``(seed, i)``, so the corpus of
100 is the first 100 documents of the corpus of 10,000.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
MOFA_SOURCE = "1986-09-18-inf-asia.txt"
WEB_SOURCE = "2023-05-17-lavrov-tsargrad.txt"

JA_PEOPLE = ["松永", "ラウニー", "柳谷", "中平", "渡辺", "倉成", "グリットマン", "ニッツェ", "アフロメーエフ",
             "レーガン", "ゴルバチョフ", "シュルツ", "シェヴァルナツェ", "ドブリニン", "ワインバーガー", "エーデルマン"]
JA_PLACES = ["ワシントン", "ジュネーヴ", "レイキャビク", "モスクワ", "東京", "北京", "ソウル", "ウラジオストック"]
JA_BUREAUS = ["北米局", "条約局", "国連局", "欧亜局", "情報調査局", "アジア局", "経済局", "中近東アフリカ局"]
JA_TITLES = ["総務課長", "中国課長", "安全保障課長", "ソヴィエト連邦課長", "条約課長", "軍縮課長", "企画官"]
JA_SPEAKERS = ["(次官)", "(ラウニー大使)", "(国連局長)", "(北米局長)", "(条約局長)", "(欧亜局長)", "(大臣)"]
OCR_ERRORS = [("米ノ", "米ソ"), ("ソソエト", "ソヴィエト"), ("了INP", "INF"), ("国軍長", "国連局長"),
              ("外務大巨", "外務大臣"), ("軍緒", "軍縮")]
SPACED = ["極 秘", "外 務 省", "決 裁 書", "協 議 先", "件 名", "米 国 発", "本 省 着", "I N F", "N S T"]

EN_PEOPLE = ["Reagan", "Shultz", "Weinberger", "Nitze", "Rowny", "Adelman", "Poindexter", "Matlock", "Ridgway",
             "Gorbachev", "Shevardnadze", "Dobrynin", "Akhromeyev", "Karpov", "Nakasone", "Kuranari", "Matsunaga",
             "Kohl", "Thatcher", "Mitterrand", "Glitman", "Perle", "Armacost", "Sigur"]
EN_PLACES = ["Washington", "Moscow", "Geneva", "Reykjavik", "Tokyo", "Bonn", "London", "Paris", "Vienna",
             "Beijing", "Seoul", "Brussels", "Stockholm", "Helsinki"]
EN_TOPICS = ["INF", "START", "SDI", "the ABM Treaty", "nuclear testing", "chemical weapons", "regional issues",
             "human rights", "the Asian SS-20s", "verification", "conventional forces", "the summit agenda"]
EN_VERBS = ["said", "noted", "stressed", "replied", "suggested", "observed", "agreed", "insisted", "recalled"]
EN_CLAUSES = [
    "the Soviet side would not accept a freeze in Asia",
    "the United States remained committed to a global solution",
    "any interim agreement must provide for equal ceilings",
    "the allies in Europe and Asia should be consulted before Geneva",
    "verification would require on-site inspection at production facilities",
    "the proposal tabled at the last round was still on the table",
    "the question of British and French forces had been settled in September",
    "he saw no reason to link the two issues",
    "the negotiators should return to Geneva with fresh instructions",
    "a reduction to 100 warheads on each side was within reach",
    "the Japanese government attached great importance to proportional reductions",
    "the experts had worked through the night to narrow the differences",
    "this was not the time for a public campaign",
    "a decision would be taken after consultation with the Congress",
]
EN_OCR = [("Gorbachcv", "Gorbachev"), ("Shevardnadzc", "Shevardnadze"), ("warbeads", "warheads"),
          ("Reykiavik", "Reykjavik"), ("tbe", "the")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
CLASSIFICATIONS = ["SECRET", "CONFIDENTIAL", "TOP SECRET", "LIMITED OFFICIAL USE"]
KINDS = (("mofa", 0.45), ("web", 0.15), ("frus", 0.40))


@dataclass
class Fragments:
    """Prose paragraphs of the real sources, sorted into what they can stand for."""

    ja_prose: list[str] = field(default_factory=list)       # OCR typescript paragraphs
    ja_web: list[str] = field(default_factory=list)         # web interview paragraphs
    ja_answers: list[str] = field(default_factory=list)     # interview answers without their label

    @classmethod
    def load(cls, sources: Path = SOURCES) -> "Fragments":
        frag = cls()
        mofa = (sources / MOFA_SOURCE).read_text(encoding="utf-8")
        web = (sources / WEB_SOURCE).read_text(encoding="utf-8")
        for block in re.split(r"\n\s*\n", mofa):
            block = block.strip()
            if len(block) >= 40 and not re.search(r"<p>|~~|\[\]|^- |^\(|^極秘$", block) and "\n" not in block:
                frag.ja_prose.append(block)
        for block in re.split(r"\n\s*\n", web):
            block = block.strip()
            if len(block) < 30 or "\n" in block:
                continue
            if re.match(r"(質問|Q\.?|セルゲイ・ラブロフ|S\. ?V\. ラヴロフ)[:：]", block):
                frag.ja_answers.append(block.split(":", 1)[-1].split("：", 1)[-1].strip())
            else:
                frag.ja_web.append(block)
        if not frag.ja_prose or not frag.ja_web:
            raise ValueError(f"no prose found in {sources}: the generator needs the two real sources")
        frag.ja_answers = frag.ja_answers or frag.ja_web
        return frag


class Builder:
    """Text under construction, with anchored sidecar entries resolved on the final text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[tuple[str, int, str, dict]] = []   # (table, offset, quote, other keys)

    def add(self, text: str) -> int:
        at = self.length
        self.parts.append(text)
        self.length += len(text)
        return at

    def block(self, text: str) -> int:
        return self.add(text + "\n\n")

    def anchor(self, table: str, offset: int, quote: str, **keys) -> None:
        self.anchors.append((table, offset, quote, keys))

    def anchor_since(self, table: str, since: int, quote: str, **keys) -> None:
        """Anchor the first ``quote`` written at or after offset ``since`` (skipped if a page cut it)."""
        written = "".join(self.parts)[since:]
        at = written.find(quote)
        if at != -1:
            self.anchor(table, since + at, quote, **keys)

    def text(self) -> str:
        return "".join(self.parts).rstrip("\n") + "\n"


def occurrence(text: str, quote: str, offset: int) -> int:
    """1-based number of the match of ``quote`` that starts at ``offset``; 0 when unique."""
    # overlapping matches count too (anchors.matches steps by one character)
    pos, starts = text.find(quote), []
    while pos != -1:
        starts.append(pos)
        pos = text.find(quote, pos + 1)
    if offset not in starts:
        raise AssertionError(f"generator bug: {quote!r} is not at {offset}")
    return 0 if len(starts) == 1 else starts.index(offset) + 1


def toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return toml_str(str(value))


def sidecar(top: dict, tables: list[tuple[str, dict]]) -> str:
    out = [f"{k} = {toml_value(v)}" for k, v in top.items() if not isinstance(v, dict)]
    for name, value in top.items():
        if isinstance(value, dict):
            out.append(f"\n[{name}]")
            out.extend(f"{k} = {toml_value(v)}" for k, v in value.items())
    for name, entry in tables:
        out.append(f"\n[[{name}]]")
        out.extend(f"{k} = {toml_value(v)}" for k, v in entry.items())
    return "\n".join(out) + "\n"


def resolve_anchors(b: Builder, text: str) -> list[tuple[str, dict]]:
    tables = []
    for table, offset, quote, keys in b.anchors:
        entry = {"quote": quote}
        n = occurrence(text, quote, offset)
        if n:
            entry["occurrence"] = n
        entry.update(keys)
        tables.append((table, entry))
    return tables


# -- Japanese OCR of a MOFA file ------------------------------------------------------

def showa(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(45, 63), rng.randint(1, 12), rng.randint(1, 28)


MARKER = re.compile(r"\[[^\]\n]*\]|■+|\(不開示\)|[A-Z](?: [A-Z])+")


def cut_paragraph(rng: random.Random, para: str) -> tuple[str, str] | None:
    """Split prose where a page would end: not after sentence-final punctuation, nor inside a marker."""
    if len(para) < 60:
        return None
    inside = {i for m in MARKER.finditer(para) for i in range(m.start() + 1, m.end())}
    for _ in range(5):
        at = rng.randint(20, len(para) - 20)
        if para[at - 1] not in "。、」）)．.：:" and para[at] not in "。、」）)" and at not in inside:
            return para[:at], para[at:]
    return None


def ja_paragraphs(rng: random.Random, b: Builder, frag: Fragments, count: int, speakers: bool, fixes: list) -> None:
    """Prose with page breaks, running headers, redactions, boxes, lists and speaker turns."""
    for i in range(count):
        para = rng.choice(frag.ja_prose)
        since, fix = b.length, None
        roll = rng.random()
        if roll < 0.08:
            para = para[: len(para) // 2] + rng.choice(["[REDACTED]", "■■■■", "(不開示)"]) + para[len(para) // 2:]
        elif roll < 0.14 and fixes:
            wrong, right = fixes.pop()
            at = para.find("、")
            if at > 0:
                para = para[:at + 1] + wrong + para[at + 1:]
                fix = (wrong, {"corr": right, "cert": rng.choice(["high", "high", "medium", "low"])})
        if speakers and rng.random() < 0.5:
            para = rng.choice(JA_SPEAKERS) + " " + para
        if rng.random() < 0.05:
            n = rng.randint(2, 4)
            b.block("\n".join(f"- ({k}) {rng.choice(frag.ja_prose)[:rng.randint(30, 120)]}" for k in range(1, n + 1)))
        if rng.random() < 0.06:
            para = f"({i % 9 + 1}) " + para
        cut = cut_paragraph(rng, para) if rng.random() < 0.3 else None
        if cut:
            b.block(cut[0])
            sep = rng.random()
            if sep < 0.3:
                b.block("極秘")
            elif sep < 0.4:
                b.block("[]")
            b.block(cut[1])
        else:
            b.block(para)
        if fix:
            b.anchor_since("correction", since, fix[0], **fix[1])


def mofa(rng: random.Random, ident: str, frag: Fragments) -> tuple[str, str]:
    b = Builder()
    tables: list[tuple[str, dict]] = []
    y, m, d = showa(rng)
    year = 1925 + y
    iso = f"{year}-{m:02d}-{d:02d}"
    fixes = rng.sample(OCR_ERRORS, 3)
    b.add("\n")
    stamp = b.block(f"極 秘\n無 期 限\n{rng.randint(20, 40)}部の内\n{rng.randint(1, 20)}号")
    b.anchor("stamp", stamp, "極 秘", type="classification")
    b.anchor("stamp", stamp + 4, "無 期 限", type="retention")
    head = "決 裁 書"
    docs = [{"_at": b.block(head), "id": "d1", "start": head, "type": "approval-form", "title": f"決裁書 {ident}", "head": [head],
             "date": iso, "date_text": f"昭和 {y}年 {m}月 {d}日", "classification": ["極秘"]}]
    b.block(f"<p>大臣 秘書官 政務次官 事務次官 了 外務審議官</p>\t<p>主 管 {rng.choice(JA_BUREAUS)}長 審 議 官</p>"
            f"\t<p>起 案 昭和 {y}年 {m}月 {d}日</p>\t<p>決 裁 昭和 年 月 日</p>\n--\t--\t--\t--")
    b.block("協 議 先")
    struck = rng.sample(JA_TITLES, 3)
    b.block(f"{rng.choice(JA_BUREAUS)} ~~{rng.choice(JA_BUREAUS)}~~")
    b.block(f"{struck[0]} ~~{struck[1]}~~ {struck[2]}")
    at = b.block(f"{rng.choice(JA_BUREAUS)}長 了")
    b.anchor("handwritten", at + len(b.parts[-1]) - 3, "了", hand="h-ms", kind="approval")
    b.block("件 名")
    b.block(f"米ソ軍備管理交渉・INF問題 ({rng.choice(JA_PEOPLE)}・{rng.choice(JA_PEOPLE)}会談)")
    note = f"本日午後{rng.randint(1, 6)}時迄の到着を期す"
    at = b.block(note)
    b.anchor("handwritten", at, note, hand="h-ms", kind="note")
    ja_paragraphs(rng, b, frag, rng.randint(2, 5), False, fixes)
    # attachments: 1 to 3 further documents, each on a new page
    for k in range(rng.randint(1, 3)):
        label = f"資料{'①②③④'[k]}"
        label_at = b.block(label)
        heading = rng.choice([f"{rng.choice(JA_PEOPLE)}大使と{rng.choice(JA_PEOPLE)}次官との協議",
                              f"{rng.choice(JA_PLACES)}発 電信", "アジア I N F 対米回電案"])
        b.block(heading)
        y2, m2, d2 = showa(rng)
        b.block(f"昭和{y2}年{m2}月{d2}日\n{rng.choice(JA_BUREAUS)}{rng.choice(['軍縮課', '総務課', '条約課'])}")
        if rng.random() < 0.3:
            b.block("[] [] []")
        docs.append({"_at": label_at, "id": f"d{k + 2}", "start": label, "type": rng.choice(["record", "telegram", "report"]),
                     "title": heading.replace(" ", ""), "head": [label, heading],
                     "date": f"{1925 + y2}-{m2:02d}-{d2:02d}", "date_text": f"昭和{y2}年{m2}月{d2}日",
                     "place": rng.choice(JA_PLACES)})
        if docs[-1]["type"] == "telegram":
            docs[-1].update(sender=f"{rng.choice(JA_PEOPLE)}大使", addressee="外務大臣",
                            serial=f"R{rng.randint(100000, 999999)}")
        ja_paragraphs(rng, b, frag, rng.randint(6, 28), True, fixes)
        for s in rng.sample(SPACED, 1):
            b.block(f"{s} (了)")
    text = b.text()
    for entry in docs:
        n = occurrence(text, entry["start"], entry.pop("_at"))
        if n:
            entry["start_occurrence"] = n
    tables += [("hand", {"id": "h-type", "script": "typewritten", "scope": "major", "desc": "Typescript"}),
               ("hand", {"id": "h-ms", "script": "handwritten", "scope": "minor", "desc": "Handwriting"})]
    tables += [("document", e) for e in docs]
    tables += resolve_anchors(b, text)
    top = {"title": f"軍備管理に関する決裁書 {ident}", "language": "ja", "date": iso, "editors": ["bench"],
           "source": {"country": "Japan", "institution": "外務省", "repository": "外務省 (declassified file)",
                      "idno": ident, "classification": ["極秘"], "retention": "無期限"},
           "strikethrough": {"hand": "h-ms"}}
    return text, sidecar(top, tables)


# -- Japanese web interview ---------------------------------------------------------------

def web(rng: random.Random, ident: str, frag: Fragments) -> tuple[str, str]:
    b = Builder()
    b.block("見出し画像")
    person = rng.choice(["セルゲイ・ラブロフ", "S. V. ラヴロフ", "マリア・ザハロワ"])
    y, m, d = rng.randint(2014, 2024), rng.randint(1, 12), rng.randint(1, 28)
    title = f"【翻訳】{y}年{m}月{d}日、{rng.choice(JA_PLACES)}での{person}外相インタビュー"
    b.block(title)
    b.block(f"{d:02d}.{m:02d}.{y} {rng.randint(9, 20)}:{rng.randint(0, 59):02d}\n{rng.randint(100, 999)}-{d:02d}-{m:02d}-{y}")
    for _ in range(rng.randint(8, 30)):
        b.block(rng.choice(["質問:", "Q:", "Q.:"]) + rng.choice(frag.ja_answers)[:rng.randint(40, 200)])
        b.block(f"{person}:" + rng.choice(frag.ja_answers))
        for _ in range(rng.randint(0, 3)):
            b.block(rng.choice(frag.ja_web))
    b.block("この記事が気に入ったらサポートをしてみませんか?")
    text = b.text()
    tables = [("document", {"id": "d1", "start": "見出し画像", "type": "interview", "title": title,
                            "head": [title], "date": f"{y}-{m:02d}-{d:02d}", "place": rng.choice(JA_PLACES)}),
              ("furniture", {"quote": "見出し画像", "type": "web", "place": "top"}),
              ("furniture", {"quote": "この記事が気に入ったらサポートをしてみませんか?", "type": "web",
                             "place": "bottom"})]
    top = {"title": title, "language": "ja", "date": f"{y}-{m:02d}-{d:02d}", "editors": ["bench"],
           "source": {"author": "ロシア連邦外務省", "original_language": "ru", "published": "blog, " + str(y)},
           "pages": {"detect_breaks": False}}
    return text, sidecar(top, tables)


# -- English FRUS-like documents ------------------------------------------------------------

def en_sentence(rng: random.Random) -> str:
    who = rng.choice(EN_PEOPLE)
    clause = rng.choice(EN_CLAUSES)
    lead = rng.choice([f"{who} {rng.choice(EN_VERBS)} that {clause}",
                       f"On {rng.choice(EN_TOPICS)}, {who} {rng.choice(EN_VERBS)} that {clause}",
                       f"In {rng.choice(EN_PLACES)} on {rng.choice(MONTHS)} {rng.randint(1, 28)}, {who} "
                       f"{rng.choice(EN_VERBS)} that {clause}",
                       f"The {rng.choice(['Secretary', 'President', 'General Secretary', 'Ambassador'])} "
                       f"{rng.choice(EN_VERBS)} that {clause}"])
    return lead + rng.choice([".", ".", ".", "; " + rng.choice(EN_CLAUSES) + "."])


def en_paragraph(rng: random.Random, sentences: tuple[int, int] = (2, 7)) -> str:
    return " ".join(en_sentence(rng) for _ in range(rng.randint(*sentences)))


def frus(rng: random.Random, ident: str, number: int) -> tuple[str, str]:
    b = Builder()
    year, month, day = rng.randint(1981, 1988), rng.randint(1, 12), rng.randint(1, 28)
    kind = rng.choice(["memo", "telegram", "letter", "record"])
    title = {"memo": "Memorandum of Conversation", "telegram": f"Telegram From the Embassy in "
             f"{rng.choice(EN_PLACES)} to the Department of State", "letter": f"Letter From President Reagan "
             f"to Prime Minister {rng.choice(['Nakasone', 'Thatcher', 'Kohl'])}",
             "record": "Record of a Meeting of the National Security Council"}[kind]
    head = f"{number}. {title}"
    classification = rng.choice(CLASSIFICATIONS)
    b.block(head)
    date_line = f"{rng.choice(EN_PLACES)}, {MONTHS[month - 1]} {day}, {year}, {rng.randint(1, 12)}:{rng.randint(0, 59):02d} p.m."
    b.block(date_line)
    b.block(classification)
    if kind == "memo":
        b.block("SUBJECT\n\n" + f"{rng.choice(EN_TOPICS).capitalize()} and {rng.choice(EN_TOPICS)}")
        b.block("PARTICIPANTS\n" + "\n".join(f"{rng.choice(EN_PEOPLE)}, {rng.choice(['Secretary', 'Ambassador', 'Adviser'])}"
                                             for _ in range(rng.randint(2, 5))))
    fixes = rng.sample(EN_OCR, 2)
    page = rng.randint(2, 400)
    running = f"FRUS {year}, Vol. {rng.choice(['V', 'XI', 'XLIV'])}"
    for i in range(rng.randint(5, 30)):
        para = en_paragraph(rng)
        since, fix = b.length, None
        roll = rng.random()
        if roll < 0.08:
            para += " " + rng.choice(["[1 paragraph not declassified]", "[less than 1 line not declassified]",
                                      "[name not declassified]", "[2½ lines not declassified]"])
        elif roll < 0.12 and fixes:
            wrong, right = fixes.pop()
            at = para.find(" ") + 1
            para = para[:at] + wrong + " " + para[at:]
            fix = wrong, right
        if kind in ("memo", "record") and rng.random() < 0.4:
            para = rng.choice(EN_PEOPLE) + ": " + para
        if rng.random() < 0.08:
            b.block("\n".join(f"{k}. {en_sentence(rng)}" for k in range(1, rng.randint(3, 5))))
        if rng.random() < 0.05:
            rows = [f"| {p} | {rng.randint(0, 450)} | {rng.randint(0, 450)} |" for p in rng.sample(EN_PLACES, 3)]
            b.block("\n".join(["| Region | Warheads 1986 | Warheads 1987 |", "|---|---:|---:|", *rows]))
        if rng.random() < 0.05:
            b.block("S E C R E T")
        words = para.split(" ")
        cut = rng.randint(len(words) // 3, max(len(words) // 3, 2 * len(words) // 3))
        before = " ".join(words[:cut])
        if rng.random() < 0.25 and before.count("[") == before.count("]"):      # never inside [... declassified]
            b.block(before)
            page += 1
            b.block(rng.choice([f"{running}, {page}", f"- {page} -", f"Page {page}"]))
            b.block(" ".join(words[cut:]))
        else:
            b.block(para)
        if fix:
            b.anchor_since("correction", since, fix[0], corr=fix[1], cert="high")
    initials = rng.choice(["RR", "GPS", "JMP"])
    at = b.block(f"Approved: {initials}")
    b.anchor("handwritten", at + len("Approved: "), initials, hand="h-ms", kind="approval")
    text = b.text()
    doc = {"id": "d1", "start": head, "type": kind if kind != "record" else "record", "title": title,
           "head": [head], "date": f"{year}-{month:02d}-{day:02d}", "classification": [classification]}
    if kind in ("telegram", "letter"):
        doc.update(sender=rng.choice(EN_PEOPLE), addressee=rng.choice(EN_PEOPLE))
    tables = [("hand", {"id": "h-ms", "script": "handwritten", "scope": "minor", "desc": "Initials"}),
              ("document", doc)] + resolve_anchors(b, text)
    top = {"title": f"{title} ({ident})", "language": "en", "date": f"{year}-{month:02d}-{day:02d}",
           "editors": ["bench"], "source": {"published": f"Foreign Relations of the United States, {year}",
                                            "digital": "Synthetic FRUS-like text generated for the benchmark"}}
    return text, sidecar(top, tables)


# -- the corpus ---------------------------------------------------------------------------------

def document(i: int, seed: int, frag: Fragments) -> tuple[str, str, str]:
    """(id, text, sidecar) of document ``i``: the same whatever the corpus size."""
    rng = random.Random(f"honkoku-bench:{seed}:{i}")
    roll, kind = rng.random(), KINDS[-1][0]
    for name, weight in KINDS:
        if roll < weight:
            kind = name
            break
        roll -= weight
    ident = f"g{i:06d}-{kind}"
    if kind == "mofa":
        text, toml = mofa(rng, ident, frag)
    elif kind == "web":
        text, toml = web(rng, ident, frag)
    else:
        text, toml = frus(rng, ident, i + 1)
    return ident, text, toml


def _entry(table: str, ident: str, name: str, **extra: str) -> str:
    lines = [f"[[{table}]]", f'id = "{ident}"', f'name = "{name}"']
    lines += [f'{key} = "{value}"' for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def write_registers(folder: Path) -> None:
    """Registers of the people, places and bureaus the generated documents name, so that entity
    linking, register pages and their mention lists are measured as an edition would have them (the
    most named people reach thousands of mentions at 10,000 documents)."""
    folder.mkdir(parents=True, exist_ok=True)
    people = [_entry("person", f"per-ja-{i:02d}", name) for i, name in enumerate(JA_PEOPLE)]
    people += [_entry("person", f"per-en-{name.lower()}", name, name_en=name) for name in EN_PEOPLE]
    places = [_entry("place", f"pl-ja-{i:02d}", name) for i, name in enumerate(JA_PLACES)]
    places += [_entry("place", f"pl-en-{name.lower()}", name, name_en=name) for name in EN_PLACES]
    orgs = [_entry("org", f"org-ja-{i:02d}", name) for i, name in enumerate(JA_BUREAUS)]
    head = "# Generated by bench/corpus.py for the benchmark: synthetic, not editorial knowledge.\n\n"
    for name, entries in (("people", people), ("places", places), ("orgs", orgs)):
        (folder / f"{name}.toml").write_text(head + "\n".join(entries), encoding="utf-8")


def generate(folder: Path, n: int, seed: int = 1986, sources: Path = SOURCES, registers: bool = True) -> list[Path]:
    """Write ``n`` generated sources into ``folder`` (and, with ``registers``, the registers beside it,
    in ``folder/../registers``); the paths of their .txt, in order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if registers:
        write_registers(folder.parent / "registers")
    frag = Fragments.load(sources)
    out = []
    for i in range(n):
        ident, text, toml = document(i, seed, frag)
        txt = folder / f"{ident}.txt"
        txt.write_text(text, encoding="utf-8", newline="")
        (folder / f"{ident}.toml").write_text(toml, encoding="utf-8", newline="")
        out.append(txt)
    return out


if __name__ == "__main__":
    import argparse
    p = argparse.ArgumentParser(description="Generate a benchmark corpus of sources (.txt + .toml).")
    p.add_argument("folder", type=Path)
    p.add_argument("-n", type=int, default=100)
    p.add_argument("--seed", type=int, default=1986)
    args = p.parse_args()
    paths = generate(args.folder, args.n, args.seed)
    size = sum(x.stat().st_size for x in paths)
    print(f"{len(paths)} sources, {size / 1e6:.1f} MB of text -> {args.folder}")
