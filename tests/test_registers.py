"""The register loader: valid files load, every bad entry is a UserError naming file:line."""
from __future__ import annotations

import pytest

from honkoku.errors import UserError
from honkoku.registers import Office, load, parse

PERSON = '''
[[person]]
id = "per-nakahira"
name = "中平"
forms = ["中平局長"]
[[person.office]]
role = "国際連合局長"
labels = ["国連局長"]
org = "org-mofa"
when = "1986-10-03"
'''
ORG = '''
[[org]]
id = "org-mofa"
name = "外務省"
'''


def registers(**files: str):
    return parse([(f"registers/{name}.toml", text.encode()) for name, text in files.items()])


def problems(**files: str) -> list[str]:
    with pytest.raises(UserError) as err:
        registers(**files)
    return [str(p) for p in err.value.problems]


def test_valid_registers_load():
    regs = registers(people=PERSON, orgs=ORG)
    person = regs.get("per-nakahira")
    assert person.kind == "person" and person.surface_forms == ("中平", "中平局長")
    assert person.offices == (Office("国際連合局長", "", ("国連局長",), "org-mofa", "1986-10-03"),)
    assert regs.closure({"per-nakahira"}) == {"per-nakahira", "org-mofa"}
    assert person.where == "registers/people.toml:2"


@pytest.mark.parametrize("text, expected", [
    ('[[person]]\nid = "per-a"\nname = "A"\nnick = "x"\n', "people.toml:4:1: error: unknown key 'nick'"),
    ('[[person]]\nid = "per-A b"\nname = "A"\n', "people.toml:2:1: error: id 'per-A b'"),
    ('[[person]]\nid = "pl-a"\nname = "A"\n', "people.toml:2:1: error: id 'pl-a' of [[person]] 'pl-a' is not per-"),
    ('[[person]]\nname = "A"\n', "people.toml:1:1: error: [[person]] entry 1 lacks the required key 'id'"),
    ('[[person]]\nid = "per-a"\nname = "A"\nwikidata = "Q42"\n', "people.toml:4:1: error: [[person]] 'per-a' has an "
     "external identifier but no ids_verified"),
    ('[[person]]\nid = "per-a"\nname = "A"\nwikidata = "42"\nids_verified = "ed-1"\n', "wikidata '42'"),
    ('[[person]]\nid = "per-a"\nname = "A"\nforms = ["B", 3]\n', "people.toml:4:1: error: 'forms'"),
    ('[[person]]\nid = "per-a"\nname = "A"\ncert = "sure"\n', "people.toml:4:1: error: 'cert' in [[person]] 'per-a' "
     "is 'sure'"),
    ('[[person]]\nid = "per-a"\nname = "A"\n[[person.office]]\nrole = "局長"\nwhen = "1986-13-01"\n',
     "people.toml:6:1: error: 'when' in office 1 of [[person]] 'per-a' is not an ISO date"),
    ('[[person]]\nid = "per-a"\nname = "A"\n[[person.office]]\nlabels = ["x"]\n',
     "people.toml:4:1: error: office 1 of [[person]] 'per-a' lacks the required key 'role'"),
    ('[[person]]\nid = "per-a"\nname = "A"\nrole_only = true\nforms = ["B"]\n[[person.office]]\nrole = "局長"\n',
     "people.toml:5:1: error: [[person]] 'per-a' is role_only"),
    ('[[person]]\nid = "per-a"\nname = "A"\nrole_only = true\n', "is role_only but holds no office"),
    ('[[person]]\nid = "per-a"\nname = "A"\n[[person.office]]\nrole = "局長"\norg = "org-x"\n',
     "people.toml:6:1: error: per-a: org 'org-x' is not an org of the registers"),
    ('[[persons]]\nid = "per-a"\n', "people.toml:1:1: error: unknown table 'persons'"),
    ('[[person]]\nid = "per-a"\nname = "A\n', "people.toml:3:"),
    ('[[person]]\nid = "per-a"\nname = "A"\nsources = ["../etc"]\n', "source id '../etc'"),
])
def test_bad_entries_name_file_and_line(text, expected):
    found = problems(people=text)
    assert any(expected in p for p in found), found


def test_duplicate_ids_across_files_name_both_places():
    found = problems(a='[[person]]\nid = "per-a"\nname = "A"\n', b='\n\n[[person]]\nid = "per-a"\nname = "B"\n')
    assert found == ["registers/b.toml:4:1: error: duplicate id 'per-a' (hint: registers/a.toml:1 already "
                     "defines it; ids are unique across all register files)"]


