"""Two versions of a year's documents compared: the priorities added and removed, then per
document and section what was added, removed and reworded, word by word.

Sections are matched by title at each level (a chapter's sections within the chapter);
an unmatched section whose words are mostly those of an unmatched earlier one is the same
section with its heading reworded, not one removed and another added. Within a section,
passages (paragraphs, list items, table rows …) the same in both are kept; where they
differ, a passage is paired with a nearby one of the same kind sharing at least half its
words (reworded), and the rest are removed or added."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportgen.compare.text import DocumentText, Passage, SectionText, YearText
from reportgen.compare.words import SIMILAR, Piece, redline, similarity

PassageState = Literal["same", "added", "removed", "reworded"]
SectionState = Literal["unchanged", "changed", "added", "removed"]

NEARBY = 8
"""How far ahead (in passages) a reworded passage is looked for."""
ONE_OF_A_KIND = frozenset(
    ("title", "subtitle", "edition", "organisation", "committee", "meeting date")
)
"""Passages a document has one of: a new one is the old one reworded, however unlike."""


@dataclass(frozen=True)
class PassageChange:
    """A passage of the section as it was and as it is: the same, added, removed or
    reworded, with its words as pieces (removed and added runs marked)."""

    kind: str
    state: PassageState
    pieces: tuple[Piece, ...]
    before: str = ""
    after: str = ""
    prefix: str = ""


@dataclass(frozen=True)
class SectionChange:
    """A section as it was (``old``) and as it is (``new``), one of them None if it was
    added or removed; its heading's words as pieces, its passages and its sections."""

    state: SectionState
    old: SectionText | None
    new: SectionText | None
    heading: tuple[Piece, ...]
    passages: tuple[PassageChange, ...]
    sections: tuple[SectionChange, ...]

    @property
    def label(self) -> str:
        """Its number as printed now (or, if removed, as it was)."""
        return (self.new or self.old or SectionText("")).label

    @property
    def title(self) -> str:
        """Its title now (or, if removed, as it was)."""
        return (self.new or self.old or SectionText("")).title

    @property
    def renamed(self) -> bool:
        """Whether its heading was reworded (its number changing does not count)."""
        return self.old is not None and self.new is not None and self.old.title != self.new.title


