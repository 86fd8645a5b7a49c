"""downloads.corpus_zip(previous=…): entries of unchanged files are copied from the last zip, and the archive
is byte for byte the one made from scratch (issue 4)."""
from __future__ import annotations

import shutil
import subprocess
import zipfile

from honkoku.site import downloads


def make(tmp, files, previous=None):
    digests: dict[str, str] = {}
    data = downloads.corpus_zip(files, previous=previous, digests=digests)
    return data, digests


def test_a_zip_made_from_the_last_one_is_the_one_made_from_scratch(tmp_path, monkeypatch):
    tei = tmp_path / "tei"
    tei.mkdir()
    for i in range(6):
        (tei / f"d{i}.xml").write_text(f"<TEI>{'文書 ' * (200 + i)}{i}</TEI>", encoding="utf-8")
    files = downloads.corpus_files(tei, None)
    first, digests = make(tmp_path, files)
    last = tmp_path / "last.zip"
    last.write_bytes(first)

    (tei / "d2.xml").write_text("<TEI>changed</TEI>", encoding="utf-8")     # changed, added, removed
    (tei / "d9.xml").write_text("<TEI>new</TEI>", encoding="utf-8")
    (tei / "d4.xml").unlink()
    files = downloads.corpus_files(tei, None)
    compressed: list[str] = []
    real = zipfile.ZipFile.writestr

    def counting(self, info, data, *a, **k):
        compressed.append(info.filename)
        return real(self, info, data, *a, **k)
    monkeypatch.setattr(zipfile.ZipFile, "writestr", counting)
    reused, _ = make(tmp_path, files, (last, digests))
    assert compressed == ["honkoku-corpus/tei/d2.xml", "honkoku-corpus/tei/d9.xml"]
    compressed.clear()
    scratch, _ = make(tmp_path, files)
    assert len(compressed) == 6 and reused == scratch
    out = tmp_path / "new.zip"
    out.write_bytes(reused)
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None and zf.read("honkoku-corpus/tei/d2.xml") == b"<TEI>changed</TEI>"
        assert sorted(zf.namelist()) == sorted(f"honkoku-corpus/{name}" for name, _ in files)
    if shutil.which("unzip"):
        assert subprocess.run(["unzip", "-tq", str(out)], capture_output=True).returncode == 0

    # a recorded digest that is not the file's: compressed again; a last zip that is not a zip: from scratch
    compressed.clear()
    wrong = dict(digests, **{"tei/d0.xml": "0" * 64})
    assert make(tmp_path, files, (last, wrong))[0] == scratch and "honkoku-corpus/tei/d0.xml" in compressed
    last.write_bytes(b"not a zip")
    assert make(tmp_path, files, (last, digests))[0] == scratch
