"""One build at a time in an output folder.

A build holds the lock on ``.reportgen.lock`` in its output folder from before it looks
at what is there until its new files are in place. A second build into the same folder
**waits** for the first to finish, saying so on the progress stream, then carries on
with what the first one left (reusing every file that is still up to date). Waiting
rather than refusing: a build takes seconds, at most a few minutes, so the second
person or script gets their documents without having to notice a refusal and run the
command again; and since builds never interleave, the folder ends up as the last build
made it. Press Ctrl-C to stop waiting.

The lock is a POSIX record lock (``fcntl.lockf``). It belongs to the build's own process:
the processes it starts to render documents do not inherit it, and the system releases
it the moment the build ends, however it ends (even killed), so a dead build never
leaves the folder locked. The lock file holds the number of the process holding it, to
name it to whoever waits.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from reportgen.exceptions import OutputError
from reportgen.write.files import write_error

LOCK_FILE = ".reportgen.lock"
_HELD = (errno.EACCES, errno.EAGAIN)


@contextmanager
def output_lock(root: Path, tell: Callable[[str], None]) -> Iterator[None]:
    """Hold the lock on the output folder ``root`` (made if need be), waiting for
    another build that holds it."""
    path = root / LOCK_FILE
    if root.exists() and not root.is_dir():
        raise OutputError(f"the output folder {root} is a file; choose a folder (--out).")
    try:
        root.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise write_error(path, error) from error
    try:
        _acquire(descriptor, root, tell)
        _name_holder(descriptor)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _acquire(descriptor: int, root: Path, tell: Callable[[str], None]) -> None:
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except OSError as error:
        if error.errno not in _HELD:
            raise _cannot_lock(root, error) from error
    holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
    by = f" (process {holder})" if holder.isdigit() else ""
    tell(f"another build{by} is writing to {root}; waiting for it to finish")
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX)
    except OSError as error:
        raise _cannot_lock(root, error) from error


def _name_holder(descriptor: int) -> None:
    """Write this process's number into the lock file, for a build that waits."""
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
    except OSError:
        pass  # only a courtesy to whoever waits


def _cannot_lock(root: Path, error: OSError) -> OutputError:
    return OutputError(
        f"cannot lock the output folder {root} ({error.strerror}), so two builds could "
        "write into it at once; build into a folder on a local disk (--out)."
    )
