"""Where drawn charts are kept between builds: ``.cache/charts/`` in the output folder,
each picture named by what it was drawn from."""

from __future__ import annotations

import contextlib
from pathlib import Path

from reportgen.exceptions import OutputError
from reportgen.write.files import atomic_write


class PictureFolder:
    """A folder of drawn charts (the render step's picture cache). Keeping a picture only
    saves time: if it cannot be written, the chart is drawn again next time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, name: str) -> bytes | None:
        path = self.folder / name
        try:
            return path.read_bytes() if path.is_file() else None
        except OSError:
            return None

    def put(self, name: str, payload: bytes) -> None:
        with contextlib.suppress(OSError, OutputError):
            atomic_write(self.folder / name, payload)
