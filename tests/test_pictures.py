"""Pictures (``- image:``): placed with their alt text and caption in HTML, PDF and Word,
decorative ones passed over; hostile files refused by ``check`` with the file and line."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from reportgen import build, read_year
from reportgen.cli import cli
from reportgen.commands import status
from reportgen.compute.blocks import BlockExpander
from reportgen.signoff.required import blocks_text
from reportgen.types import YamlFile
from reportgen.validate.pictures import check_picture
from tests.conftest import edit
from tests.fidelity import pdf_figure_alts

RED_ALT = "A red rectangle standing for the board"
BOARD_ALT = "Drawn for this test: the board, with one sub-group beneath it"
BOARD_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">
<rect x="10" y="10" width="80" height="80" fill="#1d3b6e"/>
<text x="100" y="50" font-family="Liberation Sans" font-size="14">Board</text>
</svg>
"""
PICTURES = f"""      - image:
          file: pictures/red.png
          alt: {RED_ALT}
          caption: The red one
      - image:
          file: pictures/board.svg
          alt: "{BOARD_ALT}"
          caption: Board chart
          caption_position: above
          width: 60
      - image:
          file: pictures/flourish.jpg
          decorative: yes
          width: 20
"""
TEXT_COLUMN_EMU = 5_760_000  # 16 cm


def _png(path: Path, size: tuple[int, int], colour: tuple[int, int, int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)


@pytest.fixture
def with_pictures(minimal: Path) -> Path:
    """The minimal year with a PNG, an SVG (caption above, 60% wide) and a decorative
    JPEG placed in its introduction."""
    _png(minimal / "pictures" / "red.png", (400, 200), (200, 30, 30))
    Image.new("RGB", (300, 300), (30, 30, 200)).save(minimal / "pictures" / "flourish.jpg")
    (minimal / "pictures" / "board.svg").write_text(BOARD_SVG, encoding="utf-8")
    edit(
        minimal / "sections.yaml",
        "      - paragraph: Second.\n",
        "      - paragraph: Second.\n" + PICTURES,
    )
    return minimal


def _check(year: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(year)])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _place(year: Path, file: str, alt: str = "a test picture") -> int:
    """Place ``file`` in the year's introduction; the line its ``file:`` is on."""
    sections = year / "sections.yaml"
    text = sections.read_text(encoding="utf-8")
    sections.write_text(text + f'      - image:\n          file: "{file}"\n          alt: {alt}\n')
    return text.count("\n") + 2


# --- every format ---------------------------------------------------------------------------


