"""PDF: the HTML laid out by WeasyPrint as tagged PDF/UA-1.

WeasyPrint may read only files inside reportgen's template folders (and inline data:
URLs); anything else — a web address, a file elsewhere on the machine — stops the build.
Any message WeasyPrint logs at ERROR fails the build rather than giving a flawed PDF.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from reportgen.exceptions import RenderError

PDF_VARIANT = "pdf/ua-1"


class ForbiddenResourceError(FatalURLFetchingError):
    """A document asked WeasyPrint for a resource outside the project's templates."""


class ProjectOnlyFetcher(URLFetcher):
    """Fetches ``data:`` URLs and ``file:`` URLs inside the allowed folders, nothing else."""

    def __init__(self, allowed: list[Path]) -> None:
        super().__init__(allowed_protocols=["file", "data"])
        self.allowed = [folder.resolve() for folder in allowed]

    def fetch(self, url: str, headers: dict | None = None):
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        if parsed.scheme == "file" and self._inside(Path(unquote(parsed.path))):
            return super().fetch(url, headers)
        raise ForbiddenResourceError(
            f"the document may not load {url}: only files in the template folders can be used."
        )

    def _inside(self, path: Path) -> bool:
        resolved = path.resolve()
        return any(resolved.is_relative_to(folder) for folder in self.allowed)


class _ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_errors() -> Iterator[_ErrorCollector]:
    collector = _ErrorCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)


def render_pdf(html: str, folders: list[Path]) -> bytes:
    """Lay out ``html`` as a tagged PDF/UA-1 document."""
    fetcher = ProjectOnlyFetcher(folders)
    base_url = (folders[-1] / "html").as_uri() + "/"
    with _weasyprint_errors() as errors:
        try:
            document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
            pdf = document.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
        except ForbiddenResourceError as error:
            raise RenderError(f"PDF refused: {error}") from error
    if errors.messages:
        raise RenderError(
            "WeasyPrint reported errors; the PDF was not written:\n  "
            + "\n  ".join(errors.messages)
        )
    return pdf
