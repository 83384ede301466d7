"""How a table's width is shared among its columns, from the widths of the words in its
cells (in twips; see docx_tables for where they come from).

1. Each column gets at least its longest word (with the cell's margins and indentation),
   so no word has to break.
2. A column whose whole text fits on one line in an even share of the width gets it all
   (a date, a name). What is then left goes, a slice at a time, to the column where the
   slice saves the most lines over the whole table (a row is as tall as its tallest
   cell), so a column of long text widens before one whose rows are already as short as
   another cell makes them.
3. Whatever then saves no line goes to the columns whose text would still like more, in
   proportion to how much more, else in proportion to their widths: the table spans the
   width it is given.

When the longest words cannot all fit side by side, the narrowest columns in turn get
what they need while that is no more than an even share of what is left, and the widest
share the rest in proportion to their needs (there a word breaks: see docx_tables).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SLICES = 24
"""Into how many slices the width left over after step 1 is cut for step 2."""
_GROWTHS = (1, 2, 4, 8)
"""How many slices at once step 2 tries giving a column (one slice may save no line)."""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a cell: the width of each word, of a space between words, and the
    room its indentation takes beside them."""

    words: tuple[int, ...]
    space: int
    room: int = 0

    @property
    def least(self) -> int:
        return self.room + max(self.words, default=0)

    @property
    def most(self) -> int:
        return self.room + sum(self.words) + self.space * max(len(self.words) - 1, 0)

    def lines(self, width: int) -> int:
        """How many lines the paragraph takes in ``width`` (a word wider than the line
        takes a line of its own)."""
        room, count, used = width - self.room, 1, -self.space
        for word in self.words:
            if used + self.space + word > room and used > 0:
                count, used = count + 1, word
            else:
                used += self.space + word
        return count


@dataclass(frozen=True)
class Cell:
    """A cell of a table's grid: its first column, how many columns it spans, its
    paragraphs, and the least and most width of any table nested in it."""

    first: int
    span: int
    paragraphs: tuple[Paragraph, ...]
    nested: tuple[int, int] = (0, 0)

    @property
    def least(self) -> int:
        return max([self.nested[0], *(p.least for p in self.paragraphs)])

    @property
    def most(self) -> int:
        return max([self.nested[1], *(p.most for p in self.paragraphs)])

    def lines(self, width: int) -> int:
        return sum(p.lines(width) for p in self.paragraphs) or 1


def needs(rows: list[list[Cell]], count: int, margins: int) -> tuple[list[int], list[int]]:
    """The least and most width of each of ``count`` columns, ``margins`` included; a cell
    spanning columns adds what they lack, evenly."""
    least, most = [margins] * count, [margins] * count
    for cell in (c for row in rows for c in row if c.span == 1):
        least[cell.first] = max(least[cell.first], cell.least + margins)
        most[cell.first] = max(most[cell.first], cell.most + margins)
    for cell in (c for row in rows for c in row if c.span > 1):
        covered = range(cell.first, cell.first + cell.span)
        short = cell.least + margins - sum(least[i] for i in covered)
        longer = cell.most + margins - sum(most[i] for i in covered)
        for i in covered:
            least[i] += max(math.ceil(short / cell.span), 0)
            most[i] += max(math.ceil(longer / cell.span), 0)
    return least, [max(m, n) for m, n in zip(most, least, strict=True)]


def column_widths(rows: list[list[Cell]], count: int, width: int, margins: int) -> list[int]:
    """Widths of the ``count`` columns, in whole twips adding up to ``width``."""
    least, most = needs(rows, count, margins)
    if sum(least) > width:
        return whole_numbers(squeezed(least, width), width)
    widths = [float(n) for n in least]
    for column in _short_columns(least, most, width):
        widths[column] = most[column]
    left = _save_lines(rows, widths, width - sum(widths), margins)
    wanting = [max(m - w, 0.0) for m, w in zip(most, widths, strict=True)]
    weights = wanting if sum(wanting) else widths
    total = sum(weights) or 1.0
    return whole_numbers(
        [w + left * k / total for w, k in zip(widths, weights, strict=True)], width
    )


def _short_columns(least: list[int], most: list[int], width: int) -> list[int]:
    """Step 2's first part: the columns whose whole text fits in an even share of what
    the longer ones leave (found shortest first), where the others still get their least."""
    short: list[int] = []
    for column in sorted(range(len(most)), key=lambda i: most[i]):
        others = [i for i in range(len(most)) if i not in short and i != column]
        left = width - sum(most[i] for i in short)
        if not others or most[column] > left / (len(others) + 1):
            break
        if most[column] + sum(least[i] for i in others) > left:
            break
        short.append(column)
    return short


def _save_lines(rows: list[list[Cell]], widths: list[float], spare: float, margins: int) -> float:
    """Step 2: widen ``widths`` in place; returns the width still left."""
    columns = [[(r, c) for r, row in enumerate(rows) for c in row if c.span == 1 and c.first == i]
               for i in range(len(widths))]  # fmt: skip
    lines = [[0] * len(widths) for _ in rows]
    for i, cells in enumerate(columns):
        for r, cell in cells:
            lines[r][i] = cell.lines(int(widths[i]) - margins)
    height = sum(max(row, default=1) for row in lines)
    piece = spare / SLICES
    while piece > 0 and spare >= piece:
        best: tuple[float, int, float, list[tuple[int, int]]] | None = None
        for i, cells in enumerate(columns):
            for growth in (min(n * piece, spare) for n in _GROWTHS):
                changed = [(r, cell.lines(int(widths[i] + growth) - margins)) for r, cell in cells]
                saved = height - _height(lines, i, changed)
                if saved > 0 and (best is None or saved / growth > best[0]):
                    best = (saved / growth, i, growth, changed)
        if best is None:
            break
        _, i, growth, changed = best
        widths[i] += growth
        spare -= growth
        for r, count in changed:
            lines[r][i] = count
        height = sum(max(row, default=1) for row in lines)
    return spare


def _height(lines: list[list[int]], column: int, changed: list[tuple[int, int]]) -> int:
    """The table's height in lines if ``column``'s cells took the lines ``changed`` says."""
    new = dict(changed)
    return sum(
        max((new.get(r, n) if i == column else n for i, n in enumerate(row)), default=1)
        for r, row in enumerate(lines)
    )


def squeezed(least: list[int], width: int) -> list[float]:
    """Widths when the longest words cannot all fit side by side (see the module's
    description)."""
    widths = [0.0] * len(least)
    order = sorted(range(len(least)), key=lambda i: least[i])
    left = float(width)
    while order and least[order[0]] <= left / len(order):
        column = order.pop(0)
        widths[column], left = least[column], left - least[column]
    total = sum(least[i] for i in order)
    for column in order:
        widths[column] = left * least[column] / total
    return widths


def whole_numbers(widths: list[float], width: int) -> list[int]:
    """``widths`` as whole twips adding up to ``width`` exactly."""
    floors = [math.floor(w) for w in widths]
    order = sorted(range(len(widths)), key=lambda i: widths[i] - floors[i], reverse=True)
    for i in order[: max(width - sum(floors), 0)]:
        floors[i] += 1
    return floors
