"""What changed in a text since it was signed off, word by word, each change with a few
words either side so a reader can find it: ``… Maidstone is [-fulfilling-]{+meeting+} its
statutory …``."""

from __future__ import annotations

import difflib

CONTEXT_WORDS = 3
"""How many unchanged words to show either side of a change."""


def word_changes(before: str, after: str) -> list[dict[str, str]]:
    """What changed, word by word: each change's removed and added words, and the words
    just before and after it (in the text as it reads now)."""
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        {
            "removed": " ".join(old[i1:i2]),
            "added": " ".join(new[j1:j2]),
            "before": _words(new, max(0, j1 - CONTEXT_WORDS), j1, lead=True),
            "after": _words(new, j2, j2 + CONTEXT_WORDS, lead=False),
        }
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
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


def _line(change: dict[str, str]) -> str:
    marked = (f"[-{change['removed']}-]" if change["removed"] else "") + (
        f"{{+{change['added']}+}}" if change["added"] else ""
    )
    return " ".join(
        part for part in (change.get("before", ""), marked, change.get("after", "")) if part
    )
