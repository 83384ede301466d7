"""Every check of tests/pdf_checks.py shown to fire. A PDF reportgen built passes them all;
each case breaks, with pikepdf, the one property a check guards in a copy of it, and that
check, and only it, reports a defect. A check added without a case here fails
``test_every_check_has_a_case``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from tests.pdf_audit import Audit, Content, Element, read
from tests.pdf_checks import CHECKS, defects

Source = tuple[str, str]
REPORT: Source = ("2018-19", "committee-report")
"""Seven pages with a table, a list and a paragraph going on over page breaks."""
ASSESSMENT: Source = ("2016-17", "strategic-assessment")
"""With contents links and a chart."""
Node = pikepdf.Object
"""A structure element in the copy (a dictionary)."""
Operators = list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage]
Breaking = Callable[[pikepdf.Pdf, Audit], None]
"""Breaks one property of a copy (``pdf``) of the PDF ``audit`` read."""


@pytest.fixture(scope="module")
def originals(built_samples: dict[str, Path]) -> dict[Source, tuple[bytes, Audit]]:
    """Each source PDF's bytes and its audit, which finds no defect."""
    found = {}
    for year, name in (REPORT, ASSESSMENT):
        path = built_samples[year] / f"{name}.pdf"
        audit = read(path)
        assert defects(audit) == {}
        found[(year, name)] = (path.read_bytes(), audit)
    return found


# Finding and making structure elements in the copy.


def _node(pdf: pikepdf.Pdf, element: Element) -> Node:
    """``element`` of the original, in the copy (opened from the same bytes)."""
    return pdf.get_object(element.objgen)


def _first(pdf: pikepdf.Pdf, audit: Audit, kind: str) -> Node:
    return _node(pdf, audit.elements(kind)[0])


def _kids(node: Node) -> Node:
    """The element's /K, made an array if it was one kid."""
    kids = node.get("/K")
    if not isinstance(kids, Array):
        node.K = Array([] if kids is None else [kids])
    return node.K


def _index(siblings: Node, node: Node) -> int:
    return next(
        index
        for index, kid in enumerate(siblings)
        if isinstance(kid, Dictionary) and kid.objgen == node.objgen
    )


def _new_element(pdf: pikepdf.Pdf, kind: str, parent: Node, kids: Sequence[object]) -> Node:
    node = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name(kind), P=parent, K=Array(kids))
    )
    for kid in kids:
        if isinstance(kid, Dictionary) and "/S" in kid:
            kid.P = node
    return node


def _wrap(pdf: pikepdf.Pdf, node: Node, *kinds: str) -> None:
    """Put ``node``, in its place, inside new elements of ``kinds`` (outermost first)."""
    parent = node.P
    siblings = _kids(parent)
    index = _index(siblings, node)
    inner = node
    for kind in reversed(kinds):
        inner = _new_element(pdf, kind, parent, [inner])
    siblings[index] = inner


def _retag(node: Node, kind: str) -> None:
    node.S = Name(kind)


def _parent_array(pdf: pikepdf.Pdf, page: int) -> Node:
    """The parent tree's entry for a page: the element holding each marked-content id."""
    key = int(pdf.pages[page].obj.StructParents)
    return pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)[key]


def _cut_at_page_break(pdf: pikepdf.Pdf, audit: Audit, element: Element) -> None:
    """Cut ``element`` in two where its content goes on to the next page, as WeasyPrint
    tags it: a new element of its type, after it, holds the rest."""
    content = element.all_content()
    first_on_next_page = next(piece for piece in content if piece[0] > content[0][0])
    node = _node(pdf, element)
    rest = _split(pdf, audit, node, first_on_next_page)
    siblings = _kids(node.P)
    siblings.insert(_index(siblings, node) + 1, rest)


