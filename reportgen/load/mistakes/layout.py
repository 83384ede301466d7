"""Mistakes of layout: a tab, a missing '- ' or space, a line indented too little or too
much, a ' #' that ends a text early, a second document in one file."""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from reportgen.load.mistakes.failure import Diagnosis, Failure, indent

_FIELD_LINE = re.compile(r"\s*(?:-\s+)*[\w-]+:(?:\s|$)")
_NO_SPACE_AFTER_COLON = re.compile(r"\s*(?:-\s+)*([A-Za-z_][\w-]*):(?=[^\s:])")
_ITEM_START = re.compile(r"(\s*-\s+)([^\s:]+)")
_DASH_WITHOUT_SPACE = re.compile(r"\s*-(?=[A-Za-z_])")
_NAME_AND_TEXT = re.compile(r"(\s*(?:-\s+)?)([A-Za-z_][\w-]*) +(\S.*)")


def _tab(f: Failure) -> Diagnosis | None:
    text = f.line(f.at.line)
    if "'\\t'" not in f.problem and "\t" not in text[: len(text) - len(text.lstrip())]:
        return None
    return Diagnosis(
        f.at.line,
        text.find("\t") if "\t" in text else f.at.column,
        "this line holds a tab (shown as →) where YAML needs spaces: indent with spaces, "
        "not tabs, lining the line up with the lines it belongs with",
    )


def _second_document(f: Failure) -> Diagnosis | None:
    if "another document" not in f.problem:
        return None
    return Diagnosis(
        f.at.line,
        f.at.column,
        "the file holds more than one YAML document: the line '---' here starts another. "
        "Remove the '---' line so the text after it is read with the rest of the file, or "
        "move that text to a file of its own",
    )


def _indented_under_text(f: Failure) -> Diagnosis | None:
    """A field indented further than the field above it, so read as its text."""
    scalar = f.last_scalar()
    if "mapping values are not allowed" not in f.problem or scalar is None:
        return None
    key = f.key_of(scalar)
    if key is None or scalar.start_mark.line == f.at.line:
        return None
    text = f.line(f.at.line)
    field = text.strip().split(":")[0]
    return Diagnosis(
        f.at.line,
        indent(text),
        f"this line is indented further than {key.value!r} on line {key.start_mark.line + 1}, "
        f"so it is read as more of that field's text: if {field!r} is a field of its own, "
        f"start it in the same column as {key.value!r}",
        " " * key.start_mark.column + text.lstrip(),
    )


def _name_without_colon(f: Failure) -> Diagnosis | None:
    """``title Test report``: a field's name with no ': ', so the next field's name is
    read as more of its text."""
    scalar = f.last_scalar()
    if "mapping values are not allowed" not in f.problem or scalar is None:
        return None
    start = scalar.start_mark
    if f.key_of(scalar) is not None or start.line == f.at.line:
        return None
    text = f.line(start.line)
    match = _NAME_AND_TEXT.fullmatch(text.rstrip())
    return Diagnosis(
        start.line,
        start.column,
        "this line has no ': ' after the field's name, so the lines below it are read as "
        "more of its text: a field is written as its name, a colon and a space, then the "
        "value",
        f"{match.group(1)}{match.group(2)}: {match.group(3)}" if match else "",
    )


def _no_space_after_colon(f: Failure) -> Diagnosis | None:
    if "could not find expected ':'" not in f.problem or not f.start:
        return None
    line = f.line(f.start.line)
    match = _NO_SPACE_AFTER_COLON.match(line)
    if not match:
        return None
    return Diagnosis(
        f.start.line,
        match.end(),
        f"there is no space after '{match.group(1)}:': a field's name is followed by a colon "
        "and a space",
        f"{line[: match.end()]} {line[match.end() :].lstrip()}",
    )


