"""A tagged PDF read back as a screen reader meets it: the structure tree (pikepdf), the
text each part of it holds (pdfium, by marked-content id), each page's text and the
bookmarks. The checks of issue 14 are in tests/pdf_checks.py.

``python -m tests.pdf_audit FILE.pdf ...`` prints the count of each defect per file.
"""

from __future__ import annotations

import ctypes
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

Content = tuple[int, int]
"""A piece of marked content: (page index, marked-content id)."""
CELLS = ("/TH", "/TD")
ROW_GROUPS = ("/THead", "/TBody", "/TFoot")
HEADINGS = ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")


@dataclass
class Element:
    """A structure element: its type (``/P``), and the content and elements it holds, in
    their order."""

    kind: str
    parent: Element | None
    page: int | None
    items: list[Element | Content] = field(default_factory=list)
    annotations: list[tuple[pikepdf.Object, int | None]] = field(default_factory=list)
    """Each annotation the element holds, with its page."""
    attributes: dict[str, Any] = field(default_factory=dict)
    actual_text: str | None = None
    alt: str | None = None
    objgen: tuple[int, int] = (0, 0)

    @property
    def kids(self) -> list[Element]:
        return [item for item in self.items if isinstance(item, Element)]

    def walk(self) -> Iterator[Element]:
        """This element and every element below it, in reading order."""
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def all_content(self) -> list[Content]:
        """The marked content it and the elements below it hold, in reading order."""
        found: list[Content] = []
        for item in self.items:
            found += item.all_content() if isinstance(item, Element) else [item]
        return found

    def ancestors(self) -> Iterator[Element]:
        parent = self.parent
        while parent is not None:
            yield parent
            parent = parent.parent


@dataclass
class Bookmark:
    title: str
    page: int | None
    children: list[Bookmark]


@dataclass
class Audit:
    """One PDF, read back."""

    path: Path
    pdf: pikepdf.Pdf
    document: Element
    text: dict[Content, str]
    """The text of each piece of marked content, as the pages draw it."""
    page_text: list[str]
    """Each page's text in the order it is drawn (artifacts too)."""
    marked: set[Content]
    """Every marked-content id the page content streams use."""
    untagged_text: int
    """Text drawn outside any marked content (neither tagged nor an artifact)."""
    bookmarks: list[Bookmark]
    ids: set[str]
    """The structure element ids the tree's /IDTree resolves."""
    parents: dict[Content | int, tuple[int, int]]
    """The parent tree: the element holding each piece of marked content, and each
    annotation's (by its /StructParent)."""

    def text_of(self, element: Element) -> str:
        """What a screen reader reads for ``element`` (its /ActualText where it has one)."""
        if element.actual_text is not None:
            return element.actual_text
        parts = [
            self.text_of(item) if isinstance(item, Element) else self.text.get(item, "")
            for item in element.items
        ]
        return re.sub(r"\s+", " ", " ".join(parts)).strip()

    def elements(self, *kinds: str) -> list[Element]:
        return [e for e in self.document.walk() if not kinds or e.kind in kinds]

    def metadata_text(self) -> str:
        """The title, subject and keywords, from the Info dictionary and the XMP."""
        info = self.pdf.docinfo
        values = [str(info.get(key, "")) for key in ("/Title", "/Subject", "/Keywords")]
        with self.pdf.open_metadata() as xmp:
            values += [str(xmp.get(key, "")) for key in ("dc:title", "dc:description")]
        return " ".join(values)


def read(path: Path) -> Audit:
    """Read ``path`` for auditing."""
    pdf = pikepdf.open(path)
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    tree = pdf.Root.StructTreeRoot
    kids = tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]
    (document,) = [_element(kid, None, None, pages, set()) for kid in kids]
    marked, untagged = _marked_content(pdf)
    text, page_text = _text_by_content(path)
    with pdf.open_outline() as outline:
        bookmarks = [_bookmark(item, pdf, pages) for item in outline.root]
    parents = _parent_tree(pdf, tree)
    return Audit(
        path, pdf, document, text, page_text, marked, untagged, bookmarks, _ids(tree), parents
    )


def _element(
    node: pikepdf.Dictionary,
    parent: Element | None,
    page: int | None,
    pages: dict[tuple[int, int], int],
    seen: set[tuple[int, int]],
) -> Element:
    if node.objgen in seen:
        raise AssertionError(f"the structure tree has a loop at {node.objgen}")
    seen.add(node.objgen)
    if "/Pg" in node:
        page = pages[node.Pg.objgen]
    element = Element(str(node.get("/S", "")), parent, page, objgen=node.objgen)
    if "/ActualText" in node:
        element.actual_text = str(node.ActualText)
    if "/Alt" in node:
        element.alt = str(node.Alt)
    element.attributes = _attributes(node.get("/A"))
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
        _add_kid(element, kid, pages, seen)
    return element


