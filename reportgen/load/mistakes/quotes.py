"""Mistakes of quoting: a quote never closed, an apostrophe inside '…', a backslash
inside "…", and text that needs quotes — because it holds ': ' or starts with a sign
YAML gives a meaning to ([ { > | - ? @ ` %)."""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from reportgen.load.mistakes.failure import Diagnosis, Failure, quoted

_FIELD_LINE = re.compile(r"\s*(?:-\s+)*[\w-]+:(?:\s|$)")
_FLOW_STARTS = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_ENDS = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
_FLOW_NAMES = {"[": "a list", "{": "a set of fields"}


def _split(line: str, column: int) -> tuple[str, str]:
    """A line split where its value starts: (everything before it, the value as typed)."""
    return line[:column], line[column:].rstrip()


def _single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _unclosed_quote(f: Failure) -> Diagnosis | None:
    if "quoted scalar" not in f.context or "end of stream" not in f.problem or not f.start:
        return None
    line = f.line(f.start.line)
    mark = line[f.start.column : f.start.column + 1] or '"'
    advice = (
        f"the quote ({mark}) that opens this text is never closed, so everything to the end "
        f"of the file would be read as its text: put a closing {mark} at the end of the text"
    )
    if mark == "'":
        before, value = _split(line, f.start.column)
        advice += (
            "; if the ' is an apostrophe, put the whole text in double quotes instead: "
            f"{before.strip()} {quoted(value)}"
        )
    return Diagnosis(f.start.line, f.start.column, advice, line.rstrip() + mark)


def _backslash(f: Failure) -> Diagnosis | None:
    if "double-quoted" not in f.context or "escape" not in f.problem or not f.start:
        return None
    column = f.line(f.at.line).rfind("\\", 0, f.at.column + 1)
    before, value = _split(f.line(f.start.line), f.start.column)
    inner = value[1:-1] if value.endswith('"') and len(value) > 1 else value[1:]
    return Diagnosis(
        f.at.line,
        max(column, 0),
        "inside double quotes a backslash (\\) starts a special character: put the text in "
        "single quotes instead (or type \\\\ for each backslash)",
        before + _single_quoted(inner) if f.start.line == f.at.line else "",
    )


def _quoted_text_runs_on(f: Failure) -> Diagnosis | None:
    """A quoted text followed by more text: an apostrophe inside '…', a " inside "…", a
    text that starts with a quoted word, or a quote left open lines above."""
    last = f.before[-1] if f.before else None
    if not isinstance(last, yaml.ScalarToken) or last.style not in ("'", '"'):
        return None
    start, end = last.start_mark, last.end_mark
    if end.line != f.at.line:
        return None
    if start.line != end.line and any(_FIELD_LINE.match(x) for x in f.lines[start.line : end.line]):
        return Diagnosis(
            start.line,
            start.column,
            f"the quote ({last.style}) that opens this text is not closed on this line, so "
            f"the lines below are read as its text up to the next {last.style} on line "
            f"{end.line + 1}: put a closing {last.style} at the end of the text on this line",
            f.line(start.line).rstrip() + last.style,
        )
    before, value = _split(f.line(start.line), start.column)
    fix = before + quoted(value) if start.line == end.line else ""
    if f.line(end.line)[end.column : end.column + 1] in (" ", "\t"):
        return Diagnosis(
            f.at.line,
            f.at.column,
            "the text starts with a quote, so it ends at the closing quote and the words "
            "after it cannot be read: put the whole text in quotes",
            fix,
        )
    return _quote_inside(f, last, before, value)


def _quote_inside(f: Failure, last: yaml.ScalarToken, before: str, value: str) -> Diagnosis:
    """An apostrophe inside '…', or a " inside "…", that ends the text too early."""
    end = last.end_mark
    inner = value[1:-1] if value.endswith(last.style) and len(value) > 1 else value[1:]
    one_line = last.start_mark.line == end.line
    word = _word_around(f.line(end.line), end.column - 1)
    if last.style == "'":
        advice = (
            f"the apostrophe in {word} ends the quoted text: inside '…' an apostrophe is "
            f"typed twice ({word.replace(chr(39), chr(39) * 2)}), or put the whole text in "
            "double quotes instead"
        )
        fix = before + quoted(inner) if one_line else ""
    else:
        advice = (
            f'the quote (") in {word} ends the quoted text: put the whole text in single '
            "quotes instead"
        )
        fix = before + _single_quoted(inner) if one_line else ""
    return Diagnosis(end.line, end.column - 1, advice, fix)


