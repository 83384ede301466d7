"""library/house-style.yaml: how the council's documents look, the same in Word, PDF and
HTML: how dates print, what is numbered, headings in capitals or as typed, how appendix
headings read, whether chapters start a new page, the fonts and the colours.

The file is optional; without it (or for a field it leaves out) every document follows
the defaults below, which suit a new council: dates as GOV.UK writes them ("13 February
2018"), paragraphs and chapters numbered, headings as typed, appendices headed "Appendix 1",
an en dash and the title.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from reportgen.model.base import Content

DateStyle = Literal[
    "13 February 2018",
    "February 13th 2018",
    "13th February 2018",
    "Tuesday 13 February 2018",
]
DATE_STYLES: tuple[DateStyle, ...] = get_args(DateStyle)
"""How dates may print, each written as the date 13 February 2018 would be."""


def _quoted_colour(value: Any) -> Any:
    """A colour typed without quotes reads as nothing: YAML takes ``#…`` for a comment."""
    if value is None:
        raise PydanticCustomError(
            "content_rule",
            'found nothing; a colour must be written in quotes, e.g. "#1d3b6e" (outside '
            "quotes, # starts a comment)",
        )
    return value


Colour = Annotated[
    str,
    BeforeValidator(_quoted_colour),
    StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$"),
]
"""A colour written as # and six hexadecimal digits: #1d3b6e."""
FontName = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 -]{0,59}$", strip_whitespace=True)
]
"""A font's name as installed: letters, digits, spaces and hyphens only (it is written into
the documents' styles, so nothing else is accepted)."""

NUMBER, TITLE = "{number}", "{title}"
"""The places in ``appendix_heading`` where the appendix's number and title go."""


def _colour(example: str, what: str) -> Any:
    return Field(
        default=example,
        description=f"a colour written #rrggbb (# and six hexadecimal digits): {what} "
        f"(default {example})",
    )


class Colours(Content):
    """The documents' colours. ``check`` refuses any text colour whose contrast with what
    it is printed on is below 4.5:1 (WCAG 2, level AA)."""

    text: Colour = _colour("#111111", "the text")
    background: Colour = _colour("#ffffff", "the page behind the text and headings")
    headings: Colour = _colour("#1d3b6e", "headings, titles and the cover's rule")
    table_header_text: Colour = _colour("#ffffff", "the text of tables' header rows")
    table_header_background: Colour = _colour("#1d3b6e", "tables' header rows")
    shading: Colour = _colour(
        "#eef1f6", "behind tables' row headings and totals (printed in the text colour)"
    )


class Fonts(Content):
    """The documents' fonts, by name as installed (e.g. Liberation Sans, Arial). Left out,
    the templates' own are used: Liberation Sans in the PDF and HTML (falling back to
    Arial), Arial in Word (the two have the same letter widths)."""

    body: FontName | None = Field(
        default=None,
        description="a font's name as installed (letters, digits, spaces and hyphens only) "
        "for the text",
        examples=["Liberation Sans"],
    )
    headings: FontName | None = Field(
        default=None,
        description="a font's name as installed (letters, digits, spaces and hyphens only) "
        "for headings and titles (default: the body font)",
        examples=["Liberation Serif"],
    )


def _appendix_heading(pattern: str) -> str:
    """``{number}`` and ``{title}`` once each, the number first, and no other braces."""
    if pattern.count(NUMBER) != 1 or pattern.count(TITLE) != 1:
        raise PydanticCustomError(
            "content_rule",
            "appendix_heading must contain {number} and {title} once each, e.g. "
            "'Appendix {number} \N{EN DASH} {title}'",
        )
    if pattern.index(NUMBER) > pattern.index(TITLE):
        raise PydanticCustomError(
            "content_rule",
            "in appendix_heading, {number} must come before {title}, e.g. "
            "'Appendix {number} \N{EN DASH} {title}'",
        )
    rest = pattern.replace(NUMBER, "").replace(TITLE, "")
    if "{" in rest or "}" in rest:
        raise PydanticCustomError(
            "content_rule",
            "appendix_heading may use only {number} and {title} in braces, e.g. "
            "'Appendix {number} \N{EN DASH} {title}'",
        )
    return pattern


