"""``preview``: a year's documents in the browser as they will be published, shown again
each time a file the year uses is saved (the server is :mod:`.preview_server`)::

    from reportgen.commands.preview import Preview
    preview = Preview("content/2018-19")
    page = preview.page("committee-report")  # the HTML `build` writes, and the refresh script
    preview.refresh()                        # after a save: read the year again

The year passes the same gate as ``build`` and each document is rendered by the same
function, so a page is the HTML file ``build --format html`` would write (draft marking
included), with the preview's links and refresh script added at the end of its body.
When the content changes only HTML is rendered, and only for the pages asked for; a PDF
is made when asked for. While the content has errors, each page lists them in place of
the document, linked to where they are in the last version without errors.
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from reportgen.commands.gate import Passed, gate
from reportgen.commands.preview_places import ProblemView, heading_text, places, problem_view
from reportgen.compute import DOCUMENTS, ComputedDocument
from reportgen.exceptions import ContentError, NotAYearFolderError, ReportgenError
from reportgen.model.files import LIBRARY_FOLDER
from reportgen.problems import WARNING, Problem
from reportgen.render.charts import Pictures, charts_in, draw_charts
from reportgen.render.document import render_document
from reportgen.render.template_folders import render_html_template
from reportgen.render.tools import BUILTIN_TEMPLATES, search_path
from reportgen.write.files import as_bytes

REFRESH_SCRIPT = (
    "(function () {"
    " var seen = document.currentScript.dataset.seen;"
    ' var events = new EventSource("/events?seen=" + encodeURIComponent(seen));'
    ' events.addEventListener("refresh", function () { events.close(); location.reload(); });'
    " })();"
)
"""Added to every page: reloads it when the server says the content changed. The same
text on every page (what it has seen is in ``data-seen``), so the server's
Content-Security-Policy can allow it, and no other script, by its hash."""
_BAR_STYLE = (
    "position:fixed;right:0.5em;bottom:0.5em;z-index:2147483647;max-width:36em;margin:0;"
    "padding:0.3em 0.8em;background:#1d3b6e;color:#fff;font:15px/1.5 Arial,sans-serif;"
    "border-radius:4px"
)
_LINK_STYLE = "color:#fff"
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
_LAST_GOOD = "the last version without errors"


@dataclass(frozen=True)
class Reading:
    """The year as read after a save: through the gate, or refused with its problems
    (``refusal`` is a failure that is not the content's, such as a template's)."""

    generation: int
    passed: Passed | None = None
    problems: tuple[Problem, ...] = ()
    refusal: str = ""

    @property
    def documents(self) -> list[str]:
        """The documents the year defines (none while it has errors)."""
        if self.passed is None:
            return []
        return [name for name, kind in DOCUMENTS.items() if kind.defined(self.passed.year)]

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]


@dataclass(frozen=True)
class Rendered:
    """A document as rendered for one reading: its HTML, with what a PDF is made from; or
    why it could not be rendered."""

    html: str = ""
    document: ComputedDocument | None = None
    pictures: Pictures = field(default_factory=dict)
    refusal: str = ""


@dataclass(frozen=True)
class DocumentLink:
    """A document on the index page, and whether it can be had as a PDF now."""

    name: str
    pdf: bool


class ChartsInMemory:
    """The drawn charts kept while the preview runs (a picture cache, see
    :func:`reportgen.render.charts.draw_charts`), so a save that leaves a chart's figures
    as they were does not draw it again; the oldest are forgotten past ``most``."""

    def __init__(self, most: int = 200) -> None:
        self.most = most
        self.pictures: dict[str, bytes] = {}

    def get(self, name: str) -> bytes | None:
        return self.pictures.get(name)

    def put(self, name: str, payload: bytes) -> None:
        if len(self.pictures) >= self.most:
            del self.pictures[next(iter(self.pictures))]
        self.pictures[name] = payload


class Preview:
    """A year's documents as the browser shows them, read again by :meth:`refresh`.
    Safe to use from several threads: one refreshes, others ask for pages."""

    def __init__(self, folder: Path | str, templates: Path | str | None = None) -> None:
        """Reads the year once; raises :class:`NotAYearFolderError` for a folder that is
        not a year of content (errors in its content are shown in the pages instead)."""
        self.folder = Path(folder)
        self.folders = search_path(Path(templates) if templates else None)
        self.reading = _read(self.folder, 1, refuse=(NotAYearFolderError,))
        self.changed = threading.Condition()
        self.closed = False
        self._refreshing = threading.Lock()
        self._rendering = threading.Lock()
        self._printing = threading.Lock()
        self._charts = ChartsInMemory()
        self._rendered: dict[str, Rendered] = {}
        self._good: dict[str, str] = {}
        self._pdfs: dict[str, tuple[int, bytes]] = {}
        for name in self.reading.documents:  # so errors made later can be placed
            self._render(name)

    @property
    def generation(self) -> int:
        """How many times the year has been read; a page shows the one it was made from."""
        return self.reading.generation

    def watched(self) -> list[Path]:
        """The folders whose files the year uses: its own, the shared library, and the
        template folders."""
        library = self.folder.resolve().parent / LIBRARY_FOLDER
        return [folder for folder in (self.folder, library, *self.folders) if folder.is_dir()]

    def refresh(self) -> Reading:
        """Read the year again (after a save) and tell whoever waits for a change."""
        with self._refreshing:
            reading = _read(self.folder, self.reading.generation + 1)
            with self._rendering:
                self.reading = reading
                self._rendered.clear()
        with self.changed:
            self.changed.notify_all()
        return reading

    def wait_for_change(self, seen: int, timeout: float) -> int:
        """Wait until the year has been read again since ``seen`` (or ``timeout`` seconds,
        or the preview is closed); returns the generation now."""
        with self.changed:
            self.changed.wait_for(lambda: self.generation != seen or self.closed, timeout)
        return self.generation

    def close(self) -> None:
        """Let everyone waiting for a change go."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def page(self, name: str) -> str:
        """A document's page: the HTML ``build --format html`` writes, with the preview's
        links and refresh script at the end of its body; while the content has errors
        (or the document cannot be rendered), the errors instead."""
        reading, rendered = self._render(name)
        if rendered.html:
            return with_tail(rendered.html, self._tail(reading, name, pdf=True))
        return self._problems_page(reading, name, rendered.refusal)

    def last_good(self, name: str) -> str | None:
        """The last version of a document rendered without errors, marked out of date;
        None while the content has no errors (the page is the document) or before any."""
        with self._rendering:
            reading, good = self.reading, self._good.get(name)
        if reading.passed is not None or good is None:
            return None
        note = (
            f"<strong>Out of date:</strong> this is {_LAST_GOOD}; the content now has errors: "
            f'<a href="/{quote(name)}" style="{_LINK_STYLE}">see them</a>.'
        )
        return with_tail(good, self._tail(reading, name, note=note))

    def pdf(self, name: str) -> bytes | None:
        """A document's PDF as ``build`` makes it, made when first asked for after each
        save; None while the content has errors. Raises :class:`ReportgenError` if it
        cannot be laid out."""
        reading, rendered = self._render(name)
        if rendered.document is None or reading.passed is None:
            return None
        with self._printing:
            made = self._pdfs.get(name)
            if made is None or made[0] != reading.generation:
                draft, folders = reading.passed.draft, self.folders
                payload = render_document(
                    rendered.document, name, "pdf", folders, draft, rendered.pictures
                )
                made = self._pdfs[name] = (reading.generation, as_bytes(payload))
            return made[1]

    def index(self) -> str:
        """The index page: the year's documents, where its sign-offs stand, and its errors."""
        reading = self.reading
        names = reading.documents or [name for name in DOCUMENTS if name in self._good]
        ready = reading.passed is not None
        page = render_html_template(
            [BUILTIN_TEMPLATES],
            "preview",
            title=f"Preview of {self.folder.name}",
            heading=f"Preview of {self.folder.name}",
            notes=self._state(reading),
            documents=[DocumentLink(name, ready) for name in names],
            problems_heading="Errors",
            problems=[self._view(problem) for problem in reading.errors],
        )
        return with_tail(page, self._tail(reading, None))

    def _render(self, name: str) -> tuple[Reading, Rendered]:
        with self._rendering:
            reading = self.reading
            if reading.passed is None or name not in reading.documents:
                return reading, Rendered(refusal=reading.refusal)
            if name not in self._rendered:
                rendered = self._rendered[name] = self._rendered_now(reading.passed, name)
                if rendered.html:
                    self._good[name] = rendered.html
            return reading, self._rendered[name]

    def _rendered_now(self, passed: Passed, name: str) -> Rendered:
        """One document's HTML, as ``build`` renders it."""
        try:
            document = DOCUMENTS[name].compute(passed.year)
            pictures = draw_charts(charts_in([document]), self._charts)
            page = render_document(document, name, "html", self.folders, passed.draft, pictures)
        except ReportgenError as error:
            return Rendered(refusal=error.message)
        return Rendered(str(page), document, pictures)

    def _problems_page(self, reading: Reading, name: str, refusal: str) -> str:
        errors = reading.errors
        if errors:
            heading = f"{name}: the content has {_count(len(errors), 'error')}"
            notes = ["Fix them and save: the document comes back by itself."]
        elif refusal:
            heading, notes = f"{name} cannot be shown", [refusal]
        else:
            heading = f"{self.folder.name} has no {name}"
            notes = [
                "The Strategic Assessment needs assessment/assessment.yaml, "
                "the plan plan/plan.yaml."
            ]
        problems = [self._view(problem) for problem in errors]
        return self.notice(heading, *notes, *_warnings(reading), problems=problems, name=name)

    def notice(
        self, heading: str, *notes: str, problems: list[ProblemView] | None = None, name: str = ""
    ) -> str:
        """A page of the preview's own (refreshed like the others): a heading, notes, and
        problems, for a document ``name`` that cannot be shown."""
        page = render_html_template(
            [BUILTIN_TEMPLATES],
            "preview",
            title=f"{heading}: preview",
            heading=heading,
            notes=list(notes),
            documents=[],
            problems_heading="Errors",
            problems=problems or [],
        )
        return with_tail(page, self._tail(self.reading, name or None))

    def _view(self, problem: Problem) -> ProblemView:
        """A problem, linked to the heading it is under in the last good version of the
        document it shows in (when that version has the heading)."""
        content_folder = self.folder.resolve().parent
        for place in places(problem, self.folder):
            good = self._good.get(place.document)
            text = heading_text(good, place.anchor) if good else None
            if text:
                link = f"/{quote(place.document)}/last-good#{quote(place.anchor)}"
                where = f"See “{text}” in {_LAST_GOOD} of {place.document}"
                return problem_view(problem, content_folder, link, where)
        return problem_view(problem, content_folder)

    def _state(self, reading: Reading) -> list[str]:
        if reading.passed is None and reading.refusal and not reading.errors:
            return [reading.refusal]
        if reading.passed is None:
            return [
                f"The content has {_count(len(reading.errors), 'error')}, listed below: fix "
                "them and save, and the documents come back by themselves."
            ]
        sign_offs = (
            "Drafts: not every required sign-off is current (reportgen status lists them)."
            if reading.passed.draft
            else "Every required sign-off is current."
        )
        return [sign_offs, *_warnings(reading)]

    def _tail(self, reading: Reading, name: str | None, pdf: bool = False, note: str = "") -> str:
        """The preview's links (in a navigation landmark, so the page stays accessible)
        and its refresh script, for the end of a page's body."""
        links = [f'<a href="/" style="{_LINK_STYLE}">All documents</a>'] if name else []
        if name and pdf:
            links.append(f'<a href="/{quote(name)}.pdf" style="{_LINK_STYLE}">PDF</a>')
        bar = " ".join([note, " · ".join(links)]).strip()
        nav = (
            f'<nav aria-label="Preview" style="{_BAR_STYLE}"><p style="margin:0">{bar}</p></nav>\n'
            if bar
            else ""
        )
        seen = html.escape(str(reading.generation))
        return f'{nav}<script data-seen="{seen}">{REFRESH_SCRIPT}</script>\n'


