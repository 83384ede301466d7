"""What a render is made with besides the content: the template folders, reportgen's own
code, the libraries that render, and LibreOffice (which numbers a Word contents page).

Everything here is cheap to import (the standard library only), so a build with nothing
to do can fingerprint its tools without loading the renderers
(:mod:`reportgen.write.unchanged`).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import os
import shutil
import stat
from importlib import metadata
from pathlib import Path

from reportgen.exceptions import TemplateError
from reportgen.load.cache import package_fingerprint
from reportgen.load.fontconfig import fontconfig

BUILTIN_TEMPLATES = Path(str(importlib.resources.files("reportgen.builtin_templates"))).resolve()
"""The project's templates/ folder (reportgen/builtin_templates links to it, so it is
installed as the package reportgen.builtin_templates)."""

_LIBRARIES = (
    *("weasyprint", "pydyf", "docxtpl", "python-docx", "matplotlib", "jinja2"),  # render
    *("fonttools", "pypdf"),  # Word column widths and contents page numbers, the pack
    *("pydantic", "pyyaml", "ruamel.yaml"),  # reading and checking the content
)
"""The libraries whose version can change what a build writes or refuses."""


def search_path(user_templates: Path | None = None) -> list[Path]:
    """The template folders, in the order they are searched."""
    folders = [Path(user_templates).resolve()] if user_templates else []
    if user_templates and not folders[0].is_dir():
        raise TemplateError(f"the templates folder {user_templates} does not exist.")
    return [*folders, BUILTIN_TEMPLATES]


def soffice() -> str | None:
    """LibreOffice's program, if it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def tools_fingerprint() -> str:
    """reportgen's code, the libraries' versions, whether LibreOffice is installed (a
    Word file built without it is rebuilt once it is) and the fonts installed (they
    decide how text is laid out, the Word tables' column widths, and what check says of
    the house style's fonts and of characters no font has)."""
    return (
        f"{package_fingerprint()};{_library_versions()};soffice={soffice() is not None};"
        f"fonts={fonts_fingerprint()}"
    )


def made_with(folders: list[Path]) -> str:
    """Everything besides the content a build's files are made with, as one fingerprint:
    the tools (:func:`tools_fingerprint`) and the template folders' files. Taken once a
    build (it asks fontconfig and reads every template)."""
    return f"{tools_fingerprint()}\0{templates_fingerprint(folders)}"


def fonts_fingerprint() -> str:
    """The fonts fontconfig offers (each file, family and style, with the file's size and
    date) and where it is told to look for them."""
    listed = fontconfig("fc-list", "--format=%{file}|%{family}|%{style}\\n") or ""
    digest = hashlib.sha256()
    for variable in ("FONTCONFIG_FILE", "FONTCONFIG_PATH"):
        digest.update(f"{variable}={os.environ.get(variable, '')}\0".encode())
    for line in sorted(listed.splitlines()):
        digest.update(f"{line}|{_stat(line.split('|', 1)[0])}\0".encode())
    return digest.hexdigest()


def _stat(path: str) -> str:
    try:
        found = os.stat(path)
    except OSError:
        return "missing"
    return f"{found.st_size}:{found.st_mtime_ns}"


def templates_fingerprint(folders: list[Path]) -> str:
    """Every file of the template folders (a document's templates may include others,
    use a stylesheet, a font, a picture): its place and its bytes."""
    digest = hashlib.sha256()
    for folder in folders:
        digest.update(f"{folder}\0{folder_fingerprint(Path(folder))}\0".encode())
    return digest.hexdigest()


_LARGEST_HASHED = 10 * 2**20
"""Larger files (never read by a build: a picture may be 10 MB at most) are known by
their size and date rather than hashed every time."""
_MOST_FILES, _DEEPEST = 20_000, 30


def folder_fingerprint(folder: Path) -> str:
    """Every file under ``folder`` (linked folders followed, as the build follows them):
    its place and its bytes. Anything that is not a plain file (a pipe, a device) is known
    by its kind, never opened; a folder too large or too deep to be content (a loop of
    links) gets a fingerprint no other build has."""
    digest = hashlib.sha256()
    files = _files(folder)
    if files is None:
        return f"too many files or a loop of links: {os.urandom(8).hex()}"
    for path in files:
        digest.update(f"{path.relative_to(folder)}\0{_file_fingerprint(path)}\0".encode())
    return digest.hexdigest()


def _files(folder: Path) -> list[Path] | None:
    found: list[Path] = []
    for parent, _, names in os.walk(folder, followlinks=True):
        if len(found) > _MOST_FILES or len(Path(parent).relative_to(folder).parts) > _DEEPEST:
            return None
        found += [Path(parent) / name for name in names]
    return sorted(found)


def _file_fingerprint(path: Path) -> str:
    """A file's bytes, hashed; a large one's size and date; what else it is otherwise."""
    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode):
            return f"not a file: {stat.S_IFMT(found.st_mode)}"
        if found.st_size > _LARGEST_HASHED:
            return f"large: {found.st_size}:{found.st_mtime_ns}:{found.st_ino}"
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError as error:
        return f"unreadable ({error.errno}): {os.urandom(8).hex()}"


@functools.cache
def _library_versions() -> str:
    versions = []
    for package in _LIBRARIES:
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=none")
    return ";".join(versions)
