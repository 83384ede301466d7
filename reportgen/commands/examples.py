"""An example of every field, for the reference and the JSON Schemas: the field's own
(``Field(examples=[…])`` in the content model), else its first use in the starter year
``reportgen new`` writes (``reportgen/starter-files/``, for the year 2018-19).

Both sources belong to reportgen, so an officer editing the sample content never changes
the reference; and a starter file is checked to build, so its values are real ones.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Any

import yaml
from pydantic import BaseModel

from reportgen.commands.file_kinds import FILE_KINDS, kind_of
from reportgen.commands.starter import starter_texts

EXAMPLE_YEAR = 2018
"""The year the starter's examples are written for (2018-19: its meeting is in 2019)."""
NO_VALUES = {"", "~", "null", "Null", "NULL"}
LONGEST_TEXT = 48
"""A longer text is cut at a word with … (an example shows the kind of value, not all of it)."""
MOST_ITEMS = 3
LONGEST_EXAMPLE = 100

FieldKey = tuple[type[BaseModel], str]
"""A field: the part of the model it is in, and its name."""


def field_example(model: type[BaseModel], name: str, depth: int = 0) -> Any:
    """The example of a field, as a file would give it (text as typed), or None: its own
    (``examples=``), its first use in the starter year (in this part of the model or
    another sharing the field, e.g. the kinds of column), its default, its first choice,
    or for a set of fields, one made of their examples."""
    field = model.model_fields[name]
    if field.examples:
        return field.examples[0]
    found = starter_examples()
    shared = _defined_in(model, name)
    used = [value for (part, key), value in found.items() if key == name and part is model]
    used += [v for (part, key), v in found.items() if key == name and issubclass(part, shared)]
    if used:
        return used[0]
    default = None if field.is_required() else field.get_default(call_default_factory=True)
    return _typed(default) or _first_choice(field.annotation) or _made_of(field.annotation, depth)


def _made_of(annotation: Any, depth: int) -> Any:
    """An example of a set of fields (or a list of them) made of its fields' examples: the
    required ones and those with examples of their own (or the first two)."""
    item = _list_item(annotation)
    parts = models(item if item is not None else annotation)
    if not parts or depth > 2:
        return None
    fields = parts[0].model_fields
    names = [name for name, info in fields.items() if info.is_required() or info.examples]
    names = names or list(fields)[:2]
    made = {fields[name].alias or name: field_example(parts[0], name, depth + 1) for name in names}
    if any(value is None for value in made.values()):
        return None
    return [made] if item is not None else made


