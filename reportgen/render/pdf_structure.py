"""The structure tree WeasyPrint wrote, read from its PDF objects (pydyf, before they are
serialised) into plain Python objects that the repairs can rearrange, and written back:
every element's kids, parent and page, the parent tree that maps marked content and
link annotations to their elements, and the /IDTree that resolves table header ids."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pydyf

from reportgen.render.pdf_sources import Source


class Marked(NamedTuple):
    """A piece of marked content: the page it is on (index) and its marked-content id."""

    page: int
    mcid: int


@dataclass(eq=False)
class Annotated:
    """A link annotation an element holds (through an object reference)."""

    reference: bytes
    """The object reference dictionary's reference."""
    annotation: Any
    """The annotation's dictionary."""
    page: int | None


@dataclass(eq=False)
class Node:
    """A structure element: its type without the slash (``P``), its source, its kids."""

    kind: str
    page: int | None
    source: Source | None
    kids: list[Node | Marked | Annotated] = field(default_factory=list)
    obj: Any = None
    """Its dictionary in the PDF; None for an element the repairs made."""

    def elements(self) -> list[Node]:
        return [kid for kid in self.kids if isinstance(kid, Node)]

    def walk(self) -> list[Node]:
        """This element and every element below it, in reading order."""
        found = [self]
        for kid in self.elements():
            found += kid.walk()
        return found

    def content(self) -> list[Marked]:
        """The marked content this element and those below it hold, in reading order."""
        found: list[Marked] = []
        for kid in self.kids:
            if isinstance(kid, Marked):
                found.append(kid)
            elif isinstance(kid, Node):
                found += kid.content()
        return found

    def annotations(self) -> list[Annotated]:
        found = [kid for kid in self.kids if isinstance(kid, Annotated)]
        for kid in self.elements():
            found += kid.annotations()
        return found

    def is_empty(self) -> bool:
        return self.first_page() is None and not self.annotations()

    def first_page(self) -> int | None:
        """The page its first marked content is on (None if it holds none)."""
        for kid in self.kids:
            page = kid.page if isinstance(kid, Marked) else None
            if isinstance(kid, Node):
                page = kid.first_page()
            if page is not None:
                return page
        return None


@dataclass
class Tree:
    """The document element, the elements drawn in page margins (which WeasyPrint leaves
    out of the tree), and what is needed to write them back."""

    pdf: Any
    document: Node
    margins: list[Node]
    read: list[Node]
    """Every element read, to blank those the repairs leave out."""

    def page_reference(self, page: int) -> bytes:
        return bytes(self.pdf.page_references[page])


def read_tree(pdf: Any, sources: dict[int, Source]) -> Tree:
    """The structure tree of ``pdf`` (a pydyf PDF with WeasyPrint's tags)."""
    root = pdf_object(pdf, pdf.catalog["StructTreeRoot"])
    document_obj = pdf_object(pdf, root["K"][0])
    pages = {bytes(reference): index for index, reference in enumerate(pdf.page_references)}
    read: list[Node] = []
    document = _node(pdf, document_obj, None, pages, sources, read)
    reached = {id(node.obj) for node in read}
    margins = [
        _node(pdf, obj, None, pages, sources, read)
        for obj in pdf.objects
        if id(obj) in sources
        and sources[id(obj)].margin is not None
        and id(obj) not in reached
        and obj.get("P") == document_obj.reference
    ]
    return Tree(pdf, document, margins, read)


def pdf_object(pdf: Any, reference: Any) -> Any:
    """The object a reference ("12 0 R") points to."""
    return pdf.objects[int(bytes(reference).split()[0])]


