"""An SVG picture checked before it is placed: well-formed XML (read with defusedxml, so
entity declarations and external entities are refused), an ``<svg>`` with a viewBox, and
referring to nothing outside itself.

Refused, each named with its element and line in the SVG: ``<script>``, ``<foreignObject>``
(it holds web content), animation (a printed page cannot move; ``<set>`` could also swap in
an outside picture), event attributes (``onload=`` …), ``<?xml-stylesheet?>``, any
``href``/``src`` that is not a reference to a part of the same file (``#…``), and in
styles (``style=""``, ``<style>``, and every other attribute) ``@import``, any ``url(…)``
other than ``url(#…)``, the other CSS functions that load pictures, and CSS escapes
(``\\75 rl(``), which could hide either. A PNG or JPEG embedded as
``data:image/png;base64,…`` is allowed, once it passes the same checks as a picture file.

A DOCTYPE line (as some editors write) is allowed; the DTD it names is never fetched.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from reportgen.load.cache import remembered

SVG = "{http://www.w3.org/2000/svg}"
WORD_WIDTH = 1260
"""Pixels across of the PNG drawn for Word: the 16 cm text column at 200 dots per inch."""
_MOST_PIXELS_DOWN = 2 * WORD_WIDTH
_REFUSED_ELEMENTS = {
    "script": "scripts are not allowed in pictures",
    "foreignObject": "it holds web content, which a picture may not",
    "animate": "a picture on a printed page cannot move",
    "animateMotion": "a picture on a printed page cannot move",
    "animateTransform": "a picture on a printed page cannot move",
    "animateColor": "a picture on a printed page cannot move",
    "set": "a picture on a printed page cannot change",
    "discard": "a picture on a printed page cannot change",
}
_LINKS = {"href", "src"}
_EMBEDDED = re.compile(r"data:image/(png|jpeg);base64,(.*)", re.DOTALL | re.IGNORECASE)
_FUNCTION = re.compile(r"([A-Za-z0-9_-]+)\(\s*(['\"]?)\s*(.?)", re.DOTALL)
_AT_RULE = re.compile(r"@([A-Za-z0-9_-]+)")
_LOADING = {"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "element"}
_NUMBER = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px)?\s*")
SHOWN = 60
"""Characters of a refused value quoted in an error."""

RasterCheck = Callable[[bytes, str], str | None]
"""Checks an embedded PNG or JPEG (its bytes and media type): why it is refused, or None."""


@dataclass
class _Element:
    name: str
    attributes: dict[str, str]
    line: int


@dataclass
class _Outline:
    """What the checks need of an SVG file, collected while it is parsed: each element
    with its attributes and line, the text of its ``<style>`` elements and its processing
    instructions."""

    elements: list[_Element] = field(default_factory=list)
    styles: list[tuple[str, int]] = field(default_factory=list)
    instructions: list[tuple[str, int]] = field(default_factory=list)
    parser: Any = None
    _style: list[str] | None = None

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        element = _Element(tag, dict(attributes), self.line())
        self.elements.append(element)
        if tag == SVG + "style":
            self._style = []

    def end(self, tag: str) -> None:
        if tag == SVG + "style" and self._style is not None:
            self.styles.append(("".join(self._style), self.elements[-1].line))
            self._style = None

    def data(self, text: str) -> None:
        if self._style is not None:
            self._style.append(text)

    def pi(self, target: str, text: str) -> None:
        self.instructions.append((target, self.line()))

    def close(self) -> None:
        return None

    def line(self) -> int:
        """The line the parser is at (counted from 1)."""
        return int(self.parser.parser.CurrentLineNumber) if self.parser else 0


@dataclass(frozen=True)
class CheckedSvg:
    """An SVG as checked: its size in pixels (from width and height, else its viewBox)
    and every reason it is refused (each naming the element and its line)."""

    width: int
    height: int
    refusals: tuple[str, ...]


def check_svg(data: bytes, check_raster: RasterCheck) -> CheckedSvg:
    """The SVG's size and what in it is refused (nothing, for a picture that may be used)."""
    outline = _Outline()
    parser = DefusedXMLParser(target=outline, forbid_dtd=False)
    outline.parser = parser
    try:
        parser.feed(data)
        parser.close()
    except DefusedXmlException:
        return _refused(
            f"line {outline.line()}: it declares XML entities, which pictures may not have "
            "(they can make a small file enormous, or read other files)"
        )
    except ParseError as error:
        line, _ = error.position
        return _refused(f"it is not a well-formed SVG (XML) file: line {line}: {error.msg}")
    if not outline.elements or outline.elements[0].name != SVG + "svg":
        first = outline.elements[0].name.split("}")[-1] if outline.elements else "nothing"
        return _refused(f"it is not an SVG picture: it starts with <{first}>, not <svg>")
    refusals = [*_instruction_refusals(outline), *_style_refusals(outline)]
    for element in outline.elements:
        refusals += _element_refusals(element, check_raster)
    refusals.sort(key=_line_order)
    size = _size(outline.elements[0])
    if isinstance(size, str):
        return _refused(size, refusals)
    return CheckedSvg(*size, tuple(refusals))


