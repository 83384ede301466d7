"""Page numbers for a Word contents page, without the reader pressing "update field".

The contents entries are PAGEREF fields to bookmarks on the headings. A field shows the
result last saved with it, so reportgen lays the document out once with LibreOffice
(headless, converting it to PDF) — LibreOffice works the page references out as it lays
the file out — reads the numbers off that contents page, and saves them as the fields'
results. Word shows them on opening; LibreOffice recalculates them anyway; either will
refresh them if the text is edited later. LibreOffice starts as soon as the Word file is
rendered and works in the background (:class:`ContentsLayout`), beside the build's PDF
layout, and only for a document that has a contents page.

Without LibreOffice (``soffice``), or if it fails, the fields are left empty and a warning
says so: the document is still built.

LibreOffice works in a scratch folder of the system's temporary folder, named
``reportgen-soffice-<process>-XXXXXXXX``, deleted when it is done. A build that is killed
cannot delete its own, so each build deletes those whose process has ended
(:func:`remove_abandoned_scratch`), never one a running build is using.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

from reportgen.exceptions import RenderError
from reportgen.render.tools import soffice

SOFFICE_TIMEOUT = 240
SCRATCH_PREFIX = "reportgen-soffice-"
ABANDONED_AFTER = 2 * SOFFICE_TIMEOUT + 60
"""Seconds after which a scratch folder is abandoned whoever made it: longer than any
layout can take (LibreOffice is stopped after SOFFICE_TIMEOUT)."""
_SCRATCH = re.compile(r"reportgen-soffice-(\d+)-[a-z0-9_]+")
_OLD_SCRATCH = re.compile(r"reportgen-[a-z0-9_]{8}")
_FIELD = re.compile(r"PAGEREF\s+(_Toc\d+)")


def fill_contents_page_numbers(docx_bytes: bytes, entries: list[tuple[str, str]]) -> bytes:
    """``entries``: (bookmark name, contents line text) in order. Returns the DOCX with each
    PAGEREF field's result set to the page LibreOffice puts its heading on."""
    return ContentsLayout({"document.docx": (docx_bytes, entries)}).numbered()["document.docx"]


WordFiles = dict[str, tuple[bytes, list[tuple[str, str]]]]
"""Word files by name (``strategic-assessment.docx``): each file's bytes and its contents
entries, (bookmark name, contents line text) in order."""


