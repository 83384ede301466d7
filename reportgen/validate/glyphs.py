"""Characters no font on this computer can draw: the PDF would print each as an empty box.
``check`` warns once for each such character in a file, on the line and field where it
first appears, naming it (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D) and saying what to install.

The PDF is laid out by WeasyPrint, which draws each character with the first font that has
it, looking through every font installed (Pango asks fontconfig). So a character can be
printed when any installed font has it, or when it is drawn as nothing or as a space.
Which characters the fonts have comes from fontconfig itself (``fc-list``, a few
milliseconds); where its ``fc-list`` command is missing, from the fonts' own character maps
read with fontTools, kept in the user's cache folder so each font is read once.
The Word and HTML documents are drawn with the reader's own fonts, so only the PDF is
judged here.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from reportgen.load.fontconfig import fontconfig
from reportgen.load.yaml import text_values
from reportgen.problems import WARNING, Problem
from reportgen.types import ChapteredContent, CsvTable, FieldPath, LibraryItem, YamlFile

Ranges = list[tuple[int, int]]
"""Code points a font has, as first-last pairs."""

_CACHE_VERSION = 1
_FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc"}
_MOST_NAMED = 6
"""How many characters one warning names; the rest are counted."""

_DRAWN_AS_NOTHING = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x17B4, 0x17B5),
    (0x180B, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFF0, 0xFFF8), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)  # fmt: skip
"""The characters Pango and HarfBuzz draw as nothing (their list of Unicode's
default-ignorable characters): joiners, direction marks, variation selectors, soft hyphens,
tags. The other default-ignorables (the Hangul fillers, U+180F, U+1BCA0-1BCA3) they draw,
as an empty box if no font has them."""

_DRAWN_AS_A_BOX = frozenset({0x2028, 0xFFF9, 0xFFFA, 0xFFFB})
"""Characters Pango draws as an empty box even when a font has them: the line separator
and the interlinear annotation marks (tests/test_unicode.py draws every other character
the fonts have, to show this list is whole)."""

# --- which characters the installed fonts have ---------------------------------------------


@functools.cache
def installed_characters() -> frozenset[int] | None:
    """Every character some installed font has, or None if no font can be found (then
    nothing can be judged). Read once per run."""
    fonts = _fontconfig_fonts()
    if fonts is None:
        fonts = _fonttools_fonts(_font_files(), _cache_file())
    if not fonts:
        return None
    characters: set[int] = set()
    for ranges in fonts.values():
        for first, last in ranges:
            characters.update(range(first, last + 1))
    return frozenset(characters)


def _fontconfig_fonts() -> dict[str, Ranges] | None:
    """Each font fontconfig knows, with its characters; None without ``fc-list``."""
    listing = fontconfig("fc-list", "--format", "%{file}\t%{charset}\n")
    if listing is None:
        return None
    fonts: dict[str, Ranges] = {}
    for line in listing.splitlines():
        file, _, charset = line.partition("\t")
        fonts.setdefault(file, []).extend(parse_charset(charset))
    return fonts


def parse_charset(charset: str) -> Ranges:
    """fontconfig's character set as ``fc-list`` prints it (``20-7e a0-36f 2026``)."""
    ranges = []
    for part in charset.split():
        first, _, last = part.partition("-")
        ranges.append((int(first, 16), int(last or first, 16)))
    return ranges


