"""The checks of a PDF's structure (issue 14), on a PDF read by tests/pdf_audit.py. Each
returns the defects it found, described, so a failing test says where; ``defects`` runs
them all."""

from __future__ import annotations

import re
from itertools import pairwise

from tests.pdf_audit import (
    CELLS,
    HEADINGS,
    ROW_GROUPS,
    Audit,
    Bookmark,
    Element,
    all_bookmarks,
)

_PAGE_NUMBER = re.compile(r"Page \d+(?: of \d+)?")
"""A page number as the footer prints it: "Page 3 of 42", or "Page 39" in a pack
numbered from the committee system's page."""
_AGENDA_ITEM = re.compile(r"Agenda Item \d+")
_TYPED_LABEL = re.compile(
    r"^(\(?[a-z]{1,2}\)|\(?[ivxlc]{1,5}\)|\d{1,2}(\.\d{1,2})*[.)]?|[\u2022\u25e6\u25aa\u2013-])(\s|$)"
)
"""A label typed at the start of a list item: a), (iv), 1., 2.1, a bullet or a dash."""
_ID_LIKE = re.compile(r"^[\w.:-]*[-_][\w.:-]*$")


def _where(audit: Audit, element: Element) -> str:
    page = "?" if element.page is None else element.page + 1
    return f"page {page}: {element.kind[1:]} {audit.text_of(element)[:60]!r}"


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def pdf_ua_identification(audit: Audit) -> list[str]:
    """PDF/UA-1 claimed, with a title shown as the window's title, language en-GB, marked."""
    root, problems = audit.pdf.Root, []
    with audit.pdf.open_metadata() as xmp:
        if str(xmp.get("pdfuaid:part", "")) != "1":
            problems.append("no pdfuaid:part 1 in the XMP")
        if not str(xmp.get("dc:title", "")).strip():
            problems.append("no dc:title")
    if str(root.get("/Lang", "")) != "en-GB":
        problems.append(f"language {root.get('/Lang')!r}")
    if not root.get("/MarkInfo", {}).get("/Marked", False):
        problems.append("not marked as tagged")
    if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
        problems.append("the title is not shown as the window's title")
    return problems


def table_headers_without_scope(audit: Audit) -> list[str]:
    return [_where(audit, e) for e in audit.elements("/TH") if "/Scope" not in e.attributes]


def table_headers_unresolved(audit: Audit) -> list[str]:
    """Cells whose /Headers name ids the tree's /IDTree does not have."""
    return [
        _where(audit, e)
        for e in audit.elements(*CELLS)
        if any(str(name) not in audit.ids for name in e.attributes.get("/Headers", []))
    ]


def content_outside_the_tree(audit: Audit) -> list[str]:
    """Marked content (not an artifact) that no element of the tree holds."""
    outside = audit.marked - set(audit.document.all_content())
    return [
        f"page {page + 1}: {audit.text.get((page, mcid), '')!r}" for page, mcid in sorted(outside)
    ]


def parent_tree_mismatches(audit: Audit) -> list[str]:
    """The parent tree names, for each piece of content and each link annotation, the
    element that holds it."""
    problems = []
    for element in audit.elements():
        for item in element.items:
            if not isinstance(item, Element) and audit.parents.get(item) != element.objgen:
                problems.append(f"{_where(audit, element)}: content {item} not mapped to it")
        for annotation, _ in element.annotations:
            key = int(annotation.get("/StructParent", -1))
            if audit.parents.get(key) != element.objgen:
                problems.append(f"{_where(audit, element)}: annotation {key} not mapped to it")
    return problems


def untagged_content(audit: Audit) -> list[str]:
    return [f"{audit.untagged_text} drawing operators"] if audit.untagged_text else []


def running_text_in_the_tree(audit: Audit) -> list[str]:
    """Page numbers, and the agenda item beyond its one statement, read as content."""
    text = " ".join(audit.text.get(piece, "") for piece in audit.document.all_content())
    found = _PAGE_NUMBER.findall(text)
    found += _AGENDA_ITEM.findall(text)[1:]
    return found


def draft_status(audit: Audit) -> list[str]:
    """A draft (DRAFT at the top of its first page) says so once, first, as content, and in
    its title or subject; a final says DRAFT nowhere."""
    draft = "DRAFT" in audit.page_text[0]
    pieces = [audit.text.get(piece, "") for piece in audit.document.all_content()]
    mentions = sum(piece.count("DRAFT") for piece in pieces)
    info = audit.pdf.docinfo
    metadata = f"{info.get('/Title', '')} {info.get('/Subject', '')}".casefold()
    if not draft:
        return ["DRAFT in the tree of a final"] * mentions + (
            ["draft in the title or subject of a final"] if "draft" in metadata else []
        )
    problems = [] if mentions == 1 else [f"DRAFT said {mentions} times as content"]
    first = next((piece for piece in pieces if piece.strip()), "")
    if "DRAFT" not in first:
        problems.append(f"the first content is {first!r}, not the draft notice")
    if "draft" not in metadata:
        problems.append("neither the title nor the subject says draft")
    return problems


