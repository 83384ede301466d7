"""How the agenda pack's pages are numbered, to fit the council's committee system:

- ``continuous``: the item's own pages, "Page 1 of 42" to "Page 42 of 42" (the default);
- ``off``: no page numbers printed (the committee system stamps its own);
- a number, e.g. ``37``: the committee system numbers the whole agenda and the item's
  first page is its page 37, so the pages print "Page 37", "Page 38" … (no "of": the
  agenda's length is not known here).

The PDF's page labels (/PageLabels) give a PDF viewer the same numbers as printed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

CONTINUOUS = "continuous"
OFF = "off"
_HIGHEST = 99_999
"""The highest first page taken: an agenda is never longer; more is a typing slip."""


@dataclass(frozen=True)
class PageNumbers:
    """How the pack's pages are numbered: ``style`` and, when numbered from a given page,
    the number its first page prints."""

    style: Literal["continuous", "off", "from"] = "continuous"
    first_page: int = 1

    @classmethod
    def parse(cls, text: str) -> PageNumbers:
        """``continuous``, ``off`` or the first page's number (``37``), as typed after
        ``--page-numbers``; anything else is refused with a ValueError saying why."""
        typed = text.strip().casefold()
        if typed == CONTINUOUS:
            return cls()
        if typed == OFF:
            return cls("off")
        if not typed.isdecimal():
            raise ValueError(
                f"{text!r} is not a way to number the pages: give continuous (Page 1 of N, "
                "the default), off (no page numbers), or the number the committee system "
                "gives the item's first page, e.g. 37."
            )
        first = int(typed)
        if not 1 <= first <= _HIGHEST:
            raise ValueError(
                f"{text!r} cannot be the item's first page: give a page number from 1 to "
                f"{_HIGHEST:,}."
            )
        return cls("from", first)

    def __str__(self) -> str:
        """As ``--page-numbers`` takes it: continuous, off or the first page's number."""
        return str(self.first_page) if self.style == "from" else self.style

    def described(self) -> str:
        """In words, for the command's report: "pages numbered from 37"."""
        if self.style == "off":
            return "no page numbers"
        if self.style == "from":
            return f"pages numbered from {self.first_page}"
        return "pages numbered for the item alone (Page 1 of N)"

    def as_json(self) -> dict[str, Any]:
        """As the manifest records it: the style and the first page's printed number
        (none when no numbers are printed)."""
        return {"style": self.style, "first_page": None if self.style == "off" else self.first_page}

    def css(self) -> str:
        """The page footer as the pack prints it (house-style.css's footer, "Page N of M",
        is the continuous one)."""
        if self.style == "off":
            return "@page { @bottom-center { content: none; } }\n"
        if self.style == "from":
            return (
                '@page { @bottom-center { content: "Page " counter(page); } }\n'
                f"@page :first {{ counter-reset: page {int(self.first_page)}; }}\n"
            )
        return ""

    @property
    def first_label(self) -> int | None:
        """The number a PDF viewer shows for the first page (None: no page labels)."""
        return None if self.style == "off" else self.first_page


def label_pages(pdf: Any, first: int) -> None:
    """Give ``pdf`` (a pydyf PDF, before it is written) decimal page labels starting at
    ``first``, so a viewer's page numbers are the printed ones."""
    import pydyf

    style = pydyf.Dictionary({"S": "/D", "St": first})
    pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array([0, style])})
