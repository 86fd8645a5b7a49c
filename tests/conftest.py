"""Shared fixtures: the TEI schema (compiled once), golden-file updating."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_HELP = ("TEI schema not found: put the official tei_all.rng at ../shared/schema/tei_all.rng "
               "or set TEI_ALL_RNG=/path/to/tei_all.rng (https://tei-c.org/release/xml/tei/custom/schema/relaxng/)")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


def schema_path() -> Path | None:
    for candidate in (os.environ.get("TEI_ALL_RNG"), ROOT.parent / "shared" / "schema" / "tei_all.rng"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def tei_schema():
    """The compiled tei_all RELAX NG schema; missing is a failure under CI, a skip elsewhere."""
    path = schema_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(SCHEMA_HELP)
        pytest.skip(SCHEMA_HELP)
    from lxml import etree
    return etree.RelaxNG(etree.parse(str(path)))


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def parses(monkeypatch):
    """The names of the TEI files the site stage parses whole (site.corpus.parse), in order."""
    from honkoku.site import corpus as corpus_mod
    parsed: list[str] = []
    real_parse = corpus_mod.parse

    def counting_parse(path):
        parsed.append(Path(path).name)
        return real_parse(path)
    monkeypatch.setattr(corpus_mod, "parse", counting_parse)
    real_parse_bytes = corpus_mod.parse_bytes

    def counting_parse_bytes(data, path):
        parsed.append(Path(path).name)
        return real_parse_bytes(data, path)
    monkeypatch.setattr(corpus_mod, "parse_bytes", counting_parse_bytes)
    return parsed
