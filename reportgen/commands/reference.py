"""The content reference (docs/reference.md): every field of every kind of content file,
with its kind of value in plain words, whether it must be given, the description
``reportgen check`` quotes when a value is wrong, and an example (see
:mod:`~reportgen.commands.examples`). Written from the content model, so it always says
what ``check`` accepts; ``make reference`` or ``reportgen schema --reference FILE`` writes
it."""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from reportgen.commands.examples import example_text, field_example
from reportgen.commands.file_kinds import FILE_KINDS, FileKind
from reportgen.model import BLOCK_KINDS, Block, Blocks, LibraryEntry
from reportgen.write.files import atomic_write

LIBRARY_NOTE = (
    "Each file in content/library/ (and a year's library.yaml) holds texts by name: "
    "`NAME:` followed by the fields below. A text is used with `- library: NAME`."
)

_PLAIN = {str: "text", bool: "yes/no", int: "whole number", float: "number"}
_PLAIN[dt.date] = "date YYYY-MM-DD"


def _strip(annotation: Any) -> Any:
    """The annotation without Annotated[...] and without ``| None``."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _strip(args[0])
    return annotation


def _is_blocks(annotation: Any) -> bool:
    if annotation == Blocks or annotation == _strip(Blocks):
        return True
    return get_origin(annotation) is list and get_args(annotation)[0] == Block


def _is_part(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def plain_type(annotation: Any, found: list[type[BaseModel]]) -> str:
    """The kind of value a field takes, in words; models met on the way go into ``found``."""
    annotation = _strip(annotation)
    if _is_blocks(annotation):
        return "text: a paragraph, or a list of blocks (see Text blocks)"
    if annotation in _PLAIN:
        return _PLAIN[annotation]
    if _is_part(annotation):
        if annotation not in found:
            found.append(annotation)
        return f"a set of fields described under {annotation.__name__}"
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        return "one of: " + ", ".join(str(a) for a in args)
    if origin is list:
        inner = plain_type(args[0], found)
        return "list, each " + inner if inner.startswith("a set") else "list of " + inner
    if origin is dict:
        return "names, each with " + plain_type(args[1], found)
    if origin in (Union, types.UnionType):
        choices = [_strip(a) for a in args if a is not type(None)]
        if all(_is_part(c) for c in choices):
            found.extend(c for c in choices if c not in found)
            return "a set of fields described under one of " + ", ".join(
                c.__name__ for c in choices
            )
        return " or ".join(plain_type(c, found) for c in choices)
    raise TypeError(f"no plain words for {annotation!r}: add them to {__name__}")


def _field_line(
    model: type[BaseModel], name: str, field: FieldInfo, found: list[type[BaseModel]]
) -> str:
    kind = plain_type(field.annotation, found)
    need = "required" if field.is_required() else "optional"
    description = (field.description or "").replace("\n", " ")
    line = f"- `{field.alias or name}` ({kind}; {need}): {description}"
    example = field_example(model, name)
    if example is None:
        return line
    return f"{line.rstrip(' .:')}. Example: {_code(example_text(example))}"


def _code(text: str) -> str:
    """``text`` as Markdown code (between two backticks if it holds one)."""
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def model_section(model: type[BaseModel], heading: str, found: list[type[BaseModel]]) -> list[str]:
    """A heading, the model's docstring and one line per field."""
    lines = [heading, ""]
    if model.__doc__:
        lines += [" ".join(model.__doc__.split()).replace("``", "`"), ""]
    lines += [_field_line(model, name, field, found) for name, field in model.model_fields.items()]
    return [*lines, ""]


def file_section(title: str, where: str, model: type[BaseModel], done: set[type]) -> list[str]:
    """A file's fields, then a sub-section for each set of fields inside it."""
    found: list[type[BaseModel]] = []
    lines = model_section(model, f"## {title} ({where})", found)
    done.add(model)
    while found:
        inner = found.pop(0)
        if inner not in done:
            done.add(inner)
            lines += model_section(inner, f"### {inner.__name__}", found)
    return lines


def _schema_note(kind: FileKind) -> list[str]:
    return [f"JSON Schema: [{kind.schema_file}](schemas/{kind.schema_file}).", ""]


def reference() -> str:
    """The whole text of docs/reference.md."""
    lines = [
        "# Content reference",
        "",
        "Generated from reportgen/model/ by `make reference` (or `reportgen schema "
        "--reference FILE`); do not edit by hand. A field marked optional may be left out. "
        "The examples are the fields' own, or the starter year's (`reportgen new`). Each "
        "kind of file also has a JSON Schema in docs/schemas/ (`reportgen schema`), with "
        "which an editor completes and explains the fields (see the README).",
        "",
    ]
    done: set[type] = set()
    for kind in FILE_KINDS.values():
        if kind.name != "library":
            section = file_section(kind.title, kind.where, kind.annotation, done)
            lines += [*section[:2], *_schema_note(kind), *section[2:]]
    library = FILE_KINDS["library"]
    section = file_section(library.title, library.where, LibraryEntry, done)
    lines += [*section[:2], LIBRARY_NOTE, "", *_schema_note(library), *section[2:]]
    lines += [
        "## Text blocks",
        "",
        "A text field holds a single paragraph, or a list of blocks, each starting with "
        "one of: " + ", ".join(f"`{kind}:`" for kind in BLOCK_KINDS) + ". See the README.",
        "",
    ]
    for block, model in block_models():
        lines += file_section(f"`- {block}:`", "a text block", model, done)
    return "\n".join(lines).rstrip("\n") + "\n"


def block_models() -> list[tuple[str, type[BaseModel]]]:
    """Each kind of text block and its part of the model, in BLOCK_KINDS order."""
    members = [_strip(member) for member in get_args(_strip(Block))]
    by_kind = {
        next(name for name in model.model_fields if name in BLOCK_KINDS): model for model in members
    }
    return [(kind, by_kind[kind]) for kind in BLOCK_KINDS]


def write_reference(path: Path) -> Path:
    """Write the reference to ``path``."""
    atomic_write(path, reference().encode("utf-8"))
    return path
