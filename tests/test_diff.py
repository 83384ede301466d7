"""``reportgen diff``: two versions of a year compared, per document and section, as a
summary, an HTML redline and a Word document of real tracked changes (read back with
python-docx/lxml, and laid out by LibreOffice)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from reportgen.commands.diff import diff
from reportgen.compare import as_json, compare_years, counts, from_json, summary
from reportgen.compare.text import DocumentText, Passage, SectionText, YearText
from reportgen.compare.words import redline
from tests.conftest import SAMPLE_CONTENT, edit, run
from tests.fidelity import libreoffice_to_pdf

OLD_SECTIONS = """\
sections:
  - title: Introduction
    content:
      - paragraph: The partnership is fulfilling its statutory duty to review crime each year.
      - bullets: [Keep this item, Drop this item]
  - title: Available options
    content:
      - paragraph: Do nothing, which officers do not recommend for the coming year.
"""
NOW = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)


@pytest.fixture
def two_years(minimal: Path) -> tuple[Path, Path]:
    """The minimal year as 2020-21 and, beside it, 2021-22: a paragraph reworded, a list
    item removed and one added, a section's heading reworded, a section added, priority
    D removed and E added."""
    old = minimal
    (old / "sections.yaml").write_text(OLD_SECTIONS, encoding="utf-8")
    edit(old / "priorities.yaml", "recommended: [C]", "recommended: [C, D]")
    new = old.parent / "2021-22"
    shutil.copytree(old, new)
    edit(new / "sections.yaml", "is fulfilling its", "is meeting its")
    edit(new / "sections.yaml", "Drop this item", "A brand new item")
    edit(new / "sections.yaml", "title: Available options", "title: Options available")
    (new / "sections.yaml").write_text(
        (new / "sections.yaml").read_text()
        + "  - title: Risk\n    content:\n      - paragraph: Risks are managed by the board.\n"
    )
    edit(new / "priorities.yaml", "recommended: [C, D]", "recommended: [C, E]")
    return old, new


def test_the_summary_lists_priorities_first_then_each_change_by_document_and_section(
    two_years: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = two_years
    code, output = run("diff", old, new, "--out", tmp_path / "out")
    assert code == 0, output
    lines = output.splitlines()
    assert lines[0] == (
        "2020-21 → 2021-22: priorities 1 added, 1 removed; sections 1 added, 0 removed, "
        "1 heading(s) reworded; passages 1 reworded, 2 added, 1 removed."
    )
    assert lines[1:3] == ["Priorities added: E", "Priorities removed: D"]
    assert lines[3] == "committee-report (Test report Smith & Sons <Ltd>):"
    assert lines[4:11] == [
        "  1. Introduction:",
        "    reworded paragraph: The partnership is [-fulfilling-]{+meeting+} its statutory duty …",
        "    removed list item: [-Drop this item-]",
        "    added list item: {+A brand new item+}",
        "  2. Options available:",
        "    heading reworded: [-Available options-]{+Options available+}",
        "  section added: 3. Risk (1 passage(s))",
    ]
    assert lines[-2:] == [
        str(tmp_path / "out" / "diff-2020-21-2021-22.html"),
        str(tmp_path / "out" / "diff-2020-21-2021-22.docx"),
    ]


def test_the_word_redline_holds_real_tracked_changes_by_reportgen(
    two_years: tuple[Path, Path], tmp_path: Path
) -> None:
    difference = diff(*two_years, out=tmp_path / "out", now=NOW)
    document = docx.Document(str(difference.paths[1]))
    body = document.element.body
    deletions = {"".join(t.text for t in d.iter(qn("w:delText"))) for d in body.iter(qn("w:del"))}
    insertions = {"".join(t.text for t in i.iter(qn("w:t"))) for i in body.iter(qn("w:ins"))}
    assert "fulfilling " in deletions and "meeting " in insertions
    assert "Drop this item" in deletions and "A brand new item" in insertions
    assert {"D", "E"} <= deletions | insertions
    changes = [*body.iter(qn("w:ins")), *body.iter(qn("w:del"))]
    assert {c.get(qn("w:author")) for c in changes} == {"reportgen"}
    assert {c.get(qn("w:date")) for c in changes} == {"2024-05-06T07:08:09Z"}
    ids = [c.get(qn("w:id")) for c in changes]
    assert len(ids) == len(set(ids)) and all(i.isdigit() for i in ids)
    # a deletion holds deleted text only, an insertion none
    assert not [t for d in body.iter(qn("w:del")) for t in d.iter(qn("w:t"))]
    assert not [t for i in body.iter(qn("w:ins")) for t in i.iter(qn("w:delText"))]
    styles = [(p.style.name, _text(p)) for p in document.paragraphs if _text(p)]
    assert styles[0] == ("Title", "What changed from 2020-21 to 2021-22")
    assert ("Heading 1", "Test report Smith & Sons <Ltd> (committee-report)") in styles
    assert ("Heading 2", "3. Risk") in styles
    assert document.core_properties.title == "What changed from 2020-21 to 2021-22"
    assert document.core_properties.language == "en-GB"
    language = document.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:lang')}")
    assert language.get(qn("w:val")) == "en-GB"


def test_a_section_added_whole_has_its_paragraph_marks_tracked(
    two_years: tuple[Path, Path], tmp_path: Path
) -> None:
    """Rejecting every change must leave no empty paragraph behind."""
    difference = diff(*two_years, out=tmp_path / "out", now=NOW)
    document = docx.Document(str(difference.paths[1]))
    (risk,) = [p for p in document.paragraphs if _text(p) == "3. Risk"]
    marks = risk._p.pPr.find(qn("w:rPr"))
    assert marks is not None and marks.find(qn("w:ins")) is not None


def _text(paragraph: Paragraph) -> str:
    """A paragraph's text as it reads with every change accepted (python-docx's own
    ``text`` leaves out inserted runs)."""
    return "".join(t.text or "" for t in paragraph._p.iter(qn("w:t")))


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside: list[str] = []
        self.found: dict[str, list[str]] = {"del": [], "ins": [], "h2": [], "h3": []}
        self.language = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.language = dict(attrs).get("lang") or ""
        if tag in self.found:
            self.inside.append(tag)
            self.found[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if self.inside and self.inside[-1] == tag:
            self.inside.pop()

    def handle_data(self, data: str) -> None:
        for tag in self.inside:
            self.found[tag][-1] += data


def test_the_html_redline_marks_removed_and_added_words(
    two_years: tuple[Path, Path], tmp_path: Path
) -> None:
    difference = diff(*two_years, out=tmp_path / "out", now=NOW)
    html = difference.paths[0].read_text(encoding="utf-8")
    marks = _Marks()
    marks.feed(html)
    assert marks.language == "en-GB"
    assert {"fulfilling", "Drop this item", "D", "Available options"} <= set(marks.found["del"])
    assert {"meeting", "A brand new item", "E", "Options available"} <= set(marks.found["ins"])
    assert "Test report Smith & Sons <Ltd> (committee-report)" in marks.found["h2"]
    assert "&lt;Ltd&gt;" in html and "<Ltd>" not in html  # text escaped
    assert "text-decoration: line-through" in html and "text-decoration: underline" in html


def test_libreoffice_lays_out_the_tracked_changes(
    two_years: tuple[Path, Path], tmp_path: Path
) -> None:
    difference = diff(*two_years, out=tmp_path / "out", now=NOW)
    result = subprocess.run(
        libreoffice_to_pdf(tmp_path, tmp_path / "pdf", [difference.paths[1]]),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "pdf" / "diff-2020-21-2021-22.pdf"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    # tracked changes are shown inline: the deleted words and the inserted ones
    assert "fulfilling meeting" in text
    assert "Drop this item" in text and "A brand new item" in text


def test_a_year_with_errors_is_reported_with_file_and_line_and_nothing_written(
    two_years: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = two_years
    edit(old / "timetable.yaml", "2020-01-02", "2020-02-30")
    edit(new / "report.yaml", "classification: Public", "clasification: Public")
    code, output = run("diff", old, new, "--out", tmp_path / "out")
    assert code == 1
    assert "2020-21/timetable.yaml, line 2" in output and "2020-02-30" in output
    assert "2021-22/report.yaml, line 8" in output and "'clasification'" in output
    assert "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_bad_usage_and_refusals(two_years: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = two_years
    assert run("diff", old)[0] == 2
    assert run("diff", old, new, "--published")[0] == 2
    code, output = run("diff", new, "--published")
    assert code == 1 and "2021-22 has not been published" in output
    code, output = run("diff", old, tmp_path)
    assert code == 1 and "neither a year folder" in output
    code, output = run("diff", old, new, "--out", old / "diffs")
    assert code == 1 and "inside the content folder" in output


def test_the_default_output_folder_is_output_diff_beside_the_content(
    two_years: tuple[Path, Path],
) -> None:
    old, new = two_years
    difference = diff(old, new)
    assert [p.parent for p in difference.paths] == [old.parent.parent / "output" / "diff"] * 2


def test_the_same_year_has_no_changes(minimal: Path, tmp_path: Path) -> None:
    code, output = run("diff", minimal, minimal, "--out", tmp_path / "out")
    assert code == 0
    assert output.splitlines()[:2] == [
        "2020-21 → 2020-21: priorities 0 added, 0 removed; sections 0 added, 0 removed, "
        "0 heading(s) reworded; passages 0 reworded, 0 added, 0 removed.",
        "committee-report (Test report Smith & Sons <Ltd>): no changes.",
    ]


def test_a_picture_replaced_under_the_same_name_is_a_change(tmp_path: Path) -> None:
    """As a sign-off goes stale when a picture's contents change, so diff reports it."""
    from PIL import Image

    from tests.conftest import DATA

    old, new = tmp_path / "old", tmp_path / "new"
    for copy in (old, new):
        shutil.copytree(DATA / "priority-plan", copy)
    Image.new("RGB", (480, 270), "white").save(new / "2026-27" / "pictures" / "riverside.jpg")
    code, output = run("diff", old / "2026-27", new / "2026-27", "--out", tmp_path / "out")
    assert code == 0
    assert (
        "0 removed, 0 heading(s) reworded; passages 1 reworded, 0 added" in output.splitlines()[0]
    )
    assert "riverside.jpg (contents" in output


