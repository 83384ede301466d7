"""A year shaped unlike either sample (tests/data/priority-plan): a plan organised per
priority with the same sub-headings in each priority's chapter, a foreword photograph and
a structure chart, a priorities page in the priorities' fuller wordings, sub-groups' tasks
as lists in table cells, a year glossary with terms as well as acronyms, a house style of
GOV.UK dates, no chapter numbers, headings as typed and its own fonts and colours, and
recommendations to a named committee. Built in all three formats and read back."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from reportgen import check, read_year
from reportgen.compute import community_safety_plan
from tests.conftest import DATA, edit
from tests.fidelity import document_text, html_text, list_labels, pdf_figure_alts, pdf_text

YEAR = "2026-27"
LOGO = "Riverside Borough Council"
"""The house style's logo's alt text: on every document's cover."""
PICTURES = {
    LOGO,
    "Drawn for this test: a river at dusk with the town centre's lights behind it.",
    "Structure chart: the Riverside CSP board at the top, reporting to the PCC, with three "
    "sub-groups beneath it: Domestic Abuse, Exploitation and Safer Streets.",
}
CHAPTERS = [
    "Foreword",
    "How the partnership works",
    "Our priorities",
    "Safer homes, free from domestic abuse",
    "Protecting young people from exploitation",
    "A town centre where everyone feels safe",
]
APPENDICES = [
    "Appendix 1 \N{EN DASH} Sub-groups and their tasks",
    "Appendix 2 \N{EN DASH} Glossary",
]


@pytest.fixture(scope="module")
def built(built_priority_plan: Path) -> Path:
    """The year built once, every document in every format."""
    return built_priority_plan


@pytest.fixture
def year_copy(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "priority-plan", tmp_path / "content")
    return tmp_path / "content" / YEAR


def test_the_year_checks_without_a_problem() -> None:
    assert [p.describe() for p in check(DATA / "priority-plan" / YEAR)] == []


def test_every_document_is_built_in_every_format(built: Path) -> None:
    assert sorted(p.name for p in built.iterdir() if not p.name.startswith(".")) == sorted(
        f"{name}.{fmt}"
        for name in ("committee-report", "community-safety-plan")
        for fmt in ("docx", "pdf", "html")
    )


# --- pictures ---------------------------------------------------------------------------


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.alts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.alts.append(dict(attrs).get("alt") or "")


def test_each_picture_has_its_alt_text_in_html(built: Path) -> None:
    parser = _Images()
    parser.feed((built / "community-safety-plan.html").read_text(encoding="utf-8"))
    assert {" ".join(alt.split()) for alt in parser.alts} == PICTURES


def test_each_picture_has_its_description_in_word(built: Path) -> None:
    document = docx.Document(built / "community-safety-plan.docx")
    descriptions = {
        " ".join((element.get("descr") or "").split())
        for element in document.element.body.iter()
        if element.tag.endswith("}docPr")
    }
    assert descriptions == PICTURES
    assert len(document.inline_shapes) == 3


def test_each_picture_is_a_tagged_figure_with_alt_in_the_pdf(built: Path) -> None:
    alts = {" ".join(alt.split()) for alt in pdf_figure_alts(built / "community-safety-plan.pdf")}
    assert alts == PICTURES


# --- house style: dates, numbering, headings --------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_dates_print_in_the_house_style(built: Path, fmt: str) -> None:
    path = built / f"committee-report.{fmt}"
    text = " ".join(document_text(path).split())
    assert "10 November 2026" in text
    assert "15 September 2026" in text and "9 December 2026" in text  # the timetable
    assert "November 10th" not in text


def test_plan_chapters_are_unnumbered_in_every_format(built: Path) -> None:
    html = (built / "community-safety-plan.html").read_text(encoding="utf-8")
    headings = _HtmlHeadings()
    headings.feed(html)
    assert headings.level2[1:] == CHAPTERS + APPENDICES  # after "Contents"
    word = docx.Document(built / "community-safety-plan.docx")
    assert [
        p.text for p in word.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ] == CHAPTERS + APPENDICES
    outline = _titles(PdfReader(built / "community-safety-plan.pdf").outline)
    assert [title for title in outline if title in CHAPTERS + APPENDICES] == CHAPTERS + APPENDICES
    assert not any(title[:1].isdigit() for title in outline)


def _titles(outline: list) -> list[str]:
    """Every bookmark's title, depth first."""
    return [
        t for item in outline for t in (_titles(item) if isinstance(item, list) else [item.title])
    ]


def test_chapters_run_on_rather_than_each_on_a_new_page(built: Path) -> None:
    reader = PdfReader(built / "community-safety-plan.pdf")
    assert len(reader.pages) < len(CHAPTERS) + len(APPENDICES)


