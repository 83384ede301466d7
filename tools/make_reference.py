"""Write docs/reference.md, every field of every content file (run: make reference).

The reference is generated from the content model (reportgen/model/) by
reportgen.commands.reference, so it always says what ``reportgen check`` accepts: each
field's kind of value in plain words, whether it must be given, the same description
``check`` quotes when a value is wrong, and an example. Do not edit docs/reference.md by
hand; change the model's descriptions (or examples) and run this again.
"""

from __future__ import annotations

from pathlib import Path

from reportgen.commands.reference import reference, write_reference

OUT = Path(__file__).resolve().parent.parent / "docs" / "reference.md"

__all__ = ["OUT", "main", "reference"]


def main() -> None:
    print(f"wrote {write_reference(OUT)}")


if __name__ == "__main__":
    main()
