"""``reportgen new``: the next year's folder, rolled forward from this year's
(:mod:`~reportgen.commands.roll_forward`), or a commented starter year for a council
starting from nothing (:mod:`~reportgen.commands.starter`)."""

from __future__ import annotations

import os
from pathlib import Path

from reportgen.commands.new_report import Change, NewYear
from reportgen.commands.roll_forward import roll_forward
from reportgen.commands.starter import write_starter
from reportgen.commands.years import folder_name, year_of
from reportgen.exceptions import RefusedError
from reportgen.validate.year import require_year_folder

__all__ = ["Change", "NewYear", "new_year"]


def new_year(target: Path | str, from_year: Path | str | None = None) -> NewYear:
    """Make the year folder ``target`` (named after its year, e.g. ``content/2019-20``):
    rolled forward from the year folder ``from_year``, or a starter year without it.
    Refuses (nothing written) if ``target`` exists and is not empty, is not named after a
    year, or is inside ``from_year``, and if ``from_year`` is not a year folder."""
    target = Path(target)
    _refuse_target(target)
    if from_year is None:
        _refuse_name(target)
        return write_starter(target)
    source = Path(from_year)
    _refuse_source(source, target)
    _refuse_name(target, source)
    return roll_forward(source, target)


def _refuse_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise RefusedError(f"{target} already exists and is a file; give a new folder.")
    if target.is_dir() and any(target.iterdir()):
        raise RefusedError(
            f"{target} already exists and is not empty; give a new folder for the year "
            "(nothing was written)."
        )


def _refuse_source(source: Path, target: Path) -> None:
    require_year_folder(source)
    inside = [os.path.abspath(target), os.path.realpath(target)]
    for folder in {os.path.abspath(source), os.path.realpath(source)}:
        if any(Path(path).is_relative_to(folder) for path in inside):
            raise RefusedError(
                f"{target} is inside {source}; make the new year beside it, e.g. "
                f"{source.parent / target.name}."
            )


def _refuse_name(target: Path, source: Path | None = None) -> None:
    if year_of(target.name) is not None:
        return
    example = year_of(source.name) if source else None
    suggestion = folder_name(example + 1) if example is not None else "2020-21"
    raise RefusedError(
        f"{target}: name the new year's folder after its year, e.g. "
        f"{target.parent / suggestion}; reportgen takes the year's dates and titles from it."
    )