def _text_not_indented(f: Failure) -> Diagnosis | None:
    """A line read as a new field, with no ': ': usually text that continues the line
    above but is not indented as far as it should be."""
    if "could not find expected ':'" not in f.problem or not f.start:
        return None
    line, text = f.start.line, f.line(f.start.line)
    earlier = [t for t in f.before if isinstance(t, yaml.ScalarToken) and t.start_mark.line < line]
    owner = earlier[-1] if earlier else None
    key = f.key_of(owner) if owner else None
    if owner is not None and owner.style in ("|", ">"):
        spaces = indent(f.line(owner.start_mark.line + 1))
        advice = (
            f"this line is indented less than the text above it (line "
            f"{owner.start_mark.line + 2}), so it is read as a new field: indent it by "
            f"{spaces} spaces like the lines above it"
        )
    elif key is not None:
        spaces = key.start_mark.column + 2
        advice = (
            f"this line is read as a new field, but it has no name and ': '. If it continues "
            f"the text of {key.value!r} (line {key.start_mark.line + 1}), indent it further "
            f"than {key.value!r}, e.g. by {spaces} spaces; if it is a field of its own, write "
            "its name, a colon and a space"
        )
    else:
        return None
    return Diagnosis(line, indent(text), advice, " " * spaces + text.lstrip())


def _comment_cut(f: Failure) -> Diagnosis | None:
    scalar = f.last_scalar()
    if scalar is None or not scalar.plain or scalar.end_mark.line >= f.at.line:
        return None
    line = f.line(scalar.end_mark.line)
    match = re.match(r"[ \t]+#", line[scalar.end_mark.column :])
    if not match:
        return None
    return Diagnosis(
        scalar.end_mark.line,
        scalar.end_mark.column + match.end() - 1,
        "the ' #' here starts a comment, so the text stops before it and the line below "
        "cannot be read: put the whole text in quotes to keep the '#' and the words after "
        "it (or, if it is a note for reviewers, move it to a line of its own)",
    )


def _dash_without_space(f: Failure) -> Diagnosis | None:
    """``-paragraph: …``: a list item's dash with no space after it."""
    if "<block end>" not in f.problem:
        return None
    for line in (f.at.line, f.start.line if f.start else -1):
        text = f.line(line)
        match = _DASH_WITHOUT_SPACE.match(text)
        if match:
            return Diagnosis(
                line,
                match.end(),
                "a list item starts with '- ' (a dash and a space): put a space after the '-'",
                f"{text[: match.end()]} {text[match.end() :]}",
            )
    return None


def _misaligned_item(f: Failure) -> Diagnosis | None:
    """A line in a list that has no '- ' (a missing dash), or is not lined up with the
    fields of the item above it."""
    if "block collection" not in f.context or not f.start or "<block end>" not in f.problem:
        return None
    text = f.line(f.at.line)
    spaces, dash = indent(text), f.start.column
    if text.lstrip().startswith("-"):
        return None
    if spaces == dash:
        return Diagnosis(
            f.at.line,
            spaces,
            f"this line starts a new item of the list that begins on line {f.start.line + 1}, "
            "but it has no '- ': put '- ' before it, in line with the '- ' above (the item's "
            "other fields line up with the text after '- ')",
            f"{text[:spaces]}- {text[spaces:]}",
        )
    above = range(f.at.line - 1, f.start.line - 1, -1)
    items = (_ITEM_START.match(f.line(n)) for n in above if indent(f.line(n)) == dash)
    item = next((match for match in items if match), None)
    if not item:
        return None
    column = len(item.group(1))
    return Diagnosis(
        f.at.line,
        spaces,
        f"this line is indented by {_spaces(spaces)}, but the fields of the item above it "
        f"by {column}: line it up with {item.group(2)!r}",
        " " * column + text.lstrip(),
    )


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _misaligned_field(f: Failure) -> Diagnosis | None:
    """A field indented differently from the fields around it."""
    if "block mapping" not in f.context or not f.start or "<block end>" not in f.problem:
        return None
    text = f.line(f.at.line)
    if indent(text) == f.start.column or not _FIELD_LINE.match(text):
        return None
    first = f.line(f.start.line)[f.start.column :].split(":")[0]
    return Diagnosis(
        f.at.line,
        indent(text),
        f"this line is indented by {_spaces(indent(text))}, but the fields it belongs with "
        f"(from line {f.start.line + 1}) by {f.start.column}: line it up with {first!r}",
        " " * f.start.column + text.lstrip(),
    )


LAYOUT_MISTAKES: tuple[Callable[[Failure], Diagnosis | None], ...] = (
    _tab,
    _second_document,
    _indented_under_text,
    _name_without_colon,
    _no_space_after_colon,
    _text_not_indented,
    _comment_cut,
    _dash_without_space,
    _misaligned_item,
    _misaligned_field,
)
