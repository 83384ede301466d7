"""Every sample Word file, and the priority-plan test year's, passes the accessibility
audit of tests/docx_audit.py (issue 14): no heading skips, lists numbered by Word, text
contrast ≥ 4.5:1, table text ≥ 10 pt, en-GB throughout, core properties from the
content, a described watermark and headings in the house style's font."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLE_YEARS
from tests.docx_audit import KINDS, Audit, audit, contrast

HEADING_FONTS = {"2026-27": "Liberation Serif"}
"""The heading font each built year's house style asks for (by the output folder's name);
the samples' files are checked against whatever font their Heading 1 uses."""


@pytest.fixture(scope="module")
def word_files(built_samples: dict[str, Path], built_priority_plan: Path) -> list[Path]:
    files = [f for year in SAMPLE_YEARS for f in sorted(built_samples[year].glob("*.docx"))]
    return files + sorted(built_priority_plan.glob("*.docx"))


@pytest.fixture(scope="module")
def audits(word_files: list[Path]) -> dict[Path, Audit]:
    """Each Word file audited once."""
    return {path: audit(path, HEADING_FONTS.get(path.parent.name)) for path in word_files}


@pytest.mark.parametrize("kind", KINDS)
def test_no_word_file_has_defects_of_this_kind(audits: dict[Path, Audit], kind: str) -> None:
    assert len(audits) >= 7
    assert any(path.parent.name in HEADING_FONTS for path in audits)
    found = {
        f"{path.parent.name}/{path.name}": defects
        for path, result in audits.items()
        if (defects := result.defects[kind])
    }
    assert found == {}


def test_the_lists_are_word_lists_labelled_as_before(word_files: list[Path]) -> None:
    import docx

    from tests.fidelity import list_labels

    report = next(p for p in word_files if p.name == "committee-report.docx")
    labels = list(list_labels(docx.Document(report)).values())
    assert labels[:2] == ["1.\t", "2.\t"]  # the recommendations
    assert "1.1\t" in labels and "2.1\t" in labels and "2.2\t" in labels
    assert [label for label in labels if label[0].isalpha()][:3] == ["a)\t", "b)\t", "c)\t"]


def test_the_audit_finds_what_it_looks_for() -> None:
    assert round(contrast("4F81BD", "FFFFFF"), 2) == 4.03  # python-docx's Caption blue
    assert contrast("000000", "FFFFFF") == 21
