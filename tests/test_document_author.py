"""Who each document says wrote it, read back from every format: the council (the house
style's organisation) for every document: not the report's lead officer, nor the
partnership whose plan it is."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import docx
import pikepdf
import pytest
from pypdf import PdfReader

from reportgen import build

AUTHORS = [
    ("2016-17", "committee-report", "Maidstone Borough Council"),
    ("2016-17", "strategic-assessment", "Maidstone Borough Council"),
    ("2016-17", "community-safety-plan", "Maidstone Borough Council"),
    ("2018-19", "committee-report", "Maidstone Borough Council"),
    ("2018-19", "community-safety-plan", "Maidstone Borough Council"),
]
"""Each sample document and its author: the house style's council, also for the plans,
which are the partnership's (their subject says so)."""


class _MetaAuthor(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.authors: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "meta" and named.get("name") == "author":
            self.authors.append(named.get("content"))


def authors(folder: Path, name: str) -> dict[str, object]:
    """The author as Word's properties, the PDF's information and XMP, and the HTML's
    <meta name="author"> give it."""
    parser = _MetaAuthor()
    parser.feed((folder / f"{name}.html").read_text(encoding="utf-8"))
    with pikepdf.open(folder / f"{name}.pdf") as pdf:
        xmp = pdf.open_metadata().get("dc:creator")
    return {
        "docx": docx.Document(str(folder / f"{name}.docx")).core_properties.author,
        "pdf": PdfReader(folder / f"{name}.pdf").metadata.author,
        "xmp": list(xmp or []),
        "html": parser.authors,
    }


@pytest.mark.parametrize(("year", "name", "author"), AUTHORS, ids=lambda value: value)
def test_every_format_names_the_author(
    built_samples: dict[str, Path], year: str, name: str, author: str
) -> None:
    assert authors(built_samples[year], name) == {
        "docx": author,
        "pdf": author,
        "xmp": [author],
        "html": [author],
    }


def test_the_report_is_the_councils_not_its_officers(built_samples: dict[str, Path]) -> None:
    found = authors(built_samples["2018-19"], "committee-report")
    assert "Nicolas Rathbone" not in str(found)
    assert found["docx"] == "Maidstone Borough Council"


def _report_author(year: Path, out: Path) -> list[str | None]:
    build(year, documents=["committee-report"], formats=["html"], out=out)
    parser = _MetaAuthor()
    parser.feed((out / "committee-report.html").read_text(encoding="utf-8"))
    return parser.authors


def test_without_a_house_style_the_report_is_its_assessments_council(
    with_assessment: Path, tmp_path: Path
) -> None:
    assert _report_author(with_assessment, tmp_path) == ["Testborough Council"]


def test_with_the_council_named_nowhere_the_report_names_its_lead_officer(
    minimal: Path, tmp_path: Path
) -> None:
    """No house style, assessment or plan: the author is still someone."""
    assert _report_author(minimal, tmp_path) == ["N R"]
