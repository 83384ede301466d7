"""Text in any script comes out of the HTML, the Word file and the PDF as it went in; a word
too long for a line breaks inside the page; a character no installed font has is named by
``check`` instead of printing as an empty box."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reportgen import build, check
from reportgen.exceptions import ContentError
from reportgen.problems import WARNING, Problem
from reportgen.render.tools import BUILTIN_TEMPLATES
from reportgen.validate import glyphs
from reportgen.validate.glyphs import can_print, installed_characters, needs_no_glyph
from tests.conftest import DATA, edit
from tests.fidelity import docx_text, html_text, libreoffice_to_pdf

FONTS = installed_characters()
assert FONTS, "no fonts found: run scripts/system-packages test"

PAGE_MARGIN = 56.7
"""The house style's 2 cm side margins, in points."""
NO_FONT_HAS = [chr(code) for code in (0x12000, 0x13000, 0x14400, 0x17000, 0x10600, 0x1E800)]
"""Cuneiform, Egyptian and Anatolian hieroglyphs, Tangut, Linear A, Mende Kikakui: scripts
hardly any computer has a font for (the tests use the first this one lacks)."""


_REORDERED = {"R", "AL", "AN", "RLE", "RLO", "RLI", "LRE", "LRO", "LRI", "FSI", "PDF", "PDI"}
"""Bidirectional classes that can make a line's drawing order differ from its reading
order (right-to-left letters and numbers, explicit embeddings, overrides and isolates)."""


def _refused_by_check(code: int) -> bool:
    """Control characters, halves of characters and noncharacters: ``check`` refuses them."""
    char = chr(code)
    return (
        unicodedata.category(char) in {"Cc", "Cs"}
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE
    )


def _printable_alphabet() -> list[str]:
    """Every character ``check`` accepts and some installed font can draw (a code point
    Unicode has not assigned, or left for private use, only if a font has it: fonts can be
    newer than Python's list of characters)."""
    assert FONTS is not None
    return [
        chr(code)
        for code in range(0x110000)
        if (code in FONTS or unicodedata.category(chr(code)) not in {"Cn", "Co"})
        and not _refused_by_check(code)
        and can_print(chr(code), FONTS)
    ]


ALPHABET = _printable_alphabet()
LEFT_TO_RIGHT = [char for char in ALPHABET if unicodedata.bidirectional(char) not in _REORDERED]
"""Characters that cannot change the order a line is drawn in (see :func:`as_drawn`)."""


def _texts(alphabet: list[str]) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(alphabet), min_size=1, max_size=30).filter(
        lambda text: bool(text.strip()) and "[[" not in text  # "[[" starts a figure reference
    )


TEXTS = st.lists(st.one_of(_texts(LEFT_TO_RIGHT), _texts(ALPHABET)), min_size=1, max_size=3)
"""Up to three texts for one build: half from characters that keep their order when drawn
(so the PDF's order is compared too), half from every printable character."""


# --- reading each format back --------------------------------------------------------------


def pdf_text(path: Path) -> str:
    """Every glyph's text (the PDF's ToUnicode map), in the order the glyphs are drawn; no
    spaces guessed from the layout."""
    with pdfplumber.open(path) as pdf:
        return "".join(char["text"] for page in pdf.pages for char in page.chars)


def between(text: str, start: str, end: str) -> str:
    first = text.index(start) + len(start)
    return text[first : text.index(end, first)]


# --- comparing -----------------------------------------------------------------------------


def collapsed(text: str) -> str:
    """Whitespace runs as one space: YAML folds a line or paragraph separator (U+2028,
    U+2029) inside quotes into a space, and Word and HTML keep paragraphs apart with line
    breaks of their own."""
    return " ".join(text.split())


def as_drawn(text: str, reordered: bool) -> list[str] | str:
    """Text as a PDF can give it back, and why each step is needed:

    - NFC, and the Latin ligature characters (U+FB00-FB06) spelt out: a PDF maps each
      glyph to one text, the first it was drawn for (WeasyPrint's ToUnicode map), so
      canonically equivalent spellings drawn with one glyph (e + U+0301 and é) come back
      as whichever was drawn first, and so do a ligature character and the letters the
      font draws with its glyph (U+FB01 ﬁ is the glyph of "fi").
    - no whitespace: lines are broken anywhere in an over-long word, and a space is a gap,
      not always a glyph.
    - no characters drawn as nothing (joiners, direction marks, variation selectors): a
      PDF carries them only inside a cluster of glyphs (an emoji sequence).
    - right-to-left text (``reordered``: the text has characters that can change the
      order a line is drawn in) is drawn right to left, so only which characters are drawn
      can be compared, not their order; mirrored characters (brackets) are drawn with
      their mirror image's glyph, so they are left out of that comparison.
    """
    ligatures = "".join(
        unicodedata.normalize("NFKC", char) if 0xFB00 <= ord(char) <= 0xFB06 else char
        for char in text
    )
    normal = unicodedata.normalize("NFC", ligatures)
    kept = [char for char in normal if not char.isspace() and not needs_no_glyph(char)]
    if reordered:
        return sorted(char for char in kept if not unicodedata.mirrored(char))
    return "".join(kept)


