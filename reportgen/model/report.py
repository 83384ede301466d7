"""The committee report's files: report.yaml, timetable.yaml, priorities.yaml,
implications.yaml and sections.yaml, and the shared library's entries."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from reportgen.model.base import Content, IsoDate
from reportgen.model.base import text_field as _text
from reportgen.model.text import Blocks

# --- report.yaml ---------------------------------------------------------------------------


class Officer(Content):
    """A named officer and their role."""

    name: str = _text("the officer's name, e.g. John Littlemore")
    role: str = _text("the officer's job title, e.g. Head of Housing and Community Services")
    label: str | None = Field(
        None,
        description="the wording of this row of the cover table, if not the usual one",
        examples=["Lead Officer and Report Author"],
    )


class Appendix(Content):
    """A document published with the report: its title as listed, and which of reportgen's
    documents it is (so the agenda pack can include it)."""

    title: str = _text("the appendix as the report lists it, e.g. Appendix 1: Strategic Assessment")
    document: Literal["strategic-assessment", "community-safety-plan"] | None = Field(
        None,
        description="the document reportgen builds for it: strategic-assessment or "
        "community-safety-plan",
    )


class Report(Content):
    """report.yaml: the committee report's cover, summary, recommendations and appendices."""

    title: str = _text(
        "the report's title, e.g. 2018-19 Safer Maidstone Partnership Strategic Assessment"
    )
    committee: str = _text("the committee the report goes to, as printed on the cover")
    meeting_date: IsoDate = Field(description="the date of the committee meeting (YYYY-MM-DD)")
    publication_date: IsoDate | None = Field(
        None,
        description="the date the agenda is published (YYYY-MM-DD); the meeting must be at "
        "least 5 clear days later",
    )
    final_decision_at_this_meeting: bool = Field(
        description="whether the final decision is made at this meeting (yes or no)"
    )
    final_decision_maker: str = _text("who takes the final decision, e.g. Council")
    lead_head_of_service: Officer = Field(description="the Lead Head of Service or Lead Director")
    lead_officer: Officer = Field(description="the Lead Officer and Report Author")
    classification: str = _text("the report's classification, e.g. Public or Non-exempt")
    wards_affected: str = _text("the wards the report affects, e.g. All")
    executive_summary: Blocks | None = Field(
        None, description="an executive summary shown before the recommendations"
    )
    recommendations_to: str = _text(
        'who the recommendations are made to, printed after "This report makes the following '
        'recommendations to": final decision-maker (printed "the final decision-maker"), '
        "this Committee, or a body named as it should read, e.g. the Communities, Housing and "
        "Environment Committee"
    )
    recommendations: list[str] = Field(min_length=1, description="the numbered recommendations")
    corporate_priorities: list[str] | None = Field(
        None,
        description="the corporate priorities the report relates to",
        examples=[["Keeping Maidstone Borough an attractive place for all"]],
    )
    appendices: list[str | Appendix] = Field(
        default_factory=list,
        description="the documents published with the report, in order: a title, or "
        "title: and document:",
    )
    background_papers: Blocks | None = Field(
        None, description="the background papers, or None / N/A"
    )


# --- timetable.yaml ------------------------------------------------------------------------


class Meeting(Content):
    """One meeting in the timetable."""

    meeting: str = _text("the meeting, e.g. Safer Maidstone Partnership")
    date: IsoDate = Field(description="the date of the meeting (YYYY-MM-DD)")


class Timetable(Content):
    """timetable.yaml: the meetings the report goes to, in date order."""

    meetings: list[Meeting] = Field(min_length=1, description="the meetings, in date order")


# --- implications.yaml ---------------------------------------------------------------------


class Implication(Content):
    """One row of the cross-cutting issues and implications table."""

    issue: str = _text("the issue, e.g. Legal or Financial")
    implications: Blocks = Field(description="the implications: text, lists or a library text")
    sign_off: str = _text("who signs off this row: an officer's role, name, or both")

    @property
    def id(self) -> str:
        """The row's name for `reportgen signoff`: its issue in lower case with hyphens
        (Privacy and Data Protection is privacy-and-data-protection; letters such as é
        are kept)."""
        return re.sub(r"[\W_]+", "-", self.issue.casefold()).strip("-")


class Implications(Content):
    """implications.yaml: the cross-cutting issues and implications table."""

    rows: list[Implication] = Field(min_length=1, description="the rows of the table, in order")


# --- officers.yaml ------------------------------------------------------------------------

PUBLIC_KEY_PATTERN = r"^ed25519:[A-Za-z0-9+/]{43}=$"
"""An officer's public key as officers.yaml holds it: ed25519: and the key in base64."""


