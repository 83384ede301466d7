"""What the computer's fonts are, asked of fontconfig (``fc-list``, ``fc-match``): the
validate step uses it to warn of characters no font can print and of fonts not installed."""

from __future__ import annotations

import shutil
import subprocess


def fontconfig(command: str, *arguments: str) -> str | None:
    """What a fontconfig command prints; None where it is not installed or fails."""
    found = shutil.which(command)
    if found is None:
        return None
    try:
        run = subprocess.run(
            [found, *arguments],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=60,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout
