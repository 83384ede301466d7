"""Reviewers' YAML mistakes, as `reportgen check` reports them: never silently lost text,
the line where the mistake is (shown, with a marker and the line mended), plain English,
a specific fix that deletes nothing, and characters no document can show refused."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reportgen.cli import cli
from reportgen.load.yaml import read_yaml
from tests.conftest import SAMPLE_CONTENT, edit

PARSER_WORDS = re.compile(
    r"mapping|scalar|token|block end|<block|simple key|collection|\bstream\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Mistake:
    """One broken input: what is typed instead of what, where the mistake is reported,
    a key phrase of the advice, and the mended line shown under it ("" if none)."""

    file: str
    typed: tuple[str, str]
    line: int
    advice: str
    fix: str = ""


CATALOGUE = {
    "comment cuts a one-line text": Mistake(
        "sections.yaml",
        ("- paragraph: First para.", "- paragraph: Funding is £40,814 (PCC grant #2018-19) ok."),
        4,
        "will print as 'Funding is £40,814 (PCC grant'",
        '      - paragraph: "Funding is £40,814 (PCC grant #2018-19) ok."',
    ),
    "comment cuts a text that runs on": Mistake(
        "sections.yaml",
        ("- paragraph: First para.", "- paragraph: Grant #2018-19 is\n          ring-fenced."),
        4,
        "starts a comment, so the text stops before it",
    ),
    "comment line cuts a wrapped text": Mistake(
        "sections.yaml",
        (
            "- paragraph: First para.",
            "- text: Funding is £40,814 (PCC grant\n          #2018-19) and is ring-fenced.",
        ),
        5,
        "the line starting with '#' is read as a YAML comment, not as more of the text of "
        "'text' above it, so the text stops before it and will print as 'Funding is £40,814 "
        "(PCC grant'. To keep this line in the text, put the whole text in quotes (from before "
        "'Funding' on line 4 to after 'ring-fenced.' on line 5), or start this line with "
        "something other than '#'",
    ),
    "comment after one word of a text": Mistake(
        "sections.yaml",
        ("- paragraph: Second.", "- text: Already # covered in the risk Section."),
        7,
        "will print as 'Already'. To keep the '#' and the words after it, put the whole text "
        "in quotes",
        '      - text: "Already # covered in the risk Section."',
    ),
    "missing '- ', fields lined up": Mistake(
        "implications.yaml",
        ("  - issue: Financial", "    issue: Financial"),
        5,
        "needs '- ' before 'issue'",
        "  - issue: Financial",
    ),
    "missing '- ' in the dash's column": Mistake(
        "implications.yaml",
        ("  - issue: Financial", "  issue: Financial"),
        5,
        "it has no '- ': put '- ' before it",
        "  - issue: Financial",
    ),
    "unquoted ': ' in text": Mistake(
        "sections.yaml",
        ("- paragraph: Second.", "- paragraph: Note: second."),
        7,
        "holds ': ' (a colon and a space)",
        '      - paragraph: "Note: second."',
    ),
    "apostrophe inside '…'": Mistake(
        "sections.yaml",
        ("- paragraph: Second.", "- paragraph: 'The council's plan.'"),
        7,
        "an apostrophe is typed twice (council''s), or put the whole text in double quotes",
        '      - paragraph: "The council\'s plan."',
    ),
    'quote inside "…"': Mistake(
        "sections.yaml",
        ("- paragraph: Second.", '- paragraph: "He said "yes" to it."'),
        7,
        "put the whole text in single quotes",
        "      - paragraph: 'He said \"yes\" to it.'",
    ),
    "text starting with a quoted word": Mistake(
        "sections.yaml",
        ("- paragraph: Second.", '- paragraph: "Safer" Maidstone'),
        7,
        "the text starts with a quote",
        "      - paragraph: '\"Safer\" Maidstone'",
    ),
    "backslash inside double quotes": Mistake(
        "sections.yaml",
        ("- paragraph: Second.", '- paragraph: "C:\\Users\\x"'),
        7,
        "a backslash (\\) starts a special character",
        "      - paragraph: 'C:\\Users\\x'",
    ),
    "tab": Mistake(
        "sections.yaml",
        ("      - paragraph: Second.", "\t- paragraph: Second."),
        7,
        "indent with spaces, not tabs",
    ),
    "block text continued too little indented": Mistake(
        "sections.yaml",
        ("- paragraph: First para.", "- paragraph: >-\n          First\n        continues."),
        6,
        "indent it by 10 spaces like the lines above it",
        "          continues.",
    ),
    "text continued in the field's column": Mistake(
        "sections.yaml",
        ("- paragraph: First para.", "- paragraph: First\n        continues.\n"),
        5,
        "If it continues the text of 'paragraph' (line 4), indent it further",
        "          continues.",
    ),
    "field indented under the text above": Mistake(
        "implications.yaml",
        ("    sign_off: S151", "     sign_off: S151"),
        7,
        "start it in the same column as 'implications'",
        "    sign_off: S151",
    ),
    "field indented too little": Mistake(
        "implications.yaml",
        ("    sign_off: S151", "   sign_off: S151"),
        7,
        "indented by 3 spaces, but the fields of the item above it by 4",
        "    sign_off: S151",
    ),
    "top-level field indented": Mistake(
        "report.yaml",
        ("committee: Communities Committee", "  committee: Communities Committee"),
        2,
        "start it in the same column as 'title'",
        "committee: Communities Committee",
    ),
    "unclosed quote": Mistake(
        "sections.yaml",
        ("- paragraph: First para.", '- paragraph: "First para.'),
        4,
        "never closed",
        '      - paragraph: "First para."',
    ),
    "quote closed only lines later": Mistake(
        "sections.yaml",
        ("- paragraph: First para.", '- paragraph: "First para.\n      - paragraph: "Later"'),
        4,
        "is not closed on this line",
        '      - paragraph: "First para."',
    ),
    "no space after the colon": Mistake(
        "implications.yaml",
        ("sign_off: Head of Legal", "sign_off:Section 151 Officer"),
        4,
        "there is no space after 'sign_off:'",
        "    sign_off: Section 151 Officer",
    ),
    "no colon after the name": Mistake(
        "report.yaml",
        ("title: Test report Smith & Sons <Ltd>", "title Test report"),
        1,
        "no ': ' after the field's name",
        "title: Test report",
    ),
    "no space after the dash": Mistake(
        "sections.yaml",
        ("      - paragraph: Second.", "      -paragraph: Second."),
        7,
        "put a space after the '-'",
        "      - paragraph: Second.",
    ),
    "text starting with [": Mistake(
        "sections.yaml",
        ("- paragraph: Second.", "- paragraph: [Draft] Second."),
        7,
        "text starting with '[' is read as a list",
        '      - paragraph: "[Draft] Second."',
    ),
    "text starting with @": Mistake(
        "sections.yaml",
        ("- paragraph: Second.", "- paragraph: @home"),
        7,
        "text cannot start with @",
        '      - paragraph: "@home"',
    ),
    "text starting with >": Mistake(
        "sections.yaml",
        ("- paragraph: Second.", "- paragraph: > 5 people"),
        7,
        "text starting with '>' must be put in quotes",
        '      - paragraph: "> 5 people"',
    ),
    "second document": Mistake(
        "sections.yaml",
        ("- paragraph: Second.", "- paragraph: Second.\n---\nmore: text"),
        8,
        "more than one YAML document",
    ),
}


def _check(year: Path) -> Result:
    return CliRunner().invoke(cli, ["check", str(year)])


def _reported(output: str, file: str) -> str:
    """The problem reported on ``file``: its first line and the indented lines below."""
    match = re.search(rf"^\S*{re.escape(file)}, line .*\n(?:    .*\n)*", output, re.MULTILINE)
    assert match, output
    return match.group()


@pytest.mark.parametrize("mistake", CATALOGUE.values(), ids=CATALOGUE.keys())
def test_a_yaml_mistake_is_placed_explained_and_mended(minimal: Path, mistake: Mistake) -> None:
    edit(minimal / mistake.file, *mistake.typed)
    result = _check(minimal)
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "unexpectedly" not in result.output
    reported = _reported(result.output, mistake.file)
    assert f"{mistake.file}, line {mistake.line}, column " in reported.splitlines()[0]
    assert mistake.advice in reported
    assert f"\n    {mistake.line:>3} | " in reported  # the line itself, with a marker below
    assert re.search(r"\n {4} {3} \| *\^\n", reported)
    assert (
        (f"\n    fix | {mistake.fix}\n" in reported) if mistake.fix else ("fix |" not in reported)
    )
    assert not PARSER_WORDS.search(reported), reported
    assert "delete" not in reported


def test_the_missing_dash_is_never_advised_as_a_field_to_delete(minimal: Path) -> None:
    edit(minimal / "implications.yaml", "  - issue: Financial", "    issue: Financial")
    output = _check(minimal).output
    assert "delete" not in output and "keep one" not in output
    assert output.count("error:") == 1  # not again for 'implications' and 'sign_off'


def test_every_files_first_syntax_error_is_reported_in_one_run(with_assessment: Path) -> None:
    edit(with_assessment / "implications.yaml", "sign_off: S151", "sign_off:S151")
    edit(with_assessment / "report.yaml", "committee: Communities", "committee: Note: Communities")
    sources = with_assessment / "assessment" / "sources.yaml"
    edit(sources, "title: Information sources", "title: 'Information sources")
    output = _check(with_assessment).output
    assert "implications.yaml, line 7, column 14: error: there is no space" in output
    assert "report.yaml, line 2, column 16: error: the text holds ': '" in output
    assert "sources.yaml, line 1, column 8: error: the quote (') that opens" in output
    assert "3 error(s)" in output


def test_every_broken_library_file_is_reported_in_one_run(minimal: Path) -> None:
    library = minimal.parent / "library"
    edit(library / "shared.yaml", "about: legal text", "about: Note: legal text")
    (library / "other.yaml").write_text('other:\n  text:\n    - text: "Open\n', encoding="utf-8")
    output = _check(library).output
    assert "shared.yaml, line 2, column 14: error: the text holds ': '" in output
    assert 'other.yaml, line 3, column 13: error: the quote (") that opens' in output
    assert "2 error(s)" in output


@pytest.mark.parametrize(
    "line",
    [
        "meeting_date: 2020-03-15  # the committee's date",
        "final_decision_at_this_meeting: no #decided in March",
        "classification: Public  # as agreed",
        "wards_affected: All # every ward",
        "# a comment of its own\nclassification: Public",
    ],
)
def test_comments_after_dates_yes_no_and_single_words_are_fine(minimal: Path, line: str) -> None:
    name = line.split(":")[0].split("\n")[-1]
    report = minimal / "report.yaml"
    text = report.read_text(encoding="utf-8")
    old = next(x for x in text.splitlines() if x.startswith(name + ":"))
    edit(report, old, line)
    result = _check(minimal)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "old, new",
    [
        ("- priorities: last_year", "- priorities: last_year  # the priorities raised"),
        ("- paragraph: Second.", "- library: legal # the shared legal text"),
        ("- paragraph: Second.", "- paragraph: Second\n          line.\n      # a note"),
        ("- paragraph: Second.", "- bullets:\n          - one item\n          # a note"),
        ("- paragraph: Second.", "- paragraph: 'Quoted\n          #2018-19 is kept.'"),
    ],
    ids=["name", "library text", "note by the item", "note by the dash", "quoted text"],
)
def test_comments_after_names_and_notes_lined_up_with_the_field_are_fine(
    minimal: Path, old: str, new: str
) -> None:
    edit(minimal / "sections.yaml", old, new)
    edit(minimal / "timetable.yaml", "date: 2020-01-02}", "date: 2020-01-02}  # moved")
    result = _check(minimal)
    assert result.exit_code == 0, result.output


def test_a_comment_in_a_list_item_of_text_cuts_it(minimal: Path) -> None:
    bullets = "- bullets:\n          - Done # see below\n          - Two\n            #3 in all"
    edit(minimal / "sections.yaml", "- paragraph: Second.", bullets)
    output = _check(minimal).output
    assert "line 8, column 18: [sections[1].content[4].bullets[1]] error:" in output
    assert "will print as 'Done'" in output
    assert "line 10, column 13: [sections[1].content[4].bullets[2]] error:" in output
    assert "will print as 'Two'" in output
    assert "line up with the '-' above it" in output


def test_a_hash_touching_the_word_before_it_is_text_not_a_comment(minimal: Path) -> None:
    edit(minimal / "report.yaml", "classification: Public", "classification: Grant #2018-19")
    output = _check(minimal).output
    assert "report.yaml, line 8, column 23: [classification] error:" in output
    assert "will print as 'Grant'" in output


def test_no_sample_file_has_a_comment_that_cuts_text() -> None:
    files = sorted(SAMPLE_CONTENT.rglob("*.yaml"))
    assert len(files) > 30
    for path in files:
        _, problems = read_yaml(path)
        assert not [p for p in problems if "comment" in p.message], path


UNSHOWABLE = {
    "lone surrogate escaped": ('"First \\ud800 para."', 27, "broken character (U+D800"),
    "low surrogate escaped": ('"First \\uDC80 para."', 27, "broken character (U+DC80"),
    "noncharacter escaped": ('"First \\ufdd0 para."', 27, "U+FDD0, a code Unicode reserves"),
    "noncharacter typed": ("First \ufdd0 para.", 26, "U+FDD0, a code Unicode reserves"),
    "plane-16 noncharacter": ('"\\U0010FFFF"', 21, "U+10FFFF, a code Unicode reserves"),
    "U+FFFE typed": ("First \ufffe para.", 26, "U+FFFE, a code Unicode reserves"),
    "control escaped": ('"First \\x01 para."', 27, "invisible control character (U+0001)"),
}


@pytest.mark.parametrize("value, column, phrase", UNSHOWABLE.values(), ids=UNSHOWABLE.keys())
def test_text_that_cannot_be_shown_is_refused_by_check_and_build(
    minimal: Path, tmp_path: Path, value: str, column: int, phrase: str
) -> None:
    edit(minimal / "sections.yaml", "- paragraph: First para.", f"- paragraph: {value}")
    checked = _check(minimal)
    assert checked.exit_code == 1
    assert f"sections.yaml, line 4, column {column}: " in checked.output
    assert phrase in checked.output
    out = tmp_path / "out"
    built = CliRunner().invoke(cli, ["build", str(minimal), "--format", "html", "--out", str(out)])
    assert built.exit_code == 1
    assert phrase in built.output
    assert "unexpectedly" not in built.output and "Traceback" not in built.output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    "written",
    [
        "\ud800".encode("utf-8", "surrogatepass"),  # a surrogate saved as if it were text
        "\udcff".encode("utf-8", "surrogateescape"),  # a byte that is not UTF-8
    ],
    ids=["surrogatepass", "surrogateescape"],
)
def test_a_surrogate_in_the_bytes_is_placed_as_not_utf8(minimal: Path, written: bytes) -> None:
    sections = minimal / "sections.yaml"
    text = sections.read_text(encoding="utf-8").replace("First para.", "First @ para.")
    before, after = text.encode("utf-8").split(b"@")
    sections.write_bytes(before + written + after)
    result = _check(minimal)
    assert result.exit_code == 1
    assert "sections.yaml, line 4, column 26: error: the file is not UTF-8 text" in result.output


def test_a_surrogate_in_a_yaml_data_file_is_refused(with_assessment: Path, tmp_path: Path) -> None:
    csv = (with_assessment / "data" / "monthly-asb.csv").read_text(encoding="utf-8")
    rows = [line.split(",") for line in csv.splitlines()[1:]]
    yaml_rows = "".join(f'  - {{month: "{month}", incidents: {count}}}\n' for month, count in rows)
    data = with_assessment / "data" / "monthly-asb.yaml"
    data.write_text("rows:\n" + yaml_rows.replace("Jun 2016", "Jun\\ud800 2016"), encoding="utf-8")
    trends = with_assessment / "assessment" / "trends.yaml"
    edit(trends, "data: data/monthly-asb.csv", "data: data/monthly-asb.yaml")
    result = _check(with_assessment)
    assert result.exit_code == 1
    assert "monthly-asb.yaml, line 4, column 17: [rows[3].month] error: the text contains a " in (
        result.output
    )
    out = tmp_path / "out"
    built = CliRunner().invoke(cli, ["build", str(with_assessment), "--out", str(out)])
    assert built.exit_code == 1
    assert "broken character (U+D800" in built.output
    assert "unexpectedly" not in built.output and "Traceback" not in built.output
    assert not out.exists() or not any(out.iterdir())


def test_a_field_name_that_cannot_be_shown_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "file.yaml"
    path.write_text('a: 1\n"b\\ud800": 2\n', encoding="utf-8")
    file, problems = read_yaml(path)
    assert [(p.line, p.column) for p in problems] == [(2, 3)]
    assert "broken character (U+D800" in problems[0].message
    assert file.data == {"a": "1"}


def test_the_samples_copy_checks_clean_of_yaml_mistakes(sample_copy: Path) -> None:
    for folder in ("2016-17", "2018-19", "library"):
        output = _check(sample_copy / folder).output
        assert "could not be read" not in output
        assert "YAML comment" not in output
        assert "cannot be printed" not in output