@dataclass(frozen=True)
class DocumentChange:
    """A document compared (``sections`` empty when it is in only one of the years)."""

    name: str
    title: str
    in_old: bool
    in_new: bool
    sections: tuple[SectionChange, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """What changed between two versions of a year."""

    old: str
    new: str
    priorities_added: tuple[str, ...]
    priorities_removed: tuple[str, ...]
    documents: tuple[DocumentChange, ...]

    @property
    def title(self) -> str:
        """What the redlines are called: "What changed from 2016-17 to 2018-19"."""
        return f"What changed from {self.old} to {self.new}"


def compare_years(old: YearText, new: YearText) -> Comparison:
    """Compare two years' text: the priorities, then each document either year has (in
    reportgen's order of documents, those of only one year named but not compared)."""
    names = [*new.documents, *(name for name in old.documents if name not in new.documents)]
    return Comparison(
        old.label,
        new.label,
        tuple(name for name in new.priorities if name not in old.priorities),
        tuple(name for name in old.priorities if name not in new.priorities),
        tuple(_document(old.documents.get(name), new.documents.get(name)) for name in names),
    )


def _document(old: DocumentText | None, new: DocumentText | None) -> DocumentChange:
    either = new or old
    assert either is not None
    if old is None or new is None:
        return DocumentChange(either.name, either.title, old is not None, new is not None)
    return DocumentChange(
        new.name, new.title, True, True, compare_sections(old.sections, new.sections)
    )


def compare_sections(
    old: Sequence[SectionText], new: Sequence[SectionText]
) -> tuple[SectionChange, ...]:
    """Sections matched by title, then a reworded heading by its words; in the new order,
    each removed section where it stood."""
    pairs = _matched(old, new)
    matched_old = set(pairs.values())
    left = [i for i in range(len(old)) if i not in matched_old]
    changes: list[SectionChange] = []
    for j, section in enumerate(new):
        # the sections removed before the next one kept go first (as Word puts them)
        kept = next((pairs[k] for k in range(j, len(new)) if k in pairs), len(old))
        while left and left[0] < kept:
            changes.append(whole_section(old[left.pop(0)], "removed"))
        i = pairs.get(j)
        changes.append(whole_section(section, "added") if i is None else _section(old[i], section))
    changes += [whole_section(old[i], "removed") for i in left]
    return tuple(changes)


def _matched(old: Sequence[SectionText], new: Sequence[SectionText]) -> dict[int, int]:
    """New section's index → the old one it is: same title (the nth of a title with the
    nth), else mostly the same words, else (for sections without words) the same place."""
    by_title: dict[str, list[int]] = {}
    for i, section in enumerate(old):
        by_title.setdefault(_key(section.title), []).append(i)
    pairs: dict[int, int] = {}
    for j, section in enumerate(new):
        if by_title.get(_key(section.title)):
            pairs[j] = by_title[_key(section.title)].pop(0)
    old_left = [i for i in range(len(old)) if i not in pairs.values()]
    new_left = [j for j in range(len(new)) if j not in pairs]
    candidates = sorted(
        (-similarity(old[i].body, new[j].body), abs(i - j), i, j)
        for i in old_left
        for j in new_left
        if old[i].body or new[j].body
    )
    taken = set(pairs.values())
    for score, _, i, j in candidates:
        if -score >= SIMILAR and j not in pairs and i not in taken:
            pairs[j] = i
            taken.add(i)
    for j in new_left:
        if j not in pairs and j in old_left and j not in taken and not old[j].body + new[j].body:
            pairs[j] = j
    return pairs


def _key(title: str) -> str:
    return " ".join(title.casefold().split())


def _section(old: SectionText, new: SectionText) -> SectionChange:
    passages = compare_passages(old.passages, new.passages)
    sections = compare_sections(old.sections, new.sections)
    changed = (
        old.title != new.title
        or any(p.state != "same" for p in passages)
        or any(s.state != "unchanged" for s in sections)
    )
    return SectionChange(
        "changed" if changed else "unchanged",
        old,
        new,
        redline(old.title, new.title),
        passages,
        sections,
    )


def whole_section(section: SectionText, state: Literal["added", "removed"]) -> SectionChange:
    """A section added or removed, with everything in it."""
    return SectionChange(
        state,
        section if state == "removed" else None,
        section if state == "added" else None,
        (Piece(state, section.title),),
        tuple(_whole(passage, state) for passage in section.passages),
        tuple(whole_section(beneath, state) for beneath in section.sections),
    )


def _whole(passage: Passage, state: Literal["added", "removed", "same"]) -> PassageChange:
    before = "" if state == "added" else passage.text
    after = "" if state == "removed" else passage.text
    return PassageChange(
        passage.kind, state, (Piece(state, passage.text),), before, after, passage.prefix
    )


def compare_passages(old: Sequence[Passage], new: Sequence[Passage]) -> tuple[PassageChange, ...]:
    """The passages in order: those the same in both kept, the rest paired as reworded
    where they can be, else removed or added."""
    changes: list[PassageChange] = []
    matcher = difflib.SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [_whole(passage, "same") for passage in new[j1:j2]]
        else:
            changes += _paired(old[i1:i2], new[j1:j2])
    return tuple(changes)


def _paired(old: Sequence[Passage], new: Sequence[Passage]) -> list[PassageChange]:
    """Passages that differ: each paired with the nearest similar one of the same kind
    (reworded), those between removed or added."""
    changes: list[PassageChange] = []
    i = j = 0
    while i < len(old) and j < len(new):
        pair = _nearest_pair(old, new, i, j)
        if pair is None:
            changes += [_whole(old[i], "removed"), _whole(new[j], "added")]
            i, j = i + 1, j + 1
            continue
        k, m = pair
        changes += [_whole(passage, "removed") for passage in old[i:k]]
        changes += [_whole(passage, "added") for passage in new[j:m]]
        changes.append(reworded(old[k], new[m]))
        i, j = k + 1, m + 1
    changes += [_whole(passage, "removed") for passage in old[i:]]
    changes += [_whole(passage, "added") for passage in new[j:]]
    return changes


def _nearest_pair(
    old: Sequence[Passage], new: Sequence[Passage], i: int, j: int
) -> tuple[int, int] | None:
    """The nearest pair of similar passages of the same kind from ``old[i]`` and
    ``new[j]`` on (within :data:`NEARBY` of each), the most similar of equally near ones."""
    found = sorted(
        (k - i + m - j, -score, k, m)
        for k in range(i, min(i + NEARBY, len(old)))
        for m in range(j, min(j + NEARBY, len(new)))
        if old[k].kind == new[m].kind
        and (
            (score := similarity(old[k].text, new[m].text)) >= SIMILAR
            or old[k].kind in ONE_OF_A_KIND
        )
    )
    return (found[0][2], found[0][3]) if found else None


def reworded(old: Passage, new: Passage) -> PassageChange:
    """A passage reworded, its words as pieces."""
    return PassageChange(
        new.kind, "reworded", redline(old.text, new.text), old.text, new.text, new.prefix
    )
