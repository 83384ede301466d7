"""What every part of the content model shares: unknown fields are errors, values are
fixed, text is stripped; dates are written YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class Content(BaseModel):
    """Base for every part of the content: unknown fields are errors, values are fixed."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD: no timestamps, times or other spellings a reviewer might misread."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    if isinstance(value, dt.date):
        return value
    raise ValueError("a real date written as YYYY-MM-DD, e.g. 2018-02-13")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def text_field(description: str, example: str | None = None) -> Any:
    """A required, non-empty text field (with an example for the reference, where its
    description gives none the starter year shows)."""
    return Field(min_length=1, description=description, examples=[example] if example else None)