class SigningOfficer(Content):
    """An officer who signs off part of the report."""

    name: str = _text("the officer's name, as `reportgen signoff --by` takes it")
    role: str = _text("the officer's job title, e.g. Section 151 Officer")
    signs_as: list[str] = Field(
        default_factory=list,
        description="other wordings of the implications table's sign-off column that mean "
        "this officer, e.g. Section 151 Officer & Finance Team",
    )
    public_key: str | None = Field(
        None,
        pattern=PUBLIC_KEY_PATTERN,
        description="the officer's public key, the line `reportgen keys new` printed for "
        "them: ed25519: and 44 letters, digits, + or / ending in =",
        examples=["ed25519:SAyv32RvSCyM8HX2cONVesMigj9SigVcRtjSharf1EM="],
    )

    def answers_to(self, wording: str) -> bool:
        """Whether the sign-off column's ``wording`` names this officer."""
        return wording in (self.name, self.role, f"{self.name}, {self.role}", *self.signs_as)


class OtherSignOff(Content):
    """A part of the report other than an implications row that an officer must clear:
    give one of section, library, table or recommendations."""

    id: str = Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="the name `reportgen signoff` takes: lower-case letters and digits "
        "joined by hyphens, e.g. financial-figures",
    )
    by: str = _text("the officer who must clear it, by name as in officers")
    section: str | None = Field(
        None, description="a section of the report, by its title", examples=["Risk"]
    )
    library: str | None = Field(
        None, description="a library text, by its name", examples=["staffing-implications"]
    )
    table: str | None = Field(
        None, description="a data table, by its name", examples=["iom-cost-of-crime"]
    )
    recommendations: bool | None = Field(None, description="yes: the recommendations")

    @property
    def what(self) -> tuple[str, str]:
        """(kind, name) of the part to clear, e.g. ("section", "Risk")."""
        for kind in ("section", "library", "table"):
            if getattr(self, kind):
                return kind, getattr(self, kind)
        return "recommendations", "recommendations"

    @model_validator(mode="after")
    def _one_part(self) -> OtherSignOff:
        given = [k for k in ("section", "library", "table", "recommendations") if getattr(self, k)]
        if len(given) != 1:
            raise PydanticCustomError(
                "content_rule",
                "give exactly one of section:, library:, table: or recommendations: yes "
                "(what the officer clears)",
            )
        return self


class Officers(Content):
    """officers.yaml: who signs off the report, and what besides the implications rows."""

    signatures: Literal["required", "optional"] = Field(
        "optional",
        description="required: every sign-off must be signed with the officer's own key "
        "(their public_key below); optional (the default): a sign-off without a key counts",
    )
    officers: list[SigningOfficer] = Field(
        min_length=1, description="the officers who sign off parts of the report"
    )
    also_signed_off: list[OtherSignOff] = Field(
        default_factory=list,
        description="parts other than the implications rows that an officer must clear",
    )


# --- signoffs.yaml (written by `reportgen signoff`) -----------------------------------------


class Record(Content):
    """One recorded sign-off in signoffs.yaml: what was cleared, for which report and
    meeting, by whom and when, the text itself and its SHA-256, and (when the officer has a
    key) their signature over all of it."""

    row: str = _text("what was signed off, as `reportgen signoff` names it")
    what: str | None = Field(None, description="what it is, e.g. Legal implications")
    year: str | None = Field(None, description="the year folder it was signed in, e.g. 2018-19")
    report: str | None = Field(None, description="the title of the report it was signed for")
    committee: str | None = Field(None, description="the committee the report went to")
    meeting: IsoDate | None = Field(
        None, description="the date of the meeting it was signed for (YYYY-MM-DD)"
    )
    by: str = _text("the officer's name")
    role: str = _text("the officer's role when they signed")
    signed_at: str = _text("when, as an ISO 8601 UTC time")
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description="the SHA-256 of the text: 64 characters, digits and a to f in lower case",
    )
    key: str | None = Field(
        None, pattern=PUBLIC_KEY_PATTERN, description="the public key it was signed with"
    )
    signature: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9+/]{86}==$",
        description="the officer's Ed25519 signature of the entry, in base64",
    )
    text: str = _text("the text that was signed off")


# --- sections.yaml -------------------------------------------------------------------------


class Section(Content):
    """One numbered section of the report."""

    title: str = _text("the section heading, e.g. Available options")
    content: Blocks = Field(description="the section's paragraphs and lists")


class Sections(Content):
    """sections.yaml: the numbered sections of the report, before the implications table."""

    sections: list[Section] = Field(min_length=1, description="the sections, in order")


# --- library (content/library/*.yaml and a year's library.yaml) ----------------------------


class GlossaryTerms(Content):
    """library/glossary.yaml: every acronym and term the documents may use, defined once;
    a year's own glossary.yaml (same fields) adds entries and rewords shared ones for that
    year only."""

    terms: dict[str, str] = Field(
        description=(
            "each acronym or term and what it means, e.g. ASB: Anti-Social Behaviour, "
            "Community Trigger: a review of a case of anti-social behaviour"
        )
    )
    not_acronyms: list[str] = Field(
        default_factory=list,
        description="words in capitals that need no definition, e.g. UK, NB",
        examples=[["UK", "NB"]],
    )


class LibraryEntry(Content):
    """A text reused across years, referenced by name with ``- library: NAME``."""

    about: str = _text("what the text is and where it is used")
    text: Blocks = Field(description="the text itself: paragraphs and lists")
