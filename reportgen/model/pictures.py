"""A picture placed in the text: ``- image: {file: …, alt: …}``.

The file is a PNG, JPEG or SVG in the year folder (or, if the year has none of that name,
in the shared ``content/library/``); what may be in it is checked when the year is
validated (:mod:`reportgen.validate.pictures`).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from reportgen.model.base import Content, text_field

NARROWEST, WIDEST = 10, 100
"""A picture's width, as a percentage of the text column."""


def _whole_percent(value: Any) -> Any:
    """``width: 60`` (per cent of the text column): a whole number from 10 to 100."""
    text = str(value).strip()
    if not text.isdigit() or not NARROWEST <= int(text) <= WIDEST:
        raise PydanticCustomError(
            "content_rule",
            f"found {text!r}; expected the picture's width as a whole number from "
            f"{NARROWEST} to {WIDEST}, the percentage of the text column it fills "
            "(e.g. width: 60)",
        )
    return int(text)


class Image(Content):
    """A picture (a PNG, JPEG or SVG file) with its alt text and an optional caption."""

    class Body(Content):
        file: str = text_field(
            "the picture file (PNG, JPEG or SVG), named from the year folder, e.g. "
            "pictures/structure-chart.svg; a file the year does not have is looked for in "
            "content/library/",
            "pictures/structure-chart.svg",
        )
        alt: str | None = Field(
            None,
            min_length=1,
            description="what the picture shows, for readers who cannot see it (alt text); "
            "required unless the picture is decorative",
            examples=[
                "Organisational chart: the board at the top, with five sub-groups beneath it"
            ],
        )
        caption: str | None = Field(
            None,
            min_length=1,
            description="a caption printed with the picture (optional)",
            examples=["CSP organisational chart"],
        )
        caption_position: Literal["below", "above"] = Field(
            "below", description="where the caption is printed: below (the default) or above"
        )
        width: Annotated[
            int,
            BeforeValidator(
                _whole_percent,
                json_schema_input_type=Annotated[int, Field(ge=NARROWEST, le=WIDEST)],
            ),
        ] = Field(
            WIDEST,
            description="how wide the picture is printed, as a percentage of the text "
            f"column: {NARROWEST} to {WIDEST} (the default)",
        )
        decorative: bool = Field(
            False,
            description="yes for a picture that adds nothing to the text (a flourish): it "
            "then has no alt text or caption, and screen readers pass over it",
        )

        @model_validator(mode="after")
        def _described_unless_decorative(self) -> Image.Body:
            if self.decorative:
                if self.alt is not None or self.caption is not None:
                    raise PydanticCustomError(
                        "content_rule",
                        f"the picture {self.file} is marked decorative: yes, so it has no alt "
                        "text or caption (screen readers pass over it); remove alt: and "
                        "caption:, or remove decorative: yes if the picture tells the reader "
                        "something",
                    )
                return self
            if self.alt is None:
                raise PydanticCustomError(
                    "content_rule",
                    f"the picture {self.file} has no alt text: add alt: saying what it shows, "
                    "for readers who cannot see it (or decorative: yes for a picture that adds "
                    "nothing to the text)",
                )
            if _is_file_name(self.alt, self.file):
                raise PydanticCustomError(
                    "content_rule",
                    f"the alt text of {self.file} is its file name; say what the picture "
                    "shows, e.g. alt: Organisational chart: the board at the top, with five "
                    "sub-groups beneath it",
                )
            return self

    image: Body = Field(
        description="a picture: file and alt, and optionally caption, caption_position, "
        "width and decorative"
    )


def _is_file_name(alt: str, file: str) -> bool:
    """Whether alt text is only the picture's file name (with or without its folder and
    extension): a screen reader would read out "structure-chart dot svg"."""
    path = PurePosixPath(file)
    names = {file, path.name, path.stem, path.stem.replace("-", " ").replace("_", " ")}
    return alt.strip().lower() in {name.lower() for name in names}
