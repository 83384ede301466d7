"""Where the YAML reader gave up, what a diagnosis of it says, and how a line is shown
(numbered, with a marker under the place and, below it, the line mended)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import yaml

_SHOWN_BEFORE, _SHOWN_AFTER = 50, 70


@dataclass(frozen=True)
class Failure:
    """Where and how the YAML reader gave up, with the tokens it had read by then."""

    lines: list[str]
    problem: str
    context: str
    at: yaml.Mark
    start: yaml.Mark | None
    before: list[yaml.Token]

    def line(self, index: int) -> str:
        """The text of line ``index`` (from 0), or "" past the end of the file."""
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def last_scalar(self) -> yaml.ScalarToken | None:
        """The last value or name read before the reader gave up."""
        scalars = [t for t in self.before if isinstance(t, yaml.ScalarToken)]
        return scalars[-1] if scalars else None

    def key_of(self, value: yaml.ScalarToken) -> yaml.ScalarToken | None:
        """The field name whose value is ``value`` (read as: name, ':', value)."""
        index = next((i for i, t in enumerate(self.before) if t is value), -1)
        if index >= 2 and isinstance(self.before[index - 1], yaml.ValueToken):
            key = self.before[index - 2]
            return key if isinstance(key, yaml.ScalarToken) else None
        return None


@dataclass(frozen=True)
class Diagnosis:
    """The line and column (from 0) of the mistake, what to do about it, and the line
    mended (with its indentation) when one line can be."""

    line: int
    column: int
    advice: str
    fix: str = ""


def failure(text: str, error: yaml.MarkedYAMLError) -> Failure | None:
    """The reader's failure, or None if it could not say where it happened."""
    at = error.problem_mark or error.context_mark
    if at is None:
        return None
    before = _tokens_before(text, at.index)
    return Failure(
        text.splitlines(), error.problem or "", error.context or "", at, error.context_mark, before
    )


def _tokens_before(text: str, index: int) -> list[yaml.Token]:
    """The tokens before ``index``, including those read ahead before the reader failed."""
    loader = yaml.SafeLoader(text)
    tokens: list[yaml.Token] = []
    try:
        while loader.check_token():
            tokens.append(loader.get_token())
            if tokens[-1].start_mark.index >= index:
                break
    except yaml.YAMLError:
        tokens += list(loader.tokens)
    finally:
        loader.dispose()
    return [t for t in tokens if t.start_mark.index < index]


def shown(lines: list[str], line: int, column: int, fix: str = "") -> str:
    """Line ``line`` (from 0), numbered, with a ^ under ``column``, indented under the
    message, and the mended line below it if there is one. Tabs are shown as →, and a
    long line is cut around the place."""
    if not 0 <= line < len(lines):
        return ""
    text = lines[line]
    first = max(0, column - _SHOWN_BEFORE)
    part = text[first : column + _SHOWN_AFTER]
    lead = "…" if first else ""
    tail = "…" if len(text) > column + _SHOWN_AFTER else ""
    offset = len(lead) + sum(_width(c) for c in part[: column - first])
    number = str(line + 1)
    width = max(len(number), 3)
    result = (
        f"\n    {number:>{width}} | {lead}{_visible(part)}{tail}"
        f"\n    {'':>{width}} | {' ' * offset}^"
    )
    if fix:
        result += f"\n    {'fix':>{width}} | {_visible(fix)}"
    return result


def quoted(text: str) -> str:
    """``text`` as a quoted YAML value that keeps every character as typed."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def indent(line: str) -> int:
    """How many spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


def _visible(text: str) -> str:
    return "".join(
        "→" if c == "\t" else "·" if unicodedata.category(c) == "Cc" else c for c in text
    )


def _width(character: str) -> int:
    if unicodedata.combining(character):
        return 0
    return 2 if unicodedata.east_asian_width(character) in "WF" else 1
