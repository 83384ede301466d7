"""Rebuilding a year that was built before: nothing changed, and one file edited.

Run: .venv/bin/python bench/rebuild.py [--repeat N] [YEAR]   (default 2018-19, 5 runs)

On a copy of the content, built once into a scratch folder, it reports medians of:

- a rebuild with nothing changed: ``build()`` called again in one process (as the
  preview and scripts do: files read before are remembered) and ``reportgen build`` as a
  new process (it finds what it read in the output folder's ``.cache/parsed/``);
- one file edited (a new word each run), then rebuilt as a new process: which files
  were re-rendered and the time, for a word in the plan's introduction
  (plan/introduction.yaml), in the report's sections (sections.yaml) and in a library
  text both documents print (library/report-text.yaml);
- the peak memory of those processes (their process trees; see measure.py).

Numbers only, never a pass/fail.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from measure import Run, load, median, megabytes, reportgen, run, year_arguments

EDITS = {
    "plan's introduction": ("plan/introduction.yaml", "Welcome to the annual refresh"),
    "report's sections": ("sections.yaml", "Strategic Assessment is a report published"),
    "shared library text": ("../library/report-text.yaml", "must meet at least once a year"),
}
"""A file of the year and text in it to put a new word beside."""


def rebuilds(year: Path, repeat: int, source: Path | None) -> None:
    print(f"{year.name}: rebuilds, {repeat} runs each ({load()})")
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        shutil.copytree(year.parent / "library", scratch / "content" / "library")
        copy = scratch / "content" / year.name
        shutil.copytree(year, copy)
        out = scratch / "out"
        command, environment = reportgen(source)
        build = [*command, "build", str(copy), "--out", str(out)]
        run(build, environment)
        in_process(copy, out, repeat)
        runs = [run(build, environment) for _ in range(repeat)]
        assert all("writing" not in r.stderr for r in runs), runs[0].stderr
        report("no change, new process", runs, [])
        for what, (file, anchor) in EDITS.items():
            runs, written = [], []
            for number in range(repeat):
                _edit(copy / file, anchor, f"{anchor} Edited{number}x")
                runs.append(run(build, environment))
                written = _written(runs[-1].stderr)
            report(f"{what} edited", runs, written)
    print(f"  ({load()})")


def in_process(year: Path, out: Path, repeat: int) -> None:
    """``build()`` again in this process (the files read are remembered in memory)."""
    from reportgen import build

    build(year, out=out)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        build(year, out=out)
        timings.append(time.perf_counter() - started)
    print(f"  {'no change, in one process':<34} {median(timings):6.2f} s")


def report(what: str, runs: list[Run], written: list[str]) -> None:
    files = ", ".join(written) if written else "nothing"
    print(
        f"  {what:<34} {median([r.wall for r in runs]):6.2f} s  "
        f"(CPU {median([r.cpu for r in runs]):5.2f} s, "
        f"peak memory {megabytes(int(max(r.tree_pss for r in runs)))})  "
        f"re-rendered: {files}"
    )


def _edit(path: Path, anchor: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if anchor not in text:
        raise SystemExit(f"{anchor!r} is not in {path}: update bench/rebuild.py's EDITS")
    path.write_text(text.replace(anchor, new, 1), encoding="utf-8")


def _written(progress: str) -> list[str]:
    return [
        line.split(": writing ", 1)[1] for line in progress.splitlines() if ": writing " in line
    ]


def main() -> None:
    arguments = year_arguments(__doc__, "2018-19")
    rebuilds(arguments.content / arguments.year, arguments.repeat, arguments.source)


if __name__ == "__main__":
    main()
