"""A build's files replaced together: the output folder holds the old set or the new set,
never a mixture, whether the build fails, the disk fills or the build is killed.

A build never writes its documents straight over the old ones. :func:`replace_together`:

1. **stages** every new file, the build stamp included, in a hidden folder inside the
   output folder (``.staging-XXXXXXXX/``), each written in full and flushed to the disk,
   and keeps a link to each file it will replace in that folder's ``.previous/``;
2. **commits**: writes a small journal, ``.reportgen-commit.json``, naming the staging
   folder and its files. From the moment the journal exists the new set is complete,
   and it is the set the folder will hold;
3. **moves** each staged file over the old one (a rename: instant and whole);
4. deletes the journal, then the staging folder.

A failure or a kill before step 2 leaves the old files untouched (the next build deletes
the unfinished staging folder). A kill during step 3 leaves some files new and some old:
the next build, before doing anything else, finds the journal and finishes the moves
(:func:`finish_interrupted`). A move that fails in the build itself (a full disk, a
folder in the way) puts back the files already moved, from ``.previous/``, and the error
names the file. The next build also deletes the temporary files (``.NAME.XXXXXXXX.tmp``)
a killed build leaves (:func:`remove_leftovers`).

All of this runs under the output folder's lock (:mod:`reportgen.write.lock`), so no
other build is writing there meanwhile and every leftover found is a dead build's.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from reportgen.exceptions import OutputError
from reportgen.write.files import (
    OutputFolder,
    as_bytes,
    atomic_write,
    mode_for,
    sync_folder,
    write_error,
    write_fully,
)

JOURNAL = ".reportgen-commit.json"
"""Present only while a build's staged files are being moved into place."""
STAGING_PREFIX = ".staging-"
PREVIOUS = ".previous"
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
_UNCHANGED = "The previous files in {root} are unchanged."


def replace_together(folder: OutputFolder, files: dict[str, bytes | str]) -> list[Path]:
    """Write ``files`` (name → content) into ``folder`` so that they all change at once,
    or none does; returns their paths. Raises :class:`OutputError` naming the file that
    could not be written, the previous files intact."""
    targets = {name: folder.claim(name) for name in files}
    names = [str(targets[name].relative_to(folder.root)) for name in files]
    staging = _new_staging(folder.root)
    try:
        for name, target in targets.items():
            _stage(folder.root, staging, target, as_bytes(files[name]))
        _keep_previous(folder.root, staging, names)
        atomic_write(folder.root / JOURNAL, _journal(staging, names))
        sync_folder(folder.root)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OutputError):
            raise OutputError(f"{error.message} {_UNCHANGED.format(root=folder.root)}") from error
        raise
    _move_in(folder.root, staging, names)
    return list(targets.values())


def finish_interrupted(root: Path, tell: Callable[[str], None]) -> None:
    """Finish moving in the files of a build that was killed while moving them (its
    journal is still there); nothing to do otherwise."""
    journal = root / JOURNAL
    if not journal.is_file():
        return
    staging, names = _read_journal(root, journal)
    for name in names:
        staged = staging / name
        if staged.is_file():
            try:
                os.replace(staged, root / name)
            except OSError as error:
                raise write_error(
                    root / name,
                    error,
                    "A build into this folder was stopped while replacing its files, and "
                    "they cannot be finished; fix the cause and build again.",
                ) from error
    sync_folder(root)
    with contextlib.suppress(OSError):
        journal.unlink()
    shutil.rmtree(staging, ignore_errors=True)
    tell(f"finished replacing the files of an interrupted build in {root}")


def remove_leftovers(folders: Iterable[Path]) -> list[Path]:
    """Delete what killed builds left in ``folders``: unfinished staging folders and
    temporary files. Only called under the output folder's lock (no build is writing)."""
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.glob(".*"):
            if path.is_symlink():
                continue
            if path.is_dir() and path.name.startswith(STAGING_PREFIX):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
            elif path.is_file() and _TEMPORARY.fullmatch(path.name):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _new_staging(root: Path) -> Path:
    try:
        root.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
    except OSError as error:
        raise write_error(root, error) from error


def _stage(root: Path, staging: Path, target: Path, payload: bytes) -> None:
    """Write one file in full into the staging folder (errors name the real target)."""
    path = staging / target.relative_to(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            write_fully(descriptor, payload)
            os.fchmod(descriptor, mode_for(target))
        finally:
            os.close(descriptor)
    except OSError as error:
        raise write_error(target, error) from error


def _keep_previous(root: Path, staging: Path, names: list[str]) -> None:
    """Link each file about to be replaced into ``.previous/``, to put it back if a move
    fails (a copy where the disk cannot link files)."""
    for name in names:
        current = root / name
        if not current.is_file():
            continue
        kept = staging / PREVIOUS / name
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(current, kept)
            except OSError:
                shutil.copy2(current, kept)
        except OSError as error:
            raise write_error(current, error) from error


def _journal(staging: Path, names: list[str]) -> bytes:
    return json.dumps({"staging": staging.name, "files": names}, indent=2).encode("utf-8")


def _read_journal(root: Path, journal: Path) -> tuple[Path, list[str]]:
    """The staging folder and file names a journal lists, each checked to lie inside the
    output folder (the journal is a file like any other and might have been edited)."""
    try:
        entry = json.loads(journal.read_text(encoding="utf-8"))
        staging = root / str(entry["staging"])
        names = [str(name) for name in entry["files"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise OutputError(
            f"{journal} is damaged ({error}); delete it and build again (reportgen "
            "rebuilds every file that does not match its build record)."
        ) from error
    inside = [root / name for name in names] + [staging]
    if staging.parent != root or not all(p.resolve().is_relative_to(root) for p in inside):
        raise OutputError(
            f"{journal} names files outside {root}; delete it and build again (reportgen "
            "rebuilds every file that does not match its build record)."
        )
    return staging, names


def _move_in(root: Path, staging: Path, names: list[str]) -> None:
    """Step 3: each staged file over the old one; on a failure, the old ones put back."""
    moved: list[str] = []
    for name in names:
        try:
            os.replace(staging / name, root / name)
        except OSError as error:
            put_back = _put_back(root, staging, moved)
            after = (
                _UNCHANGED.format(root=root)
                if put_back
                else (
                    "Some files in the folder are new and some old: the next build will "
                    "finish replacing them."
                )
            )
            raise write_error(root / name, error, after) from error
        moved.append(name)
    sync_folder(root)
    with contextlib.suppress(OSError):  # all in place: a journal left is harmless
        (root / JOURNAL).unlink()
    shutil.rmtree(staging, ignore_errors=True)


def _put_back(root: Path, staging: Path, moved: list[str]) -> bool:
    """Undo the moves made so far (each new file back into staging, then the old one
    back in place, so the journal stays true at every step); False if that fails too."""
    try:
        for name in reversed(moved):
            os.replace(root / name, staging / name)
            previous = staging / PREVIOUS / name
            if previous.is_file():
                os.replace(previous, root / name)
        sync_folder(root)
        (root / JOURNAL).unlink()
    except OSError:
        return False
    shutil.rmtree(staging, ignore_errors=True)
    return True
