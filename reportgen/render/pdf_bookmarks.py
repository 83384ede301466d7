"""The PDF's bookmarks, tidied before they are written: WeasyPrint makes one of every
heading, word for word. A bookmark is a place to go to, so:

- a trailing colon ("Current projects:") is left off;
- a bookmark with its parent's title (a document's title page heading beneath the
  document), or a top-level bookmark with an earlier one's title, is left out;
- a title that several bookmarks of one document share ("Priority completed and future
  actions" under each priority) names no place, so those bookmarks are left out, their
  own bookmarks moving up to the bookmark before them.

A document is a top-level bookmark with everything beneath it (in the agenda pack, each
of the pack's documents)."""

from __future__ import annotations

from collections import Counter
from typing import Any

Bookmark = tuple[int, str, Any, Any]
"""WeasyPrint's bookmark on a page: level, label, position, open or closed."""


def tidy_bookmarks(pages: list[Any]) -> None:
    """Tidy the bookmarks of a laid-out WeasyPrint document's ``pages`` in place."""
    found = [(page, bookmark) for page in pages for bookmark in page.bookmarks]
    levels = [bookmark[0] for _, bookmark in found]
    labels = [_without_colon(bookmark[1]) for _, bookmark in found]
    kept = _kept(levels, labels)
    for page in pages:
        page.bookmarks = []
    for (page, bookmark), label, keep in zip(found, labels, kept, strict=True):
        if keep:
            page.bookmarks.append((bookmark[0], label, *bookmark[2:]))


def _without_colon(label: str) -> str:
    stripped = label.rstrip().rstrip(":").rstrip()
    return stripped or label


def _kept(levels: list[int], labels: list[str]) -> list[bool]:
    keys = [label.casefold() for label in labels]
    kept = [not _repeats_parent(levels, keys, index) for index in range(len(keys))]
    top = min(levels, default=1)
    starts = [index for index, level in enumerate(levels) if level == top]
    for later, start in enumerate(starts):
        if keys[start] in (keys[earlier] for earlier in starts[:later]):
            kept[start] = False
    for start, end in zip(starts, [*starts[1:], len(levels)], strict=False):
        shared = Counter(keys[index] for index in range(start + 1, end) if kept[index])
        for index in range(start + 1, end):
            if shared[keys[index]] > 1:
                kept[index] = False
    return kept


def _repeats_parent(levels: list[int], keys: list[str], index: int) -> bool:
    """Whether bookmark ``index`` has the title of the bookmark it sits beneath."""
    for before in range(index - 1, -1, -1):
        if levels[before] < levels[index]:
            return keys[before] == keys[index]
    return False
