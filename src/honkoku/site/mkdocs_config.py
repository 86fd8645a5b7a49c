"""The MkDocs configuration of an edition: the project's mkdocs.yml, with what honkoku's site needs
filled in where the file leaves it out.

Why: the pages honkoku writes need its theme overrides, its hooks (the menu), its stylesheet and
script, no Material search (Pagefind indexes the site) and directory URLs. Written out in a
project's mkdocs.yml as paths, they would point into this package's folder, which is somewhere else
for every other edition (site-packages). So an edition's mkdocs.yml may say only what is its own::

    site_name: Records of the INF talks
    site_url: https://example.org/inf/

and every key it leaves out is taken from ``DEFAULTS`` (``theme``: each of its keys). A key the
file sets is the file's (this repository's mkdocs.yml sets them all, to show them).

A configuration MkDocs rejects is a UserError naming mkdocs.yml and MkDocs' own message, never a
traceback.
"""
from __future__ import annotations

import logging
from pathlib import Path

from ..errors import UserError

SITE_PACKAGE = Path(__file__).resolve().parent

DEFAULTS: dict[str, object] = {
    "theme": {
        "name": "material",
        "language": "ja",
        "font": False,                     # no Google Fonts: local CJK font stacks in assets/edition.css
        "custom_dir": str(SITE_PACKAGE / "overrides"),
        "features": [],
    },
    "hooks": [str(SITE_PACKAGE / "mkdocs_hooks.py")],
    "plugins": [],                         # MkDocs' default is its lunr search: Pagefind does it (notes/site.md)
    "use_directory_urls": True,
    "extra_css": ["assets/edition.css"],
    "extra_javascript": ["assets/edition.js"],
    "markdown_extensions": [],
    # document, register and list pages are reached from the browse pages, not the menu
    "not_in_nav": "/documents/\n/editors/worklist/\n/registers/\n/list/\n/glossary/*.md\n/chronology/*.md\n",
    "validation": {"nav": {"omitted_files": "info", "not_found": "warn"},
                   "links": {"not_found": "warn", "anchors": "warn", "unrecognized_links": "warn"}},
}


class Collect(logging.Handler):
    """MkDocs' warnings and errors, to report them in one UserError."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def filled_in(project: dict) -> dict:
    """The load_config overrides: each key of DEFAULTS the project's configuration does not set."""
    out = {key: value for key, value in DEFAULTS.items() if key not in project}
    theme = project.get("theme")
    if isinstance(theme, str):
        out["theme"] = {**DEFAULTS["theme"], "name": theme}
    elif isinstance(theme, dict) and DEFAULTS["theme"].keys() - theme.keys():
        out["theme"] = {**DEFAULTS["theme"], **theme}
    return out


def configured_language(config_file: Path) -> str:
    """``theme.language`` as mkdocs.yml sets it ("ja", the default, when it does not), read without MkDocs'
    validation: for what writes docs/ without building the site (``--no-mkdocs``, the workbench's serve),
    so its pages are in the language MkDocs will build them in (messages.py). A file that cannot be read
    gives "ja": the build that loads it reports what is wrong."""
    from mkdocs.utils.yaml import yaml_load
    try:
        with open(config_file, "rb") as fh:
            project = yaml_load(fh)
    except Exception:                      # OSError, YAML errors, unknown tags: the full load says which
        return str(DEFAULTS["theme"]["language"])
    theme = project.get("theme") if isinstance(project, dict) else None
    language = theme.get("language") if isinstance(theme, dict) else None
    return str(language or DEFAULTS["theme"]["language"])


def load(config_file: Path, docs: Path, site: Path):
    """The validated MkDocs configuration (strict), docs_dir and site_dir set to ``docs`` and ``site``."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError
    from mkdocs.utils.yaml import yaml_load
    if not config_file.is_file():
        raise UserError(config_file, "MkDocs configuration not found", 1, 1,
                        "run from the project folder (it has mkdocs.yml) or pass --config")
    logger = logging.getLogger("mkdocs")
    collect = Collect()
    logger.addHandler(collect)
    try:
        with open(config_file, "rb") as fh:
            project = yaml_load(fh)
        if not isinstance(project, dict):
            raise ConfigurationError("the file is not a mapping of settings (site_name: …)")
        return load_config(str(config_file), docs_dir=str(docs.resolve()), site_dir=str(site.resolve()),
                           strict=True, **filled_in(project))
    except (ConfigurationError, Abort) as exc:
        detail = "; ".join(collect.messages) or str(exc)
        raise UserError(config_file, f"MkDocs configuration is invalid: {detail}", 1, 1,
                        "fix mkdocs.yml (or remove the setting: honkoku fills in what its pages need)") from None
    finally:
        logger.removeHandler(collect)
