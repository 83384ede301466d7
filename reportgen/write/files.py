"""Output files: :class:`OutputFolder` for a build's documents, :func:`atomic_write` for each file.

Files are written atomically (a temporary file beside the target, then a rename), so a
failed or killed build leaves the previous good file in place; paths outside the output
folder, and writing one file twice in a run, are refused. A file that cannot be written
(a full disk, no permission) is an :class:`OutputError` naming it, never a traceback.
A build writes its whole set of documents together: see :mod:`reportgen.write.staging`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from pathlib import Path

from reportgen.exceptions import OutputError

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.EISDIR: "a folder of that name is in the way",
    errno.ENOTDIR: "a file is in the way of a folder on its path",
}


def default_output(folder: Path) -> Path:
    """``output/<year>/`` beside the content folder: content/2018-19 → output/2018-19."""
    year = Path(folder).resolve()
    return year.parent.parent / "output" / year.name


class OutputFolder:
    """The folder a build writes into."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self.written: list[Path] = []

    def path_for(self, name: str) -> Path:
        """The full path of ``name`` inside the folder; refuses anything outside it."""
        target = (self.root / name).resolve()
        if not target.is_relative_to(self.root) or target == self.root:
            raise OutputError(f"refusing to write {name}: it is outside {self.root}.")
        return target

    def claim(self, name: str) -> Path:
        """The path of ``name``, refusing it if it was already written in this run."""
        target = self.path_for(name)
        if target in self.written:
            raise OutputError(f"{target} was already written in this build.")
        self.written.append(target)
        return target

    def write(self, name: str, data: bytes | str) -> Path:
        """Write ``data`` to ``name`` atomically and return the path written."""
        target = self.path_for(name)
        if target in self.written:
            raise OutputError(f"{target} was already written in this build.")
        atomic_write(target, as_bytes(data))
        self.written.append(target)
        return target


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, read a piece at a time ("" if it cannot be read)."""
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return ""


def as_bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def atomic_write(target: Path, payload: bytes) -> None:
    """Replace ``target`` with ``payload`` in one step, or leave it untouched."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise write_error(target, error) from error
    try:
        try:
            write_fully(handle, payload)
        finally:
            os.close(handle)
        os.chmod(temporary, mode_for(target))
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise write_error(target, error) from error
        raise


def write_fully(descriptor: int, payload: bytes) -> None:
    """Write all of ``payload`` and flush it to the disk (``os.write`` may write less
    than asked)."""
    view = memoryview(payload)
    while view:
        view = view[os.write(descriptor, view) :]
    os.fsync(descriptor)


def write_error(target: Path, error: OSError, after: str = "") -> OutputError:
    """An :class:`OutputError` naming the file being written and why, in plain words
    (``after``: a sentence to add, e.g. that the previous files are unchanged)."""
    reason = _REASONS.get(error.errno or 0) or (error.strerror or str(error)).lower()
    detail = f" ({error.strerror})" if error.strerror and reason != error.strerror.lower() else ""
    return OutputError(f"cannot write {target}: {reason}{detail}." + (f" {after}" if after else ""))


def mode_for(target: Path) -> int:
    """The replaced file's permissions, or what the user's umask gives a new file."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` survive a power cut (where the system allows it)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
