"""The chronology places only dates with a year; an untitled document is named by its source, never d1."""
from __future__ import annotations

from pathlib import Path

from honkoku.build import build_tei
from honkoku.site.corpus import load_corpus
from honkoku.site.pages import SiteBuilder


def corpus_of(tmp_path: Path, sources: dict[str, str]):
    folder = tmp_path / "sources"
    folder.mkdir()
    for name, text in sources.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = build_tei(folder, tmp_path / "tei", quiet=True)
    assert not report.problems
    return load_corpus(tmp_path / "tei")


def test_a_date_without_a_year_is_not_in_the_chronology(tmp_path):
    corpus = corpus_of(tmp_path, {"memo.txt": "On October 16 we met.\n\nWashington, October 3, 1986.\n"})
    builder = SiteBuilder(corpus)
    for source in corpus.sources:
        builder.document_page(source)                     # collects the dates, as the site build does
    dates = {d.when for d in builder.dates}
    assert {"--10-16", "1986-10-03"} <= dates             # both in the text (and the TEI) ...
    chronology = "".join(str(p.body) for p in builder.chronology_pages())
    assert 'datetime="1986-10-03"' in chronology          # ... only one has a place in time
    assert "--10-16" not in chronology and "--年" not in chronology


def test_an_untitled_document_is_named_by_its_source(tmp_path):
    corpus = corpus_of(tmp_path, {"reykjavik.txt": "The summit ended.\n",
                                  "pair.txt": "First.\n", "pair.toml": 'title = "Two notes"\n'
                                  '[[document]]\nid = "d1"\nstart = "First."\n'})
    titles = {s.id: [d.title for d in s.divisions] for s in corpus.sources}
    assert titles["reykjavik"] == ["reykjavik"]           # the source's title (its id: the sidecar has none)
    assert titles["pair"] == ["Two notes"]


def test_a_single_document_without_its_own_date_takes_the_sources(tmp_path):
    corpus = corpus_of(tmp_path, {"memo.txt": "The summit ended.\n", "memo.toml": 'date = "1986-10-11"\n'
                                  'date_end = "1986-10-12"\n',
                                  "two.txt": "A.\n\nB.\n", "two.toml": 'date = "1987-01-01"\n[[document]]\n'
                                  'id = "d1"\nstart = "A."\n[[document]]\nid = "d2"\nstart = "B."\n'})
    memo = next(s for s in corpus.sources if s.id == "memo")
    assert (memo.divisions[0].date.when, memo.divisions[0].date.end) == ("1986-10-11", "1986-10-12")
    rows = [r for page in SiteBuilder(corpus).list_pages() for r in [str(page.body)]]
    assert any('1986-10-11' in body for body in rows)
    two = next(s for s in corpus.sources if s.id == "two")
    assert [d.date for d in two.divisions] == [None, None]     # several documents: the source's date is not theirs
