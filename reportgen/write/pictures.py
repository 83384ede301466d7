"""Where drawn charts are kept between builds: ``.cache/charts/`` in the output folder,
each picture named by what it was drawn from.

A build holds its newly drawn pictures back (``hold=True``) and keeps them only once its
documents are in place (:meth:`PictureFolder.save`), so a build that fails writes no
cache either."""

from __future__ import annotations

import contextlib
from pathlib import Path

from reportgen.exceptions import OutputError
from reportgen.write.files import atomic_write

CHARTS_FOLDER = Path(".cache") / "charts"
"""The picture cache, inside an output folder."""


class PictureFolder:
    """A folder of drawn charts (the render step's picture cache). Keeping a picture only
    saves time: if it cannot be written, the chart is drawn again next time."""

    def __init__(self, folder: Path, hold: bool = False) -> None:
        self.folder = folder
        self.hold = hold
        self.held: dict[str, bytes] = {}

    def get(self, name: str) -> bytes | None:
        if name in self.held:
            return self.held[name]
        path = self.folder / name
        try:
            return path.read_bytes() if path.is_file() else None
        except OSError:
            return None

    def put(self, name: str, payload: bytes) -> None:
        if self.hold:
            self.held[name] = payload
        else:
            _keep(self.folder / name, payload)

    def save(self) -> None:
        """Keep the pictures held back (once the build has succeeded)."""
        for name, payload in self.held.items():
            _keep(self.folder / name, payload)
        self.held.clear()


def _keep(path: Path, payload: bytes) -> None:
    with contextlib.suppress(OSError, OutputError):
        atomic_write(path, payload)
