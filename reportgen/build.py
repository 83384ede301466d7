"""The pipeline end to end: load → validate → compute → render → write.

This is reportgen's Python API; the command line is a thin shell over it::

    from reportgen import build, check
    problems = check("content/2018-19")
    paths = build("content/2018-19", documents=["committee-report"], formats=["pdf"])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reportgen.compute import committee_report
from reportgen.exceptions import ContentError, ReportgenError
from reportgen.problems import Problem
from reportgen.render.docx import render_docx
from reportgen.render.html import render_html
from reportgen.render.pdf import render_pdf
from reportgen.templates import search_path
from reportgen.write import OutputFolder
from reportgen.year import Year, read_year

FORMATS = ("docx", "pdf", "html")
DEFAULT_OUTPUT = Path("output")


@dataclass(frozen=True)
class DocumentKind:
    """A document reportgen can produce: its name, how it is computed, its templates."""

    name: str
    compute: Callable[[Year], object]
    template: str


DOCUMENTS: dict[str, DocumentKind] = {
    "committee-report": DocumentKind("committee-report", committee_report, "committee-report"),
}

Progress = Callable[[str], None]


def check(folder: Path | str) -> list[Problem]:
    """Every problem in a year folder (errors and warnings); empty when all is well."""
    try:
        return read_year(Path(folder)).warnings
    except ContentError as error:
        return error.problems


def default_output(folder: Path) -> Path:
    """``output/<year folder name>/``"""
    return DEFAULT_OUTPUT / Path(folder).resolve().name


def build(
    folder: Path | str,
    documents: Iterable[str] | None = None,
    formats: Iterable[str] | None = None,
    out: Path | str | None = None,
    templates: Path | str | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Build documents of a year folder; returns the paths written.

    ``documents`` defaults to every document the year defines, ``formats`` to all three,
    ``out`` to ``output/<year folder name>/``. Raises :class:`ContentError` listing every
    problem if the content is invalid, before anything is written.
    """
    year = read_year(Path(folder))
    names = _chosen(documents, DOCUMENTS, "document")
    chosen_formats = _chosen(formats, FORMATS, "format")
    folders = search_path(Path(templates) if templates else None)
    output = OutputFolder(Path(out) if out else default_output(year.folder))
    report = progress or (lambda message: None)
    for name in names:
        kind = DOCUMENTS[name]
        document = kind.compute(year)
        html = render_html(document, kind.template, folders)
        for fmt in chosen_formats:
            report(f"{year.name}: writing {name}.{fmt}")
            output.write(f"{name}.{fmt}", _render(fmt, document, html, kind, folders))
    return output.written


def _render(
    fmt: str, document: object, html: str, kind: DocumentKind, folders: list[Path]
) -> bytes | str:
    if fmt == "html":
        return html
    if fmt == "pdf":
        return render_pdf(html, folders)
    return render_docx(document, kind.template, folders)


def _chosen(requested: Iterable[str] | None, known: Iterable[str], what: str) -> list[str]:
    known = list(known)
    if requested is None:
        return known
    chosen = list(dict.fromkeys(requested))
    unknown = [name for name in chosen if name not in known]
    if unknown:
        raise ReportgenError(
            f"unknown {what} {', '.join(unknown)}; choose from {', '.join(known)}."
        )
    return chosen