def _split(pdf: pikepdf.Pdf, audit: Audit, node: Node, piece: Content) -> Node:
    """Move what ``node`` holds from ``piece`` on into a new element of its type (cutting
    the kid holding ``piece`` in two if need be); returns the new element."""
    kids = list(_kids(node))
    index, held = next(
        (index, held)
        for index, kid in enumerate(kids)
        if piece in (held := _held(audit, node, kid))
    )
    if held[0] == piece:
        kept, moved = kids[:index], kids[index:]
    else:
        kept, moved = (
            kids[: index + 1],
            [_split(pdf, audit, kids[index], piece), *kids[index + 1 :]],
        )
    node.K = Array(kept)
    rest = _new_element(pdf, str(node.S), node.P, moved)
    for key in ("/Pg", "/A"):
        if key in node:
            rest[key] = node[key]
    for kid in moved:
        if not isinstance(kid, Dictionary) or kid.get("/Type") == "/MCR":
            page, mcid = _held(audit, node, kid)[0]
            _parent_array(pdf, page)[mcid] = rest
    return rest


def _held(audit: Audit, node: Node, kid: object) -> list[Content]:
    """The marked content ``kid``, one of ``node``'s kids in the original, holds."""
    element = next(e for e in audit.elements() if e.objgen == node.objgen)
    if isinstance(kid, int):
        assert element.page is not None
        return [(element.page, kid)]
    assert isinstance(kid, Dictionary)
    if kid.get("/Type") == "/MCR":
        pages = {page.obj.objgen: index for index, page in enumerate(audit.pdf.pages)}
        page = pages[kid.Pg.objgen] if "/Pg" in kid else element.page
        assert page is not None
        return [(page, int(kid.MCID))]
    if kid.get("/Type") == "/OBJR":
        return []
    return next(e for e in audit.elements() if e.objgen == kid.objgen).all_content()


def _spanning(audit: Audit, kind: str) -> Element:
    """The first ``kind`` element whose content goes on over a page break."""
    return next(
        e
        for e in audit.elements(kind)
        if len({page for page, _ in e.all_content()}) > 1
        and not any(a.kind == kind for a in e.ancestors())
    )


# Page content: the running footer ("Page 3 of 7"), an artifact.


def _footer(pdf: pikepdf.Pdf, page: int) -> tuple[Operators, int]:
    """The page's drawing operators, and where its footer artifact starts."""
    operators: Operators = list(pikepdf.parse_content_stream(pdf.pages[page]))
    start = next(
        index
        for index, drawing in enumerate(operators)
        if str(drawing.operator) == "BDC" and drawing.operands[1].get("/Subtype") == "/Footer"
    )
    return operators, start


def _redraw(pdf: pikepdf.Pdf, page: int, operators: Operators) -> None:
    pdf.pages[page].Contents = pdf.make_stream(pikepdf.unparse_content_stream(operators))


def _footer_as_content(pdf: pikepdf.Pdf, audit: Audit, page: int) -> int:
    """Mark the page's footer as content (a new marked-content id, returned) instead of
    an artifact."""
    mcid = 1 + max(mcid for on, mcid in audit.marked if on == page)
    operators, start = _footer(pdf, page)
    operands = [Name.Span, Dictionary(MCID=mcid)]
    operators[start] = pikepdf.ContentStreamInstruction(operands, pikepdf.Operator("BDC"))
    _redraw(pdf, page, operators)
    return mcid


# The breaking functions, one for each check.


def _no_language(pdf: pikepdf.Pdf, audit: Audit) -> None:
    del pdf.Root.Lang


def _no_pdf_ua_claim(pdf: pikepdf.Pdf, audit: Audit) -> None:
    with pdf.open_metadata(update_docinfo=False) as xmp:
        del xmp["pdfuaid:part"]


def _not_marked(pdf: pikepdf.Pdf, audit: Audit) -> None:
    pdf.Root.MarkInfo.Marked = False


def _title_not_shown(pdf: pikepdf.Pdf, audit: Audit) -> None:
    del pdf.Root.ViewerPreferences.DisplayDocTitle


def _header_without_scope(pdf: pikepdf.Pdf, audit: Audit) -> None:
    attributes = _first(pdf, audit, "/TH").A
    for entry in attributes if isinstance(attributes, Array) else [attributes]:
        if "/Scope" in entry:
            del entry.Scope


def _headers_without_id_tree(pdf: pikepdf.Pdf, audit: Audit) -> None:
    del pdf.Root.StructTreeRoot.IDTree


def _footer_as_content_outside_the_tree(pdf: pikepdf.Pdf, audit: Audit) -> None:
    _footer_as_content(pdf, audit, page=0)


