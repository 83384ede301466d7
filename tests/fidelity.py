"""How faithfully a generated document carries a reference document's text.

Text is compared as lower-case letters and digits only, so layout, punctuation and
generated paragraph numbers do not count; a reference sentence is carried if it appears
anywhere in the document.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from string import ascii_lowercase

import docx
import pdfplumber
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

REFERENCE = Path(__file__).resolve().parent / "reference"
_LEADING_NUMBER = re.compile(r"^\s*(?:[-\u2022\u2013]\s*)?(?:\d+(?:\.\d+)*\.?|[a-z]\))\s+")
_ONLY_A_FIGURE = re.compile(r"[-+\u2013£]?\s*[\d,]*\.?\d+\s*%?|n/a|-|\*")
_CONTENTS_LINE = re.compile(r"^\s*(\d+\.)?\s*\t[^\t]*\t\s*\d*(\s\d+)?\s*$")
"""A contents-page line (chapter number, title, page): its page numbers are not counts."""
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_PAGE_FOOTER = re.compile(
    r"^(Page \d+ of \d+|DRAFT: not yet signed off, not for publication|Agenda Item \d+)$",
    re.MULTILINE,
)
"""Page furniture repeated on every page (page numbers, the draft notice, the agenda
item): not the document's text."""
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+")


def letters_and_digits(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def reference_sentences(reference: Path) -> list[str]:
    """Sentences and table cells of the reference, without their paragraph numbers. Cells
    that are only a figure are left to :func:`table_figures`."""
    sentences = []
    for line in reference.read_text(encoding="utf-8").splitlines():
        for cell in line.split("\t"):
            if _ONLY_A_FIGURE.fullmatch(cell.strip()):
                continue
            for sentence in _SENTENCE_END.split(_LEADING_NUMBER.sub("", cell)):
                if len(letters_and_digits(sentence)) >= 3:
                    sentences.append(sentence.strip())
    return sentences


def table_figures(reference: Path) -> list[str]:
    """Every count (whole number) in the reference's table rows (tab-separated lines)."""
    figures = []
    for line in reference.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not _CONTENTS_LINE.match(line):
            figures += whole_numbers(line)
    return figures


def whole_numbers(text: str) -> list[str]:
    """The whole numbers in ``text`` as tokens ("5,040" and "5040" are both 5040); parts of
    decimals ("56.7") are not whole numbers."""
    tokens = []
    for match in _NUMBER.finditer(text):
        whole, _, fraction = match.group().replace(",", "").partition(".")
        if not fraction.strip("0"):  # "82.0" is the whole number 82 printed as a rate
            tokens.append(whole)
    return tokens


def document_text(path: Path) -> str:
    """All the text of a generated DOCX, PDF or HTML file."""
    if path.suffix == ".docx":
        return docx_text(path)
    if path.suffix == ".pdf":
        return pdf_text(path)
    return html_text(path.read_text(encoding="utf-8"))


def list_labels(document: DocumentObject) -> dict[object, str]:
    """Each numbered paragraph's label and tab ("2.1\t", "b)\t"), counted in document
    order from its numbering's start (the single-level lists reportgen writes)."""
    numbering = document.part.numbering_part.element
    abstracts = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
    levels = {}
    for number in numbering.findall(qn("w:num")):
        abstract = abstracts[number.find(qn("w:abstractNumId")).get(qn("w:val"))]
        levels[number.get(qn("w:numId"))] = abstract.find(qn("w:lvl"))
    counts: dict[str, int] = {}
    labels = {}
    for paragraph in document.element.body.iter(qn("w:p")):
        number = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if number is None or number.get(qn("w:val")) not in levels:
            continue
        level = levels[number.get(qn("w:val"))]
        start = int(level.find(qn("w:start")).get(qn("w:val")))
        value = counts[number.get(qn("w:val"))] = counts.get(number.get(qn("w:val")), start - 1) + 1
        letters = level.find(qn("w:numFmt")).get(qn("w:val")) == "lowerLetter"
        shown = ascii_lowercase[value - 1] if letters else str(value)
        labels[paragraph] = level.find(qn("w:lvlText")).get(qn("w:val")).replace("%1", shown) + "\t"
    return labels


def docx_text(path: Path) -> str:
    document = docx.Document(path)
    labels = list_labels(document)  # Word numbering, as printed

    def text(paragraph: Paragraph) -> str:
        return labels.get(paragraph._p, "") + paragraph.text

    parts = [text(paragraph) for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += ["\n".join(map(text, cell.paragraphs)) for cell in row.cells]
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    """A PDF's text in reading order, each table cell read whole (not line by line across
    the columns), without the page-number footers."""
    parts = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            top = 0.0
            for table in sorted(page.find_tables(), key=lambda found: found.bbox[1]):
                parts.append(_band_text(page, top, table.bbox[1]))
                parts += [cell or "" for row in table.extract() for cell in row]
                top = table.bbox[3]
            parts.append(_band_text(page, top, page.height))
    return "\n".join(parts)


def _band_text(page: pdfplumber.page.Page, top: float, bottom: float) -> str:
    if bottom - top < 1:
        return ""
    band = page.crop((0, top, page.width, bottom))
    return _PAGE_FOOTER.sub("", band.extract_text() or "")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def missing_sentences(reference: Path, document: Path) -> tuple[list[str], int]:
    """The reference sentences the document lacks, and how many there were."""
    text = letters_and_digits(document_text(document))
    sentences = reference_sentences(reference)
    return [s for s in sentences if letters_and_digits(s) not in text], len(sentences)


def missing_figures(reference: Path, document: Path) -> list[str]:
    """Counts in the reference's tables that the document lacks, compared as tokens: each
    occurrence needs an occurrence of its own in the document."""
    available = Counter(whole_numbers(document_text(document)))
    missing = []
    for figure in table_figures(reference):
        if available[figure] > 0:
            available[figure] -= 1
        else:
            missing.append(figure)
    return missing


def libreoffice_to_pdf(scratch: Path, out: Path, documents: list[Path]) -> list[str]:
    """The soffice command converting ``documents`` to PDF in ``out``, with a profile of
    its own in ``scratch``."""
    return [
        soffice(),
        f"-env:UserInstallation={(scratch / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, documents),
    ]


def soffice() -> str:
    """LibreOffice's command (make test installs it: a missing one fails, not skips)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice is needed: sudo apt-get install -y libreoffice-writer-nogui"
    return found


def pdf_structure(path: Path) -> list[dict]:
    """Every element of a tagged PDF's structure tree (each a dictionary: /S its type,
    /Alt its alternative text …), depth first."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    nodes, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if hasattr(node, "get"):
            nodes.append(node)
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, list) else [kids])
    return nodes


def pdf_figure_alts(path: Path) -> list[str]:
    """The alternative text of every tagged Figure of a PDF."""
    return [str(n.get("/Alt", "")) for n in pdf_structure(path) if n.get("/S") == "/Figure"]


if __name__ == "__main__":
    for name in sys.argv[1:]:
        path = Path(name)
        reference = REFERENCE / f"{path.parent.name}-{path.stem}.txt"
        missing, total = missing_sentences(reference, path)
        print(
            f"{path}: {total - len(missing)}/{total} sentences "
            f"({100 * (total - len(missing)) / total:.1f}%), "
            f"figures missing: {missing_figures(reference, path)}"
        )
        for sentence in missing:
            print("  MISSING:", sentence)