# --- the property --------------------------------------------------------------------------


def _year_with(texts: list[str], root: Path) -> Path:
    """The minimal year with each text in a numbered paragraph of its own, followed by a
    paragraph marking its end."""
    shutil.copytree(DATA / "minimal", root / "content")
    year = root / "content" / "2020-21"
    lines = [
        f"      - paragraph: {json.dumps(f'Startmark{i} {text}', ensure_ascii=False)}\n"
        f"      - text: Endmark{i}\n"
        for i, text in enumerate(texts)
    ]
    edit(year / "sections.yaml", "      - paragraph: Second.\n", "".join(lines))
    return year


def _built(year: Path, out: Path) -> bool:
    try:
        build(year, documents=["committee-report"], out=out)
    except ContentError:
        return False
    return True


@settings(max_examples=10, deadline=None)
@given(texts=TEXTS)
def test_any_printable_text_comes_out_of_every_format_as_it_went_in(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        year = _year_with(texts, root)
        assume(_built(year, root / "out"))  # within what check accepts
        formats = {
            "HTML": html_text((root / "out" / "committee-report.html").read_text("utf-8")),
            "Word": docx_text(root / "out" / "committee-report.docx"),
            "PDF": pdf_text(root / "out" / "committee-report.pdf"),
        }
    for i, text in enumerate(texts):
        got = {
            name: between(whole, f"Startmark{i}", f"Endmark{i}") for name, whole in formats.items()
        }
        assert collapsed(got["HTML"]) == collapsed(text)
        assert collapsed(got["Word"]) == collapsed(text)
        reordered = any(unicodedata.bidirectional(char) in _REORDERED for char in text)
        assert as_drawn(got["PDF"], reordered) == as_drawn(text, reordered)


# --- words too long for a line -------------------------------------------------------------

LONG_WORD = "Supercalifragilistic" * 100
"""2,000 characters without a space."""
CELL_WORD = "Antidisestablishment" * 20
"""400 characters without a space: eight times the width of its table column, short
enough for the row to stay on one page."""


@pytest.fixture
def long_words(minimal: Path) -> Path:
    """The minimal year with a long word in a paragraph and another in an implications row."""
    edit(minimal / "sections.yaml", "paragraph: Second.", f"paragraph: Second {LONG_WORD} end.")
    edit(minimal / "implications.yaml", "implications: None.", f"implications: {CELL_WORD}")
    return minimal


def _chars_outside_the_page(pdf: Path) -> list[tuple[int, str, float]]:
    outside = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            right = page.width - PAGE_MARGIN + 1
            outside += [
                (page.page_number, char["text"], char["x1"])
                for char in page.chars
                if char["x0"] < PAGE_MARGIN - 1 or char["x1"] > right
            ]
    return outside


def test_a_long_word_breaks_inside_the_page_in_the_pdf(long_words: Path, tmp_path: Path) -> None:
    build(long_words, documents=["committee-report"], formats=["pdf"], out=tmp_path / "out")
    pdf = tmp_path / "out" / "committee-report.pdf"
    assert LONG_WORD in pdf_text(pdf) and CELL_WORD in pdf_text(pdf)  # every letter drawn
    assert _chars_outside_the_page(pdf) == []


def test_a_long_word_breaks_in_a_table_of_several_columns_in_the_pdf(
    minimal: Path, tmp_path: Path
) -> None:
    """The timetable's columns share the page: a long meeting name wraps in its cell
    (reportgen gives long words places to break) instead of widening the table."""
    edit(minimal / "timetable.yaml", "meeting: SMP,", f"meeting: SMP {CELL_WORD},")
    build(minimal, documents=["committee-report"], formats=["pdf"], out=tmp_path / "out")
    pdf = tmp_path / "out" / "committee-report.pdf"
    assert CELL_WORD in pdf_text(pdf)
    assert _chars_outside_the_page(pdf) == []


def test_a_long_word_breaks_inside_the_page_of_the_html_on_screen(
    long_words: Path, tmp_path: Path
) -> None:
    """The HTML laid out for a screen of A4's width (by WeasyPrint, as a browser would)."""
    from weasyprint import HTML

    build(long_words, documents=["committee-report"], formats=["html"], out=tmp_path / "out")
    html = HTML(tmp_path / "out" / "committee-report.html", media_type="screen")
    html.write_pdf(tmp_path / "screen.pdf")
    assert LONG_WORD in pdf_text(tmp_path / "screen.pdf")
    assert CELL_WORD in pdf_text(tmp_path / "screen.pdf")
    assert _chars_outside_the_page(tmp_path / "screen.pdf") == []


def test_a_long_word_breaks_inside_the_page_in_word(long_words: Path, tmp_path: Path) -> None:
    """Word and LibreOffice break an over-long word at the end of the line by themselves:
    the Word file laid out by LibreOffice keeps every character on the page."""
    build(long_words, documents=["committee-report"], formats=["docx"], out=tmp_path / "out")
    docx_file = tmp_path / "out" / "committee-report.docx"
    command = libreoffice_to_pdf(tmp_path, tmp_path, [docx_file])
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    pdf = tmp_path / "committee-report.pdf"
    assert LONG_WORD in pdf_text(pdf) and CELL_WORD in pdf_text(pdf)
    with pdfplumber.open(pdf) as document:
        assert all(
            char["x0"] >= 0 and char["x1"] <= page.width
            for page in document.pages
            for char in page.chars
        )


# --- characters no font has ----------------------------------------------------------------


@pytest.fixture
def missing() -> str:
    """A character no font on this computer has."""
    assert FONTS is not None
    lacking = [char for char in NO_FONT_HAS if not can_print(char, FONTS)]
    assert lacking, f"every one of {NO_FONT_HAS} has a font here; add a rarer script"
    return lacking[0]


def _glyph_warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if "cannot be printed" in p.message]


