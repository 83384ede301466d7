"""What a render is made with besides the content: the template folders, reportgen's own
code, the libraries that render, and LibreOffice (which numbers a Word contents page).

Everything here is cheap to import (the standard library only), so a build with nothing
to do can fingerprint its tools without loading the renderers
(:mod:`reportgen.commands.unchanged`).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import shutil
from importlib import metadata
from pathlib import Path

from reportgen.exceptions import TemplateError
from reportgen.load.cache import package_fingerprint

BUILTIN_TEMPLATES = Path(str(importlib.resources.files("reportgen.builtin_templates"))).resolve()
"""The project's templates/ folder (reportgen/builtin_templates links to it, so it is
installed as the package reportgen.builtin_templates)."""

_RENDERING_LIBRARIES = ("weasyprint", "pydyf", "docxtpl", "python-docx", "matplotlib", "jinja2")


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
    """reportgen's code, the rendering libraries' versions, and whether LibreOffice is
    installed (a Word file built without it is rebuilt once it is)."""
    return f"{package_fingerprint()};{_library_versions()};soffice={soffice() is not None}"


def templates_fingerprint(folders: list[Path]) -> str:
    """Every file of the template folders (a document's templates may include others,
    use a stylesheet, a font, a picture): its place and its bytes."""
    digest = hashlib.sha256()
    for folder in folders:
        digest.update(f"{folder}\0".encode())
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest.update(f"{path.relative_to(folder)}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@functools.cache
def _library_versions() -> str:
    versions = []
    for package in _RENDERING_LIBRARIES:
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=none")
    return ";".join(versions)
