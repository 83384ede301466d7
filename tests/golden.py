"""Golden files: what each sample document says, as normalised text, kept in the repo so a
change to the output shows up in review as a readable diff.

Regenerate them on purpose (after checking the change is wanted) with ``make golden``,
i.e. ``.venv/bin/python -m tests.golden``. Only DOCX and HTML are kept: their text does
not depend on the machine's fonts, unlike a PDF's line breaks.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import docx
from docx.text.paragraph import Paragraph

from tests.fidelity import html_text, list_labels

_PAGE_NUMBER = re.compile(r"\t\d*$")
GOLDEN = Path(__file__).resolve().parent / "golden"
CONTENT = Path(__file__).resolve().parent / "data" / "samples"
"""The samples' frozen copy (``make samples``), not the officers' content/."""


def normalised_docx(path: Path) -> str:
    """Each paragraph on a line, prefixed by its style; tables as ``| cell | cell |`` rows.
    Contents page numbers come from a LibreOffice layout: checked elsewhere, shown as #.
    A paragraph in a Word list shows its label as Word prints it, then a tab."""
    document = docx.Document(path)
    labels = list_labels(document)

    def text(paragraph: Paragraph) -> str:
        return labels.get(paragraph._p, "") + paragraph.text

    lines = [
        f"[{p.style.name}] {_PAGE_NUMBER.sub(chr(9) + '#', text(p))}"
        if p.style.name.startswith("Contents")
        else f"[{p.style.name}] {text(p)}"
        for p in document.paragraphs
        if p.text.strip()
    ]
    for table in document.tables:
        lines.append("")
        for row in table.rows:
            cells = [" / ".join("\n".join(map(text, c.paragraphs)).split("\n")) for c in row.cells]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def normalised_html(path: Path) -> str:
    """The visible text, one sentence-ish chunk per line."""
    text = " ".join(html_text(path.read_text(encoding="utf-8")).split())
    return text.replace(". ", ".\n") + "\n"


NORMALISE = {"docx": normalised_docx, "html": normalised_html}


def golden_path(year: str, document: str, fmt: str) -> Path:
    return GOLDEN / year / f"{document}.{fmt}.txt"


def regenerate() -> None:
    from reportgen import build

    for year in sorted(path.parent for path in CONTENT.glob("*/report.yaml")):
        with tempfile.TemporaryDirectory() as out:
            for path in build(year, formats=list(NORMALISE), out=out):
                target = golden_path(year.name, path.stem, path.suffix[1:])
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(NORMALISE[path.suffix[1:]](path), encoding="utf-8")
                print(f"wrote {target.relative_to(GOLDEN.parent.parent)}", file=sys.stderr)


if __name__ == "__main__":
    regenerate()
