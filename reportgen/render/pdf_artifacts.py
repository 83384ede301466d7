"""Marked content turned into artifacts in the page content streams (before they are
written): what a screen reader should pass over, such as page numbers and a table's
header row repeated on a later page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pydyf

from reportgen.render.pdf_structure import Marked, pdf_object

ARTIFACT_HEADER = {"Type": "/Pagination", "Subtype": "/Header"}
ARTIFACT_FOOTER = {"Type": "/Pagination", "Subtype": "/Footer"}
ARTIFACT_REPEATED = {"Type": "/Pagination"}


@dataclass
class Artifacts:
    """The marked content to turn into artifacts, by page, with each one's properties."""

    pages: dict[int, dict[int, dict[str, str]]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, pieces: list[Marked], properties: dict[str, str] | None = None) -> None:
        for piece in pieces:
            self.pages[piece.page][piece.mcid] = properties or ARTIFACT_REPEATED


def mark_as_artifacts(pdf: Any, artifacts: Artifacts) -> None:
    """Rewrite ``/Span <</MCID n>> BDC`` as ``/Artifact <<...>> BDC`` for each piece, in
    the page's content stream and the streams drawn within it (which share its marks)."""
    streams = _streams_by_page(pdf)
    for page, pieces in artifacts.pages.items():
        for stream in streams[page]:
            items = stream.stream
            for index, item in enumerate(items):
                if (
                    isinstance(item, pydyf.Dictionary)
                    and item.get("MCID") in pieces
                    and index + 1 < len(items)
                    and items[index + 1] == b"BDC"
                ):
                    items[index - 1] = "/Artifact"
                    items[index] = pydyf.Dictionary(pieces[item["MCID"]])


def _streams_by_page(pdf: Any) -> dict[int, list[Any]]:
    """Each page's content stream, with the streams WeasyPrint drew inside it (groups,
    patterns), which share the page's record of marked content."""
    sharing: dict[int, list[Any]] = defaultdict(list)
    for obj in pdf.objects:
        marks = getattr(obj, "_tags", None)
        if isinstance(obj, pydyf.Stream) and marks is not None:
            sharing[id(marks)].append(obj)
    streams = {}
    for page, reference in enumerate(pdf.page_references):
        contents = pdf_object(pdf, pdf_object(pdf, reference)["Contents"])
        marks = getattr(contents, "_tags", None)
        streams[page] = sharing[id(marks)] if marks is not None else [contents]
    return streams
