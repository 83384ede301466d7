"""A new content folder (a year, or the shared library) written whole or not at all:
every file goes into a hidden folder beside it, which is renamed into place at the end,
so a failure, a full disk or a killed run leaves no half-made year behind."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportgen.exceptions import OutputError
from reportgen.write.files import as_bytes, atomic_write, sync_folder, write_error


class NewFolder:
    """The files of a folder being made; see :func:`new_folder`."""

    def __init__(self, target: Path, staging: Path) -> None:
        self.target = target
        self.staging = staging
        self.written: list[str] = []

    def write(self, name: str, data: bytes | str) -> None:
        """Write the file ``name`` (e.g. ``plan/plan.yaml``) of the new folder."""
        path = (self.staging / name).resolve()
        if not path.is_relative_to(self.staging.resolve()) or path == self.staging.resolve():
            raise OutputError(f"refusing to write {name}: it is outside {self.target}.")
        if name in self.written:
            raise OutputError(f"{self.target / name} was already written.")
        atomic_write(path, as_bytes(data))
        self.written.append(name)


@contextmanager
def new_folder(target: Path) -> Iterator[NewFolder]:
    """A :class:`NewFolder` to write into; when the block ends without error, it becomes
    ``target`` (which must not exist, or be an empty folder). On an error, nothing is left."""
    target = Path(os.path.abspath(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    except OSError as error:
        raise write_error(target, error) from error
    try:
        folder = NewFolder(target, staging)
        yield folder
        os.chmod(staging, 0o777 & ~_umask())
        os.replace(staging, target)  # an empty folder in the way is replaced
        sync_folder(target.parent)
    except OSError as error:
        raise write_error(target, error, "Nothing was written.") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
