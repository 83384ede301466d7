"""Build stamps: reusing outputs whose inputs have not changed.

A build records, beside its outputs (``.reportgen-build.json``), a fingerprint of
everything each output was made from — the year's content and data, the shared library,
the templates and reportgen itself — and the SHA-256 of the file it wrote. A later build
with the same fingerprint, finding the file unchanged, reuses it instead of rendering it
again, so a rebuild with no changes takes a fraction of a second. The stamp is replaced
together with the files it describes (:mod:`reportgen.write.staging`).
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

from reportgen.render.docx_contents import soffice
from reportgen.version import __version__
from reportgen.write.files import atomic_write

STAMP_FILE = ".reportgen-build.json"
_PACKAGE = Path(__file__).resolve().parent.parent


def inputs_fingerprint(year: Path, library: list[Path], templates: list[Path]) -> str:
    """A hash of every file a year's documents are made from, and of the tools that make
    them: the libraries' versions, and whether LibreOffice is there to number the Word
    contents page (a file built without it is rebuilt once it is installed)."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(_tools().encode())
    folders = [year, *templates, _PACKAGE]
    files = [
        path
        for folder in folders
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    ]
    for path in [*files, *library]:
        digest.update(str(path).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class BuildStamp:
    """What the previous build in an output folder made, and from what."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / STAMP_FILE
        try:
            self.entries: dict[str, dict[str, str]] = json.loads(self.path.read_text())
        except (OSError, ValueError):
            self.entries = {}

    def fresh(self, name: str, fingerprint: str) -> bool:
        """Whether ``name`` exists, unchanged, and was made from these very inputs."""
        entry = self.entries.get(name)
        target = self.path.parent / name
        if not entry or entry.get("inputs") != fingerprint or not target.is_file():
            return False
        return hashlib.sha256(target.read_bytes()).hexdigest() == entry.get("sha256")

    def record(self, name: str, fingerprint: str, payload: bytes) -> None:
        self.entries[name] = {"inputs": fingerprint, "sha256": hashlib.sha256(payload).hexdigest()}

    def payload(self) -> bytes:
        """The stamp as written, to replace the old one together with the outputs it
        describes (so the stamp and the files always agree)."""
        return json.dumps(self.entries, indent=2, sort_keys=True).encode()

    def save(self) -> None:
        atomic_write(self.path, self.payload())


def _tools() -> str:
    versions = []
    for package in ("weasyprint", "docxtpl", "python-docx", "matplotlib", "pydantic"):
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=none")
    versions.append(f"soffice={soffice() is not None}")
    return ";".join(versions)
