"""Step 1 — load: read a content file's YAML safely, keeping every value's position.

Only YAML's plain structure is read: mappings, lists and text. Every scalar stays the text
the reviewer typed (``NO`` stays "NO", ``1.10`` stays "1.10"); the content model decides
what is a date or a number. Duplicate keys, anchors/aliases and tags are refused, and
nothing in the file is ever executed or templated.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from reportgen.load.cache import remembered
from reportgen.load.mistakes import quoted, shown, syntax_problem
from reportgen.load.mistakes.comments import comment_line_after, comment_line_message, is_prose
from reportgen.load.paths import outside_content
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
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"
_SURROGATES = "\ud800-\udfff"
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane + last) for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)
)
_UNSHOWABLE = re.compile(f"[{_CONTROL}{_SURROGATES}{_NONCHARACTERS}]")
_NAMED_ESCAPES = {0: "0", 7: "a", 8: "b", 0x0B: "v", 0x0C: "f", 0x1B: "e"}
_COMMENT_AFTER = re.compile(r"[ \t]+#")
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's reader, when PyYAML was installed with it (about twenty times as quick)."""
_SINGLE_VALUE = re.compile(r"(?i)[-+.,:/%£$€\d]+|yes|no|true|false|on|off|y|n")


class _Reader:
    """Turns a composed YAML node tree into plain values, collecting problems."""

    def __init__(self, path: Path, text: str = "") -> None:
        self.file = YamlFile(path, None)
        self.text = text
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, message: str, at: FieldPath = ()) -> None:
        mark = node.start_mark
        self.problem_at(mark.line, mark.column, message, at)

    def problem_at(self, line: int, column: int, message: str, at: FieldPath = ()) -> None:
        """A problem at a line and column counted from 0."""
        self.problems.append(Problem(self.file.path, message, line + 1, column + 1, field_name(at)))

    def read(self, node: yaml.Node, at: FieldPath, parent: int = -1) -> Any:
        """The value of ``node``; ``parent`` is the column of its field's name (or of the
        '-' of a list item), which a text's next lines must be indented beyond."""
        self.file.positions[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self.read_mapping(node, at)
        if isinstance(node, yaml.SequenceNode):
            dash = node.start_mark.column
            return [self.read(item, (*at, i), dash) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.read_scalar(node, at, parent)

    def read_scalar(self, node: yaml.ScalarNode, at: FieldPath, parent: int = -1) -> str | None:
        """The text as typed, with runs of spaces and line breaks folded to one space
        (a new paragraph is a new block). Characters no document can show (control
        characters pasted from other programs, broken or reserved codes) are refused, and
        so is a '#' that silently ends a text early."""
        plain = not node.style  # None, or "" from libyaml
        if plain and node.value in _NULLS:
            return None
        self.check_characters(node, at)
        printed = " ".join(node.value.split())
        if plain:
            self.check_comment_cut(node, printed, at)
            self.check_comment_line(node, printed, at, parent)
        return printed

    def check_characters(self, node: yaml.ScalarNode, at: FieldPath) -> bool:
        """Whether the value holds a character that cannot be shown (reported, placed on
        the character itself where it can be found in the file)."""
        found = _UNSHOWABLE.search(node.value)
        if not found:
            return False
        character = found.group()
        line, column = self.locate_character(node, character)
        self.problem_at(line, column, _unshowable(character), at)
        return True

    def locate_character(self, node: yaml.Node, character: str) -> tuple[int, int]:
        """Line and column (from 0) of ``character`` in the node's text as typed, or of
        the escape (``\\ud800``, ``\\x0c``, ``\\f`` …) that wrote it; else the node's start."""
        start, end = node.start_mark.index, node.end_mark.index
        source = self.text[start:end]
        code = ord(character)
        spellings = [character, f"\\u{code:04x}", f"\\U{code:08x}"]
        spellings += [f"\\x{code:02x}"] if code < 0x100 else []
        spellings += [f"\\{_NAMED_ESCAPES[code]}"] if code in _NAMED_ESCAPES else []
        lowered = source.lower()
        offsets = [source.find(s) if s == character else lowered.find(s.lower()) for s in spellings]
        offset = min((o for o in offsets if o >= 0), default=0)
        before = self.text[: start + offset]
        return before.count("\n"), start + offset - (before.rfind("\n") + 1)

    def check_comment_cut(self, node: yaml.ScalarNode, printed: str, at: FieldPath) -> None:
        """A ' #' after unquoted text starts a YAML comment: the text prints only up to
        it. Reported when what comes before is text (words), or anything in a field printed
        as prose; elsewhere a date, number, yes/no or single name may be followed by a
        reviewer's note."""
        end = node.end_mark
        line = self.lines[end.line] if end.line < len(self.lines) else ""
        comment = _COMMENT_AFTER.match(line, end.column)
        if not comment:
            return
        note = line[comment.end() :]
        several_words = len(printed.split()) > 1
        touching = note[:1] not in ("", " ", "\t", "#") and not _SINGLE_VALUE.fullmatch(printed)
        if not (several_words or touching or is_prose(at)):
            return
        message = (
            f"the ' #' here starts a YAML comment, so the text stops before it and will print "
            f"as {printed!r}. To keep the '#' and the words after it, put the whole text in "
            "quotes; if the words after '#' are a note for reviewers, move them to a line of "
            "their own above this one."
        )
        start = node.start_mark
        fix = line[: start.column] + quoted(line[start.column :].rstrip())
        message += shown(
            self.lines, end.line, comment.end() - 1, fix if start.line == end.line else ""
        )
        self.problem_at(end.line, comment.end() - 1, message, at)

    def check_comment_line(
        self, node: yaml.ScalarNode, printed: str, at: FieldPath, parent: int
    ) -> None:
        """A line starting with '#' right after unquoted text, indented like the text's
        next line: YAML reads it as a comment and the text ends before it."""
        end = node.end_mark
        line = comment_line_after(self.lines, end.line, end.column, parent)
        if line < 0:
            return
        column = len(self.lines[line]) - len(self.lines[line].lstrip(" \t"))
        message = comment_line_message(printed, at, self.lines, node.start_mark.line, line)
        self.problem_at(line, column, message + shown(self.lines, line, column), at)

    def repeated(
        self, key: yaml.ScalarNode, first_line: int, new_item: bool, at: FieldPath
    ) -> None:
        """A field given twice. When it is the field an item of a list starts with, the
        line almost always starts the next item and lacks its '- ' (nothing should be
        deleted)."""
        name, line, column = key.value, key.start_mark.line, key.start_mark.column
        if not new_item:
            self.problem_at(
                line,
                column,
                f"the field {name!r} appears twice (first on line {first_line}); a field is "
                "given once, and only the first is read: write what it should say under one "
                "of them.",
                at,
            )
            return
        text = self.lines[line] if line < len(self.lines) else ""
        room = column >= 2 and text[column - 2 : column] == "  "
        message = (
            f"the field {name!r} appears again in the same item (first on line {first_line}): "
            f"this line probably starts a new item, which needs '- ' before {name!r}, lined "
            f"up with the '- ' on line {first_line} (the item's other fields stay lined up "
            "with the text after '- ')."
        )
        fix = f"{text[: column - 2]}- {text[column:]}" if room else ""
        self.problem_at(line, column, message + shown(self.lines, line, column, fix), at)

    def read_mapping(self, node: yaml.MappingNode, at: FieldPath) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        new_item_reported = False
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
                self.problem(key_node, "a field name must be plain text.", at)
                continue
            key = key_node.value
            if self.check_characters(key_node, at):
                continue
            if key in mapping:
                if not new_item_reported:
                    in_list = bool(at) and isinstance(at[-1], int)
                    new_item_reported = in_list and key == next(iter(mapping))
                    self.repeated(key_node, first_line[key], new_item_reported, (*at, key))
                continue
            first_line[key] = key_node.start_mark.line + 1
            mapping[key] = self.read(value_node, (*at, key), key_node.start_mark.column)
            self.file.positions[(*at, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
        return mapping


def _unshowable(character: str) -> str:
    code = ord(character)
    if 0xD800 <= code <= 0xDFFF:
        return (
            f"the text contains a broken character (U+{code:04X}, half of a pair that only "
            "means something together, often left by a copy-and-paste or written as an "
            "escape such as \\ud800); it cannot be printed: delete it and type the "
            "character again."
        )
    if code < 0xA0:
        return (
            f"the text contains an invisible control character (U+{code:04X}), often pasted "
            "from another program; delete it and type the text again."
        )
    return (
        f"the text contains U+{code:04X}, a code Unicode reserves as a 'noncharacter': it "
        "is not a character and cannot be printed; delete it and type the text again."
    )


def read_yaml(path: Path, inside: Path | None = None) -> tuple[YamlFile, list[Problem]]:
    """Read one YAML file. Returns the file (data ``None`` if unreadable) and its problems.
    With ``inside`` (the content folder), a file leading outside it is refused unread."""
    file = YamlFile(path, None)
    leads_out = outside_content(path, inside) if inside is not None else None
    if leads_out:
        return file, [leads_out]
    try:
        raw = path.read_bytes()
    except OSError as error:
        return file, [Problem(path, f"the file cannot be read ({error.strerror}).")]
    return remembered("yaml", raw, str(path), lambda: _kept(_parsed(path, raw)), _encode, _decode)


def _parsed(path: Path, raw: bytes) -> tuple[YamlFile, list[Problem]]:
    """The file's bytes read as YAML (see :func:`read_yaml`): by libyaml, PyYAML's fast
    reader, where it is installed; a file it finds any problem in is read again by
    PyYAML's own, whose messages and positions the mistakes are explained from."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return YamlFile(path, None), [_not_utf8(path, error)]
    if _FAST_LOADER is not None:
        read = _read_text(path, text, _FAST_LOADER)
        if not read[1]:
            return read
    return _read_text(path, text, yaml.SafeLoader)


def _read_text(path: Path, text: str, loader: Any) -> tuple[YamlFile, list[Problem]]:
    reader = _Reader(path, text)
    try:
        refused = _refused_features(path, text, loader)
        if refused:
            return reader.file, refused
        node = yaml.compose(text, Loader=loader)
        if node is not None:
            reader.file.data = reader.read(node, ())
    except yaml.MarkedYAMLError as error:
        return reader.file, [syntax_problem(path, text, _first_mistake(text, error))]
    except yaml.reader.ReaderError as error:
        return reader.file, [_character_problem(path, text, error)]
    except yaml.YAMLError:
        return reader.file, [Problem(path, "the file could not be read as YAML.")]
    except RecursionError:
        return reader.file, [Problem(path, "the file is nested too deeply to read.")]
    return reader.file, reader.problems


def _kept(read: tuple[YamlFile, list[Problem]]) -> tuple[tuple[YamlFile, list[Problem]], bool]:
    """A read is kept (see :mod:`reportgen.load.cache`) only when it found no problem."""
    return read, not read[1]


def _encode(read: tuple[YamlFile, list[Problem]]) -> bytes:
    file = read[0]
    positions = [[list(at), line, column] for at, (line, column) in file.positions.items()]
    return json.dumps({"path": str(file.path), "data": file.data, "positions": positions}).encode()


def _decode(payload: bytes) -> tuple[YamlFile, list[Problem]]:
    kept = json.loads(payload)
    positions = {tuple(at): (line, column) for at, line, column in kept["positions"]}
    return YamlFile(Path(kept["path"]), kept["data"], positions), []


def _refused_features(path: Path, text: str, loader: Any = yaml.SafeLoader) -> list[Problem]:
    """Anchors, aliases and tags: YAML features content never needs and that can hide or
    multiply text (an alias bomb) or ask for objects to be built."""
    problems = []
    for token in yaml.scan(text, Loader=loader):
        message = _FORBIDDEN_TOKENS.get(type(token))
        if message:
            mark = token.start_mark
            problems.append(Problem(path, message, mark.line + 1, mark.column + 1))
    return problems


def _first_mistake(text: str, error: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    """The first mistake in the file: the scan for refused features reads on past a
    mistake the parser would have stopped at (composing builds no objects)."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as first:
        return first
    except (yaml.YAMLError, RecursionError):
        pass
    return error


def _not_utf8(path: Path, error: UnicodeDecodeError) -> Problem:
    """Bytes that are not UTF-8 (a file saved in an older encoding, or a broken
    character written into it), placed on the first of them."""
    data = bytes(error.object)  # the file's bytes after any byte-order mark
    line_start = data.rfind(b"\n", 0, error.start) + 1
    column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
    return Problem(
        path,
        "the file is not UTF-8 text: the character here cannot be read (a file saved in an "
        "older encoding, or a broken character pasted in); save the file as UTF-8 and check "
        "this character.",
        data.count(b"\n", 0, error.start) + 1,
        column,
    )


def _character_problem(path: Path, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML cannot hold at all (e.g. a vertical tab pasted from Word)."""
    before = text[: error.position]
    line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
    character = error.character if isinstance(error.character, str) else chr(error.character)
    return Problem(path, _unshowable(character), line, column)


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
