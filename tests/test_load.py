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


def test_syntax_error_has_a_line_a_marker_and_the_line_mended(tmp_path: Path) -> None:
    _, problems = _read(tmp_path, "title: A\ncommittee: B: C\n")
    assert (problems[0].line, problems[0].column) == (2, 13)
    assert problems[0].message.splitlines() == [
        "the text holds ': ' (a colon and a space), which YAML reads as the start of a "
        "field: put the whole text in quotes.",
        "      2 | committee: B: C",
        "        |             ^",
        '    fix | committee: "B: C"',
    ]


def test_an_unrecognised_syntax_error_gets_the_general_hint(tmp_path: Path) -> None:
    _, problems = _read(tmp_path, "a: 1\n]\n")
    assert "could not be read" in problems[0].message
    assert "indentation" in problems[0].message
    assert "mapping" not in problems[0].message and "token" not in problems[0].message


def test_non_utf8_file_is_placed_on_the_first_bad_character(tmp_path: Path) -> None:
    path = tmp_path / "file.yaml"
    path.write_bytes("a: 1\ntitle: caf\xe9\n".encode("latin-1"))
    _, problems = read_yaml(path)
    assert "not UTF-8" in problems[0].message
    assert (problems[0].line, problems[0].column) == (2, 11)
    path.write_bytes(b"\xef\xbb\xbf" + "title: caf\xe9\n".encode("latin-1"))  # after a BOM
    _, problems = read_yaml(path)
    assert (problems[0].line, problems[0].column) == (1, 11)


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


def test_a_repeated_first_field_of_a_list_item_is_a_missing_dash(tmp_path: Path) -> None:
    text = "rows:\n  - issue: A\n    sign_off: X\n    issue: B\n    sign_off: Y\n"
    file, problems = _read(tmp_path, text)
    assert [(p.line, p.column, p.field) for p in problems] == [(4, 5, "rows[1].issue")]
    assert "needs '- ' before 'issue'" in problems[0].message
    assert problems[0].message.endswith("fix |   - issue: B")
    assert file.data == {"rows": [{"issue": "A", "sign_off": "X"}]}


def test_a_field_repeated_elsewhere_is_not_advised_away(tmp_path: Path) -> None:
    _, problems = _read(tmp_path, "rows:\n  - issue: A\n    sign_off: X\n    sign_off: Y\n")
    assert "appears twice (first on line 3)" in problems[0].message
    assert "'- '" not in problems[0].message and "delete" not in problems[0].message


def test_a_comment_cutting_a_text_of_several_lines_is_placed_on_its_last_line(
    tmp_path: Path,
) -> None:
    file, problems = _read(tmp_path, "a: The grant\n  is ring-fenced #2018 on\nb: yes\n")
    assert [(p.line, p.column, p.field) for p in problems] == [(2, 18, "a")]
    assert "will print as 'The grant is ring-fenced'" in problems[0].message
    assert "fix |" not in problems[0].message  # no one line can mend it
    assert file.data == {"a": "The grant is ring-fenced", "b": "yes"}


def test_a_noncharacter_the_reader_refuses_is_named_as_such(tmp_path: Path) -> None:
    _, problems = _read(tmp_path, "a: x\nb: y\uffffz\n")
    assert (problems[0].line, problems[0].column) == (2, 5)
    assert "U+FFFF, a code Unicode reserves as a 'noncharacter'" in problems[0].message
