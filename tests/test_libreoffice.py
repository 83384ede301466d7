"""Every generated DOCX opens in a real word processor (LibreOffice) and converts cleanly.

soffice exits 0 even when it cannot load a file, so the test checks that each PDF was
written, has pages and carries the document's text, and that nothing went to stderr
beyond LibreOffice's harmless Java notice.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
from pypdf import PdfReader

from tests.fidelity import letters_and_digits, libreoffice_to_pdf

HARMLESS = ("javaldx", "java may not function")


def test_docx_opens_and_converts_in_libreoffice(
    built_samples: dict[str, Path], tmp_path: Path
) -> None:
    documents = sorted(p for out in built_samples.values() for p in out.glob("*.docx"))
    inputs = []
    for document in documents:
        copy = tmp_path / f"{document.parent.name}-{document.name}"
        shutil.copy(document, copy)
        inputs.append(copy)
    result = subprocess.run(
        libreoffice_to_pdf(tmp_path, tmp_path / "pdf", inputs),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    complaints = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and not any(h in line for h in HARMLESS)
    ]
    assert complaints == [], result.stderr
    for docx_file in inputs:
        pdf = tmp_path / "pdf" / f"{docx_file.stem}.pdf"
        assert pdf.is_file(), f"LibreOffice did not convert {docx_file.name}: {result.stdout}"
        reader = PdfReader(pdf)
        text = letters_and_digits(" ".join(page.extract_text() for page in reader.pages))
        assert len(reader.pages) >= 3
        document = docx_file.stem.split("-", 2)[-1]
        heading = {
            "committee-report": "Cross-cutting issues and implications",
            "strategic-assessment": "Road Safety in Maidstone",
            "community-safety-plan": "Further information",
        }[document]
        assert letters_and_digits(heading) in text
        assert "{{" not in text and "{%" not in text


def test_word_contents_page_numbers_are_saved_in_the_file(
    built_samples: dict[str, Path], tmp_path: Path
) -> None:
    """The contents entries carry their page numbers as saved field results (what Word
    shows on opening), and they match where LibreOffice lays the headings out."""
    path = built_samples["2016-17"] / "strategic-assessment.docx"
    document = docx.Document(path)
    entries = [p for p in document.paragraphs if p.style.name in ("Contents 1", "Contents 2")]
    pages = [int(p.text.rsplit("\t", 1)[-1]) for p in entries]
    assert len(pages) > 40 and pages == sorted(pages) and pages[0] >= 3
    road = next(p for p in entries if "Road Safety in Maidstone" in p.text)
    page = int(road.text.rsplit("\t", 1)[-1])
    subprocess.run(
        libreoffice_to_pdf(tmp_path, tmp_path, [path]),
        capture_output=True,
        timeout=300,
        check=False,
    )
    reader = PdfReader(tmp_path / "strategic-assessment.pdf")
    assert letters_and_digits("7.1 Road Safety in Maidstone") in letters_and_digits(
        reader.pages[page - 1].extract_text()
    )