def tables_without_rows(audit: Audit) -> list[str]:
    return [_where(audit, table) for table in audit.elements("/Table") if not _rows(table)]


def _rows(table: Element) -> list[Element]:
    rows = []
    for kid in table.kids:
        if kid.kind == "/TR":
            rows.append(kid)
        elif kid.kind in ROW_GROUPS:
            rows += [row for row in kid.kids if row.kind == "/TR"]
    return rows


def tables_in_tables(audit: Audit) -> list[str]:
    return [
        _where(audit, e)
        for e in audit.elements("/Table")
        if any(a.kind == "/Table" for a in e.ancestors())
    ]


def header_rows_repeated(audit: Audit) -> list[str]:
    """Tables with more than one header row group (a header repeated on each page)."""
    return [
        _where(audit, table)
        for table in audit.elements("/Table")
        if sum(kid.kind == "/THead" for kid in table.kids) > 1
    ]


def _continued(audit: Audit, kind: str) -> list[tuple[Element, Element]]:
    """Pairs of ``kind`` elements that follow each other with no content between, the
    second starting on the page after the first ends: one thing cut at a page break."""
    order = {piece: index for index, piece in enumerate(audit.document.all_content())}
    spans = []
    for element in audit.elements(kind):
        content = element.all_content()
        if content:
            spans.append((order[content[0]], order[content[-1]], element, content))
    spans.sort(key=lambda span: span[0])
    pairs = []
    for (_, end, first, before), (start, _, second, after) in pairwise(spans):
        if (
            start == end + 1
            and after[0][0] == before[-1][0] + 1
            and first not in second.ancestors()
        ):
            pairs.append((first, second))
    return pairs


def tables_cut_at_page_breaks(audit: Audit) -> list[str]:
    return [_where(audit, second) for _, second in _continued(audit, "/Table")]


def lists_cut_at_page_breaks(audit: Audit) -> list[str]:
    cut = [_where(audit, second) for _, second in _continued(audit, "/L")]
    return cut + [
        _where(audit, second)
        for first, second in _continued(audit, "/LI")
        if _label(first) and not _label(second)
    ]


def paragraphs_cut_at_page_breaks(audit: Audit) -> list[str]:
    """Consecutive paragraphs across a page break, the second starting in lower case."""
    return [
        _where(audit, second)
        for _, second in _continued(audit, "/P")
        if re.match(r"[a-z]", audit.text_of(second))
    ]


def split_parts(audit: Audit) -> list[str]:
    """More than one Part (the document's main content) for one document."""
    return [_where(audit, part) for part in audit.elements("/Part")[1:]]


def empty_elements(audit: Audit) -> list[str]:
    """Elements that hold nothing (an empty table cell or row is allowed: it keeps the
    table's grid)."""
    return [
        _where(audit, e)
        for e in audit.elements()
        if e is not audit.document
        and e.kind not in ("/TD", "/TH", "/TR")
        and not e.all_content()
        and not _annotated(e)
    ]


def _annotated(element: Element) -> bool:
    return any(e.annotations for e in element.walk())


def _label(item: Element) -> Element | None:
    return next((kid for kid in item.kids if kid.kind == "/Lbl"), None)


def list_labels_outside_lbl(audit: Audit) -> list[str]:
    """List items whose label ("a)", "1.", "2.1") is typed in the body, not an Lbl."""
    return [
        _where(audit, item)
        for item in audit.elements("/LI")
        if _label(item) is None and _TYPED_LABEL.match(audit.text_of(item))
    ]


def link_descriptions(audit: Audit) -> list[str]:
    """Link annotations whose /Contents is missing, an anchor id, or not the link's text."""
    problems = []
    for link in audit.elements("/Link"):
        text = _letters(audit.text_of(link))
        for annotation, _ in (a for e in link.walk() for a in e.annotations):
            contents = str(annotation.get("/Contents", "")).strip()
            if not contents or _ID_LIKE.match(contents) or _letters(contents) not in text:
                problems.append(f"{_where(audit, link)} described as {contents!r}")
    return problems


