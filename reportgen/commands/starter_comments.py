"""The starter year's comments, written from the content model's own descriptions (the
ones ``reportgen check`` quotes), so they can never say something the model does not:
a heading from the file's part of the model, one comment above the first use of each
field, and the optional fields a file leaves out."""

from __future__ import annotations

import textwrap
import types
import typing
from typing import Any

import yaml
from pydantic.fields import FieldInfo

from reportgen.model.base import Content
from reportgen.write.yaml_text import YamlText

WIDTH = 88
"""The comments' line length, as in the samples."""


def commented(text: str, model: Any) -> str:
    """A starter file's text with a heading, each field explained above its first use,
    and the optional fields it leaves out listed at the end."""
    doc = YamlText(text)
    _explain(doc, doc.root, model, (), (), set())
    return heading(model) + doc.text + _left_out(doc.data, model)


def heading(model: Any) -> str:
    """What the file is (its model's description) and where it came from."""
    part = _models(model)[0] if _models(model) else _dict_value(model)
    about = " ".join((part.__doc__ or "").split("\n\n")[0].split()) if part else ""
    lines = [
        *textwrap.wrap(about, WIDTH - 2, break_on_hyphens=False),
        "",
        *textwrap.wrap(
            "Written by `reportgen new` as a start: replace the example text with your own. "
            "Each comment comes from reportgen's content model (docs/reference.md lists "
            "every field); delete them as you wish.",
            WIDTH - 2,
        ),
    ]
    return "".join(f"# {line}".rstrip() + "\n" for line in lines) + "\n"


def _explain(
    doc: YamlText,
    node: yaml.Node | None,
    annotation: Any,
    path: tuple[str | int, ...],
    general: tuple[str, ...],
    seen: set[tuple[str, ...]],
) -> None:
    """Comment the first use of each field below ``node``; ``general`` is its path with
    list items and names left out, so each field is explained once per file."""
    if isinstance(node, yaml.SequenceNode):
        item = _list_item(annotation)
        for index, value in enumerate(node.value if item is not None else []):
            _explain(doc, value, item, (*path, index), (*general, "-"), seen)
        return
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        return  # a field inside {…} cannot have a comment of its own
    named = _dict_value(annotation)
    fields = _fields(annotation)
    for key, value in node.value:
        name = str(key.value)
        if named is not None:  # a name the author chose (a table's): no comment of its own
            _explain(doc, value, named, (*path, name), (*general, "*"), seen)
            continue
        info = fields.get(name)
        if info is None:
            continue
        here = (*general, name)
        if here not in seen and info.description:
            seen.add(here)
            width = WIDTH - 2 - key.start_mark.column
            lines = textwrap.wrap(_explanation(info), width, break_on_hyphens=False)
            doc.comment_above((*path, name), lines)
        _explain(doc, value, info.annotation, (*path, name), here, seen)


def _explanation(info: FieldInfo) -> str:
    text = str(info.description).rstrip(".")
    text = text[:1].upper() + text[1:]
    return f"{text}." if info.is_required() else f"{text} (optional)."


def _left_out(data: Any, model: Any) -> str:
    """The optional fields of the file's own part of the model it does not use."""
    models = _models(model)
    if not models or not isinstance(data, dict):
        return ""
    fields = {name: info for part in models for name, info in part.model_fields.items()}
    missing = [(name, info) for name, info in fields.items() if name not in data]
    if not missing:
        return ""
    lines = ["Also possible in this file (each optional):"]
    for name, info in missing:
        lines += textwrap.wrap(
            f"{name}: {info.description or ''}",
            WIDTH - 2,
            initial_indent="  ",
            subsequent_indent="    ",
            break_on_hyphens=False,
        )
    return "\n" + "".join(f"# {line}".rstrip() + "\n" for line in lines)


def _leaves(annotation: Any) -> list[Any]:
    """The kinds of value an annotation allows: ``X | None``, ``Annotated[…]`` and the
    blocks' union taken apart."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _leaves(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [leaf for arg in typing.get_args(annotation) for leaf in _leaves(arg)]
    return [annotation]


def _models(annotation: Any) -> list[type[Content]]:
    return [
        leaf for leaf in _leaves(annotation) if isinstance(leaf, type) and issubclass(leaf, Content)
    ]


def _fields(annotation: Any) -> dict[str, FieldInfo]:
    return {name: info for part in _models(annotation) for name, info in part.model_fields.items()}


def _dict_value(annotation: Any) -> Any:
    """What a mapping of names holds (``tables:`` → a table), or None."""
    for leaf in _leaves(annotation):
        if typing.get_origin(leaf) is dict:
            return typing.get_args(leaf)[1]
    return None


def _list_item(annotation: Any) -> Any:
    """What a list's items are, or None."""
    for leaf in _leaves(annotation):
        if typing.get_origin(leaf) is list:
            return typing.get_args(leaf)[0]
    return None