def _line_order(refusal: str) -> int:
    """A refusal's line in the SVG ("line 12: …"), to list them top to bottom."""
    number = re.match(r"line (\d+)", refusal)
    return int(number.group(1)) if number else 0


def _refused(reason: str, more: list[str] | None = None) -> CheckedSvg:
    return CheckedSvg(0, 0, (reason, *(more or [])))


def _instruction_refusals(outline: _Outline) -> list[str]:
    return [
        f"line {line}: <?{target} …?> loads a stylesheet from outside the picture"
        for target, line in outline.instructions
        if target.lower() == "xml-stylesheet"
    ]


def _style_refusals(outline: _Outline) -> list[str]:
    return [
        f"line {line}: <style> {reason}"
        for text, line in outline.styles
        for reason in css_refusals(text)
    ]


def _element_refusals(element: _Element, check_raster: RasterCheck) -> list[str]:
    """Why this element is refused: what it is, or what its attributes refer to."""
    name = _local(element.name)
    where = f"line {element.line}: <{name}>"
    if name in _REFUSED_ELEMENTS:
        return [f"{where}: {_REFUSED_ELEMENTS[name]}"]
    refusals = []
    for attribute, value in element.attributes.items():
        local = _local(attribute)
        said = f'{where} {local}="{_shown(value)}"'
        if local.lower().startswith("on"):
            refusals.append(f"{said}: scripts are not allowed in pictures")
        elif local in _LINKS:
            refusals += [f"{said}: {reason}" for reason in _link_refusals(value, check_raster)]
        else:
            refusals += [f"{said}: {reason}" for reason in css_refusals(value)]
    return refusals


def _link_refusals(value: str, check_raster: RasterCheck) -> list[str]:
    value = value.strip()
    if value.startswith("#"):
        return []
    embedded = _EMBEDDED.fullmatch(value)
    if not embedded:
        return [
            "it refers to something outside the picture; an SVG picture may refer only to "
            "its own parts (#name) or embed a PNG or JPEG (data:image/png;base64,…)"
        ]
    try:
        data = base64.b64decode("".join(embedded.group(2).split()), validate=True)
    except (binascii.Error, ValueError):
        return ["the embedded picture is not valid base64"]
    refusal = check_raster(data, f"image/{embedded.group(1).lower()}")
    return [f"the embedded picture {refusal}"] if refusal else []


def css_refusals(css: str) -> list[str]:
    """Why a style (or an attribute read as one) may load something from outside the
    picture: ``@import``, ``url(…)`` not to ``#…``, the other picture-loading functions,
    or a CSS escape that could hide them."""
    if "\\" in css:
        return ["it has CSS escapes (\\), which pictures may not have: they could hide url("]
    refusals = []
    for match in _AT_RULE.finditer(css):
        if match.group(1).lower() == "import":
            refusals.append("@import loads a stylesheet from outside the picture")
    for match in _FUNCTION.finditer(css):
        name, first = match.group(1), match.group(3)
        if name.lower() in _LOADING and not (name.lower() == "url" and first == "#"):
            refusals.append(
                f"{name}(…) loads something from outside the picture; only url(#name), "
                "a part of the same file, may be used"
            )
    return refusals


def _size(root: _Element) -> tuple[int, int] | str:
    """The picture's size in pixels: its width and height if given in pixels, else its
    viewBox's. A viewBox is required: without it the picture would not scale to the width
    the content gives it."""
    box = root.attributes.get("viewBox", "").replace(",", " ").split()
    try:
        numbers = [float(part) for part in box]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
        return (
            'it has no usable viewBox (e.g. viewBox="0 0 800 600" on its <svg>), which a '
            "picture needs to be shown at the width given; save it with one"
        )
    width, height = numbers[2], numbers[3]
    given = [_NUMBER.fullmatch(root.attributes.get(name, "")) for name in ("width", "height")]
    if given[0] and given[1]:
        width, height = float(given[0].group(1)), float(given[1].group(1))
    return max(1, round(width)), max(1, round(height))


def word_png(data: bytes, width: int, height: int) -> bytes:
    """The SVG drawn as a PNG for Word (``width`` by ``height`` is its size, for the
    shape): :data:`WORD_WIDTH` pixels across, or less for a tall picture. Drawn by
    cairosvg in its safe mode (it fetches nothing but ``data:`` URLs). Raises OSError if
    the Cairo library is missing and ValueError (or another error) if it cannot be drawn.
    An SVG drawn before (the same bytes and size) is not drawn again (see load.cache)."""
    return remembered(
        "word-png",
        data,
        f"{width}x{height}",
        lambda: (_drawn_png(data, width, height), True),
        bytes,
        bytes,
    )


def _drawn_png(data: bytes, width: int, height: int) -> bytes:
    import cairosvg

    across = WORD_WIDTH
    if height * across > _MOST_PIXELS_DOWN * width:
        across = max(1, round(_MOST_PIXELS_DOWN * width / height))
    png = cairosvg.svg2png(bytestring=data, output_width=across, unsafe=False)
    assert isinstance(png, bytes)
    return png


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _shown(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= SHOWN else value[: SHOWN - 1] + "…"
