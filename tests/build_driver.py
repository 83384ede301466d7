"""``reportgen`` stopped at a chosen point, for the tests of killed and concurrent builds
(tests/test_outputs_together.py)::

    python tests/build_driver.py staged:2 build content/2020-21 --out out

- ``staged:N``: killed (SIGKILL) once the Nth new file is staged;
- ``moving:N``: killed just before the Nth staged file is moved into place;
- ``hold:PATH``: holds the output folder's lock, before rendering, until PATH exists.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import time
from typing import Any

from reportgen.cli import main

build = importlib.import_module("reportgen.commands.build")
staging = importlib.import_module("reportgen.write.staging")
calls = [0]


def _counted(number: str) -> bool:
    calls[0] += 1
    return calls[0] == int(number)


def _kill_when_staged(number: str) -> None:
    write = staging.write_fully

    def write_fully(descriptor: int, payload: bytes) -> None:
        write(descriptor, payload)
        if _counted(number):
            os.kill(os.getpid(), signal.SIGKILL)

    staging.write_fully = write_fully


def _kill_when_moving(number: str) -> None:
    replace = os.replace

    def moving(source: Any, target: Any) -> None:
        path = os.fspath(source)
        if "/.staging-" in path and "/.previous/" not in path and _counted(number):
            os.kill(os.getpid(), signal.SIGKILL)
        replace(source, target)

    os.replace = moving


def _hold_until(path: str) -> None:
    run_all = build.RenderJob.run_all

    def held(self: Any, jobs: Any, tell: Any) -> Any:
        for _ in range(6000):  # a minute at most
            if os.path.exists(path):
                break
            time.sleep(0.01)
        return run_all(self, jobs, tell)

    build.RenderJob.run_all = held


if __name__ == "__main__":
    where, value = sys.argv[1].split(":", 1)
    {"staged": _kill_when_staged, "moving": _kill_when_moving, "hold": _hold_until}[where](value)
    sys.argv = ["reportgen", *sys.argv[2:]]
    main()
