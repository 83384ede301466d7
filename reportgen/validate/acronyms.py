"""Acronyms a text defines where it uses them, so the glossary need not: in brackets right
after the words they stand for, "Multi-Agency Gangs Group (MAG)", or right before them,
"CROP (Citizens Rights for Older People)".

The acronym's letters must be the initials of those words, in order. A hyphenated word
gives one initial or one per part ("Multi-Agency": M or MA); small words ("and", "of",
"for", "the" …) and "&" may give theirs or be passed over; one other word may be passed
over ("Group" in MAG). Brackets holding several acronyms, "(KSS CRC)", define each of
them when the words spell them all ("Kent, Surrey and Sussex Community Rehabilitation
Company").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ACRONYM = re.compile(r"\b([A-Z][A-Z&]+)(?:s|'s)?\b")
"""An acronym as text uses it (a plural or possessive ending is not part of it)."""

_IN_BRACKETS = re.compile(r"\(([^()]*)\)")
_ACRONYM_ALONE = re.compile(r"([A-Z][A-Z&]+)(?:s|'s)?")
_AFTER_ACRONYM = re.compile(r"\b([A-Z][A-Z&]+)(?:s|'s)?\s+\(([^()]*)\)")
_SMALL_WORDS = frozenset(
    ["a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"]
)
_OTHERS_PASSED_OVER = 1
"""How many words besides small ones an acronym may leave out ("Group" in MAG)."""

Word = tuple[str, ...]
"""The ways a word can contribute initials: "Multi-Agency" → ("m", "ma"); a small word
also ("",) for being passed over."""


def defined_in_place(texts: Iterable[str]) -> set[str]:
    """Every acronym one of the texts defines where it uses it."""
    defined: set[str] = set()
    for text in texts:
        for match in _IN_BRACKETS.finditer(text):
            acronyms = [_ACRONYM_ALONE.fullmatch(token) for token in match.group(1).split()]
            if not acronyms or not all(acronyms):
                continue
            names = [found.group(1) for found in acronyms if found]
            if _spelt_by_words_before(_letters(names), _words(text[: match.start()])):
                defined.update(names)
        for match in _AFTER_ACRONYM.finditer(text):
            if _spells(_letters([match.group(1)]), _words(match.group(2)), first=True):
                defined.add(match.group(1))
    return defined


def _letters(acronyms: list[str]) -> str:
    return "".join(acronyms).replace("&", "").lower()


def _words(text: str) -> list[Word]:
    """Each word of ``text`` as the initials it can give."""
    words: list[Word] = []
    for token in text.split():
        parts = [part for part in re.split(r"[-/]", token) if re.search("[A-Za-z]", part)]
        initials = [re.sub("[^A-Za-z]", "", part)[:1].lower() for part in parts]
        if not initials:
            words.append(("",))  # "&", a dash: passed over
            continue
        ways = {initials[0], "".join(initials)}
        if re.sub("[^A-Za-z]", "", token).lower() in _SMALL_WORDS:
            ways.add("")
        words.append(tuple(sorted(ways, key=len, reverse=True)))
    return words


def _spelt_by_words_before(letters: str, words: list[Word]) -> bool:
    """Whether the words ending right before the brackets spell the letters."""
    longest = 2 * len(letters) + 2
    return any(
        _spells(letters, words[start:], first=True)
        for start in range(len(words) - 1, max(-1, len(words) - 1 - longest), -1)
    )


def _spells(
    letters: str, words: list[Word], first: bool = False, passes: int = _OTHERS_PASSED_OVER
) -> bool:
    """Whether ``words`` give ``letters`` as their initials, in order: the first word
    gives the first letter; small words, and up to ``passes`` others, may give none."""
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    for initials in word:
        if (
            initials
            and letters.startswith(initials)
            and _spells(letters[len(initials) :], rest, passes=passes)
        ):
            return True
    if first:
        return False
    if "" in word:
        return _spells(letters, rest, passes=passes)
    return passes > 0 and _spells(letters, rest, passes=passes - 1)
