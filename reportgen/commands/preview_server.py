"""The preview's web server: the standard library's ``ThreadingHTTPServer``, on 127.0.0.1
only, serving a :class:`~reportgen.commands.preview.Preview`'s pages and nothing else
(a URL names a document, never a file), and telling open pages to reload through
server-sent events when ``watchfiles`` sees a file the year uses saved::

    from reportgen.commands.preview_server import serve
    serve("content/2018-19", port=8000)   # until Ctrl+C

``/`` is the index; ``/NAME`` a document's page (``/NAME.pdf`` its PDF, made on
demand, and ``/NAME/last-good`` its last version without errors); ``/events`` the
stream of refreshes. Anything else is not found.
"""

from __future__ import annotations

import base64
import hashlib
import signal
import threading
import time
from collections.abc import Callable, Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import watchfiles

from reportgen.commands.preview import REFRESH_SCRIPT, Preview, Reading
from reportgen.compute import DOCUMENTS
from reportgen.exceptions import ReportgenError

HOST = "127.0.0.1"
"""Only this machine can see the preview: the documents are drafts."""
DEFAULT_PORT = 8000
QUIET = 25
"""Milliseconds without another change that end a burst of saves (watchfiles' ``step``;
a burst still ends after its ``debounce``, 1.6 s, however busy)."""
STOP_CHECK_MS = 200
"""How often (ms) the watcher looks whether the preview is stopping (watchfiles waits
5 s by default, which would keep Ctrl+C waiting)."""
KEEP_ALIVE = 15.0
"""Seconds between the comments that keep an idle event stream open."""
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(REFRESH_SCRIPT.encode()).digest()).decode()
PAGE_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    f"script-src 'sha256-{_SCRIPT_HASH}'; connect-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
"""A page may run the refresh script and nothing else, and load nothing but its own
inline pictures and styles, whatever the content or a template puts in it."""
Tell = Callable[[str], None]


class PreviewServer(ThreadingHTTPServer):
    """Serves one preview on 127.0.0.1 and watches the files its year uses."""

    daemon_threads = True

    def __init__(
        self,
        preview: Preview,
        port: int = DEFAULT_PORT,
        tell: Tell | None = None,
        watch: bool = True,
    ) -> None:
        try:
            super().__init__((HOST, port), PreviewHandler)
        except OSError as error:
            raise ReportgenError(
                f"cannot serve the preview on port {port} ({error.strerror or error}); "
                "choose another with --port (--port 0 takes any free one)."
            ) from error
        self.preview = preview
        self.tell = tell or (lambda message: None)
        self.stopping = threading.Event()
        self.watch = watch
        """Whether saves are watched for (without, call ``preview.refresh()`` yourself)."""
        self._running: list[threading.Thread] = []

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        """Watch the year's files and answer requests until stopped."""
        if self.watch:
            watcher = threading.Thread(target=self._watch, name="preview-watcher", daemon=True)
            watcher.start()
            self._running.append(watcher)
        super().serve_forever(poll_interval)

    def start(self) -> PreviewServer:
        """Serve in a thread of its own (for tests and scripts); :meth:`stop` ends it."""
        thread = threading.Thread(
            target=self.serve_forever, args=(0.05,), name="preview-server", daemon=True
        )
        thread.start()
        self._running.append(thread)
        return self

    def stop(self) -> None:
        """Stop watching and serving, and let the open event streams end."""
        self.stopping.set()
        self.preview.close()
        if any(thread.name == "preview-server" for thread in self._running):
            self.shutdown()  # only from another thread than the one serving
        self.server_close()
        for thread in self._running:
            thread.join(timeout=5)

    def __enter__(self) -> PreviewServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _watch(self) -> None:
        """Read the year again after each burst of saves (watchfiles gathers a burst into
        one set of changes), and tell the open pages."""
        for changes in watchfiles.watch(
            *self.preview.watched(),
            step=QUIET,
            stop_event=self.stopping,
            rust_timeout=STOP_CHECK_MS,
            raise_interrupt=False,
        ):
            started = time.perf_counter()
            reading = self.preview.refresh()
            self.tell(_refreshed(changes, reading, time.perf_counter() - started))