def test_a_character_no_font_has_is_named_once_per_file(minimal: Path, missing: str) -> None:
    edit(minimal / "sections.yaml", "paragraph: Second.", f"paragraph: Second {missing}{missing}.")
    edit(minimal / "sections.yaml", "text: continuation", f"text: continuation {missing}")
    edit(minimal / "report.yaml", "wards_affected: All", f"wards_affected: All {missing}")
    problems = check(minimal)
    assert not [p for p in problems if p.is_error]
    warnings = sorted(_glyph_warnings(problems), key=lambda p: p.file.name)
    assert [(p.file.name, p.line, p.field) for p in warnings] == [
        ("report.yaml", 9, "wards_affected"),
        ("sections.yaml", 6, "sections[1].content[3].text"),
    ]
    name = unicodedata.name(missing)
    for warning in warnings:
        assert warning.severity == WARNING
        assert f"(U+{ord(missing):04X} {name})" in warning.message
        assert "no font on this computer has it" in warning.message


def test_a_data_cell_no_font_can_print_is_named(with_assessment: Path, missing: str) -> None:
    renamed = f"Other{missing}ham"
    edit(with_assessment / "data" / "crime.csv", "Otherham,", f"{renamed},")
    edit(with_assessment / "assessment" / "crime.yaml", "Otherham,", f"{renamed},")
    problems = check(with_assessment)
    assert not [p for p in problems if p.is_error]
    warnings = sorted(_glyph_warnings(problems), key=lambda p: p.file.name)
    assert [(p.file.name, p.line) for p in warnings] == [("crime.csv", 3), ("crime.yaml", 19)]
    assert warnings[0].message.startswith(f"column 'area': {missing!r} (U+{ord(missing):04X} ")


