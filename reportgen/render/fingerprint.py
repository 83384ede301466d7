"""What a rendered file is made from, as one hash: a document's fingerprint.

A document's files are rendered from the computed document alone — every text, figure,
table, picture (its bytes) and chart (its figures) is in it, and so is the house style —
with whether it is a draft, the template folders and the tools: reportgen's own code,
the libraries that render, and whether LibreOffice is there to number a Word contents
page. The fingerprint hashes all of those, so two builds that give a document the same
fingerprint would write the same files, and the second reuses the first's
(:mod:`reportgen.write.stamps`). An edit changes only the fingerprints of the documents
whose content it changes: a word in the plan's introduction re-renders the plan, a line
of sections.yaml the committee report, a shared library text every document printing it.

The computed document is hashed by its values (:func:`content_digest`), field by field,
in a form that does not depend on the process (no object identities, sets sorted); a
value of a kind it does not know stops the build rather than be skipped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
from collections.abc import Callable
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel


def document_fingerprint(document: Any, name: str, draft: bool, made_with: str) -> str:
    """The fingerprint of a computed document's files (``name``: the document, whose
    templates are used; ``made_with``: the tools and templates,
    :func:`reportgen.render.tools.made_with`)."""
    digest = hashlib.sha256()
    for part in (name, "draft" if draft else "final", made_with):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(content_digest(document))
    return digest.hexdigest()


def content_digest(value: Any) -> bytes:
    """A hash of ``value`` by what it holds, the same in every process: computed
    documents (dataclasses), the content model's values (pydantic models), text,
    numbers, dates, paths, bytes and their lists, tuples, sets and dicts."""
    parts: list[str] = []
    _describe(value, parts)
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).digest()


def _describe(value: Any, parts: list[str]) -> None:
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        parts.append(f"{kind.__name__}:{value!r}")
    elif kind in (list, tuple):
        parts.append(f"{kind.__name__}[{len(value)}")
        for item in value:
            _describe(item, parts)
    elif kind is dict:
        parts.append(f"dict[{len(value)}")
        for key, item in value.items():
            _describe(key, parts)
            _describe(item, parts)
    else:
        _describe_other(value, parts)


def _describe_other(value: Any, parts: list[str]) -> None:
    kind = type(value)
    named = f"{kind.__module__}.{kind.__qualname__}"
    for known, describe in _DESCRIPTIONS:
        if isinstance(value, known):
            parts.append(f"{named}:{describe(value)}")
            return
    inside = _parts_of(value)
    if inside is None:
        raise TypeError(f"a computed document holds a {named}, which is not fingerprinted")
    parts.append(f"{named}({len(inside)}")
    for key, item in inside:
        parts.append(key)
        _describe(item, parts)


def _parts_of(value: Any) -> list[tuple[str, Any]] | None:
    """A structured value's parts, named; None for a value of a kind not known here."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # fields left out of comparison are a value's caches, not its content
        fields = [item.name for item in dataclasses.fields(value) if item.compare]
        return [(name, getattr(value, name)) for name in fields]
    if isinstance(value, BaseModel):
        found = [(name, getattr(value, name)) for name in type(value).model_fields]
        return [*found, ("extra", value.model_extra or {})]
    if isinstance(value, list | tuple):  # a named tuple, a list of a kind of its own
        return [(str(index), item) for index, item in enumerate(value)]
    if isinstance(value, set | frozenset):
        return [(digest, None) for digest in sorted(content_digest(x).hex() for x in value)]
    return None


_DESCRIPTIONS: list[tuple[type | tuple[type, ...], Callable[[Any], str]]] = [
    ((str, int, float), repr),  # subclasses of text and numbers
    (bytes, lambda data: hashlib.sha256(data).hexdigest()),
    (PurePath, str),
    (enum.Enum, lambda member: repr(member.value)),
    ((dt.date, dt.datetime, dt.time), lambda moment: moment.isoformat()),
    (Decimal, str),
]
