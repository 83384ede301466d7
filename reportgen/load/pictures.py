"""Step 1 — load: a picture file the content names (``- image: {file: …}``, or any other
field naming a picture), found and read.

A picture is looked for in the year folder, then in the shared library (``content/library/``),
so a year's own file wins. Only a file inside those folders is read: a web address, an
absolute path, a ``..`` step, a link (symlink) anywhere on the way, a file that is not a
plain file, or one larger than :data:`MAX_BYTES` is refused without being read, and the
refusal says why in a sentence. Whether the bytes are a safe picture of the kind the name
says is for the validate step (:mod:`reportgen.validate.pictures`).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

from reportgen.model.files import LIBRARY_FOLDER
from reportgen.problems import display_path, suggest
from reportgen.types import PictureFile

MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
"""The kinds of picture reportgen places, by file extension."""
MAX_BYTES = 10 * 1024 * 1024
"""The largest picture file read (10 MB): larger photographs should be made smaller."""
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_SLASHED = "pictures/chart.png"
_PLACE_IT = "put the picture in the year folder (e.g. pictures/chart.png) and give its name here"


def read_picture(written: str, content: Path, year: Path | None) -> PictureFile | str:
    """The picture ``written`` names, from the ``year`` folder (None: the library alone)
    or else the shared library of the ``content`` folder; or, when it was not read, why
    (a sentence to put in the error)."""
    refusal = _badly_named(written)
    if refusal:
        return refusal
    parts = PurePosixPath(written).parts
    folders = [year] if year is not None else []
    folders.append(content / LIBRARY_FOLDER)
    for folder in folders:
        found = _found_in(folder, parts, written)
        if found is not None:
            return found
    known = picture_names(folders)
    places = " or ".join(display_path(folder) for folder in folders)
    return f"there is no picture {written} in {places}; {suggest(written, known, 'pictures')}"


def _badly_named(written: str) -> str | None:
    """Why ``written`` cannot name a picture in the content folder, or None."""
    if "\\" in written:
        return f"write the picture's path with forward slashes (/), e.g. {_SLASHED}"
    if _URL.match(written):
        return f"{written!r} is a web address or URL, which cannot be used; {_PLACE_IT}"
    if written.startswith("/"):
        return f"{written!r} is an absolute path; name the picture from the year folder: {_SLASHED}"
    if ".." in PurePosixPath(written).parts:
        return f"{written!r} has a '..' step, leading out of the folder; {_PLACE_IT}"
    suffix = PurePosixPath(written).suffix.lower()
    if suffix not in MEDIA_TYPES:
        return (
            f"{written!r} is not a picture reportgen can place; use a PNG, JPEG or SVG file "
            "(.png, .jpg, .jpeg or .svg)"
        )
    return None


def _found_in(folder: Path, parts: tuple[str, ...], written: str) -> PictureFile | str | None:
    """The picture read from ``folder``, why it may not be read, or None if not there."""
    path = folder.joinpath(*parts)
    for end in range(1, len(parts) + 1):
        step = folder.joinpath(*parts[:end])
        if os.path.islink(step):
            return (
                f"{display_path(step)} is a link (symlink), so {written} was not read; reportgen "
                "reads only pictures kept in the content folder: put a copy of the file there "
                "instead"
            )
    try:
        status = os.lstat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(status.st_mode):
        return f"{display_path(path)} is not a file; {_PLACE_IT}"
    if status.st_size > MAX_BYTES:
        return _too_large(path, status.st_size)
    try:
        data = _read_at_most(path, MAX_BYTES + 1)
    except OSError as error:
        return f"{display_path(path)} could not be read ({error.strerror or error})"
    if len(data) > MAX_BYTES:
        return _too_large(path, len(data))
    media_type = MEDIA_TYPES[PurePosixPath(written).suffix.lower()]
    return PictureFile(written, path, data, media_type)


def _read_at_most(path: Path, size: int) -> bytes:
    """At most ``size`` bytes of ``path``, never following a link put there meanwhile."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read(size)


def _too_large(path: Path, size: int) -> str:
    return (
        f"{display_path(path)} is {size / 1_048_576:.1f} MB; a picture may be at most "
        f"{MAX_BYTES // 1_048_576} MB: save it smaller (fewer pixels, or JPEG for a photograph)"
    )


def picture_names(folders: list[Path]) -> list[str]:
    """The pictures in ``folders``, as content names them (for "did you mean …?")."""
    names: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        names += sorted(
            path.relative_to(folder).as_posix()
            for path in folder.rglob("*")
            if path.suffix.lower() in MEDIA_TYPES and path.is_file()
        )
    return list(dict.fromkeys(names))
