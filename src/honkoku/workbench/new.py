"""``honkoku new <id> FILE``: add a source to the edition.

Copies FILE to ``sources/<id>.txt`` byte for byte (the witness is never
changed: not its encoding, not its line ends), writes ``sources/<id>.toml``
with every key the edition reads, commented, and at once reports what the
passes found in it and what to look at (the same as ``honkoku check <id>``).
It refuses to overwrite anything, refuses an id that is not a safe file name,
and refuses a text the build could not read — in those cases nothing is
written. A text in Shift_JIS, EUC-JP or UTF-16 is copied as it is and its
sidecar declares the encoding, so the build converts it on reading.
"""
from __future__ import annotations

import codecs
import sys
import tempfile
from pathlib import Path

from .. import source
from ..convert import convert
from ..errors import EXIT_OK, UserError
from .check import check_source, format_text, register_forms
from .detectors import Context
from .reference import skeleton


def _encoding(data: bytes, shown: str) -> dict[str, str]:
    """{} for UTF-8; {"encoding": guess} for a text the sniffers recognise; else a UserError."""
    body = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    try:
        body.decode("utf-8")
        return {}
    except UnicodeDecodeError:
        guess = source.sniff(data)
        if guess:
            return {"encoding": guess}
        source.decode(data, shown, None)          # raises the build's own message (line, column, byte)
        raise AssertionError("unreachable")


def first_full_date(doc) -> dict[str, str]:
    """The first day (or range of days) the text writes out in full, year included (昭和61年9月18日,
    October 3, 1986, October 11-12, 1986), as the sidecar's ``date`` (and ``date_end``): usually the
    document's own date, offered for the editor to check. {} if the text has none."""
    for span in sorted(doc.find("date"), key=lambda s: s.start):
        if "evidence" in span.attrs:                  # placed from context, not written out
            continue
        when, start, end = span.attrs.get("when", ""), span.attrs.get("from", ""), span.attrs.get("to", "")
        if len(when) >= 10 and when[0] != "-":
            return {"date": when[:10]}
        if len(start) >= 10 and len(end) >= 10 and start[0] != "-":
            return {"date": start[:10], "date_end": end[:10]}
    return {}


def add_source(source_id: str, file: Path, sources: Path) -> tuple[Path, Path, dict[str, str]]:
    """Copy and skeleton; returns (txt, toml, the keys written uncommented). Nothing is written if anything
    is wrong."""
    source.check_id(source_id, "honkoku new")
    if not file.is_file():
        raise UserError(file, "no such file", 1, 1, "give the path of a plain-text transcription")
    txt, toml = sources / f"{source_id}.txt", sources / f"{source_id}.toml"
    for target in (txt, toml):
        if target.exists():
            raise UserError(target, "already exists: honkoku new never overwrites a source or a sidecar", 1, 1,
                            "choose another id, or edit the existing files")
    data = file.read_bytes()
    active = _encoding(data, str(file))
    sidecar = skeleton(source_id, active)
    with tempfile.TemporaryDirectory() as tmp:   # the build must be able to read it, before anything is written
        trial = Path(tmp) / f"{source_id}.txt"
        trial.write_bytes(data)
        trial.with_suffix(".toml").write_text(sidecar, encoding="utf-8")
        try:
            doc, _ = convert(trial, Path(tmp))
        except UserError as err:
            for prob in err.problems:
                prob.path = str(file) if prob.path.endswith(".txt") else str(toml)
            raise
    found = first_full_date(doc)
    if found:
        sidecar = skeleton(source_id, active, found)
    sources.mkdir(parents=True, exist_ok=True)
    with open(txt, "xb") as fh:                   # "x": fail rather than overwrite, even in a race
        fh.write(data)
    try:
        with open(toml, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(sidecar)
    except FileExistsError:
        txt.unlink()
        raise UserError(toml, "appeared while copying: nothing written", 1, 1, "run honkoku new again") from None
    return txt, toml, {**active, **found}


def add_parser(sub) -> None:
    c = sub.add_parser("new", help="add a source: copy the text into sources/, write a sidecar skeleton, "
                                   "report what the build finds in it")
    c.add_argument("id", help="source id = file name without .txt, e.g. 1986-09-18-inf-asia")
    c.add_argument("file", type=Path, help="the plain-text transcription to add")
    c.add_argument("--sources", type=Path, default=Path("sources"), help="folder of <id>.txt (+ <id>.toml)")


def cmd_new(args) -> int:
    txt, toml, active = add_source(args.id, args.file, args.sources)
    root = args.sources.parent
    size = txt.stat().st_size
    notes = ([f"declared encoding = \"{active['encoding']}\""] if "encoding" in active else []) + \
        ([f"date = \"{active['date']}\"" + (f" to \"{active['date_end']}\"" if "date_end" in active else "")
          + " as found in the text: check it"] if "date" in active else [])
    print(f"new: {txt} ({size:,} bytes, copied unchanged) and {toml} (sidecar skeleton, "
          + ("; ".join(notes) + ", every other key commented" if notes else "every key commented") + ")")
    report = check_source(txt, root, Context(known_names=register_forms(root)))
    sys.stdout.write(format_text([report]))
    print(f"next: fill in {toml} (title, date, documents …; see docs/editors/sidecar.md), "
          f"run `honkoku check {args.id}`, then `honkoku build`, or `honkoku serve` to preview as you edit.")
    return EXIT_OK
