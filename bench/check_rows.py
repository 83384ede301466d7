"""Time `reportgen check` on a year whose data table has many rows.

Run: .venv/bin/python bench/check_rows.py [--rows 10000 100000] [--repeat 3]
(`make bench` runs it too.)

For each size it copies the 2016-17 sample year (and the shared library) into a temporary
folder, replaces the anti-social behaviour table's data file (data/sa-4-asb-by-district.csv)
with its own rows followed by that many generated ward rows (three counts, a published %
change, a rate), and reports, as medians in seconds:
- `check` through the Python API (``reportgen.check``), in this process;
- `reportgen check` as a whole process (start-up included).
Numbers only, never a pass/fail.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CONTENT = Path(__file__).resolve().parent.parent / "content"
YEAR = "2016-17"
TABLE = Path("data") / "sa-4-asb-by-district.csv"


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def generated_rows(count: int) -> list[str]:
    """``count`` ward rows: counts for three years, their published % change, a rate."""
    chance = random.Random(count)
    rows = []
    for number in range(1, count + 1):
        first, second, third = (chance.randint(50, 5000) for _ in range(3))
        change = (third - second) / second * 100
        rate = chance.randint(50, 400) / 10
        rows.append(f"Ward {number:06d},{first},{second},{third},{change:.1f},{rate},")
    return rows


def year_with_rows(scratch: Path, count: int) -> Path:
    """A copy of the sample year whose table has ``count`` more rows; returns its folder."""
    shutil.copytree(CONTENT / "library", scratch / "content" / "library")
    year = scratch / "content" / YEAR
    shutil.copytree(CONTENT / YEAR, year)
    data = year / TABLE
    lines = data.read_text(encoding="utf-8").splitlines()
    data.write_text("\n".join([*lines, *generated_rows(count)]) + "\n", encoding="utf-8")
    return year


def check_in_process(year: Path) -> None:
    from reportgen import check

    check(year)


def check_as_process(year: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "reportgen", "check", str(year)], capture_output=True, check=False
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--no-process", action="store_true", help="time the Python API only (no subprocess)"
    )
    arguments = parser.parse_args()
    print(f"{'rows':>8}  {'check (API)':>12}  {'reportgen check':>16}")
    for count in arguments.rows:
        with tempfile.TemporaryDirectory() as scratch:
            year = year_with_rows(Path(scratch), count)
            api = median_seconds(lambda year=year: check_in_process(year), arguments.repeat)
            whole = (
                None
                if arguments.no_process
                else median_seconds(lambda year=year: check_as_process(year), arguments.repeat)
            )
        shown = "-" if whole is None else f"{whole:.2f} s"
        print(f"{count:>8}  {api:>10.2f} s  {shown:>16}")


if __name__ == "__main__":
    main()
