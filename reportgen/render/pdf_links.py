"""Links in the structure tree: one Link element per link, holding one annotation,
described (/Contents) by the link's text.

WeasyPrint makes a Link element for an ``<a>``, another for its ``::after`` (a contents
entry's page number) inside it, and an annotation for every box within the link (a
contents entry's label, each line of a link that wraps), each described by the anchor's
id. The annotations of one link become one, over the same areas (its /QuadPoints)."""

from __future__ import annotations

from typing import Any

import pydyf

from reportgen.render.pdf_structure import Annotated, Node, Tree, pdf_object

Area = tuple[float, float, float, float]
"""A rectangle on the page: left, bottom, right, top."""


def tidy_links(tree: Tree) -> None:
    """Make every outermost Link one element with one annotation (one a page, for a
    link cut by a page break), described by the link's text."""
    dropped: list[Annotated] = []
    for link in _outermost_links(tree.document):
        _flatten(link)
        areas: dict[tuple[int | None, str], tuple[Annotated, list[Area]]] = {}
        for annotated in _take_annotations(link):
            target = (annotated.page, _target(annotated))
            if target in areas:
                areas[target][1].append(_area(annotated))
                dropped.append(annotated)
            else:
                areas[target] = (annotated, [_area(annotated)])
        for kept, kept_areas in areas.values():
            _cover(kept, kept_areas)
        link.kids[0:0] = [kept for kept, _ in areas.values()]
        _describe(link, [kept for kept, _ in areas.values()])
    _remove_from_pages(tree, dropped)


def _outermost_links(node: Node) -> list[Node]:
    if node.kind == "Link":
        return [node]
    return [link for kid in node.elements() for link in _outermost_links(kid)]


def _flatten(link: Node) -> None:
    """Links inside the link (its ``::after``) become part of it."""
    kids: list[Any] = []
    for kid in link.kids:
        if isinstance(kid, Node):
            _flatten(kid)
            if kid.kind == "Link":
                kids += kid.kids
                continue
        kids.append(kid)
    link.kids = kids


def _take_annotations(node: Node) -> list[Annotated]:
    """Every annotation held in ``node`` or below, taken out of where it was."""
    taken = [kid for kid in node.kids if isinstance(kid, Annotated)]
    node.kids = [kid for kid in node.kids if not isinstance(kid, Annotated)]
    for kid in node.elements():
        taken += _take_annotations(kid)
    return taken


def _target(annotated: Annotated) -> str:
    annotation = annotated.annotation
    if "Dest" in annotation:
        return f"#{annotation['Dest'].string}"
    action = annotation.get("A", {})
    return str(action["URI"].string) if "URI" in action else ""


def _area(annotated: Annotated) -> Area:
    x1, y1, x2, y2 = (float(value) for value in annotated.annotation["Rect"])
    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


def _cover(annotated: Annotated, areas: list[Area]) -> None:
    """Make the annotation cover all ``areas``: a rectangle around them, and each area
    (but one inside another) as a quadrilateral, where a reader follows the link."""
    if len(areas) < 2:
        return
    distinct: list[Area] = []
    for area in sorted(areas, key=lambda a: (a[2] - a[0]) * (a[3] - a[1]), reverse=True):
        if not any(_within(area, larger) for larger in distinct):
            distinct.append(area)
    annotation = annotated.annotation
    left, bottom = min(a[0] for a in distinct), min(a[1] for a in distinct)
    annotation["Rect"] = pydyf.Array(
        [left, bottom, max(a[2] for a in distinct), max(a[3] for a in distinct)]
    )
    if len(distinct) > 1:
        annotation["QuadPoints"] = pydyf.Array(
            [value for x1, y1, x2, y2 in distinct for value in (x1, y2, x2, y2, x1, y1, x2, y1)]
        )


def _within(inner: Area, outer: Area, margin: float = 0.5) -> bool:
    return (
        inner[0] >= outer[0] - margin
        and inner[1] >= outer[1] - margin
        and inner[2] <= outer[2] + margin
        and inner[3] <= outer[3] + margin
    )


def _describe(link: Node, annotations: list[Annotated]) -> None:
    if link.source is None or link.source.element is None:
        return
    text = link.source.typed_text(leave_out="label")
    if text:
        for annotated in annotations:
            annotated.annotation["Contents"] = pydyf.String(text)


def _remove_from_pages(tree: Tree, dropped: list[Annotated]) -> None:
    if not dropped:
        return
    references = {bytes(annotated.annotation.reference) for annotated in dropped}
    for reference in tree.pdf.page_references:
        page = pdf_object(tree.pdf, reference)
        if "Annots" in page:
            page["Annots"] = pydyf.Array(
                [kept for kept in page["Annots"] if bytes(kept) not in references]
            )
    for annotated in dropped:  # no reader that scans every object should meet them
        annotated.annotation.clear()
        pdf_object(tree.pdf, annotated.reference).clear()
