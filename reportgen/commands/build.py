"""``build``: a year's documents as DOCX, PDF and HTML, through the whole pipeline::

    from reportgen import build
    paths = build("content/2018-19", documents=["committee-report"], formats=["pdf"])

Phases, each a helper below: pass the gate (read, validate, compute and verify the
figures, sign-off state; the files read are kept by their bytes in the output folder's
``.cache/parsed/``, so an unchanged year is read quickly next time) → choose the
documents and formats → take the output folder's lock (a second build into it waits),
finish or clear what a killed build left → compute the documents → find what is out of
date: each document's fingerprint (its computed content, draft or final, templates and
tools; :mod:`reportgen.render.fingerprint`) against the build stamp, so an edit
re-renders only the documents it changes → draw their charts (in a process of their own
while WeasyPrint is imported) → render → replace the old files with the new ones all
together (:mod:`reportgen.write.staging`) → keep the newly drawn charts and the files
read. A build that fails at any point leaves the previous set of files, and the caches,
as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.commands.gate import gate
from reportgen.compute import DOCUMENTS, ComputedDocument
from reportgen.exceptions import OutputError, ReportgenError
from reportgen.load.cache import PARSED_FOLDER, kept_in, save
from reportgen.names import FORMATS
from reportgen.render.charts import charts_in
from reportgen.render.document import (
    Job,
    Progress,
    RenderJob,
    draw_charts_while,
    word_contents_jobs,
)
from reportgen.render.docx_contents import remove_abandoned_scratch
from reportgen.render.fingerprint import document_fingerprint
from reportgen.render.pdf import load_weasyprint
from reportgen.render.tools import made_with, search_path
from reportgen.types import Year
from reportgen.write.files import OutputFolder, as_bytes, default_output
from reportgen.write.lock import output_lock
from reportgen.write.pictures import CHARTS_FOLDER, PictureFolder
from reportgen.write.staging import finish_interrupted, remove_leftovers, replace_together
from reportgen.write.stamps import STAMP_FILE, BuildStamp
from reportgen.write.unchanged import BuildRequest, inputs_digest, remember


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
    ``out`` to ``output/<year folder name>/`` (refused inside the content folder). While
    another build writes into the same folder, this one waits for it. Raises
    :class:`ContentError` listing every problem if the content is invalid, before
    anything is written; :class:`OutputError` naming the file if one cannot be written,
    the previous files unchanged. Until every required
    sign-off is current the documents are drafts (a DRAFT watermark, "Draft" in their
    properties); ``final`` refuses to build drafts, naming what is missing or stale.
    ``strict`` refuses content with warnings too.
    """
    request = BuildRequest.of(folder, documents, formats, out, templates, final, strict)
    inputs = inputs_digest(request)  # taken before and after reading: see remember()
    with kept_in(request.out / PARSED_FOLDER) as reading:  # read before the folder is checked
        passed = gate(folder, strict, signed_off_for="a final build" if final else None)
    read_unchanged = inputs_digest(request) == inputs
    year, tell = passed.year, progress or (lambda message: None)
    names = _documents(year, documents)
    jobs = [(name, fmt) for name in names for fmt in _formats(formats)]
    user_templates = Path(templates) if templates else None
    output = OutputFolder(output_folder(year, out, user_templates))
    with output_lock(output.root, tell):
        _tidy(output.root, tell)
        computed = {name: DOCUMENTS[name].compute(year) for name in names}
        folders = search_path(user_templates)
        stale = _StaleJobs.find(year.name, computed, jobs, output, folders, passed.draft, tell)
        to_render = {name: computed[name] for name in stale.documents}
        cache = PictureFolder(output.root / CHARTS_FOLDER, hold=True)
        charts = charts_in(list(to_render.values()))
        pictures = draw_charts_while(charts, cache, _meanwhile(to_render, stale.jobs))
        rendered = RenderJob(user_templates, to_render, passed.draft, pictures).run_all(
            stale.jobs, tell
        )
        _write_all(output, stale, rendered, year, tell)
        cache.save()
        save(reading, output.root / PARSED_FOLDER)
        if read_unchanged:  # else a file was saved while it was read: the next build is full
            remember(
                request, inputs, {name: stale.stamp.sha256(name) for name in _file_names(jobs)}
            )
    return [output.path_for(name) for name in _file_names(jobs)]


