"""The shared glossary (library/glossary.yaml), and the acronyms a plan uses that it does
not define."""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.load.paths import content_folder, outside_content
from reportgen.load.yaml import named_values, text_values
from reportgen.model import GlossaryTerms
from reportgen.model.files import GLOSSARY_FILE, LIBRARY_FOLDER
from reportgen.problems import WARNING, Problem
from reportgen.types import LibraryItem, PlanContent
from reportgen.validate.fields import read_and_validate


def read_glossary(
    folder: Path, needed: bool = False
) -> tuple[dict[str, str], list[str], list[Problem]]:
    """The shared glossary (library/glossary.yaml): its terms and the words in capitals
    that are not acronyms. It is an error for it to be missing when a document lists the
    acronyms it uses (``- glossary: used``)."""
    path = folder.parent / LIBRARY_FOLDER / GLOSSARY_FILE
    if not path.is_file():
        missing = Problem(
            path,
            "a document lists the acronyms it uses (- glossary: used) "
            "but this glossary file is missing.",
        )
        return {}, [], [missing] if needed else []
    outside = outside_content(path, content_folder(folder))
    if outside:
        return {}, [], [outside]
    _, glossary, problems = read_and_validate(path, GlossaryTerms)
    if glossary is None:
        return {}, [], problems
    return glossary.terms, glossary.not_acronyms, problems


_ACRONYM = re.compile(r"\b([A-Z][A-Z&]+)(?:s|'s)?\b")
_ROMAN = re.compile(r"[IVXLC]+")


def undefined_acronyms(
    plan: PlanContent | None,
    library: dict[str, LibraryItem],
    glossary: dict[str, str],
    not_acronyms: list[str],
) -> list[Problem]:
    """A warning for each acronym the plan (or a library text it uses) uses that its
    glossary does not define (only for a plan with a glossary), at its first use."""
    parts = plan.parts if plan else []
    if not any(named_values(part.file.data, "glossary") for part in parts):
        return []
    used = {name for part in parts for _, name in named_values(part.file.data, "library")}
    texts = [(part.file, text_values(part.file.data)) for part in parts]
    texts += [
        (library[name].file, text_values(library[name].file.data[name]["text"], (name, "text")))
        for name in sorted(used & set(library))
    ]
    problems, seen = [], set(glossary) | set(not_acronyms)
    for file, values in texts:
        for path, text in values:
            if text.upper() == text:
                continue  # a heading in capitals is not a string of acronyms
            for acronym in _ACRONYM.findall(text):
                if _ROMAN.fullmatch(acronym):
                    continue
                if acronym not in seen:
                    seen.add(acronym)
                    problems.append(
                        file.problem(
                            path,
                            (
                                f"the acronym {acronym!r} is used but the glossary "
                                "(library/glossary.yaml) does not define it."
                            ),
                            severity=WARNING,
                        )
                    )
    return problems
