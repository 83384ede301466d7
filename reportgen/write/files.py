"""Output files: :class:`OutputFolder` for a build's documents, :func:`atomic_write` for each file.

Files are written atomically (a temporary file beside the target, then a rename), so a
failed or killed build leaves the previous good file in place; paths outside the output
folder, and writing one file twice in a run, are refused.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reportgen.exceptions import OutputError


class OutputFolder:
    """The folder a build writes into."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self.written: list[Path] = []

    def path_for(self, name: str) -> Path:
        """The full path of ``name`` inside the folder; refuses anything outside it."""
        target = (self.root / name).resolve()
        if not target.is_relative_to(self.root):
            raise OutputError(f"refusing to write {name}: it is outside {self.root}.")
        return target

    def write(self, name: str, data: bytes | str) -> Path:
        """Write ``data`` to ``name`` atomically and return the path written."""
        target = self.path_for(name)
        if target in self.written:
            raise OutputError(f"{target} was already written in this build.")
        payload = data.encode("utf-8") if isinstance(data, str) else data
        atomic_write(target, payload)
        self.written.append(target)
        return target


def atomic_write(target: Path, payload: bytes) -> None:
    """Replace ``target`` with ``payload`` in one step, or leave it untouched."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror}.") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or what the user's umask gives a new file."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