def with_tail(page: str, tail: str) -> str:
    """``page`` with ``tail`` added just before its ``</body>`` (at its end if it has none)."""
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + tail
    at = ends[-1].start()
    return page[:at] + tail + page[at:]


def _read(folder: Path, generation: int, refuse: tuple[type[ReportgenError], ...] = ()) -> Reading:
    """The year through the gate ``build`` uses; its errors, or another refusal, kept to
    show instead of the documents (those of the kinds ``refuse`` names are raised)."""
    try:
        return Reading(generation, passed=gate(folder))
    except ContentError as error:
        return Reading(generation, problems=tuple(error.problems))
    except refuse:
        raise
    except ReportgenError as error:
        return Reading(generation, refusal=error.message)
    except Exception as error:  # a fault of reportgen's: shown, and the preview goes on
        return Reading(
            generation,
            refusal=f"reportgen failed unexpectedly ({type(error).__name__}: {error}); "
            "report it, with what you saved.",
        )


def _warnings(reading: Reading) -> list[str]:
    problems = reading.passed.year.warnings if reading.passed else reading.problems
    warnings = [problem for problem in problems if problem.severity == WARNING]
    if not warnings:
        return []
    return [f"The content has {_count(len(warnings), 'warning')} (reportgen check lists them)."]


def _count(number: int, what: str) -> str:
    return f"{number} {what}{'' if number == 1 else 's'}"