def _file_names(jobs: list[Job]) -> list[str]:
    return [f"{name}.{fmt}" for name, fmt in jobs]


def _meanwhile(documents: dict[str, ComputedDocument], jobs: list[Job]) -> Callable[[], Any] | None:
    """What to do while the charts are drawn: import WeasyPrint for the PDFs, unless
    LibreOffice will lay a Word file out first (WeasyPrint is then imported after it, so
    the build does not hold both: see :meth:`RenderJob.run_all`)."""
    pdfs = any(fmt == "pdf" for _, fmt in jobs)
    return load_weasyprint if pdfs and not word_contents_jobs(documents, jobs) else None


def output_folder(year: Year, out: Path | str | None, templates: Path | None = None) -> Path:
    """Where a year's documents go: ``out``, or ``output/<year>/``. A folder inside the
    content folder (or a templates folder) is refused: each build would take the last
    one's outputs for changed content and build everything again."""
    root = (Path(out) if out else default_output(year.folder)).resolve()
    content = Path(year.folder).resolve().parent
    around = [(content, "the content folder")]
    around += [(folder.resolve(), "the templates folder") for folder in search_path(templates)]
    for folder, what in around:
        if root.is_relative_to(folder):
            raise OutputError(
                f"the output folder {root} is inside {what} {folder}; a build there "
                "would take its own documents for changed content and build everything "
                f"again. Choose a folder outside it with --out (the default is "
                f"{default_output(year.folder)})."
            )
    return root


def _tidy(root: Path, tell: Progress) -> None:
    """Before anything else: finish a killed build's replacing of its files, then delete
    what killed builds left (here, and LibreOffice's scratch folders)."""
    finish_interrupted(root, tell)
    remove_leftovers([root, root / CHARTS_FOLDER, root / PARSED_FOLDER])
    remove_abandoned_scratch()


def _documents(year: Year, requested: Iterable[str] | None) -> list[str]:
    """The documents asked for (all the year defines, by default); one the year does not
    define is refused."""
    names = _chosen(requested, DOCUMENTS, "document")
    if requested is None:
        return [name for name in names if DOCUMENTS[name].defined(year)]
    missing = [name for name in names if not DOCUMENTS[name].defined(year)]
    if missing:
        raise ReportgenError(
            f"{year.name} has no content for {', '.join(missing)} "
            "(the Strategic Assessment needs assessment/assessment.yaml, the plan "
            "plan/plan.yaml)."
        )
    return names


def _formats(requested: Iterable[str] | None) -> list[str]:
    return _chosen(requested, FORMATS, "format")


@dataclass(frozen=True)
class _StaleJobs:
    """The jobs whose output is out of date, and each document's fingerprint (a job whose
    output was made from the same fingerprint is reused)."""

    jobs: list[Job]
    fingerprints: dict[str, str]
    stamp: BuildStamp

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(name for name, _ in self.jobs))

    @classmethod
    def find(
        cls,
        year: str,
        computed: dict[str, ComputedDocument],
        jobs: list[Job],
        output: OutputFolder,
        folders: list[Path],
        draft: bool,
        tell: Progress,
    ) -> _StaleJobs:
        tools = made_with(folders)
        fingerprints = {
            name: document_fingerprint(document, name, draft, tools)
            for name, document in computed.items()
        }
        stamp = BuildStamp(output.root)
        stale = []
        for name, fmt in jobs:
            if stamp.fresh(f"{name}.{fmt}", fingerprints[name]):
                tell(f"{year}: {name}.{fmt} is up to date")
            else:
                stale.append((name, fmt))
        return cls(stale, fingerprints, stamp)


def _write_all(
    output: OutputFolder,
    stale: _StaleJobs,
    rendered: dict[str, bytes | str],
    year: Year,
    tell: Progress,
) -> None:
    """Nothing is written until everything has rendered; then the new files, with the
    build stamp that describes them, replace the old ones all together: a failure (a full
    disk) or a kill leaves the old set whole."""
    if not rendered:
        return
    for file_name, payload in rendered.items():
        tell(f"{year.name}: writing {file_name}")
        name = file_name.rsplit(".", 1)[0]
        stale.stamp.record(file_name, stale.fingerprints[name], as_bytes(payload))
    replace_together(output, {**rendered, STAMP_FILE: stale.stamp.payload()})


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
