"""Every sample Word file, and the priority-plan test year's, passes the accessibility
audit of tests/docx_audit.py (issue 14): no heading skips, lists numbered by Word, text
contrast ≥ 4.5:1, table text ≥ 10 pt, en-GB throughout, core properties from the
content, a described watermark, headings in the house style's font, no word wider than
its table column, no row that can split across pages and no contents page number that
wraps. Each kind of check is shown to find a defect of its kind in a file given one."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import SAMPLE_YEARS
from tests.docx_audit import KINDS, Audit, audit, contrast

HEADING_FONTS = {"2026-27": "Liberation Serif"}
"""The heading font each built year's house style asks for (by the output folder's name);
the samples' files are checked against whatever font their Heading 1 uses."""


@pytest.fixture(scope="module")
def word_files(built_samples: dict[str, Path], built_priority_plan: Path) -> list[Path]:
    files = [f for year in SAMPLE_YEARS for f in sorted(built_samples[year].glob("*.docx"))]
    return files + sorted(built_priority_plan.glob("*.docx"))


@pytest.fixture(scope="module")
def audits(word_files: list[Path]) -> dict[Path, Audit]:
    """Each Word file audited once."""
    return {path: audit(path, HEADING_FONTS.get(path.parent.name)) for path in word_files}


@pytest.mark.parametrize("kind", KINDS)
def test_no_word_file_has_defects_of_this_kind(audits: dict[Path, Audit], kind: str) -> None:
    assert len(audits) >= 7
    assert any(path.parent.name in HEADING_FONTS for path in audits)
    found = {
        f"{path.parent.name}/{path.name}": defects
        for path, result in audits.items()
        if (defects := result.defects[kind])
    }
    assert found == {}


def test_the_lists_are_word_lists_labelled_as_before(word_files: list[Path]) -> None:
    import docx

    from tests.fidelity import list_labels

    report = next(p for p in word_files if p.name == "committee-report.docx")
    labels = list(list_labels(docx.Document(report)).values())
    assert labels[:2] == ["1.\t", "2.\t"]  # the recommendations
    assert "1.1\t" in labels and "2.1\t" in labels and "2.2\t" in labels
    assert [label for label in labels if label[0].isalpha()][:3] == ["a)\t", "b)\t", "c)\t"]


