"""The PDF's structure tree repaired where WeasyPrint tags what reportgen's HTML means
badly, after WeasyPrint has built it and before the PDF is written out (WeasyPrint's
``finisher``: no second reading of the file; about a tenth of a second for the
Strategic Assessment's 37 pages).

WeasyPrint builds the tree page by page, so an element that runs over a page break
becomes one element per page; it leaves what the page margins draw (running header,
page numbers) outside the tree, neither content nor artifact; it repeats a table's header
row on each page as content; a hidden caption becomes tables inside the table; and it
knows nothing of the labels reportgen types into lists. The repairs, in order:

- an element made of nothing (an empty list between list items) is left out;
- fragments of one HTML element that follow each other are joined into one element (a
  table split over pages is one Table, its header rows on later pages artifacts);
- a link's annotations and its parts are one Link, described by its text;
- a typed list label (``<span class="label">a)</span>``) is the item's Lbl;
- a table header has a /Scope, and the /Headers of the cells resolve (an /IDTree);
- a heading set in capitals by CSS reads as typed; a title repeated as an H1 is a P;
- the first page's running header (the draft notice, the agenda item) is stated once as
  content at the start; every other page margin is an artifact.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

import pydyf

from reportgen.render.pdf_artifacts import (
    ARTIFACT_FOOTER,
    ARTIFACT_HEADER,
    Artifacts,
    mark_as_artifacts,
)
from reportgen.render.pdf_links import tidy_links
from reportgen.render.pdf_sources import Source
from reportgen.render.pdf_structure import Annotated, Marked, Node, Tree, read_tree, write_tree

_KEPT_WHEN_EMPTY = {"TD", "TH", "TR"}
"""Empty table cells and rows keep the table's grid."""
_ROW_GROUPS = {"THead", "TBody", "TFoot"}
_HEADINGS = {"H1", "H2", "H3", "H4", "H5", "H6"}
_SCOPES = {"col": "/Column", "colgroup": "/Column", "row": "/Row", "rowgroup": "/Row"}


@dataclass
class Repairs:
    """What the repairs found on the way: content to make artifacts, and the ids of
    repeated header cells with the ids of the header cells they repeat."""

    artifacts: Artifacts = field(default_factory=Artifacts)
    renamed_ids: dict[str, Any] = field(default_factory=dict)


def repair_structure(pdf: Any, sources: dict[int, Source]) -> None:
    """Repair the structure tree of ``pdf`` (a pydyf PDF WeasyPrint has tagged), knowing
    the HTML element each structure element came from."""
    tree = read_tree(pdf, sources)
    repairs = Repairs()
    document = tree.document
    _leave_out_empty(document)
    _join_fragments(document, repairs)
    tidy_links(tree)
    for item in (node for node in document.walk() if node.kind == "LI"):
        _label_item(item)
    _table_headers(document, repairs.renamed_ids)
    for heading in (node for node in document.walk() if node.kind in _HEADINGS):
        _as_typed(heading)
    _one_title(document)
    _running_header_and_footer(tree, repairs.artifacts)
    _leave_out_empty(document)
    write_tree(tree)
    mark_as_artifacts(pdf, repairs.artifacts)


def _leave_out_empty(node: Node) -> bool:
    """Leave out the elements below ``node`` that hold nothing; whether ``node`` holds
    anything (marked content, an annotation) itself."""
    kids, holds = [], False
    for kid in node.kids:
        if not isinstance(kid, Node) or _leave_out_empty(kid):
            kids.append(kid)
            holds = True
        elif kid.kind in _KEPT_WHEN_EMPTY:
            kids.append(kid)
    node.kids = kids
    return holds


def _same(first: Node, second: Node) -> bool:
    """Whether two elements are fragments of one HTML element (of the page body)."""
    return (
        first.kind == second.kind
        and first.source is not None
        and second.source is not None
        and first.source.margin is None
        and first.source.key == second.source.key
    )


def _join_fragments(node: Node, repairs: Repairs) -> None:
    """Join the fragments of one element, in ``node`` and below: wrappers WeasyPrint made
    of the element itself (a table inside its own table), and pieces that follow each
    other (page by page)."""
    node.kids = _joined_kids(node)
    if node.kind == "Table":
        _one_table(node, repairs)
    for kid in node.elements():
        _join_fragments(kid, repairs)


def _joined_kids(node: Node) -> list[Node | Marked | Annotated]:
    kids: list[Node | Marked | Annotated] = []
    pending = deque(node.kids)
    while pending:
        kid = pending.popleft()
        last = kids[-1] if kids else None
        if isinstance(kid, Node) and _same(node, kid):
            pending.extendleft(reversed(kid.kids))  # the element wrapped in itself
        elif isinstance(kid, Node) and isinstance(last, Node) and _same(last, kid):
            last.kids += kid.kids
        else:
            kids.append(kid)
    return kids


