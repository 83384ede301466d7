"""A plan (or assessment) organised per priority: a chapter or section that names the
priority it is about must name a recommended one, in a wording it has, and then every
recommended priority needs one; and counts of priorities typed in text must not go stale."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.load.yaml import text_values
from reportgen.model.assessment import AboutPriority
from reportgen.model.priorities import Priorities
from reportgen.problems import WARNING, Problem
from reportgen.types import ChapteredContent, FieldPath, YamlFile
from reportgen.validate.priorities import (
    document_name,
    document_of,
    not_a_priority,
    priorities_file,
)


@dataclass(frozen=True)
class _AboutPriority:
    """A chapter or section that names a priority, and where."""

    file: YamlFile
    path: FieldPath
    part: AboutPriority
    what: str

    @property
    def name(self) -> str:
        return self.part.priority or ""

    @property
    def place(self) -> str:
        return self.file.place((*self.path, "priority"))


def parts_per_priority(
    file: YamlFile, priorities: Priorities | None, documents: Sequence[ChapteredContent | None]
) -> list[Problem]:
    """A chapter or section about a priority (``priority: NAME``) must name a recommended
    one, in a wording it has; and once a document has parts per priority, every
    recommended priority needs exactly one. Each report names both places."""
    if priorities is None:
        return []
    problems = []
    for document in documents:
        named = _parts_about_priorities(document)
        for about in named:
            if about.name not in priorities.names:
                message = not_a_priority(about.name, about.what, priorities, file)
                problems.append(about.file.problem((*about.path, "priority"), message))
            else:
                problems += _missing_wording(file, priorities, about)
        if named and _every_part_read(document):
            problems += _coverage(file, priorities, named)
    return problems


def _parts_about_priorities(document: ChapteredContent | None) -> list[_AboutPriority]:
    """Each chapter, appendix and section that names a priority."""
    if document is None:
        return []
    named = []
    for part in document.parts:
        kind = "an appendix" if part in document.appendices else "a chapter"
        about: list[tuple[FieldPath, AboutPriority, str]] = [((), part.chapter, kind)]
        about += [
            (("sections", i), section, "a section")
            for i, section in enumerate(part.chapter.sections)
        ]
        named += [
            _AboutPriority(part.file, path, item, f"is {what} of {_lower(document_of(part.file))}")
            for path, item, what in about
            if item.priority is not None
        ]
    return named


def _missing_wording(
    file: YamlFile, priorities: Priorities, about: _AboutPriority
) -> list[Problem]:
    """A heading asked to be a wording the priority does not have."""
    wording = about.part.wording
    priority = priorities.find(about.name)
    if wording is None or priority is None or priority.wording(wording) is not None:
        return []
    return [
        about.file.problem(
            (*about.path, "wording"),
            f"the heading is to be the {wording} of {about.name!r}, but that priority has "
            f"no {wording}: in {priorities_file(about.file)} "
            f"({_entry(file, priorities, about.name)}); add one there, or remove wording: "
            "to print its title or name",
        )
    ]


def _coverage(file: YamlFile, priorities: Priorities, named: list[_AboutPriority]) -> list[Problem]:
    """Every recommended priority has exactly one part of a document organised per
    priority."""
    problems = []
    first: dict[str, _AboutPriority] = {}
    for about in named:
        earlier = first.setdefault(about.name, about)
        if earlier is not about:
            problems.append(
                about.file.problem(
                    (*about.path, "priority"),
                    f"{about.name!r} {about.what}, but already has one ({earlier.place}); "
                    "give each priority one chapter or section",
                )
            )
    example = named[0]
    for index, name in enumerate(priorities.names):
        if name not in first:
            problems.append(
                file.problem(
                    ("recommended", index),
                    f"{name!r} is a recommended priority, but "
                    f"{_lower(document_name(example.file))} has no "
                    f"chapter or section about it, though it has them for other priorities "
                    f"(e.g. {example.place}: priority: {example.name}); add one with "
                    f"priority: {name}",
                )
            )
    return problems


def _entry(file: YamlFile, priorities: Priorities, name: str) -> str:
    """Where a recommended priority is written in priorities.yaml: "line N"."""
    index = priorities.names.index(name)
    line, _ = file.locate(("recommended", index)) or (None, None)
    return f"line {line}"


def _lower(text: str) -> str:
    """A sentence's start, for the middle of another: "The plan" → "the plan"."""
    return text[:1].lower() + text[1:]


def _every_part_read(document: ChapteredContent | None) -> bool:
    """Whether every chapter and appendix listed was valid (else a priority's missing part
    may be one whose errors are reported already)."""
    if document is None:
        return False
    listed = [*document.spec.chapters, *document.spec.appendices]
    return len(document.parts) == len(listed)


_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_TYPED_COUNT = re.compile(
    r"(?<![\w/\-\u2013])("
    + "|".join(_NUMBERS)
    + r"|\d{1,2})\s+(?:key\s+)?(?:priorities|key issues)\b",
    re.IGNORECASE,
)


def typed_counts(files: Sequence[YamlFile], priorities: Priorities | None) -> list[Problem]:
    """A count of priorities typed in text ("focus on five key issues") that is not the
    number recommended this year: a warning, suggesting the count from priorities.yaml."""
    if priorities is None:
        return []
    count = len(priorities.recommended)
    problems = []
    for file in files:
        for path, text in text_values(file.data):
            for match in _TYPED_COUNT.finditer(text):
                typed = match.group(1).lower()
                number = int(typed) if typed.isdigit() else _NUMBERS.index(typed) + 1
                if number != count:
                    problems.append(file.problem(path, _stale(match.group(0), count), WARNING))
    return problems


def _stale(typed: str, count: int) -> str:
    return (
        f"the text says {typed!r}, but priorities.yaml recommends {count}; if it means "
        "this year's, write [[priorities | recommended | count]] so the count follows "
        "priorities.yaml"
    )
