"""A cold year against the Word + LibreOffice path, measured as a user runs both.

Run: .venv/bin/python bench/cold_year.py [--repeat N] [YEAR]   (default 2016-17, 5 runs)

Each run times two whole processes, one after the other:

- ``reportgen build content/YEAR --out EMPTY``: every document of the year in DOCX, PDF
  and HTML into a new, empty folder (no chart cache, no files read before);
- ``soffice --headless --convert-to pdf`` of the same three DOCX files in one process,
  as a council turns its Word files into PDFs (with a LibreOffice profile made once
  beforehand, as a user's own is).

It reports medians of wall time, CPU time (user + system, with every process each one
started), the build's peak memory (its process tree; see measure.py) and the ratio of
the build's wall time to LibreOffice's (the goal: 1.0 or less), with the machine's load
before and after. Numbers only, never a pass/fail.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from measure import Run, load, median, megabytes, reportgen, run, year_arguments


def soffice_command(docx_files: list[Path], scratch: Path) -> list[str]:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise SystemExit("LibreOffice (soffice) is needed for this comparison.")
    return [
        program,
        f"-env:UserInstallation={(scratch / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(scratch / "pdf"),
        *map(str, docx_files),
    ]


def compare(year: Path, repeat: int, source: Path | None = None) -> None:
    print(f"{year.name}: cold build vs LibreOffice, {repeat} runs each ({load()})")
    command, environment = reportgen(source)
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        builds: list[Run] = []
        offices: list[Run] = []
        for number in range(repeat):
            out = scratch / f"out-{number}"
            builds.append(run([*command, "build", str(year), "--out", str(out)], environment))
            docx_files = sorted(out.glob("*.docx"))
            if number == 0:  # LibreOffice's profile made once, as a user's is
                run(soffice_command(docx_files, scratch))
            offices.append(run(soffice_command(docx_files, scratch)))
        report("reportgen build (9 files)" if len(docx_files) == 3 else "reportgen build", builds)
        report(f"soffice, {len(docx_files)} DOCX -> PDF", offices)
        ratio = median([b.wall for b in builds]) / median([o.wall for o in offices])
        cpu = median([b.cpu for b in builds]) / median([o.cpu for o in offices])
        print(f"  ratio build / soffice: wall {ratio:.2f}, CPU {cpu:.2f}   ({load()})")


def report(what: str, runs: list[Run]) -> None:
    walls = ", ".join(f"{r.wall:.2f}" for r in runs)
    print(
        f"  {what:<28} wall {median([r.wall for r in runs]):6.2f} s  "
        f"CPU {median([r.cpu for r in runs]):6.2f} s  "
        f"peak memory {megabytes(int(median([r.tree_pss for r in runs])))} "
        f"(largest process {megabytes(int(median([r.largest_rss for r in runs])))})  "
        f"[runs: {walls}]"
    )


def main() -> None:
    arguments = year_arguments(__doc__, "2016-17")
    compare(arguments.content / arguments.year, arguments.repeat, arguments.source)


if __name__ == "__main__":
    main()
