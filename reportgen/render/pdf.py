"""PDF: the HTML laid out by WeasyPrint as tagged PDF/UA-1.

WeasyPrint may read only files inside reportgen's template folders (and inline data:
URLs); anything else — a web address, a file elsewhere on the machine — stops the build.
Any message WeasyPrint logs at ERROR fails the build rather than giving a flawed PDF.
WeasyPrint is imported only when a PDF is made, so ``check`` works without Pango.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from reportgen.exceptions import RenderError
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
    """A WeasyPrint URL fetcher for ``data:`` URLs and files inside ``allowed`` only."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    roots = [folder.resolve() for folder in allowed]

    class ForbiddenResourceError(FatalURLFetchingError):
        """A document asked for a resource outside the template folders."""

    class ProjectOnlyFetcher(URLFetcher):
        forbidden = ForbiddenResourceError

        def fetch(self, url: str, headers: dict | None = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "data" or (
                parsed.scheme == "file" and _inside(Path(unquote(parsed.path)), roots)
            ):
                return super().fetch(url, headers)
            raise ForbiddenResourceError(
                f"the document may not load {url}: only files in the template folders can be used."
            )

    return ProjectOnlyFetcher(allowed_protocols=["file", "data"])


def _inside(path: Path, roots: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(root) for root in roots)


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


def render_pdf(html: str, template_name: str, folders: list[Path]) -> bytes:
    """Lay out ``html`` as a tagged PDF/UA-1 document. Relative links (images, fonts)
    resolve against the folder the HTML template was found in."""
    weasyprint = load_weasyprint()
    fetcher = project_only_fetcher(folders)
    template = find_template(folders, "html", f"{template_name}.html.j2")
    with _weasyprint_errors() as errors:
        try:
            document = weasyprint.HTML(
                string=html, base_url=template.parent.as_uri() + "/", url_fetcher=fetcher
            )
            pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
        except fetcher.forbidden as error:
            raise RenderError(f"PDF refused: {error}") from error
    if errors.messages:
        raise RenderError(
            "WeasyPrint reported errors; the PDF was not written:\n  "
            + "\n  ".join(errors.messages)
        )
    return pdf