def _defined_in(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The part of the model that defines the field ``name`` (a base class for a shared
    field)."""
    return next(
        (
            part
            for part in reversed(model.__mro__)
            if isinstance(part, type)
            and issubclass(part, BaseModel)
            and name in vars(part).get("__annotations__", {})
        ),
        model,
    )


def _typed(value: Any) -> Any:
    """A default as a file would give it (``yes`` for True); None if it shows nothing."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value in ("", [], {}) or isinstance(value, BaseModel):
        return None
    return str(value)


def _first_choice(annotation: Any) -> Any:
    """The first value a field of fixed choices (``Literal[…]``) allows."""
    for leaf in leaves(annotation):
        if typing.get_origin(leaf) is typing.Literal:
            return str(typing.get_args(leaf)[0])
    return None


@functools.cache
def starter_examples() -> dict[FieldKey, Any]:
    """The first value the starter year gives each field."""
    found: dict[FieldKey, Any] = {}
    for name, text in starter_texts(EXAMPLE_YEAR).items():
        folder, _, file = name.rpartition("/")
        kind = kind_of(folder, file) if name.endswith(".yaml") else None
        if kind is not None:
            collect(read_as_typed(text), FILE_KINDS[kind].annotation, found)
    return found


def read_as_typed(text: str) -> Any:
    """A YAML text's values as reportgen's loader reads them: every value the text as
    typed (``no`` stays "no"), runs of spaces folded, empty values None."""
    return _value(yaml.compose(text, Loader=yaml.SafeLoader))


def _value(node: yaml.Node | None) -> Any:
    if isinstance(node, yaml.MappingNode):
        return {str(key.value): _value(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_value(item) for item in node.value]
    if not isinstance(node, yaml.ScalarNode) or (node.style is None and node.value in NO_VALUES):
        return None
    return " ".join(str(node.value).split())


def collect(value: Any, annotation: Any, found: dict[FieldKey, Any]) -> None:
    """Record the first value of each field met in ``value`` (of the kind ``annotation``)."""
    if isinstance(value, list):
        item = _list_item(annotation)
        for each in value if item is not None else []:
            collect(each, item, found)
        return
    if not isinstance(value, dict):
        return
    named = _dict_value(annotation)
    if named is not None:  # names the author chose (a table's): each holds a `named`
        for each in value.values():
            collect(each, named, found)
        return
    model = next((m for m in models(annotation) if set(value) <= set(_by_key(m))), None)
    if model is None:
        return
    for key, each in value.items():
        name = _by_key(model)[key]
        if each is not None:
            found.setdefault((model, name), each)
        collect(each, model.model_fields[name].annotation, found)


def _by_key(model: Any) -> dict[str, str]:
    """A model's field names by the key a file gives them (``from`` for ``from_data``)."""
    return {info.alias or name: name for name, info in model.model_fields.items()}


def leaves(annotation: Any) -> list[Any]:
    """The kinds of value an annotation allows, ``Annotated`` and unions taken apart."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return leaves(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [leaf for arg in typing.get_args(annotation) for leaf in leaves(arg)]
    return [annotation]


def models(annotation: Any) -> list[type[BaseModel]]:
    """The parts of the model an annotation allows."""
    return [
        leaf
        for leaf in leaves(annotation)
        if isinstance(leaf, type) and issubclass(leaf, BaseModel)
    ]


def _dict_value(annotation: Any) -> Any:
    for leaf in leaves(annotation):
        if typing.get_origin(leaf) is dict:
            return typing.get_args(leaf)[1]
    return None


def _list_item(annotation: Any) -> Any:
    for leaf in leaves(annotation):
        if typing.get_origin(leaf) is list:
            return typing.get_args(leaf)[0]
    return None


# --- an example as YAML on one line ---------------------------------------------------------


def example_text(value: Any) -> str:
    """An example on one line, written as it is typed in a file (lists and fields in
    ``[…]`` and ``{…}``), long texts and lists shortened with …"""
    if isinstance(value, str):
        return flow(_cut(value, LONGEST_EXAMPLE))
    text = flow(shortened(value, MOST_ITEMS))
    return text if len(text) <= LONGEST_EXAMPLE else flow(shortened(value, 1))


def shortened(value: Any, items: int) -> Any:
    """``value`` with at most ``items`` items in each list and texts cut short."""
    if isinstance(value, list):
        kept = [shortened(each, items) for each in value[:items]]
        return [*kept, _MORE] if len(value) > items else kept
    if isinstance(value, dict):
        return {key: shortened(each, items) for key, each in value.items()}
    return _cut(value, LONGEST_TEXT) if isinstance(value, str) else value


def _cut(text: str, longest: int) -> str:
    """A long text cut at the last word that fits, with … (one without spaces, a name or
    a key, is kept whole)."""
    space = text.rfind(" ", 0, longest)
    if len(text) <= longest or space < 0:
        return text
    return text[:space].rstrip(",;:") + " …"


_MORE = "…"


def flow(value: Any, inside: bool = False) -> str:
    """``value`` written as YAML on one line."""
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(flow(each, True) for each in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(each, True)}" for key, each in value.items()) + "}"
    text = str(value)
    return "'" + text.replace("'", "''") + "'" if _needs_quotes(text, inside) else text


def _needs_quotes(text: str, inside: bool) -> bool:
    if text == _MORE:
        return False
    starts = ("*", "&", "!", "[", "{", ">", "|", "%", "@", "'", '"', "`", "#", "- ", "? ")
    return (
        not text
        or text.startswith(starts)
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or (inside and any(mark in text for mark in ",[]{}"))
    )
