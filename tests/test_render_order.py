"""The order a build renders in keeps its memory down: LibreOffice (laying out the Word
files that have a contents page, about 200 MB) runs while the HTML files are made, and
the PDF layouts and the other Word files start only once it has finished."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reportgen.commands.gate import gate
from reportgen.compute import DOCUMENTS
from reportgen.render import document as render_document_module
from reportgen.render.document import RenderJob, word_contents_jobs


def test_libreoffice_never_runs_beside_a_pdf_layout(
    with_assessment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    year = gate(with_assessment).year
    documents = {
        name: DOCUMENTS[name].compute(year) for name in DOCUMENTS if DOCUMENTS[name].defined(year)
    }
    jobs = [(name, fmt) for name in documents for fmt in ("docx", "pdf", "html")]
    assert word_contents_jobs(documents, jobs) == [("strategic-assessment", "docx")]
    events: list[str] = []
    real_layout = render_document_module.ContentsLayout

    class Recorded(real_layout):  # type: ignore[misc,valid-type]
        def __init__(self, files: Any) -> None:
            events.append("libreoffice starts")
            super().__init__(files)

        def numbered(self) -> dict[str, bytes]:
            done = super().numbered()
            events.append("libreoffice done")
            return done

    real_run_each = RenderJob._run_each

    def run_each(self: RenderJob, jobs: list[tuple[str, str]], most: int) -> Any:
        events.extend(f"{name}.{fmt}" for name, fmt in jobs)
        return real_run_each(self, jobs, most)

    monkeypatch.setattr(render_document_module, "ContentsLayout", Recorded)
    monkeypatch.setattr(RenderJob, "_run_each", run_each)
    results = RenderJob(None, documents, draft=True).run_all(jobs, lambda message: None)
    assert list(results) == [f"{name}.{fmt}" for name, fmt in jobs]
    started, done = events.index("libreoffice starts"), events.index("libreoffice done")
    assert events.index("strategic-assessment.docx") < started
    pdfs = [events.index(f"{name}.pdf") for name in documents]
    assert min(pdfs) > done
    html = [events.index(f"{name}.html") for name in documents]
    assert started < min(html) and max(html) < done
    assert events.index("committee-report.docx") > done


def test_a_failure_beside_libreoffice_stops_it_and_leaves_nothing(
    with_assessment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    year = gate(with_assessment).year
    documents = {n: DOCUMENTS[n].compute(year) for n in DOCUMENTS if DOCUMENTS[n].defined(year)}
    jobs = [(name, fmt) for name in documents for fmt in ("docx", "html")]
    layouts: list[Any] = []
    real_layout = render_document_module.ContentsLayout

    class Kept(real_layout):  # type: ignore[misc,valid-type]
        def __init__(self, files: Any) -> None:
            super().__init__(files)
            layouts.append(self)

    real_run = RenderJob.run

    def run(self: RenderJob, job: tuple[str, str]) -> Any:
        if job[1] == "html":
            raise RuntimeError("a template fails")
        return real_run(self, job)

    monkeypatch.setattr(render_document_module, "ContentsLayout", Kept)
    monkeypatch.setattr(RenderJob, "run", run)
    with pytest.raises(RuntimeError):
        RenderJob(None, documents, draft=True).run_all(jobs, lambda message: None)
    (layout,) = layouts
    assert layout.process is not None and layout.process.poll() is not None
    assert layout.folder is None
