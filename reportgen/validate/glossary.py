"""The glossary: the shared one (library/glossary.yaml) and a year's own glossary.yaml,
whose entries are added for that year only (a shared entry it rewords takes its wording);
the extras a glossary names that are in neither; the acronyms a plan uses that neither
defines."""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.load.paths import content_folder
from reportgen.load.yaml import named_values, text_values
from reportgen.model import GlossaryTerms
from reportgen.model.files import GLOSSARY_FILE, LIBRARY_FOLDER
from reportgen.problems import WARNING, Problem, suggest
from reportgen.types import FieldPath, LibraryItem, PlanContent
from reportgen.validate.acronyms import ACRONYM, defined_in_place
from reportgen.validate.fields import read_and_validate
from reportgen.validate.placeholders import is_placeholder


def read_glossary(
    folder: Path, needed: bool = False
) -> tuple[dict[str, str], list[str], list[Problem]]:
    """The year's glossary: the shared one's entries (library/glossary.yaml) with the
    year's own glossary.yaml added (new entries in alphabetical place, a reworded entry
    where it was), and the words in capitals that are not acronyms. It is an error for the
    shared glossary to be missing when a document lists a glossary and the year has none."""
    own_path = folder / GLOSSARY_FILE
    own, own_problems = _read(own_path, folder)
    shared_path = folder.parent / LIBRARY_FOLDER / GLOSSARY_FILE
    if shared_path.is_file():
        shared, problems = _read(shared_path, folder)
    else:
        missing = Problem(
            shared_path,
            "a document lists the glossary (- glossary: used) but this glossary file is missing.",
        )
        shared, problems = None, [missing] if needed and not own_path.is_file() else []
    problems += own_problems
    terms = _merged(shared.terms if shared else {}, own.terms if own else {})
    not_acronyms = [*(shared.not_acronyms if shared else []), *(own.not_acronyms if own else [])]
    return terms, not_acronyms, problems


def glossary_files(folder: Path) -> str:
    """The glossary files a year reads, as messages name them."""
    own = f" or {folder.name}/{GLOSSARY_FILE}" if (folder / GLOSSARY_FILE).is_file() else ""
    return f"{LIBRARY_FOLDER}/{GLOSSARY_FILE}{own}"


def _read(path: Path, folder: Path) -> tuple[GlossaryTerms | None, list[Problem]]:
    """One glossary file (None if it is absent or invalid), and its problems."""
    if not path.is_file():
        return None, []
    _, glossary, problems = read_and_validate(path, GlossaryTerms, inside=content_folder(folder))
    return glossary, problems


def _merged(shared: dict[str, str], own: dict[str, str]) -> dict[str, str]:
    """The shared entries, reworded by the year's; the year's new entries in alphabetical
    place (before the first entry that sorts after them)."""
    entries = [(term, own.get(term, meaning)) for term, meaning in shared.items()]
    for term, meaning in own.items():
        if term in shared:
            continue
        after = (i for i, (other, _) in enumerate(entries) if other.casefold() > term.casefold())
        entries.insert(next(after, len(entries)), (term, meaning))
    return dict(entries)


def lists_glossary(data: object) -> list[tuple[FieldPath, object]]:
    """Every ``glossary:`` field in a file's data (``used``, or ``{used: …, also: […]}``)."""
    return [*named_values(data, "glossary"), *named_values(data, "glossary", kind=dict)]


def unknown_extras(plan: PlanContent | None, glossary: dict[str, str], where: str) -> list[Problem]:
    """An error for each extra a glossary names (``also: [...]``) that no glossary defines."""
    problems = []
    for part in plan.parts if plan else []:
        for path, value in named_values(part.file.data, "glossary", kind=dict):
            extras = value.get("also")
            for index, name in enumerate(extras if isinstance(extras, list) else []):
                if isinstance(name, str) and name not in glossary:
                    problems.append(
                        part.file.problem(
                            (*path, "also", index),
                            f"{name!r} is not an entry of the glossary ({where}); "
                            + suggest(name, glossary, "glossary entries"),
                        )
                    )
    return problems


_ROMAN = re.compile(r"[IVXLC]+")


def undefined_acronyms(
    plan: PlanContent | None,
    library: dict[str, LibraryItem],
    glossary: dict[str, str],
    not_acronyms: list[str],
    where: str = f"{LIBRARY_FOLDER}/{GLOSSARY_FILE}",
) -> list[Problem]:
    """A warning for each acronym the plan (or a library text it uses) uses that its
    glossary (the shared one with the year's own) does not define, nor the plan itself
    where it uses it ("Cognitive Behaviour Therapy (CBT)", see :mod:`acronyms`), at its
    first use (only for a plan with a glossary)."""
    parts = plan.parts if plan else []
    if not any(lists_glossary(part.file.data) for part in parts):
        return []
    used = {name for part in parts for _, name in named_values(part.file.data, "library")}
    texts = [(part.file, text_values(part.file.data)) for part in parts]
    texts += [
        (library[name].file, text_values(library[name].file.data[name]["text"], (name, "text")))
        for name in sorted(used & set(library))
    ]
    in_place = defined_in_place(text for _, values in texts for _, text in values)
    problems, seen = [], set(glossary) | set(not_acronyms) | in_place
    for file, values in texts:
        for path, text in values:
            if text.upper() == text or is_placeholder(text):
                continue  # a heading in capitals is not a string of acronyms; a TODO: is
                # reported as a placeholder
            for acronym in ACRONYM.findall(text):
                if _ROMAN.fullmatch(acronym):
                    continue
                if acronym not in seen:
                    seen.add(acronym)
                    problems.append(
                        file.problem(
                            path,
                            (
                                f"the acronym {acronym!r} is used but the glossary "
                                f"({where}) does not define it."
                            ),
                            severity=WARNING,
                        )
                    )
    return problems
