"""``build``: a year's documents as DOCX, PDF and HTML, through the whole pipeline::

    from reportgen import build
    paths = build("content/2018-19", documents=["committee-report"], formats=["pdf"])

Phases, each a helper below: pass the gate (read, validate, compute and verify the
figures, sign-off state) → choose the documents and formats → find what is out of date →
compute those documents → draw their charts → render → write them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportgen.commands.gate import gate
from reportgen.compute import DOCUMENTS, ComputedDocument
from reportgen.exceptions import ReportgenError
from reportgen.model.files import LIBRARY_FOLDER
from reportgen.render.charts import charts_in, draw_charts
from reportgen.render.document import FORMATS, Job, Progress, RenderJob
from reportgen.render.template_folders import search_path
from reportgen.types import Year
from reportgen.write.files import OutputFolder
from reportgen.write.pictures import PictureFolder
from reportgen.write.stamps import BuildStamp, inputs_fingerprint


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
    passed = gate(folder, strict, needs_signoff="a final build" if final else "")
    year, tell = passed.year, progress or (lambda message: None)
    jobs = [(name, fmt) for name in _documents(year, documents) for fmt in _formats(formats)]
    user_templates = Path(templates) if templates else None
    output = OutputFolder(Path(out) if out else default_output(year.folder))
    stale = _StaleJobs.find(year, jobs, output, user_templates, passed.draft, tell)
    computed = {name: DOCUMENTS[name].compute(year) for name in stale.documents}
    pictures = draw_charts(charts_in(list(computed.values())), _picture_cache(output))
    rendered = RenderJob(user_templates, computed, passed.draft, pictures).run_all(stale.jobs, tell)
    _write_all(output, stale, rendered, year, tell)
    return [output.path_for(f"{name}.{fmt}") for name, fmt in jobs]


def default_output(folder: Path) -> Path:
    """``output/<year>/`` beside the content folder: content/2018-19 → output/2018-19."""
    year = Path(folder).resolve()
    return year.parent.parent / "output" / year.name


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
    """The jobs whose output is out of date, and the fingerprint of what they are made
    from (a job whose output has the same fingerprint is reused)."""

    jobs: list[Job]
    fingerprint: str
    stamp: BuildStamp

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(name for name, _ in self.jobs))

    @classmethod
    def find(
        cls,
        year: Year,
        jobs: list[Job],
        output: OutputFolder,
        templates: Path | None,
        draft: bool,
        tell: Progress,
    ) -> _StaleJobs:
        # every shared file: library texts, the glossary, the contacts
        shared = sorted((year.folder.parent / LIBRARY_FOLDER).glob("*.y*ml"))
        fingerprint = inputs_fingerprint(year.folder, shared, search_path(templates))
        fingerprint += ":draft" if draft else ":final"
        stamp = BuildStamp(output.root)
        stale = [job for job in jobs if not stamp.fresh(f"{job[0]}.{job[1]}", fingerprint)]
        for name, fmt in jobs:
            if (name, fmt) not in stale:
                tell(f"{year.name}: {name}.{fmt} is up to date")
        return cls(stale, fingerprint, stamp)


def _picture_cache(output: OutputFolder) -> PictureFolder:
    return PictureFolder(output.root / ".cache" / "charts")


def _write_all(
    output: OutputFolder,
    stale: _StaleJobs,
    rendered: dict[str, bytes | str],
    year: Year,
    tell: Progress,
) -> None:
    """Nothing is written until everything has rendered: a failure leaves the old set
    whole."""
    for file_name, payload in rendered.items():
        tell(f"{year.name}: writing {file_name}")
        output.write(file_name, payload)
        data = payload.encode("utf-8") if isinstance(payload, str) else payload
        stale.stamp.record(file_name, stale.fingerprint, data)
    if rendered:
        stale.stamp.save()


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


__all__ = ["FORMATS", "ComputedDocument", "build", "default_output"]