def _one_table(table: Node, repairs: Repairs) -> None:
    """A table joined from its pages: its caption first, the header rows repeated on later
    pages made artifacts (their cells' ids point to the first page's), bodies joined."""
    seen: dict[tuple[int, str | None], Node] = {}
    kids: list[Node | Marked | Annotated] = []
    for kid in table.kids:
        key = kid.source.key if isinstance(kid, Node) and kid.source else None
        if isinstance(kid, Node) and kid.kind in ("THead", "TFoot") and key in seen:
            repairs.artifacts.add(kid.content())
            repairs.renamed_ids |= _ids_of_first(kid, seen[key])
            continue
        if isinstance(kid, Node) and key is not None:
            seen.setdefault(key, kid)
        kids.append(kid)
    captions = [kid for kid in kids if isinstance(kid, Node) and kid.kind == "Caption"]
    table.kids = captions + [kid for kid in kids if kid not in captions]
    table.kids = _joined_kids(table)  # the bodies either side of a repeated header


def _ids_of_first(repeated: Node, first: Node) -> dict[str, Any]:
    """The id of each of a repeated header's cells, with the id of the cell it repeats,
    so the cells below it on later pages can name headers that are in the tree."""
    firsts = {cell.source.key: cell for cell in first.walk() if cell.source and cell.kind == "TH"}
    renamed = {}
    for cell in repeated.walk():
        original = firsts.get(cell.source.key) if cell.source else None
        if cell.kind == "TH" and original is not None and "ID" in cell.obj:
            renamed[cell.obj["ID"].string] = original.obj["ID"]
    return renamed


def _label_item(item: Node) -> None:
    """A list item whose body starts with a typed label (``<span class="label">``): the
    label becomes the item's Lbl, before its body."""
    if any(kid.kind == "Lbl" for kid in item.elements()):
        return
    body = next((kid for kid in item.elements() if kid.kind == "LBody"), None)
    label = _first_label(body) if body is not None else None
    if body is None or label is None:
        return
    holder, span = label
    holder.kids.remove(span)
    span.kind = "Lbl"
    item.kids.insert(item.kids.index(body), span)


def _first_label(node: Node) -> tuple[Node, Node] | None:
    """The label span that starts ``node``'s content, and the element holding it."""
    for kid in node.kids:
        if isinstance(kid, Marked):
            return None
        if not isinstance(kid, Node) or kid.is_empty():
            continue
        if kid.source is not None and "label" in kid.source.classes():
            return node, kid
        return _first_label(kid)
    return None


def _table_headers(document: Node, renamed_ids: dict[str, Any]) -> None:
    """Each header cell says whether it heads a column or a row; each cell's /Headers
    names ids that are in the tree."""
    for table in (node for node in document.walk() if node.kind == "Table"):
        for group in [table, *[kid for kid in table.elements() if kid.kind in _ROW_GROUPS]]:
            for row in (kid for kid in group.elements() if kid.kind == "TR"):
                for cell in row.elements():
                    _cell(cell, group.kind == "THead", renamed_ids)


def _cell(cell: Node, in_header: bool, renamed_ids: dict[str, Any]) -> None:
    if cell.kind not in ("TH", "TD") or cell.obj is None:
        return
    attributes = cell.obj.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
    if cell.kind == "TH":
        scope = cell.source.element.get("scope", "") if cell.source else ""
        attributes["Scope"] = _SCOPES.get(scope, "/Column" if in_header else "/Row")
    if "Headers" in attributes:
        attributes["Headers"] = pydyf.Array(
            [renamed_ids.get(name.string, name) for name in attributes["Headers"]]
        )


def _as_typed(heading: Node) -> None:
    """A heading in capitals by CSS (``text-transform``) reads as typed: its glyphs are
    capitals, so its /ActualText carries the typed text."""
    source = heading.source
    if source is None or source.style is None or heading.obj is None:
        return
    transformed = any(
        node.source is not None
        and node.source.style is not None
        and node.source.style["text_transform"] != "none"
        for node in heading.walk()
    )
    if transformed:
        heading.obj["ActualText"] = pydyf.String(source.typed_text())


def _one_title(document: Node) -> None:
    """A title repeated as a heading (the report's title again at the head of its text)
    is a paragraph: a document has one H1 of each title."""
    titles = set()
    for heading in (node for node in document.walk() if node.kind == "H1"):
        title = heading.source.typed_text().casefold() if heading.source else ""
        if title in titles:
            heading.kind = "P"
        titles.add(title)


def _running_header_and_footer(tree: Tree, artifacts: Artifacts) -> None:
    """The first page's running header is content, first in the document (a screen reader
    hears "DRAFT: not yet signed off" or "Agenda Item 8" once); the rest of every page
    margin (headers, page numbers) is an artifact."""
    stated = []
    for margin in tree.margins:
        header = margin.source is not None and str(margin.source.margin).startswith("@top")
        if header and margin.page == 0 and not margin.is_empty():
            stated.append(Node("P", 0, None, list(margin.kids)))
        else:
            artifacts.add(margin.content(), ARTIFACT_HEADER if header else ARTIFACT_FOOTER)
    tree.document.kids[0:0] = stated
