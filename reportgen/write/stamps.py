"""Build stamps: reusing outputs whose inputs have not changed.

A build records, beside its outputs (``.reportgen-build.json``), each file's fingerprint
— what its document was made from: the document as computed, draft or not, the templates,
reportgen and the tools (:func:`reportgen.render.fingerprint.document_fingerprint`) —
and the SHA-256 of the file it wrote. A later build that computes the same fingerprint
for a document, finding its file unchanged, reuses the file instead of rendering it
again: an edit re-renders only the documents it changes, and a rebuild with no changes
takes a fraction of a second. The stamp is replaced together with the files it describes
(:mod:`reportgen.write.staging`), so it never calls a file current that is not.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from reportgen.write.files import atomic_write, sha256_of

STAMP_FILE = ".reportgen-build.json"


class BuildStamp:
    """What the previous build in an output folder made, and from what."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / STAMP_FILE
        try:
            entries = json.loads(self.path.read_text())
        except (OSError, ValueError):
            entries = {}
        self.entries: dict[str, dict[str, str]] = entries if isinstance(entries, dict) else {}

    def fresh(self, name: str, fingerprint: str) -> bool:
        """Whether ``name`` exists, unchanged, and was made from these very inputs."""
        entry = self.entries.get(name)
        target = self.path.parent / name
        if not isinstance(entry, dict) or entry.get("inputs") != fingerprint:
            return False
        return target.is_file() and sha256_of(target) == entry.get("sha256")

    def record(self, name: str, fingerprint: str, payload: bytes) -> None:
        self.entries[name] = {"inputs": fingerprint, "sha256": hashlib.sha256(payload).hexdigest()}

    def sha256(self, name: str) -> str:
        """The SHA-256 of the file ``name`` as this build leaves it (written or reused)."""
        entry = self.entries.get(name)
        return str(entry.get("sha256", "")) if isinstance(entry, dict) else ""

    def payload(self) -> bytes:
        """The stamp as written, to replace the old one together with the outputs it
        describes (so the stamp and the files always agree)."""
        return json.dumps(self.entries, indent=2, sort_keys=True).encode()

    def save(self) -> None:
        atomic_write(self.path, self.payload())
