"""Which HTML element each structure element WeasyPrint writes comes from.

WeasyPrint builds a PDF's structure tree page by page from the laid-out boxes, and keeps
no record of the HTML element behind each structure element. The repairs in
:mod:`~reportgen.render.pdf_tags` need that record: two fragments of one paragraph on
two pages are the same element; a heading's typed text is in the HTML. While a PDF is
written, WeasyPrint's tree builder (``weasyprint.pdf.tags._build_box_tree``, a generator
taking the box first and yielding the elements it makes) is wrapped to note the box of
every element it yields, and the page margin box (``@top-center``) it sits in, if any.

The wrapper is installed once and records only inside :func:`recording`, for the calling
thread or task alone; anywhere else WeasyPrint behaves as it always does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from reportgen.exceptions import RenderError


@dataclass(frozen=True, eq=False)
class Source:
    """The HTML element a structure element was made from (``None`` for page margins)."""

    element: Any
    tag: str | None
    """The element's tag, with a pseudo-element (``a::after``, ``li::marker``)."""
    style: Any
    margin: str | None
    """The page margin box it is drawn in (``@top-center``), or None for the page body."""
    top: float
    """Where it starts on its page, in CSS pixels from the top edge."""

    @property
    def key(self) -> tuple[int, str | None]:
        """Two structure elements with the same key are fragments of one HTML element."""
        return (id(self.element), self.tag)

    def classes(self) -> list[str]:
        return [] if self.element is None else self.element.get("class", "").split()

    def typed_text(self, leave_out: str | None = None) -> str:
        """The element's text as typed (before CSS capitals), spaces collapsed, without
        the text of elements of the class ``leave_out``."""
        if self.element is None:
            return ""
        return " ".join(_text(self.element, leave_out).split())


@dataclass
class Recording:
    """The sources noted while one PDF was written, by ``id`` of the element dictionary."""

    sources: dict[int, Source] = field(default_factory=dict)
    margin: str | None = None


_CURRENT: ContextVar[Recording | None] = ContextVar("pdf_structure_recording", default=None)


@contextlib.contextmanager
def recording() -> Iterator[Recording]:
    """Note the source of every structure element WeasyPrint writes inside the block."""
    _install()
    current = Recording()
    token = _CURRENT.set(current)
    try:
        yield current
    finally:
        _CURRENT.reset(token)


def _install() -> None:
    from weasyprint.formatting_structure.boxes import MarginBox
    from weasyprint.pdf import tags

    builder = getattr(tags, "_build_box_tree", None)
    if builder is None:
        raise RenderError(
            "this WeasyPrint builds its PDF structure tree differently from the releases "
            "reportgen knows (no weasyprint.pdf.tags._build_box_tree); install weasyprint 70."
        )
    if getattr(builder, "records_sources", False):
        return
    tags._build_box_tree = _recording_builder(builder, MarginBox)


def _recording_builder(builder: Callable[..., Iterator[Any]], margin_box: Any) -> Any:
    def build_and_record(box: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        current = _CURRENT.get()
        if current is None:
            yield from builder(box, *args, **kwargs)
            return
        outer = current.margin
        if isinstance(box, margin_box):
            # A margin box's elements are all made before its generator first yields.
            current.margin = box.at_keyword
        try:
            for element in builder(box, *args, **kwargs):
                # The innermost call, which made the element, notes it first.
                current.sources.setdefault(id(element), _source(box, current.margin))
                yield element
        finally:
            current.margin = outer

    build_and_record.records_sources = True  # type: ignore[attr-defined]
    return build_and_record


def _text(element: Any, leave_out: str | None) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and leave_out not in child.get("class", "").split():
            parts.append(_text(child, leave_out))
        parts.append(child.tail or "")
    return "".join(parts)


def _source(box: Any, margin: str | None) -> Source:
    box = getattr(box, "_box", box)  # an absolutely placed box's placeholder
    tag = None if box.element is None else box.element_tag
    return Source(box.element, tag, box.style, margin, float(box.position_y))