class _Pictures(HTMLParser):
    """The pictures of an HTML page: each figure's parts in order, and decorative ones."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[dict] = []
        self.decorative: list[dict[str, str | None]] = []
        self._caption: bool = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "figure" and "picture" in classes:
            self.figures.append({"style": attributes.get("style"), "parts": []})
        elif tag == "div" and "decorative" in classes:
            self.decorative.append(attributes)
        elif tag == "img" and self.figures:
            self.figures[-1]["parts"].append(("img", attributes.get("alt")))
        self._caption = tag == "figcaption"

    def handle_data(self, data: str) -> None:
        if self._caption and data.strip():
            self.figures[-1]["parts"].append(("caption", data.strip()))
            self._caption = False


def test_html_places_figures_with_alt_and_caption_and_skips_decorative(
    with_pictures: Path, tmp_path: Path
) -> None:
    build(with_pictures, formats=["html"], out=tmp_path / "out")
    page = (tmp_path / "out" / "committee-report.html").read_text(encoding="utf-8")
    parser = _Pictures()
    parser.feed(page)
    red, board = parser.figures
    assert red["parts"] == [("img", RED_ALT), ("caption", "The red one")]  # below
    assert board["parts"] == [("caption", "Board chart"), ("img", BOARD_ALT)]  # above
    assert red["style"] == "width: 100%" and board["style"] == "width: 60%"
    assert 'src="data:image/svg+xml;base64,' in page
    (flourish,) = parser.decorative
    assert flourish["aria-hidden"] == "true" and flourish["style"] == "width: 20%"
    assert page.count("<img") == 2, "a decorative picture is a background, not an <img>"


def _drawn_images(reader: PdfReader) -> list[tuple[tuple[int, int], list[str]]]:
    """Each raster picture drawn on the pages: its size in pixels, and the marked-content
    tags it is drawn inside (``/Artifact``, ``/Figure`` …)."""
    drawn = []

    def walk(stream: object, resources: object, tags: list[str]) -> None:
        xobjects = resources.get("/XObject", {}) if resources else {}
        marks = list(tags)
        for operands, operator in ContentStream(stream, reader).operations:
            if operator in (b"BMC", b"BDC"):
                marks.append(str(operands[0]))
            elif operator == b"EMC" and marks:
                marks.pop()
            elif operator == b"Do":
                xobject = xobjects[operands[0]].get_object()
                if xobject["/Subtype"] == "/Image":
                    drawn.append(((xobject["/Width"], xobject["/Height"]), list(marks)))
                else:
                    walk(xobject, xobject.get("/Resources"), marks)

    for page in reader.pages:
        walk(page.get_contents(), page.get("/Resources"), [])
    return drawn


def test_pdf_tags_each_picture_as_a_figure_with_alt_and_decorative_as_artifact(
    with_pictures: Path, tmp_path: Path
) -> None:
    build(with_pictures, formats=["pdf"], out=tmp_path / "out")
    reader = PdfReader(tmp_path / "out" / "committee-report.pdf")
    alts = pdf_figure_alts(tmp_path / "out" / "committee-report.pdf")
    assert sorted(alts) == sorted([RED_ALT, BOARD_ALT])
    drawn = dict(_drawn_images(reader))
    assert "/Artifact" in drawn[(300, 300)], "the decorative picture is not an artifact"
    assert "/Artifact" not in drawn[(400, 200)] and "/Figure" in drawn[(400, 200)]


def _picture_paragraphs(document: docx.document.Document) -> list[tuple[str, object]]:
    """The body's paragraphs that hold a picture or a caption, in order."""
    found = []
    for paragraph in document.paragraphs:
        properties = list(paragraph._p.iter(qn("wp:docPr")))
        if properties:
            found.append(("picture", paragraph._p))
        elif paragraph.style.name == "Caption" and paragraph.text.strip():
            found.append(("caption", paragraph.text.strip()))
    return found


def test_word_pictures_have_descriptions_widths_and_captions_in_order(
    with_pictures: Path, tmp_path: Path
) -> None:
    build(with_pictures, formats=["docx"], out=tmp_path / "out")
    document = docx.Document(tmp_path / "out" / "committee-report.docx")
    laid_out = _picture_paragraphs(document)
    kinds = [kind if kind == "picture" else text for kind, text in laid_out]
    assert kinds == ["picture", "The red one", "Board chart", "picture", "picture"]
    red, board, flourish = (p for kind, p in laid_out if kind == "picture")

    def properties(paragraph: object) -> dict[str, str]:
        return dict(next(paragraph.iter(qn("wp:docPr"))).attrib)

    def width(paragraph: object) -> int:
        return int(next(paragraph.iter(qn("wp:extent"))).get("cx"))

    assert properties(red)["descr"] == RED_ALT and properties(red)["title"] == "The red one"
    assert properties(board)["descr"] == BOARD_ALT and properties(board)["title"] == "Board chart"
    assert width(red) == TEXT_COLUMN_EMU and width(board) == TEXT_COLUMN_EMU * 60 // 100
    assert width(flourish) == TEXT_COLUMN_EMU * 20 // 100
    assert properties(flourish)["descr"] == ""
    marks = flourish.iter("{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative")
    assert [mark.get("val") for mark in marks] == ["1"]
    assert not list(
        red.iter("{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative")
    )


def test_word_gets_an_svg_as_png_with_the_svg_alongside(
    with_pictures: Path, tmp_path: Path
) -> None:
    build(with_pictures, formats=["docx"], out=tmp_path / "out")
    document = docx.Document(tmp_path / "out" / "committee-report.docx")
    board = [p for kind, p in _picture_paragraphs(document) if kind == "picture"][1]
    blip = next(board.iter(qn("a:blip")))
    png = document.part.related_parts[blip.get(qn("r:embed"))]
    assert png.content_type == "image/png"
    with Image.open(io.BytesIO(png.blob)) as drawn:
        assert drawn.width == 1260 and drawn.height == 630  # the SVG's 2:1, 16 cm at 200 dpi
    svg_blip = next(
        board.iter("{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip")
    )
    svg = document.part.related_parts[svg_blip.get(qn("r:embed"))]
    assert svg.content_type == "image/svg+xml" and svg.blob == BOARD_SVG.encode()