def test_a_form_names_one_kind_only():
    found = problems(a='[[place]]\nid = "pl-washington"\nname = "ワシントン"\n',
                     b='[[org]]\nid = "org-usg"\nname = "米国政府"\nforms = ["ワシントン"]\n')
    assert any("form 'ワシントン' of org-usg also names a place (registers/a.toml:1)" in p for p in found)


def test_a_form_may_name_two_people_of_one_kind():
    regs = registers(a='[[person]]\nid = "per-a"\nname = "アンダーソン"\n[[person]]\nid = "per-b"\nname = "アンダーソン"\n')
    assert regs.matcher("x").forms["アンダーソン"] == ("per-a", "per-b")


def test_scoped_entries_are_found_only_in_their_sources():
    regs = registers(a='[[person]]\nid = "per-murata"\nname = "村田"\nsources = ["src-1"]\n'
                       '[[place]]\nid = "pl-mura"\nname = "村"\n')
    assert [h.ids for h in regs.matcher("src-1").scan("村田参事官")] == [("per-murata",)]
    assert regs.matcher("src-2").scan("村田参事官") == []             # the scoped form still holds its place


def test_parent_loops_are_refused():
    found = problems(orgs='[[org]]\nid = "org-a"\nname = "A"\nparent = "org-b"\n'
                          '[[org]]\nid = "org-b"\nname = "B"\nparent = "org-a"\n')
    assert any("parent chain loops" in p for p in found)


def test_every_problem_is_reported_at_once():
    found = problems(people='[[person]]\nid = "per-a"\nname = "A"\nx = 1\n[[person]]\nid = "bad"\nname = "B"\n')
    assert len(found) == 2


@pytest.mark.parametrize("office, date, fits", [
    (Office("局長", when="1986-10-16"), "1986-10-16", True),
    (Office("局長", when="1986-10-16"), "1986-10", True),          # the month contains the day
    (Office("局長", when="1986-10"), "1986-10-16", True),
    (Office("局長", when="1986-10-03"), "1986-10-16", False),      # another day: not vouched for
    (Office("局長", when="1990"), "1986-10-16", False),
    (Office("局長", start="1985-07-01", end="1987-06-30"), "1986-10-16", True),
    (Office("局長", start="1987-01-01"), "1986-10-16", False),
    (Office("局長", end="1986-01-01"), "1986", True),                # overlaps the year
    (Office("局長"), "1986-10-16", True),                              # undated office: the editor's choice
    (Office("局長", when="1986-10-16"), "", False),                   # undated document: only undated offices
])
def test_office_dates(office, date, fits):
    assert office.fits(date) is fits


def test_holders_by_label_and_date():
    regs = registers(people=PERSON, orgs=ORG)
    assert [e.id for e in regs.holders("国連局長", "1986-10")] == ["per-nakahira"]
    assert regs.holders("国連局長", "1987-01-01") == []
    assert regs.holders("ＡＢＣ", "1986") == []


def test_load_caches_by_content(tmp_path):
    folder = tmp_path / "registers"
    folder.mkdir()
    (folder / "people.toml").write_text(PERSON, encoding="utf-8")
    (folder / "orgs.toml").write_text(ORG, encoding="utf-8")
    first = load(folder)
    assert load(folder) is first
    assert first.matcher("a").pattern is first.matcher("b").pattern   # compiled once per register version
    (folder / "orgs.toml").write_text(ORG + '\n[[org]]\nid = "org-un"\nname = "国連"\n', encoding="utf-8")
    second = load(folder)
    assert second is not first and second.get("org-un") is not None


def test_no_folder_means_empty_registers(tmp_path):
    assert not load(tmp_path / "nowhere")


def test_the_project_registers_load():
    from pathlib import Path
    regs = load(Path(__file__).resolve().parent.parent / "registers")
    assert len(regs.of_kind("person")) > 50 and regs.get("t-inf").expan


def test_the_generated_reference_lists_every_key():
    from honkoku.registers.schema import TABLES, OFFICE, reference
    text = reference()
    for table in (*TABLES.values(), OFFICE):
        assert f"## `[[{table.name}]]`" in text
        assert all(f"| `{key.name}` |" in text for key in table.keys)