def _parent_tree_swapped(pdf: pikepdf.Pdf, audit: Audit) -> None:
    """Two pieces of the first page's content each mapped to the other's element."""
    holders = _parent_array(pdf, 0)
    other = next(i for i, e in enumerate(holders) if e.objgen != holders[0].objgen)
    holders[0], holders[other] = holders[other], holders[0]


def _footer_untagged(pdf: pikepdf.Pdf, audit: Audit) -> None:
    operators, start = _footer(pdf, 0)
    depth = 0
    for end in range(start, len(operators)):
        depth += {"BDC": 1, "BMC": 1, "EMC": -1}.get(str(operators[end].operator), 0)
        if depth == 0:
            break
    del operators[end], operators[start]
    _redraw(pdf, 0, operators)


def _page_number_read(pdf: pikepdf.Pdf, audit: Audit) -> None:
    """The last page's footer read, as a paragraph, at the end of the document."""
    page = len(pdf.pages) - 1
    mcid = _footer_as_content(pdf, audit, page)
    document = _node(pdf, audit.document)
    paragraph = _new_element(pdf, "/P", document, [mcid])
    paragraph.Pg = pdf.pages[page].obj
    _kids(document).append(paragraph)
    holders = _parent_array(pdf, page)
    assert len(holders) == mcid
    holders.append(paragraph)


def _draft_notice_last(pdf: pikepdf.Pdf, audit: Audit) -> None:
    kids = _kids(_node(pdf, audit.document))
    kids.append(kids[0])
    del kids[0]


def _rows_untagged(pdf: pikepdf.Pdf, audit: Audit) -> None:
    for kid in _kids(_first(pdf, audit, "/Table")):
        if kid.S in ("/THead", "/TBody", "/TFoot", "/TR"):
            _retag(kid, "/Div")


def _table_in_a_table(pdf: pikepdf.Pdf, audit: Audit) -> None:
    _wrap(pdf, _first(pdf, audit, "/Table"), "/Table", "/TR", "/TD")


def _second_header_row_group(pdf: pikepdf.Pdf, audit: Audit) -> None:
    _retag(_node(pdf, audit.elements("/TBody")[-1]), "/THead")


def _table_cut(pdf: pikepdf.Pdf, audit: Audit) -> None:
    _cut_at_page_break(pdf, audit, _spanning(audit, "/Table"))


def _list_cut(pdf: pikepdf.Pdf, audit: Audit) -> None:
    _cut_at_page_break(pdf, audit, _spanning(audit, "/L"))


def _paragraph_cut(pdf: pikepdf.Pdf, audit: Audit) -> None:
    _cut_at_page_break(pdf, audit, _spanning(audit, "/P"))


def _part_cut(pdf: pikepdf.Pdf, audit: Audit) -> None:
    _cut_at_page_break(pdf, audit, audit.elements("/Part")[0])


def _empty_list(pdf: pikepdf.Pdf, audit: Audit) -> None:
    part = _first(pdf, audit, "/Part")
    _kids(part).append(_new_element(pdf, "/L", part, []))


def _label_in_the_body(pdf: pikepdf.Pdf, audit: Audit) -> None:
    _retag(_first(pdf, audit, "/Lbl"), "/Span")


def _link_undescribed(pdf: pikepdf.Pdf, audit: Audit) -> None:
    annotation, _ = audit.elements("/Link")[0].annotations[0]
    del pdf.get_object(annotation.objgen).Contents


def _link_in_a_link(pdf: pikepdf.Pdf, audit: Audit) -> None:
    _wrap(pdf, _first(pdf, audit, "/Link"), "/Link")


def _second_h1(pdf: pikepdf.Pdf, audit: Audit) -> None:
    _retag(_first(pdf, audit, "/H2"), "/H1")


def _heading_read_in_capitals(pdf: pikepdf.Pdf, audit: Audit) -> None:
    """The first H2 ("Executive Summary", in capitals by CSS) read as drawn."""
    del _first(pdf, audit, "/H2").ActualText


def _bookmark_with_a_colon(pdf: pikepdf.Pdf, audit: Audit) -> None:
    with pdf.open_outline() as outline:
        outline.root[0].children[0].title += ":"


