"""``reportgen new TARGET --from YEAR``: a year folder rolled forward.

Everything the year holds is copied — its YAML, data/, pictures/ and other files — except
signoffs.yaml (sign-offs are never carried to a new year), hidden files and what builds
leave. The YAML is edited as text, so comments and layout stay as the officers wrote
them: this year's recommended priorities become next year's ``last_year``; the dates of
the meetings and the agenda's publication, titles and periods naming other years are
replaced by ``TODO:`` placeholders, which ``reportgen check`` reports as errors until
they are filled; titles naming the old year folder verbatim are moved on a year.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from reportgen.commands.new_report import Change, NewYear
from reportgen.commands.roll_chapters import (
    Roll,
    is_document_file,
    roll_chapter,
    roll_document_file,
)
from reportgen.commands.schema_links import relinked
from reportgen.commands.years import Years
from reportgen.model.files import (
    ASSESSMENT_FOLDER,
    LIBRARY_FOLDER,
    PLAN_FOLDER,
    SIGNOFF_FILE,
)
from reportgen.types import field_name
from reportgen.validate.placeholders import placeholder
from reportgen.write.new_folder import new_folder
from reportgen.write.yaml_text import YamlText, block_list

BUILT = ("committee-report.", "strategic-assessment.", "community-safety-plan.", "agenda-item-")
"""How the files a build or publication writes are named (never content)."""
LEFT_BEHIND = {"published", "output", "__pycache__"}
"""Folders that are never content: publications, builds, Python's caches."""


def roll_forward(source: Path, target: Path) -> NewYear:
    """Make ``target`` from the year folder ``source``, a year on (see the module)."""
    report = NewYear(folder=target, source=source)
    years = Years.of(source.name, target.name)
    names = files_to_copy(source, report, top=True)
    printed = _printed_lists(source, names)
    library = target.parent / LIBRARY_FOLDER
    if not library.exists() and (source.parent / LIBRARY_FOLDER).is_dir():
        _copy_library(source.parent / LIBRARY_FOLDER, library, report)
    with new_folder(target) as folder:
        for name in names:
            data = (source / name).read_bytes()
            if name.endswith((".yaml", ".yml")):
                data = _edited(name, data, years, report, printed)
                data = relinked(data, source / name, target / name)
            folder.write(name, data)
        report.written = list(folder.written)
    _left_for_data(names, years, report)
    return report


def files_to_copy(folder: Path, report: NewYear, top: bool = False) -> list[str]:
    """The files of ``folder`` to copy, from it (``plan/plan.yaml``), in order; what is left
    behind is noted in ``report`` with the reason."""
    names: list[str] = []
    for root, folders, files in os.walk(folder):
        here = Path(root).relative_to(folder)
        for name in sorted(folders):
            why = _why_not_folder(Path(root) / name, name)
            if why:
                folders.remove(name)
                report.not_copied.append(Change((here / name).as_posix() + "/", "", why))
        folders.sort()
        for name in sorted(files):
            why = _why_not_file(Path(root) / name, name, top and here == Path("."))
            if why:
                report.not_copied.append(Change((here / name).as_posix(), "", why))
            else:
                names.append((here / name).as_posix())
    return names


def _why_not_folder(path: Path, name: str) -> str:
    if path.is_symlink():
        return "a link; copy what it leads to by hand if the year needs it"
    if name.startswith("."):
        return "hidden (reportgen's or an editor's working files)"
    if name in LEFT_BEHIND:
        return "built or published documents, not content"
    return ""


def _why_not_file(path: Path, name: str, in_year: bool) -> str:
    if in_year and name == SIGNOFF_FILE:
        return "sign-offs are never carried to a new year; officers sign the new text"
    if path.is_symlink():
        return "a link; copy what it leads to by hand if the year needs it"
    if name.startswith(".") or name.endswith(("~", ".tmp", ".bak")):
        return "hidden, temporary or a backup"
    if name.startswith(BUILT) or name == "manifest.json":
        return "a built or published document, not content"
    return ""


def _copy_library(source: Path, target: Path, report: NewYear) -> None:
    """The shared library the year's texts use, beside the new year where there is none."""
    ignored = NewYear(folder=target)
    names = files_to_copy(source, ignored)
    with new_folder(target) as folder:
        for name in names:
            folder.write(name, relinked((source / name).read_bytes(), source / name, target / name))
    report.library = target
    report.did(f"../{LIBRARY_FOLDER}/", "", f"copied from {source} (the shared texts it uses)")


def _edited(name: str, data: bytes, years: Years, report: NewYear, printed: set[str]) -> bytes:
    """A YAML file's text a year on (unchanged where it cannot be read)."""
    try:
        doc = YamlText(data.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError):
        report.left(name, "", "copied unchanged: it has mistakes (run reportgen check)")
        return data
    roll = Roll(doc, name, years, report)
    if name == "report.yaml":
        _roll_report(roll)
    elif name == "timetable.yaml":
        _roll_timetable(roll)
    elif name == "priorities.yaml":
        _roll_priorities(roll, printed)
    elif is_document_file(name):
        roll_document_file(roll)
    elif name.startswith((f"{PLAN_FOLDER}/", f"{ASSESSMENT_FOLDER}/")):
        roll_chapter(roll)
    text = doc.text
    _left_to_review(name, text, years, report)
    return text.encode("utf-8")