class PreviewHandler(BaseHTTPRequestHandler):
    """Maps a URL to a page of the preview; there is no way to ask for a file."""

    server: PreviewServer
    server_version = "reportgen-preview"
    sys_version = ""

    def do_GET(self) -> None:
        if self.headers.get("Host") not in {
            f"{HOST}:{self.server.port}",
            f"localhost:{self.server.port}",
        }:
            # a page elsewhere that renamed its site to this machine cannot read drafts
            return self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain", b"Wrong host.\n")
        if self._from_another_site():
            return self._send(HTTPStatus.FORBIDDEN, "text/plain", b"Not from another site.\n")
        url = urlsplit(self.path)
        try:
            self._route(url.path, parse_qs(url.query))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away
        except Exception as error:  # shown in the page, and the preview goes on
            message = f"reportgen failed unexpectedly ({type(error).__name__}: {error})."
            self.server.tell(message)
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain", message.encode())

    def _from_another_site(self) -> bool:
        """A request another web site's page makes in the background (its scripts, its
        pictures): refused, so no site can keep the preview busy making PDFs or holding
        event streams open. Following a link to the preview is allowed."""
        return (
            self.headers.get("Sec-Fetch-Site") == "cross-site"
            and self.headers.get("Sec-Fetch-Mode") != "navigate"
        )

    def _route(self, path: str, query: dict[str, list[str]]) -> None:
        preview = self.server.preview
        if path == "/":
            return self._page(preview.index())
        if path == "/events":
            return self._events(_number(query.get("seen"), preview.generation))
        name, view = _document_route(path)
        if name is None:
            return self._send(HTTPStatus.NOT_FOUND, "text/plain", b"Not found.\n")
        if view == "pdf":
            return self._pdf(name)
        if view == "last-good":
            page = preview.last_good(name)
            if page is None:  # no errors now: the page is the document
                return self._redirect(f"/{name}")
            return self._page(page)
        return self._page(preview.page(name))

    def _pdf(self, name: str) -> None:
        preview = self.server.preview
        try:
            pdf = preview.pdf(name)
        except ReportgenError as error:
            page = preview.notice(f"{name} cannot be made as a PDF", error.message)
            return self._page(page, HTTPStatus.INTERNAL_SERVER_ERROR)
        if pdf is None:  # the content has errors: the page lists them
            return self._page(preview.page(name), HTTPStatus.CONFLICT)
        disposition = f'inline; filename="{name}.pdf"'
        return self._send(HTTPStatus.OK, "application/pdf", pdf, disposition)

    def _events(self, seen: int) -> None:
        """Server-sent events: one ``refresh`` once the year has been read again since
        ``seen``, then the stream ends (the page reloads and opens a new one)."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.server.preview
        self._write(b"retry: 1000\n\n")
        while not preview.closed:
            now = preview.wait_for_change(seen, KEEP_ALIVE)
            if now != seen:
                return self._write(f"event: refresh\ndata: {now}\n\n".encode())
            self._write(b": waiting for a save\n\n")

    def _page(self, page: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self._send(status, "text/html; charset=utf-8", page.encode("utf-8"))

    def _redirect(self, to: str) -> None:
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: HTTPStatus, kind: str, body: bytes, disposition: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if kind.startswith("text/html"):
            self.send_header("Content-Security-Policy", PAGE_POLICY)
        if disposition:
            self.send_header("Content-Disposition", disposition)
        self.end_headers()
        self.wfile.write(body)

    def _write(self, chunk: bytes) -> None:
        self.wfile.write(chunk)
        self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows the saves and what they did, not every request."""


def serve(
    folder: Path | str,
    port: int = DEFAULT_PORT,
    templates: Path | str | None = None,
    tell: Tell | None = None,
) -> None:
    """Preview a year folder on http://127.0.0.1:PORT/ (0: any free port) until Ctrl+C,
    telling ``tell`` the address and what each save did."""
    say = tell or (lambda message: None)
    if threading.current_thread() is threading.main_thread():
        # Ctrl+C stops the preview even where it was started with SIGINT ignored (as a
        # shell does for a command run in the background).
        signal.signal(signal.SIGINT, signal.default_int_handler)
    with PreviewServer(Preview(folder, templates), port, say) as server:
        say(f"Previewing {folder} at {server.url} (Ctrl+C to stop).")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            say("Stopped.")


def _document_route(path: str) -> tuple[str | None, str]:
    """``/NAME``, ``/NAME.pdf`` or ``/NAME/last-good`` → the document's name (only one of
    reportgen's documents) and which view of it."""
    name, view = path.removeprefix("/"), "page"
    if name.endswith(".pdf"):
        name, view = name.removesuffix(".pdf"), "pdf"
    elif name.endswith("/last-good"):
        name, view = name.removesuffix("/last-good"), "last-good"
    return (name if name in DOCUMENTS else None), view


def _number(values: list[str] | None, otherwise: int) -> int:
    try:
        return int(values[0]) if values else otherwise
    except ValueError:
        return otherwise


def _refreshed(changes: Iterable[tuple[Any, str]], reading: Reading, seconds: float) -> str:
    """What a burst of saves did, for the terminal: ``saved sections.yaml: no errors``."""
    paths = [Path(path) for _, path in changes]
    # an editor's (or sed's) temporary file, gone by now, is not what was saved
    names = sorted({path.name for path in paths if path.exists()} or {p.name for p in paths})
    saved = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    if reading.passed is not None:
        state = "no errors"
    elif reading.errors:
        state = f"{len(reading.errors)} error(s), shown in the pages"
    else:
        state = reading.refusal
    return f"{time.strftime('%H:%M:%S')} saved {saved}: {state} ({seconds:.2f} s)"
