"""Helpers for the workbench tests: run the CLI as a user would, in a throwaway project."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CORPUS_IDS = ("1986-09-18-inf-asia", "2023-05-17-lavrov-tsargrad")


def run(*args: str, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python build.py ARGS`` in ``cwd``, as typed in a terminal (no TTY: no progress bar)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([PYTHON, "build.py", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


def project(tmp: Path, sources: dict[str, str | bytes] | None = None, sidecars: dict[str, str] | None = None,
            copy_corpus: tuple[str, ...] = (), with_sidecars: bool = True) -> Path:
    """A minimal edition folder: build.py, src (linked), sources/ with the given texts."""
    shutil.copy(ROOT / "build.py", tmp / "build.py")
    (tmp / "src").symlink_to(ROOT / "src", target_is_directory=True)
    src = tmp / "sources"
    src.mkdir()
    if copy_corpus and not (tmp / "registers").exists():
        shutil.copytree(ROOT / "registers", tmp / "registers")   # the corpus sidecars refer to them
    for sid in copy_corpus:
        shutil.copy(ROOT / "sources" / f"{sid}.txt", src / f"{sid}.txt")
        if with_sidecars and (ROOT / "sources" / f"{sid}.toml").exists():
            shutil.copy(ROOT / "sources" / f"{sid}.toml", src / f"{sid}.toml")
    for sid, text in (sources or {}).items():
        path = src / f"{sid}.txt"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    for sid, toml in (sidecars or {}).items():
        (src / f"{sid}.toml").write_text(toml, encoding="utf-8")
    return tmp


def copy_edition(dest: Path) -> Path:
    """A copy of the whole edition (config, templates, registers, sources), without outputs and caches."""
    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = {".git", ".venv", "__pycache__", ".pytest_cache"}
        if Path(folder) == ROOT:
            skip |= {"site"}                      # the built site only, not src/honkoku/site
        return skip & set(names)
    shutil.copytree(ROOT, dest, symlinks=True, ignore=ignore)
    return dest


def check_json(cwd: Path, *args: str) -> tuple[int, dict]:
    proc = run("check", "--format", "json", *args, cwd=cwd)
    assert proc.returncode in (0, 2), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def findings(data: dict, source_id: str, category: str | None = None) -> list[dict]:
    src = next(s for s in data["sources"] if s["id"] == source_id)
    return [f for f in src["findings"] if category is None or f["category"] == category]