def _word_around(line: str, column: int) -> str:
    left = line.rfind(" ", 0, column) + 1
    right = line.find(" ", column)
    return line[left : right if right >= 0 else len(line)]


def _colon_in_text(f: Failure) -> Diagnosis | None:
    scalar = f.last_scalar()
    if "mapping values are not allowed" not in f.problem or scalar is None:
        return None
    if scalar.start_mark.line != f.at.line:
        return None
    before, value = _split(f.line(f.at.line), scalar.start_mark.column)
    return Diagnosis(
        f.at.line,
        f.at.column,
        "the text holds ': ' (a colon and a space), which YAML reads as the start of a "
        "field: put the whole text in quotes",
        before + quoted(value),
    )


def _sign_character(f: Failure) -> Diagnosis | None:
    match = re.search(r"found character '([@`%])' that cannot start", f.problem)
    if not match:
        return None
    before, value = _split(f.line(f.at.line), f.at.column)
    return Diagnosis(
        f.at.line,
        f.at.column,
        f"text cannot start with {match.group(1)} unless it is in quotes: put the whole "
        "text in quotes",
        before + quoted(value),
    )


def _sign_starting_text(f: Failure) -> Diagnosis | None:
    """Text starting with > or | (a block of text), or with '- ' or '? '."""
    if "block scalar" in f.context and f.start:
        at = f.start
    elif "entries are not allowed" in f.problem or "keys are not allowed" in f.problem:
        at = f.at
    else:
        return None
    line = f.line(at.line)
    before, value = _split(line, at.column)
    return Diagnosis(
        at.line,
        at.column,
        f"text starting with {line[at.column : at.column + 1]!r} must be put in quotes",
        before + quoted(value),
    )


def _text_after_list(f: Failure) -> Diagnosis | None:
    """Text starting with [ or {, read as a list or a set of fields."""
    closing = [i for i, t in enumerate(f.before) if isinstance(t, _FLOW_ENDS)]
    if not closing or f.before[closing[-1]].end_mark.line != f.at.line:
        return None
    depth, index = 0, closing[-1]
    for index in range(closing[-1], -1, -1):
        token = f.before[index]
        depth += isinstance(token, _FLOW_ENDS) - isinstance(token, _FLOW_STARTS)
        if depth == 0:
            break
    start = f.before[index].start_mark
    line = f.line(start.line)
    sign = line[start.column : start.column + 1]
    before, value = _split(line, start.column)
    return Diagnosis(
        start.line,
        start.column,
        f"text starting with {sign!r} is read as {_FLOW_NAMES.get(sign, 'a list')}: put the "
        "whole text in quotes",
        before + quoted(value) if start.line == f.at.line else "",
    )


def _unclosed_list(f: Failure) -> Diagnosis | None:
    if "while parsing a flow" not in f.context or not f.start:
        return None
    line = f.line(f.start.line)
    sign = line[f.start.column : f.start.column + 1]
    close = "]" if sign == "[" else "}"
    before, value = _split(line, f.start.column)
    return Diagnosis(
        f.start.line,
        f.start.column,
        f"the {sign!r} here opens {_FLOW_NAMES.get(sign, 'a list')} that is not closed with "
        f"{close!r}: close it, or, if the text starts with {sign!r}, put the whole text in "
        f"quotes: {before.strip()} {quoted(value)}",
    )


QUOTING_MISTAKES: tuple[Callable[[Failure], Diagnosis | None], ...] = (
    _unclosed_quote,
    _backslash,
    _quoted_text_runs_on,
    _colon_in_text,
    _sign_character,
    _sign_starting_text,
    _text_after_list,
    _unclosed_list,
)