class Logo(Content):
    """The council's or partnership's logo, printed at the top of every document's cover."""

    file: str = Field(
        min_length=1,
        description="the logo's picture file (PNG, JPEG or SVG) in content/library/, e.g. logo.png",
        examples=["logo.png"],
    )
    alt: str | None = Field(
        default=None,
        min_length=1,
        description="what the logo says, for readers who cannot see it, e.g. Maidstone "
        "Borough Council; required unless decorative: yes",
        examples=["Maidstone Borough Council"],
    )
    decorative: bool = Field(
        default=False,
        description="yes when the name beside it says all the logo does: screen readers "
        "then pass over it",
    )
    width: int = Field(
        default=25,
        ge=5,
        le=100,
        description="how wide it prints, as a percentage of the text column",
    )

    @model_validator(mode="after")
    def _described_unless_decorative(self) -> Logo:
        if self.decorative == (self.alt is not None):
            raise PydanticCustomError(
                "content_rule",
                "give the logo alt: (what it says, e.g. the council's name) or "
                "decorative: yes, not both"
                if self.decorative
                else "give the logo alt: (what it says, e.g. the council's name), or "
                "decorative: yes if the name printed beside it says it all",
            )
        return self


class HouseStyle(Content):
    """library/house-style.yaml: how every document looks, in Word, PDF and HTML alike."""

    organisation: str | None = Field(
        default=None,
        min_length=1,
        description="the council's name, e.g. Maidstone Borough Council: printed on the "
        "title page of a Strategic Assessment or plan whose file gives no organisation: of "
        "its own (a document that gives one prints its own)",
        examples=["Maidstone Borough Council"],
    )
    dates: DateStyle = Field(
        default="13 February 2018",
        description="how dates print, written as the date 13 February 2018 would be "
        "(default '13 February 2018', as GOV.UK writes dates)",
    )
    numbered_paragraphs: bool = Field(
        default=True,
        description="whether the committee report's sections and their paragraphs are "
        "numbered (2. Introduction, then 2.1, 2.2 …) (yes/no; default yes). The Strategic "
        "Assessment's and the plan's paragraphs are never numbered",
    )
    numbered_chapters: bool = Field(
        default=True,
        description="whether the Strategic Assessment's and the plan's chapters are "
        "numbered (1. Introduction), with their sections (1.1, 1.2 …; a plan numbers its "
        "sections only if its plan.yaml says numbered_sections: yes) (yes/no; default yes). "
        "With no, headings and the contents page show no numbers, and [[chapter | NAME]] "
        "prints the chapter's title",
    )
    headings: Literal["as typed", "capitals"] = Field(
        default="as typed",
        description="how each document's main headings print (the report's sections, the "
        "chapters and appendices; default 'as typed'). Capitals are a matter of print "
        "only: the text stays as typed, so screen readers read words, not letters",
    )
    appendix_heading: Annotated[str, AfterValidator(_appendix_heading)] = Field(
        default="Appendix {number} \N{EN DASH} {title}",
        min_length=1,
        description="how an appendix's heading reads, with {number} and {title} where its "
        "number and title go: 'Appendix {number} \N{EN DASH} {title}' (the default) prints "
        "'Appendix 3 \N{EN DASH} Organisational chart'. With only a space between {number} and "
        "{title}, the title is set apart as a numbered chapter's is. [[chapter | NAME]] "
        "prints the part before the title: 'Appendix 3'",
    )
    chapters_start_new_page: bool = Field(
        default=True,
        description="whether each chapter and appendix of the Strategic Assessment and the "
        "plan starts on a new page (yes/no; default yes). The first chapter always does",
    )
    logo: Logo | None = Field(
        default=None,
        description="a logo at the top of every document's cover: file (in "
        "content/library/), alt, and optionally width (percentage of the text column, "
        "default 25) or decorative: yes",
        examples=[{"file": "logo.png", "alt": "Maidstone Borough Council"}],
    )
    fonts: Fonts = Field(default_factory=Fonts, description="body: and headings: fonts")
    colours: Colours = Field(
        default_factory=Colours,
        description="text:, background:, headings:, table_header_text:, "
        "table_header_background: and shading: colours",
    )

    @property
    def heading_font(self) -> str | None:
        """The headings' font: their own, else the body's (None: the templates' own)."""
        return self.fonts.headings or self.fonts.body
