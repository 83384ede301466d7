"""The committee report to the Crime and Disorder Committee."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from reportgen.compute.blocks import (
    LANGUAGE,
    BlockExpander,
    Item,
    SectionView,
    TextBlock,
    numbered,
)
from reportgen.compute.dates import printed_date
from reportgen.compute.pictures import PictureView, logo_view
from reportgen.model import Officer, Report
from reportgen.model.house_style import HouseStyle
from reportgen.model.report import Appendix
from reportgen.types import Year

RECOMMENDATIONS_TO = {
    "final decision-maker": "the final decision-maker",
    "this Committee": "this Committee",
}
"""The two standing wordings of report.yaml's recommendations_to and how each prints; any
other addressee (e.g. the Communities, Housing and Environment Committee) prints as typed."""
STANDARD_LABELS = {
    "lead_head_of_service": "Lead Head of Service/Lead Director",
    "lead_officer": "Lead Officer and Report Author",
}


@dataclass(frozen=True)
class ReportWording:
    """The committee report's fixed wording: every heading, label and table description the
    templates print, decided here so the Word and HTML versions cannot drift apart."""

    final_decision_question: str = (
        "Is the final decision on the recommendations in this report to be made at this meeting?"
    )
    final_decision_table: str = "Whether the final decision is made at this meeting"
    cover_table: str = "Report details"
    executive_summary: str = "Executive Summary"
    recommendations: str = "Recommendations"
    corporate_priorities: str = "Corporate priorities"
    corporate_priorities_intro: str = "This report relates to the following corporate priorities:"
    timetable: str = "Timetable"
    timetable_headings: tuple[str, str] = ("Meeting", "Date")
    timetable_table: str = "Timetable of meetings"
    implications_headings: tuple[str, str, str] = ("Issue", "Implications", "Sign-off")
    implications_table: str = "Cross-cutting issues and implications, with who signed off each"


@dataclass(frozen=True)
class ImplicationRow:
    """A row of the cross-cutting issues and implications table."""

    issue: str
    blocks: tuple[TextBlock, ...]
    sign_off: str


@dataclass(frozen=True)
class CommitteeReport:
    """The committee report, as laid out in every format."""

    title: str
    committee: str
    meeting_date: str
    final_decision_at_this_meeting: str
    cover: tuple[tuple[str, str], ...]
    executive_summary: tuple[TextBlock, ...]
    recommendations_intro: str
    recommendations: tuple[Item, ...]
    corporate_priorities: tuple[str, ...]
    timetable: tuple[tuple[str, str], ...]
    sections: tuple[SectionView, ...]
    implications: SectionView
    implication_rows: tuple[ImplicationRow, ...]
    appendices: SectionView | None
    background_papers: SectionView | None
    properties: dict[str, str] = field(default_factory=dict)
    wording: ReportWording = ReportWording()
    house_style: HouseStyle = field(default_factory=HouseStyle)
    """How it looks: the fonts, colours and heading capitals the formats apply."""
    logo: PictureView | None = None
    """The house style's logo, at the top of the cover."""


class _ClosingSections(NamedTuple):
    """The sections after the written ones."""

    implications: SectionView
    implication_rows: tuple[ImplicationRow, ...]
    appendices: SectionView | None
    background_papers: SectionView | None


def _officer(officer: Officer, key: str) -> tuple[str, str]:
    return officer.label or STANDARD_LABELS[key], f"{officer.name}, {officer.role}"


APPENDICES_INTRO = (
    "The following documents are to be published with this report and form part of the report:"
)


def _cover(report: Report) -> tuple[tuple[str, str], ...]:
    """The key-value table under the title."""
    return (
        ("Final Decision-Maker", report.final_decision_maker),
        _officer(report.lead_head_of_service, "lead_head_of_service"),
        _officer(report.lead_officer, "lead_officer"),
        ("Classification", report.classification),
        ("Wards affected", report.wards_affected),
    )


def _section(
    number: int, title: str, *blocks: TextBlock, numbered: bool = True, **more: Any
) -> SectionView:
    """A section of the report, its number printed "2." when the house style numbers
    them (its number also names it in the HTML either way)."""
    label = f"{number}." if numbered else ""
    return SectionView(str(number), title, tuple(blocks), label=label, **more)


