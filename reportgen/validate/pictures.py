"""Pictures the content places (``- image: {file: …}``), each found, read and checked
once: inside the content folder (see :mod:`reportgen.load.pictures`), what its extension
says, within the pixel limits (read from the file's header, before any decoding, so a
picture claiming 20000 by 20000 pixels is refused at once), decoding whole, and for an SVG,
referring to nothing outside itself (:mod:`reportgen.validate.svg`) and drawable as the PNG
Word is given.

:func:`check_picture` checks one picture named in any YAML field (a house style's logo can
use it too); :func:`read_pictures` checks every ``- image:`` block of a year's files.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.load.paths import content_folder
from reportgen.load.pictures import read_picture
from reportgen.load.yaml import named_values
from reportgen.problems import Problem, display_path
from reportgen.types import CheckedPicture, FieldPath, PictureFile, YamlFile
from reportgen.validate.svg import check_svg, word_png

if TYPE_CHECKING:
    from PIL.Image import Image as Picture

MAX_PIXELS = 40_000_000
"""The most pixels a picture may have (40 megapixels: a large photograph)."""
MAX_SIDE = 10_000
"""The most pixels a picture may have across or down."""
_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"RIFF", "a RIFF file (e.g. a WebP picture)"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip file (e.g. a Word document)"),
    (b"BM", "a BMP picture"),
    (b"II*\x00", "a TIFF picture"),
    (b"MM\x00*", "a TIFF picture"),
)
_SHOWN_REFUSALS = 5
"""At most this many reasons are listed for one SVG (then how many more)."""


def check_picture(
    written: str, year: Path | None, file: YamlFile, at: FieldPath, content: Path | None = None
) -> tuple[CheckedPicture | None, list[Problem]]:
    """The picture a YAML field names (``written``, at ``at`` in ``file``), looked for in
    the ``year`` folder (None: the shared library only) and then the shared library of the
    ``content`` folder (by default the year's), checked; or the problems, placed on that
    field."""
    content = content or content_folder(year if year is not None else file.path.parent)
    found = picture_or_refusal(written, content, year)
    if isinstance(found, str):
        return None, [file.problem(at, not_used(found))]
    return found, []


def picture_or_refusal(written: str, content: Path, year: Path | None) -> CheckedPicture | str:
    """The checked picture, or why it is refused (a sentence naming the picture file)."""
    read = read_picture(written, content, year)
    if isinstance(read, str):
        return read
    if read.media_type == "image/svg+xml":
        return _checked_svg(read)
    size = raster_size(read.data, read.media_type)
    if isinstance(size, str):
        return f"{display_path(read.path)} {size}"
    return CheckedPicture(read, *size)


def read_pictures(
    year: Path | None, files: Iterable[YamlFile], content: Path | None = None
) -> tuple[dict[str, CheckedPicture], list[Problem]]:
    """Every picture the ``- image:`` blocks of ``files`` place (a file given twice is
    read once), by ``file:`` as written, looked for in the ``year`` folder (None: the
    library alone) and then the shared library of ``content`` (by default the year's);
    each checked once, and a picture refused reported at every block that places it."""
    pictures: dict[str, CheckedPicture] = {}
    refused: dict[str, str] = {}
    problems = []
    if content is None:
        assert year is not None, "the content folder is needed when there is no year"
        content = content_folder(year)
    for file in {id(file): file for file in files}.values():
        for path, block in named_values(file.data, "image", kind=dict):
            written = block.get("file")
            if not isinstance(written, str) or not written.strip():
                continue  # the content model reports it
            written = written.strip()  # as the content model reads it
            if written not in pictures and written not in refused:
                found = picture_or_refusal(written, content, year)
                if isinstance(found, str):
                    refused[written] = found
                else:
                    pictures[written] = found
            if written in refused:
                problems.append(file.problem((*path, "file"), not_used(refused[written])))
    return pictures, problems


def not_used(refusal: str) -> str:
    """The error for a picture refused: why, as one sentence."""
    return f"the picture was not used: {refusal}" + ("" if refusal.endswith((".", "?")) else ".")


def raster_size(data: bytes, media_type: str) -> tuple[int, int] | str:
    """A PNG's or JPEG's width and height in pixels; or why it is refused (a phrase
    following the file's name): not what its name says, too many pixels (read from its
    header, before anything is decoded), or not decoding whole."""
    kind = _FORMATS[media_type]
    looks_like = _looks_like(data)
    if looks_like != f"a {kind} picture":
        return f"is not a {kind} picture: its bytes are {looks_like}; save it as {kind}"
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind]) as image:
                width, height = image.size  # from the header: nothing decoded yet
                refusal = too_many_pixels(width, height)
                if refusal:
                    return refusal
                _load_whole(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        return f"claims far too many pixels ({error}); {_LIMITS}"
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        return f"could not be read as a {kind} picture ({error}); save it again as {kind}"
    return width, height


def _load_whole(image: Picture) -> None:
    """Decode every pixel, refusing a truncated file (OSError) even where another library
    (WeasyPrint does, on import) has told Pillow to accept truncated pictures."""
    from PIL import ImageFile

    accepting = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accepting


_LIMITS = f"a picture may have at most {MAX_PIXELS // 1_000_000} megapixels and {MAX_SIDE:,} "
_LIMITS += "pixels across or down: save it smaller"


def too_many_pixels(width: int, height: int) -> str | None:
    """Why a picture of this size is refused, or None."""
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        return f"is {width:,} by {height:,} pixels; {_LIMITS}"
    if width < 1 or height < 1:
        return f"is {width} by {height} pixels: it shows nothing"
    return None


def _looks_like(data: bytes) -> str:
    """What a file's first bytes say it is."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    start = data.lstrip()[:200].lower()
    if start.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in start:
        return "an SVG picture"
    if start.startswith((b"<!doctype html", b"<html")):
        return "a web page (HTML)"
    return (
        "not a picture of a kind reportgen knows" if data else "empty (the file has nothing in it)"
    )


def _embedded_refusal(data: bytes, media_type: str) -> str | None:
    size = raster_size(data, media_type)
    return size if isinstance(size, str) else None


def _checked_svg(read: PictureFile) -> CheckedPicture | str:
    """An SVG checked (every reason it is refused, with its line in the SVG) and drawn
    as a PNG for Word."""
    looks_like = _looks_like(read.data)
    if looks_like != "an SVG picture" and not looks_like.startswith("not a picture"):
        shown = display_path(read.path)
        return f"{shown} is not an SVG picture: its bytes are {looks_like}; save it as SVG"
    svg = check_svg(read.data, _embedded_refusal)
    if svg.refusals:
        listed = list(svg.refusals[:_SHOWN_REFUSALS])
        if len(svg.refusals) > _SHOWN_REFUSALS:
            listed.append(f"and {len(svg.refusals) - _SHOWN_REFUSALS} more")
        return f"{display_path(read.path)} is refused: " + "; ".join(listed)
    try:
        png = word_png(read.data, svg.width, svg.height)
    except OSError as error:
        return (
            f"{display_path(read.path)} could not be drawn for the Word version: the Cairo "
            f"library is missing ({error}); install it with: sudo apt-get install -y libcairo2"
        )
    except Exception as error:  # cairosvg raises many kinds for a drawing it cannot make
        shown = display_path(read.path)
        return f"{shown} could not be drawn for the Word version ({error}); save it again"
    return CheckedPicture(read, svg.width, svg.height, word_png=png)
