"""The word-level differ, one for every command: ``status`` shows what changed in a signed
text since it was signed, ``diff`` what changed between two versions of a document.

Texts are compared word by word (a run of spaces and line breaks is one space), so
re-wrapping a line changes nothing. Each change is a run of removed words, of added words,
or both (a replacement); everything else is unchanged."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

CONTEXT_WORDS = 3
"""How many unchanged words ``status`` shows either side of a change."""

PieceKind = Literal["same", "removed", "added"]


@dataclass(frozen=True)
class Piece:
    """A run of words that are the same in both texts, removed from the first or added in
    the second; ``text`` is the words separated by single spaces."""

    kind: PieceKind
    text: str


def _opcodes(old: list[str], new: list[str]) -> Sequence[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()


def redline(before: str, after: str) -> tuple[Piece, ...]:
    """The second text as pieces: unchanged words, and each change as its removed words
    followed by the words added in their place."""
    old, new = before.split(), after.split()
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "equal":
            pieces.append(Piece("same", " ".join(new[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", " ".join(new[j1:j2])))
    return tuple(pieces)


SIMILAR = 0.5
"""Two texts sharing at least half their words, in order, are one text reworded rather
than one removed and another added."""


def similarity(before: str, after: str) -> float:
    """How alike two texts are, word by word, from 0 (nothing shared) to 1 (the same
    words in the same order). Counting the shared words first (an upper bound) skips the
    slower comparison for texts too unlike to matter."""
    old, new = before.split(), after.split()
    if not old and not new:
        return 1.0
    shared = sum((Counter(old) & Counter(new)).values())
    if 2 * shared / (len(old) + len(new)) < SIMILAR:
        return 2 * shared / (len(old) + len(new))
    return difflib.SequenceMatcher(a=old, b=new, autojunk=False).ratio()


def word_changes(before: str, after: str) -> list[dict[str, str]]:
    """What changed, word by word: each change's removed and added words, and the words
    just before and after it (in the text as it reads now)."""
    old, new = before.split(), after.split()
    return [
        {
            "removed": " ".join(old[i1:i2]),
            "added": " ".join(new[j1:j2]),
            "before": _words(new, max(0, j1 - CONTEXT_WORDS), j1, lead=True),
            "after": _words(new, j2, j2 + CONTEXT_WORDS, lead=False),
        }
        for tag, i1, i2, j1, j2 in _opcodes(old, new)
        if tag != "equal"
    ]


def _words(words: list[str], start: int, end: int, lead: bool) -> str:
    """``words[start:end]``, with … where the text goes on beyond them."""
    shown = " ".join(words[start:end])
    if lead and start > 0:
        return f"… {shown}"
    if not lead and end < len(words):
        return f"{shown} …"
    return shown


def format_redline(changes: list[dict[str, str]]) -> str:
    """Changes as ``… words [-removed-]{+added+} words …``, one per line."""
    return "\n".join(_line(change) for change in changes)


def marked(removed: str, added: str) -> str:
    """A change as ``[-removed-]{+added+}`` (either part left out when empty)."""
    return (f"[-{removed}-]" if removed else "") + (f"{{+{added}+}}" if added else "")


def _line(change: dict[str, str]) -> str:
    return " ".join(
        part
        for part in (
            change.get("before", ""),
            marked(change["removed"], change["added"]),
            change.get("after", ""),
        )
        if part
    )
