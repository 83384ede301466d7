"""What ``diff`` prints: the counts, the priorities added and removed, then per document
and section each change, reworded words as ``… [-removed-]{+added+} …`` (as ``status``
shows them), a long passage added or removed shortened (the redlines have every word)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reportgen.compare.documents import Comparison, DocumentChange, PassageChange, SectionChange
from reportgen.compare.words import format_redline, marked, word_changes

SHOWN_WORDS = 30
"""How many words of a passage added or removed the summary shows."""


@dataclass(frozen=True)
class Counts:
    """How much changed, for the first line of the summary."""

    priorities_added: int = 0
    priorities_removed: int = 0
    sections_added: int = 0
    sections_removed: int = 0
    headings_reworded: int = 0
    passages_reworded: int = 0
    passages_added: int = 0
    passages_removed: int = 0

    @property
    def any(self) -> bool:
        return any(vars(self).values())


def counts(comparison: Comparison) -> Counts:
    """How many priorities, sections and passages were added, removed and reworded (the
    passages of a section added or removed included)."""
    sections = list(_every(s for d in comparison.documents for s in d.sections))
    passages = [p.state for s in sections for p in s.passages]
    return Counts(
        len(comparison.priorities_added),
        len(comparison.priorities_removed),
        sum(s.state == "added" for s in sections),
        sum(s.state == "removed" for s in sections),
        sum(s.renamed for s in sections),
        passages.count("reworded"),
        passages.count("added"),
        passages.count("removed"),
    )


def _every(sections: Iterable[SectionChange]) -> Iterable[SectionChange]:
    for section in sections:
        yield section
        yield from _every(section.sections)


def headline(comparison: Comparison) -> str:
    """The first line: what was compared, and the counts."""
    c = counts(comparison)
    return (
        f"{comparison.old} → {comparison.new}: "
        f"priorities {c.priorities_added} added, {c.priorities_removed} removed; "
        f"sections {c.sections_added} added, {c.sections_removed} removed, "
        f"{c.headings_reworded} heading(s) reworded; passages {c.passages_reworded} reworded, "
        f"{c.passages_added} added, {c.passages_removed} removed."
    )


def summary(comparison: Comparison) -> list[str]:
    """The whole summary, line by line: counts, priorities, then each document."""
    lines = [headline(comparison)]
    if comparison.priorities_added:
        lines.append("Priorities added: " + ", ".join(comparison.priorities_added))
    if comparison.priorities_removed:
        lines.append("Priorities removed: " + ", ".join(comparison.priorities_removed))
    for document in comparison.documents:
        lines += _document(document, comparison)
    return lines


def _document(document: DocumentChange, comparison: Comparison) -> list[str]:
    name = f"{document.name} ({document.title})"
    if not document.in_new:
        return [f"{name}: in {comparison.old} only; not compared."]
    if not document.in_old:
        return [f"{name}: in {comparison.new} only; not compared."]
    changed = [s for s in document.sections if s.state != "unchanged"]
    if not changed:
        return [f"{name}: no changes."]
    return [f"{name}:", *(line for s in changed for line in _section(s, "  "))]


def _section(section: SectionChange, indent: str) -> list[str]:
    heading = f"{section.label} {section.title}".strip()
    if section.state in ("added", "removed"):
        size = sum(1 for _ in _passages(section))
        return [f"{indent}section {section.state}: {heading} ({size} passage(s))"]
    lines = [f"{indent}{heading}:"]
    if section.renamed:
        assert section.old is not None and section.new is not None
        reworded = marked(section.old.title, section.new.title)
        lines.append(f"{indent}  heading reworded: {reworded}")
    lines += [line for p in section.passages for line in _passage(p, indent + "  ")]
    for beneath in section.sections:
        if beneath.state != "unchanged":
            lines += _section(beneath, indent + "  ")
    return lines


def _passages(section: SectionChange) -> Iterable[PassageChange]:
    yield from section.passages
    for beneath in section.sections:
        yield from _passages(beneath)


def _passage(passage: PassageChange, indent: str) -> list[str]:
    if passage.state == "same":
        return []
    start = f"{indent}{passage.state} {passage.kind}: "
    if passage.state == "reworded":
        changes = format_redline(word_changes(passage.before, passage.after)).splitlines()
        return [start + changes[0], *(" " * len(start) + line for line in changes[1:])]
    text = passage.before if passage.state == "removed" else passage.after
    words = text.split()
    shown = " ".join(words[:SHOWN_WORDS]) + (" …" if len(words) > SHOWN_WORDS else "")
    removed, added = (shown, "") if passage.state == "removed" else ("", shown)
    return [start + marked(removed, added)]
