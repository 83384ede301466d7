"""`reportgen preview`: the page is the HTML `build` writes; errors replace it, placed and
escaped; the server answers on 127.0.0.1 with the preview's pages and nothing else, and
tells an open page when a save changed the content."""

from __future__ import annotations

import http.client
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen import build
from reportgen.commands.preview import Preview
from reportgen.commands.preview_server import PreviewServer
from reportgen.exceptions import NotAYearFolderError, ReportgenError
from tests.conftest import edit

TAIL = re.compile(r'<nav aria-label="Preview".*?</script>\n', re.DOTALL)
"""What the preview adds to a document: its links and the refresh script."""
BROKEN = ("- paragraph: First para.", '- "<b>paragrap</b>": First para.')


@pytest.fixture
def server(minimal: Path) -> Iterator[PreviewServer]:
    with PreviewServer(Preview(minimal), port=0).start() as running:
        yield running


def _get(
    server: PreviewServer, path: str, host: str = "", **headers: str
) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host or f"127.0.0.1:{server.port}")
    for name, value in headers.items():
        connection.putheader(name.replace("_", "-"), value)
    connection.endheaders()
    response = connection.getresponse()
    response.read()  # the whole body, kept by the response for .body below
    return response


def _body(server: PreviewServer, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", path)
    return connection.getresponse().read().decode("utf-8")


def test_the_page_is_the_html_build_writes_with_the_refresh_script_at_the_end(
    minimal: Path, tmp_path: Path
) -> None:
    page = Preview(minimal).page("committee-report")
    built = build(minimal, ["committee-report"], ["html"], out=tmp_path / "out")[0]
    tails = TAIL.findall(page)
    assert len(tails) == 1 and page.index(tails[0]) == page.rindex("</body>") - len(tails[0])
    assert TAIL.sub("", page) == built.read_text(encoding="utf-8")
    assert "DRAFT:" in page  # draft marking, as build makes it
    assert '<script data-seen="1">' in tails[0] and 'EventSource("/events' in tails[0]


def test_errors_replace_the_document_placed_escaped_and_linked(minimal: Path) -> None:
    preview = Preview(minimal)
    edit(minimal / "sections.yaml", *BROKEN)
    preview.refresh()
    page = preview.page("committee-report")
    assert "2020-21/sections.yaml, line 4, column 9" in page
    assert "<code>sections[1].content[1]</code>" in page
    assert "&#39;&lt;b&gt;paragrap&lt;/b&gt;&#39;" in page and "<b>paragrap" not in page
    assert "First para." not in page  # not a stale document
    assert '<a href="/committee-report/last-good#section-1">See “1. Introduction”' in page
    last_good = preview.last_good("committee-report")
    assert last_good and 'id="section-1"' in last_good and "First para." in last_good
    assert "<strong>Out of date:</strong>" in last_good
    assert preview.pdf("committee-report") is None
    assert "sections[1].content[1]" in preview.index()

    edit(minimal / "sections.yaml", BROKEN[1], "- paragraph: First para, fixed.")
    preview.refresh()
    page = preview.page("committee-report")
    assert "First para, fixed." in page and "paragrap<" not in page
    assert preview.last_good("committee-report") is None  # the page is the document again


def test_a_template_mistake_is_shown_in_place_of_the_document_until_it_is_fixed(
    minimal: Path, tmp_path: Path
) -> None:
    own = tmp_path / "own-templates" / "html"
    own.mkdir(parents=True)
    template = own / "committee-report.html.j2"
    template.write_text("<html><body>{{ 1 // 0 }}</body></html>", encoding="utf-8")
    preview = Preview(minimal, templates=own.parent)
    assert own.parent in preview.watched()
    page = preview.page("committee-report")
    assert "committee-report cannot be shown" in page
    assert "ZeroDivisionError" in page and "line 1" in page
    template.write_text(
        "<html><head></head><body><main>Our own {{ doc.title }}</main></body></html>"
    )
    preview.refresh()
    assert "Our own Test report Smith &amp; Sons &lt;Ltd&gt;" in preview.page("committee-report")


def test_the_server_answers_on_this_machine_with_the_preview_pages_only(
    server: PreviewServer,
) -> None:
    assert server.server_address[0] == "127.0.0.1"
    index = _get(server, "/")
    assert index.status == 200 and index.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "script-src 'sha256-" in index.headers["Content-Security-Policy"]
    page = _body(server, "/")
    assert '<a href="/committee-report">' in page and '<a href="/committee-report.pdf">' in page
    assert _get(server, "/committee-report").status == 200
    for path in [
        "/../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/report.yaml",
        "/2020-21/report.yaml",
        "/committee-report.docx",
        "/committee-report.html",
        "/committee-report/../../report.yaml",
        "//etc/passwd",
    ]:
        assert _get(server, path).status == 404, path
    assert _get(server, "/", host="attacker.example").status == 421
    for path, mode, status in [
        ("/events", "cors", 403),
        ("/committee-report.pdf", "no-cors", 403),
        ("/", "navigate", 200),  # a link from elsewhere may open the preview
    ]:
        from_elsewhere = _get(server, path, Sec_Fetch_Site="cross-site", Sec_Fetch_Mode=mode)
        assert from_elsewhere.status == status, path
    pdf = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    pdf.request("GET", "/committee-report.pdf")
    response = pdf.getresponse()
    assert response.status == 200 and response.headers["Content-Type"] == "application/pdf"
    assert response.read().startswith(b"%PDF")


def test_a_save_sends_one_refresh_event_and_the_page_then_has_the_new_text(
    server: PreviewServer, minimal: Path
) -> None:
    events = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    events.request("GET", f"/events?seen={server.preview.generation}")
    stream = events.getresponse()
    assert stream.headers["Content-Type"] == "text/event-stream"
    assert stream.readline() == b"retry: 1000\n"
    edit(minimal / "sections.yaml", "First para.", "First para, saved.")
    lines = [stream.readline() for _ in range(3)]
    assert lines[0] == b"\n" and lines[1] == b"event: refresh\n"
    assert "First para, saved." in _body(server, "/committee-report")


def test_a_page_that_missed_a_save_is_told_at_once(server: PreviewServer) -> None:
    events = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    events.request("GET", f"/events?seen={server.preview.generation - 1}")
    stream = events.getresponse()
    assert [stream.readline() for _ in range(3)] == [b"retry: 1000\n", b"\n", b"event: refresh\n"]


def test_a_folder_that_is_not_a_year_is_refused_at_once(minimal: Path) -> None:
    with pytest.raises(NotAYearFolderError, match=r"has no report\.yaml"):
        Preview(minimal.parent / "library")


def test_a_port_in_use_is_named(minimal: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ReportgenError, match=f"port {port}.*--port 0"):
            PreviewServer(Preview(minimal), port=port)


def test_the_command_prints_its_address_and_stops_on_ctrl_c(minimal: Path) -> None:
    command = [sys.executable, "-m", "reportgen", "preview", str(minimal), "--port", "0"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stderr.readline() if process.stderr else ""
        url = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert url, first
        connection = http.client.HTTPConnection("127.0.0.1", int(url.group(1)), timeout=30)
        connection.request("GET", "/")
        assert "Preview of 2020-21" in connection.getresponse().read().decode()
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0 and rest.strip() == "Stopped."
