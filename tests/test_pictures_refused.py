"""Pictures refused by ``check``, each with the YAML file and line that names it: outside
the content folder, too large, not what the name says, an SVG referring outside itself,
and an ``- image:`` block without alt text."""

from __future__ import annotations

import io
import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

from tests.test_pictures import _check, _place, _png


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` by ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 16))
        + chunk(b"IEND", b"")
    )


def _refused(year: Path, file: str, *expected: str) -> str:
    line = _place(year, file)
    code, output = _check(year)
    assert code == 1
    assert (
        f"sections.yaml, line {line}, column 11: [sections[1].content[5].image.file] error: "
        in output
    )
    for phrase in expected:
        assert phrase in output
    return output


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("../outside.png", "has a '..' step, leading out of the folder"),
        ("pictures/../../outside.png", "has a '..' step"),
        ("http://example.org/logo.png", "is a web address or URL, which cannot be used"),
        ("file:///etc/passwd", "is a web address or URL"),
        ("data:image/png;base64,iVBORw0KGgo=", "is a web address or URL"),
        ("pictures\\\\logo.png", "write the picture's path with forward slashes"),
        ("pictures/logo.gif", "use a PNG, JPEG or SVG file"),
    ],
)
def test_check_refuses_a_picture_named_outside_the_content_folder(
    minimal: Path, file: str, expected: str
) -> None:
    _png(minimal.parent.parent / "outside.png", (10, 10), (0, 0, 0))
    _refused(minimal, file, expected)


def test_check_refuses_an_absolute_path(minimal: Path, tmp_path: Path) -> None:
    _png(tmp_path / "elsewhere.png", (10, 10), (0, 0, 0))
    _refused(minimal, str(tmp_path / "elsewhere.png"), "is an absolute path")


def test_check_refuses_a_link_to_a_picture_or_a_folder(minimal: Path, tmp_path: Path) -> None:
    _png(tmp_path / "elsewhere" / "logo.png", (10, 10), (0, 0, 0))
    (minimal / "pictures").mkdir()
    os.symlink(tmp_path / "elsewhere" / "logo.png", minimal / "pictures" / "logo.png")
    _refused(minimal, "pictures/logo.png", "pictures/logo.png is a link (symlink)")
    os.symlink(tmp_path / "elsewhere", minimal / "linked")
    _place(minimal, "linked/logo.png")
    output = _check(minimal)[1]
    assert "linked is a link (symlink), so linked/logo.png was not read" in output


def test_check_suggests_a_picture_for_a_misspelt_name(minimal: Path) -> None:
    _png(minimal / "pictures" / "structure-chart.png", (10, 10), (0, 0, 0))
    _refused(
        minimal,
        "pictures/structure-chrat.png",
        "there is no picture pictures/structure-chrat.png in",
        "did you mean 'pictures/structure-chart.png'?",
    )


def test_a_huge_png_is_refused_from_its_header_before_decoding(minimal: Path) -> None:
    (minimal / "pictures").mkdir()
    (minimal / "pictures" / "huge.png").write_bytes(_png_claiming(20000, 20000))
    started = time.monotonic()
    _refused(minimal, "pictures/huge.png", "pictures/huge.png claims far too many pixels")
    assert time.monotonic() - started < 5  # decoding 400 megapixels would take far longer


def test_pixel_limits_are_named(minimal: Path) -> None:
    (minimal / "pictures").mkdir()
    (minimal / "pictures" / "wide.png").write_bytes(_png_claiming(12000, 10))
    (minimal / "pictures" / "big.png").write_bytes(_png_claiming(8000, 6000))
    _refused(
        minimal, "pictures/wide.png", "wide.png is 12,000 by 10 pixels", "at most 40 megapixels"
    )
    _place(minimal, "pictures/big.png")
    assert "big.png is 8,000 by 6,000 pixels" in _check(minimal)[1]


def test_a_file_larger_than_10_mb_is_not_read(minimal: Path) -> None:
    (minimal / "pictures").mkdir()
    with open(minimal / "pictures" / "photo.jpg", "wb") as photo:
        photo.truncate(10 * 1024 * 1024 + 1)
    _refused(minimal, "pictures/photo.jpg", "photo.jpg is 10.0 MB; a picture may be at most 10 MB")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("fake.png", "jpeg", "fake.png is not a PNG picture: its bytes are a JPEG picture"),
        ("fake.jpg", "png", "fake.jpg is not a JPEG picture: its bytes are a PNG picture"),
        ("fake.svg", "png", "fake.svg is not an SVG picture: its bytes are a PNG picture"),
        ("page.svg", "html", "page.svg is not an SVG picture: its bytes are a web page"),
        ("broken.png", "truncated", "could not be read as a PNG picture"),
        ("empty.png", "", "its bytes are empty"),
    ],
)
def test_bytes_that_are_not_what_the_name_says_are_refused(
    minimal: Path, name: str, content: str, expected: str
) -> None:
    buffer = io.BytesIO()
    Image.frombytes("RGB", (50, 50), os.urandom(50 * 50 * 3)).save(buffer, "PNG")
    png = buffer.getvalue()
    jpeg = io.BytesIO()
    Image.new("RGB", (50, 50), (1, 2, 3)).save(jpeg, "JPEG")
    data = {
        "jpeg": jpeg.getvalue(),
        "png": png,
        "html": b"<!DOCTYPE html><html><body></body></html>",
        "truncated": png[: len(png) // 2],
        "": b"",
    }[content]
    (minimal / "pictures").mkdir()
    (minimal / "pictures" / name).write_bytes(data)
    _refused(minimal, f"pictures/{name}", expected)


EVIL_SVG = {
    "image": ('<image href="file:///etc/passwd" width="10" height="10"/>', "<image> href="),
    "xlink": (
        '<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="other.svg#part"/>',
        "<use> href=",
    ),
    "import": ("<style>@import url(http://example.org/x.css);</style>", "<style> @import"),
    "style-url": (
        '<rect width="5" height="5" style="fill: url(http://example.org/x)"/>',
        "<rect> style=",
    ),
    "escaped": ('<rect width="5" height="5" style="fill: \\75 rl(x.png)"/>', "it has CSS escapes"),
    "script": ("<script>alert(1)</script>", "<script>: scripts are not allowed"),
    "onload": ('<rect width="5" height="5" onclick="go()"/>', "scripts are not allowed"),
    "foreign": (
        "<foreignObject><p>hi</p></foreignObject>",
        "<foreignObject>: it holds web content",
    ),
    "set": ('<set attributeName="href" to="http://example.org/x.png"/>', "<set>"),
}


@pytest.mark.parametrize("kind", sorted(EVIL_SVG))
def test_an_svg_referring_outside_itself_is_refused_naming_its_line(
    minimal: Path, kind: str
) -> None:
    element, expected = EVIL_SVG[kind]
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n\n{element}\n</svg>\n'
    (minimal / "pictures").mkdir()
    (minimal / "pictures" / "evil.svg").write_text(svg, encoding="utf-8")
    output = _refused(minimal, "pictures/evil.svg", "pictures/evil.svg is refused: line 3: ")
    assert expected in output


@pytest.mark.parametrize(
    ("svg", "expected"),
    [
        (
            '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaa">\n]>\n'
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&a;</text></svg>',
            "line 3: it declares XML entities",
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&x;</text></svg>',
            "it declares XML entities",
        ),
        (
            '<?xml-stylesheet href="http://example.org/x.css"?>\n'
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>',
            "line 1: <?xml-stylesheet …?> loads a stylesheet",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', "no usable viewBox"),
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">', "not a well-formed SVG"),
        ("<html><body/></html>", "not an SVG picture"),
    ],
)
def test_svg_entities_stylesheets_and_malformed_files_are_refused(
    minimal: Path, svg: str, expected: str
) -> None:
    (minimal / "pictures").mkdir()
    (minimal / "pictures" / "bad.svg").write_text(svg, encoding="utf-8")
    _refused(minimal, "pictures/bad.svg", expected)


def test_an_svg_may_embed_a_png_that_passes_the_same_checks(minimal: Path) -> None:
    import base64

    def svg_with(png: bytes) -> str:
        data = base64.b64encode(png).decode()
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
            f'<image width="10" height="10" href="data:image/png;base64,{data}"/></svg>'
        )

    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), (9, 9, 9)).save(buffer, "PNG")
    (minimal / "pictures").mkdir()
    (minimal / "pictures" / "fine.svg").write_text(svg_with(buffer.getvalue()))
    _place(minimal, "pictures/fine.svg")
    assert _check(minimal)[0] == 0
    (minimal / "pictures" / "fine.svg").write_text(svg_with(_png_claiming(20000, 20000)))
    code, output = _check(minimal)
    assert code == 1 and "the embedded picture claims far too many pixels" in output


@pytest.mark.parametrize(
    ("block", "field", "expected"),
    [
        ("{file: pictures/red.png}", "image", "the picture pictures/red.png has no alt text"),
        ("{file: pictures/red.png, alt: red.png}", "image", "is its file name"),
        ("{file: pictures/red.png, alt: red}", "image", "is its file name"),
        (
            "{file: pictures/red.png, alt: A red square, decorative: yes}",
            "image",
            "is marked decorative: yes, so it has no alt text or caption",
        ),
        ("{file: pictures/red.png, alt: A red square, width: 5}", "image.width", "from 10 to 100"),
        ("{file: pictures/red.png, alt: A red square, width: 60%}", "image.width", "found '60%'"),
        (
            "{file: pictures/red.png, alt: A red square, caption_position: left}",
            "image.caption_position",
            "expected 'below' or 'above'",
        ),
    ],
)
def test_an_image_block_needs_alt_text_unless_decorative(
    minimal: Path, block: str, field: str, expected: str
) -> None:
    _png(minimal / "pictures" / "red.png", (40, 20), (200, 30, 30))
    sections = minimal / "sections.yaml"
    text = sections.read_text(encoding="utf-8")
    sections.write_text(text + f"      - image: {block}\n", encoding="utf-8")
    code, output = _check(minimal)
    line = text.count("\n") + 1
    assert code == 1
    assert f"sections.yaml, line {line}" in output and f"[sections[1].content[5].{field}]" in output
    assert expected in output