def _bookmark_repeated(pdf: pikepdf.Pdf, audit: Audit) -> None:
    with pdf.open_outline() as outline:
        first, second, *_ = outline.root[0].children
        second.title = first.title


def _agenda_item_twice(pdf: pikepdf.Pdf, audit: Audit) -> None:
    """The first page says "Agenda Item 8" twice (artifacts, in Helvetica, one above the
    other: pdfium reads text drawn twice in one place once)."""
    page = pdf.pages[0]
    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    name = page.add_resource(font, Name.Font, prefix="F")
    text = "".join(
        f"/Artifact BMC BT {name} 8 Tf 20 {y} Td (Agenda Item 8) Tj ET EMC\n" for y in (20, 40)
    )
    page.contents_add(pdf.make_stream(text.encode()))


def _appendix_without_its_cover(pdf: pikepdf.Pdf, audit: Audit) -> None:
    """The document's bookmark (to its first page) named for an appendix."""
    with pdf.open_outline() as outline:
        outline.root[0].title = "Appendix 2: Plan"


def _figure_without_alt(pdf: pikepdf.Pdf, audit: Audit) -> None:
    del _first(pdf, audit, "/Figure").Alt


CASES: list[tuple[str, Source, Breaking]] = [
    ("pdf_ua_identification", REPORT, _no_language),
    ("pdf_ua_identification", REPORT, _no_pdf_ua_claim),
    ("pdf_ua_identification", REPORT, _not_marked),
    ("pdf_ua_identification", REPORT, _title_not_shown),
    ("table_headers_without_scope", REPORT, _header_without_scope),
    ("table_headers_unresolved", REPORT, _headers_without_id_tree),
    ("content_outside_the_tree", REPORT, _footer_as_content_outside_the_tree),
    ("parent_tree_mismatches", REPORT, _parent_tree_swapped),
    ("untagged_content", REPORT, _footer_untagged),
    ("running_text_in_the_tree", REPORT, _page_number_read),
    ("draft_status", REPORT, _draft_notice_last),
    ("tables_without_rows", REPORT, _rows_untagged),
    ("tables_in_tables", REPORT, _table_in_a_table),
    ("header_rows_repeated", REPORT, _second_header_row_group),
    ("tables_cut_at_page_breaks", REPORT, _table_cut),
    ("lists_cut_at_page_breaks", REPORT, _list_cut),
    ("paragraphs_cut_at_page_breaks", REPORT, _paragraph_cut),
    ("split_parts", REPORT, _part_cut),
    ("empty_elements", REPORT, _empty_list),
    ("list_labels_outside_lbl", REPORT, _label_in_the_body),
    ("link_descriptions", ASSESSMENT, _link_undescribed),
    ("extra_links", ASSESSMENT, _link_in_a_link),
    ("h1_per_document", REPORT, _second_h1),
    ("headings_not_as_typed", REPORT, _heading_read_in_capitals),
    ("bookmark_trailing_colons", REPORT, _bookmark_with_a_colon),
    ("bookmark_duplicates", REPORT, _bookmark_repeated),
    ("duplicate_running_text", REPORT, _agenda_item_twice),
    ("appendix_covers", REPORT, _appendix_without_its_cover),
    ("figures_without_alt", ASSESSMENT, _figure_without_alt),
]


def test_every_check_has_a_case() -> None:
    assert {name for name, _, _ in CASES} == {check.__name__ for check in CHECKS}


@pytest.mark.parametrize(
    "check, source, breaking",
    CASES,
    ids=[f"{name}-{breaking.__name__[1:]}" for name, _, breaking in CASES],
)
def test_the_check_finds_its_property_broken(
    originals: dict[Source, tuple[bytes, Audit]],
    tmp_path: Path,
    check: str,
    source: Source,
    breaking: Breaking,
) -> None:
    data, audit = originals[source]
    with pikepdf.open(BytesIO(data)) as pdf:
        breaking(pdf, audit)
        broken = tmp_path / f"{source[1]}.pdf"
        pdf.save(broken)
    found = defects(read(broken))
    assert list(found) == [check], found
