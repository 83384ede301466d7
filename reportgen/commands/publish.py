"""Publishing (democratic services): the agenda pack and its alternative formats, in a new
numbered folder that never replaces an earlier publication.

``publish`` refuses unless the content has no errors and every sign-off is current. It
then writes ``output/<year>/published/v<N>/``:

- ``agenda-item-<item>.pdf``: the committee report followed by its appendices in the order
  the report lists them, laid out as one tagged PDF/UA-1 document: page numbers run on
  across the pack (or as the committee system numbers the agenda: ``page_numbers``),
  "Agenda Item N" heads every page, and each document is a bookmark with its headings
  beneath it;
- each document's HTML, the accessible alternative (the report's list of appendices
  linking to theirs), and ``index.html``, the item's page linking to every file;
- ``text.json``: the documents' text by section, as ``reportgen diff`` compares it, so a
  year can later be compared with what was published;
- ``manifest.json``: every file's name, SHA-256, size and page count, with the meeting,
  item, decision-maker, classification and wards, the pack's documents and how its pages
  are numbered, for the council's committee system, and the ``digest`` of what was
  published.

The folder is assembled under a temporary name and renamed into place in one step.
Publishing the same thing twice (the same documents, sign-offs, item and page numbers
as the latest version) is refused and writes nothing, unless ``again`` asks for a new
version anyway: the PDF carries the time it was made, so the comparison is of the
``digest``, taken over what does not change from run to run (each document's HTML, the
item, the page numbers and the sign-offs).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.commands.build import output_folder
from reportgen.commands.diff import publication_text
from reportgen.commands.gate import gate
from reportgen.compute import DOCUMENTS
from reportgen.compute.committee_report import appendix_title
from reportgen.compute.dates import printed_date
from reportgen.exceptions import RefusedError
from reportgen.model.report import Appendix
from reportgen.render.agenda_pack import PackPart, document_pages, pack_part, render_pack
from reportgen.render.charts import charts_in, draw_charts
from reportgen.render.html import render_html
from reportgen.render.page_numbers import PageNumbers
from reportgen.render.publication import INDEX, Meeting, publication_index, published_pages
from reportgen.render.tools import search_path
from reportgen.signoff import Status
from reportgen.types import Year
from reportgen.version import __version__
from reportgen.write.lock import output_lock
from reportgen.write.published import PUBLISHED, PUBLISHED_TEXT, latest_version, write_version

MANIFEST = "manifest.json"
_MEDIA_TYPES = {".pdf": "application/pdf", ".html": "text/html", ".json": "application/json"}


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
    again: bool = False,
    page_numbers: PageNumbers | None = None,
) -> Publication:
    """Publish a year's committee report and appendices as agenda item ``item`` (with
    ``templates``, a folder of the council's own templates, as for ``build``), its pages
    numbered as ``page_numbers`` says (default: Page 1 of N for the item). Refuses,
    writing nothing, if the latest version has the same documents, sign-offs, item and
    page numbers, unless ``again``."""
    numbers = page_numbers or PageNumbers()
    passed = gate(folder, strict, signed_off_for="publishing", warnings_in_refusal=False)
    year = passed.year
    documents = pack_documents(year)
    folders = search_path(Path(templates) if templates else None)
    computed = {name: DOCUMENTS[name].compute(year) for name in documents}
    pictures = draw_charts(charts_in(list(computed.values())))
    printed = {
        name: render_html(computed[name], DOCUMENTS[name].template, folders, pictures=pictures)
        for name in documents
    }
    parts = [
        pack_part(name, title, printed[name], number)
        for number, (name, title) in enumerate(documents.items(), start=1)
    ]
    html = published_pages(printed, documents, folders)
    pack_title = f"Agenda Item {item}: {year.report.title}"
    language = computed["committee-report"].properties["language"]
    root = output_folder(year, out, Path(templates) if templates else None)
    digest = publication_digest(item, pack_title, documents, html, passed.statuses, numbers)
    # Held from the check to the write, so two publications cannot both find no twin.
    with output_lock(root, lambda message: None):
        if not again:
            refuse_if_published(root / PUBLISHED, digest, item, numbers)
        pack = render_pack(parts, item, pack_title, language, folders, year.house_style, numbers)
        files = {f"agenda-item-{item}.pdf": pack}
        files |= {f"{name}.html": html[name].encode("utf-8") for name in documents}
        files[INDEX] = publication_index(
            _meeting(year, item, language),
            documents,
            files,
            document_pages(pack, [part.title for part in parts])[1],
            folders,
            year.house_style,
        )
        files[PUBLISHED_TEXT] = publication_text(year, computed)
        manifest = _manifest(year, item, files, parts, pack, passed.statuses, now)
        manifest["pack"]["page_numbers"] = numbers.as_json()
        manifest["digest"] = digest
        files[MANIFEST] = json.dumps(manifest, indent=2, ensure_ascii=False).encode() + b"\n"
        target = write_version(root / PUBLISHED, files)
    manifest["folder"] = str(target)
    return Publication(target, manifest)


def publication_digest(
    item: int,
    pack_title: str,
    documents: dict[str, str],
    html: dict[str, str],
    statuses: list[Status],
    page_numbers: PageNumbers | None = None,
) -> str:
    """The SHA-256 of what a publication holds that is the same every time it is made:
    the item, the pack's title, each document's title and HTML, the sign-offs, the page
    numbers and the reportgen that laid it out (not the PDF, which records when it was
    made)."""
    published = {
        "item": item,
        "page_numbers": str(page_numbers or PageNumbers()),
        "pack_title": pack_title,
        "documents": [
            [name, title, hashlib.sha256(html[name].encode("utf-8")).hexdigest()]
            for name, title in documents.items()
        ],
        "signoffs": [
            [s.item, s.state, s.signer, s.role, s.signed_at, s.signed_with_key] for s in statuses
        ],
        "reportgen": __version__,
    }
    canonical = json.dumps(published, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def refuse_if_published(
    published: Path, digest: str, item: int, page_numbers: PageNumbers | None = None
) -> None:
    """Refuse if the latest published version has the same ``digest``: publishing it again
    would add a copy and nothing else."""
    latest = latest_version(published)
    if latest is None:
        return
    try:
        manifest = json.loads((latest / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # an unreadable manifest cannot be the same publication
    if isinstance(manifest, dict) and manifest.get("digest") == digest:
        raise RefusedError(
            f"agenda item {item} was already published as {latest.name} "
            f"({latest}, at {manifest.get('published_at', 'an unknown time')}), "
            f"{(page_numbers or PageNumbers()).described()}, with the same documents and "
            "sign-offs; nothing was written. To publish a new version anyway, add --again."
        )


def _meeting(year: Year, item: int, language: str) -> Meeting:
    """The agenda item, as its publication's index page heads it."""
    report = year.report
    date = printed_date(report.meeting_date, year.house_style.dates)
    return Meeting(report.title, report.committee, date, item, language)


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
                "media_type": _MEDIA_TYPES[Path(name).suffix],
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
            {
                "row": s.item,
                "signer": s.signer,
                "role": s.role,
                "signed_at": s.signed_at,
                "signed_with_key": s.signed_with_key,
            }
            for s in statuses
        ],
    }
