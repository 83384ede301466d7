"""A picture as laid out: the checked file (read once, when the year was validated) with
its alt text, caption and width, ready for every format."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from reportgen.model.house_style import Logo
from reportgen.model.pictures import Image
from reportgen.types import CheckedPicture


@dataclass(frozen=True)
class PictureView:
    """A picture ready to place. ``alt`` is empty for a decorative picture (which has no
    caption either); ``width_percent`` is a share of the text column, 10 to 100."""

    file: str
    media_type: str
    data: bytes
    sha256: str
    alt: str
    decorative: bool
    caption: str
    caption_above: bool
    width_percent: int
    pixel_width: int
    pixel_height: int
    word_png: bytes | None = None
    """For an SVG, the PNG drawn from it for Word; None for a PNG or JPEG (used as it is)."""

    @property
    def data_url(self) -> str:
        """The picture inline, for HTML and the PDF (an SVG in an ``<img>`` runs nothing)."""
        return f"data:{self.media_type};base64," + base64.b64encode(self.data).decode("ascii")

    @property
    def height_percent(self) -> str:
        """Its height as a percentage of its width (e.g. "56.25"), for laying out a
        decorative picture as a background."""
        return f"{100 * self.pixel_height / self.pixel_width:.3f}"

    @property
    def word_picture(self) -> bytes:
        """What Word is given: the PNG or JPEG itself, or an SVG's PNG."""
        return self.word_png if self.word_png is not None else self.data


def picture_view(block: Image, picture: CheckedPicture) -> PictureView:
    """The ``- image:`` block with the picture it names."""
    image = block.image
    return _view(
        image.file,
        picture,
        alt="" if image.decorative else image.alt or "",
        decorative=image.decorative,
        caption=image.caption or "",
        caption_above=image.caption_position == "above",
        width_percent=image.width,
    )


def logo_view(logo: Logo | None, picture: CheckedPicture | None) -> PictureView | None:
    """The house style's logo, to place on a document's cover (None without one)."""
    if logo is None or picture is None:
        return None
    return _view(
        logo.file,
        picture,
        alt=logo.alt or "",
        decorative=logo.decorative,
        caption="",
        caption_above=False,
        width_percent=logo.width,
    )


def _view(
    file: str,
    picture: CheckedPicture,
    *,
    alt: str,
    decorative: bool,
    caption: str,
    caption_above: bool,
    width_percent: int,
) -> PictureView:
    """A checked picture as placed: what the file holds, and how this place shows it."""
    return PictureView(
        file=file,
        media_type=picture.file.media_type,
        data=picture.file.data,
        sha256=picture.file.sha256,
        alt=alt,
        decorative=decorative,
        caption=caption,
        caption_above=caption_above,
        width_percent=width_percent,
        pixel_width=picture.width,
        pixel_height=picture.height,
        word_png=picture.word_png,
    )
