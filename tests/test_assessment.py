"""The Strategic Assessment: checked figures, references, tables and charts in every format."""

from __future__ import annotations

from pathlib import Path

import docx
import pdfplumber
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from pypdf import PdfReader

from reportgen import build, check, read_year
from reportgen.cli import cli
from reportgen.compute import strategic_assessment
from tests.conftest import SAMPLE_CONTENT, edit, remove_entry
from tests.fidelity import (
    REFERENCE,
    html_text,
    missing_figures,
    missing_sentences,
    pdf_structure,
)

SAMPLE = SAMPLE_CONTENT / "2016-17"
FORMATS = ("docx", "pdf", "html")

# Figures the published document got wrong: reportgen prints the correct ones instead, so
# they are not expected in the output; test_known_errors_are_reported proves check finds each.
PUBLISHED_ERRORS = {
    "191402": "IOM East Division difference (125,522 was misprinted 123,522)",
    "404685": "IOM total cost after joining, which its rows do not add up to",
    "550916": "IOM total difference, from the same misprint",
    "46": "Sevenoaks one-stop shop change published as 46.0% for a fall from 25 to 16",
}


def _found(year: Path = SAMPLE) -> list[str]:
    """What check finds in the year but errors: warnings and acknowledged findings."""
    return [p.describe() for p in check(year) if not p.is_error]


@pytest.mark.parametrize(
    "expected",
    [
        "row 'Shepway': column 'County ranking' is published as 8 but the figures give 5th "
        "(by rate_2015: 56.6)",
        "row 'Canterbury': column 'County ranking' is published as 5 but the figures give 7th "
        "(by rate_2015: 57.1)",
        "table 'asb-by-district', row 'Canterbury': column 'Ranking' is published as 7",
        "table 'asb-by-district', row 'Shepway': column 'Ranking' is published as 8",
        "row 'Sevenoaks³': column '% increase/ decrease in visitors (compared to previous year)' "
        "is published as 46.0 but the figures give -36.0%",
        "crime-by-type | Violent Crime | this_year is 2,945; violent-crime-by-district | "
        "Maidstone | offences_2015 is 2,943",
        "row 'East Division': column 'Difference' is published as -191402",
        "row 'Total': cost_after is published as 404685 but its rows",
    ],
)
def test_known_errors_are_found_and_acknowledged_with_a_reason(expected: str) -> None:
    """The sample keeps the published figures, so check finds each error; the content
    acknowledges each (known_differences, known_difference), so it is not a warning."""
    (found,) = [p for p in check(SAMPLE) if expected in p.message]
    assert found.is_acknowledged, found.describe()
    assert " Acknowledged in " in found.message


def _without_shepway(sample_copy: Path) -> Path:
    """The sample with the acknowledgement of Shepway's published ranking removed."""
    year = sample_copy / "2016-17"
    remove_entry(year / "assessment" / "total-recorded-crime.yaml", "- row: Shepway")
    return year


def test_without_its_acknowledgement_a_known_error_is_a_warning_again(
    sample_copy: Path,
) -> None:
    found = _found(_without_shepway(sample_copy))
    shepway = next(w for w in found if "row 'Shepway': column 'County ranking'" in w)
    assert "2016-17/data/sa-2-all-crime-by-district.csv, line 9: warning:" in shepway
    assert "Acknowledged" not in shepway
    canterbury = next(w for w in found if "row 'Canterbury': column 'County ranking'" in w)
    assert "line 6: acknowledged:" in canterbury


def test_check_exits_0_with_warnings_and_1_with_strict(sample_copy: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["check", "--strict", str(SAMPLE)]).exit_code == 0
    year = _without_shepway(sample_copy)
    assert runner.invoke(cli, ["check", str(year)]).exit_code == 0
    strict = runner.invoke(cli, ["check", "--strict", str(year)])
    assert strict.exit_code == 1
    assert "--strict: warnings count as errors" in strict.output


