"""MkDocs hooks (mkdocs.yml ``hooks:``): the menu, computed from what is in docs/.

Runs inside ``mkdocs build`` (started by honkoku site, or by hand). The menu
lists only the browse pages, so its size does not depend on the corpus;
docs/editors/ (written by the editor workbench) joins it when present, with
its index first and its worklist second.
"""
from __future__ import annotations

from pathlib import Path

NAV = [("ホーム", "index.md"), ("人名・地名・組織", "registers/index.md"), ("用語集", "glossary/index.md"),
       ("年表", "chronology/index.md"), ("検索", "search.md"), ("ダウンロード", "downloads/index.md"),
       ("この版について", "about.md")]
EDITORS_FIRST = ("index.md", "worklist.md")


def editors_nav(docs: Path) -> list:
    folder = docs / "editors"
    if not folder.is_dir():
        return []
    pages = sorted((p.relative_to(docs).as_posix() for p in folder.rglob("*.md")),
                   key=lambda p: (Path(p).name not in EDITORS_FIRST,
                                  EDITORS_FIRST.index(Path(p).name) if Path(p).name in EDITORS_FIRST else 0, p))
    return [{"編集者": pages}] if pages else []


def on_config(config, **kwargs):
    docs = Path(config["docs_dir"])
    if config.get("nav"):
        return config                      # a nav written in mkdocs.yml wins
    config["nav"] = [{title: path} for title, path in NAV if (docs / path).is_file()] + editors_nav(docs)
    return config
