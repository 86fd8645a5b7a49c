"""site/metacache.py: each TEI file's metadata is read once per content, and a cached read is an exact one.

The walk with the cache (cold: every file parsed; warm: none) must give the same sources, registers
and header sums as an eager load; a file changed by hand, renamed or removed must be read again.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from test_site_corpus_walk import summary, tei_dir  # noqa: F401  (tei_dir: the fixture)

from honkoku.cache import Cache
from honkoku.site.corpus import HeaderSummary, load_corpus
from honkoku.site.metacache import MetaCache, about_from, about_to, source_from, source_to


def walk(tei: Path, root: Path, parses: list | None = None):
    """A walk with the cache of ``root``, read to the end, and how many files came from the cache;
    ``parses`` (the fixture) is emptied after the registers are read, so it tells what the walk parsed."""
    with Cache.open(root) as cache:
        meta = MetaCache(cache, tei)
        corpus = load_corpus(tei, keep_trees=False, meta=meta)
        if parses is not None:
            parses.clear()
        ids = [s.id for s in corpus.sources]
        meta.keep_only({p.name for p in tei.glob("*.xml")})
        return corpus, ids, meta.hits


def exact(corpus) -> list[str]:
    """Every source as its repr without tree: lists and tuples, nested dataclasses, all told apart."""
    return [repr(dataclasses.replace(s, root=None)) for s in corpus.sources]


def about_view(a: HeaderSummary) -> tuple:
    """The header sums with every order they have (first appearance), as the about page reads them."""
    return ([(sec, list(c.items())) for sec, c in a.decl.items()], [(gi, list(v)) for gi, v in a.tags.items()],
            [(label, list(cats)) for label, cats in a.categories.items()], list(a.calendars), list(a.apps))


def test_a_cached_walk_reads_the_corpus_as_an_eager_load(tei_dir, tmp_path, parses):  # noqa: F811
    eager = load_corpus(tei_dir, keep_trees=True)
    cold, ids, hits = walk(tei_dir, tmp_path, parses)
    assert hits == 0 and sorted(parses) == sorted(p.name for p in tei_dir.glob("*.xml") if p.name != "registers.xml")
    warm, warm_ids, hits = walk(tei_dir, tmp_path, parses)
    # every file but registers.xml (known from the registers) is taken from the cache, none parsed
    assert hits == len(list(tei_dir.glob("*.xml"))) - 1 and parses == []
    for corpus in (cold, warm):
        assert summary(corpus) == summary(eager)
        assert exact(corpus) == exact(eager)
        assert about_view(corpus.about) == about_view(eager.about)
    assert warm_ids == ids and "t-zz" in warm.entities
    source = next(s for s in warm.sources if s.divisions)
    assert source.root is None and source.text is not None            # the tree, parsed when a page needs it


def test_a_file_changed_by_hand_renamed_or_removed_is_read_again(tei_dir, tmp_path, parses):  # noqa: F811
    walk(tei_dir, tmp_path)
    target = tei_dir / "z-plain.xml"
    target.write_text(target.read_text(encoding="utf-8").replace("<title>z-plain</title>", "<title>新題</title>")
                      .replace('gi="p" occurs="1"', 'gi="p" occurs="5"'), encoding="utf-8")
    (tei_dir / "a-plain.xml").rename(tei_dir / "b-plain.xml")
    (tei_dir / "m-gloss.xml").unlink()
    corpus, ids, hits = walk(tei_dir, tmp_path, parses)
    assert sorted(parses) == ["b-plain.xml", "z-plain.xml"]
    eager = load_corpus(tei_dir, keep_trees=True)
    assert exact(corpus) == exact(eager) and summary(corpus) == summary(eager)
    assert [s.title for s in corpus.sources if s.id == "z-plain"] == ["新題"]
    assert about_view(corpus.about) == about_view(eager.about)
    with Cache.open(tmp_path) as cache:
        names = [n for (n,) in cache.db.execute("SELECT name FROM source_meta1")]
    assert "m-gloss.xml" not in names and "a-plain.xml" not in names and "b-plain.xml" in names


def test_summaries_round_trip_and_merge_as_the_headers_add(tei_dir):  # noqa: F811
    eager = load_corpus(tei_dir, keep_trees=True)
    merged = HeaderSummary()
    for s in eager.sources:
        back = source_from(source_to(s), s.path)
        assert repr(back) == repr(dataclasses.replace(s, root=None))
        part = HeaderSummary()
        part.add(s.root.find("{http://www.tei-c.org/ns/1.0}teiHeader"))
        assert about_view(about_from(about_to(part))) == about_view(part)
        merged.merge(about_from(about_to(part)))
    assert about_view(merged) == about_view(eager.about) and merged.decl
