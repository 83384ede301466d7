"""The shared contacts (library/contacts.yaml) a plan lists with ``- contacts: [...]``; a
year's own contacts.yaml adds contacts or replaces shared ones of the same name (a number
that changed that year, say)."""

from __future__ import annotations

from pathlib import Path

from reportgen.load.yaml import named_values
from reportgen.model.files import CONTACTS_FILE
from reportgen.model.plan_blocks import Contact, Contacts
from reportgen.problems import Problem, suggest
from reportgen.types import YamlFile
from reportgen.validate.fields import read_and_validate


def read_contacts(paths: list[Path], content: Path) -> tuple[dict[str, Contact], list[Problem]]:
    """Every contact in the files ``paths`` (those that exist, inside the ``content``
    folder), by name; a later file's entry replaces an earlier one's."""
    contacts: dict[str, Contact] = {}
    problems: list[Problem] = []
    for path in (path for path in paths if path.is_file()):
        _, listed, file_problems = read_and_validate(path, Contacts, inside=content)
        problems += file_problems
        if listed is not None:
            contacts.update(listed.contacts)
    return contacts, problems


def unknown_contacts(texts: list[YamlFile], contacts: dict[str, Contact]) -> list[Problem]:
    """Every name in ``- contacts: [...]`` must be a contact in the library or the year."""
    problems = []
    for file in texts:
        for path, names in named_values(file.data, "contacts", kind=list):
            for index, name in enumerate(names):
                if isinstance(name, str) and name not in contacts:
                    hint = suggest(name, sorted(contacts), "contacts")
                    problems.append(
                        file.problem(
                            (*path, index),
                            f"no contact is named {name!r} in library/{CONTACTS_FILE} or this "
                            f"year's {CONTACTS_FILE}; {hint}",
                        )
                    )
    return problems
