"""The council's house style (library/house-style.yaml): dates, numbering, headings,
appendix headings, chapters' new pages, fonts and colours, followed by the Word, PDF and
HTML versions alike (read back from the files), and refused with file and line when it
cannot be printed or read."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from reportgen import build, check
from reportgen.compute.dates import DATE_STYLES, printed_date
from reportgen.exceptions import TemplateError
from reportgen.model.house_style import HouseStyle
from reportgen.render.style_sheet import house_style_css
from reportgen.validate.house_style import contrast, installed_font_families, read_house_style
from tests.conftest import DATA, SAMPLE_CONTENT, edit
from tests.fidelity import docx_text, html_text, pdf_text

NEW_COUNCIL = """\
organisation: Testborough Borough Council
dates: 13 February 2018
numbered_paragraphs: no
numbered_chapters: no
headings: as typed
appendix_heading: "Appendix {number} \N{EN DASH} {title}"
chapters_start_new_page: no
fonts:
  body: DejaVu Serif
  headings: DejaVu Sans
colours:
  text: "#222222"
  background: "#fffdf5"
  headings: "#5a1e6e"
  table_header_text: "#fffdf5"
  table_header_background: "#5a1e6e"
  shading: "#f1e9f5"
"""
"""A new council's house style, unlike the samples' in every setting."""
CHAPTERS = ["Priorities", "Priority leads", "Appendix 1 \N{EN DASH} Acronym glossary"]
"""The plan's chapter and appendix headings as the new council's style prints them."""


def _plan_year(content: Path, style: str) -> Path:
    """tests/data's minimal year with its plan, the house style ``style``, a plan.yaml
    naming no organisation, and a section citing a chapter and an appendix."""
    shutil.copytree(DATA / "minimal", content)
    shutil.copytree(DATA / "plan", content, dirs_exist_ok=True)
    (content / "library" / "house-style.yaml").write_text(style, encoding="utf-8")
    year = content / "2020-21"
    edit(year / "plan" / "plan.yaml", "organisation: Testborough Partnership\n", "")
    with (year / "plan" / "priorities.yaml").open("a", encoding="utf-8") as file:
        file.write(
            "sections:\n"
            "  - title: How the priorities were chosen\n"
            "    content:\n"
            "      - paragraph: See [[chapter | leads]] and [[chapter | glossary]].\n"
        )
    return year


@pytest.fixture(scope="module")
def new_council(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plan year in the new council's house style, built in every format."""
    root = tmp_path_factory.mktemp("house-style")
    year = _plan_year(root / "content", NEW_COUNCIL)
    assert not [p for p in check(year) if p.is_error]
    out = root / "out"
    build(year, out=out)
    return out


