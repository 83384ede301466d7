"""Page numbers for a Word contents page, without the reader pressing "update field".

The contents entries are PAGEREF fields to bookmarks on the headings. A field shows the
result last saved with it, so reportgen lays the document out once with LibreOffice
(headless, converting it to PDF), finds the page each heading landed on, and saves those
numbers as the fields' results. Word shows them on opening; LibreOffice recalculates them
anyway; either will refresh them if the text is edited later.

Without LibreOffice (``soffice``) the fields are left empty and a warning says so.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from reportgen.exceptions import RenderError

SOFFICE_TIMEOUT = 240
_FIELD = re.compile(r"PAGEREF\s+(_Toc\d+)")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def fill_contents_page_numbers(docx_bytes: bytes, headings: list[tuple[str, str]]) -> bytes:
    """``headings``: (bookmark name, heading text) in document order. Returns the DOCX
    with each PAGEREF field's result set to its heading's page."""
    pages = heading_pages(docx_bytes, headings)
    document = docx.Document(io.BytesIO(docx_bytes))
    for instruction in document.element.body.iter(qn("w:instrText")):
        match = _FIELD.search(instruction.text or "")
        if match and match.group(1) in pages:
            _set_field_result(instruction, str(pages[match.group(1)]))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def heading_pages(docx_bytes: bytes, headings: list[tuple[str, str]]) -> dict[str, int]:
    """The page each heading is on, as LibreOffice lays the document out."""
    page_texts = _laid_out_pages(docx_bytes)
    found: dict[str, int] = {}
    # The contents page lists every heading: start after the page listing the last one.
    start = next(
        (
            i + 1
            for i, text in enumerate(page_texts)
            if headings and _normal(headings[-1][1]) in text
        ),
        0,
    )
    for bookmark, heading in headings:
        wanted = _normal(heading)
        for index in range(start, len(page_texts)):
            if wanted in page_texts[index]:
                found[bookmark], start = index + 1, index
                break
    return found


def _laid_out_pages(docx_bytes: bytes) -> list[str]:
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
        return [_normal(page.extract_text() or "") for page in PdfReader(pdf).pages]


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _set_field_result(instruction: object, page: str) -> None:
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