def test_build_strict_refuses_and_writes_nothing(sample_copy: Path, tmp_path: Path) -> None:
    year = _without_shepway(sample_copy)
    result = CliRunner().invoke(
        cli, ["build", "--strict", str(year), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "1 warning(s)" in result.output
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def assessment_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sa")
    build(SAMPLE, documents=["strategic-assessment"], out=out)
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_carries_98_percent_of_the_reference(assessment_outputs: Path, fmt: str) -> None:
    reference = REFERENCE / "2016-17-strategic-assessment.txt"
    missing, total = missing_sentences(
        reference, assessment_outputs / f"strategic-assessment.{fmt}"
    )
    assert total > 700
    assert len(missing) / total <= 0.02, missing


@pytest.mark.parametrize("fmt", FORMATS)
def test_carries_every_count_of_the_reference_tables(assessment_outputs: Path, fmt: str) -> None:
    reference = REFERENCE / "2016-17-strategic-assessment.txt"
    missing = missing_figures(reference, assessment_outputs / f"strategic-assessment.{fmt}")
    assert sorted(missing) == sorted(PUBLISHED_ERRORS)


def test_pdf_contents_has_real_page_numbers(assessment_outputs: Path) -> None:
    path = assessment_outputs / "strategic-assessment.pdf"
    with pdfplumber.open(path) as pdf:
        contents = pdf.pages[1].extract_text(layout=True)
    line = next(line for line in contents.splitlines() if "Road Safety in Maidstone" in line)
    page = int(line.split()[-1])
    heading_page = PdfReader(path).pages[page - 1].extract_text()
    assert "7.1 Road Safety in Maidstone" in " ".join(heading_page.split())


def test_every_pdf_chart_is_a_tagged_figure_with_alt_text(assessment_outputs: Path) -> None:
    figures = [
        n
        for n in pdf_structure(assessment_outputs / "strategic-assessment.pdf")
        if n.get("/S") == "/Figure"
    ]
    assert figures, "no tagged figures"
    for figure in figures:
        assert str(figure.get("/Alt", "")).startswith("Bar chart: Road traffic collisions")


def test_every_docx_chart_has_a_description(assessment_outputs: Path) -> None:
    document = docx.Document(assessment_outputs / "strategic-assessment.docx")
    pictures = list(document.element.body.iter(qn("wp:docPr")))
    assert pictures
    assert all(p.get("descr", "").startswith("Bar chart:") for p in pictures)


def test_every_table_starts_with_a_header_row(assessment_outputs: Path) -> None:
    document = docx.Document(assessment_outputs / "strategic-assessment.docx")
    assert len(document.tables) >= 13
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    structure = pdf_structure(assessment_outputs / "strategic-assessment.pdf")
    tables = [n for n in structure if n.get("/S") == "/Table"]
    assert len(tables) >= 13
    for table in tables:
        assert _first_row_cells(table) and set(_first_row_cells(table)) == {"/TH"}


def _first_row_cells(table: dict) -> list[str]:
    """The tags of the cells of a tagged table's first row (inside THead or TBody)."""
    kids = table.get("/K")
    kids = kids if isinstance(kids, list) else [kids]
    for kid in (k.get_object() for k in kids):
        if kid.get("/S") in ("/THead", "/TBody"):
            rows = kid.get("/K")
            kid = (rows if isinstance(rows, list) else [rows])[0].get_object()
        if kid.get("/S") == "/TR":
            cells = kid.get("/K")
            cells = cells if isinstance(cells, list) else [cells]
            return [str(cell.get_object().get("/S")) for cell in cells]
    return []


def test_html_chart_has_alt_text_and_its_figures_as_a_table(assessment_outputs: Path) -> None:
    html = (assessment_outputs / "strategic-assessment.html").read_text(encoding="utf-8")
    assert 'alt="Bar chart: Road traffic collisions by ward' in html
    assert "The figures in this chart" in html
    text = html_text(html)
    assert "Boxley 121 95 118 113" in " ".join(text.split())


def test_narrative_cites_the_table_figures() -> None:
    document = strategic_assessment(read_year(SAMPLE))
    text = " ".join(b.text for c in document.chapters for s in c.sections for b in s.blocks)
    assert "fell by 2.5% in the period October 2014 to September 2015" in text
    assert "from a total of 9,410 crimes to 9,178 crimes" in text


def test_changing_a_count_changes_the_narrative(sample_copy: Path, tmp_path: Path) -> None:
    """All crime is the total of its categories: one fewer criminal damage offence makes
    every sentence citing it say so."""
    csv = sample_copy / "2016-17" / "data" / "sa-2-crime-by-type.csv"
    edit(csv, "Criminal Damage,1370", "Criminal Damage,1369")
    document = strategic_assessment(read_year(sample_copy / "2016-17"))
    text = " ".join(b.text for c in document.chapters for s in c.sections for b in s.blocks)
    assert "from a total of 9,410 crimes to 9,177 crimes" in text


def test_unknown_reference_is_an_error_with_file_and_line(with_assessment: Path) -> None:
    edit(
        with_assessment / "assessment" / "crime.yaml",
        "| Testborough | this_year]]",
        "| Testborough | this_yeer]]",
    )
    (problem,) = [p for p in check(with_assessment) if p.is_error]
    assert problem.file.name == "crime.yaml" and problem.line == 3
    assert "has no column 'this_yeer'; did you mean 'this_year'?" in problem.message


def test_fixture_figures(with_assessment: Path) -> None:
    year = read_year(with_assessment)
    table = year.assessment.tables["crime-by-district"]
    rows = {row.key: row.cells for row in table.rows}
    assert rows["Zeroton"][3] == "n/a"  # % change from a base of 0
    assert rows["County"][1:4] == ("1,407", "1,500", "-6.2%")  # a computed total row
    assert rows["County"][5] == ""  # aggregates are not ranked
    assert [rows[k][5] for k in ("Testborough", "Otherham", "Zeroton")] == ["3", "1", "2"]
    messages = [p.message for p in year.warnings]
    assert any("row 'Testborough': column 'Ranking' is published as 1" in m for m in messages)
    assert any("these figures should agree" in m and "is 900" in m for m in messages)


def test_build_without_doc_builds_every_document_the_year_defines(
    with_assessment: Path, tmp_path: Path
) -> None:
    paths = build(with_assessment, formats=["html"], out=tmp_path / "out")
    assert sorted(p.name for p in paths) == ["committee-report.html", "strategic-assessment.html"]


def test_a_year_without_an_assessment_refuses_to_build_one(minimal: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(minimal), "--doc", "strategic-assessment"])
    assert result.exit_code == 1
    assert "has no content for strategic-assessment" in result.output
