"""Reading YAML: every scalar stays text, positions are kept, unsafe features refused."""

from __future__ import annotations

from pathlib import Path

from reportgen.load.yaml import read_yaml
from reportgen.types import field_name


def _read(tmp_path: Path, text: str):
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path)


def test_scalars_stay_the_text_typed(tmp_path: Path) -> None:
    file, problems = _read(tmp_path, "a: NO\nb: 1.10\nc: 2016-03-15\nd: 007\ne:\n")
    assert problems == []
    assert file.data == {"a": "NO", "b": "1.10", "c": "2016-03-15", "d": "007", "e": None}


def test_quoted_empty_text_is_not_nothing(tmp_path: Path) -> None:
    file, _ = _read(tmp_path, "a: ''\nb: 'null'\n")
    assert file.data == {"a": "", "b": "null"}


def test_positions_of_keys_and_list_items(tmp_path: Path) -> None:
    file, _ = _read(tmp_path, "rows:\n  - issue: Legal\n    sign_off: X\n")
    assert file.locate(("rows", 0, "sign_off")) == (3, 5)
    assert file.locate(("rows", 0, "nonexistent")) == (2, 5)


def test_duplicate_key_is_an_error_naming_both_lines(tmp_path: Path) -> None:
    _, problems = _read(tmp_path, "title: A\ncommittee: B\ntitle: C\n")
    assert len(problems) == 1
    assert (problems[0].line, problems[0].field) == (3, "title")
    assert "appears twice (first on line 1)" in problems[0].message


def test_duplicate_keys_nested_are_all_reported(tmp_path: Path) -> None:
    _, problems = _read(tmp_path, "a:\n  x: 1\n  x: 2\nb:\n  - y: 1\n    y: 2\n")
    assert [(p.line, p.field) for p in problems] == [(3, "a.x"), (6, "b[1].y")]


def test_aliases_and_tags_are_refused(tmp_path: Path) -> None:
    file, problems = _read(tmp_path, "a: &x [1]\nb: *x\nc: !!python/object:os.system x\n")
    assert file.data is None
    assert [p.line for p in problems] == [1, 2, 3]
    assert "text starting with & must be put in quotes" in problems[0].message
    assert "text starting with * must be put in quotes" in problems[1].message
    assert "text starting with ! must be put in quotes" in problems[2].message


def test_syntax_error_has_a_line_and_a_hint(tmp_path: Path) -> None:
    _, problems = _read(tmp_path, "title: A\ncommittee: B: C\n")
    assert problems[0].line == 2
    assert "could not be read" in problems[0].message
    assert "indentation" in problems[0].message


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "file.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    _, problems = read_yaml(path)
    assert "not UTF-8" in problems[0].message


def test_field_names_count_items_from_one() -> None:
    assert field_name(("rows", 3, "sign_off")) == "rows[4].sign_off"
    assert field_name(()) == ""


def test_line_breaks_fold_and_control_characters_are_refused(tmp_path: Path) -> None:
    file, problems = _read(tmp_path, 'a: |\n  one\n  two\nb: "page\\fbreak"\n')
    assert file.data["a"] == "one two"
    assert [(p.line, p.field) for p in problems] == [(4, "b")]
    assert "invisible control character (U+000C)" in problems[0].message


def test_pasted_vertical_tab_is_placed_on_its_line(tmp_path: Path) -> None:
    _, problems = _read(tmp_path, "a: x\nb: y\x0bz\n")
    assert (problems[0].line, problems[0].column) == (2, 5)
    assert "U+000B" in problems[0].message


def test_tabs_and_second_documents_get_specific_hints(tmp_path: Path) -> None:
    _, tab = _read(tmp_path, "a:\n\tb: 1\n")
    assert "indent with spaces, not tabs" in tab[0].message
    _, documents = _read(tmp_path, "a: 1\n---\nb: 2\n")
    assert "more than one YAML document" in documents[0].message


def test_unreadable_inputs_become_problems(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    _, problems = read_yaml(tmp_path / "folder.yaml")
    assert "cannot be read" in problems[0].message
    _, deep = _read(tmp_path, "a: " + "[" * 3000 + "\n")
    assert deep[0].message == "the file is nested too deeply to read."
