"""Step 1 — load: read a content file's YAML safely, keeping every value's position.

Only YAML's plain structure is read: mappings, lists and text. Every scalar stays the text
the reviewer typed (``NO`` stays "NO", ``1.10`` stays "1.10"); the content model decides
what is a date or a number. Duplicate keys, anchors/aliases and tags are refused, and
nothing in the file is ever executed or templated.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from reportgen.problems import Problem
from reportgen.types import FieldPath, YamlFile, field_name

_NULLS = {"", "~", "null", "Null", "NULL"}
_QUOTE_IT = (
    "text starting with {mark} must be put in quotes, e.g. '{mark}Provisional figures' "
    "(YAML {meaning} are not allowed in content)"
)
_FORBIDDEN_TOKENS = {
    yaml.AnchorToken: _QUOTE_IT.format(mark="&", meaning="anchors"),
    yaml.AliasToken: _QUOTE_IT.format(mark="*", meaning="aliases"),
    yaml.TagToken: _QUOTE_IT.format(mark="!", meaning="tags"),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SYNTAX_HINTS = {
    "found character '\\t' that cannot start any token": "indent with spaces, not tabs",
    "but found another document": (
        "the file holds more than one YAML document (a line '---'); keep only one"
    ),
}
_GENERAL_HINT = (
    "check the indentation, that every list item starts with '- ', and that text "
    "containing ': ' or starting with a quote is wrapped in quotes"
)


class _Reader:
    """Turns a composed YAML node tree into plain values, collecting problems."""

    def __init__(self, path: Path) -> None:
        self.file = YamlFile(path, None)
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, message: str, at: FieldPath = ()) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.file.path, message, mark.line + 1, mark.column + 1, field_name(at))
        )

    def read(self, node: yaml.Node, at: FieldPath) -> Any:
        self.file.positions[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self.read_mapping(node, at)
        if isinstance(node, yaml.SequenceNode):
            return [self.read(item, (*at, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.read_scalar(node, at)

    def read_scalar(self, node: yaml.ScalarNode, at: FieldPath) -> str | None:
        """The text as typed, with runs of spaces and line breaks folded to one space
        (a new paragraph is a new block); control characters pasted from other programs
        are refused, since they would change the Word document's layout."""
        plain = node.style is None
        if plain and node.value in _NULLS:
            return None
        control = _CONTROL.search(node.value)
        if control:
            self.problem(
                node,
                f"the text contains an invisible control character "
                f"(U+{ord(control.group()):04X}), often pasted from another "
                "program; delete it and type the text again.",
                at,
            )
        return " ".join(node.value.split())

    def read_mapping(self, node: yaml.MappingNode, at: FieldPath) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
                self.problem(key_node, "a field name must be plain text.", at)
                continue
            key = key_node.value
            if key in mapping:
                self.problem(
                    key_node,
                    f"the field {key!r} appears twice (first on line {first_line[key]}); "
                    "keep one and delete the other.",
                    (*at, key),
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            mapping[key] = self.read(value_node, (*at, key))
            self.file.positions[(*at, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
        return mapping


def read_yaml(path: Path) -> tuple[YamlFile, list[Problem]]:
    """Read one YAML file. Returns the file (data ``None`` if unreadable) and its problems."""
    reader = _Reader(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return reader.file, [Problem(path, "the file is not UTF-8 text; save it as UTF-8.")]
    except OSError as error:
        return reader.file, [Problem(path, f"the file cannot be read ({error.strerror}).")]
    try:
        refused = _refused_features(path, text)
        if refused:
            return reader.file, refused
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is not None:
            reader.file.data = reader.read(node, ())
    except yaml.MarkedYAMLError as error:
        return reader.file, [_syntax_problem(path, error)]
    except yaml.reader.ReaderError as error:
        return reader.file, [_character_problem(path, text, error)]
    except yaml.YAMLError as error:
        return reader.file, [Problem(path, f"the YAML could not be read: {error}")]
    except RecursionError:
        return reader.file, [Problem(path, "the file is nested too deeply to read.")]
    return reader.file, reader.problems


def _refused_features(path: Path, text: str) -> list[Problem]:
    """Anchors, aliases and tags: YAML features content never needs and that can hide or
    multiply text (an alias bomb) or ask for objects to be built."""
    problems = []
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        message = _FORBIDDEN_TOKENS.get(type(token))
        if message:
            mark = token.start_mark
            problems.append(Problem(path, message, mark.line + 1, mark.column + 1))
    return problems


def _syntax_problem(path: Path, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    what = error.problem or error.context or "invalid YAML"
    hint = next((h for key, h in _SYNTAX_HINTS.items() if key in what), _GENERAL_HINT)
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return Problem(path, f"the YAML could not be read ({what}); {hint}.", line, column)


def _character_problem(path: Path, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML cannot hold at all (e.g. a vertical tab pasted from Word)."""
    before = text[: error.position]
    line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
    character = error.character if isinstance(error.character, str) else chr(error.character)
    return Problem(
        path,
        f"the file contains an invisible control character "
        f"(U+{ord(character):04X}); delete it and type the text again.",
        line,
        column,
    )


def named_values(
    data: Any, name: str, path: FieldPath = (), kind: type = str
) -> list[tuple[FieldPath, Any]]:
    """Every value of a field called ``name`` anywhere in ``data`` (text, or ``kind``),
    with its path."""
    found: list[tuple[FieldPath, Any]] = []
    if isinstance(data, dict):
        if isinstance(data.get(name), kind):
            found.append(((*path, name), data[name]))
        for key, value in data.items():
            found += named_values(value, name, (*path, key), kind)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += named_values(value, name, (*path, index), kind)
    return found


def text_values(data: Any, path: FieldPath = ()) -> list[tuple[FieldPath, str]]:
    """Every text value anywhere in ``data``, with its path."""
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in text_values(value, (*path, key))]
    if isinstance(data, list):
        return [found for i, value in enumerate(data) for found in text_values(value, (*path, i))]
    return []