class ContentsLayout:
    """LibreOffice laying Word files out in the background — one LibreOffice for them
    all, started at once — so the build renders its other files meanwhile;
    :meth:`numbered` waits for it and gives the files with their contents pages numbered.
    :meth:`stop` ends it early (a failed build)."""

    def __init__(self, files: WordFiles) -> None:
        self.files = files
        self.folder: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.started, self.timed_out = time.monotonic(), False
        self.failure = ""
        program = soffice()
        if program is None:
            return
        try:
            self.folder = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))
            for name, (docx_bytes, _) in files.items():
                (self.folder / name).write_bytes(docx_bytes)
            self.process = subprocess.Popen(
                _layout_command(program, self.folder, list(files)),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:  # no room for the scratch files, or LibreOffice cannot run:
            self.stop()  # the pages go unnumbered, with a warning (see numbered())
            self.process = None
            self.failure = f"LibreOffice could not be started to lay out the Word file ({error})."

    @property
    def running(self) -> bool:
        """Whether LibreOffice is at work laying the files out."""
        return self.process is not None and self.process.poll() is None

    def numbered(self) -> dict[str, bytes]:
        """Each Word file with its contents page numbered; unnumbered, with a warning, if
        LibreOffice is missing or fails."""
        try:
            return {name: self._numbered(name) for name in self.files}
        finally:
            self.stop()

    def stop(self) -> None:
        """End LibreOffice if it is still at work, and delete its scratch folder."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def _numbered(self, name: str) -> bytes:
        docx_bytes, entries = self.files[name]
        try:
            pages = headings_pages(self._laid_out(name), entries)
        except RenderError as error:
            LOGGER.warning(
                "%s The Word contents page has no page numbers until the reader updates it (F9).",
                error,
            )
            return docx_bytes
        return _with_page_numbers(docx_bytes, entries, pages)

    def _laid_out(self, name: str) -> Path:
        """The PDF LibreOffice laid the Word file ``name`` out as, once it is done."""
        if self.timed_out:
            raise RenderError("LibreOffice took too long to lay out the Word file.")
        if self.process is None or self.folder is None:
            raise RenderError(
                self.failure
                or "LibreOffice is needed to put page numbers in the Word contents "
                "page: sudo apt-get install -y libreoffice-writer-nogui"
            )
        left = SOFFICE_TIMEOUT - (time.monotonic() - self.started)
        try:
            self.process.wait(timeout=max(left, 0.001))
        except subprocess.TimeoutExpired as error:
            self.stop()
            self.timed_out = True
            raise RenderError("LibreOffice took too long to lay out the Word file.") from error
        pdf = self.folder / f"{Path(name).stem}.pdf"
        if not pdf.is_file():
            raise RenderError(
                "LibreOffice could not lay out the Word file to number its contents page."
            )
        return pdf


def headings_pages(pdf: Path, entries: list[tuple[str, str]]) -> dict[str, int]:
    """The page each entry's heading is on in LibreOffice's PDF: from the PDF's bookmarks
    (LibreOffice makes one for each heading, with its page), or, if they do not name every
    heading, from the text of its pages (see :func:`contents_page_numbers`; slower)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    found = bookmarked_page_numbers(_bookmarks(reader, reader.outline), entries)
    if len(found) == len(entries):
        return found
    pages = [
        [_letters_and_digits(line) for line in (page.extract_text() or "").splitlines()]
        for page in reader.pages
    ]
    return contents_page_numbers(pages, entries)


def bookmarked_page_numbers(
    bookmarks: list[tuple[str, int]], entries: list[tuple[str, str]]
) -> dict[str, int]:
    """The page of each entry's heading among the PDF's bookmarks (title, page), in order:
    each entry is looked for after the one before it, so headings are found in order."""
    found: dict[str, int] = {}
    start = 0
    for bookmark, text in entries:
        wanted = _letters_and_digits(text)
        for index in range(start, len(bookmarks)):
            if _letters_and_digits(bookmarks[index][0]) == wanted:
                found[bookmark], start = bookmarks[index][1], index + 1
                break
    return found


def _bookmarks(reader: Any, outline: list[Any]) -> list[tuple[str, int]]:
    """A PDF's bookmarks, in order (nested ones after their parent): title and page."""
    found: list[tuple[str, int]] = []
    for item in outline:
        if isinstance(item, list):
            found += _bookmarks(reader, item)
            continue
        try:
            page = reader.get_destination_page_number(item)
        except (KeyError, ValueError, AttributeError):
            continue
        if page is not None and page >= 0:
            found.append((str(item.title or ""), page + 1))
    return found


def _layout_command(program: str, folder: Path, names: list[str]) -> list[str]:
    return [
        program,
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        *(str(folder / name) for name in names),
    ]


def _with_page_numbers(
    docx_bytes: bytes, entries: list[tuple[str, str]], pages: dict[str, int]
) -> bytes:
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
    last = _letters_and_digits(entries[-1][1])
    page = next((i for i, lines in enumerate(page_lines) if _has_line(lines, last)), -1) + 1
    found: dict[str, int] = {}
    for bookmark, text in entries:
        wanted = _letters_and_digits(text)
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


LOGGER = logging.getLogger("reportgen")


def remove_abandoned_scratch() -> list[Path]:
    """Delete LibreOffice scratch folders left by killed builds: those whose process has
    ended, or older than any layout takes. Returns the folders deleted."""
    removed = []
    for folder in Path(tempfile.gettempdir()).glob("reportgen-*"):
        if not folder.is_symlink() and folder.is_dir() and _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _abandoned(folder: Path) -> bool:
    try:
        age = time.time() - folder.stat().st_mtime
    except OSError:
        return False
    if match := _SCRATCH.fullmatch(folder.name):
        return age > ABANDONED_AFTER or not _running(int(match.group(1)))
    # named by an earlier reportgen, without its process: recognised by what is inside
    old = _OLD_SCRATCH.fullmatch(folder.name) and (folder / "document.docx").exists()
    return bool(old) and age > ABANDONED_AFTER


def _running(process: int) -> bool:
    """Whether a process is alive (one that has ended but not been collected by its
    parent, a "zombie", is not)."""
    try:
        os.kill(process, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{process}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[:1] not in (["Z"], ["X"])


def _letters_and_digits(text: str) -> str:
    """A line as contents entries and headings are matched: lower-case letters and digits
    only (LibreOffice's text layer spaces and punctuates them its own way)."""
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
