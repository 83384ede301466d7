"""Time the preview's refresh: from saving a file to the new HTML being served.

Run: .venv/bin/python bench/preview_refresh.py [--repeat N] [YEAR]   (default 2018-19)

It copies the sample content to a scratch folder, starts `reportgen preview`'s server on
a free port (in this process, as the command does), and for each one-file edit listens to
the page's event stream as the browser does, saves the file, waits for the `refresh`
event and fetches the page until it has the new word. It reports, as medians in seconds:

- save → refresh event (watchfiles noticing the save, then the year read again);
- save → new HTML served (that, then the document computed and rendered as HTML);

for a word changed in the report's introduction (sections.yaml → committee-report) and in
the plan's introduction (plan/introduction.yaml → community-safety-plan). Numbers only,
never a pass/fail.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from reportgen.commands.preview import Preview
from reportgen.commands.preview_server import PreviewServer

CONTENT = Path(__file__).resolve().parent.parent / "content"
EDITS = {
    "committee-report": ("sections.yaml", "Strategic Assessment is a report published"),
    "community-safety-plan": ("plan/introduction.yaml", "Welcome to the annual refresh"),
}
"""For each document: a file it is made from, and text in it to put a new word beside."""


def one_edit(server: PreviewServer, year: Path, document: str, run: int) -> tuple[float, float]:
    """Save one file with a new word; the seconds until the first refresh event, and
    until the page with the new word was served."""
    file, anchor = EDITS[document]
    path, word = year / file, f"Edited{run}x"
    text = path.read_text(encoding="utf-8")
    stream = _events(server)
    saved = time.perf_counter()
    path.write_text(text.replace(anchor, f"{anchor} {word}", 1), encoding="utf-8")
    refreshed = None
    while True:  # a save noticed in two bursts is read twice: wait for the page with the word
        _wait_for_refresh(stream)
        refreshed = refreshed or time.perf_counter()
        stream = _events(server)
        if word in _page(server, document):
            served = time.perf_counter()
            break
    path.write_text(text, encoding="utf-8")  # back as it was, for the next run
    _wait_for_refresh(stream)
    time.sleep(0.2)
    return refreshed - saved, served - saved


def _events(server: PreviewServer) -> http.client.HTTPResponse:
    """The page's event stream, opened as a page opens it (from what it has seen)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", f"/events?seen={server.preview.generation}")
    stream = connection.getresponse()
    stream.readline()  # "retry: …": the stream is open
    return stream


def _wait_for_refresh(stream: http.client.HTTPResponse) -> None:
    while not stream.readline().startswith(b"event: refresh"):
        pass
    stream.close()


def _page(server: PreviewServer, document: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", f"/{document}")
    body = connection.getresponse().read().decode("utf-8")
    connection.close()
    return body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("year", nargs="?", default="2018-19")
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as scratch:
        content = Path(scratch) / "content"
        shutil.copytree(CONTENT, content)
        year = content / arguments.year
        started = time.perf_counter()
        with PreviewServer(Preview(year), port=0).start() as server:
            print(f"{arguments.year}: preview ready in {time.perf_counter() - started:.2f} s")
            time.sleep(0.5)  # the watcher starts watching
            for document in EDITS:
                runs = [one_edit(server, year, document, run) for run in range(arguments.repeat)]
                event = statistics.median(run[0] for run in runs)
                page = statistics.median(run[1] for run in runs)
                print(
                    f"  one-word edit of {EDITS[document][0]} → {document}: "
                    f"refresh event {event:.3f} s, new HTML served {page:.3f} s "
                    f"(median of {arguments.repeat})"
                )


if __name__ == "__main__":
    main()
