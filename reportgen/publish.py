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
import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reportgen import __version__, signoff
from reportgen.build import DOCUMENTS, default_output
from reportgen.compute.committee_report import appendix_title
from reportgen.exceptions import ContentError, OutputError, RefusedError
from reportgen.model.report import Appendix
from reportgen.render.html import render_html
from reportgen.render.pdf import render_pdf
from reportgen.templates import jinja_environment, search_path
from reportgen.year import Year

PUBLISHED = "published"
MANIFEST = "manifest.json"
_MAIN = re.compile(r"<main>\s*(.*?)\s*</main>", re.DOTALL)
_ATTRIBUTE = re.compile(r'\s([\w:-]+)="([^"]*)"')
"""An attribute in the generated markup (text is escaped, so a raw quote is markup)."""
_ID_LISTS = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "headers", "for")
"""Attributes whose value is one or more ids."""
_SVG_REFERENCES = (
    "clip-path",
    "fill",
    "stroke",
    "mask",
    "filter",
    "marker-start",
    "marker-mid",
    "marker-end",
    "style",
)
"""SVG attributes that can refer to an element by url(#id); text attributes (alt,
aria-label, title) are left alone."""


@dataclass(frozen=True)
class PackPart:
    """One document of the pack: its name, title as listed, and HTML body."""

    name: str
    title: str
    body: str


@dataclass(frozen=True)
class Publication:
    """What ``publish`` wrote: the version folder and its manifest."""

    folder: Path
    manifest: dict


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
    year = signoff.read_year_for_signoff(Path(folder))
    if strict and year.warnings:
        raise ContentError(year.warnings)
    statuses = signoff.statuses(year)
    if not signoff.all_current(statuses):
        raise RefusedError(
            "publishing needs every sign-off to be current; not yet:\n  "
            + "\n  ".join(signoff.outstanding(statuses))
        )
    documents = pack_documents(year)
    names = list(documents)
    folders = search_path(Path(templates) if templates else None)
    computed = {name: DOCUMENTS[name].compute(year) for name in names}
    html = {name: render_html(computed[name], DOCUMENTS[name].template, folders) for name in names}
    parts = [
        PackPart(name, title, _body(html[name], f"d{i}-"))
        for i, (name, title) in enumerate(documents.items(), start=1)
    ]
    pack_title = f"Agenda Item {item}: {year.report.title}"
    language = computed["committee-report"].properties["language"]
    pack_html = _pack_html(parts, item, pack_title, language, folders)
    pack = render_pdf(pack_html, "agenda-pack", folders)
    files = {f"agenda-item-{item}.pdf": pack}
    files |= {f"{name}.html": html[name].encode("utf-8") for name in names}
    root = Path(out) if out else default_output(year.folder)
    manifest = _manifest(year, item, files, parts, pack, statuses, now)
    files[MANIFEST] = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    target = _write_version(root / PUBLISHED, files)
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


def _body(html: str, prefix: str) -> str:
    """A document's ``<main>`` content with its ids made unique within the pack."""
    match = _MAIN.search(html)
    if match is None:
        raise OutputError("a document's HTML has no <main> element to put in the pack.")
    return _ATTRIBUTE.sub(lambda m: _prefixed(m, prefix), match.group(1))


def _prefixed(match: re.Match, prefix: str) -> str:
    name, value = match.group(1), match.group(2)
    if name == "id":
        value = prefix + value
    elif name in ("href", "xlink:href") and value.startswith("#"):
        value = "#" + prefix + value[1:]
    elif name in _ID_LISTS:
        value = " ".join(prefix + ref for ref in value.split())
    elif name in _SVG_REFERENCES:
        value = value.replace("url(#", f"url(#{prefix}")
    return f' {name}="{value}"'


def _pack_html(
    parts: list[PackPart], item: int, title: str, language: str, folders: list[Path]
) -> str:
    from markupsafe import Markup

    environment = jinja_environment(folders, "html")
    template = environment.get_template("agenda-pack.html.j2")
    return template.render(
        title=title,
        item=item,
        language=language,
        parts=[(part, Markup(part.body)) for part in parts],
    )


def _manifest(
    year: Year,
    item: int,
    files: dict[str, bytes],
    parts: list[PackPart],
    pack: bytes,
    statuses: list[signoff.Status],
    now: dt.datetime | None,
) -> dict:
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
            {"row": s.row, "signer": s.signer, "role": s.role, "signed_at": s.signed_at}
            for s in statuses
        ],
    }


def document_pages(pdf: bytes, titles: list[str]) -> tuple[list[tuple[int, int]], int]:
    """(first page, page count) of each document in the pack, from its top bookmarks, and
    the pack's page count."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    tops = [entry for entry in reader.outline if not isinstance(entry, list)]
    firsts = [reader.get_destination_page_number(entry) + 1 for entry in tops]
    if [entry.title for entry in tops] != titles:
        raise OutputError(
            "the agenda pack's bookmarks do not match its documents: "
            f"{[entry.title for entry in tops]} against {titles}."
        )
    total = len(reader.pages)
    ends = [*firsts[1:], total + 1]
    return [(first, end - first) for first, end in zip(firsts, ends, strict=True)], total


def _write_version(published: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` into the next ``v<N>`` folder, assembled aside and renamed into
    place; an existing version is never touched."""
    published.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".publishing-", dir=published))
    try:
        for name, payload in files.items():
            (staging / name).write_bytes(payload)
            os.chmod(staging / name, 0o444)
        while True:
            target = published / f"v{next_version(published)}"
            try:
                os.mkdir(target)  # claims the number; fails if another run took it
            except FileExistsError:
                continue
            try:
                os.replace(staging, target)  # target is empty, so this is allowed and atomic
            except OSError:
                target.rmdir()  # give the number back rather than leave an empty version
                raise
            os.chmod(target, 0o755)
            return target
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def next_version(published: Path) -> int:
    numbers = [
        int(match.group(1))
        for path in published.iterdir()
        if (match := re.fullmatch(r"v(\d+)", path.name))
    ]
    return max(numbers, default=0) + 1
