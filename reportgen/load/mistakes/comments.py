"""Step 1 — load: a YAML comment that silently cuts a text short.

In unquoted text, a '#' after a space, or at the start of a line, starts a YAML comment:
the text ends before it and the rest is never printed, with no error from YAML itself.
Here those cuts are found in the text as typed, so `reportgen check` can report them.
"""

from __future__ import annotations

from reportgen.types import FieldPath

PROSE_FIELDS = frozenset(
    {
        "paragraph",
        "text",
        "heading",
        "bullets",
        "lettered",
        "numbered",
        "implications",
        "recommendations",
        "title",
        "subtitle",
        "reason",
        "why",
        "note",
        "description",
        "action",
        "outcomes",
        "aim",
        "about",
        "indicator",
        "x_label",
        "y_label",
    }
)
"""Fields whose text is printed as prose: there, any comment after unquoted text is taken
for a cut, even after one word. In other fields (dates, figures, yes/no, names of library
texts, tables or priorities) a single word followed by ' # note' is a reviewer's note."""


def field_of(at: FieldPath) -> str:
    """The name of the field a value belongs to (``bullets`` for an item of bullets)."""
    return next((part for part in reversed(at) if isinstance(part, str)), "")


def is_prose(at: FieldPath) -> bool:
    """Whether the value at ``at`` is printed as prose (including a cell of a typed table)."""
    field = field_of(at)
    return field in PROSE_FIELDS or (field == "rows" and "grid" in at)


def comment_line_after(lines: list[str], end_line: int, end_column: int, parent: int) -> int:
    """The line (from 0) of a comment that directly follows a text ending at ``end_line``
    and ``end_column`` and is indented further than its field's name (or its '-', for an
    item of a list) at column ``parent``, so that it looks like the text's next line; -1
    if there is none."""
    if end_line >= len(lines) or lines[end_line][end_column:].strip():
        return -1
    for number in range(end_line + 1, len(lines)):
        following = lines[number]
        stripped = following.lstrip(" \t")
        if not stripped:
            continue
        indented = len(following) - len(stripped)
        return number if stripped.startswith("#") and indented > parent else -1
    return -1


def comment_line_message(
    printed: str, at: FieldPath, lines: list[str], start: int, line: int
) -> str:
    """The advice for a text cut by a comment on the line after it: what will print, and
    how to keep the line as text (quotes, or not starting it with '#')."""
    first = printed.split()[0] if printed else ""
    last = lines[line].split()[-1]
    field = field_of(at)
    holder = "the '-'" if at and isinstance(at[-1], int) else repr(field)
    return (
        f"the line starting with '#' is read as a YAML comment, not as more of the text of "
        f"{field!r} above it, so the text stops before it and will print as {printed!r}. "
        f"To keep this line in the text, put the whole text in quotes (from before "
        f"{first!r} on line {start + 1} to after {last!r} on line {line + 1}), or start this "
        "line with something other than '#' (for example 'no.' in place of '#'). If it is "
        f"a note for reviewers, move it left to line up with {holder} above it."
    )
