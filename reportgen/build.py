"""The pipeline end to end: load → validate → compute → render → write.

This is reportgen's Python API; the command line is a thin shell over it::

    from reportgen import build, check
    problems = check("content/2018-19")
    paths = build("content/2018-19", documents=["committee-report"], formats=["pdf"])
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from reportgen import signoff
from reportgen.compute import committee_report, community_safety_plan, strategic_assessment
from reportgen.exceptions import ContentError, RefusedError, ReportgenError
from reportgen.fingerprint import BuildStamp, inputs_fingerprint
from reportgen.problems import Problem
from reportgen.render.docx import render_docx
from reportgen.render.html import render_html
from reportgen.render.pdf import load_weasyprint, render_pdf
from reportgen.templates import search_path
from reportgen.write import OutputFolder
from reportgen.year import LIBRARY_FOLDER, Year, check_library, read_year

FORMATS = ("docx", "pdf", "html")


@dataclass(frozen=True)
class DocumentKind:
    """A document reportgen can produce: its name, how it is computed, its templates, and
    whether a year's content defines it."""

    name: str
    compute: Callable[[Year], object]
    defined: Callable[[Year], bool] = lambda year: True
    cost: dict[str, float] | None = None
    """Rough seconds to render each format, so the slowest jobs start first."""

    @property
    def template(self) -> str:
        """Its templates' name (``<template>.html.j2``, ``<template>.docx``): its own."""
        return self.name


DOCUMENTS: dict[str, DocumentKind] = {
    "committee-report": DocumentKind(
        "committee-report",
        committee_report,
        cost={"pdf": 0.6, "docx": 0.2, "html": 0.1},
    ),
    "strategic-assessment": DocumentKind(
        "strategic-assessment",
        strategic_assessment,
        defined=lambda year: year.assessment is not None,
        # the Word file is laid out once by LibreOffice to number its contents page
        cost={"pdf": 3.0, "docx": 3.2, "html": 0.6},
    ),
    "community-safety-plan": DocumentKind(
        "community-safety-plan",
        community_safety_plan,
        defined=lambda year: year.plan is not None,
        cost={"pdf": 2.0, "docx": 0.5, "html": 0.3},
    ),
}

Progress = Callable[[str], None]


def check(folder: Path | str) -> list[Problem]:
    """Every problem in a year folder, or in the shared library folder (errors and
    warnings); empty when all is well."""
    return check_year(folder)[0]


def check_year(folder: Path | str) -> tuple[list[Problem], Year | None]:
    """:func:`check`, with the year it read (None for the library folder, or for content
    with errors)."""
    folder = Path(folder)
    if folder.name == LIBRARY_FOLDER and not (folder / "report.yaml").is_file():
        return check_library(folder), None
    try:
        year = read_year(folder)
    except ContentError as error:
        return error.problems, None
    return year.warnings, year


def default_output(folder: Path) -> Path:
    """``output/<year>/`` beside the content folder: content/2018-19 → output/2018-19."""
    year = Path(folder).resolve()
    return year.parent.parent / "output" / year.name


