"""Rendering computed documents: each (document, format) in memory, the slow ones in
processes of their own. ``build`` and ``publish`` both render through here."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.compute import DOCUMENTS, ComputedDocument
from reportgen.compute.charts import ChartView
from reportgen.render.charts import (
    PictureCache,
    Pictures,
    draw_charts,
    draw_pictures,
    in_cache,
    picture_key,
)
from reportgen.render.docx import contents_entries, render_docx
from reportgen.render.docx_contents import ContentsLayout, WordFiles
from reportgen.render.html import as_web_page, render_html
from reportgen.render.pdf import load_weasyprint, render_pdf
from reportgen.render.tools import search_path

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
    """A computed document in one format, in memory (``draft``: marked as one). The PDF
    is laid out from the HTML; the ``.html`` file is that HTML as read on screen."""
    template = DOCUMENTS[name].template
    if fmt == "docx":
        return render_docx(document, template, folders, draft=draft, pictures=pictures)
    html = render_html(document, template, folders, draft=draft, pictures=pictures)
    if fmt == "html":
        return as_web_page(html, folders)
    return render_pdf(html, template, folders, draft=draft)


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
        there are several jobs; runs them one by one where processes cannot be forked.

        The Word files with a contents page are rendered first, in a process of their
        own, and laid out by one LibreOffice (:class:`ContentsLayout`, about 200 MB) while
        this process makes the HTML files, which need little memory; the PDF layouts and
        the other Word files, which need the most, start when LibreOffice is done. So the
        build never holds LibreOffice and them at once: its peak memory stays under
        300 MB, at the cost of a core left idle while LibreOffice finishes."""
        for name, fmt in jobs:
            tell(f"rendering {name}.{fmt}")
        numbered = word_contents_jobs(self.documents, jobs)
        results = self._run_each(numbered, most=1)
        layout = self._contents_layout(numbered, results)
        beside = [job for job in jobs if job[1] == "html"] if layout and layout.running else []
        try:
            results.update(self._run_each(beside, most=0))
            if layout is not None:
                results.update(layout.numbered())
        finally:
            if layout is not None:
                layout.stop()
        rest = [job for job in jobs if job not in numbered and job not in beside]
        results.update(self._run_each(self._in_best_order(rest), most=_cores()))
        return {f"{name}.{fmt}": results[f"{name}.{fmt}"] for name, fmt in jobs}

    def _contents_layout(
        self, numbered: list[Job], rendered: dict[str, bytes | str]
    ) -> ContentsLayout | None:
        """One LibreOffice laying out the Word files with a contents page, started now."""
        to_number: WordFiles = {}
        for name, fmt in numbered:
            payload, entries = rendered[f"{name}.{fmt}"], contents_entries(self.documents[name])
            if entries is not None and isinstance(payload, bytes):
                to_number[f"{name}.{fmt}"] = (payload, entries)
        return ContentsLayout(to_number) if to_number else None

    def _run_each(self, jobs: list[Job], most: int) -> dict[str, bytes | str]:
        """Each job's output by file name, rendered in ``most`` processes of their own
        (whose memory is given back when they end), or here where processes cannot be
        forked."""
        results: dict[str, bytes | str] = {}
        workers = min(len(jobs), most)
        if workers < 1 or "fork" not in multiprocessing.get_all_start_methods():
            return dict(map(self.run, jobs))
        if any(fmt == "pdf" for _, fmt in jobs):
            load_weasyprint()  # imported once here, shared by the forked workers
        global _FORKED_WORK
        _FORKED_WORK = self
        context = multiprocessing.get_context("fork")
        # What the workers inherit is left alone by their garbage collector, so they do
        # not copy the build's memory page by page (about 30 MB less at the peak).
        gc.collect()
        gc.freeze()
        try:
            with ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=_end_with_the_build,
                initargs=(os.getpid(),),
            ) as pool:
                for done in as_completed([pool.submit(_run_forked, job) for job in jobs]):
                    file_name, results[file_name] = done.result()
        finally:
            _FORKED_WORK = None
            gc.unfreeze()
        return results

    def _in_best_order(self, jobs: list[Job]) -> list[Job]:
        """The slowest jobs first, so the cores finish together."""
        return sorted(jobs, key=lambda job: -DOCUMENTS[job[0]].cost.get(job[1], 1))

    def run(self, job: Job) -> tuple[str, bytes | str]:
        """One job: its file name and what it rendered (a Word file without its contents
        page numbered: :meth:`run_all` has LibreOffice number it)."""
        name, fmt = job
        folders = search_path(self.templates)
        document = self.documents[name]
        if fmt == "docx":
            payload: bytes | str = render_docx(
                document,
                DOCUMENTS[name].template,
                folders,
                number_contents=False,
                draft=self.draft,
                pictures=self.pictures,
            )
        else:
            payload = render_document(document, name, fmt, folders, self.draft, self.pictures)
        return f"{name}.{fmt}", payload


def word_contents_jobs(documents: dict[str, ComputedDocument], jobs: list[Job]) -> list[Job]:
    """The jobs that make a Word file with a contents page (LibreOffice numbers it)."""
    return [job for job in jobs if job[1] == "docx" and _has_contents(documents[job[0]])]


def _has_contents(document: ComputedDocument) -> bool:
    return bool(getattr(document, "contents", ()))


def draw_charts_while(
    charts: list[ChartView], cache: PictureCache, meanwhile: Callable[[], object] | None
) -> Pictures:
    """Every chart drawn once, or taken from ``cache`` (see :func:`draw_charts`), and
    ``meanwhile`` run: the charts to draw are drawn in a process of their own while
    ``meanwhile`` runs in this one (a build imports WeasyPrint meanwhile), so matplotlib
    and its memory stay in the drawing process. Where processes cannot be forked, the
    charts are drawn here."""
    keys = {picture_key(chart.data): chart.data for chart in charts}
    to_draw = {key: data for key, data in keys.items() if not in_cache(cache, key)}
    if to_draw and "fork" in multiprocessing.get_all_start_methods():
        with ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_end_with_the_build,
            initargs=(os.getpid(),),
        ) as pool:
            drawing = pool.submit(draw_pictures, to_draw)
            if meanwhile is not None:
                meanwhile()
            for key, picture in drawing.result().items():
                cache.put(f"{key}.svg", picture.svg)
                cache.put(f"{key}.png", picture.png)
    elif meanwhile is not None:
        meanwhile()
    return draw_charts(charts, cache)


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