def _add_kid(
    element: Element, kid: Any, pages: dict[tuple[int, int], int], seen: set[tuple[int, int]]
) -> None:
    if isinstance(kid, int):
        assert element.page is not None, f"{element.kind} holds content but names no page"
        element.items.append((element.page, kid))
    elif kid.get("/Type") == "/OBJR":
        page = pages[kid.Pg.objgen] if "/Pg" in kid else element.page
        element.annotations.append((kid.Obj, page))
    elif kid.get("/Type") == "/MCR":
        page = pages[kid.Pg.objgen] if "/Pg" in kid else element.page
        assert page is not None
        element.items.append((page, int(kid.MCID)))
    else:
        element.items.append(_element(kid, element, element.page, pages, seen))


def _attributes(value: Any) -> dict[str, Any]:
    """An element's attributes (/A, one dictionary or an array of them), merged."""
    merged: dict[str, Any] = {}
    for entry in value if isinstance(value, pikepdf.Array) else [] if value is None else [value]:
        if isinstance(entry, pikepdf.Dictionary):
            merged |= {str(key): entry[key] for key in entry}
    return merged


def _parent_tree(
    pdf: pikepdf.Pdf, tree: pikepdf.Dictionary
) -> dict[Content | int, tuple[int, int]]:
    entries = dict(pikepdf.NumberTree(tree.ParentTree).items())
    parents: dict[Content | int, tuple[int, int]] = {}
    for index, page in enumerate(pdf.pages):
        holders = entries.get(int(page.obj.get("/StructParents", -1)))
        for mcid, holder in enumerate(holders if isinstance(holders, pikepdf.Array) else []):
            if isinstance(holder, pikepdf.Dictionary):
                parents[(index, mcid)] = holder.objgen
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                key = int(annotation.StructParent)
                parents[key] = entries[key].objgen if key in entries else (0, 0)
    return parents


def _ids(tree: pikepdf.Dictionary) -> set[str]:
    if "/IDTree" not in tree:
        return set()
    return {str(key) for key, _ in pikepdf.NameTree(tree.IDTree).items()}


def _marked_content(pdf: pikepdf.Pdf) -> tuple[set[Content], int]:
    """Every marked-content id used on the pages, and how many text-showing operators
    are outside any marked content."""
    marked: set[Content] = set()
    untagged = 0
    for index, page in enumerate(pdf.pages):
        depth = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("BDC", "BMC"):
                depth += 1
                properties = operands[1] if name == "BDC" else None
                if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                    marked.add((index, int(properties.MCID)))
            elif name == "EMC":
                depth -= 1
            elif name in ("Tj", "TJ", "'", '"', "Do") and depth == 0:
                untagged += 1
    return marked, untagged


def _text_by_content(path: Path) -> tuple[dict[Content, str], list[str]]:
    """The text of each piece of marked content, and of each page in drawing order
    (pdfium: pdfplumber takes seconds a page)."""
    text: dict[Content, list[str]] = defaultdict(list)
    page_text = []
    document = pdfium.PdfDocument(path)
    for index in range(len(document)):
        page = document[index]
        text_page = page.get_textpage()
        drawn = []
        for piece in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=8):
            mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(piece.raw)
            words = _object_text(piece, text_page)
            drawn.append(words)
            if mcid >= 0:
                text[(index, mcid)].append(words)
        page_text.append("".join(drawn))
    document.close()
    return {piece: "".join(words) for piece, words in text.items()}, page_text


def _object_text(piece: Any, text_page: Any) -> str:
    size = pdfium_c.FPDFTextObj_GetText(piece.raw, text_page.raw, None, 0)
    buffer = (ctypes.c_ushort * (size // 2))()
    pdfium_c.FPDFTextObj_GetText(piece.raw, text_page.raw, buffer, size)
    return bytes(buffer).decode("utf-16-le").rstrip("\x00")


def _bookmark(
    item: pikepdf.OutlineItem, pdf: pikepdf.Pdf, pages: dict[tuple[int, int], int]
) -> Bookmark:
    destination = item.destination
    page = None
    if isinstance(destination, pikepdf.Array) and len(destination):
        page = pages.get(destination[0].objgen)
    children = [_bookmark(child, pdf, pages) for child in item.children]
    return Bookmark(str(item.title), page, children)


def all_bookmarks(bookmarks: list[Bookmark]) -> Iterator[Bookmark]:
    for bookmark in bookmarks:
        yield bookmark
        yield from all_bookmarks(bookmark.children)


if __name__ == "__main__":
    # Through the imported module, so the checks see its classes, not __main__'s.
    from tests import pdf_audit
    from tests.pdf_checks import defects

    for name in sys.argv[1:]:
        counts = {check: len(found) for check, found in defects(pdf_audit.read(Path(name))).items()}
        print(name, sum(counts.values()), counts)