class _Headings(HTMLParser):
    """The text of every <h2> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self._inside = True
            self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = self._inside and tag != "h2"

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.headings[-1] += data


def _h2(path: Path) -> list[str]:
    parser = _Headings()
    parser.feed(path.read_text(encoding="utf-8"))
    return [" ".join(heading.split()) for heading in parser.headings]


def _styled(path: Path, style: str) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs if p.style.name == style]


def _outline(path: Path) -> list[tuple[str, int]]:
    """Every bookmark of a PDF, nested ones included, with its page (from 1)."""
    reader = PdfReader(path)
    found: list[tuple[str, int]] = []

    def walk(entries: list) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                found.append((entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline)
    return found


# --- the new council's documents, read back ----------------------------------------------


def test_dates_print_as_gov_uk_writes_them_in_every_format(new_council: Path) -> None:
    report = new_council / "committee-report"
    for text in (
        html_text(report.with_suffix(".html").read_text(encoding="utf-8")),
        docx_text(report.with_suffix(".docx")),
        pdf_text(report.with_suffix(".pdf")),
    ):
        assert "15 March 2020" in text  # the meeting
        assert "2 January 2020" in text  # the timetable
        assert "March 15th" not in text


def test_plan_chapters_have_no_numbers_and_the_appendix_its_dash(new_council: Path) -> None:
    plan = new_council / "community-safety-plan"
    assert _h2(plan.with_suffix(".html")) == CHAPTERS
    assert _styled(plan.with_suffix(".docx"), "Heading 1") == CHAPTERS
    assert _styled(plan.with_suffix(".docx"), "Heading 2") == ["How the priorities were chosen"]
    titles = [title for title, _ in _outline(plan.with_suffix(".pdf"))]
    assert [title for title in titles if title in CHAPTERS] == CHAPTERS
    assert "How the priorities were chosen" in titles
    assert not any(re.match(r"\d", title) for title in titles)


def test_chapter_references_name_an_unnumbered_chapter_by_its_title(new_council: Path) -> None:
    html = html_text((new_council / "community-safety-plan.html").read_text(encoding="utf-8"))
    assert "See Priority leads and Appendix 1." in html


def test_report_sections_and_paragraphs_are_not_numbered(new_council: Path) -> None:
    report = new_council / "committee-report"
    headings = _styled(report.with_suffix(".docx"), "Heading 2")
    assert "Introduction" in headings
    assert "Cross-cutting issues and implications" in headings
    assert not _styled(report.with_suffix(".docx"), "Numbered Paragraph")
    assert "Introduction" in _h2(report.with_suffix(".html"))
    assert "1.1" not in html_text(report.with_suffix(".html").read_text(encoding="utf-8"))


def test_the_html_carries_the_colours_fonts_and_layout(new_council: Path) -> None:
    html = (new_council / "community-safety-plan.html").read_text(encoding="utf-8")
    for setting in (
        "--text-colour: #222222;",
        "--background-colour: #fffdf5;",
        "--heading-colour: #5a1e6e;",
        "--table-header-background-colour: #5a1e6e;",
        "--shading-colour: #f1e9f5;",
        '--body-font: "DejaVu Serif",',
        '--heading-font: "DejaVu Sans",',
        "--main-heading-case: none;",
        "--chapter-break: auto;",
    ):
        assert setting in html


def test_the_word_styles_carry_the_colours_and_fonts(new_council: Path) -> None:
    document = docx.Document(new_council / "community-safety-plan.docx")
    styles = document.styles
    assert str(styles["Normal"].font.color.rgb) == "222222"
    assert str(styles["Heading 1"].font.color.rgb) == "5A1E6E"
    assert str(styles["Caption"].font.color.rgb) == "222222"
    fonts = styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "DejaVu Serif"
    heading_fonts = styles["Heading 1"].element.rPr.rFonts
    assert heading_fonts.get(qn("w:ascii")) == "DejaVu Sans"
    assert heading_fonts.get(qn("w:asciiTheme")) is None  # Word would use the theme's
    header = document.tables[0].rows[0]
    assert header.cells[0]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "5A1E6E"
    assert str(header.cells[0].paragraphs[0].runs[0].font.color.rgb) == "FFFDF5"
    background = document.element.find(qn("w:background"))
    assert background is not None and background.get(qn("w:color")) == "FFFDF5"


@pytest.mark.skipif(
    "dejavu serif" not in (installed_font_families() or ()), reason="DejaVu Serif not installed"
)
def test_the_pdf_is_drawn_in_the_house_fonts(new_council: Path) -> None:
    reader = PdfReader(new_council / "community-safety-plan.pdf")
    fonts = {
        str(font.get_object()["/BaseFont"]).replace("-", "")
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSerif" in font for font in fonts)
    assert any("DejaVuSans" in font and "Serif" not in font for font in fonts)


def test_headings_as_typed_print_as_typed(new_council: Path) -> None:
    plan = new_council / "community-safety-plan"
    assert docx.Document(plan.with_suffix(".docx")).styles["Heading 1"].font.all_caps is False
    assert "Priority leads" in pdf_text(plan.with_suffix(".pdf"))
    assert "PRIORITY LEADS" not in pdf_text(plan.with_suffix(".pdf"))


def test_chapters_run_on_without_new_pages(new_council: Path) -> None:
    plan = new_council / "community-safety-plan"
    pages = dict(_outline(plan.with_suffix(".pdf")))
    assert pages["Priorities"] > 1  # the first chapter starts after the title page
    assert {pages[title] for title in CHAPTERS} == {pages["Priorities"]}
    document = docx.Document(plan.with_suffix(".docx"))
    assert document.styles["Heading 1"].paragraph_format.page_break_before is False
    chapters = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    breaks = [p.paragraph_format.page_break_before for p in chapters]
    assert breaks == [True, None, None]  # only the first chapter starts a page


def test_the_house_style_names_the_organisation(new_council: Path) -> None:
    plan = new_council / "community-safety-plan"
    assert "Testborough Borough Council" in _styled(plan.with_suffix(".docx"), "Subtitle")
    html = plan.with_suffix(".html").read_text(encoding="utf-8")
    assert '<p class="organisation">Testborough Borough Council</p>' in html
    assert docx.Document(plan.with_suffix(".docx")).core_properties.author == (
        "Testborough Borough Council"
    )


# --- capitals, defaults and the samples --------------------------------------------------


def test_capitals_are_print_only_the_text_stays_as_typed(tmp_path: Path) -> None:
    style = NEW_COUNCIL.replace("headings: as typed", "headings: capitals")
    year = _plan_year(tmp_path / "content", style)
    out = tmp_path / "out"
    build(year, formats=["docx", "html"], out=out)
    plan = docx.Document(out / "community-safety-plan.docx")
    assert plan.styles["Heading 1"].font.all_caps is True  # the chapters
    assert plan.styles["Heading 2"].font.all_caps is False  # their sections
    assert [p.text for p in plan.paragraphs if p.style.name == "Heading 1"] == CHAPTERS
    report = docx.Document(out / "committee-report.docx")
    assert report.styles["Heading 2"].font.all_caps is True  # the report's sections
    assert report.styles["Heading 1"].font.all_caps is False  # its title
    assert _h2(out / "community-safety-plan.html") == CHAPTERS
    assert "--main-heading-case: uppercase;" in (out / "community-safety-plan.html").read_text(
        encoding="utf-8"
    )


def test_without_a_house_style_a_new_council_gets_the_defaults(
    minimal: Path, tmp_path: Path
) -> None:
    assert not (minimal.parent / "library" / "house-style.yaml").exists()
    out = tmp_path / "out"
    build(minimal, documents=["committee-report"], formats=["html"], out=out)
    text = " ".join(html_text((out / "committee-report.html").read_text(encoding="utf-8")).split())
    assert "15 March 2020" in text
    assert "1. Introduction 1.1 First para." in text  # numbered as before
    assert HouseStyle().appendix_heading == "Appendix {number} \N{EN DASH} {title}"


def test_the_samples_keep_the_style_they_were_published_in() -> None:
    path = SAMPLE_CONTENT / "library" / "house-style.yaml"
    assert not [p for p in check(SAMPLE_CONTENT / "2018-19") if p.file == path]
    style, _, _ = read_house_style(SAMPLE_CONTENT / "2018-19")
    assert printed_date(dt.date(2018, 2, 13), style.dates) == "February 13th 2018"
    assert style.numbered_paragraphs and style.numbered_chapters
    assert style.headings == "capitals"
    # not as published: chapters run on, so a one-paragraph chapter fills no page alone
    assert not style.chapters_start_new_page
    assert style.appendix_heading == "Appendix {number} {title}"


@pytest.mark.parametrize("style", DATE_STYLES)
def test_each_date_style_prints_as_its_own_name(style: str) -> None:
    assert printed_date(dt.date(2018, 2, 13), style) == style  # type: ignore[arg-type]


def test_contrast_follows_wcag() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#1d3b6e", "#1d3b6e") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_the_css_is_made_only_from_checked_values() -> None:
    hostile = HouseStyle.model_construct(
        fonts=HouseStyle().fonts.model_construct(body="x; } body { display:none", headings=None)
    )
    with pytest.raises(TemplateError):
        house_style_css(hostile)
    assert "display" not in house_style_css(HouseStyle())


# --- refusals ------------------------------------------------------------------------------


def _problems(tmp_path: Path, style: str) -> list[str]:
    year = _plan_year(tmp_path / "content", style)
    return [p.describe() for p in check(year)]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            'colours:\n  text: "#777777"\n',
            "line 2, column 3: [colours.text] error: the text colour #777777 on the "
            "background #ffffff has a contrast of only 4.4:1, below the 4.5:1",
        ),
        (
            'colours:\n  table_header_text: "#ffffff"\n  table_header_background: "#ffcc00"\n',
            "line 2, column 3: [colours.table_header_text] error: tables' header text #ffffff "
            "on their header background #ffcc00 has a contrast of only 1.5:1",
        ),
        (
            'colours:\n  headings: "#aaaaaa"\n',
            "[colours.headings] error: the headings colour #aaaaaa on the background #ffffff",
        ),
        (
            "colours:\n  text: red\n",
            "line 2, column 3: [colours.text] error: found 'red'; expected a colour written "
            "#rrggbb",
        ),
        (
            "colours:\n  text: #111111\n",
            "[colours.text] error: found nothing; a colour must be written in quotes, e.g. "
            '"#1d3b6e"',
        ),
        (
            "fonts:\n  body: 'x; } body { display:none'\n",
            "line 2, column 3: [fonts.body] error: found 'x; } body { display:none'; expected "
            "a font's name as installed (letters, digits, spaces and hyphens only)",
        ),
        (
            "dates: 13/02/2018\n",
            "line 1, column 1: [dates] error: found '13/02/2018'; expected '13 February 2018', "
            "'February 13th 2018', '13th February 2018' or 'Tuesday 13 February 2018'",
        ),
        (
            "colors:\n  text: '#111111'\n",
            "[colors] error: unknown field 'colors'; did you mean 'colours'?",
        ),
        (
            "colours:\n  heading: '#111111'\n",
            "[colours.heading] error: unknown field 'heading'; did you mean 'headings'?",
        ),
        ("headings: CAPITALS\n", "expected 'as typed' or 'capitals'"),
        (
            "appendix_heading: 'Appendix {title}'\n",
            "[appendix_heading] error: appendix_heading must contain {number} and {title} once",
        ),
        (
            "appendix_heading: '{number} {title.__class__}'\n",
            "[appendix_heading] error: appendix_heading must contain {number} and {title} once",
        ),
        (
            "appendix_heading: '{title} {number}'\n",
            "[appendix_heading] error: in appendix_heading, {number} must come before {title}",
        ),
    ],
)
def test_a_house_style_that_cannot_be_printed_is_refused(
    tmp_path: Path, style: str, expected: str
) -> None:
    found = [p for p in _problems(tmp_path, style) if "house-style.yaml" in p]
    assert any(expected in problem for problem in found), found


def test_a_missing_font_is_a_warning_naming_what_is_used_instead(tmp_path: Path) -> None:
    if installed_font_families() is None:
        pytest.skip("fontconfig (fc-list) is not installed")
    found = _problems(tmp_path, "fonts:\n  headings: Nonexistent Gothic\n")
    assert any(
        "line 2, column 3: [fonts.headings] warning: the font 'Nonexistent Gothic' is not "
        "installed on this computer, so the PDF will use '" in problem
        for problem in found
    ), found


def test_a_document_with_no_organisation_anywhere_is_refused(tmp_path: Path) -> None:
    found = _problems(tmp_path, "dates: 13 February 2018\n")
    assert any(
        "plan.yaml, line 1, column 1: [organisation] error: this field is missing; expected "
        "who publishes the "
        "document"
        in problem
        and "organisation: in library/house-style.yaml" in problem
        for problem in found
    ), found


def test_numbered_sections_under_unnumbered_chapters_is_a_warning(tmp_path: Path) -> None:
    year = _plan_year(tmp_path / "content", NEW_COUNCIL)
    with (year / "plan" / "plan.yaml").open("a", encoding="utf-8") as file:
        file.write("numbered_sections: yes\n")
    found = [p.describe() for p in check(year)]
    assert any(
        "[numbered_sections] warning: the house style (library/house-style.yaml) says "
        "numbered_chapters: no" in problem
        for problem in found
    ), found


def test_checking_the_library_checks_its_house_style(tmp_path: Path) -> None:
    year = _plan_year(tmp_path / "content", 'colours:\n  text: "#eeeeee"\n')
    found = [p.describe() for p in check(year.parent / "library")]
    assert any("[colours.text] error: the text colour #eeeeee" in p for p in found), found
