"""Page numbers for a Word contents page, without the reader pressing "update field".

The contents entries are PAGEREF fields to bookmarks on the headings. A field shows the
result last saved with it, so reportgen lays the document out once with LibreOffice
(headless, converting it to PDF) — LibreOffice works the page references out as it lays
the file out — reads the numbers off that contents page, and saves them as the fields'
results. Word shows them on opening; LibreOffice recalculates them anyway; either will
refresh them if the text is edited later.

Without LibreOffice (``soffice``), or if it fails, the fields are left empty and a warning
says so: the document is still built.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

from reportgen.exceptions import RenderError

SOFFICE_TIMEOUT = 240
_FIELD = re.compile(r"PAGEREF\s+(_Toc\d+)")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def fill_contents_page_numbers(docx_bytes: bytes, entries: list[tuple[str, str]]) -> bytes:
    """``entries``: (bookmark name, contents line text) in order. Returns the DOCX with each
    PAGEREF field's result set to the page LibreOffice puts its heading on."""
    try:
        pages = contents_page_numbers(_laid_out_pages(docx_bytes), entries)
    except RenderError as error:
        LOGGER.warning(
            "%s The Word contents page has no page numbers until the reader updates it (F9).", error
        )
        return docx_bytes
    missing = [text for (bookmark, text) in entries if bookmark not in pages]
    if missing:
        LOGGER.warning(
            "no page number found for these Word contents entries: %s", "; ".join(missing)
        )
    document = docx.Document(io.BytesIO(docx_bytes))
    for instruction in document.element.body.iter(qn("w:instrText")):
        match = _FIELD.search(instruction.text or "")
        if match and match.group(1) in pages:
            _set_field_result(instruction, str(pages[match.group(1)]))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def contents_page_numbers(
    page_lines: list[list[str]], entries: list[tuple[str, str]]
) -> dict[str, int]:
    """The page each entry's heading is on, in LibreOffice's layout. A heading is a whole
    line (or two, when it wraps) equal to the entry's text; the search starts after the
    contents pages (which list every heading) and moves forward only, so headings are
    found in order and a title that is also part of another line is not mistaken."""
    if not entries:
        return {}
    last = _normal(entries[-1][1])
    page = next((i for i, lines in enumerate(page_lines) if _has_line(lines, last)), -1) + 1
    found: dict[str, int] = {}
    for bookmark, text in entries:
        wanted = _normal(text)
        for index in range(page, len(page_lines)):
            if _has_line(page_lines[index], wanted):
                found[bookmark], page = index + 1, index
                break
    return found


def _has_line(lines: list[str], wanted: str) -> bool:
    """Whether ``wanted`` is a line of the page, or two consecutive lines (a wrapped one)."""
    return any(
        line == wanted or line + following == wanted
        for line, following in zip(lines, [*lines[1:], ""], strict=True)
    )


def _laid_out_pages(docx_bytes: bytes) -> list[list[str]]:
    """Each page's lines of text (letters and digits only), as LibreOffice lays them out."""
    from pypdf import PdfReader

    program = soffice()
    if program is None:
        raise RenderError(
            "LibreOffice is needed to put page numbers in the Word contents "
            "page: sudo apt-get install -y libreoffice-writer-nogui"
        )
    with tempfile.TemporaryDirectory(prefix="reportgen-") as scratch:
        folder = Path(scratch)
        (folder / "document.docx").write_bytes(docx_bytes)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(folder / "document.docx"),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as error:
            raise RenderError("LibreOffice took too long to lay out the Word file.") from error
        pdf = folder / "document.pdf"
        if not pdf.is_file():
            raise RenderError(
                "LibreOffice could not lay out the Word file to number its contents page."
            )
        return [
            [_normal(line) for line in (page.extract_text() or "").splitlines()]
            for page in PdfReader(pdf).pages
        ]


LOGGER = logging.getLogger("reportgen")


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _set_field_result(instruction: Any, page: str) -> None:
    """Set the text between the field's "separate" and "end" marks."""
    run = instruction.getparent()
    separated = False
    for sibling in run.itersiblings():
        char = sibling.find(qn("w:fldChar"))
        if char is not None:
            kind = char.get(qn("w:fldCharType"))
            if kind == "end":
                return
            separated = separated or kind == "separate"
            continue
        text = sibling.find(qn("w:t"))
        if separated and text is not None:
            text.text = page
            return
