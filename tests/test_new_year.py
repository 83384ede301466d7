"""`reportgen new`: next year's folder rolled forward from this year's (placeholders that
check reports until filled, comments kept, no sign-offs carried), and a starter year for a
council starting from nothing, which checks clean and builds as it is."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from reportgen import build, check, new_year, status
from reportgen.cli import cli
from reportgen.commands.years import Years
from reportgen.exceptions import OutputError
from reportgen.model import Report
from reportgen.validate.placeholders import PLACEHOLDER
from reportgen.write import new_folder as new_folder_module
from reportgen.write.yaml_text import YamlText

PLACEHOLDER_MESSAGE = "a placeholder is still to be filled"


def _run(*args: object):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def _text_of(html: Path) -> str:
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(html.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def _filled(value: str) -> str:
    """What an officer would type for a placeholder: the date a year on (same weekday),
    the suggestion it makes, or some text."""
    body = value.removeprefix(PLACEHOLDER).strip()
    proposal, _, was = body.rpartition(" (was ")
    was = was.removesuffix(")")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", was):
        return (dt.date.fromisoformat(was) + dt.timedelta(weeks=52)).isoformat()
    if ", e.g. " in proposal:
        return proposal.split(", e.g. ", 1)[1]
    return "Knife crime" if "theme" in body else "Text the officer typed"


def _fill_placeholders(year: Path) -> int:
    """Replace every TODO: placeholder in the year's YAML with a real value, as an officer
    would; returns how many were filled."""
    count = 0

    def real(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        value = _filled(yaml.safe_load(match[0]))
        return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else json.dumps(value)

    for path in year.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        filled = re.sub(r"\"TODO:[^\"\\]*\"|'TODO:(?:[^']|'')*'", real, text)
        path.write_text(filled, encoding="utf-8")
    return count


@pytest.fixture
def rolled(sample_copy: Path) -> tuple[Path, Path]:
    """2018-19 (a copy, with sign-offs and leftovers to leave behind) rolled forward to
    2019-20 with the command line: (old year, new year)."""
    old = sample_copy / "2018-19"
    (old / "signoffs.yaml").write_text("signoffs: []\n", encoding="utf-8")
    (old / "published" / "v1").mkdir(parents=True)
    (old / "published" / "v1" / "manifest.json").write_text("{}", encoding="utf-8")
    (old / ".cache").mkdir()
    (old / "report.yaml~").write_text("an editor's backup", encoding="utf-8")
    result = _run("new", sample_copy / "2019-20", "--from", old)
    assert result.exit_code == 0, result.output
    assert "To fill:" in result.output
    assert "report.yaml: meeting_date — give the Committee's meeting date" in result.output
    assert "signoffs.yaml — sign-offs are never carried to a new year" in result.output
    return old, sample_copy / "2019-20"


def test_a_rolled_forward_year_lists_only_its_placeholders_and_builds_once_they_are_filled(
    rolled: tuple[Path, Path], tmp_path: Path
) -> None:
    _, year = rolled
    problems = check(year)
    errors = [problem for problem in problems if problem.is_error]
    assert errors
    assert all(error.message.startswith(PLACEHOLDER_MESSAGE) for error in errors), [
        error.describe() for error in errors if not error.message.startswith(PLACEHOLDER_MESSAGE)
    ]
    assert all(error.file.is_file() and error.line and error.field for error in errors)
    placed = {(error.file.relative_to(year).as_posix(), error.field) for error in errors}
    assert {
        ("report.yaml", "meeting_date"),
        ("report.yaml", "publication_date"),
        ("report.yaml", "appendices[1].title"),
        ("timetable.yaml", "meetings[1].date"),
        ("timetable.yaml", "meetings[2].date"),
        ("plan/plan.yaml", "title"),
        ("plan/plan.yaml", "edition"),
    } <= placed
    meeting = next(error for error in errors if error.field == "meeting_date")
    assert "(was 2018-02-13)" in meeting.message
    assert "YYYY-MM-DD" in meeting.message and "expected a real date" not in meeting.message

    assert _fill_placeholders(year) == len(errors)
    assert not [problem for problem in check(year) if problem.is_error]
    states = status(year)
    assert states and all(state.state == "missing" for state in states)

    (html,) = build(year, documents=["committee-report"], formats=["html"], out=tmp_path / "out")
    text = _text_of(html)
    assert "2019-20 Safer Maidstone Partnership Strategic Assessment" in text
    assert "February 12th 2019" in text  # the meeting, a year on


def test_last_years_recommended_priorities_become_last_year_and_nothing_else_is_carried(
    rolled: tuple[Path, Path],
) -> None:
    old, year = rolled
    recommended = yaml.safe_load((old / "priorities.yaml").read_text())["recommended"]
    names = [entry if isinstance(entry, str) else entry["priority"] for entry in recommended]
    priorities = yaml.safe_load((year / "priorities.yaml").read_text())
    assert priorities["last_year"] == names
    assert priorities["recommended"] == recommended
    assert priorities["removed"] == []  # 2018-19's documents do not list them
    assert not (year / "signoffs.yaml").exists()
    assert not (year / "published").exists() and not (year / ".cache").exists()
    assert not (year / "report.yaml~").exists()
    assert (year / "pictures").is_dir() or not (old / "pictures").is_dir()
    old_officers = (old / "officers.yaml").read_text()
    assert (year / "officers.yaml").read_text() == old_officers  # the officers' keys kept
    assert "public_key: ed25519:" in old_officers


def test_the_files_edited_keep_every_comment_and_line_they_did_not_change(
    rolled: tuple[Path, Path],
) -> None:
    old, year = rolled
    for name in ("priorities.yaml", "report.yaml", "timetable.yaml"):
        before = (old / name).read_text().splitlines()
        after = (year / name).read_text().splitlines()
        comments = [line for line in before if line.lstrip().startswith("#")]
        assert all(line in after for line in comments), name
    before = (old / "report.yaml").read_text().splitlines()
    after = (year / "report.yaml").read_text().splitlines()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert [b.split(":")[0].strip(" -") for b, _ in changed] == [
        "title",
        "meeting_date",
        "publication_date",
        "title",
    ]
    text = (year / "priorities.yaml").read_text()
    assert "# TODO: confirm the recommended priorities for 2019-20 (kept from 2018-19)." in text
    assert text.endswith((old / "priorities.yaml").read_text().split("\nthemes:")[1])


def test_a_year_with_tables_and_indicators_has_its_periods_marked(sample_copy: Path) -> None:
    report = new_year(sample_copy / "2017-18", sample_copy / "2016-17")
    errors = [problem for problem in check(sample_copy / "2017-18") if problem.is_error]
    assert all(error.message.startswith(PLACEHOLDER_MESSAGE) for error in errors)
    fields = {error.field for error in errors}
    assert "tables.rtc-by-district.columns[5].heading" in fields
    assert "content[4].indicators.target.by" in fields
    assert "emerging_themes[1]" in fields  # the report lists them: a placeholder to fill
    heading = next(
        c for c in report.to_fill if c.field.endswith("rtc-by-district.columns[5].heading")
    )
    assert "was 'Jul 2014-Jun 15', e.g. Jul 2015-Jun 16" in heading.what
    assert any(change.file == "data/sa-7-rtc-by-district.csv" for change in report.to_do)


def test_a_year_made_in_another_content_folder_takes_the_library_with_it(
    sample_copy: Path, tmp_path: Path
) -> None:
    report = new_year(tmp_path / "elsewhere" / "2019-20", sample_copy / "2018-19")
    library = tmp_path / "elsewhere" / "library"
    assert report.library == library
    assert (library / "report-text.yaml").read_bytes() == (
        sample_copy / "library" / "report-text.yaml"
    ).read_bytes()
    errors = [p for p in check(tmp_path / "elsewhere" / "2019-20") if p.is_error]
    assert errors and all(error.message.startswith(PLACEHOLDER_MESSAGE) for error in errors)


def test_a_starter_year_checks_clean_and_builds_every_document_with_no_edits(
    tmp_path: Path,
) -> None:
    result = _run("new", tmp_path / "x" / "2020-21")
    assert result.exit_code == 0, result.output
    year = tmp_path / "x" / "2020-21"
    assert (tmp_path / "x" / "library" / "glossary.yaml").is_file()
    assert check(year) == []
    paths = build(year, out=tmp_path / "out")
    assert len(paths) == 9
    report = _text_of(tmp_path / "out" / "committee-report.html")
    assert "2020-21 Example Community Safety Partnership Strategic Assessment" in report
    assert "9 February 2021" in report
    assessment = _text_of(tmp_path / "out" / "strategic-assessment.html")
    assert "Recorded crime in Example Borough fell by 3.5% to 8,200 offences" in assessment
    from docx import Document
    from pypdf import PdfReader

    docx = "\n".join(
        p.text for p in Document(tmp_path / "out" / "committee-report.docx").paragraphs
    )
    assert "Example Community Safety Partnership" in docx
    pdf = "".join(
        page.extract_text()
        for page in PdfReader(tmp_path / "out" / "strategic-assessment.pdf").pages
    )
    assert "Strategic Assessment 2020-21" in pdf


def test_the_starters_comments_are_the_content_models_descriptions(tmp_path: Path) -> None:
    new_year(tmp_path / "2021-22")
    text = (tmp_path / "2021-22" / "report.yaml").read_text()
    description = Report.model_fields["meeting_date"].description or ""
    assert f"# {description[:1].upper()}{description[1:]}.\nmeeting_date: 2022-02-08\n" in text
    assert "#   corporate_priorities: the corporate priorities the report relates to" in text
    assert text.count("# The officer's name") == 2  # once per field, not per use
    chapter = (tmp_path / "2021-22" / "assessment" / "recorded-crime.yaml").read_text()
    assert "# The CSV column that names each row, e.g. area.\n    key: area" in chapter


def test_a_starter_year_beside_a_councils_library_leaves_the_library_alone(
    sample_copy: Path,
) -> None:
    library = sample_copy / "library"
    before = {path: path.read_bytes() for path in library.rglob("*") if path.is_file()}
    report = new_year(sample_copy / "2020-21")
    assert report.library is None
    assert {path: path.read_bytes() for path in library.rglob("*") if path.is_file()} == before
    assert (sample_copy / "2020-21" / "library.yaml").is_file()
    assert not [problem for problem in check(sample_copy / "2020-21") if problem.is_error]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (("content/2018-19", "--from", "content/2016-17"), "already exists and is not empty"),
        (("content/2019-20", "--from", "content/library"), "is not a year of content"),
        (("content/2019-20", "--from", "content/nowhere"), "is not a folder"),
        (("content/2018-19/2019-20", "--from", "content/2018-19"), "is inside content/2018-19"),
        (("content/next-year", "--from", "content/2018-19"), "name the new year's folder"),
        (("content/2020",), "name the new year's folder"),
    ],
)
def test_new_refuses_plainly_and_writes_nothing(
    sample_copy: Path, arguments: tuple[str, ...], expected: str
) -> None:
    before = sorted(path for path in sample_copy.rglob("*"))
    result = _run("new", *arguments)
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "Traceback" not in result.output
    assert sorted(path for path in sample_copy.rglob("*")) == before


def test_a_year_that_fails_half_way_leaves_nothing_behind(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = new_folder_module.NewFolder.write

    def fail_on_the_plan(self: new_folder_module.NewFolder, name: str, data: bytes | str) -> None:
        if name.startswith("plan/"):
            raise OutputError("the disk is full")
        written(self, name, data)

    monkeypatch.setattr(new_folder_module.NewFolder, "write", fail_on_the_plan)
    with pytest.raises(OutputError):
        new_year(sample_copy / "2019-20", sample_copy / "2018-19")
    assert sorted(path.name for path in sample_copy.iterdir()) == ["2016-17", "2018-19", "library"]


def test_a_placeholder_anywhere_is_one_error_on_its_file_line_and_field(minimal: Path) -> None:
    timetable = minimal / "timetable.yaml"
    timetable.write_text(
        timetable.read_text().replace("2020-01-02", "'TODO: the SMP meeting (was 2019-01-03)'")
    )
    sections = minimal / "sections.yaml"
    sections.write_text(sections.read_text().replace("Second.", "'TODO: a paragraph'"))
    problems = [problem for problem in check(minimal) if problem.is_error]
    assert [(p.file.name, p.line, p.field) for p in problems] == [
        ("sections.yaml", 7, "sections[1].content[4].paragraph"),
        ("timetable.yaml", 2, "meetings[1].date"),
    ]
    date = problems[1].message
    assert date.startswith("a placeholder is still to be filled: 'TODO: the SMP meeting")
    assert date.endswith("replace it with the date of the meeting (YYYY-MM-DD).")


def test_yaml_edits_keep_the_rest_of_the_file_as_written() -> None:
    text = (
        "# head\ntitle: >-\n  A long\n  title\n\n# about the list\nitems: []  # none\n"
        "names:\n  - a   # first\n  - b\n# after\nend: x\n"
    )
    doc = YamlText(text)
    doc.set_scalar(("title",), "TODO: it's new")
    doc.set_list(("items",), ["one: two"])
    doc.set_list(("names",), [])
    doc.comment_above(("end",), ["a note"])
    assert doc.text == (
        '# head\ntitle: "TODO: it\'s new"\n\n# about the list\nitems:\n  - "one: two"  # none\n'
        "names: []\n# after\n# a note\nend: x\n"
    )
    assert yaml.safe_load(doc.text)["items"] == ["one: two"]
    flow = YamlText("meetings:\n  - {meeting: SMP, date: 2020-01-02}\nnames: {all: [a]}\n")
    flow.set_scalar(("meetings", 0, "date"), "TODO: a date, please")
    flow.set_list(("names", "all"), ["b, c", {"priority": "d"}])
    assert flow.text == (
        'meetings:\n  - {meeting: SMP, date: "TODO: a date, please"}\n'
        'names: {all: ["b, c", {priority: d}]}\n'
    )


def test_years_move_titles_and_propose_periods_a_year_on() -> None:
    years = Years.of("2018-19", "2019-20")
    assert years.moved("2018-19 Strategic Assessment") == "2019-20 Strategic Assessment"
    assert years.moved("Plan 2013-2018, refreshed 2018-19") is None
    assert years.shifted("Jul 2014-Jun 15") == "Jul 2015-Jun 16"
    assert years.shifted("No of visitors 2013/14") == "No of visitors 2014/15"
    assert years.mentions_old_year("the Community Safety Plan for 2018/19")


@pytest.mark.parametrize(
    "value",
    ["Strategic Assessment\n2019-20\n", "the Committee's date", "a: b", "tab\there", "plain"],
)
def test_a_value_written_into_yaml_reads_back_as_it_was(value: str) -> None:
    """A title rolled forward keeps its line breaks (YAML reads a raw break inside quotes
    as a space)."""
    import yaml

    from reportgen.write.yaml_text import scalar

    assert yaml.safe_load(f"title: {scalar(value)}")["title"] == value


def test_a_warning_at_a_placeholder_does_not_hide_it(minimal: Path) -> None:
    """A stale count of priorities warns at the same place as the placeholder: the
    placeholder is still an error, and the year does not build."""
    sections = minimal / "sections.yaml"
    sections.write_text(
        sections.read_text().replace("Second.", "'TODO: say the nine priorities again'")
    )
    problems = check(minimal)
    placeholder = [p for p in problems if p.is_error and "placeholder" in p.message]
    assert [(p.file.name, p.line) for p in placeholder] == [("sections.yaml", 7)]
    assert any(not p.is_error and p.line == 7 for p in problems)  # the count's warning
