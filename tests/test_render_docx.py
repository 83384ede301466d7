"""The Word documents, read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from reportgen import build
from tests.fidelity import docx_text, list_labels


def _document(built: dict[str, Path], year: str) -> docx.document.Document:
    return docx.Document(built[year] / "committee-report.docx")


def test_properties_title_and_language(built_samples: dict[str, Path]) -> None:
    document = _document(built_samples, "2018-19")
    assert (
        document.core_properties.title == "2018-19 Safer Maidstone Partnership Strategic Assessment"
    )
    assert document.core_properties.language == "en-GB"
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


def test_headings_use_heading_styles(built_samples: dict[str, Path]) -> None:
    document = _document(built_samples, "2018-19")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[:2] == ["Executive Summary", "Timetable"]
    assert "1.\tIntroduction and background" in headings
    assert "7.\tCross-cutting issues and implications" in headings
    assert headings[-2:] == ["8.\tReport appendices", "9.\tBackground papers"]


def test_numbered_paragraphs(built_samples: dict[str, Path]) -> None:
    document = _document(built_samples, "2018-19")
    labels = list_labels(document)  # Word numbering, printed as the label was typed
    numbered = [
        labels[p._p] + p.text for p in document.paragraphs if p.style.name == "Numbered Paragraph"
    ]
    assert numbered[0].startswith("1.1\tThe Safer Maidstone Partnership's (SMP)")
    assert numbered[-1].startswith("6.2\tThe Kent Police & Crime Commissioners")


def test_implications_table_has_every_row_and_a_repeating_header(
    built_samples: dict[str, Path],
) -> None:
    document = _document(built_samples, "2016-17")
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Issue")
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[0].cells] == ["Issue", "Implications", "Sign-off"]
    issues = [row.cells[0].text for row in table.rows[1:]]
    assert issues == [
        "Impact on Corporate Priorities",
        "Risk Management",
        "Financial",
        "Staffing",
        "Legal",
        "Equality Impact Needs Assessment",
        "Environmental/Sustainable Development",
        "Community Safety",
        "Human Rights Act",
        "Procurement",
        "Asset Management",
    ]
    legal = table.rows[5].cells
    labels = list_labels(document)
    assert "b)\tA strategy for combating the misuse of drugs" in "\n".join(
        labels.get(p._p, "") + p.text for p in legal[1].paragraphs
    )
    assert legal[2].text == "Head of Legal Partnership"


def test_every_table_describes_itself(built_samples: dict[str, Path]) -> None:
    for table in _document(built_samples, "2016-17").tables:
        assert table._tbl.tblPr.find(qn("w:tblDescription")) is not None


def test_timetable_in_order_with_dates(built_samples: dict[str, Path]) -> None:
    document = _document(built_samples, "2016-17")
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Meeting")
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        ["Safer Maidstone Partnership", "February 24th 2016"],
        ["Communities, Housing and Environment Committee", "March 15th 2016"],
        ["Council", "April 13th 2016"],
    ]


def test_text_is_escaped_never_templated(minimal: Path, tmp_path: Path) -> None:
    build(minimal, formats=["docx"], out=tmp_path / "out")
    text = docx_text(tmp_path / "out" / "committee-report.docx")
    assert "Test report Smith & Sons <Ltd>" in text
    assert "{{ x }} summary" in text


def test_without_libreoffice_the_contents_is_left_to_the_reader(
    with_assessment: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr("reportgen.render.docx.soffice", lambda: None)
    with caplog.at_level("WARNING", logger="reportgen"):
        build(
            with_assessment,
            documents=["strategic-assessment"],
            formats=["docx"],
            out=tmp_path / "out",
        )
    assert "LibreOffice (soffice) is not installed" in caplog.text
    document = docx.Document(tmp_path / "out" / "strategic-assessment.docx")
    entries = [p.text for p in document.paragraphs if p.style.name == "Contents 1"]
    assert entries == [
        "1.\tTotal recorded crime\t",
        "2.\tTrends\t",
        "\tAppendix 1 \N{EN DASH} Information sources\t",  # the house style's default
    ]


def test_contents_page_numbers_match_whole_heading_lines_after_the_contents() -> None:
    from reportgen.render.docx_contents import contents_page_numbers

    pages = [
        ["contents", "appendix1informationsources", "method", "sources"],  # contents page
        ["appendix1informationsources", "method", "text about information sources"],
        ["more text", "sources", "body"],
    ]
    entries = [("a", "Appendix 1 Information sources"), ("m", "Method"), ("s", "Sources")]
    assert contents_page_numbers(pages, entries) == {"a": 2, "m": 2, "s": 3}


def test_a_wrapped_heading_is_found_across_two_lines() -> None:
    from reportgen.render.docx_contents import contents_page_numbers

    pages = [["contents", "12alongheadingthat", "wraps"], ["x"], ["12alongheadingthat", "wraps"]]
    assert contents_page_numbers(pages, [("h", "1.2 A long heading that wraps")]) == {"h": 3}
