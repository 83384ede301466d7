"""``reportgen schema``: a JSON Schema (draft 2020-12) for every kind of content file,
written from the content model that validates them, with its descriptions, so an editor
(VS Code with the YAML extension) completes fields and explains each one as it is typed.

The schemas say what reportgen's loader accepts. It reads every value as the text typed
and the model converts it, so a yes/no field also takes the words ``yes``/``no`` (and the
other spellings the model takes), a whole number its digits as text, and a text field a
number (``by: 2018``): an editor reading YAML 1.2 sees ``no`` as text and ``2018`` as a
number. A shorthand (plain text for a list of blocks, ``- Domestic Abuse`` for a priority,
``glossary: used``, a figure typed as text) is declared next to its validator in the model
(``json_schema_input_type``). What only ``check`` can tell — rules across fields (``value:``
or ``from:``, not both), other files, the data, pictures — is left to ``check``.

The generator only reads the model, but it sits with the commands: it takes its examples
from the starter year, which is theirs, and nothing in the pipeline needs it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import DefsRef, GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from reportgen.commands.examples import field_example
from reportgen.commands.file_kinds import FILE_KINDS, FileKind
from reportgen.write.files import atomic_write

SCHEMA_FOLDER = Path("docs") / "schemas"
"""Where the schemas are kept in the repository (the default of ``--out``)."""
DIALECT = "https://json-schema.org/draft/2020-12/schema"

YES_NO_WORDS = ("yes", "no", "true", "false", "on", "off", "y", "n", "t", "f")
"""The words (in any capitals) the model takes for yes and no, besides 1 and 0."""
_ANY_CASE = "|".join("".join(f"[{c.upper()}{c.lower()}]" for c in word) for word in YES_NO_WORDS)
YES_NO_PATTERN = f"^(?:{_ANY_CASE}|1|0)$"
WHOLE_NUMBER_PATTERN = r"^[+-]?[0-9]+$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class ContentSchema(GenerateJsonSchema):
    """pydantic's JSON Schema, adjusted to what the content files hold (see the module)."""

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "boolean"},
                {"enum": ["yes", "no"]},
                {"type": "string", "pattern": YES_NO_PATTERN},
            ]
        }

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        return {
            "anyOf": [
                super().int_schema(schema),
                {"type": "string", "pattern": WHOLE_NUMBER_PATTERN},
            ]
        }

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        """Text; a number typed unquoted is text too, except where a pattern says what
        the text must look like."""
        json_schema = super().str_schema(schema)
        if "pattern" not in json_schema:
            json_schema["type"] = ["string", "number"]
        return json_schema

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}

    def tagged_union_schema(self, schema: core_schema.TaggedUnionSchema) -> JsonSchemaValue:
        """A block (or column) is whichever kind its first key names: one of the kinds,
        each of which forbids the others' keys."""
        json_schema = super().tagged_union_schema(schema)
        json_schema.pop("discriminator", None)
        return {"anyOf": json_schema.pop("oneOf"), **json_schema}

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        json_schema = super().dict_schema(schema)
        json_schema.pop("propertyNames", None)  # names are text: nothing more to say
        return json_schema

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        model = schema["cls"]
        json_schema["title"] = model_title(model)
        if "description" in json_schema:
            json_schema["description"] = plain(json_schema["description"])
        _add_examples(model, json_schema.get("properties", {}))
        return json_schema

    def get_title_from_name(self, name: str) -> str:
        """``meeting_date`` → "Meeting date"."""
        return name.replace("_", " ").strip().capitalize()

    def get_defs_ref(self, core_mode_ref: Any) -> DefsRef:
        """A part of a block (``Grid.Body``) is named ``GridBody``, not after its module."""
        defs_ref = super().get_defs_ref(core_mode_ref)
        parts = core_mode_ref[0].rsplit(":", 1)[0].split(".")
        if len(parts) > 1 and parts[-2][:1].isupper():
            choices = self._prioritized_defsref_choices[defs_ref]
            choices.insert(0, DefsRef(parts[-2] + parts[-1]))
        return defs_ref


def _add_examples(model: type[BaseModel], properties: dict[str, Any]) -> None:
    """Each field's example (see :mod:`~reportgen.commands.examples`), where it is text or
    a list of texts (a whole set of fields is left to its own fields' examples)."""
    for name, info in model.model_fields.items():
        prop = properties.get(info.alias or name)
        if prop is None or "examples" in prop:
            continue
        example = field_example(model, name)
        if isinstance(example, str) or (
            isinstance(example, list) and all(isinstance(item, str) for item in example)
        ):
            prop["examples"] = [example]


def model_title(model: type) -> str:
    """A part of the model's name in words: ``ActionPlan`` → "Action plan", its
    ``Body`` → "Action plan fields"."""
    names = model.__qualname__.split(".")
    words = re.findall(r"[A-Z][a-z]*|[a-z]+", names[-2] if names[-1] == "Body" else names[-1])
    title = " ".join([words[0], *(word.lower() for word in words[1:])])
    return f"{title} fields" if names[-1] == "Body" and len(names) > 1 else title


def plain(text: str) -> str:
    """A description on one line, with ``code`` marked as in Markdown (`code`)."""
    return " ".join(text.split()).replace("``", "`")


def json_schema(kind: FileKind) -> dict[str, Any]:
    """The JSON Schema of one kind of file."""
    generated = TypeAdapter(kind.annotation).json_schema(
        by_alias=True, schema_generator=ContentSchema
    )
    about = generated.get("description") or (
        "Texts reused across years, each by its name: `NAME:` and its fields (about, text). "
        "A text is used with `- library: NAME`."
    )
    rest = {key: value for key, value in generated.items() if key not in ("title", "$defs")}
    return {
        "$schema": DIALECT,
        "title": f"reportgen: {kind.title} ({kind.where})",
        "description": about,
        **rest,
        **({"$defs": generated["$defs"]} if "$defs" in generated else {}),
    }


def schema_texts() -> dict[str, str]:
    """Every schema's file name and text (JSON, two spaces, non-ASCII kept)."""
    return {
        kind.schema_file: json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in FILE_KINDS.values()
    }


def write_schemas(out: Path) -> list[Path]:
    """Write every schema into the folder ``out`` (made if missing); the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        atomic_write(out / name, text.encode("utf-8"))
        written.append(out / name)
    return written
