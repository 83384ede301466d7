"""``publish --page-numbers``: how the agenda pack's pages are numbered, checked as typed
(a value that is not one is bad usage: exit 2, saying what to give)."""

from __future__ import annotations

from typing import Any

import click

from reportgen.render.page_numbers import PageNumbers


class PageNumbersType(click.ParamType):
    """``continuous``, ``off`` or the first page's number → :class:`PageNumbers`."""

    name = "continuous|off|N"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, PageNumbers):
            return value
        try:
            return PageNumbers.parse(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


PAGE_NUMBERS = click.option(
    "--page-numbers",
    type=PageNumbersType(),
    default=None,
    metavar="continuous|off|N",
    help="How the pack's pages are numbered: continuous (Page 1 of N, the default), off "
    "(none printed), or the number your committee system gives the item's first page "
    '(37: "Page 37", "Page 38" ...).',
)
