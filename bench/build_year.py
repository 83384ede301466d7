"""Time building each sample year: every document in each format, and all formats together.

Run: make bench  (or .venv/bin/python bench/build_year.py [--repeat N] [YEAR ...])
Also times the DOCX → PDF path through LibreOffice, when soffice is installed, for
comparison with WeasyPrint. Prints medians in seconds; numbers, never a pass/fail.
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


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def libreoffice_seconds(docx: Path, repeat: int) -> float | None:
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    with tempfile.TemporaryDirectory() as scratch:
        profile = Path(scratch, "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            scratch,
            str(docx),
        ]
        subprocess.run(command, capture_output=True, check=False)  # warm the profile
        return median_seconds(
            lambda: subprocess.run(command, capture_output=True, check=True), repeat
        )


def bench_year(year: Path, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as out:
        for fmt in FORMATS:
            seconds = median_seconds(lambda fmt=fmt: build(year, formats=[fmt], out=out), repeat)
            print(f"{year.name}  {fmt:<4}  {seconds:6.3f} s")
        seconds = median_seconds(lambda: build(year, out=out), repeat)
        print(f"{year.name}  all   {seconds:6.3f} s")
        for docx in sorted(Path(out).glob("*.docx")):
            lo = libreoffice_seconds(docx, repeat)
            if lo is not None:
                print(f"{year.name}  {docx.stem}.docx → PDF via LibreOffice  {lo:6.3f} s")


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