def extra_links(audit: Audit) -> list[str]:
    """More than one link for one entry: links inside links, a list item (a contents
    entry) with several links, or a link with several annotations on one page."""
    problems = []
    for link in audit.elements("/Link"):
        if any(a.kind == "/Link" for a in link.ancestors()):
            problems.append(f"{_where(audit, link)} inside another link")
        annotations = [a for e in link.walk() for a in e.annotations]
        pages = {page for _, page in annotations}
        problems += [f"{_where(audit, link)}: another annotation"] * (len(annotations) - len(pages))
    for item in audit.elements("/LI"):
        links = [e for e in item.walk() if e.kind == "/Link"]
        problems += [f"{_where(audit, item)}: {len(links)} links"] * (len(links) > 1)
    return problems


def h1_per_document(audit: Audit) -> list[str]:
    """Exactly one H1 per document (in the agenda pack, per document of the pack)."""
    documents = audit.elements("/Art") or [audit.document]
    problems = []
    for document in documents:
        count = sum(e.kind == "/H1" for e in document.walk())
        if count != 1:
            problems.append(f"{_where(audit, document)} has {count} H1")
    return problems


def headings_not_as_typed(audit: Audit) -> list[str]:
    """Headings in capitals in the text layer (their bookmark, from the typed text,
    differs only in case; or two or more words all in capitals)."""
    titles = {b.title.casefold(): b.title for b in all_bookmarks(audit.bookmarks)}
    problems = []
    for heading in audit.elements(*HEADINGS):
        text = audit.text_of(heading)
        typed = titles.get(text.casefold())
        shouting = len(re.findall(r"\b[A-Z]{3,}\b", text)) >= 2 and text == text.upper()
        if (typed is not None and typed != text) or shouting:
            problems.append(_where(audit, heading))
    return problems


def bookmark_trailing_colons(audit: Audit) -> list[str]:
    return [b.title for b in all_bookmarks(audit.bookmarks) if b.title.rstrip().endswith(":")]


def bookmark_duplicates(audit: Audit) -> list[str]:
    """Bookmarks repeating another's title within one document (in the pack, each
    top-level bookmark is a document)."""
    documents = audit.bookmarks if _is_pack(audit) else [Bookmark("", None, audit.bookmarks)]
    problems = []
    for document in documents:
        seen: set[str] = set()
        for bookmark in all_bookmarks([document]):
            key = bookmark.title.rstrip(": ").casefold()
            if key and key in seen:
                problems.append(bookmark.title)
            seen.add(key)
    return problems


def _is_pack(audit: Audit) -> bool:
    return audit.path.name.startswith("agenda-item-")


def duplicate_running_text(audit: Audit) -> list[str]:
    """The agenda item said more than once on a page (a hidden copy under the header)."""
    return [
        f"page {number}"
        for number, text in enumerate(audit.page_text, start=1)
        if len(_AGENDA_ITEM.findall(text)) > 1
    ]


def appendix_covers(audit: Audit) -> list[str]:
    """In the pack, each appendix's first page says "Appendix N"."""
    problems = []
    for bookmark in audit.bookmarks:
        match = re.match(r"Appendix \d+", bookmark.title)
        if (
            match
            and bookmark.page is not None
            and match.group() not in audit.page_text[bookmark.page]
        ):
            problems.append(f"page {bookmark.page + 1} does not say {match.group()!r}")
    return problems


def figures_without_alt(audit: Audit) -> list[str]:
    return [
        f"page {(e.page or 0) + 1}: Figure"
        for e in audit.elements("/Figure")
        if not (e.alt or e.actual_text)
    ]


CHECKS = (
    pdf_ua_identification,
    table_headers_without_scope,
    table_headers_unresolved,
    content_outside_the_tree,
    parent_tree_mismatches,
    untagged_content,
    running_text_in_the_tree,
    draft_status,
    tables_without_rows,
    tables_in_tables,
    header_rows_repeated,
    tables_cut_at_page_breaks,
    lists_cut_at_page_breaks,
    paragraphs_cut_at_page_breaks,
    split_parts,
    empty_elements,
    list_labels_outside_lbl,
    link_descriptions,
    extra_links,
    h1_per_document,
    headings_not_as_typed,
    bookmark_trailing_colons,
    bookmark_duplicates,
    duplicate_running_text,
    appendix_covers,
    figures_without_alt,
)
"""Every check, in the order of issue 14's list."""


def defects(audit: Audit) -> dict[str, list[str]]:
    """Every check's defects, by check name (checks that found none left out)."""
    found = {check.__name__: check(audit) for check in CHECKS}
    return {name: problems for name, problems in found.items() if problems}