# --- per-priority chapters --------------------------------------------------------------


def test_each_priority_chapter_is_titled_from_priorities_yaml(year_copy: Path) -> None:
    plan = community_safety_plan(read_year(year_copy))
    titles = [chapter.title for chapter in plan.chapters]
    assert titles[3:] == CHAPTERS[3:]
    assert [s.title for s in plan.chapters[4].sections] == [
        "Why it matters",
        "What we will do",
        "How we will know",
    ]
    edit(
        year_copy / "priorities.yaml",
        "    title: Protecting young people from exploitation",
        "    title: Keeping children safe from county lines",
    )
    plan = community_safety_plan(read_year(year_copy))
    assert plan.chapters[4].title == "Keeping children safe from county lines"


def test_the_priorities_page_and_counts_come_from_priorities_yaml(built: Path) -> None:
    text = " ".join(html_text((built / "community-safety-plan.html").read_text()).split())
    assert "Our three priorities for 2026-27 are:" in text
    assert "Our objective: Fewer children drawn into county lines drug dealing." in text
    report = " ".join(html_text((built / "committee-report.html").read_text()).split())
    assert "Last year's priorities were Anti-Social Behaviour and Domestic Abuse." in report


# --- glossary, lists in cells, addressee ------------------------------------------------


def test_the_glossary_has_the_years_own_entries(built: Path) -> None:
    word = docx.Document(built / "community-safety-plan.docx")
    glossary = next(t for t in word.tables if t.rows[0].cells[-1].text == "Meaning")
    rows = {row.cells[0].text: row.cells[1].text for row in glossary.rows[1:]}
    assert (
        rows["CSP"] == "Riverside Community Safety Partnership, the borough's statutory partnership"
    )
    assert rows["county lines"].startswith("drug dealing from cities")
    assert "Community Trigger" in rows  # named as an extra
    assert "ASB" not in rows  # unused this year


def test_lists_in_cells_in_every_format(built: Path) -> None:
    html = (built / "community-safety-plan.html").read_text(encoding="utf-8")
    assert '<ul class="in-cell"><li>Run the MARAC each fortnight</li>' in html
    assert '<ol class="in-cell"><li>Map county lines activity</li>' in html
    word = docx.Document(built / "community-safety-plan.docx")
    tasks = next(t for t in word.tables if t.rows[0].cells[0].text == "Sub-group")
    cell = tasks.rows[1].cells[1]
    assert [p.text for p in cell.paragraphs] == [
        "Run the MARAC each fortnight",
        "Train frontline staff",
        "Review every domestic homicide",
    ]
    labels = list_labels(word)  # a Word list, labelled as it was typed
    assert [labels[p._p] + p.text for p in tasks.rows[2].cells[1].paragraphs] == [
        "1.\tMap county lines activity",
        "2.\tRefer young people for support",
    ]
    pdf = " ".join(pdf_text(built / "community-safety-plan.pdf").split())
    assert "1. Map county lines activity" in pdf


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_recommendations_go_to_the_named_committee(built: Path, fmt: str) -> None:
    text = " ".join(document_text(built / f"committee-report.{fmt}").split())
    assert "recommendations to the Policy and Resources Committee" in text


class _HtmlHeadings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.level2: list[str] = []
        self._in: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self._in = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._in is not None:
            self.level2.append(" ".join("".join(self._in).split()))
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._in.append(data)


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_the_logo_heads_the_committee_reports_cover(built: Path, fmt: str) -> None:
    if fmt == "html":
        parser = _Images()
        parser.feed((built / "committee-report.html").read_text(encoding="utf-8"))
        assert parser.alts[:1] == [LOGO]
        return
    document = docx.Document(built / "committee-report.docx")
    first = document.paragraphs[0]._p
    (described,) = [e.get("descr") for e in first.iter() if e.tag.endswith("}docPr")]
    assert described == LOGO


def test_a_logo_without_alt_text_is_refused(year_copy: Path) -> None:
    edit(
        year_copy.parent / "library" / "house-style.yaml", "  alt: Riverside Borough Council\n", ""
    )
    (error,) = [p for p in check(year_copy) if p.is_error]
    assert (error.file.name, error.line) == ("house-style.yaml", 16)
    assert "give the logo alt:" in error.message


def test_a_logo_outside_the_library_is_refused(year_copy: Path) -> None:
    edit(
        year_copy.parent / "library" / "house-style.yaml", "file: logo.png", "file: ../../logo.png"
    )
    (error,) = [p for p in check(year_copy) if p.is_error]
    assert (error.file.name, error.field) == ("house-style.yaml", "logo.file")
