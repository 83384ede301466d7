"""Rendering computed documents: each (document, format) in memory, the slow ones in
processes of their own. ``build`` and ``publish`` both render through here."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.compute import DOCUMENTS, ComputedDocument
from reportgen.render.charts import Pictures
from reportgen.render.docx import render_docx
from reportgen.render.html import render_html
from reportgen.render.pdf import load_weasyprint, render_pdf
from reportgen.render.template_folders import search_path

FORMATS = ("docx", "pdf", "html")
Progress = Callable[[str], None]
"""Where a step reports what it is doing (the command line prints it)."""
Job = tuple[str, str]
"""A document's name and a format."""


def render_document(
    document: ComputedDocument,
    name: str,
    fmt: str,
    folders: list[Path],
    draft: bool = False,
    pictures: Pictures | None = None,
) -> bytes | str:
    """A computed document in one format, in memory (``draft``: marked as one)."""
    template = DOCUMENTS[name].template
    if fmt == "docx":
        return render_docx(document, template, folders, draft=draft, pictures=pictures)
    html = render_html(document, template, folders, draft=draft, pictures=pictures)
    return html if fmt == "html" else render_pdf(html, template, folders)


@dataclass(frozen=True)
class RenderJob:
    """Renders computed documents; each (document, format) can run in a process of its
    own, since WeasyPrint and LibreOffice are the slow steps and each uses one core. The
    documents are computed once (charts drawn once) and handed to the workers."""

    templates: Path | None
    documents: dict[str, ComputedDocument]
    draft: bool = False
    pictures: Pictures = field(default_factory=dict)

    def run_all(self, jobs: list[Job], tell: Progress) -> dict[str, bytes | str]:
        """Every job's output by file name, in job order. Uses the machine's cores when
        there are several jobs; runs them one by one where processes cannot be forked."""
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
            with ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=_end_with_the_build,
                initargs=(os.getpid(),),
            ) as pool:
                # The slowest jobs first, so the cores finish together.
                ordered = sorted(jobs, key=lambda job: -DOCUMENTS[job[0]].cost.get(job[1], 1))
                results = dict(pool.map(_run_forked, ordered))
        finally:
            _FORKED_WORK = None
        return {f"{name}.{fmt}": results[f"{name}.{fmt}"] for name, fmt in jobs}

    def run(self, job: Job) -> tuple[str, bytes | str]:
        """One job: its file name and what it rendered."""
        name, fmt = job
        folders = search_path(self.templates)
        payload = render_document(
            self.documents[name], name, fmt, folders, self.draft, self.pictures
        )
        return f"{name}.{fmt}", payload


_FORKED_WORK: RenderJob | None = None


def _run_forked(job: Job) -> tuple[str, bytes | str]:
    assert _FORKED_WORK is not None
    return _FORKED_WORK.run(job)


_PR_SET_PDEATHSIG = 1
"""Linux's prctl option: a signal the system sends a process when its parent ends."""


def _end_with_the_build(build: int) -> None:
    """Run in each rendering process as it starts: it ends when the build does. Without
    this, a killed build's renderers would wait for more work for ever."""
    with contextlib.suppress(OSError, AttributeError):  # prctl is Linux's only
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != build:  # the build ended before the line above
        os._exit(1)


def _cores() -> int:
    """The cores this process may use (respecting CPU affinity and container limits)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not available on this platform
        return os.cpu_count() or 1