# --- where pictures come from, and what is signed -------------------------------------------


def test_a_picture_missing_from_the_year_comes_from_the_library_and_the_years_wins(
    minimal: Path,
) -> None:
    _png(minimal.parent / "library" / "pictures" / "crest.png", (30, 10), (0, 0, 0))
    _place(minimal, "pictures/crest.png")
    year = read_year(minimal)
    crest = year.pictures["pictures/crest.png"]
    assert (crest.width, crest.height) == (30, 10)
    assert crest.file.path.parent.parent.name == "library"
    _png(minimal / "pictures" / "crest.png", (20, 20), (0, 0, 0))
    crest = read_year(minimal).pictures["pictures/crest.png"]
    assert (crest.width, crest.height) == (20, 20) and crest.file.path.parent.parent == minimal


def test_check_picture_serves_any_field_naming_a_picture(minimal: Path) -> None:
    """The house style's logo names a picture in content/library/house-style.yaml."""
    library = minimal.parent / "library"
    _png(library / "logo.png", (60, 20), (0, 0, 0))
    style = YamlFile(library / "house-style.yaml", {"logo": "logo.png"}, {("logo",): (3, 7)})
    picture, problems = check_picture("logo.png", None, style, ("logo",))
    assert problems == [] and picture is not None and (picture.width, picture.height) == (60, 20)
    picture, problems = check_picture("../logo.png", None, style, ("logo",))
    assert picture is None
    assert [(p.line, p.field) for p in problems] == [(3, "logo")]
    assert "has a '..' step" in problems[0].message


def test_the_signed_text_covers_the_picture_file_alt_and_caption(with_pictures: Path) -> None:
    def signed() -> str:
        year = read_year(with_pictures)
        return blocks_text(BlockExpander(year).blocks(year.sections.sections[0].content))

    text = signed()
    assert f"¶ Picture: The red one / Description: {RED_ALT} / File: pictures/red.png" in text
    assert "¶ Picture: Decorative / File: pictures/flourish.jpg (SHA-256 " in text
    _png(with_pictures / "pictures" / "red.png", (400, 200), (30, 200, 30))  # swapped
    assert signed() != text
    changed = re.sub(r"\(SHA-256 [0-9a-f]{64}\)", "", signed())
    assert changed == re.sub(r"\(SHA-256 [0-9a-f]{64}\)", "", text)


def test_a_signed_off_section_goes_stale_when_its_picture_is_swapped(with_pictures: Path) -> None:
    officers = with_pictures / "officers.yaml"
    officers.write_text(
        officers.read_text()
        + "also_signed_off:\n  - {id: intro, section: Introduction, by: Lee Legal}\n"
    )
    signed = CliRunner().invoke(cli, ["signoff", str(with_pictures), "intro", "--by", "Lee Legal"])
    assert signed.exit_code == 0, signed.output
    (intro,) = [s for s in status(with_pictures) if s.item == "intro"]
    assert intro.state == "signed"
    _png(with_pictures / "pictures" / "red.png", (400, 200), (30, 200, 30))
    (intro,) = [s for s in status(with_pictures) if s.item == "intro"]
    assert intro.state == "stale"
    assert [change["before"].split()[-1] for change in intro.changes] == ["(SHA-256"]


def test_a_changed_library_picture_rebuilds_the_documents(minimal: Path, tmp_path: Path) -> None:
    library_picture = minimal.parent / "library" / "pictures" / "crest.png"
    _png(library_picture, (30, 10), (0, 0, 0))
    _place(minimal, "pictures/crest.png")
    out = tmp_path / "out"
    build(minimal, formats=["html"], out=out)
    before = (out / "committee-report.html").read_text(encoding="utf-8")
    _png(library_picture, (30, 10), (255, 255, 255))
    build(minimal, formats=["html"], out=out)
    assert (out / "committee-report.html").read_text(encoding="utf-8") != before


def test_the_library_checked_alone_checks_its_pictures(minimal: Path) -> None:
    library = minimal.parent / "library"
    edit(
        library / "shared.yaml",
        "    - text: The end.\n",
        '    - text: The end.\n    - image: {file: "http://example.org/x.png", alt: A crest}\n',
    )
    code, output = _check(library)
    assert code == 1
    assert "shared.yaml, line 7, column 15: [legal.text[4].image.file]" in output
    assert "is a web address or URL" in output