# --- the comparison itself ---------------------------------------------------------------


def _year(label: str, *sections: SectionText) -> YearText:
    return YearText(
        label, ("A",), {"committee-report": DocumentText("committee-report", "R", sections)}
    )


def _paragraphs(title: str, *texts: str) -> SectionText:
    return SectionText(title, passages=tuple(Passage("paragraph", t) for t in texts))


def test_a_renamed_section_with_a_different_body_is_removed_and_added() -> None:
    old = _year("a", _paragraphs("Risks", "one two three four"))
    new = _year("b", _paragraphs("Dangers", "five six seven eight"))
    (document,) = compare_years(old, new).documents
    assert [s.state for s in document.sections] == ["removed", "added"]
    assert counts(compare_years(old, new)).headings_reworded == 0


def test_a_renamed_section_with_mostly_the_same_body_is_a_reworded_heading() -> None:
    old = _year("a", _paragraphs("Intro", "x"), _paragraphs("Risks", "one two three four"))
    new = _year("b", _paragraphs("Intro", "x"), _paragraphs("Dangers", "one two three five"))
    (document,) = compare_years(old, new).documents
    assert [(s.state, s.renamed) for s in document.sections] == [
        ("unchanged", False),
        ("changed", True),
    ]
    assert document.sections[1].heading == redline("Risks", "Dangers")


