"""Write docs/reference.md, every field of every content file (run: make reference).

The reference is generated from the content model (reportgen/model/), so it always says
what ``reportgen check`` accepts: each field's kind of value in plain words, whether it
must be given, and the same description ``check`` quotes when a value is wrong. Do not edit
docs/reference.md by hand; change the model's descriptions and run this again.
"""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic.fields import FieldInfo

from reportgen.model import (
    BLOCK_KINDS,
    YEAR_FILES,
    Block,
    Blocks,
    Content,
    GlossaryTerms,
    LibraryEntry,
)
from reportgen.model.assessment import Assessment, Chapter, Plan
from reportgen.model.house_style import HouseStyle
from reportgen.model.plan_blocks import Contacts

OUT = Path(__file__).resolve().parent.parent / "docs" / "reference.md"

FILES: list[tuple[str, str, type[Content]]] = [
    *((name, "in the year folder", model) for name, model in YEAR_FILES.items()),
    ("assessment/assessment.yaml", "the Strategic Assessment, in the year folder", Assessment),
    ("plan/plan.yaml", "the Community Safety Plan, in the year folder", Plan),
    ("A chapter file", "assessment/NAME.yaml or plan/NAME.yaml, one per chapter", Chapter),
    ("glossary.yaml", "in content/library/, or a year's own in the year folder", GlossaryTerms),
    ("contacts.yaml", "in content/library/, or a year's own in the year folder", Contacts),
    ("house-style.yaml", "in content/library/", HouseStyle),
]
"""Each kind of file: its name, where it lives, and the part of the model it holds."""

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


def plain_type(annotation: Any, found: list[type[Content]]) -> str:
    """The kind of value a field takes, in words; models met on the way go into ``found``."""
    annotation = _strip(annotation)
    if _is_blocks(annotation):
        return "text: a paragraph, or a list of blocks (see Text blocks)"
    if annotation in _PLAIN:
        return _PLAIN[annotation]
    if isinstance(annotation, type) and issubclass(annotation, Content):
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
        if all(isinstance(c, type) and issubclass(c, Content) for c in choices):
            found.extend(c for c in choices if c not in found)
            return "a set of fields described under one of " + ", ".join(
                c.__name__ for c in choices
            )
        return " or ".join(plain_type(c, found) for c in choices)
    raise TypeError(f"no plain words for {annotation!r}: add them to tools/make_reference.py")


def _field_line(name: str, field: FieldInfo, found: list[type[Content]]) -> str:
    kind = plain_type(field.annotation, found)
    need = "required" if field.is_required() else "optional"
    description = (field.description or "").replace("\n", " ")
    return f"- `{name}` ({kind}; {need}): {description}"


def model_section(model: type[Content], heading: str, found: list[type[Content]]) -> list[str]:
    """A heading, the model's docstring and one line per field."""
    lines = [heading, ""]
    if model.__doc__:
        lines += [" ".join(model.__doc__.split()).replace("``", "`"), ""]
    lines += [_field_line(name, field, found) for name, field in model.model_fields.items()]
    return [*lines, ""]


def file_section(title: str, where: str, model: type[Content], done: set[type]) -> list[str]:
    """A file's fields, then a sub-section for each set of fields inside it."""
    found: list[type[Content]] = []
    lines = model_section(model, f"## {title} ({where})", found)
    done.add(model)
    while found:
        inner = found.pop(0)
        if inner not in done:
            done.add(inner)
            lines += model_section(inner, f"### {inner.__name__}", found)
    return lines


def reference() -> str:
    """The whole text of docs/reference.md."""
    lines = [
        "# Content reference",
        "",
        "Generated from reportgen/model/ by tools/make_reference.py (run `make reference`);",
        "do not edit by hand. A field marked optional may be left out.",
        "",
    ]
    done: set[type] = set()
    for title, where, model in FILES:
        lines += file_section(title, where, model, done)
    library = file_section("Library texts", "content/library/*.yaml", LibraryEntry, done)
    lines += [*library[:2], LIBRARY_NOTE, "", *library[2:]]
    lines += [
        "## Text blocks",
        "",
        "A text field holds a single paragraph, or a list of blocks, each starting with "
        "one of: " + ", ".join(f"`{kind}:`" for kind in BLOCK_KINDS) + ". See the README.",
        "",
    ]
    for kind, model in block_models():
        lines += file_section(f"`- {kind}:`", "a text block", model, done)
    return "\n".join(lines).rstrip("\n") + "\n"


def block_models() -> list[tuple[str, type[Content]]]:
    """Each kind of text block and its part of the model, in BLOCK_KINDS order."""
    members = [_strip(member) for member in get_args(_strip(Block))]
    by_kind = {
        next(name for name in model.model_fields if name in BLOCK_KINDS): model for model in members
    }
    return [(kind, by_kind[kind]) for kind in BLOCK_KINDS]


def main() -> None:
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(reference(), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
