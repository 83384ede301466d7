"""A YAML file edited as text, so that what is not edited — comments, blank lines, quotes,
line wrapping — stays exactly as the officer wrote it: each value is found by its place in
the file (the position the YAML parser gives it) and only its own characters are replaced.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

Step = str | int
_WIDE = 1_000_000
"""Wide enough that a value is never wrapped over lines."""


class YamlText:
    """One YAML file's text, its values found by path (``("meetings", 0, "date")``) and
    replaced in place; :attr:`text` is the file with every edit made."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.root: yaml.Node | None = yaml.compose(text, Loader=yaml.SafeLoader)
        self.data: Any = yaml.load(text, Loader=yaml.BaseLoader)  # every value as text
        self._edits: list[tuple[int, int, str]] = []

    def find(self, path: tuple[Step, ...]) -> yaml.Node | None:
        """The value at ``path``, or None if there is none."""
        node = self.root
        for step in path:
            node = _child(node, step)[1] if node is not None else None
        return node

    def key(self, path: tuple[Step, ...]) -> yaml.Node | None:
        """The key (``title`` in ``title: …``) of the value at ``path``."""
        parent = self.find(path[:-1])
        return _child(parent, path[-1])[0] if parent is not None and path else None

    def set_scalar(self, path: tuple[Step, ...], value: str | dt.date) -> None:
        """Replace the value at ``path`` (on however many lines) with ``value``, on one."""
        node = self.find(path)
        if node is None:
            raise KeyError(path)
        if _is_empty(node):
            key = self.key(path)
            assert key is not None
            start = self.original.index(":", key.end_mark.index) + 1
            self._edit(start, start, " " + scalar(value, self._in_flow(path)))
            return
        self._edit(
            node.start_mark.index, self._content_end(node), scalar(value, self._in_flow(path))
        )

    def set_list(self, path: tuple[Step, ...], items: list[Any]) -> None:
        """Replace the list at ``path`` with ``items`` (texts, or mappings of texts): as a
        block list where there are items, ``[]`` where there are none."""
        node, key = self.find(path), self.key(path)
        if node is None or key is None:
            raise KeyError(path)
        end = self._content_end(node)
        colon = self.original.index(":", key.end_mark.index)
        between = self.original[colon + 1 : node.start_mark.index]
        if self._in_flow(path):  # inside {…} or […]: the list in […] too
            self._edit(node.start_mark.index, end, flow_list(items))
            return
        if not items:
            if between.strip():  # comments between the key and its list: kept
                self._edit(node.start_mark.index, end, "[]")
            else:
                self._edit(colon, end, ": []")
            return
        if isinstance(node, yaml.SequenceNode) and not node.flow_style and not _is_empty(node):
            self._edit(node.start_mark.index, end, block_list(items, node.start_mark.column))
            return
        indent = key.start_mark.column + 2
        text = ":\n" + " " * indent + block_list(items, indent)
        self._edit(colon, end if not _is_empty(node) else colon + 1, text)

    def comment_above(self, path: tuple[Step, ...], lines: list[str]) -> None:
        """Put comment lines just above the line of the key at ``path``."""
        key = self.key(path)
        if key is None:
            raise KeyError(path)
        start = self.original.rfind("\n", 0, key.start_mark.index) + 1
        column = _indent_of(self.original, key.start_mark.index)
        self._edit(
            start, start, "".join(f"{' ' * column}# {line}".rstrip() + "\n" for line in lines)
        )

    def insert_before(self, path: tuple[Step, ...], text: str) -> None:
        """Insert whole lines before the key at ``path`` and the comments just above it."""
        key = self.key(path)
        if key is None:
            raise KeyError(path)
        start = self.original.rfind("\n", 0, key.start_mark.index) + 1
        while start > 0:
            above = self.original.rfind("\n", 0, start - 1) + 1
            if not self.original[above:start].strip().startswith("#"):
                break
            start = above
        self._edit(start, start, text)

    def _in_flow(self, path: tuple[Step, ...]) -> bool:
        """Whether the value at ``path`` is inside a ``{…}`` or ``[…]``."""
        return any(getattr(self.find(path[:end]), "flow_style", False) for end in range(len(path)))

    @property
    def text(self) -> str:
        """The file with every edit made."""
        text = self.original
        ordered = sorted(enumerate(self._edits), key=lambda e: (e[1][0], e[0]), reverse=True)
        for _, (start, end, replacement) in ordered:
            text = text[:start] + replacement + text[end:]
        return text

    def _edit(self, start: int, end: int, replacement: str) -> None:
        for other_start, other_end, _ in self._edits:
            if start < other_end and other_start < end:
                raise ValueError(f"overlapping edits at characters {start} and {other_start}")
        self._edits.append((start, end, replacement))

    def _content_end(self, node: yaml.Node) -> int:
        """Where the value ends: its last character, not the line breaks after it."""
        if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
            start, end = node.start_mark.index, node.end_mark.index
            return start + len(self.original[start:end].rstrip())
        children = node.value
        if not children:
            return int(node.end_mark.index)
        last = children[-1]
        return self._content_end(last[1] if isinstance(last, tuple) else last)


def _child(node: yaml.Node, step: Step) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(key, value) of ``step`` in a mapping, or (None, item) in a list."""
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == step:
                return key, value
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return None, node.value[step]
    return None, None


def _is_empty(node: yaml.Node) -> bool:
    """A key with no value written after it (``removed:``)."""
    return isinstance(node, yaml.ScalarNode) and node.value == "" and node.style is None


def _indent_of(text: str, index: int) -> int:
    """The column a comment or item about the key at ``index`` starts at: the key's, or
    the ``-`` before it in a list item."""
    line_start = text.rfind("\n", 0, index) + 1
    before = text[line_start:index]
    return len(before) - len(before.lstrip(" ")) if before.strip(" -") == "" else index - line_start


def scalar(value: str | dt.date, in_flow: bool = False) -> str:
    """A value as it is written on one line: plain where YAML allows (in ``{…}`` or
    ``[…]``, without commas or brackets), else quoted."""
    if isinstance(value, dt.date):
        return value.isoformat()
    # A line break (or another control character) is kept only as an escape in double
    # quotes: in a plain or single-quoted value on one line YAML would read it as a space.
    style = None if value.isprintable() else '"'
    dumped = yaml.safe_dump(value, allow_unicode=True, width=_WIDE, default_style=style)
    written = dumped.removesuffix("\n...\n").removesuffix("\n")
    if in_flow and written == value and any(mark in value for mark in ",[]{}"):
        written = "'" + value.replace("'", "''") + "'"
    if written.startswith("'") and '"' not in value and "\\" not in value:
        return f'"{value}"'  # "the Committee's date", not 'the Committee''s date'
    return written


def flow_list(items: list[Any]) -> str:
    """``items`` as ``[a, {b: c}]``."""
    written = [
        "{" + ", ".join(f"{k}: {scalar(v, True)}" for k, v in item.items()) + "}"
        if isinstance(item, dict)
        else scalar(item, True)
        for item in items
    ]
    return "[" + ", ".join(written) + "]"


def block_list(items: list[Any], indent: int) -> str:
    """``items`` as a block list whose dashes are at column ``indent`` (its first line
    without the indent, as it goes where the old list began)."""
    lines = []
    for item in items:
        if isinstance(item, dict):
            entries = [f"{key}: {scalar(value)}" for key, value in item.items()]
            lines += [f"- {entries[0]}", *(f"  {entry}" for entry in entries[1:])]
        else:
            lines.append(f"- {scalar(item)}")
    return ("\n" + " " * indent).join(lines)
