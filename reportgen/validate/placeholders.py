"""Placeholders still to be filled: a text starting with ``TODO:`` (``reportgen new``
writes them for what changes every year, e.g. ``TODO: the Committee's meeting date (was
2018-02-13)``) is an error naming its file, line and field until it is replaced."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reportgen.load.paths import content_folder, stays_inside
from reportgen.load.yaml import read_yaml, text_values
from reportgen.model.files import SIGNOFF_FILE
from reportgen.problems import Problem

PLACEHOLDER = "TODO:"
"""How a placeholder starts."""


def placeholder(what: str, was: object = None) -> str:
    """The placeholder for a value still to be given: ``TODO: what (was …)``."""
    return f"{PLACEHOLDER} {what}" + (f" (was {was})" if was not in (None, "") else "")


def is_placeholder(value: Any) -> bool:
    """Whether ``value`` is a placeholder still to be filled."""
    return isinstance(value, str) and value.strip().startswith(PLACEHOLDER)


def placeholder_message(value: str, expected: str = "") -> str:
    """What ``check`` says of a placeholder: plainly that it is still to be filled."""
    wanted = f"replace it with {expected}" if expected else "replace it with the real value"
    return f"a placeholder is still to be filled: {value.strip()!r}; {wanted}."


def placeholder_problems(folder: Path, found: Iterable[Problem]) -> list[Problem]:
    """An error for every placeholder in the year folder's YAML files (its chapters too),
    except one already reported as an error at the same place (a date's, by the content
    model); a warning there (a stale count, say) does not stand in for it."""
    reported = {(p.file.resolve(), p.line, p.column) for p in found if p.is_error}
    problems = []
    for path in _yaml_files(folder):
        if not _may_hold_one(path):
            continue  # most files: nothing to look for, so not read again
        file, _ = read_yaml(path, inside=content_folder(folder))  # its mistakes: reported
        for at, value in text_values(file.data):
            if is_placeholder(value):
                problem = file.problem(at, placeholder_message(value))
                if (path.resolve(), problem.line, problem.column) not in reported:
                    problems.append(problem)
    return problems


def _may_hold_one(path: Path) -> bool:
    try:
        return PLACEHOLDER.encode() in path.read_bytes()
    except OSError:
        return False  # reported where the file is read


def _yaml_files(folder: Path) -> list[Path]:
    """The year's YAML files, in its subfolders too (not signoffs.yaml, nor hidden ones,
    nor links leading out of the content folder, which are refused unread elsewhere)."""
    return sorted(
        path
        for path in folder.rglob("*.y*ml")
        if path.is_file()
        and stays_inside(path, content_folder(folder))
        and path.name != SIGNOFF_FILE
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )
