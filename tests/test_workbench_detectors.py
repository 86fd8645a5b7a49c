"""The check heuristics one by one, on small texts: each must fire on its case and stay quiet otherwise."""
from __future__ import annotations

from pathlib import Path

from honkoku import passes
from honkoku.model import Document
from honkoku.sidecar import Sidecar
from honkoku.workbench import detectors
from honkoku.workbench.check import anchor_of, check_source
from honkoku.workbench.detectors import Context


def doc_of(text: str, data: dict | None = None, without: set[str] = frozenset()) -> Document:
    doc = Document("t", text, meta={"sidecar": Sidecar("t.toml", "", data or {})}, path="t.txt")
    return passes.run(doc, {p.name for p in passes.ALL} - set(without))


def found(tmp: Path, text: str, toml: str = "", category: str | None = None):
    (tmp / "t.txt").write_text(text, encoding="utf-8")
    if toml:
        (tmp / "t.toml").write_text(toml, encoding="utf-8")
    report = check_source(tmp / "t.txt", tmp, Context())
    return [f for f in report.findings if category is None or f.category == category]


def test_sentence_cut_before_a_bracket_is_a_possible_page_boundary(tmp_path):
    text = ("日本側がアプローチすること自体、むしろ望ましいものと思われま\n\n"
            "(もとより、当方のプレゼンテーションには配慮が必要と考えられます。)\n")
    hits = found(tmp_path, text, category="page-break")
    assert [(f.line, f.severity) for f in hits] == [(3, "warning")]
    assert '[[page_break]] quote = "(もと' in hits[0].hint


def test_a_finished_sentence_or_a_joined_continuation_is_not_reported(tmp_path):
    finished = "これは最初の段落であり、ここで終わる。\n\n(次の段落は括弧で始まる。)\n"
    joined = "米側も十分承知しているものと思われま\n\nすが、他方で必ずしも厳密な比例削減に固執するものではない。\n"
    assert not found(tmp_path, finished, category="page-break")
    assert not found(tmp_path, "日本の立場については、" + joined, category="page-break")


def test_an_english_sentence_cut_is_reported_but_not_a_memorandum_field(tmp_path):
    cut = ("The Secretary said that the negotiators should return to Geneva with fresh\n\n"
           "On the next day the delegations met again in the Soviet mission.\n")
    assert [f.line for f in found(tmp_path, cut, category="page-break")] == [3]
    field = ("SUBJECT: My Meeting with Foreign Minister Shevardnadze, September 19, 1987\n\n"
             "On Saturday, September 19, 1987, I met with Shevardnadze in Washington.\n")
    assert not found(tmp_path, field, category="page-break")


def test_an_attachment_label_without_page_break_is_reported_and_a_declared_break_silences_it(tmp_path):
    text = "決裁を求める。\n\n資料②\n\n電信の本文。\n"
    hits = found(tmp_path, text, category="page-break")
    assert [f.line for f in hits] == [3]
    assert not found(tmp_path, text, '[[page_break]]\nquote = "資料②"\n', category="page-break")


def test_garble_run_is_one_region_and_a_form_declaration_silences_it(tmp_path):
    prose = "これは本文の段落であり、外務省の通常の文章が続いている。\n\n"
    grid = "外儀官\n典房\n審長長\n\n会厚情オ\n\nネ\n\n調\n\n"
    hits = found(tmp_path, prose + grid + prose, category="garble")
    assert [(f.line, f.end_line) for f in hits] == [(3, 11)]
    toml = '[[form]]\nstart = "外儀官"\nend = "調"\n'
    assert not found(tmp_path, prose + grid + prose, toml, category="garble")


def test_short_real_words_are_not_garble(tmp_path):
    text = "外務大臣と国連局長が協議した結果、部内連絡を送ることになった。\n\n国連局長\n\n外務大臣\n\n部内連絡\n"
    assert not found(tmp_path, text, category="garble")


def test_arrows_outside_declared_handwriting_are_listed(tmp_path):
    text = "本日中にも → 米側に回答するべく準備する。\n"
    assert [f.col for f in found(tmp_path, text, category="handwriting")] == [7]
    toml = ('[[hand]]\nid = "h-ms"\nscript = "handwritten"\n[[handwritten]]\nquote = "本日中にも → 米側に回答するべく準備する。"\n'
            'hand = "h-ms"\nkind = "block"\n')
    assert not found(tmp_path, text, toml, category="handwriting")


def test_brackets_pairs_across_widths_and_enumerations(tmp_path):
    ok = "彼は「それは（問題ない)」と言った。1) 第一の点、a) 別の点。\n"
    assert not found(tmp_path, ok, category="brackets")
    bad = "西側は「固唾を飲んで」、ウクライナにもっと武器を」と言う。『開いたまま。\n"
    hits = found(tmp_path, bad, category="brackets")
    assert [(f.col, f.message[0]) for f in hits] == [(25, "」"), (30, "『")]


def test_brackets_of_a_paragraph_joined_across_a_page_are_one_paragraph(tmp_path):
    text = "ソ連は「欧州ゼロ、アジア凍結の立場を繰り返し、その後の交渉でも譲ら\n\nなかった」と述べた。\n"
    assert not found(tmp_path, text, category="brackets")


def test_unpaired_strike_through_is_listed(tmp_path):
    assert [f.col for f in found(tmp_path, "北米局 ~~条約局\n", category="deletion")] == [5]
    assert not found(tmp_path, "北米局 ~~条約局~~\n", category="deletion")


def test_names_before_titles_unless_the_registers_know_them(tmp_path):
    text = "グリットマン代表と柳谷次官が会い、昨日大臣に報告した。グリットマン代表は帰国した。\n"
    doc = doc_of(text)
    names = {f.message.split(":")[0]: f for f in detectors.names(doc, Context())}
    assert set(names) == {"グリットマン", "柳谷"}
    assert "(2×)" in names["グリットマン"].message and names["グリットマン"].severity == "info"
    assert set(f.message.split(":")[0] for f in detectors.names(doc, Context(known_names={"グリットマン"}))) == {"柳谷"}
    doc.warn(0, "name: グリットマン is not in the registers")     # an entity pass has spoken: no fallback
    assert not detectors.names(doc, Context())


def test_speaker_labels_fallback_and_pass_warnings_win():
    text = "(次官) 遠路はるばる訪日された。\n\n(ラウニー大使)\n\n米国は重視している。\n\n(次官) 感謝する。\n\n注:一度だけ。\n"
    doc = doc_of(text, without={"speakers"})      # the fallback, for when no speakers pass reports
    labels = [f.message for f in detectors.speakers(doc, Context())]
    assert labels == ["speaker label (次官) (2×) resolves to nobody",
                      "speaker label (ラウニー大使) (1×) resolves to nobody"]
    doc.warn(0, "speaker: (次官) resolves to nobody")
    assert not detectors.speakers(doc, Context())


def test_dates_after_the_documents_own_date():
    text = "昭和61年10月16日の協議。1991年までに削減し、1986年12月1日に再開する。\n"
    doc = doc_of(text, {"date": "1986-10-16"})
    for quote, attrs in (("昭和61年10月16日", {"when": "1986-10-16"}),
                         ("1991年", {"notBefore": "1991-01-01", "notAfter": "1991-12-31"}),
                         ("1986年12月1日", {"when": "1986-12-01"})):
        start = text.index(quote)
        doc.add(start, start + len(quote), "date", "dates", **attrs)
    hits = {f.message.split(" ")[0]: (f.severity, f.message) for f in detectors.dates(doc, Context())}
    assert hits["1991年"] == ("info", "1991年 (1991) is after the document's own date (1986-10-16)")
    assert hits["1986年12月1日"][0] == "warning" and set(hits) == {"1991年", "1986年12月1日"}


def test_pass_warnings_get_their_category():
    from honkoku.workbench.inspect import warning_category
    assert warning_category("date '昭和65年' not converted: no such year") == "date"
    assert warning_category("speaker: (次官) resolves to nobody") == "speaker"
    assert warning_category("[[kana]] word 'あつた' does not occur in the text") == "sidecar"
    assert warning_category("<p> from x crosses the end of <div>") == "build"


def test_divisions_without_date_or_title_and_merged_documents(tmp_path):
    text = "決裁書\n\n本文である。\n\n資料③\n\n協議の記録。\n"
    toml = '[[document]]\nid = "d1"\nstart = "決裁書"\ntitle = "決裁書"\n'
    hits = found(tmp_path, text, toml, category="division")
    messages = sorted(f.message for f in hits)
    assert messages[0].startswith("[[document]] 'd1' has no date") and hits[0].path.endswith(".toml")
    assert any(m.startswith("資料③ looks like the start of a document") for m in messages)


def test_page_numbers_out_of_sequence(tmp_path):
    para = "本文の段落であり、ここで文は終わる。\n\n"
    text = para + "- 1 -\n\n" + para + "- 2 -\n\n" + para + "- 4 -\n\n" + para
    hits = found(tmp_path, text, category="page-number")
    assert [f.message for f in hits] == ["page number 4 follows 2: a page missing?"]


def test_anchor_is_the_innermost_element_with_an_id(tmp_path):
    text = "第一段落である。\n\n第二段落、[REDACTED]を含む。\n"
    doc = doc_of(text)
    assert anchor_of(doc, text.index("[REDACTED]")) == "p-L3"
    assert anchor_of(doc, 0) == "p-L1"


def test_unique_quote_is_the_shortest_quote_that_occurs_once():
    """The bisection in unique_quote gives what trying every length gives (str.count: non-overlapping)."""
    import random
    from honkoku.workbench.detectors import unique_quote

    def naive(text, start, limit=40):
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        for n in range(4, min(limit, line_end - start) + 1):
            quote = text[start:start + n]
            if text.count(quote) == 1 and not quote.endswith(" "):
                return quote
        return text[start:min(line_end, start + limit)]

    rnd = random.Random(4)
    for _ in range(5000):
        alphabet = rnd.choice(["ab", "ab ", "a \n", "abc", "aaab ", "あい "])
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 80)))
        start, limit = rnd.randrange(len(text)), rnd.choice([40, 6, 10])
        assert unique_quote(text, start, limit) == naive(text, start, limit), (text, start, limit)