def test_the_audit_finds_what_it_looks_for() -> None:
    assert round(contrast("4F81BD", "FFFFFF"), 2) == 4.03  # python-docx's Caption blue
    assert contrast("000000", "FFFFFF") == 21


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Parts = dict[str, etree._Element]


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _element(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:wrap xmlns:w="{W}">{xml}</w:wrap>')[0]


def _style(parts: Parts, style_id: str) -> etree._Element:
    return parts["word/styles.xml"].find(f"{{{W}}}style[@{{{W}}}styleId='{style_id}']")


def _run_properties(element: etree._Element, tag: str) -> etree._Element:
    """``element``'s ``w:rPr/w:<tag>``, made if missing."""
    properties = element.find(_w("rPr"))
    if properties is None:
        properties = etree.SubElement(element, _w("rPr"))
    found = properties.find(_w(tag))
    return found if found is not None else etree.SubElement(properties, _w(tag))


def _skip_a_heading_level(parts: Parts) -> None:
    first = next(parts["word/document.xml"].iter(_w("p")))
    chapter = next(
        p
        for p in first.itersiblings()
        if p.find(f".//{{{W}}}pStyle[@{{{W}}}val='Heading1']") is not None
    )
    chapter.addnext(
        _element(
            '<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t>Skipped</w:t></w:r></w:p>'
        )
    )


def _type_a_label(parts: Parts) -> None:
    body = parts["word/document.xml"].find(_w("body"))
    body.find(_w("sectPr")).addprevious(
        _element("<w:p><w:r><w:t>1.</w:t><w:tab/><w:t>A typed label</w:t></w:r></w:p>")
    )


def _pale_text(parts: Parts) -> None:
    _run_properties(_style(parts, "Normal"), "color").set(_w("val"), "999999")


def _small_table_text(parts: Parts) -> None:
    run = next(parts["word/document.xml"].iter(_w("tc"))).find(f".//{{{W}}}r")
    _run_properties(run, "sz").set(_w("val"), "16")


def _american_english(parts: Parts) -> None:
    parts["word/styles.xml"].find(f".//{{{W}}}docDefaults//{{{W}}}lang").set(_w("val"), "en-US")


def _no_author(parts: Parts) -> None:
    parts["docProps/core.xml"].find("{http://purl.org/dc/elements/1.1/}creator").text = ""


def _undescribed_watermark(parts: Parts) -> None:
    for name, root in parts.items():
        if name.startswith("word/header"):
            for shape in root.iter("{urn:schemas-microsoft-com:vml}shape"):
                shape.attrib.pop("alt", None)


def _heading_in_another_font(parts: Parts) -> None:
    fonts = _run_properties(_style(parts, "Heading2"), "rFonts")
    for slot in ("ascii", "hAnsi"):
        fonts.set(_w(slot), "Courier New")


def _word_too_long_for_its_column(parts: Parts) -> None:
    text = next(next(parts["word/document.xml"].iter(_w("tc"))).iter(_w("t")))
    text.text = "Incomprehensibilities" * 3


def _row_that_may_split(parts: Parts) -> None:
    whole = next(parts["word/document.xml"].iter(_w("cantSplit")))
    whole.getparent().remove(whole)


def _appendix_entry_as_before(parts: Parts) -> None:
    """The Appendix 1 contents entry without the indentation that keeps its label clear
    of the page number's tab stop (the layout the issue saw)."""
    entry = next(
        p
        for p in parts["word/document.xml"].iter(_w("p"))
        if p.find(f"{{{W}}}pPr/{{{W}}}pStyle[@{{{W}}}val='Contents1']") is not None
        and "".join(p.itertext()).startswith("Appendix 1")
    )
    for tag in ("ind", "tabs"):
        entry.find(_w("pPr")).remove(entry.find(f"{{{W}}}pPr/{{{W}}}{tag}"))


BREAKERS: dict[str, Callable[[Parts], None]] = {
    "heading skips": _skip_a_heading_level,
    "typed list labels": _type_a_label,
    "low contrast": _pale_text,
    "small table text": _small_table_text,
    "not en-GB": _american_english,
    "core properties": _no_author,
    "watermark": _undescribed_watermark,
    "heading fonts": _heading_in_another_font,
    "words wider than columns": _word_too_long_for_its_column,
    "rows that split": _row_that_may_split,
    "contents numbers that wrap": _appendix_entry_as_before,
}
"""For each kind of defect, a change that gives a clean Word file one defect of that kind."""


def _broken(source: Path, target: Path, change: Callable[[Parts], None]) -> Path:
    """A copy of the Word file ``source`` with its XML parts changed by ``change``."""
    with zipfile.ZipFile(source) as original:
        names = [n for n in original.namelist() if n.endswith(".xml")]
        parts = {name: etree.fromstring(original.read(name)) for name in names}
        change(parts)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
            for item in original.infolist():
                data = original.read(item)
                if item.filename in parts:
                    data = etree.tostring(
                        parts[item.filename],
                        xml_declaration=True,
                        encoding="UTF-8",
                        standalone=True,
                    )
                copy.writestr(item, data)
    return target


@pytest.mark.parametrize("kind", KINDS)
def test_the_audit_finds_each_kind_in_a_file_that_has_it(
    built_samples: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    """The Strategic Assessment passes; given one defect of a kind, the audit finds it
    and nothing else."""
    clean = built_samples["2016-17"] / "strategic-assessment.docx"
    assert audit(clean).counts()[kind] == 0
    found = audit(_broken(clean, tmp_path / "broken.docx", BREAKERS[kind])).counts()
    assert found[kind] >= 1
    assert {k for k, n in found.items() if n} == {kind}
