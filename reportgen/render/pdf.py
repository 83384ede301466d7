"""PDF: the HTML laid out by WeasyPrint as tagged PDF/UA-1.

WeasyPrint may read only files inside reportgen's template folders (and inline data:
URLs); anything else — a web address, a file elsewhere on the machine — stops the build.
Any message WeasyPrint logs at ERROR fails the build rather than giving a flawed PDF.
WeasyPrint is imported only when a PDF is made, so ``check`` works without Pango.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from reportgen.exceptions import RenderError
from reportgen.load.paths import is_link_out, stays_inside
from reportgen.render.docx_draft import DRAFT_NOTICE
from reportgen.render.page_numbers import label_pages
from reportgen.render.pdf_bookmarks import tidy_bookmarks
from reportgen.render.pdf_errors import weasyprint_errors
from reportgen.render.pdf_sources import Source, recording
from reportgen.render.pdf_tags import repair_structure
from reportgen.render.template_folders import find_template

PDF_VARIANT = "pdf/ua-1"
PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


def load_weasyprint() -> Any:
    try:
        import weasyprint
    except OSError as error:
        raise RenderError(
            f"PDFs need the Pango text library, which is missing ({error}). Install it with: "
            f"sudo apt-get install -y {PANGO_PACKAGES}"
        ) from error
    return weasyprint


def project_only_fetcher(allowed: list[Path]) -> Any:
    """A WeasyPrint URL fetcher for ``data:`` URLs and files inside ``allowed`` only (a
    link leading out of them, or a ``..`` path, is refused without being read)."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    roots = [folder.resolve() for folder in allowed]
    written = [Path(os.path.abspath(folder)) for folder in allowed]

    class ForbiddenResourceError(FatalURLFetchingError):
        """A document asked for a resource outside the template folders."""

    class ProjectOnlyFetcher(URLFetcher):
        forbidden = ForbiddenResourceError

        def fetch(self, url: str, headers: dict | None = None) -> Any:
            url = _first_found(url, written)
            refusal = _refusal(url, roots)
            if refusal:
                raise ForbiddenResourceError(refusal)
            return super().fetch(url, headers)

    return ProjectOnlyFetcher(allowed_protocols=["file", "data"])


def _first_found(url: str, folders: list[Path]) -> str:
    """A file the document names (a picture, a font) from the first template folder that
    has it, as templates are found: a council that replaces only the stylesheet can put
    its logo beside it. A file no folder has is looked for in the first (the council's)."""
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return url
    path = Path(os.path.normpath(unquote(parsed.path)))
    home = next((folder for folder in folders if path.is_relative_to(folder)), None)
    if home is None:
        return url  # outside every template folder: refused, see _refusal
    relative = path.relative_to(home)
    found = [folder / relative for folder in folders if (folder / relative).exists()]
    return (found[0] if found else folders[0] / relative).as_uri()


def _refusal(url: str, roots: list[Path]) -> str | None:
    """Why the document may not load ``url``; None when it may."""
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return None
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path))
        if any(stays_inside(path, root) for root in roots):
            return None
        if any(is_link_out(path, root) for root in roots):
            return (
                f"the document may not load {path}: it is a link to a file outside the "
                "template folders, so it was not read; put a copy of the file in the "
                "template folder instead of a link."
            )
    return f"the document may not load {url}: only files in the template folders can be used."


def render_pdf(
    html: str,
    template_name: str,
    folders: list[Path],
    draft: bool = False,
    first_page_label: int | None = None,
) -> bytes:
    """Lay out ``html`` as a tagged PDF/UA-1 document. Relative links (images, fonts)
    resolve against the folder the HTML template was found in, then the other template
    folders in their order. A ``draft`` says so in its subject too. The structure tree
    WeasyPrint writes is repaired (see :mod:`~reportgen.render.pdf_tags`) and the
    bookmarks tidied (see :mod:`~reportgen.render.pdf_bookmarks`). With
    ``first_page_label``, a PDF viewer numbers the pages from it (as printed)."""
    weasyprint = load_weasyprint()
    fetcher = project_only_fetcher(folders)
    template = find_template(folders, "html", f"{template_name}.html.j2")
    written = [Path(os.path.abspath(folder)) for folder in folders]
    with weasyprint_errors(lambda url: _first_found(url, written)) as errors, _collector_paused():
        try:
            document = weasyprint.HTML(
                string=html, base_url=template.parent.as_uri() + "/", url_fetcher=fetcher
            ).render(pdf_variant=PDF_VARIANT)
            tidy_bookmarks(document.pages)
            if draft:
                subject = document.metadata.description
                document.metadata.description = f"{DRAFT_NOTICE}. {subject or ''}".strip()
            with recording() as noted:
                pdf = document.write_pdf(
                    pdf_variant=PDF_VARIANT,
                    finisher=lambda _, written_pdf: _finish(
                        written_pdf, noted.sources, first_page_label
                    ),
                )
        except fetcher.forbidden as error:
            raise RenderError(f"PDF refused: {error}") from error
    if errors.messages:
        raise RenderError(
            "WeasyPrint reported errors; the PDF was not written:\n  "
            + "\n  ".join(errors.messages)
        )
    return pdf


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's collector of unreachable objects paused while WeasyPrint lays the document
    out and writes it: its repeated passes over the hundreds of thousands of boxes and
    styles WeasyPrint makes, all in use until the PDF is written, took a tenth to a third
    of the time (more in a process that already holds much). Collection resumes
    afterwards, in one pass; the pause costs about 2 MB at the peak."""
    was_collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_collecting:
            gc.enable()


def _finish(pdf: Any, sources: dict[int, Source], first_page_label: int | None) -> None:
    """The PDF as WeasyPrint made it, finished before it is written: its structure tree
    repaired and, if asked, its page labels set."""
    repair_structure(pdf, sources)
    if first_page_label is not None:
        label_pages(pdf, first_page_label)
