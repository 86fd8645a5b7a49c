"""Another edition's mkdocs.yml: honkoku fills in what its pages need; a broken one is a clear error."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from honkoku.errors import UserError
from honkoku.site.mkdocs_config import DEFAULTS, SITE_PACKAGE, filled_in, load

ROOT = Path(__file__).resolve().parent.parent


def test_what_the_file_sets_is_kept_and_the_rest_filled_in():
    assert filled_in({}) == DEFAULTS
    kept = filled_in({"plugins": ["search"], "extra_css": ["mine.css"], "theme": {"name": "material", "language": "en"}})
    assert "plugins" not in kept and "extra_css" not in kept
    assert kept["theme"]["language"] == "en" and kept["theme"]["custom_dir"] == str(SITE_PACKAGE / "overrides")
    assert filled_in({"theme": "material"})["theme"] == DEFAULTS["theme"]
    assert "theme" not in filled_in({"theme": dict(DEFAULTS["theme"])})        # every theme key set: the file's


def test_this_repositorys_configuration_sets_every_key_itself():
    """The repository's mkdocs.yml shows every setting; it resolves to the same hooks and overrides."""
    from mkdocs.utils.yaml import yaml_load
    with open(ROOT / "mkdocs.yml", "rb") as fh:
        project = yaml_load(fh)
    assert filled_in(project) == {}
    cfg = load(ROOT / "mkdocs.yml", ROOT / "docs", ROOT / "site")
    assert Path(cfg.theme.custom_dir).resolve() == SITE_PACKAGE / "overrides"
    assert [Path(h).resolve() for h in cfg.hooks] == [SITE_PACKAGE / "mkdocs_hooks.py"]


def test_a_minimal_configuration_builds_the_edition(tmp_path):
    """An edition elsewhere (not this repository) writes only its name: the site has the edition's pages,
    stylesheet, menu and search, and no Material search index."""
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copytree(ROOT / "registers", tmp_path / "registers")
    (tmp_path / "mkdocs.yml").write_text("site_name: Another edition\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "honkoku", "build"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "documents" / "1986-09-18-inf-asia" / "index.html").read_text(encoding="utf-8")
    assert "<title>" in page and "Another edition" in page
    assert 'href="../../assets/edition.css"' in page and 'class="hk-reading"' in page
    assert "年表" in page                               # the menu the hooks make
    assert (tmp_path / "site" / "pagefind").is_dir() and not (tmp_path / "site" / "search" / "search_index.json").exists()


@pytest.mark.parametrize("yaml, expected", [
    ("site_name: x\ntheme:\n  name: material\n  custom_dir: no/such/folder\n", "custom_dir"),
    ("site_name: x\nsite_url: [1, 2]\n", "site_url"),
    ("site_name: 'unterminated\n", "parsing"),
    ("- just a list\n", "not a mapping"),
])
def test_a_broken_configuration_is_one_clear_error(tmp_path, yaml, expected):
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml, encoding="utf-8")
    with pytest.raises(UserError) as err:
        load(config, tmp_path / "docs", tmp_path / "site")
    message = str(err.value)
    assert "mkdocs.yml" in message and expected in message and "Traceback" not in message


def test_a_broken_configuration_from_the_command_line(tmp_path):
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copytree(ROOT / "registers", tmp_path / "registers")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: material\n  custom_dir: src/nowhere\n",
                                         encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "honkoku", "build"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 2
    assert "mkdocs.yml:1:1: error: MkDocs configuration is invalid" in result.stderr and "custom_dir" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
