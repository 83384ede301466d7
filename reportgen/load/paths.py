"""Whether a file stays inside its folder. A link (symlink) in the content or the template
folders that leads out of them is refused: the decision is made from the path alone, by
following the links on the way, and the file the link leads to is never opened, so
nothing of it (``/etc/passwd``, say) can end up in a document or an error message.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportgen.problems import Problem


def stays_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, once every link on the way is followed and every ``..`` undone,
    is ``folder`` or inside it. A loop of links does not stay anywhere."""
    try:
        real = Path(os.path.realpath(path, strict=False))
        root = Path(os.path.realpath(folder, strict=False))
    except (OSError, ValueError):
        return False
    return real == root or real.is_relative_to(root)


def is_link_out(path: Path, folder: Path) -> bool:
    """Whether ``path`` is written as inside ``folder`` but a link on the way leads out."""
    written = Path(os.path.normpath(os.path.abspath(path)))
    return written.is_relative_to(os.path.abspath(folder)) and not stays_inside(path, folder)


def leads_to(path: Path) -> Path:
    """Where ``path`` really is, its links followed (for messages; never opened)."""
    return Path(os.path.realpath(path, strict=False))


def content_folder(year: Path) -> Path:
    """The content folder: the folder that holds the year folders and library/. (The year
    folder's own link, if it is one, is not followed: its parent is where it is listed.)"""
    return Path(os.path.abspath(year)).parent


def outside_content(path: Path, content: Path) -> Problem | None:
    """The error for a content or data file that leads outside the content folder (a link
    to a file elsewhere, or a name with ``..``), or None when it stays inside."""
    if stays_inside(path, content):
        return None
    how = "is a link to" if is_link_out(path, content) else "leads to"
    return Problem(
        path,
        f"{path} {how} {leads_to(path)}, outside the content folder {content}; "
        "reportgen reads only files inside the content folder, so the file was not read. "
        "Put a copy of the file here instead of a link.",
    )