@pytest.fixture
def only_ascii_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the only font drew printable ASCII."""
    monkeypatch.setattr(glyphs, "installed_characters", lambda: frozenset(range(0x20, 0x7F)))


def test_the_warning_says_what_to_install(minimal: Path, only_ascii_fonts: None) -> None:
    edit(minimal / "sections.yaml", "paragraph: Second.", "paragraph: 中文 and 한국어 ok")
    edit(minimal / "sections.yaml", "text: continuation", "text: 'thumbs up \U0001f44d'")
    warnings = _glyph_warnings(check(minimal))
    assert len(warnings) == 2
    cjk, emoji = sorted(warnings, key=lambda p: p.line or 0, reverse=True)
    assert cjk.message.startswith("'中' (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D), '文' (U+6587")
    assert "'한' (U+D55C HANGUL SYLLABLE HAN)" in cjk.message
    assert "sudo apt-get install fonts-noto-cjk" in cjk.message
    assert "(U+1F44D THUMBS UP SIGN)" in emoji.message
    assert "fonts-noto-color-emoji" in emoji.message


def test_invisible_characters_and_spaces_need_no_font_of_their_own() -> None:
    assert can_print("\u200d", frozenset())  # zero-width joiner: drawn as nothing
    assert can_print("\ufe0f", frozenset())  # emoji variation selector: drawn as nothing
    assert can_print("\u3000", frozenset())  # ideographic space: made from a space
    assert not can_print("\u1680", frozenset())  # the Ogham space mark is a visible mark
    assert not can_print("\u3164", frozenset())  # Pango draws the Hangul filler
    # é from e and an accent only if the font Pango picks has both: not promised
    assert not can_print("\u00e9", frozenset(range(0x20, 0x7F)) | {0x301})


def test_every_character_said_to_print_is_drawn_and_no_other(
    missing: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Every character :func:`can_print` accepts, laid out by WeasyPrint in the house
    style, is drawn with a glyph; those it refuses are drawn as empty boxes, which
    WeasyPrint reports one by one."""
    from weasyprint import CSS, HTML

    refused = [missing, "\u2028", "\ufff9", "\u3164"]
    lines = ["".join(ALPHABET[i : i + 60]) for i in range(0, len(ALPHABET), 60)]
    body = "".join(f"<p>{escape(line)}</p>" for line in [*lines, *(f"a{c}b" for c in refused)])
    style = CSS(filename=BUILTIN_TEMPLATES / "html" / "house-style.css")
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        HTML(string=f"<html lang='en-GB'><body>{body}</body></html>").write_pdf(
            tmp_path / "every-character.pdf", stylesheets=[style]
        )
    boxes = [r.getMessage() for r in caplog.records if ".notdef glyph" in r.getMessage()]
    assert sorted({message.rsplit("(U+", 1)[1].rstrip(")") for message in boxes}) == sorted(
        f"{ord(char):04X}" for char in refused
    )


# --- where the fonts' characters come from -------------------------------------------------


@pytest.fixture
def fresh_fonts() -> Iterator[None]:
    installed_characters.cache_clear()
    yield
    installed_characters.cache_clear()


def _a_font_file() -> Path:
    listing = subprocess.run(
        ["fc-list", "--format", "%{file}\n", ":family=DejaVu Sans:style=Book"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(listing.stdout.split()[0])


def test_without_fc_list_fonts_are_read_once_and_cached(
    fresh_fonts: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    font = tmp_path / "fonts" / "DejaVuSans.ttf"
    font.parent.mkdir()
    shutil.copy(_a_font_file(), font)
    monkeypatch.setattr(glyphs, "_fontconfig_fonts", lambda: None)
    monkeypatch.setattr(glyphs, "_font_folders", lambda: [tmp_path / "fonts"])
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    from_fonttools = installed_characters()
    assert from_fonttools is not None and ord("\u0416") in from_fonttools  # Ж
    assert ord("\u4e2d") not in from_fonttools
    assert (tmp_path / "cache" / "reportgen" / "font-characters.json").is_file()

    def unread(path: Path) -> set[int]:
        raise AssertionError(f"{path} read again")

    monkeypatch.setattr(glyphs, "_font_characters", unread)
    installed_characters.cache_clear()
    assert installed_characters() == from_fonttools  # from the cache
    changed = font.stat().st_mtime_ns + 10**9
    os.utime(font, ns=(changed, changed))
    installed_characters.cache_clear()
    with pytest.raises(AssertionError, match="read again"):
        installed_characters()  # a changed font is read again


def test_fontconfig_and_the_font_agree(fresh_fonts: None, tmp_path: Path) -> None:
    font = _a_font_file()
    listing = subprocess.run(
        ["fc-list", "--format", "%{charset}", f":file={font}"],
        capture_output=True,
        text=True,
        check=True,
    )
    from_fontconfig = {
        code
        for first, last in glyphs.parse_charset(listing.stdout)
        for code in range(first, last + 1)
    }
    read = glyphs._fonttools_fonts([font], tmp_path / "cache.json")[str(font)]
    from_font = {code for first, last in read for code in range(first, last + 1)}
    # fontconfig leaves out control characters a font maps to nothing visible
    assert from_fontconfig == {code for code in from_font if code >= 0x20}