def _node(
    pdf: Any,
    obj: Any,
    page: int | None,
    pages: dict[bytes, int],
    sources: dict[int, Source],
    read: list[Node],
) -> Node:
    if "Pg" in obj:
        page = pages[bytes(obj["Pg"])]
    node = Node(str(obj["S"])[1:], page, sources.get(id(obj)), obj=obj)
    read.append(node)
    for kid in obj.get("K", []):
        if isinstance(kid, int):
            assert page is not None, "marked content outside any page"
            node.kids.append(Marked(page, kid))
            continue
        kid_obj = pdf_object(pdf, kid)
        if kid_obj.get("Type") == "/OBJR":
            on = pages.get(bytes(kid_obj.get("Pg", b"")), page)
            node.kids.append(Annotated(bytes(kid), pdf_object(pdf, kid_obj["Obj"]), on))
        else:
            node.kids.append(_node(pdf, kid_obj, page, pages, sources, read))
    return node


def write_tree(tree: Tree) -> None:
    """Write the repaired tree back into the PDF's objects: each element's dictionary, the
    parent tree, and the /IDTree of the table header ids still in the tree."""
    marked: dict[int, dict[int, bytes]] = defaultdict(dict)
    annotated: dict[int, bytes] = {}
    ids: dict[str, bytes] = {}
    root = pdf_object(tree.pdf, tree.pdf.catalog["StructTreeRoot"])
    _write_node(tree, tree.document, root.reference, (marked, annotated, ids))
    root["K"] = pydyf.Array([tree.document.obj.reference])
    _write_parent_tree(tree, root, marked, annotated)
    if ids:
        names = pydyf.Array()
        for name in sorted(ids, key=lambda text: text.encode("utf-16-be")):
            names += [pydyf.String(name), ids[name]]
        root["IDTree"] = pydyf.Dictionary({"Names": names})
    _blank_the_left_out(tree)


def _write_node(
    tree: Tree,
    node: Node,
    parent: bytes,
    found: tuple[dict[int, dict[int, bytes]], dict[int, bytes], dict[str, bytes]],
) -> None:
    marked, annotated, ids = found
    if node.obj is None:
        node.obj = pydyf.Dictionary({"Type": "/StructElem"})
        tree.pdf.add_object(node.obj)
    first = node.first_page()
    node.page = node.page if first is None else first
    obj = node.obj
    obj["S"], obj["P"] = f"/{node.kind}", parent
    if node.page is not None:
        obj["Pg"] = tree.page_reference(node.page)
    kids = pydyf.Array()
    for kid in node.kids:
        if isinstance(kid, Marked):
            kids.append(kid.mcid if kid.page == node.page else _reference_to(tree, kid))
            marked[kid.page][kid.mcid] = obj.reference
        elif isinstance(kid, Annotated):
            kids.append(kid.reference)
            annotated[int(kid.annotation["StructParent"])] = obj.reference
        else:
            _write_node(tree, kid, obj.reference, found)
            kids.append(kid.obj.reference)
    obj["K"] = kids
    if "ID" in obj:
        ids[obj["ID"].string] = obj.reference


def _reference_to(tree: Tree, piece: Marked) -> Any:
    """Marked content on another page than its element's (an element across pages)."""
    return pydyf.Dictionary(
        {"Type": "/MCR", "Pg": tree.page_reference(piece.page), "MCID": piece.mcid}
    )


def _write_parent_tree(
    tree: Tree, root: Any, marked: dict[int, dict[int, bytes]], annotated: dict[int, bytes]
) -> None:
    nums = pydyf.Array()
    for page in range(len(tree.pdf.page_references)):
        holders = marked.get(page, {})
        size = max(holders, default=-1) + 1
        nums += [page, pydyf.Array([holders.get(mcid, "null") for mcid in range(size)])]
    for key in sorted(annotated):
        nums += [key, annotated[key]]
    pdf_object(tree.pdf, root["ParentTree"])["Nums"] = nums


def _blank_the_left_out(tree: Tree) -> None:
    """Empty the dictionaries of elements no longer in the tree, so that no reader that
    scans every object takes them for structure."""
    kept = {id(node.obj) for node in tree.document.walk()}
    for node in tree.read:
        if id(node.obj) not in kept:
            node.obj.clear()
