"""What the law and the council's procedure require of a committee report, checked by
``reportgen check``: the timetable in date order; the meeting at least 5 clear days after
the agenda is published (Local Government Act 1972 s100B); a background papers section
(s100D); recommendations present and numbered by reportgen; every implications row signed
off by a known officer; appendices that name a document the year has; the report's
meeting date the same as the committee's meeting in the timetable."""

from __future__ import annotations

import re
from itertools import pairwise

from reportgen.model.report import (
    Appendix,
    Implications,
    Meeting,
    Officers,
    Report,
    Timetable,
)
from reportgen.problems import WARNING, Problem, suggest
from reportgen.types import YamlFile
from reportgen.validate.files import YearFilesRead

CLEAR_DAYS = 5
_NUMBERED_BY_HAND = r"^\s*(\d+[.)]|[A-Za-z][.)]|[ivxIVX]+[.)]|\(\w+\))\s"


def compliance_problems(read: YearFilesRead, documents: set[str]) -> list[Problem]:
    """Every compliance problem in a year's report files (``documents``: the documents the
    year has, e.g. {"community-safety-plan"})."""
    problems = []
    if read.timetable and read.timetable.content:
        problems += _timetable_out_of_order(read.timetable.file, read.timetable.content)
    if read.report and read.report.content:
        problems += _report_problems(read.report.file, read.report.content, documents)
    if read.report and read.report.content and read.timetable and read.timetable.content:
        problems += _date_disagrees(
            read.report.file, read.report.content, read.timetable.file, read.timetable.content
        )
    officers, implications = read.officers, read.implications
    if officers and officers.content and implications and implications.content:
        problems += _unknown_signers(
            officers.file, officers.content, implications.file, implications.content
        )
    return problems


def _timetable_out_of_order(file: YamlFile, timetable: Timetable) -> list[Problem]:
    return [
        file.problem(
            ("meetings", i, "date"),
            f"{later.meeting} ({later.date:%d %B %Y}) is listed after {earlier.meeting} "
            f"({earlier.date:%d %B %Y}); the timetable must be in date order.",
        )
        for i, (earlier, later) in enumerate(pairwise(timetable.meetings), start=1)
        if later.date < earlier.date
    ]


_FILLER = {"and", "the", "of", "for", "a"}


def name_words(name: str) -> set[str]:
    """A committee's or meeting's name as the words that tell it apart: case, punctuation,
    "&" for "and", "the" and plurals do not count ("Communities, Housing & Environment"
    and "Community Housing and Environment" are the same)."""
    words = re.findall(r"[^\W_]+", name.lower().replace("&", " and "))
    return {_singular(word) for word in words if word not in _FILLER}


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def committee_meetings(committee: str, timetable: Timetable) -> list[tuple[int, Meeting]]:
    """The timetable's meetings of the report's committee (with their index): those whose
    name contains the committee's, word for word ("… Committee acting as the Crime and
    Disorder Committee"), or is contained in it (a timetable that just says "Committee")."""
    wanted = name_words(committee)
    found = []
    for index, meeting in enumerate(timetable.meetings):
        words = name_words(meeting.meeting)
        if wanted and words and (wanted <= words or words <= wanted):
            found.append((index, meeting))
    return found


def _date_disagrees(
    report_file: YamlFile, report: Report, timetable_file: YamlFile, timetable: Timetable
) -> list[Problem]:
    """report.yaml's meeting_date must be the committee's date in timetable.yaml."""
    meetings = committee_meetings(report.committee, timetable)
    if any(meeting.date == report.meeting_date for _, meeting in meetings):
        return []
    where = timetable_file.path.name
    if not meetings:
        message = (
            f"{where} has no meeting of the {report.committee} (a meeting whose name "
            f"contains the committee's), so the meeting date {report.meeting_date:%d %B %Y} "
            f"cannot be checked; add the meeting to {where}: '- meeting: "
            f"{report.committee}' with 'date: {report.meeting_date}'."
        )
    else:
        dates = " and ".join(
            f"{meeting.date:%d %B %Y} ({where}, line {_line(timetable_file, index)}: "
            f"{meeting.meeting})"
            for index, meeting in meetings
        )
        message = (
            f"the meeting date is {report.meeting_date:%d %B %Y} here but the timetable "
            f"gives {dates}; make the two the same."
        )
    return [report_file.problem(("meeting_date",), message)]


def _line(file: YamlFile, index: int) -> int | str:
    location = file.locate(("meetings", index, "date"))
    return location[0] if location else "?"


def clear_days(report: Report) -> int | None:
    """Whole days between publication and the meeting, neither day counted."""
    if report.publication_date is None:
        return None
    return (report.meeting_date - report.publication_date).days - 1


def _report_problems(file: YamlFile, report: Report, documents: set[str]) -> list[Problem]:
    problems = []
    days = clear_days(report)
    if days is not None and days < CLEAR_DAYS:
        problems.append(
            file.problem(
                ("publication_date",),
                f"the agenda is published {report.publication_date:%d %B %Y} but the meeting "
                f"is {report.meeting_date:%d %B %Y}, {max(days, 0)} clear day(s) later; the "
                f"law needs at least {CLEAR_DAYS} (Local Government Act 1972 s100B; the day "
                "of publication and the day of the meeting do not count).",
            )
        )
    if report.background_papers is None:
        problems.append(
            file.problem(
                (),
                "the report has no background papers section (Local Government Act 1972 "
                "s100D); add background_papers: listing them, or background_papers: None.",
            )
        )
    for index, recommendation in enumerate(report.recommendations):
        if re.match(_NUMBERED_BY_HAND, recommendation):
            problems.append(
                file.problem(
                    ("recommendations", index),
                    "reportgen numbers the recommendations itself; remove the number "
                    "typed at the start.",
                )
            )
    listed: set[str] = set()
    for index, appendix in enumerate(report.appendices):
        document = appendix.document if isinstance(appendix, Appendix) else None
        if document in listed:
            problems.append(
                file.problem(
                    ("appendices", index, "document"),
                    f"{document} is already an appendix; each document is published once.",
                )
            )
        if document:
            listed.add(document)
        if isinstance(appendix, Appendix) and appendix.document not in (None, *documents):
            problems.append(
                file.problem(
                    ("appendices", index, "document"),
                    f"this year has no {appendix.document} (its folder is missing), so this "
                    "appendix cannot be published with the report.",
                )
            )
    return problems


