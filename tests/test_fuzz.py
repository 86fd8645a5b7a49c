"""Fuzzing the whole pipeline: whatever the input, a valid lossless TEI or a UserError, never a crash.

Sources and sidecars come from ``strategies.sources()``: every marker, hostile
markup, odd Unicode, forbidden characters, other encodings, broken bytes,
sidecars with quotes that match nothing or twice, overlapping annotations,
wrong types and bad TOML. For each one the build must either

- succeed with TEI that is valid against tei_all, whose pointers resolve and
  ids are unique, that recovers the source (every non-space character, in
  order), whose transcription invents nothing, and that is the same bytes
  when built again; or
- fail with a UserError whose every problem names a file, a line and a
  column (the form editors' tools read).

Clean text with no sidecar must always succeed. The normal run tries
``HONKOKU_FUZZ_EXAMPLES`` examples (2,000 by default, derandomized: the same
every run); a long run sets it higher and is random (reproduce a failure with
the ``--hypothesis-seed`` it prints)::

    HONKOKU_FUZZ_EXAMPLES=50000 python -m pytest tests/test_fuzz.py -q --hypothesis-seed=50000

The other two tests take a share of that number: longer marker texts (1/40)
and ``python build.py`` in subprocesses on batches of sources (1/250).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buildcheck import build_one, check_problems, check_tei
from honkoku.errors import UserError
from honkoku.source import FORBIDDEN
from strategies import marker_texts, sources

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("HONKOKU_FUZZ_EXAMPLES", "2000"))
LONG_RUN = "HONKOKU_FUZZ_EXAMPLES" in os.environ
FUZZ = settings(max_examples=EXAMPLES, derandomize=not LONG_RUN, deadline=None, database=None,
                suppress_health_check=list(HealthCheck), print_blob=True)


def must_succeed(source_id: str, data: bytes, toml: str | None) -> bool:
    """Clean UTF-8 text, no sidecar, a safe id: nothing an editor must fix."""
    if toml is not None or source_id != "doc":
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not FORBIDDEN.search(text.replace("\r", ""))


@FUZZ
@given(sources())
def test_build_succeeds_with_valid_lossless_tei_or_fails_with_a_user_error(tei_schema, source):
    source_id, data, toml = source
    try:
        doc, tei = build_one(source_id, data, toml)
    except UserError as err:
        assert not must_succeed(source_id, data, toml), f"a clean source was refused: {err}"
        check_problems(err, source_id)
        return
    check_tei(tei_schema, doc, tei)
    if "encoding" not in tomllib.loads(toml or ""):
        expected = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        assert doc.text == expected, "the witness text was changed on reading"
    assert build_one(source_id, data, toml)[1] == tei, "two builds of the same source differ"


@settings(FUZZ, max_examples=max(EXAMPLES // 40, 25))
@given(marker_texts(max_blocks=30))
def test_long_marker_texts_are_valid_and_lossless(tei_schema, text):
    """Longer texts (up to 30 blocks) without a sidecar: always a success."""
    doc, tei = build_one("doc", text.encode("utf-8"), None)
    check_tei(tei_schema, doc, tei)


@pytest.mark.slow
@settings(FUZZ, max_examples=max(EXAMPLES // 250, 6))
@given(st.lists(sources(), min_size=1, max_size=3))
def test_build_py_exits_0_or_2(tmp_path_factory, batch):
    """``python build.py tei`` in a subprocess: exit 0, or 2 with every problem as file:line:col."""
    tmp = tmp_path_factory.mktemp("cli")
    folder = tmp / "sources"
    folder.mkdir()
    for n, (source_id, data, toml) in enumerate(batch):
        name = source_id if n == 0 else f"{source_id}-{n}"
        (folder / f"{name}.txt").write_bytes(data)
        if toml is not None:
            (folder / f"{name}.toml").write_text(toml, encoding="utf-8", errors="surrogatepass")
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "tei", "--keep-going", "-q"], cwd=tmp,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode in (0, 2), run.stderr
    assert "Traceback" not in run.stderr
    if run.returncode == 2:
        errors = [line for line in run.stderr.splitlines() if ": error: " in line]
        assert errors and all(re.match(r"^.+:\d+:\d+: error: ", line) for line in errors), run.stderr
    else:
        assert sorted(p.stem for p in (tmp / "tei").glob("*.xml")) == sorted(p.stem for p in folder.glob("*.txt"))
