"""A build with nothing to do, known without reading the year.

A build that succeeds leaves, beside its outputs, ``.reportgen-inputs.json``: what it was
asked for (the documents, the formats, final or not, strict or not, the templates
folder), a digest of everything it could have read — every file of the year folder and of
the library, the template folders, reportgen's code, the libraries' versions, whether
LibreOffice is installed, the fonts installed (:mod:`reportgen.render.tools`) — and the
SHA-256 of each file it wrote. The next build asked for the same thing, finding the same
digest and every file as written, has nothing to do and says so in a fraction of a
second, without loading the pipeline (``reportgen build`` asks here first).

Anything else — an edited, added or removed file, another request, a file changed or
removed in the output folder, a killed build's unfinished replacing — goes to the full
build, which decides document by document (:mod:`reportgen.write.stamps`). The digest
hashes files by their bytes, not their dates, so copying a year over another with the
dates kept is seen too. It is taken before the build reads the year and again after; a
build that finds them different (a file was saved while it read) records nothing, so the
next build is a full one. (A file saved and then saved back as it was, both while the
year is being read, in the second or so that takes, is not seen.)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from reportgen.exceptions import OutputError
from reportgen.load.paths import content_folder
from reportgen.names import LIBRARY_FOLDER
from reportgen.render.tools import (
    BUILTIN_TEMPLATES,
    folder_fingerprint,
    made_with,
)
from reportgen.write.files import atomic_write, default_output, sha256_of
from reportgen.write.staging import JOURNAL

LOGGER = logging.getLogger("reportgen")
INPUTS_FILE = ".reportgen-inputs.json"
_KEPT = 8
"""Requests remembered per output folder (a whole build, one document's PDF …)."""


@dataclass(frozen=True)
class BuildRequest:
    """What a build was asked for: the year folder and the options that change its files
    (``None``: the default, every document the year defines or every format)."""

    folder: Path
    out: Path
    documents: tuple[str, ...] | None = None
    formats: tuple[str, ...] | None = None
    templates: Path | None = None
    final: bool = False
    strict: bool = False

    @classmethod
    def of(
        cls,
        folder: Path | str,
        documents: Iterable[str] | None = None,
        formats: Iterable[str] | None = None,
        out: Path | str | None = None,
        templates: Path | str | None = None,
        final: bool = False,
        strict: bool = False,
    ) -> BuildRequest:
        """A build's request as ``build()`` is called (``out`` by default
        ``output/<year>/``)."""
        return cls(
            folder=Path(os.path.abspath(folder)),
            out=(Path(out) if out else default_output(Path(folder))).resolve(),
            documents=tuple(documents) if documents is not None else None,
            formats=tuple(formats) if formats is not None else None,
            templates=Path(templates).resolve() if templates else None,
            final=final,
            strict=strict,
        )

    @property
    def key(self) -> str:
        described = {name: str(value) for name, value in asdict(self).items()}
        return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def inputs_digest(request: BuildRequest) -> str:
    """Everything the build can read, as one hash: the year folder and the library, file
    by file (name and bytes), the template folders, and the tools."""
    digest = hashlib.sha256()
    library = content_folder(request.folder) / LIBRARY_FOLDER
    for folder in (Path(os.path.abspath(request.folder)), library):
        digest.update(f"{folder}\0{folder_fingerprint(folder)}\0".encode())
    templates = [request.templates.resolve()] if request.templates else []
    folders = [folder for folder in [*templates, BUILTIN_TEMPLATES] if folder.is_dir()]
    digest.update(made_with(folders).encode())
    return digest.hexdigest()


def up_to_date(request: BuildRequest) -> list[Path] | None:
    """The files the last build for this very request wrote, if nothing it read has
    changed since and every file is still as it wrote it; otherwise None (build)."""
    root = request.out
    entry = _read(root).get(request.key)
    if not isinstance(entry, dict) or (root / JOURNAL).exists():
        return None
    files = entry.get("files")
    if entry.get("inputs") != inputs_digest(request) or not isinstance(files, dict):
        return None
    for name, sha256 in files.items():
        if sha256_of(root / str(name)) != sha256:
            return None
    return [root / str(name) for name in files]


def remember(request: BuildRequest, inputs: str, files: dict[str, str]) -> None:
    """Keep what this build was asked, what it read (``inputs``, taken before it read
    anything) and each file's SHA-256 as it left it, for the next build to compare. Requests
    made from other inputs are forgotten: they can never be up to date again."""
    root = request.out
    kept = {
        key: entry
        for key, entry in _read(root).items()
        if isinstance(entry, dict) and entry.get("inputs") == inputs and key != request.key
    }
    kept = dict(list(kept.items())[-(_KEPT - 1) :])
    kept[request.key] = {"inputs": inputs, "files": files}
    try:
        atomic_write(root / INPUTS_FILE, json.dumps(kept, indent=2).encode())
    except OutputError as error:  # the build is done; the next one is a full one
        LOGGER.warning("%s The next build will read the year again.", error.message)


def _read(root: Path) -> dict[str, object]:
    try:
        entries = json.loads((root / INPUTS_FILE).read_text())
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}
