"""Published versions: each publication in a new ``published/v<N>/`` folder, assembled
aside and renamed into place in one step, its files read-only; an earlier version is
never touched."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

PUBLISHED = "published"
"""The folder of published versions, inside a year's output folder."""
PUBLISHED_TEXT = "text.json"
"""In each version: the published documents' text as ``reportgen diff`` compares it."""


def write_version(published: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` into the next ``v<N>`` folder, assembled aside and renamed into
    place; an existing version is never touched."""
    published.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".publishing-", dir=published))
    try:
        for name, payload in files.items():
            (staging / name).write_bytes(payload)
            os.chmod(staging / name, 0o444)
        while True:
            target = published / f"v{next_version(published)}"
            try:
                os.mkdir(target)  # claims the number; fails if another run took it
            except FileExistsError:
                continue
            try:
                os.replace(staging, target)  # target is empty, so this is allowed and atomic
            except OSError:
                target.rmdir()  # give the number back rather than leave an empty version
                raise
            os.chmod(target, 0o755)
            return target
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def next_version(published: Path) -> int:
    """The number of the next version: one more than the highest so far."""
    return max(_versions(published), default=0) + 1


def latest_version(published: Path) -> Path | None:
    """The latest published version's folder, or None if nothing is published yet."""
    numbers = _versions(published) if published.is_dir() else set()
    return published / f"v{max(numbers)}" if numbers else None


def _versions(published: Path) -> set[int]:
    return {
        int(match.group(1))
        for path in published.iterdir()
        if (match := re.fullmatch(r"v(\d+)", path.name)) and path.is_dir()
    }
