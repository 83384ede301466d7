"""Measuring a whole process as a user runs it: wall time, CPU time and peak memory of
its process tree (it and every process it starts: rendering workers, LibreOffice).

Memory is sampled from /proc every 20 milliseconds while the process runs:

- ``tree_pss``: the most the tree held at once, as the sum of each process's
  proportional set size (memory shared between forked workers counted once, shared
  fairly) — what the build costs the machine;
- ``largest_rss``: the largest resident set of any one process of the tree.

CPU time is the user + system time of the process and the processes it waited for
(``getrusage(RUSAGE_CHILDREN)``, before and after). Linux only; numbers, never pass/fail.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
REPORTGEN = ROOT / ".venv" / "bin" / "reportgen"


@dataclass(frozen=True)
class Run:
    """One run of a process."""

    wall: float
    cpu: float
    tree_pss: int
    largest_rss: int
    stdout: str
    stderr: str
    returncode: int


def reportgen(source: Path | None) -> tuple[list[str], dict[str, str] | None]:
    """The command that runs reportgen, and its environment: the installed one, or the
    package in another checkout ``source`` (to compare before and after a change)."""
    if source is None:
        return [str(REPORTGEN)], None
    python = str(ROOT / ".venv" / "bin" / "python")
    path = {"PYTHONPATH": str(source.resolve()), "PYTHONSAFEPATH": "1"}  # not the cwd
    return [python, "-m", "reportgen"], {**os.environ, **path}


def run(command: list[str], environment: dict[str, str] | None = None, check: bool = True) -> Run:
    """Run ``command`` to the end, measured."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    sampler = _Sampler(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if check and process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr}")
    return Run(wall, cpu, sampler.tree_pss, sampler.largest_rss, stdout, stderr, process.returncode)


def median(values: list[float]) -> float:
    return statistics.median(values)


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes) and its cores, to read the numbers by."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


class _Sampler(threading.Thread):
    """Samples the memory of a process and its descendants until stopped."""

    def __init__(self, root: int, every: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.root, self.every = root, every
        self.tree_pss = self.largest_rss = 0
        self._stopping = threading.Event()

    def run(self) -> None:
        while not self._stopping.is_set():
            processes = _tree(self.root)
            pss = sum(_field(pid, "smaps_rollup", "Pss:") for pid in processes)
            rss = max((_field(pid, "status", "VmRSS:") for pid in processes), default=0)
            self.tree_pss = max(self.tree_pss, pss)
            self.largest_rss = max(self.largest_rss, rss)
            time.sleep(self.every)

    def stop(self) -> None:
        self._stopping.set()
        self.join()


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        waiting += children.get(pid, [])
    return found


def _field(pid: int, file: str, name: str) -> int:
    """A size in bytes from /proc/PID/FILE (``Pss:`` of smaps_rollup, ``VmRSS:`` of
    status), or 0 when the process has ended."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def year_arguments(description: str | None, year: str) -> argparse.Namespace:
    """The command line every benchmark takes: a year folder's name (default ``year``),
    --repeat, --content and --source (another checkout's reportgen, for before/after)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("year", nargs="?", default=year, help="a year folder's name")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--content", type=Path, default=CONTENT, help="the content folder")
    parser.add_argument(
        "--source", type=Path, help="run the reportgen package in this checkout instead"
    )
    return parser.parse_args()
