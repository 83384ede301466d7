"""Step 1 — load: a YAML mistake explained the way a reviewer would fix it.

The YAML reader stops where it gives up, in its own words ("mapping values are not
allowed here", "expected <block end>, but found '?'"), often lines after the real mistake
or at the end of the file. Here the common mistakes are recognised — a missing '- ', a
': ' inside unquoted text, an apostrophe inside '…', a tab, a line indented wrongly, a
quote never closed, a ' #' that ends a text early — and reported on the line where the
mistake is, with that line shown, a marker under the place and, where one line can be
mended, that line mended. The advice never asks to delete anything the reviewer wrote.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from reportgen.load.mistakes.failure import Diagnosis, Failure, failure, quoted, shown
from reportgen.load.mistakes.layout import LAYOUT_MISTAKES
from reportgen.load.mistakes.quotes import QUOTING_MISTAKES
from reportgen.problems import Problem

__all__ = ["quoted", "shown", "syntax_problem"]

_GENERAL = (
    "this line could not be read. Check its indentation against the lines above, that "
    "every item of a list starts with '- ', and that text holding ': ' or ' #', or starting "
    "with a quote or one of [ ] { } & * ! | > @ ` %, is put in quotes"
)
# Quoting first: a quote or a special character explains an indentation error it causes.
_MISTAKES = (*QUOTING_MISTAKES, *LAYOUT_MISTAKES)


def syntax_problem(path: Path, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """The problem for a file the YAML reader could not read: placed on the mistake, in
    plain English, with the line shown, a marker under the place and the line mended."""
    found = failure(text, error)
    if found is None:
        return Problem(path, _GENERAL.replace("this line", "the file", 1) + ".")
    diagnosis = next((d for mistake in _MISTAKES if (d := mistake(found))), None)
    diagnosis = diagnosis or _general(found)
    message = diagnosis.advice.rstrip(".") + "."
    message += shown(found.lines, diagnosis.line, diagnosis.column, diagnosis.fix)
    return Problem(path, message, diagnosis.line + 1, diagnosis.column + 1)


def _general(found: Failure) -> Diagnosis:
    at = found.at
    if at.line >= len(found.lines) and found.start is not None:
        at = found.start
    return Diagnosis(at.line, at.column, _GENERAL)