def _clashing_ids(
    officers_file: YamlFile,
    officers: Officers,
    implications_file: YamlFile,
    implications: Implications,
) -> list[Problem]:
    """Each implications row's issue must give it a name of its own for `reportgen
    signoff` (Legal and LEGAL would both be legal)."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for index, row in enumerate(implications.rows):
        where = ("rows", index, "issue")
        if not row.id:
            problems.append(
                implications_file.problem(
                    where, "the issue needs letters or digits: it names the row for sign-off."
                )
            )
        elif row.id in seen:
            problems.append(
                implications_file.problem(
                    where,
                    f"{row.issue!r} and {seen[row.id]!r} would both be signed off as "
                    f"{row.id!r}; give the rows different issues.",
                )
            )
        else:
            seen[row.id] = row.issue
    others: set[str] = set()
    for index, other in enumerate(officers.also_signed_off):
        if other.id in others:
            problems.append(
                officers_file.problem(
                    ("also_signed_off", index, "id"), f"{other.id!r} is used twice."
                )
            )
        others.add(other.id)
    return problems


def unknown_parts(
    file: YamlFile, officers: Officers, sections: list[str], library: set[str], tables: set[str]
) -> list[Problem]:
    """Every other sign-off must name a section, library text or table that exists."""
    problems = []
    known = {"section": sections, "library": sorted(library), "table": sorted(tables)}
    for index, other in enumerate(officers.also_signed_off):
        kind, name = other.what
        if kind in known and name not in known[kind]:
            problems.append(
                file.problem(
                    ("also_signed_off", index, kind),
                    f"there is no {kind} {name!r}; {suggest(name, known[kind])}",
                )
            )
    return problems


def _repeated_officers(file: YamlFile, officers: Officers) -> list[Problem]:
    """Each officer once, with a key of their own: a second entry with the same name (or
    key) could otherwise sign as the first."""
    problems = []
    names: dict[str, int] = {}
    keys: dict[str, str] = {}
    for index, officer in enumerate(officers.officers):
        if officer.name in names:
            problems.append(
                file.problem(
                    ("officers", index, "name"),
                    f"{officer.name!r} is listed twice (first as officer {names[officer.name]}); "
                    "each officer is listed once, with their role and key.",
                )
            )
        names.setdefault(officer.name, index + 1)
        key = officer.public_key
        if key and key in keys and keys[key] != officer.name:
            problems.append(
                file.problem(
                    ("officers", index, "public_key"),
                    f"this is {keys[key]}'s public key; each officer signs with a key of "
                    "their own (reportgen keys new).",
                )
            )
        if key:
            keys.setdefault(key, officer.name)
    return problems


def _keys_not_required(file: YamlFile, officers: Officers) -> list[Problem]:
    """Officers with keys whose sign-offs need not be signed: anyone who can edit the
    content could then sign off for them without their key."""
    if officers.signatures == "required" or not any(o.public_key for o in officers.officers):
        return []
    return [
        file.problem(
            ("signatures",),
            "officers.yaml lists officers' public keys but does not require signatures, so "
            "a sign-off recorded without a key still counts; add signatures: required.",
            severity=WARNING,
        )
    ]


def _unknown_signers(
    officers_file: YamlFile,
    officers: Officers,
    implications_file: YamlFile,
    implications: Implications,
) -> list[Problem]:
    """Every implications row must be signed off by exactly one known officer, and every
    other sign-off must name one."""
    problems = []
    roles = [officer.role for officer in officers.officers]
    for index, row in enumerate(implications.rows):
        matches = [o for o in officers.officers if o.answers_to(row.sign_off)]
        if len(matches) != 1:
            problems.append(
                implications_file.problem(
                    ("rows", index, "sign_off"),
                    (
                        f"{row.sign_off!r} names nobody in officers.yaml; give an officer's "
                        f"name or role ({suggest(row.sign_off, roles, 'roles')}), or add it "
                        "to that officer's signs_as."
                        if not matches
                        else f"{row.sign_off!r} could be "
                        + " or ".join(o.name for o in matches)
                        + " (officers.yaml); make it name one officer."
                    ),
                )
            )
    problems += _clashing_ids(officers_file, officers, implications_file, implications)
    problems += _repeated_officers(officers_file, officers)
    problems += _keys_not_required(officers_file, officers)
    names = [officer.name for officer in officers.officers]
    row_ids = {row.id for row in implications.rows}
    for index, other in enumerate(officers.also_signed_off):
        if other.by not in names:
            problems.append(
                officers_file.problem(
                    ("also_signed_off", index, "by"),
                    f"{other.by!r} is not one of the officers; {suggest(other.by, names)}",
                )
            )
        if other.id in row_ids:
            problems.append(
                officers_file.problem(
                    ("also_signed_off", index, "id"),
                    f"{other.id!r} is already the name of an implications row; choose another.",
                )
            )
    return problems