def _font_folders() -> list[Path]:
    """Where fonts are installed, for a computer without fontconfig's ``fc-list``."""
    home = Path.home()
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    folders = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data / "fonts"]
    folders += [home / ".fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    folders += [home / "Library" / "Fonts"]
    if sys.platform == "win32":
        folders.append(Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return folders


def _font_files(folders: Iterable[Path] | None = None) -> list[Path]:
    found: list[Path] = []
    for folder in folders if folders is not None else _font_folders():
        if folder.is_dir():
            found += (p for p in folder.rglob("*") if p.suffix.lower() in _FONT_SUFFIXES)
    return sorted(found)


def _cache_file() -> Path:
    """The font cache in the user's cache folder (never in the content)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "reportgen" / "font-characters.json"


def _fonttools_fonts(files: list[Path], cache: Path) -> dict[str, Ranges]:
    """Each font's characters from its own character map, reusing what the cache file
    holds for a font whose path, size and time of change are the same."""
    known = _read_cache(cache)
    fonts: dict[str, Ranges] = {}
    changed = False
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamp = [stat.st_mtime_ns, stat.st_size]
        entry = known.get(str(path))
        if entry is None or entry.get("stamp") != stamp:
            entry = {"stamp": stamp, "ranges": _as_ranges(_font_characters(path))}
            changed = True
        fonts[str(path)] = [(first, last) for first, last in entry["ranges"]]
        known[str(path)] = entry
    if changed:
        _write_cache(cache, {p: known[p] for p in fonts})
    return fonts


def _font_characters(path: Path) -> set[int]:
    """The characters of every font in a font file (a collection holds several)."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError  # type: ignore[import-untyped]

    try:
        if path.suffix.lower() in {".ttc", ".otc"}:
            faces = list(TTCollection(str(path), lazy=True).fonts)
        else:
            faces = [TTFont(str(path), lazy=True)]
        return {code for face in faces for code in (face.getBestCmap() or {})}
    except (OSError, TTLibError, AssertionError, KeyError, ValueError, EOFError):
        return set()  # not a font fontTools can read: it gives no characters


def _as_ranges(codes: Iterable[int]) -> Ranges:
    ranges: Ranges = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def _read_cache(cache: Path) -> dict[str, dict]:
    try:
        saved = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(saved, dict) or saved.get("version") != _CACHE_VERSION:
        return {}
    fonts = saved.get("fonts")
    return fonts if isinstance(fonts, dict) else {}


def _write_cache(cache: Path, fonts: dict[str, dict]) -> None:
    """Written whole, then renamed into place; a cache that cannot be written is skipped
    (the fonts are read again next time)."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"version": _CACHE_VERSION, "fonts": fonts}), "utf-8")
        os.replace(temporary, cache)
    except OSError:
        pass


# --- which characters can be printed -------------------------------------------------------


def needs_no_glyph(char: str) -> bool:
    """Whether ``char`` is drawn as nothing or as a space, so no font needs to have it:
    joiners, direction marks, variation selectors and the like, spaces (HarfBuzz makes a
    missing space from the font's ordinary one; not the Ogham space mark, which is a
    visible mark) and line and paragraph breaks (not the line separator, U+2028)."""
    code = ord(char)
    if any(first <= code <= last for first, last in _DRAWN_AS_NOTHING):
        return True
    category = unicodedata.category(char)
    return (category == "Zs" and char != "\u1680") or char in "\u2029\t\n\r"


def can_print(char: str, fonts: Collection[int]) -> bool:
    """Whether some installed font can draw ``char``: it has it, or it needs no glyph.
    (HarfBuzz can draw an accented letter no font has from the letter and the accent, but
    only when the one font Pango picks for it has both: that cannot be promised.)"""
    code = ord(char)
    return (code in fonts and code not in _DRAWN_AS_A_BOX) or needs_no_glyph(char)


def unprintable_characters(
    files: Iterable[YamlFile], tables: Iterable[CsvTable] = ()
) -> list[Problem]:
    """A warning for each character in the content files and data tables that no
    installed font has: once per file, on the text where it first appears."""
    fonts = installed_characters()
    if fonts is None:
        return []
    problems: list[Problem] = []
    for file, texts in _grouped(files):
        seen: set[str] = set()
        for path, text in texts:
            new = _unprintable(text, fonts, seen)
            if new:
                problems.append(file.problem(path, _message(new), WARNING))
    for table in tables:
        problems += _table_problems(table, fonts)
    return problems


def unprintable_in_year(
    files: Iterable[YamlFile],
    library: dict[str, LibraryItem],
    documents: Iterable[ChapteredContent | None],
) -> list[Problem]:
    """:func:`unprintable_characters` for a year: its files, the library texts it can use
    and the data tables of its assessment and plan."""
    printed = [*files, *(item.file for item in library.values())]
    tables = [source.data for doc in documents if doc for source in doc.sources.values()]
    return unprintable_characters(printed, tables)


def _grouped(files: Iterable[YamlFile]) -> Iterator[tuple[YamlFile, list[tuple[FieldPath, str]]]]:
    """Each file with its texts, once (the library file is given once for each of its
    texts), so a character is reported once per file."""
    by_path: dict[Path, tuple[YamlFile, list[tuple[FieldPath, str]]]] = {}
    for file in files:
        if file.path not in by_path:
            by_path[file.path] = (file, text_values(file.data))
    yield from by_path.values()


def _table_problems(table: CsvTable, fonts: Collection[int]) -> list[Problem]:
    """The data table's cells (its column names are never printed). The characters of the
    whole table are judged once; only cells holding one no font has are looked at."""
    everything = set("".join(value for row in table.rows for value in row.values()))
    missing = {char for char in everything if not can_print(char, fonts)}
    if not missing:
        return []
    seen: set[str] = set()
    problems = []
    for line, row in zip(table.lines, table.rows, strict=False):
        for header in table.headers:
            cell = row.get(header) or ""
            new = _unprintable(cell, fonts, seen) if not missing.isdisjoint(cell) else []
            if new:
                message = f"column {header!r}: " + _message(new)
                problems.append(Problem(table.path, message, line, severity=WARNING))
    return problems


def _unprintable(text: str, fonts: Collection[int], seen: set[str]) -> list[str]:
    """Characters of ``text`` no font has and not already reported (``seen``, updated),
    in the order they appear."""
    new = {char for char in set(text) - seen if not can_print(char, fonts)}
    seen |= new
    return sorted(new, key=text.index)


def describe_character(char: str) -> str:
    """``'中' (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D)``."""
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return (
        f"{char!r} ({code} {name})"
        if name
        else f"{char!r} ({code}, not a character Unicode has named)"
    )


def _message(chars: list[str]) -> str:
    named = ", ".join(describe_character(char) for char in chars[:_MOST_NAMED])
    if len(chars) > _MOST_NAMED:
        named += f" and {len(chars) - _MOST_NAMED} more"
    them = "them" if len(chars) > 1 else "it"
    return (
        f"{named} cannot be printed: no font on this computer has {them}, so the PDF shows "
        f"an empty box instead. {_what_to_install(chars, them)}"
    )


def _what_to_install(chars: list[str], them: str) -> str:
    names = [unicodedata.name(char, "") for char in chars]
    if any(name.startswith(_CJK_NAMES) for name in names):
        return (
            "For Chinese, Japanese and Korean install the Noto CJK fonts "
            "(sudo apt-get install fonts-noto-cjk), or leave the text out."
        )
    if any(0x1F000 <= ord(char) <= 0x1FAFF for char in chars):
        return (
            "For emoji install the Noto Color Emoji font "
            f"(sudo apt-get install fonts-noto-color-emoji), or leave {them} out."
        )
    return (
        f"Install a font that has {them} (Debian's fonts-noto-core and fonts-noto-extra "
        "cover most of the world's scripts), or type the text another way."
    )


_CJK_NAMES = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA", "BOPOMOFO", "IDEOGRAPHIC", "KANGXI")
"""How the names of Chinese, Japanese and Korean characters begin."""