def _roll_report(roll: Roll) -> None:
    roll.title(("title",), "the report's title")
    _clear_date(roll, ("meeting_date",), "the Committee's meeting date, as in timetable.yaml")
    _clear_date(
        roll,
        ("publication_date",),
        "the date the agenda is published, at least 5 clear days before the meeting",
    )
    appendices = roll.value(("appendices",))
    for index, appendix in enumerate(appendices if isinstance(appendices, list) else []):
        path = (
            ("appendices", index, "title") if isinstance(appendix, dict) else ("appendices", index)
        )
        roll.title(path, "the appendix's title")


def _roll_timetable(roll: Roll) -> None:
    meetings = roll.value(("meetings",))
    for index, meeting in enumerate(meetings if isinstance(meetings, list) else []):
        name = meeting.get("meeting") if isinstance(meeting, dict) else None
        what = f"the date of the meeting of the {name}" if name else "the meeting's date"
        _clear_date(roll, ("meetings", index, "date"), f"{what} (YYYY-MM-DD)")


def _clear_date(roll: Roll, path: tuple[str | int, ...], what: str) -> None:
    old = roll.value(path)
    if not isinstance(old, str) or not old:
        return
    roll.doc.set_scalar(path, placeholder(what, was=old))
    roll.report.marked(roll.name, field_name(path), f"give {what} (was {old})")


def _roll_priorities(roll: Roll, printed: set[str]) -> None:
    """Last year's priorities are this year's recommended; emerging themes and removed
    priorities are this year's to give; the recommended are kept, to be confirmed."""
    recommended = roll.value(("recommended",))
    if not isinstance(recommended, list) or roll.doc.key(("recommended",)) is None:
        roll.report.left(roll.name, "recommended", "give this year's recommended priorities")
        return
    names = [name for name in _names(recommended) if name]
    old = roll.years.old
    if roll.doc.key(("last_year",)) is not None:
        roll.doc.set_list(("last_year",), names)
    else:
        roll.doc.insert_before(("recommended",), f"last_year:\n  {block_list(names, 2)}\n\n")
    roll.report.did(roll.name, "last_year", f"{old}'s recommended priorities: {', '.join(names)}")
    roll.doc.comment_above(
        ("recommended",),
        [f"TODO: confirm the recommended priorities for {roll.years.new} (kept from {old})."],
    )
    roll.report.left(
        roll.name,
        "recommended",
        f"confirm or change the recommended priorities (kept from {old}), with their leads "
        "and cross-cutting themes; remove the TODO comment above them",
    )
    _new_list(
        roll, "emerging_themes", printed, [placeholder(f"a theme that emerged in {roll.years.new}")]
    )
    entry = {
        "priority": placeholder(f"a priority of {old} dropped for {roll.years.new}"),
        "reason": placeholder("why it was dropped"),
    }
    _new_list(roll, "removed", printed, [entry])


def _new_list(roll: Roll, name: str, printed: set[str], placeholders: list[Any]) -> None:
    """A list that is this year's to give: a placeholder where a document prints it,
    else emptied."""
    if roll.doc.key((name,)) is None:
        return
    was = ", ".join(_names(roll.value((name,)))) or "none"
    what = _NEW_LISTS[name]
    if name in printed:  # a document lists it: check must not let it be forgotten
        roll.doc.set_list((name,), placeholders)
        roll.report.marked(roll.name, name, f"give {what} (was: {was}); a document lists them")
    else:
        roll.doc.set_list((name,), [])
        roll.report.did(roll.name, name, f"emptied (was: {was})")
        roll.report.left(roll.name, name, f"give {what}, if any")


_NEW_LISTS = {
    "emerging_themes": "the themes that emerged this year",
    "removed": "last year's priorities dropped this year, with the reasons",
}


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else []
    return [
        str(item.get("priority", "")) if isinstance(item, dict) else str(item) for item in items
    ]


def _printed_lists(source: Path, names: list[str]) -> set[str]:
    """The priority lists a document of the year prints (``- priorities: removed`` or
    ``[[priorities | removed | …]]``)."""
    printed: set[str] = set()
    for name in names:
        if not name.endswith((".yaml", ".yml")):
            continue
        try:
            data = yaml.load((source / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        except (UnicodeDecodeError, yaml.YAMLError):
            continue
        printed |= _lists_in(data)
    return printed


def _lists_in(data: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(data, dict):
        if isinstance(data.get("priorities"), str):
            found.add(data["priorities"])
        for value in data.values():
            found |= _lists_in(value)
    elif isinstance(data, list):
        for value in data:
            found |= _lists_in(value)
    elif isinstance(data, str) and "[[" in data:
        found |= {part.split("|")[1].strip() for part in data.split("[[")[1:] if _cites_list(part)}
    return found


def _cites_list(reference: str) -> bool:
    parts = reference.split("|")
    return len(parts) > 1 and parts[0].strip() == "priorities"


def _left_to_review(name: str, text: str, years: Years, report: NewYear) -> None:
    """The lines of a file that still name the old year, for an officer to review."""
    texts: list[str] = []
    comments: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if years.mentions_old_year(line) and "TODO:" not in line:
            (comments if line.lstrip().startswith("#") else texts).append(str(number))
    parts = [
        f"{_lines(texts)} (text)" if texts else "",
        f"{_lines(comments)} (comments)" if comments else "",
    ]
    if texts or comments:
        where = " and ".join(part for part in parts if part)
        report.left(name, "", f"{where} still name {years.old}: review them")


def _lines(numbers: list[str]) -> str:
    return f"line {numbers[0]}" if len(numbers) == 1 else f"lines {', '.join(numbers)}"


def _left_for_data(names: list[str], years: Years, report: NewYear) -> None:
    for name in names:
        if name.startswith("data/"):
            report.left(name, "", f"holds {years.old}'s figures: replace them with this year's")
