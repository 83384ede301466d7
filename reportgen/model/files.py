"""The names of a content folder's files and folders, and what each year file holds."""

from __future__ import annotations

from reportgen.model.base import Content
from reportgen.model.priorities import Priorities
from reportgen.model.report import Implications, Officers, Report, Sections, Timetable
from reportgen.names import LIBRARY_FOLDER as LIBRARY_FOLDER  # the library, beside the years

YEAR_FILES: dict[str, type[Content]] = {
    "report.yaml": Report,
    "officers.yaml": Officers,
    "timetable.yaml": Timetable,
    "priorities.yaml": Priorities,
    "implications.yaml": Implications,
    "sections.yaml": Sections,
}
"""The files of a year folder and the part of the model each one holds."""

GLOSSARY_FILE = "glossary.yaml"
CONTACTS_FILE = "contacts.yaml"
HOUSE_STYLE_FILE = "house-style.yaml"
"""The council's house style (in library/): see reportgen.model.house_style."""
YEAR_LIBRARY_FILE = "library.yaml"
"""A year's own versions of library texts."""
SIGNOFF_FILE = "signoffs.yaml"
"""Written by ``reportgen signoff`` in the year folder."""
ASSESSMENT_FOLDER = "assessment"
ASSESSMENT_FILE = "assessment.yaml"
PLAN_FOLDER = "plan"
PLAN_FILE = "plan.yaml"
