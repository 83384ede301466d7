"""Time building a sample year, and compare with the DOCX + LibreOffice path.

Run: make bench  (or .venv/bin/python bench/build_year.py [--repeat N] [YEAR ...])

For each year it reports, as medians in seconds:
- each format on its own, every document (one process each time);
- the whole year, every document in every format, as `reportgen build` does it
  (documents and formats rendered in parallel across the cores), into an empty folder;
- a rebuild with nothing changed (outputs reused);
- the alternative: build the DOCX files, then convert them to PDF with LibreOffice.
Numbers only, never a pass/fail.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportgen import FORMATS, build

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


def libreoffice_path(year: Path, out: Path, repeat: int) -> float | None:
    """Build every DOCX, then one soffice run converting them all to PDF."""
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    profile = (out / "profile").as_uri()

    def run() -> None:
        paths = build(year, formats=["docx"], out=out / "docx")
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out / "pdf"),
                *map(str, paths),
            ],
            capture_output=True,
            check=True,
        )

    run()  # warm LibreOffice's profile
    return median_seconds(run, repeat, before=lambda: shutil.rmtree(out / "docx"))


def bench_year(year: Path, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        fresh = lambda: shutil.rmtree(out / "y", ignore_errors=True)  # noqa: E731
        for fmt in FORMATS:
            seconds = median_seconds(
                lambda fmt=fmt: build(year, formats=[fmt], out=out / "y"), repeat, before=fresh
            )
            print(f"{year.name}  {fmt:<4} only                      {seconds:6.2f} s")
        seconds = median_seconds(lambda: build(year, out=out / "y"), repeat, before=fresh)
        print(f"{year.name}  whole year, all formats        {seconds:6.2f} s")
        seconds = median_seconds(lambda: build(year, out=out / "y"), repeat)
        print(f"{year.name}  rebuild with nothing changed   {seconds:6.2f} s")
        lo = libreoffice_path(year, out / "lo", repeat)
        if lo is not None:
            print(f"{year.name}  DOCX + LibreOffice to PDF      {lo:6.2f} s")


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
