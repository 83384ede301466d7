"""The council's house style (library/house-style.yaml): read against the model, every
text colour readable on what it is printed on (WCAG 2 contrast of at least 4.5:1), and
the fonts it names installed for the PDF.

Fonts are looked up with fontconfig (``fc-list``, ``fc-match``), as WeasyPrint finds them;
without fontconfig they cannot be judged and nothing is said.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

from reportgen.load.fontconfig import fontconfig
from reportgen.load.paths import content_folder
from reportgen.model.files import HOUSE_STYLE_FILE, LIBRARY_FOLDER
from reportgen.model.house_style import Colours, HouseStyle
from reportgen.problems import WARNING, Problem
from reportgen.types import ChapteredContent, CheckedPicture, PlanContent, YamlFile
from reportgen.validate.fields import read_and_validate
from reportgen.validate.pictures import check_picture

MINIMUM_CONTRAST = 4.5
"""WCAG 2, level AA, for text of ordinary size."""
READ_ON: tuple[tuple[str, str, str], ...] = (
    ("text", "background", "the text colour {} on the background {}"),
    ("headings", "background", "the headings colour {} on the background {}"),
    (
        "table_header_text",
        "table_header_background",
        "tables' header text {} on their header background {}",
    ),
    ("text", "shading", "the text colour {} on the shading {} of tables' row headings"),
)
"""Each text colour, the colour it is printed on, and how a message names the pair."""


def house_style_path(year: Path) -> Path:
    """Where a year's house style is: in the shared library beside the year folders."""
    return year.parent / LIBRARY_FOLDER / HOUSE_STYLE_FILE


def read_house_style(year: Path) -> tuple[HouseStyle, CheckedPicture | None, list[Problem]]:
    """The house style a year's documents follow (the defaults without the file), its
    logo checked, and every problem in it: errors for what cannot be printed or read,
    warnings for fonts this computer does not have."""
    path = house_style_path(year)
    if not path.is_file():
        return HouseStyle(), None, []
    file, style, problems = read_and_validate(path, HouseStyle, inside=content_folder(year))
    if style is None:
        return HouseStyle(), None, problems
    problems += contrast_problems(file, style.colours) + font_problems(file, style)
    logo = None
    if style.logo is not None:
        logo, logo_problems = check_picture(style.logo.file, None, file, ("logo", "file"))
        problems += logo_problems
    return style, logo, problems


def contrast_problems(file: YamlFile, colours: Colours) -> list[Problem]:
    """An error for each text colour too faint on what it is printed on."""
    problems = []
    for text, behind, pair in READ_ON:
        foreground, background = getattr(colours, text), getattr(colours, behind)
        ratio = contrast(foreground, background)
        if ratio < MINIMUM_CONTRAST:
            found = math.floor(ratio * 10) / 10  # never rounded up to the minimum
            problems.append(
                file.problem(
                    ("colours", text),
                    f"{pair.format(foreground, background)} has a contrast of only "
                    f"{found:.1f}:1, below the {MINIMUM_CONTRAST}:1 text needs to be read "
                    "easily (WCAG 2); make one of the two colours darker or lighter.",
                )
            )
    return problems


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours, from 1 (none) to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    red, green, blue = (_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def font_problems(file: YamlFile, style: HouseStyle) -> list[Problem]:
    """A warning for each font named that this computer does not have: the PDF is drawn
    with another (Word and web browsers use the reader's fonts, so they may differ)."""
    installed = installed_font_families()
    if installed is None:
        return []
    problems = []
    for field in ("body", "headings"):
        name = getattr(style.fonts, field)
        if name is None or name.casefold() in installed:
            continue
        instead = font_used_instead(name)
        problems.append(
            file.problem(
                ("fonts", field),
                f"the font {name!r} is not installed on this computer, so the PDF will use "
                f"{instead} instead; install it (a font file in ~/.local/share/fonts/ will "
                "do) or choose an installed font (fc-list lists them).",
                WARNING,
            )
        )
    return problems


@functools.cache
def installed_font_families() -> frozenset[str] | None:
    """Every font family fontconfig knows (in lower case, each of its names), or None
    without fontconfig."""
    listing = fontconfig("fc-list", ":", "family")
    if listing is None:
        return None
    return frozenset(
        name.strip().casefold()
        for line in listing.splitlines()
        for name in line.split(",")
        if name.strip()
    )


def font_used_instead(name: str) -> str:
    """The font fontconfig gives for ``name`` when it is not installed."""
    found = fontconfig("fc-match", "--format", "%{family}", name)
    return repr(found.split(",")[0]) if found else "another font"


def numbering_problems(style: HouseStyle, plan: PlanContent | None) -> list[Problem]:
    """A warning for a plan asking for numbered sections when the house style numbers no
    chapters: its sections cannot be numbered 5.1 under a chapter with no number."""
    if plan is None or style.numbered_chapters or "numbered_sections" not in plan.spec_file.data:
        return []
    if not plan.spec.numbered_sections:
        return []
    return [
        plan.spec_file.problem(
            ("numbered_sections",),
            "the house style (library/house-style.yaml) says numbered_chapters: no, so the "
            "plan's sections are not numbered either; remove numbered_sections: yes here.",
            WARNING,
        )
    ]


def organisation_problems(
    style: HouseStyle, documents: list[ChapteredContent | None]
) -> list[Problem]:
    """An error for a Strategic Assessment or plan that names no organisation when the
    house style gives none either: its title page would have nobody's name."""
    if style.organisation:
        return []
    return [
        content.spec_file.problem(
            ("organisation",),
            "this field is missing; expected who publishes the document, e.g. Maidstone "
            f"Borough Council (or the council's organisation: in {LIBRARY_FOLDER}/"
            f"{HOUSE_STYLE_FILE}, for every document).",
        )
        for content in documents
        if content is not None and content.spec.organisation is None
    ]


def documents_against_style(
    style: HouseStyle, assessment: ChapteredContent | None, plan: PlanContent | None
) -> list[Problem]:
    """What the Strategic Assessment and the plan ask that the house style rules out."""
    return organisation_problems(style, [assessment, plan]) + numbering_problems(style, plan)