def build(
    folder: Path | str,
    documents: Iterable[str] | None = None,
    formats: Iterable[str] | None = None,
    out: Path | str | None = None,
    templates: Path | str | None = None,
    progress: Progress | None = None,
    final: bool = False,
    strict: bool = False,
) -> list[Path]:
    """Build documents of a year folder; returns the paths written.

    ``documents`` defaults to every document the year defines, ``formats`` to all three,
    ``out`` to ``output/<year folder name>/``. Raises :class:`ContentError` listing every
    problem if the content is invalid, before anything is written. Until every required
    sign-off is current the documents are drafts (a DRAFT watermark, "Draft" in their
    properties); ``final`` refuses to build drafts, naming what is missing or stale.
    ``strict`` refuses content with warnings too.
    """
    year = read_year(Path(folder))
    if strict and year.warnings:
        raise ContentError(year.warnings)
    draft = is_draft(year, final)
    names = _chosen(documents, DOCUMENTS, "document")
    if documents is None:
        names = [name for name in names if DOCUMENTS[name].defined(year)]
    missing = [name for name in names if not DOCUMENTS[name].defined(year)]
    if missing:
        raise ReportgenError(
            f"{year.name} has no content for {', '.join(missing)} "
            "(the Strategic Assessment needs assessment/assessment.yaml, the plan "
            "plan/plan.yaml)."
        )
    chosen_formats = _chosen(formats, FORMATS, "format")
    folders = search_path(Path(templates) if templates else None)
    output = OutputFolder(Path(out) if out else default_output(year.folder))
    tell = progress or (lambda message: None)
    stamp = BuildStamp(output.root)
    # every shared file: library texts, the glossary, the contacts
    shared = sorted((year.folder.parent / LIBRARY_FOLDER).glob("*.y*ml"))
    fingerprint = inputs_fingerprint(year.folder, shared, folders)
    fingerprint += ":draft" if draft else ":final"
    jobs = [(name, fmt) for name in names for fmt in chosen_formats]
    todo = [job for job in jobs if not stamp.fresh(f"{job[0]}.{job[1]}", fingerprint)]
    for name, fmt in jobs:
        if (name, fmt) not in todo:
            tell(f"{year.name}: {name}.{fmt} is up to date")
    year.chart_cache = output.root / ".cache" / "charts"
    computed = {name: DOCUMENTS[name].compute(year) for name in dict.fromkeys(n for n, _ in todo)}
    rendered = RenderJob(templates and Path(templates), computed, draft).run_all(todo, tell)
    # Nothing is written until everything has rendered: a failure leaves the old set whole.
    for file_name, payload in rendered.items():
        tell(f"{year.name}: writing {file_name}")
        output.write(file_name, payload)
        stamp.record(file_name, fingerprint, _bytes(payload))
    if rendered:
        stamp.save()
    return [output.path_for(f"{name}.{fmt}") for name, fmt in jobs]


def is_draft(year: Year, final: bool = False) -> bool:
    """Whether the year's documents are drafts: some required sign-off is not current.
    With ``final``, a draft is refused, listing what is missing or stale."""
    current = signoff.statuses(year)
    if final and not signoff.all_current(current):
        raise RefusedError(
            "a final build needs every sign-off to be current; not yet:\n  "
            + "\n  ".join(signoff.outstanding(current))
        )
    return not signoff.all_current(current)


def _cores() -> int:
    """The cores this process may use (respecting CPU affinity and container limits)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not available on this platform
        return os.cpu_count() or 1


def _bytes(payload: bytes | str) -> bytes:
    return payload.encode("utf-8") if isinstance(payload, str) else payload


@dataclass(frozen=True)
class RenderJob:
    """Renders computed documents; each (document, format) can run in a process of its
    own, since WeasyPrint and LibreOffice are the slow steps and each uses one core. The
    documents are computed once (charts drawn once) and handed to the workers."""

    templates: Path | None
    documents: dict[str, object]
    draft: bool = False

    def run_all(self, jobs: list[tuple[str, str]], tell: Progress) -> dict[str, bytes | str]:
        """Every job's output, in job order. Uses the machine's cores when there are
        several jobs; runs them one by one where processes cannot be forked."""
        for name, fmt in jobs:
            tell(f"rendering {name}.{fmt}")
        workers = min(len(jobs), _cores())
        if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return dict(self.run(job) for job in jobs)
        if any(fmt == "pdf" for _, fmt in jobs):
            load_weasyprint()  # imported once here, shared by the forked workers
        global _FORKED_WORK
        _FORKED_WORK = self
        context = multiprocessing.get_context("fork")
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                # The slowest jobs first, so the cores finish together.
                ordered = sorted(
                    jobs, key=lambda job: -(DOCUMENTS[job[0]].cost or {}).get(job[1], 1)
                )
                results = dict(pool.map(_run_forked, ordered))
        finally:
            _FORKED_WORK = None
        return {f"{name}.{fmt}": results[f"{name}.{fmt}"] for name, fmt in jobs}

    def run(self, job: tuple[str, str]) -> tuple[str, bytes | str]:
        name, fmt = job
        folders = search_path(self.templates)
        payload = render_format(self.documents[name], DOCUMENTS[name], fmt, folders, self.draft)
        return f"{name}.{fmt}", payload


_FORKED_WORK: RenderJob | None = None


def _run_forked(job: tuple[str, str]) -> tuple[str, bytes | str]:
    assert _FORKED_WORK is not None
    return _FORKED_WORK.run(job)


def render_format(
    document: object, kind: DocumentKind, fmt: str, folders: list[Path], draft: bool = False
) -> bytes | str:
    """A computed document in one format, in memory (``draft``: watermarked)."""
    if fmt == "docx":
        return render_docx(document, kind.template, folders, draft=draft)
    html = render_html(document, kind.template, folders, draft=draft)
    return html if fmt == "html" else render_pdf(html, kind.template, folders)


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