def test_a_removed_section_is_listed_where_it_stood() -> None:
    old = _year("a", _paragraphs("One", "1"), _paragraphs("Two", "2"), _paragraphs("Three", "3"))
    new = _year("b", _paragraphs("One", "1"), _paragraphs("Three", "3"))
    lines = summary(compare_years(old, new))
    assert lines[-1] == "  section removed: Two (1 passage(s))"
    (document,) = compare_years(old, new).documents
    assert [s.title for s in document.sections] == ["One", "Two", "Three"]


def test_the_stored_text_reads_back_the_same() -> None:
    year = _year(
        "a",
        SectionText(
            "Chapter", "1.", (Passage("table row", "a | b"),), (_paragraphs("Section", "text"),)
        ),
    )
    assert from_json(as_json(year), "a") == year
    with pytest.raises(ValueError):
        from_json({"format": 99}, "a")


def test_the_two_samples_compare_in_seconds(tmp_path: Path) -> None:
    started = time.perf_counter()
    code, output = run(
        "diff", SAMPLE_CONTENT / "2016-17", SAMPLE_CONTENT / "2018-19", "--out", tmp_path
    )
    assert code == 0, output
    assert time.perf_counter() - started < 20
    assert output.startswith("2016-17 → 2018-19: priorities 4 added, 4 removed;")
    assert "strategic-assessment (Strategic Assessment 2016-17): in 2016-17 only" in output
    assert "Priorities added: Domestic Abuse," in output
    for name in ("diff-2016-17-2018-19.html", "diff-2016-17-2018-19.docx"):
        assert (tmp_path / name).stat().st_size > 10_000
    document = docx.Document(str(tmp_path / "diff-2016-17-2018-19.docx"))
    deleted = " ".join(t.text for t in document.element.body.iter(qn("w:delText")))
    assert "March 15th 2016" in deleted
