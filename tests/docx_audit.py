"""An accessibility audit of a built Word file, read back from its XML (issue 14): what a
screen-reader user or Word's own accessibility checker would find, and what LibreOffice or
Word would lay out badly (tests/docx_layout_audit.py).

:func:`audit` returns the defects found, by kind, so a test can assert each kind is
empty and a person can print the counts (``python -m tests.docx_audit FILE...``)."""

from __future__ import annotations

import re
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from reportgen.validate.house_style import contrast as house_style_contrast
from tests.docx_layout_audit import (
    Layout,
    contents_numbers_that_wrap,
    rows_that_split,
    words_wider_than_columns,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "v": "urn:schemas-microsoft-com:vml",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
LANGUAGE = "en-GB"
MINIMUM_CONTRAST = 4.5
MINIMUM_TABLE_TEXT = 20  # half-points: 10 pt
TYPED_LABEL = re.compile(r"^\s*(\(?[a-z]\)|\(?[ivx]+\)|\d+(\.\d+)*\.?|[a-z]\.|•|-)\t")
"""A list label typed into the text: "1.\t", "1.1\t", "a)\t", "(ii)\t", "•\t"."""
KINDS = (
    "heading skips",
    "typed list labels",
    "low contrast",
    "small table text",
    "not en-GB",
    "core properties",
    "watermark",
    "heading fonts",
    "words wider than columns",
    "rows that split",
    "contents numbers that wrap",
)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Audit:
    """The defects found, by kind (each a list of plain-English findings)."""

    path: Path
    defects: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def counts(self) -> dict[str, int]:
        return {kind: len(found) for kind, found in self.defects.items()}


class Styles:
    """styles.xml, with each style's properties resolved through ``w:basedOn``."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.by_id = {s.get(w("styleId")): s for s in root.iterfind("w:style", NS)}
        self.defaults = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)

    def name(self, style_id: str) -> str:
        style = self.by_id.get(style_id)
        found = None if style is None else style.find("w:name", NS)
        return style_id if found is None else found.get(w("val"), style_id)

    def chain(self, style_id: str | None) -> Iterator[etree._Element]:
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find("w:basedOn", NS)
            style_id = None if based is None else based.get(w("val"))

    def run_property(self, style_id: str | None, tag: str, attribute: str = "val") -> str | None:
        """A run property (``color``, ``sz``, ``rFonts``…) of the style, else the defaults'."""
        for style in self.chain(style_id):
            found = style.find(f"w:rPr/w:{tag}", NS)
            if found is not None and found.get(w(attribute)) is not None:
                return found.get(w(attribute))
        if self.defaults is not None:
            found = self.defaults.find(f"w:{tag}", NS)
            if found is not None:
                return found.get(w(attribute))
        return None

    def default_paragraph_style(self) -> str | None:
        for style_id, style in self.by_id.items():
            if style.get(w("type")) == "paragraph" and style.get(w("default")) == "1":
                return style_id
        return None


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast of two Word colours (``RRGGBB``, no ``#``), as check computes it."""
    return house_style_contrast(f"#{foreground}", f"#{background}")


def _colour(value: str | None) -> str:
    return "000000" if value in (None, "auto") else str(value)


def _heading_level(styles: Styles, paragraph: etree._Element) -> int | None:
    style = paragraph.find("w:pPr/w:pStyle", NS)
    name = styles.name(style.get(w("val"))) if style is not None else ""
    match = re.fullmatch(r"(?i)heading (\d)", name)
    return int(match.group(1)) if match else None


def _text(paragraph: etree._Element) -> str:
    parts = []  # the tabs typed in runs, not the paragraph's tab stops (w:tabs/w:tab)
    for run in paragraph.iter(w("r")):
        for node in run.iterchildren(w("t"), w("tab")):
            parts.append("\t" if node.tag == w("tab") else node.text or "")
    return "".join(parts)


def _heading_skips(styles: Styles, body: etree._Element, audit: Audit) -> None:
    previous = 0
    for paragraph in body.iter(w("p")):
        level = _heading_level(styles, paragraph)
        if level is None or not _text(paragraph).strip():
            continue
        if level > previous + 1:
            audit.defects["heading skips"].append(
                f"Heading {previous} → Heading {level}: {_text(paragraph).strip()[:60]!r}"
            )
        previous = level


def _typed_labels(styles: Styles, body: etree._Element, audit: Audit) -> None:
    """Lists whose labels are typed. A heading's or contents entry's number is part of
    its name (Word's own contents pages type them too), so those are not counted."""
    for paragraph in body.iter(w("p")):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        name = styles.name(style.get(w("val"))) if style is not None else ""
        if re.match(r"(?i)(heading|contents|toc)", name):
            continue
        text = _text(paragraph)
        if TYPED_LABEL.match(text):
            audit.defects["typed list labels"].append(repr(text[:50]))


def _styles_in_use(styles: Styles, parts: list[etree._Element]) -> set[str]:
    used = {styles.default_paragraph_style() or "Normal"}
    for part in parts:
        for tag in ("pStyle", "rStyle"):
            used.update(e.get(w("val")) for e in part.iter(w(tag)))
    return used


def _contrast(styles: Styles, parts: list[etree._Element], audit: Audit) -> None:
    background = "FFFFFF"
    page = parts[0].find("w:background", NS)
    if page is not None and page.get(w("color")) not in (None, "auto"):
        background = page.get(w("color"))
    for style_id in sorted(_styles_in_use(styles, parts)):
        colour = _colour(styles.run_property(style_id, "color"))
        ratio = contrast(colour, background)
        if ratio < MINIMUM_CONTRAST:
            audit.defects["low contrast"].append(
                f"style {styles.name(style_id)}: #{colour} on #{background} is {ratio:.2f}:1"
            )
    for cell in parts[0].iter(w("tc")):
        shading = cell.find("w:tcPr/w:shd", NS)
        fill = background if shading is None else shading.get(w("fill"), background)
        fill = background if fill == "auto" else fill
        for run in cell.iter(w("r")):
            if not _text(run).strip():
                continue
            direct = run.find("w:rPr/w:color", NS)
            style = run.getparent().find("w:pPr/w:pStyle", NS)
            style_id = style.get(w("val")) if style is not None else None
            colour = _colour(
                direct.get(w("val"))
                if direct is not None
                else styles.run_property(style_id, "color")
            )
            if contrast(colour, fill) < MINIMUM_CONTRAST:
                audit.defects["low contrast"].append(
                    f"table text #{colour} on #{fill}: {_text(run)[:40]!r}"
                )


def _table_text(styles: Styles, body: etree._Element, audit: Audit) -> None:
    for cell in body.iter(w("tc")):
        for run in cell.iter(w("r")):
            if not _text(run).strip():
                continue
            size = run.find("w:rPr/w:sz", NS)
            if size is not None:
                value = size.get(w("val"))
            else:
                style = run.getparent().find("w:pPr/w:pStyle", NS)
                style_id = (
                    styles.default_paragraph_style() if style is None else style.get(w("val"))
                )
                value = styles.run_property(style_id, "sz")
            if value is None or int(value) < MINIMUM_TABLE_TEXT:
                audit.defects["small table text"].append(
                    f"{int(value or 20) / 2:g} pt: {_text(run)[:40]!r}"
                )


def _languages(files: dict[str, etree._Element], audit: Audit) -> None:
    found = audit.defects["not en-GB"]
    styles = files["word/styles.xml"]
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    if default is None or default.get(w("val")) != LANGUAGE:
        found.append("styles.xml: the default language is not en-GB")
    for name, root in files.items():
        for lang in root.iter(w("lang"), w("themeFontLang")):
            for attribute in ("val", "eastAsia"):
                value = lang.get(w(attribute))
                if value is not None and value != LANGUAGE:
                    found.append(f"{name}: {lang.tag.split('}')[1]} {attribute}={value}")


def _core_properties(archive: zipfile.ZipFile, audit: Audit) -> None:
    found = audit.defects["core properties"]
    for name in archive.namelist():
        if name.startswith("docProps/") and b"python-docx" in archive.read(name):
            found.append(f"{name} mentions python-docx")
    core = etree.fromstring(archive.read("docProps/core.xml"))
    title = core.findtext("dc:title", default="", namespaces=NS)
    author = core.findtext("dc:creator", default="", namespaces=NS)
    modified_by = core.findtext("cp:lastModifiedBy", default="", namespaces=NS)
    created = core.findtext("dcterms:created", default="", namespaces=NS)
    if not title.strip():
        found.append("no title")
    if not author.strip():
        found.append("no author")
    if not modified_by.strip():
        found.append("no last modified by")
    if not created or created[:4] < "2015":
        found.append(f"created {created or 'never'}")


def _watermark(headers: list[etree._Element], audit: Audit) -> None:
    """A watermark (Word's kind: a VML shape in the header) has a description. VML has no
    "decorative" mark (Word keeps that on DrawingML pictures only)."""
    for header in headers:
        for shape in header.iter("{urn:schemas-microsoft-com:vml}shape"):
            if not shape.get("alt"):
                audit.defects["watermark"].append(f"{shape.get('id')} has no description")


def _heading_fonts(
    styles: Styles, body: etree._Element, audit: Audit, heading_font: str | None
) -> None:
    """Every heading style in use (headings, title, subtitle, contents heading) has the
    same font: ``heading_font`` (the house style's) if given, else Heading 1's."""
    used = {
        styles.name(e.get(w("val"))): e.get(w("val"))
        for e in body.iter(w("pStyle"))
        if re.match(r"(?i)(heading \d|title|subtitle|toc heading)$", styles.name(e.get(w("val"))))
    }
    fonts = {}
    for name, style_id in used.items():
        ascii_font = styles.run_property(style_id, "rFonts", "ascii")
        theme = styles.run_property(style_id, "rFonts", "asciiTheme")
        fonts[name] = ascii_font or f"theme {theme}"
    lower = {name.lower(): font for name, font in fonts.items()}
    expected = heading_font or lower.get("heading 1") or lower.get("title")
    for name, font in sorted(fonts.items()):
        if font != expected:
            audit.defects["heading fonts"].append(f"{name} in {font}, not {expected}")


def audit(path: Path, heading_font: str | None = None) -> Audit:
    """Every defect of the kinds in KINDS in the Word file ``path``; its headings should
    be in ``heading_font`` (by default, whatever font Heading 1 is in)."""
    result = Audit(path)
    with zipfile.ZipFile(path) as archive:
        files = {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }
        _core_properties(archive, result)
    styles = Styles(files["word/styles.xml"])
    document = files["word/document.xml"]
    body = document.find("w:body", NS)
    headers = [root for name, root in files.items() if re.match(r"word/(header|footer)", name)]
    _heading_skips(styles, body, result)
    _typed_labels(styles, body, result)
    _contrast(styles, [document, *headers], result)
    _table_text(styles, body, result)
    _languages(files, result)
    _watermark(headers, result)
    _heading_fonts(styles, body, result, heading_font)
    layout = Layout(styles, files)
    result.defects["words wider than columns"] = words_wider_than_columns(layout, body)
    result.defects["rows that split"] = rows_that_split(body)
    result.defects["contents numbers that wrap"] = contents_numbers_that_wrap(layout, body)
    return result


def main(paths: list[str]) -> None:
    for name in paths:
        found = audit(Path(name))
        counts = " ".join(f"{k.replace(' ', '-')}={v}" for k, v in found.counts().items())
        print(f"{name}: {counts}")
        for kind, defects in found.defects.items():
            for defect in defects[:3]:
                print(f"    {kind}: {defect}")


if __name__ == "__main__":
    main(sys.argv[1:])
