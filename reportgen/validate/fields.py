"""Step 2 — validate: check loaded files against the content model.

Every problem is placed on its file, line and field and written in plain English; all
problems of a run are collected before anything is reported.
"""

from __future__ import annotations

import difflib
import typing
from pathlib import Path
from typing import Any, TypeVar

import pydantic
from pydantic_core import ErrorDetails

from reportgen.load.yaml import read_yaml
from reportgen.model import BLOCK_KINDS, BLOCK_TAG, Content
from reportgen.model.assessment import COLUMN_TAG
from reportgen.problems import Problem, suggest
from reportgen.types import FieldPath, YamlFile
from reportgen.validate.placeholders import is_placeholder, placeholder_message

C = TypeVar("C", bound=Content)
"""A part of the content model."""

_UNION_TAGS = (BLOCK_TAG, COLUMN_TAG)
_FIELDS = "a set of fields (name: value lines)"
_DATE = "a real date written as YYYY-MM-DD, e.g. 2018-02-13"
_EXPECTED_BY_TYPE = {
    "string_type": "text",
    "list_type": "a list (each item on its own line starting with '- ')",
    "dict_type": _FIELDS,
    "model_type": _FIELDS,
    "model_attributes_type": _FIELDS,
    "bool_parsing": "yes or no",
    "bool_type": "yes or no",
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "string_too_short": "some text (it is empty)",
    "too_short": "at least one item (the list is empty)",
}


def validate_file(file: YamlFile, model: type[C]) -> tuple[C | None, list[Problem]]:
    """Validate one file against its model: the model instance (or None) and its problems."""
    if file.data is None:
        summary = (model.__doc__ or "").strip().splitlines()[0]
        return None, [file.problem((), f"this file is empty; it should hold {summary}")]
    try:
        return model.model_validate(file.data), []
    except pydantic.ValidationError as error:
        details = error.errors()
        misspelt = _misspelt_fields(file.data, details)
        return None, [
            _explain(file, model, detail)
            for detail in details
            if not (
                detail["type"] == "missing" and _data_path(file.data, detail["loc"]) in misspelt
            )
        ]


def read_and_validate(
    path: Path, model: type[C], inside: Path | None = None
) -> tuple[YamlFile, C | None, list[Problem]]:
    """Load and validate one file (refused unread if it leads outside the folder
    ``inside``). A file whose only fault is a repeated field is still validated (with the
    first value), so its other problems are reported in the same run."""
    file, problems = read_yaml(path, inside)
    if file.data is None and problems:
        return file, None, problems
    part, more = validate_file(file, model)
    return file, part, problems + more


def _explain(file: YamlFile, model: type[Content], detail: ErrorDetails) -> Problem:
    path = _data_path(file.data, detail["loc"])
    kind = detail["type"]
    if kind == "extra_forbidden":
        return file.problem(path, _unknown_field(model, path))
    if kind == "missing":
        return file.problem(path, f"this field is missing; expected {_describe(model, path)}.")
    if kind == "content_rule":  # a rule of the content model, already in plain English
        return file.problem(path, detail["msg"] + ".")
    if kind == "block_kind":
        return file.problem(path, _unknown_block(detail["input"]))
    if is_placeholder(detail["input"]):  # left by `reportgen new`: say so, not "not a date"
        return file.problem(path, placeholder_message(detail["input"], _describe(model, path)))
    found = _found(detail["input"])
    if kind == "string_pattern_mismatch":  # the description says what the value must be
        return file.problem(path, f"found {found}; expected {_describe(model, path)}.")
    expected = _EXPECTED_BY_TYPE.get(kind) or _pydantic_expectation(detail)
    return file.problem(path, f"found {found}; expected {expected} — {_describe(model, path)}.")


def _misspelt_fields(data: Any, details: list[ErrorDetails]) -> set[FieldPath]:
    """Missing fields that an unknown field beside them is surely a misspelling of: they
    are reported once, as "unknown field …; did you mean …?", not again as missing."""
    paths = [(d["type"], _data_path(data, d["loc"])) for d in details]
    missing = [path for kind, path in paths if kind == "missing"]
    misspelt: set[FieldPath] = set()
    for kind, path in paths:
        if kind != "extra_forbidden":
            continue
        siblings = [str(m[-1]) for m in missing if m[:-1] == path[:-1]]
        close = difflib.get_close_matches(str(path[-1]), siblings, n=1, cutoff=0.6)
        misspelt.update((*path[:-1], name) for name in close)
    return misspelt


def _data_path(data: Any, loc: tuple[Any, ...]) -> FieldPath:
    """The path into the YAML data, without pydantic's internal steps (union tags etc.)."""
    path: list[str | int] = []
    node = data
    for step in loc:
        if isinstance(step, str) and step.startswith(_UNION_TAGS):
            continue
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and step < len(node)
        ):
            node = node[step]
            path.append(step)
        elif isinstance(node, dict) and isinstance(step, str):
            path.append(step)  # a missing field: name it, there is nothing below it
            break
    return tuple(path)


def _field_info(model: type[Content], path: FieldPath) -> pydantic.fields.FieldInfo | None:
    """The model field at ``path``, following nested models through lists and unions."""
    current: Any = model
    info = None
    for step in path:
        if isinstance(step, int):
            continue
        if typing.get_origin(current) is dict:  # a name chosen by the author, e.g. a table's
            current = typing.get_args(current)[1]
            continue
        fields = _model_fields(current)
        if step not in fields:
            return None
        info = fields[step]
        current = info.annotation
    return info


def _model_fields(annotation: Any) -> dict[str, pydantic.fields.FieldInfo]:
    """Fields of the model(s) an annotation refers to (through list[...], X | None …)."""
    found: dict[str, pydantic.fields.FieldInfo] = {}
    stack = [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, Content):
            found.update(item.model_fields)
        stack.extend(typing.get_args(item))
    return found


def _describe(model: type[Content], path: FieldPath) -> str:
    info = _field_info(model, path)
    return info.description if info and info.description else "a value"


def _parent_fields(model: type[Content], path: FieldPath) -> list[str]:
    parent = path[:-1]
    if not [step for step in parent if isinstance(step, str)]:
        return list(model.model_fields)
    info = _field_info(model, parent)
    return list(_model_fields(info.annotation)) if info else []


def _unknown_field(model: type[Content], path: FieldPath) -> str:
    name = str(path[-1])
    valid = _parent_fields(model, path)
    # A kind of text beside another in one item, unless it is surely a misspelt field (a
    # house style's colours have text: and headings:, so heading: is a typo there).
    misspelt = name not in valid and difflib.get_close_matches(name, valid, n=1, cutoff=0.8)
    if name in BLOCK_KINDS and set(valid) & set(BLOCK_KINDS) and not misspelt:
        return (
            f"one item can hold only one kind of text; start {name!r} on a new line "
            "beginning with '- ' so it is an item of its own."
        )
    return f"unknown field {name!r}; {suggest(name, valid, 'fields')}"


def _unknown_block(value: Any) -> str:
    if isinstance(value, dict) and value:
        name = str(next(iter(value)))
        return f"unknown kind of text {name!r}; {suggest(name, BLOCK_KINDS)}"
    return (
        f"found {_found(value)}; expected an item starting with one of: "
        f"{', '.join(BLOCK_KINDS)} (for example '- paragraph: Some text')."
    )


def _found(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _pydantic_expectation(detail: ErrorDetails) -> str:
    if detail["type"] == "value_error":
        return str(detail["ctx"]["error"])
    message = detail["msg"]
    if message.startswith("Input should be "):
        message = message[len("Input should be ") :]
    return message[:1].lower() + message[1:]
