"""What every command's --help shares: its examples, one per line, as the README gives
them (tests/test_help_examples.py keeps the two the same)."""

from __future__ import annotations


def examples(*lines: str) -> str:
    """A command's --help epilog: ``Examples:`` and the lines, kept as typed."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)
