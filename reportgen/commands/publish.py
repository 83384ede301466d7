"""Publishing (democratic services): the agenda pack and its alternative formats, in a new
numbered folder that never replaces an earlier publication.

``publish`` refuses unless the content has no errors and every sign-off is current. It
then writes ``output/<year>/published/v<N>/``:

- ``agenda-item-<item>.pdf``: the committee report followed by its appendices in the order
  the report lists them, laid out as one tagged PDF/UA-1 document: page numbers run on
  across the pack, "Agenda Item N" heads every page, and each document is a bookmark
  with its headings beneath it;
- each document's HTML, the accessible alternative;
- ``manifest.json``: every file's name, SHA-256, size and page count, with the meeting,
  item, decision-maker, classification and wards, for the council's committee system.

The folder is assembled under a temporary name and renamed into place in one step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.commands.build import default_output
from reportgen.commands.gate import gate
from reportgen.compute import DOCUMENTS
from reportgen.compute.committee_report import appendix_title
from reportgen.exceptions import RefusedError
from reportgen.model.report import Appendix
from reportgen.render.agenda_pack import PackPart, document_pages, pack_part, render_pack
from reportgen.render.charts import charts_in, draw_charts
from reportgen.render.document import render_document
from reportgen.render.template_folders import search_path
from reportgen.signoff import Status
from reportgen.types import Year
from reportgen.version import __version__
from reportgen.write.published import PUBLISHED, write_version

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Publication:
    """What ``publish`` wrote: the version folder and its manifest."""

    folder: Path
    manifest: dict[str, Any]


def publish(
    folder: Path | str,
    item: int,
    out: Path | str | None = None,
    strict: bool = False,
    now: dt.datetime | None = None,
    templates: Path | str | None = None,
) -> Publication:
    """Publish a year's committee report and appendices as agenda item ``item`` (with
    ``templates``, a folder of the council's own templates, as for ``build``)."""
    passed = gate(folder, strict, needs_signoff="publishing", errors_only=True)
    year = passed.year
    documents = pack_documents(year)
    folders = search_path(Path(templates) if templates else None)
    computed = {name: DOCUMENTS[name].compute(year) for name in documents}
    pictures = draw_charts(charts_in(list(computed.values())))
    html = {
        name: str(render_document(computed[name], name, "html", folders, pictures=pictures))
        for name in documents
    }
    parts = [
        pack_part(name, title, html[name], number)
        for number, (name, title) in enumerate(documents.items(), start=1)
    ]
    pack_title = f"Agenda Item {item}: {year.report.title}"
    language = computed["committee-report"].properties["language"]
    pack = render_pack(parts, item, pack_title, language, folders)
    files = {f"agenda-item-{item}.pdf": pack}
    files |= {f"{name}.html": html[name].encode("utf-8") for name in documents}
    manifest = _manifest(year, item, files, parts, pack, passed.statuses, now)
    files[MANIFEST] = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    root = Path(out) if out else default_output(year.folder)
    target = write_version(root / PUBLISHED, files)
    manifest["folder"] = str(target)
    return Publication(target, manifest)


def pack_documents(year: Year) -> dict[str, str]:
    """The committee report, then the appendices in the report's order: document name →
    title as listed. An appendix that is not one of reportgen's documents cannot go in
    the pack, so it is refused."""
    documents = {"committee-report": year.report.title}
    for appendix in year.report.appendices:
        if not isinstance(appendix, Appendix) or appendix.document is None:
            raise RefusedError(
                f"the report lists {appendix_title(appendix)!r}, which is not a document "
                "reportgen builds, so the agenda pack would be incomplete; in report.yaml "
                "give it document: strategic-assessment or community-safety-plan."
            )
        documents[appendix.document] = appendix.title
    return documents


def _manifest(
    year: Year,
    item: int,
    files: dict[str, bytes],
    parts: list[PackPart],
    pack: bytes,
    statuses: list[Status],
    now: dt.datetime | None,
) -> dict[str, Any]:
    report = year.report
    moment = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    pack_name = f"agenda-item-{item}.pdf"
    ranges, pack_pages = document_pages(pack, [part.title for part in parts])
    return {
        "title": report.title,
        "meeting": {"committee": report.committee, "date": report.meeting_date.isoformat()},
        "item": item,
        "decision_maker": report.final_decision_maker,
        "final_decision_at_this_meeting": report.final_decision_at_this_meeting,
        "classification": report.classification,
        "wards": report.wards_affected,
        "published_at": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "reportgen": __version__,
        "files": [
            {
                "name": name,
                "sha256": hashlib.sha256(payload).hexdigest(),
                "bytes": len(payload),
                "pages": pack_pages if name == pack_name else None,
                "media_type": "application/pdf" if name.endswith(".pdf") else "text/html",
            }
            for name, payload in files.items()
        ],
        "pack": {
            "file": pack_name,
            "documents": [
                {"document": part.name, "title": part.title, "first_page": first, "pages": pages}
                for part, (first, pages) in zip(parts, ranges, strict=True)
            ],
        },
        "signoffs": [
            {"row": s.item, "signer": s.signer, "role": s.role, "signed_at": s.signed_at}
            for s in statuses
        ],
    }
