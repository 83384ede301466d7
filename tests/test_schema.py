"""The JSON Schemas of the content files (``reportgen schema``, kept in docs/schemas/):
current with the model, and accepting every sample file as an editor and as reportgen read
it — checked with an independent validator (jsonschema) — while refusing what ``check``
refuses for its shape; and the ``# yaml-language-server: $schema=…`` line that points an
editor at them."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from pydantic import TypeAdapter
from ruamel.yaml import YAML

from reportgen.cli import cli
from reportgen.commands.file_kinds import FILE_KINDS, kind_of_path
from reportgen.commands.new import new_year
from reportgen.commands.schema import schema_texts
from reportgen.commands.schema_links import LINE_START, content_files, link, linked_schema
from reportgen.load.yaml import read_yaml
from reportgen.model import Report
from reportgen.model.plan_blocks import Figure
from reportgen.validate.fields import validate_file
from tests.conftest import ROOT, SAMPLE_CONTENT, edit

SCHEMAS = ROOT / "docs" / "schemas"
SAMPLE_FILES = [path for path, _ in content_files(SAMPLE_CONTENT)]


def _kept(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / FILE_KINDS[kind].schema_file).read_text(encoding="utf-8"))


def _validator(kind: str) -> Draft202012Validator:
    schema = _kept(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _as_an_editor_reads(path: Path) -> Any:
    """The file as VS Code's YAML extension reads it (YAML 1.2: ``no`` is text, ``2018``
    a number), in JSON's terms (a date is its text)."""
    return _json(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _json(each) for key, each in value.items()}
    if isinstance(value, list):
        return [_json(each) for each in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _as_reportgen_reads(path: Path) -> Any:
    """The file as reportgen's loader reads it: every value the text typed."""
    file, problems = read_yaml(path)
    assert problems == []
    return file.data


def _errors(kind: str, data: Any) -> list[str]:
    return [error.message for error in _validator(kind).iter_errors(data)]


# --- the kept schemas -----------------------------------------------------------------------


def test_the_kept_schemas_match_the_model() -> None:
    fresh = schema_texts()
    kept = {path.name: path.read_text(encoding="utf-8") for path in SCHEMAS.glob("*.json")}
    assert kept == fresh, "docs/schemas/ is out of date: run make schema"


def test_there_is_a_schema_for_every_kind_of_file() -> None:
    assert sorted(path.name for path in SCHEMAS.glob("*.json")) == sorted(
        f"{name}.schema.json"
        for name in (
            "report",
            "officers",
            "timetable",
            "priorities",
            "implications",
            "sections",
            "assessment",
            "plan",
            "chapter",
            "library",
            "glossary",
            "contacts",
            "house-style",
        )
    )


def test_the_schema_says_what_each_field_is_for() -> None:
    report = _kept("report")
    assert report["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert report["title"] == "reportgen: report.yaml (in the year folder)"
    meeting = report["properties"]["meeting_date"]
    assert meeting["title"] == "Meeting date"
    assert meeting["description"] == Report.model_fields["meeting_date"].description
    assert meeting["examples"] == ["2019-02-12"]  # the starter year's
    assert "meeting_date" in report["required"] and report["additionalProperties"] is False
    figure = _kept("chapter")["$defs"]["Figure"]["properties"]
    assert "from" in figure and "from_data" not in figure  # as typed in a file
    assert figure["from"]["description"] == Figure.model_fields["from_data"].description
    assert _kept("chapter")["$defs"]["GridBody"]["title"] == "Grid fields"


# --- every sample file fits -----------------------------------------------------------------


@pytest.mark.parametrize(
    "path", SAMPLE_FILES, ids=[path.relative_to(SAMPLE_CONTENT).as_posix() for path in SAMPLE_FILES]
)
def test_every_sample_file_fits_its_schema(path: Path) -> None:
    kind = kind_of_path(path)
    assert kind is not None
    assert _errors(kind, _as_an_editor_reads(path)) == []
    assert _errors(kind, _as_reportgen_reads(path)) == []


def test_the_samples_hold_every_kind_of_file() -> None:
    kinds = {kind_of_path(path) for path in SAMPLE_FILES}
    assert kinds == set(FILE_KINDS)


def test_a_starter_year_fits_the_schemas(tmp_path: Path) -> None:
    new_year(tmp_path / "content" / "2020-21")
    files = content_files(tmp_path / "content")
    assert len(files) > 10
    for path, kind in files:
        assert _errors(kind, _as_an_editor_reads(path)) == [], path
        assert _errors(kind, _as_reportgen_reads(path)) == [], path


SHORTHANDS = [
    ("sections", "sections:\n  - title: Risk\n    content: One paragraph, as plain text.\n"),
    (
        "priorities",
        "recommended:\n  - Domestic Abuse\n  - {priority: Road Safety, title: Safer roads}\n",
    ),
    (
        "chapter",
        "title: End\ncontent:\n  - glossary: used\n  - glossary: {used: no, also: [CSP]}\n",
    ),
    (
        "chapter",
        "title: Plan\ncontent:\n  - indicators:\n      priority: Domestic Abuse\n"
        "      target: {by: 2018}\n      rows:\n        - {indicator: Repeat victims, "
        "target: Fewer than last year}\n",
    ),
    ("house-style", "numbered_paragraphs: No\nlogo: {file: logo.png, alt: MBC, width: 30}\n"),
]
"""Shorthands and values an editor reads otherwise than reportgen: plain text for blocks,
a priority by its name, ``glossary: used``, a figure as text, a number where text is
expected (``by: 2018``), yes/no as words, a whole number."""


@pytest.mark.parametrize(("kind", "text"), SHORTHANDS)
def test_the_schema_takes_every_shorthand_the_model_takes(
    tmp_path: Path, kind: str, text: str
) -> None:
    path = tmp_path / "file.yaml"
    path.write_text(text)
    data = _as_reportgen_reads(path)
    TypeAdapter(FILE_KINDS[kind].annotation).validate_python(data)  # the model takes it …
    assert _errors(kind, data) == []  # … and so does the schema, as reportgen reads it
    assert _errors(kind, _as_an_editor_reads(path)) == []  # … and as an editor does


# --- what the schemas refuse, as check does ---------------------------------------------------


BAD = [
    ("timetable.yaml", "  - meeting: Safer", "  - venue: Town Hall\n    meeting: Safer", "venue"),
    ("timetable.yaml", "date: 2018-01-23", "date: 23 January 2018", "a date"),
    ("report.yaml", "this_meeting: no", "this_meeting: perhaps", "yes or no"),
    ("report.yaml", "wards_affected: All", "wards_affected: [All, None]", "a list for text"),
    ("report.yaml", "wards_affected: All", "wards_affected:", "nothing"),
    ("sections.yaml", "      - paragraph: ", "      - paragraf: ", "a block"),
    ("plan/organisational-chart.yaml", "      alt: >-", "      width: 5\n      alt: >-", "width"),
]


@pytest.mark.parametrize(("name", "old", "new", "what"), BAD, ids=[bad[3] for bad in BAD])
def test_a_bad_file_is_refused_by_its_schema_and_by_check(
    sample_copy: Path, name: str, old: str, new: str, what: str
) -> None:
    path = sample_copy / "2018-19" / name
    edit(path, old, new)
    kind = kind_of_path(path)
    assert kind is not None
    assert _errors(kind, _as_an_editor_reads(path)) != []
    if what != "width":  # a number's range is checked where it is a number, as an editor reads it
        assert _errors(kind, _as_reportgen_reads(path)) != []
    file, _ = read_yaml(path)
    _, problems = validate_file(file, FILE_KINDS[kind].annotation)
    assert problems, f"check accepts what the schema refuses: {what}"


# --- the line that names a file's schema ----------------------------------------------------


def _project(tmp_path: Path) -> Path:
    """A copy of the samples as content/, with the schemas in docs/schemas/ beside it."""
    shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")
    shutil.copytree(SCHEMAS, tmp_path / "docs" / "schemas")
    return tmp_path / "content"


def test_every_sample_file_starts_with_the_line_naming_its_schema(tmp_path: Path) -> None:
    content = _project(tmp_path)
    done = link(content, tmp_path / "docs" / "schemas")
    assert done.changed == [] and len(done.unchanged) == len(SAMPLE_FILES)
    line = (content / "2018-19" / "plan" / "plan.yaml").read_text().splitlines()[0]
    assert line == "# yaml-language-server: $schema=../../../docs/schemas/plan.schema.json"
    line = (content / "library" / "glossary.yaml").read_text().splitlines()[0]
    assert line == "# yaml-language-server: $schema=../../docs/schemas/glossary.schema.json"


def test_link_adds_or_puts_right_the_line_and_changes_nothing_else(tmp_path: Path) -> None:
    content = _project(tmp_path)
    schemas = tmp_path / "docs" / "schemas"
    report = content / "2018-19" / "report.yaml"
    text = report.read_text()
    body = text.split("\n", 1)[1]
    report.write_text(body)  # no line
    sections = content / "2018-19" / "sections.yaml"
    stale = sections.read_text().replace("sections.schema.json", "old.schema.json")
    sections.write_bytes(stale.replace("\n", "\r\n").encode())  # a stale line, Windows ends
    done = link(content, schemas)
    assert done.changed == [report, sections]
    assert report.read_text() == text
    assert sections.read_bytes().split(b"\r\n")[0].endswith(b"/sections.schema.json")
    assert (
        sections.read_bytes().split(b"\r\n", 1)[1]
        == stale.replace("\n", "\r\n").split("\r\n", 1)[1].encode()
    )
    assert link(content, schemas).changed == []


def test_the_line_is_a_comment_to_reportgen(tmp_path: Path) -> None:
    content = _project(tmp_path)
    report = content / "2018-19" / "report.yaml"
    with_line = _as_reportgen_reads(report)
    report.write_text(report.read_text().split("\n", 1)[1])
    assert _as_reportgen_reads(report) == with_line


def test_a_new_year_carries_the_line(tmp_path: Path) -> None:
    content = _project(tmp_path)
    rolled = new_year(content / "2019-20", content / "2018-19").folder
    for name in ("report.yaml", "plan/plan.yaml", "plan/action-plans.yaml"):
        assert (rolled / name).read_text().splitlines()[0] == (
            (content / "2018-19" / name).read_text().splitlines()[0]
        )
    elsewhere = new_year(tmp_path / "elsewhere" / "2019-20", content / "2018-19").folder
    schema = linked_schema(elsewhere / "plan" / "plan.yaml")
    assert schema == tmp_path / "docs" / "schemas" / "plan.schema.json"
    starter = new_year(content / "2020-21").folder
    for path, kind in content_files(starter):
        assert linked_schema(path) == tmp_path / "docs" / "schemas" / f"{kind}.schema.json"


def test_a_new_year_without_schemas_near_has_no_line(tmp_path: Path) -> None:
    starter = new_year(tmp_path / "council" / "2020-21").folder
    text = (starter / "report.yaml").read_text()
    assert not text.startswith(LINE_START) and LINE_START not in text


# --- the command --------------------------------------------------------------------------


def test_reportgen_schema_writes_every_schema_and_links_and_the_reference(
    tmp_path: Path,
) -> None:
    content = _project(tmp_path)
    result = CliRunner().invoke(
        cli,
        ["schema", "--out", "out", "--link", str(content), "--reference", "ref.md"],
    )
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == sorted(kind.schema_file for kind in FILE_KINDS.values())
    assert (tmp_path / "out" / "report.schema.json").read_text() == (
        SCHEMAS / "report.schema.json"
    ).read_text()
    assert f"{content}: {len(SAMPLE_FILES)} file(s) given the schema line" in result.output
    assert linked_schema(content / "2018-19" / "report.yaml") == (
        tmp_path / "out" / "report.schema.json"
    )
    assert (tmp_path / "ref.md").read_text() == (ROOT / "docs" / "reference.md").read_text()
