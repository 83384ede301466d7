"""Time building a sample year, and where the time goes.

Run: make bench  (or .venv/bin/python bench/build_year.py [--repeat N] [YEAR ...])

For each year it reports, as medians in seconds:
- each format on its own, every document, called in this process (``build()``);
- the whole year, every document in every format, as `reportgen build` does it
  (documents and formats rendered in parallel across the cores), into an empty folder,
  with the chart cache emptied too (and the files read forgotten);
- the split of one build done step by step in one process: importing reportgen (a new
  process), reading (cold, then from the cache of files read), figures, charts, DOCX
  (and the LibreOffice pass that numbers the Word contents page), HTML, PDF layout and
  PDF write;
- `reportgen publish` of a signed-off copy (its officers given keys made in the scratch
  folder, since the samples require signatures): the agenda pack, HTML and manifest.
The cold year against the Word + LibreOffice path, as whole processes, is
bench/cold_year.py; rebuilds (nothing changed, one file edited) bench/rebuild.py.
Numbers only, never a pass/fail.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportgen import FORMATS, build
from reportgen.commands import sign_off, status
from reportgen.commands.publish import publish
from reportgen.load import cache
from reportgen.signoff import new_key

CONTENT = Path(__file__).resolve().parent.parent / "content"


def median_seconds(
    action: Callable[[], object], repeat: int, before: Callable[[], object] = lambda: None
) -> float:
    timings = []
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def bench_year(year: Path, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)

        def fresh() -> None:
            shutil.rmtree(out / "y", ignore_errors=True)
            cache.forget()

        for fmt in FORMATS:
            seconds = median_seconds(
                lambda fmt=fmt: build(year, formats=[fmt], out=out / "y"), repeat, before=fresh
            )
            print(f"{year.name}  {fmt:<4} only                      {seconds:6.2f} s")
        whole = median_seconds(lambda: build(year, out=out / "y"), repeat, before=fresh)
        print(f"{year.name}  whole year, all formats        {whole:6.2f} s")
        for stage, seconds in split(year, out / "split").items():
            print(f"{year.name}    {stage:<42} {seconds:6.2f} s")
        seconds, pages = publish_seconds(year, out / "publish", repeat)
        print(f"{year.name}  publish (agenda pack, {pages} pages) {seconds:6.2f} s")


def publish_seconds(year: Path, scratch: Path, repeat: int) -> tuple[float, int]:
    """`reportgen publish` on a signed-off copy of the year: one new version each time
    (--again, since nothing changes between them)."""
    shutil.copytree(year.parent / "library", scratch / "content" / "library")
    copy = scratch / "content" / year.name
    shutil.copytree(year, copy)
    config = scratch / "officer-config"
    give_officers_keys(copy / "officers.yaml", config)
    for item in status(copy):
        sign_off(copy, item.item, item.signer, config=config)
    publications = []
    seconds = median_seconds(lambda: publications.append(publish(copy, 1, again=True)), repeat)
    (pack,) = [f for f in publications[-1].manifest["files"] if f["name"].endswith(".pdf")]
    return seconds, pack["pages"]


def give_officers_keys(officers: Path, config: Path) -> None:
    """Make a key in ``config`` for every officer of ``officers`` (an officers.yaml) and
    list its public key there in place of the sample's (whose private half is gone)."""
    import yaml

    text = officers.read_text(encoding="utf-8")
    for officer in yaml.safe_load(text)["officers"]:
        key = new_key(officer["name"], config)
        if officer.get("public_key"):
            text = text.replace(officer["public_key"], key.public_key)
        else:
            text = text.replace(
                f"role: {officer['role']}\n",
                f"role: {officer['role']}\n    public_key: {key.public_key}\n",
                1,
            )
    officers.write_text(text, encoding="utf-8")


def tables_seconds(year: object) -> float:
    """Reading the CSV files and computing every table (part of loading and checking)."""
    from reportgen.compute.tables import compute_table
    from reportgen.load.data import read_data
    from reportgen.types import TableSource

    started = time.perf_counter()
    for part in year.assessment.parts if year.assessment else []:
        for name, spec in part.chapter.tables.items():
            data, _ = read_data(year.folder / spec.data)
            compute_table(TableSource(name, spec, data, part.file))
    return time.perf_counter() - started


def import_seconds() -> float:
    """Importing what a build runs, in a new process (the best of three): the command line
    and the build's pipeline (the command line alone imports it lazily, when there is
    something to build); WeasyPrint aside, imported while the charts are drawn."""
    code = (
        "import time; t = time.perf_counter(); import reportgen.cli, reportgen.commands.build; "
        "print(time.perf_counter() - t)"
    )
    return min(
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    )


def split(year: Path, out: Path) -> dict[str, float]:
    """One build, step by step in one process, timed per step (charts drawn cold)."""
    from reportgen import read_year
    from reportgen.compute import DOCUMENTS
    from reportgen.render.charts import charts_in, draw_charts
    from reportgen.render.docx import render_docx
    from reportgen.render.docx_contents import fill_contents_page_numbers
    from reportgen.render.html import render_html
    from reportgen.render.pdf import load_weasyprint
    from reportgen.render.tools import search_path, soffice

    weasyprint = load_weasyprint()
    folders = search_path(None)
    times: dict[str, float] = dict.fromkeys(
        (
            "importing reportgen's build (a new process)",
            "loading and checking",
            "loading and checking, files read before",
            "figures (tables)",
            "compute, with charts drawn (no cache)",
            "DOCX",
            "DOCX contents page numbers (LibreOffice)",
            "HTML",
            "PDF layout",
            "PDF write",
        ),
        0.0,
    )
    times["importing reportgen's build (a new process)"] = import_seconds()
    cache.forget()
    started = time.perf_counter()
    year_content = read_year(year)
    times["loading and checking"] = time.perf_counter() - started
    started = time.perf_counter()
    read_year(year)
    times["loading and checking, files read before"] = time.perf_counter() - started
    times["figures (tables)"] = tables_seconds(year_content)
    times["loading and checking"] -= times["figures (tables)"]
    for kind in DOCUMENTS.values():
        if not kind.defined(year_content):
            continue
        started = time.perf_counter()
        document = kind.compute(year_content)
        pictures = draw_charts(charts_in(document))
        times["compute, with charts drawn (no cache)"] += time.perf_counter() - started
        started = time.perf_counter()
        docx = render_docx(
            document, kind.template, folders, number_contents=False, pictures=pictures
        )
        times["DOCX"] += time.perf_counter() - started
        if getattr(document, "contents", ()) and soffice():
            started = time.perf_counter()
            fill_contents_page_numbers(
                docx, [(e.bookmark.name, f"{e.label} {e.title}") for e in document.contents]
            )
            times["DOCX contents page numbers (LibreOffice)"] += time.perf_counter() - started
        started = time.perf_counter()
        html = render_html(document, kind.template, folders, pictures=pictures)
        times["HTML"] += time.perf_counter() - started
        started = time.perf_counter()
        laid_out = weasyprint.HTML(string=html, base_url=str(folders[0] / "html") + "/").render()
        times["PDF layout"] += time.perf_counter() - started
        started = time.perf_counter()
        laid_out.write_pdf(pdf_variant="pdf/ua-1")
        times["PDF write"] += time.perf_counter() - started
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("years", nargs="*", help="year folder names (default: all)")
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    years = [CONTENT / name for name in arguments.years] or sorted(
        path.parent for path in CONTENT.glob("*/report.yaml")
    )
    for year in years:
        bench_year(year, arguments.repeat)


if __name__ == "__main__":
    main()