def _closing_sections(year: Year, expand: BlockExpander, first: int) -> _ClosingSections:
    """The sections after the written ones, numbered on from them: implications, then
    appendices and background papers when the report has them."""
    report, numbers = year.report, itertools.count(first)
    numbering = year.house_style.numbered_paragraphs
    appendices = background = None
    implications = _section(
        next(numbers), "Cross-cutting issues and implications", numbered=numbering
    )
    if report.appendices:
        appendices = _section(
            next(numbers),
            "Report appendices",
            TextBlock("text", APPENDICES_INTRO),
            items=tuple(
                Item(appendix_title(a), document=appendix_document(a)) for a in report.appendices
            ),
            numbered=numbering,
        )
    if report.background_papers is not None:
        background = _section(
            next(numbers),
            "Background papers",
            *expand.blocks(report.background_papers),
            numbered=numbering,
        )
    rows = tuple(
        ImplicationRow(row.issue, expand.blocks(row.implications), row.sign_off)
        for row in year.implications.rows
    )
    return _ClosingSections(implications, rows, appendices, background)


def _properties(year: Year) -> dict[str, str]:
    """Title, subject, author (the council) and language, for the DOCX, PDF and HTML
    metadata."""
    report, style = year.report, year.house_style
    meeting = printed_date(report.meeting_date, style.dates)
    return {
        "title": report.title,
        "subject": f"Report to {report.committee}, {meeting}",
        "author": council_of(year),
        "language": LANGUAGE,
    }


def council_of(year: Year) -> str:
    """Whose report it is: the house style's organisation, else the one its Strategic
    Assessment or plan names, else (a council named nowhere) its lead officer's name."""
    named = [content.spec.organisation for content in (year.assessment, year.plan) if content]
    found = [name for name in [year.house_style.organisation, *named] if name]
    return found[0] if found else year.report.lead_officer.name


def committee_report(year: Year) -> CommitteeReport:
    """Compute the committee report from a validated year."""
    report, expand, style = year.report, BlockExpander(year), year.house_style
    numbering = style.numbered_paragraphs
    sections = tuple(
        _section(
            n,
            section.title,
            *expand.blocks(section.content, str(n) if numbering else ""),
            numbered=numbering,
        )
        for n, section in enumerate(year.sections.sections, start=1)
    )
    closing = _closing_sections(year, expand, len(sections) + 1)
    return CommitteeReport(
        title=report.title,
        committee=report.committee,
        meeting_date=printed_date(report.meeting_date, style.dates),
        final_decision_at_this_meeting="Yes" if report.final_decision_at_this_meeting else "No",
        cover=_cover(report),
        executive_summary=expand.blocks(report.executive_summary or []),
        recommendations_intro=recommendations_intro(report.recommendations_to),
        recommendations=numbered(report.recommendations),
        corporate_priorities=tuple(report.corporate_priorities or ()),
        timetable=tuple(
            (m.meeting, printed_date(m.date, style.dates)) for m in year.timetable.meetings
        ),
        sections=sections,
        implications=closing.implications,
        implication_rows=closing.implication_rows,
        appendices=closing.appendices,
        background_papers=closing.background_papers,
        properties=_properties(year),
        house_style=style,
        logo=logo_view(style.logo, year.logo),
    )


def appendix_title(appendix: str | Appendix) -> str:
    """An appendix as the report lists it."""
    return appendix if isinstance(appendix, str) else appendix.title


def appendix_document(appendix: str | Appendix) -> str:
    """Which of reportgen's documents an appendix is ("" for one reportgen does not make)."""
    return "" if isinstance(appendix, str) else appendix.document or ""


def recommendations_intro(addressee: str) -> str:
    """The line before the recommendations, e.g. "This report makes the following
    recommendations to the final decision-maker:" (final decision-maker and this Committee
    print as they always have; any other addressee prints as typed)."""
    return (
        "This report makes the following recommendations to "
        f"{RECOMMENDATIONS_TO.get(addressee, addressee).rstrip(':')}:"
    )
